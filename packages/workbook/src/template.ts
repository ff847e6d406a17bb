/**
 * valuesTemplate(set, units?): an XLSX values template generated from a
 * criteria set, for one unit (one blank row) or for many (one row per unit,
 * code and name filled in and locked).
 */
import ExcelJS from "exceljs";
import { isScored, type TCriteriaSet } from "@cds/criteria-schema";
import {
  CODE_HEADER,
  FIRST_FIELD_COLUMN,
  GUIDE_SHEET,
  HEADER_ROWS,
  META_KIND,
  META_SHEET,
  NAME_HEADER,
  NO_SUBJECTS,
  NOT_APPLICABLE,
  SHEET,
  columnLetter,
  layout,
  type Field,
} from "./layout.ts";

export interface TemplateUnit {
  /** GSO code (mã đơn vị hành chính), e.g. "00004". */
  code: string;
  name: string;
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const HINT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFDE7" } };
const THIN: ExcelJS.Border = { style: "thin", color: { argb: "FFBFBFBF" } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function shortName(name: string, max = 70): string {
  return name.length <= max ? name : `${name.slice(0, max - 1).trimEnd()}…`;
}

function validation(field: Field, itemAllowsText: boolean): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: field.label,
    prompt: field.hint.slice(0, 250),
    showErrorMessage: true,
  };
  switch (field.kind) {
    case "yesNo":
      return {
        ...common,
        type: "list",
        formulae: [`"${field.choices!.join(",")}"`],
        errorStyle: "stop",
        errorTitle: "Giá trị không hợp lệ",
        error: `Chọn một trong: ${field.choices!.join(", ")}`,
      };
    case "whole":
      return {
        ...common,
        type: "whole",
        operator: "greaterThanOrEqual",
        formulae: [0],
        // A "nếu có" or Không áp dụng word must still get through.
        errorStyle: itemAllowsText ? "warning" : "stop",
        errorTitle: "Cần số nguyên",
        error: "Nhập một số nguyên không âm (0, 1, 2…)",
      };
    case "percent":
      return {
        ...common,
        type: "decimal",
        operator: "between",
        formulae: [0, 100],
        // Warning only: "85,5" typed in an Excel set to English is text, and the import reads it.
        errorStyle: "warning",
        errorTitle: "Cần tỷ lệ 0–100",
        error: "Nhập tỷ lệ phần trăm từ 0 đến 100, vd. 85,5",
      };
    case "index":
      return {
        ...common,
        type: "decimal",
        operator: "between",
        formulae: [0, 1],
        errorStyle: "warning",
        errorTitle: "Cần số 0–1",
        error: "Nhập một số từ 0 đến 1, vd. 0,7233",
      };
    case "points":
      return {
        ...common,
        type: "decimal",
        operator: "between",
        formulae: [0, field.max ?? 0],
        errorStyle: "warning",
        errorTitle: "Điểm không hợp lệ",
        error: `Nhập số điểm từ 0 đến ${field.max ?? 0}`,
      };
    case "levelList":
      return { ...common, type: "textLength", operator: "lessThanOrEqual", formulae: [32767], errorStyle: "warning" };
  }
}

/**
 * An XLSX values template for `set`. Without `units`, one blank row for one
 * unit; with them, one row per unit (its GSO code and name locked).
 */
