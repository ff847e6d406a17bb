/**
 * Reading what a Vietnamese user types into a cell: numbers with a decimal
 * comma ("85,5") or dot thousands ("1.500"), yes/no words ("Có", "có", "x").
 * Only the mapping from a cell to a value lives here; whether the value is
 * valid is criteria-core's to judge.
 */
import type ExcelJS from "exceljs";

/** A cell's content: a number, a boolean, text, a date, an Excel error, or null when empty. */
export type CellContent = number | boolean | string | Date | { error: string } | null;

export function content(cell: ExcelJS.Cell): CellContent {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "string") return v.trim() === "" ? null : v;
  if (typeof v === "object") {
    if ("richText" in v) return content({ value: v.richText.map((r) => r.text).join("") } as ExcelJS.Cell);
    if ("formula" in v || "sharedFormula" in v)
      return content({ value: (v as { result?: ExcelJS.CellValue }).result ?? null } as ExcelJS.Cell);
    if ("error" in v) return { error: String(v.error) };
    if ("text" in v) return content({ value: (v as { text: string }).text } as ExcelJS.Cell);
  }
  return String(v);
}

/** Text of a cell for comparisons (header checks, codes). */
export function text(cell: ExcelJS.Cell): string {
  const c = content(cell);
  if (c === null) return "";
  if (typeof c === "object" && !(c instanceof Date)) return c.error;
  return String(c).trim();
}

/** Texts normalised lately: a province's file repeats a few words ("Có", "Không") thousands of times. */
const NORMALISED = new Map<string, string>();

/** Lowercase, composed, single-spaced: how typed words are compared. */
export function normalise(s: string): string {
  let n = NORMALISED.get(s);
  if (n === undefined) {
    n = s.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();
    if (NORMALISED.size >= 4096) NORMALISED.clear();
    NORMALISED.set(s, n);
  }
  return n;
}

/** "85,5" → 85.5; "1.500" → 1500; "1.5" → 1.5; "12 345" → 12345; null when it is not a number. */
export function parseNumber(s: string, allowPercentSign = false): number | null {
  let t = s.replace(/[\s\u00a0]/g, "");
  if (allowPercentSign && t.endsWith("%")) t = t.slice(0, -1);
  if (/^[+-]?\d+(\.\d{3})*(,\d+)?$/.test(t)) return Number(t.replace(/\./g, "").replace(",", "."));
  if (/^[+-]?(\d+(,\d{3})+)?(\.\d+)?$/.test(t) && /\d/.test(t)) return Number(t.replace(/,/g, ""));
  if (/^[+-]?\d*\.\d+$/.test(t)) return Number(t);
  return null;
}

export const YES_WORDS = ["có", "co", "x", "yes", "y", "true", "đúng", "đạt"];
export const NO_WORDS = ["không", "khong", "ko", "no", "n", "false", "sai"];
export const NO_SUBJECTS_WORDS = ["không có đối tượng", "khong co doi tuong"];
export const NOT_APPLICABLE_WORDS = ["không áp dụng", "khong ap dung", "kad"];
