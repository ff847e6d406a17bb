// Placeholder until the feature is built.
export function UnitResultPage(_props: Record<string, unknown>) {
  return <p>…</p>;
}
