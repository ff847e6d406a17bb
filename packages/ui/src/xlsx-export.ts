/**
 * XLSX export of a DataTable: the columns with their header labels and kinds,
 * the rows as shown (filtered and sorted), written by @cds/workbook's
 * tableWorkbook (real number cells #,##0, real date cells dd/mm/yyyy, a bold
 * frozen header with an autofilter).
 *
 * This module pulls in exceljs (~1 MB): import it only with a dynamic
 * `import()` when the user clicks, never statically from the first load.
 */
import { tableWorkbook, type ColumnType, type TableColumn } from "@cds/workbook";
import { saveBlob } from "./csv.ts";
import { vietnamDay } from "./i18n.tsx";
import { isIsoDay, parseVietnameseDate } from "@cds/calendar";

/** How a column's values are shown: a number (integer or decimal), a percentage 0–100, a calendar date, or text. */
export type ColumnKind = "text" | "number" | "percent" | "date";

export interface XlsxColumn<Row> {
  key: string;
  header: string;
  value: (r: Row) => string | number | null;
  /** Inferred from the values when absent (all numbers → number, all dates → date, otherwise text). */
  type?: ColumnKind;
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T/;

/** A date value as "YYYY-MM-DD" (what tableWorkbook writes as a date cell), or null when it is not a date. */
export function toIsoDay(v: string): string | null {
  if (isIsoDay(v)) return v;
  if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(v)) {
    const vn = parseVietnameseDate(v);
    return "iso" in vn ? vn.iso : null;
  }
  if (ISO_TIME.test(v)) {
    const t = Date.parse(v);
    // The calendar day in Vietnam, as formatDate shows it.
    return Number.isNaN(t) ? null : vietnamDay(new Date(t));
  }
  return null;
}

/** The column's kind: its own `type`, else what all its non-empty values are. */
export function columnKind<Row>(c: XlsxColumn<Row>, rows: readonly Row[]): ColumnKind {
  if (c.type) return c.type;
  let numbers = 0;
  let dates = 0;
  let others = 0;
  for (const r of rows) {
    const v = c.value(r);
    if (v === null || v === "") continue;
    if (typeof v === "number") numbers++;
    else if (toIsoDay(v)) dates++;
    else others++;
  }
  if (others > 0 || (numbers > 0 && dates > 0)) return "text";
  if (numbers > 0) return "number";
  if (dates > 0) return "date";
  return "text";
}

function workbookType<Row>(kind: ColumnKind, c: XlsxColumn<Row>, rows: readonly Row[]): ColumnType {
  if (kind !== "number") return kind;
  return rows.every((r) => {
    const v = c.value(r);
    return typeof v !== "number" || Number.isInteger(v);
  })
    ? "integer"
    : "decimal";
}

/** The XLSX bytes of `rows` (in the order given) under `columns`. */
export async function xlsxBytes<Row>(
  columns: readonly XlsxColumn<Row>[],
  rows: readonly Row[],
  options: { title?: string; sheetName?: string } = {},
): Promise<Uint8Array> {
  const kinds = columns.map((c) => columnKind(c, rows));
  const cols: TableColumn[] = columns.map((c, i) => ({
    key: `c${i}`,
    header: c.header,
    type: workbookType(kinds[i]!, c, rows),
  }));
  const data = rows.map((r) => {
    const out: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const v = c.value(r);
      out[`c${i}`] = kinds[i] === "date" && typeof v === "string" ? (toIsoDay(v) ?? v) : v;
    });
    return out;
  });
  return tableWorkbook(cols, data, { title: options.title, sheetName: options.sheetName ?? options.title });
}

/** "<base>-dd-mm-yyyy.xlsx" (today in Vietnam time), with characters no file system accepts removed from the base. */
export function xlsxFileName(base: string, now: Date = new Date()): string {
  const clean =
    base
      .replace(/\.(csv|xlsx)$/i, "")
      // eslint-disable-next-line no-control-regex
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ")
      .replace(/\s+/g, " ")
      .trim() || "bang-du-lieu";
  const [y, m, d] = vietnamDay(now).split("-");
  return `${clean}${clean.includes(" ") ? " " : "-"}${d}-${m}-${y}.xlsx`;
}

/** Builds the XLSX and hands it to the browser's download. */
export async function downloadXlsx<Row>(
  base: string,
  columns: readonly XlsxColumn<Row>[],
  rows: readonly Row[],
  options: { title?: string; now?: Date } = {},
): Promise<string> {
  const bytes = await xlsxBytes(columns, rows, { title: options.title });
  const fileName = xlsxFileName(base, options.now);
  saveBlob(fileName, new Blob([bytes as BlobPart], { type: XLSX_MIME }));
  return fileName;
}
