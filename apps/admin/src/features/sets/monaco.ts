/**
 * Monaco, bundled from the monaco-editor package (never a CDN), trimmed to
 * what a JSON editor needs: the editor API, every editor feature (what
 * editor.main registers, minus its ~80 languages) and the JSON language with
 * its worker. The criteria-set JSON Schema (Vietnamese descriptions) drives
 * completion, hover and markers for models whose path ends in .criteria-set.json.
 */
import "monaco-editor/features/register.all";
// A monospace font with every Vietnamese glyph, bundled (never a CDN): its subsets load only with the editor.
import "@fontsource/roboto-mono/400.css";
import * as api from "monaco-editor/editor/editor.api";
import * as json from "monaco-editor/languages/features/json/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import JsonWorker from "monaco-editor/languages/features/json/json.worker?worker";
import { loader } from "@monaco-editor/react";
import { CRITERIA_SET_SCHEMA_URI } from "@cds/criteria-schema";
import schema from "@cds/criteria-schema/criteria-set.schema.json";
import { SCHEMA_FILE_MATCH } from "./editor-types.ts";

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === "json" ? new JsonWorker() : new EditorWorker()),
};

json.jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  trailingCommas: "error",
  comments: "error",
  enableSchemaRequest: false,
  schemaValidation: "error",
  schemas: [{ uri: CRITERIA_SET_SCHEMA_URI, fileMatch: [SCHEMA_FILE_MATCH], schema }],
});

/**
 * The editor's font: Roboto Mono, bundled from @fontsource with its Vietnamese subset, so tone marks sit on
 * their letters ("số", "Hoạt động") whatever the machine has installed. Monaco's default ends in whatever
 * "monospace" is (DejaVu Sans Mono on Debian, which draws a second mark beside the letter); the rest of the
 * list only matters if the bundled font cannot load.
 */
export const MONO_FONTS = "'Roboto Mono', 'Liberation Mono', Consolas, 'Courier New', Menlo, monospace";

// Monaco measures character widths once: measure again when the bundled font (and its Vietnamese subset) is in.
void document.fonts
  ?.load("13px 'Roboto Mono'", "Hoạt động số ăđơư")
  .then(() => api.editor.remeasureFonts())
  .catch(() => undefined);

/** The Monaco namespace @monaco-editor/react works with: the editor API plus `json` (as in `import * as monaco from "monaco-editor"`). */
export const monaco = { ...api, json };

loader.config({ monaco });

export type { api };