export async function valuesTemplate(set: TCriteriaSet, units?: readonly TemplateUnit[]): Promise<Uint8Array> {
  const items = layout(set);
  const wb = new ExcelJS.Workbook();
  wb.creator = "Nền tảng đánh giá chuyển đổi số";
  wb.title = `Mẫu nhập số liệu — ${set.title}`;
  wb.subject = `${set.id} ${set.version}`;
  wb.keywords = `${META_KIND} ${set.id} ${set.version}`;

  const ws = wb.addWorksheet(SHEET, {
    views: [
      {
        state: "frozen",
        xSplit: 2,
        ySplit: HEADER_ROWS,
        activeCell: `${columnLetter(FIRST_FIELD_COLUMN)}${HEADER_ROWS + 1}`,
      },
    ],
  });

  // Header: row 1 criterion (merged over its fields), row 2 field, row 3 hint.
  for (const [col, text] of [
    [1, CODE_HEADER],
    [2, NAME_HEADER],
  ] as const) {
    ws.mergeCells(1, col, 2, col);
    ws.getCell(1, col).value = text;
    ws.getCell(HEADER_ROWS, col).value = col === 1 ? "Mã số đơn vị hành chính (mã GSO), vd. 00004" : "Tên xã, phường…";
  }
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 28;
  let col = FIRST_FIELD_COLUMN;
  for (const item of items) {
    const first = col;
    const last = col + item.fields.length - 1;
    if (last > first) ws.mergeCells(1, first, 1, last);
    const head = ws.getCell(1, first);
    head.value = `${item.code} ${shortName(item.name)}${item.unit ? ` (${item.unit})` : ""}`;
    head.note = [
      `${item.code}: ${item.name}`,
      item.unit ? `Đơn vị tính: ${item.unit}` : "",
      ...item.requirement,
      item.method ? `Phương pháp tính: ${item.method}` : "",
    ]
      .filter(Boolean)
      .join("\n");
    for (const f of item.fields) {
      ws.getCell(2, col).value = f.label;
      ws.getCell(HEADER_ROWS, col).value = f.hint;
      ws.getColumn(col).width = f.kind === "levelList" ? 26 : f.kind === "yesNo" ? 16 : 14;
      col++;
    }
  }
  const lastCol = col - 1;
  for (let r = 1; r <= HEADER_ROWS; r++) {
    const row = ws.getRow(r);
    row.height = r === 1 ? 75 : r === 2 ? 30 : 60;
    for (let c = 1; c <= lastCol; c++) {
      const cell = row.getCell(c);
      cell.font = r === HEADER_ROWS ? { italic: true, size: 9, color: { argb: "FF595959" } } : { bold: true };
      cell.fill = r === HEADER_ROWS ? HINT_FILL : HEADER_FILL;
      cell.alignment = { wrapText: true, vertical: "middle", horizontal: r === 1 && c > 2 ? "left" : "center" };
      cell.border = BORDER;
    }
  }

  // Data rows: every input cell unlocked, with its validation.
  const rows: readonly (TemplateUnit | null)[] = units && units.length > 0 ? units : [null];
  rows.forEach((unit, i) => {
    const r = HEADER_ROWS + 1 + i;
    const row = ws.getRow(r);
    const codeCell = row.getCell(1);
    const nameCell = row.getCell(2);
    codeCell.numFmt = "@"; // GSO codes keep their leading zeros
    if (unit) {
      codeCell.value = unit.code;
      nameCell.value = unit.name;
    } else {
      codeCell.protection = { locked: false };
      nameCell.protection = { locked: false };
      codeCell.fill = INPUT_FILL;
      nameCell.fill = INPUT_FILL;
    }
    codeCell.border = BORDER;
    nameCell.border = BORDER;
    let c = FIRST_FIELD_COLUMN;
    for (const item of items) {
      for (const f of item.fields) {
        const cell = row.getCell(c++);
        cell.protection = { locked: false };
        cell.fill = INPUT_FILL;
        cell.border = BORDER;
        if (f.kind === "levelList") cell.numFmt = "@";
      }
    }
  });

  // One validation per column range, not per cell: exceljs 4.4 merges per-cell validations by sorting
  // addresses as text (AA10 before AA4) and writes overlapping ranges that Excel repairs on opening.
  const validations = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  const lastRow = HEADER_ROWS + rows.length;
  let vc = FIRST_FIELD_COLUMN;
  for (const item of items) {
    for (const f of item.fields) {
      const letter = columnLetter(vc++);
      const range =
        lastRow > HEADER_ROWS + 1 ? `${letter}${HEADER_ROWS + 1}:${letter}${lastRow}` : `${letter}${lastRow}`;
      validations.add(range, validation(f, item.noSubjects || item.notApplicable));
    }
  }

  await ws.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: false,
    deleteRows: false,
    insertColumns: false,
    deleteColumns: false,
  });

  guideSheet(wb, set, items, units?.length ?? 0);

  const meta = wb.addWorksheet(META_SHEET, { state: "veryHidden" });
  meta.addRows([
    ["kind", META_KIND],
    ["templateVersion", 1],
    ["setId", set.id],
    ["setVersion", set.version],
    ["judgedBy", isScored(set) ? "points" : "levels"],
    ["units", rows.length],
  ]);
  await meta.protect("", {});

  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf);
}

