/** Monaco's diff editor: the base set's document (left) against the draft (right), unchanged regions folded. */
import { DiffEditor } from "@monaco-editor/react";
import { Spinner, useI18n } from "@cds/ui";
import { MONO_FONTS } from "./monaco.ts";
import type { TextDiffProps } from "./editor-types.ts";

export default function MonacoTextDiff({ original, modified, modelPath }: TextDiffProps) {
  const { t } = useI18n();
  return (
    <div className="monaco-frame diff-frame">
      <DiffEditor
        height="100%"
        language="json"
        original={original}
        modified={modified}
        // Not "*.criteria-set.json": the comparison is for reading, without the schema's markers.
        originalModelPath={`${modelPath}.base.json`}
        modifiedModelPath={`${modelPath}.draft.json`}
        // Disposing the models on unmount races the widget ("TextModel got disposed before DiffEditorWidget
        // model got reset"); keep them: the next visit reuses them by path.
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        loading={<Spinner label={t("editor.loadingEditor")} />}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          minimap: { enabled: false },
          wordWrap: "on",
          automaticLayout: true,
          scrollBeyondLastLine: false,
          fontSize: 13,
          fontFamily: MONO_FONTS,
          hideUnchangedRegions: { enabled: true, contextLineCount: 2, minimumLineCount: 4 },
          ariaLabel: t("diff.text"),
        }}
      />
    </div>
  );
}
