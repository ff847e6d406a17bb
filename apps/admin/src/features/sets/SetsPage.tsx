import type { Me } from "@cds/ui";

// Placeholder until the feature is built.
export function SetsPage(_props: { me: Me; [k: string]: unknown }) {
  return <p>…</p>;
}
