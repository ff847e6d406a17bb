// Placeholder until the feature is built.
export function MyAssessmentsPage(_props: Record<string, unknown>) {
  return <p>…</p>;
}
