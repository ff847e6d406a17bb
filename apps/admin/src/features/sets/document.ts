/**
 * The draft document as text, and the edits the table view makes on it.
 *
 * The editor keeps ONE piece of state: the JSON text. The object the table and
 * the validation see is parsed from it; the table's edits are applied back to
 * the text as small surgical edits (jsonc-parser `modify`), so what the user
 * typed in the JSON view — its layout, its key order — survives a table edit,
 * and Monaco's cursor and undo history stay where they were.
 */
import {
  applyEdits,
  findNodeAtLocation,
  modify,
  parse,
  parseTree,
  printParseErrorCode,
  type JSONPath,
  type Node,
  type ParseError,
} from "jsonc-parser";
import type { Target, TCriteriaSet, TCriterion } from "@cds/criteria-schema";

export type { Target };

/** A syntax error in the JSON text: where it is and what the parser expected. */
export interface SyntaxIssue {
  offset: number;
  length: number;
  line: number;
  column: number;
  /** jsonc-parser's code, e.g. "CommaExpected"; the UI translates it. */
  code: string;
}

export interface ParsedText {
  /** The parsed value, or null when the text is not valid JSON. */
  value: unknown;
  syntax: SyntaxIssue[];
}

const PARSE_OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** Parses the editor's text. Strict JSON: no comments, no trailing commas (the API stores plain JSON). */
export function parseText(text: string): ParsedText {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, PARSE_OPTIONS);
  if (errors.length === 0) return { value, syntax: [] };
  return {
    value: null,
    syntax: errors.map((e) => ({
      offset: e.offset,
      length: e.length,
      code: printParseErrorCode(e.error),
      ...lineColumn(text, e.offset),
    })),
  };
}

/**
 * JSON as people read it: two-space indentation, but short arrays and small
 * objects of plain values on one line, so `"targets": [30, 40, 60, 80, 90]`
 * reads as one row of the decision's table.
 */
export function formatDocument(value: unknown): string {
  return print(value, "") + "\n";
}

const INLINE_WIDTH = 72;

function isPlain(v: unknown): boolean {
  return v === null || typeof v !== "object";
}

