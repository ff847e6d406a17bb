// Placeholder until the feature is built.
export function ResultsPage(_props: Record<string, unknown>) {
  return <p>…</p>;
}
