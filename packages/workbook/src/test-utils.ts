// Test helpers: open a workbook as a user's Excel would, find a column by its header, type into cells.
import ExcelJS from "exceljs";

export async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}

export async function save(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The column letter whose row-1 header starts with the criterion code and whose row-2 header is `label`. */
export function col(ws: ExcelJS.Worksheet, code: string, label: string): string {
  for (let c = 1; c <= ws.columnCount; c++) {
    const head = String(ws.getCell(1, c).value ?? "");
    if ((head === code || head.startsWith(`${code} `)) && ws.getCell(2, c).value === label)
      return ws.getColumn(c).letter;
  }
  throw new Error(`no column ${code} / ${label}`);
}

/** Types values into a row like a user: `{ "CQS-02": { "Tử số": 21, "Mẫu số": 50 } }`. */
export function type(
  ws: ExcelJS.Worksheet,
  row: number,
  entries: Record<string, Record<string, ExcelJS.CellValue>>,
): void {
  for (const [code, fields] of Object.entries(entries)) {
    for (const [label, v] of Object.entries(fields)) ws.getCell(`${col(ws, code, label)}${row}`).value = v;
  }
}
