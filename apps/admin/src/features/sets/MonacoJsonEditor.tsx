/**
 * The JSON view: Monaco on the draft's text. The page owns the text; this
 * component mirrors it into the model with minimal edits (so a change made in
 * the table keeps the cursor, the scroll position and undo), reports typing
 * back, shows the criteria-schema issues as markers and reveals what the
 * check panel points at.
 */
import { useEffect, useRef, useState } from "react";
import { Editor } from "@monaco-editor/react";
import type { editor } from "monaco-editor";
import { Spinner, useI18n } from "@cds/ui";
import { MONO_FONTS, monaco } from "./monaco.ts";
import type { JsonEditorProps } from "./editor-types.ts";

/** The smallest single replacement that turns `from` into `to`. */
function minimalEdit(from: string, to: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start++;
  let endFrom = from.length;
  let endTo = to.length;
  while (endFrom > start && endTo > start && from[endFrom - 1] === to[endTo - 1]) {
    endFrom--;
    endTo--;
  }
  return { start, end: endFrom, text: to.slice(start, endTo) };
}

export default function MonacoJsonEditor({
  text,
  modelPath,
  readOnly,
  markers,
  reveal,
  onChange,
  onSave,
}: JsonEditorProps) {
  const { t } = useI18n();
  const editorRef = useRef<editor.IStandaloneCodeEditor | null>(null);
  const [mounted, setMounted] = useState(false);
  const onSaveRef = useRef(onSave);
  useEffect(() => {
    onSaveRef.current = onSave;
  }, [onSave]);

  // The page's text → the model (edits made in the table, a reload).
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const current = model.getValue();
    if (current === text) return;
    const e = minimalEdit(current, text);
    const range = monaco.Range.fromPositions(model.getPositionAt(e.start), model.getPositionAt(e.end));
    model.pushEditOperations([], [{ range, text: e.text, forceMoveMarkers: true }], () => null);
    model.pushStackElement();
  }, [text, mounted]);

  // criteria-schema's issues (semantic rules, fields fixed by the platform, the server's verdict) as markers.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      "cds",
      markers.map((m) => {
        const s = model.getPositionAt(m.offset);
        const e = model.getPositionAt(m.offset + Math.max(1, m.length));
        return {
          severity: monaco.MarkerSeverity.Error,
          message: m.message,
          startLineNumber: s.lineNumber,
          startColumn: s.column,
          endLineNumber: e.lineNumber,
          endColumn: e.column,
        };
      }),
    );
  }, [markers, mounted, text]);

  useEffect(() => {
    const ed = editorRef.current;
    const model = ed?.getModel();
    if (!ed || !model || !reveal) return;
    const s = model.getPositionAt(reveal.offset);
    const e = model.getPositionAt(reveal.offset + reveal.length);
    const range = new monaco.Selection(s.lineNumber, s.column, e.lineNumber, e.column);
    ed.setSelection(range);
    ed.revealRangeInCenter(range);
    ed.focus();
  }, [reveal, mounted]);

  return (
    <div className="monaco-frame">
      <Editor
        height="100%"
        path={modelPath}
        defaultLanguage="json"
        defaultValue={text}
        loading={<Spinner label={t("editor.loadingEditor")} />}
        options={{
          readOnly,
          readOnlyMessage: { value: t("json.readOnly") },
          ariaLabel: t("json.ariaLabel"),
          minimap: { enabled: false },
          fontSize: 13,
          fontFamily: MONO_FONTS,
          tabSize: 2,
          insertSpaces: true,
          wordWrap: "on",
          automaticLayout: true,
          scrollBeyondLastLine: false,
          fixedOverflowWidgets: true,
          renderValidationDecorations: "on",
          unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: true },
        }}
        onMount={(ed) => {
          editorRef.current = ed;
          ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => onSaveRef.current());
          setMounted(true);
        }}
        onChange={(v) => {
          if (v !== undefined && v !== text) onChange(v);
        }}
      />
    </div>
  );
}
