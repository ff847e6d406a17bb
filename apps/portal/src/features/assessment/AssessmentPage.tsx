// Placeholder until the feature is built.
export function AssessmentPage(_props: Record<string, unknown>) {
  return <p>…</p>;
}
