import type { Me } from "@cds/ui";

export default function SetEditorPage(_props: { me: Me; versionId: string }) {
  return <p>…</p>;
}