function guideSheet(wb: ExcelJS.Workbook, set: TCriteriaSet, items: ReturnType<typeof layout>, nUnits: number): void {
  const g = wb.addWorksheet(GUIDE_SHEET, { views: [{ state: "frozen", ySplit: 0 }] });
  g.getColumn(1).width = 12;
  g.getColumn(2).width = 70;
  g.getColumn(3).width = 18;
  g.getColumn(4).width = 34;
  g.getColumn(5).width = 60;
  const scored = isScored(set);
  const lines = [
    `Mẫu nhập số liệu: ${set.title}`,
    `Bộ ${scored ? "chỉ số" : "tiêu chí"} ${set.id}, phiên bản ${set.version}. Mẫu này chỉ dùng cho đúng bộ và phiên bản trên.`,
    "",
    "Cách điền:",
    `1. Điền vào trang "${SHEET}", mỗi dòng một đơn vị (từ dòng ${HEADER_ROWS + 1}). ${nUnits > 0 ? `Mẫu đã có sẵn ${nUnits} đơn vị; không sửa mã và tên đơn vị.` : "Ghi mã đơn vị hành chính (mã GSO) và tên đơn vị."}`,
    "2. Chỉ điền vào các ô màu vàng; dòng tiêu đề (3 dòng đầu) được khóa, không đổi tên hay thêm, bớt cột.",
    '3. Tỷ lệ: ghi tử số (số đạt) và mẫu số (tổng số) là số nguyên; nếu chỉ có tỷ lệ thì để trống tử số, mẫu số và ghi tỷ lệ % vào cột "Hoặc tỷ lệ (%)", dùng dấu phẩy thập phân, vd. 85,5.',
    '4. Có/Không: chọn trong danh sách "Có" hoặc "Không" (cũng nhận "có", "x"). Tiêu chí "nếu có" còn nhận "Không có đối tượng".',
    "5. Số lượng: số nguyên không âm. Để trống ô nào thì tiêu chí đó được coi là chưa có số liệu.",
    `6. ${scored ? `Chỉ số thành phần có thể không áp dụng: ghi "${NOT_APPLICABLE}".` : `Tiêu chí "nếu có" không có đối tượng để đếm: ghi "${NO_SUBJECTS}" (hoặc tử số 0, mẫu số 0).`}`,
    "7. Khi nhập vào hệ thống, mọi lỗi được báo theo trang, dòng, cột và mã tiêu chí; sửa rồi nhập lại.",
    "",
    `Danh sách ${scored ? "chỉ số thành phần" : "tiêu chí"}:`,
  ];
  for (const l of lines) g.addRow([l]);
  g.getRow(1).font = { bold: true, size: 14 };
  const head = g.addRow([
    "Mã",
    "Tên đầy đủ",
    "Đơn vị tính",
    "Cột cần nhập",
    scored ? "Cách tính điểm" : "Chỉ tiêu theo mức độ",
  ]);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = BORDER;
  });
  let col = FIRST_FIELD_COLUMN;
  for (const item of items) {
    const cols = item.fields.map((f) => `${columnLetter(col++)}: ${f.label}`).join("; ");
    const row = g.addRow([item.code, item.name, item.unit ?? "", cols, item.requirement.join("\n")]);
    row.alignment = { wrapText: true, vertical: "top" };
  }
}
