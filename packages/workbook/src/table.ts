/**
 * tableWorkbook(columns, rows, options): any table of the platform as XLSX —
 * real number and date cells (Excel shows them in the user's locale: 1.234,5
 * in Vietnamese), a bold frozen header with an autofilter, sensible widths.
 * No Node-only API: exceljs runs in the browser too.
 */
import ExcelJS from "exceljs";

export type ColumnType = "text" | "integer" | "decimal" | "percent" | "date";

export interface TableColumn {
  key: string;
  header: string;
  /** text by default; integer #,##0; decimal #,##0.00; percent 0.00 (a value 0–100, not a share); date dd/mm/yyyy. */
  type?: ColumnType;
  /** Width in characters; computed from the content when absent. */
  width?: number;
}

export interface TableOptions {
  /** A title row above the header (bold, larger). */
  title?: string;
  /** Sheet name (Excel: at most 31 characters, none of : \ / ? * [ ]). */
  sheetName?: string;
}

const FORMATS: Record<ColumnType, string | undefined> = {
  text: undefined,
  integer: "#,##0",
  decimal: "#,##0.00",
  percent: "0.00",
  date: "dd/mm/yyyy",
};

/** A date as a calendar day (Excel dates have no zone): "2025-07-01" or a Date → UTC midnight of that day. */
function toDate(v: unknown): Date | null {
  if (v instanceof Date)
    return Number.isNaN(v.getTime()) ? null : new Date(Date.UTC(v.getFullYear(), v.getMonth(), v.getDate()));
  if (typeof v === "string") {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
    if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  return null;
}

function cellValue(v: unknown, type: ColumnType): ExcelJS.CellValue {
  if (v === null || v === undefined || v === "") return null;
  if (type === "date") return toDate(v) ?? String(v);
  if (type !== "text" && typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v ? "Có" : "Không";
  if (typeof v === "number" || typeof v === "string") return v;
  return String(v);
}

/** Excel's sheet-name rules: ≤ 31 characters, no : \ / ? * [ ]. */
function sheetName(s: string | undefined): string {
  const clean = (s ?? "Dữ liệu")
    .replace(/[:\\/?*[\]]/g, " ")
    .trim()
    .slice(0, 31);
  return clean || "Dữ liệu";
}

export async function tableWorkbook(
  columns: readonly TableColumn[],
  rows: readonly Readonly<Record<string, unknown>>[],
  options: TableOptions = {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Nền tảng đánh giá chuyển đổi số";
  if (options.title) wb.title = options.title;
  const headerRow = options.title ? 2 : 1;
  const ws = wb.addWorksheet(sheetName(options.sheetName), {
    views: [{ state: "frozen", ySplit: headerRow, xSplit: 0 }],
  });
  if (options.title) {
    const t = ws.getCell(1, 1);
    t.value = options.title;
    t.font = { bold: true, size: 14 };
  }
  const head = ws.getRow(headerRow);
  columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    cell.alignment = { vertical: "middle", wrapText: true };
  });
  rows.forEach((r, ri) => {
    const row = ws.getRow(headerRow + 1 + ri);
    columns.forEach((c, ci) => {
      const type = c.type ?? "text";
      const cell = row.getCell(ci + 1);
      cell.value = cellValue(r[c.key], type);
      const fmt = FORMATS[type];
      if (fmt) cell.numFmt = fmt;
    });
  });
  columns.forEach((c, i) => {
    const type = c.type ?? "text";
    let w = c.header.length;
    for (const r of rows) {
      const v = r[c.key];
      const len =
        type === "date"
          ? 10
          : typeof v === "number"
            ? Math.ceil(v.toLocaleString("vi-VN", { maximumFractionDigits: 2 }).length * 1.1)
            : String(v ?? "").length;
      if (len > w) w = len;
    }
    ws.getColumn(i + 1).width = c.width ?? Math.min(60, Math.max(8, w + 2));
  });
  if (columns.length > 0) {
    ws.autoFilter = {
      from: { row: headerRow, column: 1 },
      to: { row: headerRow + rows.length, column: columns.length },
    };
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf);
}
