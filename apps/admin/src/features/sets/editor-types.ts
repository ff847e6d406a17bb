/**
 * The two Monaco-backed views, as the editor sees them. The page plugs in the
 * Monaco implementations (a lazy chunk); tests plug in plain stand-ins, so the
 * table, the checks and the save/publish flow are tested without Monaco.
 */
import type { ComponentType } from "react";

export interface TextRange {
  offset: number;
  length: number;
}

export interface JsonEditorProps {
  text: string;
  /** Model path; its file name matches the criteria-set JSON Schema's fileMatch. */
  modelPath: string;
  readOnly: boolean;
  /** Issues of criteria-schema and of the server, placed on the text. */
  markers: (TextRange & { message: string })[];
  /** Select and reveal this range (a new nonce each time the user asks). */
  reveal: (TextRange & { nonce: number }) | null;
  onChange(text: string): void;
  onSave(): void;
}

export interface TextDiffProps {
  original: string;
  modified: string;
  modelPath: string;
}

export interface EditorComponents {
  JsonEditor: ComponentType<JsonEditorProps>;
  TextDiff: ComponentType<TextDiffProps>;
}

/** File names the criteria-set schema applies to in Monaco. */
export const SCHEMA_FILE_MATCH = "*.criteria-set.json";

export function modelPathFor(id: string, kind = "draft"): string {
  return `inmemory://cds/${kind}-${id.replace(/[^A-Za-z0-9]/g, "_")}.criteria-set.json`;
}