function inline(v: unknown): string | null {
  if (isPlain(v)) return JSON.stringify(v);
  if (Array.isArray(v)) {
    const parts = v.map(inline);
    return parts.some((p) => p === null) ? null : `[${parts.join(", ")}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length > 3) return null;
  const parts = entries.map(([k, x]) => {
    const s = inline(x);
    return s === null ? null : `${JSON.stringify(k)}: ${s}`;
  });
  return parts.some((p) => p === null) ? null : `{ ${parts.join(", ")} }`;
}

/** `used`: columns already taken on the line by the property's key. */
function print(v: unknown, indent: string, used = 0): string {
  if (isPlain(v)) return JSON.stringify(v);
  const one = inline(v);
  if (one !== null && indent.length + used + one.length <= INLINE_WIDTH) return one;
  const inner = indent + "  ";
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return `[\n${v.map((x) => inner + print(x, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${print(x, inner, JSON.stringify(k).length + 2)}`).join(",\n")}\n${indent}}`;
}

// ---- JSON pointers ----

/** RFC 6901 pointer → path segments (array indexes as numbers). */
export function pointerToPath(pointer: string): JSONPath {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .replace(/^\//, "")
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * The text range a pointer designates: the value's node, or — when the pointer
 * names something missing (a required property not yet written) — the nearest
 * ancestor that exists. Null when the text does not parse at all.
 */
export function rangeOfPointer(text: string, pointer: string): { offset: number; length: number } | null {
  const root = parseTree(text, [], PARSE_OPTIONS);
  if (!root) return null;
  const path = pointerToPath(pointer);
  for (let n = path.length; n >= 0; n--) {
    const node: Node | undefined = n === 0 ? root : findNodeAtLocation(root, path.slice(0, n));
    if (node) {
      // The root or a whole criterion is long: select its first line only, not the whole screen.
      if (n === 0) return { offset: node.offset, length: 1 };
      if (node.type === "object" && n < path.length) {
        const prop = node.parent?.type === "property" ? node.parent : node;
        return { offset: prop.offset, length: Math.min(prop.length, 1) };
      }
      return { offset: node.offset, length: node.length };
    }
  }
  return null;
}

/** Where a pointer lands in the table: a criterion's row, and a level's cell when it points into `targets`. */
export function cellOfPointer(doc: unknown, pointer: string): { code: string; level: number | null } | null {
  const path = pointerToPath(pointer);
  if (path[0] !== "criteria" || typeof path[1] !== "number") return null;
  const criteria = (doc as { criteria?: unknown } | null)?.criteria;
  if (!Array.isArray(criteria)) return null;
  const code = (criteria[path[1]] as { code?: unknown } | undefined)?.code;
  if (typeof code !== "string") return null;
  const level = path[2] === "targets" && typeof path[3] === "number" ? path[3] + 1 : null;
  return { code, level };
}

// ---- edits the table view makes ----

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: "\n" } };

function indexOfCriterion(doc: TCriteriaSetLike, code: string): number {
  const i = doc.criteria.findIndex((c) => c.code === code);
  if (i < 0) throw new Error(`no criterion ${code}`);
  return i;
}

/** The little the edits need to know of the document: criteria with codes and groups. */
export interface TCriteriaSetLike {
  criteria: { code: string; group: string }[];
}

/** Sets one criterion's target at one level (1-based); `null` = Không áp dụng. */
export function setTarget(text: string, doc: TCriteriaSetLike, code: string, level: number, target: Target): string {
  const ci = indexOfCriterion(doc, code);
  return applyEdits(text, modify(text, ["criteria", ci, "targets", level - 1], target, FORMAT));
}

/** Inserts a criterion after the last one of its group (or at the end), as the decision's tables order them. */
export function addCriterion(text: string, doc: TCriteriaSetLike, criterion: TCriterion): string {
  let at = -1;
  doc.criteria.forEach((c, i) => {
    if (c.group === criterion.group) at = i;
  });
  const index = at < 0 ? doc.criteria.length : at + 1;
  const edited = applyEdits(text, modify(text, ["criteria", index], criterion, { ...FORMAT, isArrayInsertion: true }));
  // jsonc-parser writes the new object fully expanded; re-print just that element in the document's compact style.
  const root = parseTree(edited, [], PARSE_OPTIONS);
  const node = root && findNodeAtLocation(root, ["criteria", index]);
  if (!node) return edited;
  const lineStart = edited.lastIndexOf("\n", node.offset) + 1;
  const indent = edited.slice(lineStart, node.offset).match(/^\s*/)?.[0] ?? "";
  return edited.slice(0, node.offset) + print(criterion, indent) + edited.slice(node.offset + node.length);
}

export function removeCriterion(text: string, doc: TCriteriaSetLike, code: string): string {
  const ci = indexOfCriterion(doc, code);
  return applyEdits(text, modify(text, ["criteria", ci], undefined, FORMAT));
}

/**
 * Sets the value at a path of the document (the scoring table's edits: a maximum, a weight, a band);
 * `undefined` removes the property or the array element.
 */
export function setAt(text: string, path: JSONPath, value: unknown): string {
  return applyEdits(text, modify(text, path, value, FORMAT));
}

/** Inserts `value` into the array at `path` (at its end when `index` is past it), printed in the document's compact style. */
export function insertAt(text: string, path: JSONPath, index: number, value: unknown): string {
  const at = [...path, index];
  const edited = applyEdits(text, modify(text, at, value, { ...FORMAT, isArrayInsertion: true }));
  const root = parseTree(edited, [], PARSE_OPTIONS);
  const node = root && findNodeAtLocation(root, at);
  if (!node) return edited;
  const lineStart = edited.lastIndexOf("\n", node.offset) + 1;
  const indent = edited.slice(lineStart, node.offset).match(/^\s*/)?.[0] ?? "";
  return edited.slice(0, node.offset) + print(value, indent) + edited.slice(node.offset + node.length);
}

/**
 * A target to put back when a cell stops being "Không áp dụng": what it held
 * before, else what the base set has there, else the level below's target
 * (keeps the ladder rising), else a neutral default for the measure.
 */
export function defaultTarget(c: TCriterion, level: number, remembered?: Target, base?: Target): NonNullable<Target> {
  if (remembered !== undefined && remembered !== null) return remembered;
  if (base !== undefined && base !== null) return base;
  for (let li = level - 2; li >= 0; li--) {
    const t = c.targets[li];
    if (t !== null && t !== undefined) return t;
  }
  switch (c.measure) {
    case "percentage":
      return 50;
    case "boolean":
      return true;
    case "minCount":
      return 1;
    case "countOrAll":
      return { min: 1, orAll: false };
    case "childLevels":
      return { allAtLeast: Math.max(1, level - 1), share: null };
  }
}

/** Reads a number as a Vietnamese civil servant types it: "12,5" or "12.5"; null when it is not a number. */
export function parseDecimal(s: string): number | null {
  const t = s.trim().replace(/\s/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** The reverse of parseDecimal, for an input's value: no thousands separators, a decimal comma in Vietnamese. */
export function decimalText(n: number, locale: "vi" | "en"): string {
  const s = String(n);
  return locale === "vi" ? s.replace(".", ",") : s;
}

/** Checks what the API fixes for a draft (its set id, version, unit kind, issuer), so they show before saving. */
export function fixedFieldIssues(
  doc: Partial<Pick<TCriteriaSet, "id" | "version" | "unitKind">> & { issuer?: { tenant?: string } },
  expected: { setCode: string; version: string; unitKind: string; tenant: string },
): { pointer: string; message: string; messageEn: string }[] {
  const out: { pointer: string; message: string; messageEn: string }[] = [];
  const check = (pointer: string, field: string, actual: unknown, want: string) => {
    if (actual !== undefined && actual !== want) {
      out.push({
        pointer,
        message: `${field} phải là "${want}" (do nền tảng quy định cho bản nháp này)`,
        messageEn: `${field} must be "${want}" (fixed for this draft)`,
      });
    }
  };
  check("/id", "id", doc.id, expected.setCode);
  check("/version", "version", doc.version, expected.version);
  check("/unitKind", "unitKind", doc.unitKind, expected.unitKind);
  check("/issuer/tenant", "issuer.tenant", doc.issuer?.tenant, expected.tenant);
  return out;
}
