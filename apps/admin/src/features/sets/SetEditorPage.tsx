/**
 * /sets/:versionId — a lazy chunk of its own (see App.tsx). Monaco is a
 * further lazy chunk: it loads only when the JSON or comparison view opens.
 */
import { lazy, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ErrorBox, Link, Spinner, useI18n, type Me } from "@cds/ui";
import { versionQuery } from "./api.ts";
import type { EditorComponents } from "./editor-types.ts";
import { SetEditor } from "./SetEditor.tsx";
import { RebaseBanner } from "./RebaseBanner.tsx";

const monacoComponents: EditorComponents = {
  JsonEditor: lazy(() => import("./MonacoJsonEditor.tsx")),
  TextDiff: lazy(() => import("./MonacoTextDiff.tsx")),
};

export default function SetEditorPage({
  me,
  versionId,
  components = monacoComponents,
}: {
  me: Me;
  versionId: string;
  components?: EditorComponents;
}) {
  const { t } = useI18n();
  const q = useQuery(versionQuery(versionId));
  // Set by the publish dialog; the refetched version then comes back PUBLISHED and the editor remounts read-only.
  const [justPublished, setJustPublished] = useState(false);
  // A draft rebased in place comes back with a new document: the editor remounts on it.
  const [rebases, setRebases] = useState(0);
  if (q.isPending) return <Spinner />;
  if (q.isError)
    return (
      <>
        <Link to="/sets">{t("editor.back")}</Link>
        <ErrorBox error={q.error} />
      </>
    );
  const v = q.data;
  // Publishing turns the draft read-only: the editor remounts on the published document (key) and says so.
  return (
    <>
      <RebaseBanner key={v.id} version={v} onRebased={() => setRebases((n) => n + 1)} />
      <SetEditor
        key={`${v.id}:${v.status}:${rebases}`}
        me={me}
        version={v}
        components={components}
        notice={justPublished && v.status === "PUBLISHED" ? t("editor.published", { version: v.version }) : null}
        onPublished={() => setJustPublished(true)}
      />
    </>
  );
}
