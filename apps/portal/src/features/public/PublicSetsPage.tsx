// Placeholder until the feature is built.
export function PublicSetsPage(_props: Record<string, unknown>) {
  return <p>…</p>;
}
