/**
 * The one CSV writer of the platform, in two flavours:
 *
 * - "excel" (the default, "CSV (Excel, dấu ;)"): what Excel opens in columns
 *   on a computer set to Vietnamese, whose list separator is ";" and decimal
 *   symbol ",". UTF-8 with a BOM (so Vietnamese text is not garbled), ";"
 *   between cells, CRLF between lines, numbers with a decimal comma. There is
 *   no "sep=;" first line: Excel obeys it but then ignores the BOM and reads
 *   the file as ANSI, garbling every "Đ", "ệ"…. Text cells that Excel would
 *   run as a formula (=, +, -, @ first) get a leading apostrophe.
 * - "comma" ("CSV (dấu ,)"): RFC 4180 for tools (pandas, R, databases):
 *   ",", CRLF, UTF-8 without BOM, decimal point, values as they are.
 */
export type CsvFormat = "excel" | "comma";

export interface CsvColumn<Row> {
  header: string;
  value: (r: Row) => string | number | null;
}

const SEPARATOR: Record<CsvFormat, string> = { excel: ";", comma: "," };

function cell(v: string | number | null, format: CsvFormat): string {
  let s: string;
  if (v === null) s = "";
  else if (typeof v === "number") s = format === "excel" ? String(v).replace(".", ",") : String(v);
  else s = format === "excel" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  const sep = SEPARATOR[format];
  return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The whole file as text (with the BOM for "excel"): a header line, then one line per row. */
export function toCsv<Row>(
  columns: readonly CsvColumn<Row>[],
  rows: readonly Row[],
  format: CsvFormat = "excel",
): string {
  const sep = SEPARATOR[format];
  const lines = [
    columns.map((c) => cell(c.header, format)).join(sep),
    ...rows.map((r) => columns.map((c) => cell(c.value(r), format)).join(sep)),
  ];
  return (format === "excel" ? "\uFEFF" : "") + lines.join("\r\n");
}

/** Saves `rows` as a CSV file in the browser. */
export function downloadCsv<Row>(
  fileName: string,
  columns: readonly CsvColumn<Row>[],
  rows: readonly Row[],
  format: CsvFormat = "excel",
): void {
  saveBlob(fileName, new Blob([toCsv(columns, rows, format)], { type: "text/csv;charset=utf-8" }));
}

/** Hands a file to the browser's download (Blob + object URL + a clicked link). */
export function saveBlob(fileName: string, blob: Blob): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
