/**
 * readValues(set, bytes): a filled values template back to values, one unit
 * per row, with every problem named by sheet, row, column and criterion.
 *
 * This file maps cells to values; criteria-core judges them (tryEvaluate for
 * a levels set, tryScore for a points set), so no value rule is repeated here.
 */
import ExcelJS from "exceljs";
import { isScored, type TCriteriaSet } from "@cds/criteria-schema";
import { tryEvaluate, tryScore, type ValueIssue } from "@cds/criteria-core";
import {
  CODE_HEADER,
  FIELD_EN,
  FIRST_FIELD_COLUMN,
  HEADER_ROWS,
  META_KIND,
  META_SHEET,
  NAME_HEADER,
  SHEET,
  columnLetter,
  layout,
  type Field,
  type FieldKey,
  type Item,
} from "./layout.ts";
import {
  NO_SUBJECTS_WORDS,
  NO_WORDS,
  NOT_APPLICABLE_WORDS,
  YES_WORDS,
  content,
  normalise,
  parseNumber,
  text,
  type CellContent,
} from "./cells.ts";

/** A value as criteria-core takes it (IndicatorValue or ComponentValue). */
export type Value = number | boolean | { [key: string]: number | boolean | number[] } | null;
export type Values = Record<string, Value>;

export interface UnitRow {
  code: string;
  name: string;
  /** The sheet row the unit was read from. */
  row: number;
  /** The values that could be read and that the engine accepted; a criterion with an issue is left out. */
  values: Values;
}

export type IssueKind =
  | "not_a_workbook"
  | "not_a_template"
  | "wrong_set"
  | "header_changed"
  | "not_a_number"
  | "not_yes_no"
  | "not_a_level_list"
  | "incomplete"
  | "ratio_and_percent"
  | "missing_unit_code"
  | "duplicate_unit"
  | "unknown_unit"
  /** An issue criteria-core found in a value; `engineReason` says which. */
  | "invalid_value";

export interface WorkbookIssue {
  kind: IssueKind;
  /** criteria-core's reason (ValueIssue.reason) when kind is invalid_value. */
  engineReason?: string;
  sheet: string;
  /** 1-based sheet row, 0 when the issue is about the whole file. */
  row: number;
  /** Column letter, "" when the issue is about a whole row or file. */
  column: string;
  /** Unit code of the row, "" when none. */
  unit: string;
  criterion: string;
  /** Field of the value, e.g. "numerator", "" when none. */
  field: string;
  message: string;
  messageEn: string;
}

export interface ReadResult {
  units: UnitRow[];
  issues: WorkbookIssue[];
}

export interface ReadOptions {
  /** GSO codes the file may contain; any other code is reported. */
  allowedUnits?: readonly string[];
}

/** Where a cell is: an issue's place, with the field it holds and its column label. */
interface Where extends Pick<WorkbookIssue, "sheet" | "row" | "column" | "unit" | "criterion"> {
  field: FieldKey | "";
  label: string;
}

function place(w: Where): [string, string] {
  // The metadata sheet is very hidden: the user knows the file, not the sheet.
  if (w.row === 0) return w.sheet === META_SHEET ? ["Tệp", "File"] : [`Trang "${w.sheet}"`, `Sheet "${w.sheet}"`];
  const cell = w.column ? `, cột ${w.column}` : "";
  const cellEn = w.column ? `, column ${w.column}` : "";
  const what = w.criterion ? ` (${w.criterion}${w.label ? ` — ${w.label}` : ""})` : "";
  const whatEn = w.criterion ? ` (${w.criterion}${w.field ? ` — ${FIELD_EN[w.field]}` : ""})` : "";
  const unit = w.unit ? `, đơn vị ${w.unit}` : "";
  const unitEn = w.unit ? `, unit ${w.unit}` : "";
  return [
    `Trang "${w.sheet}", dòng ${w.row}${cell}${unit}${what}`,
    `Sheet "${w.sheet}", row ${w.row}${cellEn}${unitEn}${whatEn}`,
  ];
}

function issue(kind: IssueKind, w: Where, vi: string, en: string, engineReason?: string): WorkbookIssue {
  const [pv, pe] = place(w);
  return {
    kind,
    ...(engineReason ? { engineReason } : {}),
    sheet: w.sheet,
    row: w.row,
    column: w.column,
    unit: w.unit,
    criterion: w.criterion,
    field: w.field,
    message: `${pv}: ${vi}`,
    messageEn: `${pe}: ${en}`,
  };
}

const shown = (c: CellContent) =>
  c instanceof Date ? c.toISOString().slice(0, 10) : typeof c === "object" && c !== null ? c.error : String(c);

type Token = { value: Value } | { bad: [string, string]; kind: IssueKind };

/** One cell of a field → a number, a yes/no, a level list, or a special word; null when empty. */
function readCell(c: CellContent, field: Field, item: Item): Token | null {
  if (c === null) return null;
  const special = typeof c === "string" ? normalise(c) : "";
  if (item.noSubjects && NO_SUBJECTS_WORDS.includes(special)) return { value: { noSubjects: true } as never };
  if (item.notApplicable && NOT_APPLICABLE_WORDS.includes(special)) return { value: { notApplicable: true } as never };
  if (typeof c === "object" && !(c instanceof Date)) {
    return {
      kind: "not_a_number",
      bad: [`ô có lỗi công thức ${c.error}`, `the cell holds the formula error ${c.error}`],
    };
  }
  if (field.kind === "yesNo") {
    if (typeof c === "boolean") return { value: c };
    if (c === 1 || c === 0) return { value: c === 1 };
    if (YES_WORDS.includes(special)) return { value: true };
    if (NO_WORDS.includes(special)) return { value: false };
    const vi = field.choices!.map((x) => `"${x}"`).join(" hoặc ");
    const en = field.choices!.map((x) => `"${x}"`).join(" or ");
    return {
      kind: "not_yes_no",
      bad: [`"${shown(c)}" không hợp lệ, cần ${vi}`, `"${shown(c)}" is not valid, expected ${en}`],
    };
  }
  if (field.kind === "levelList") {
    if (typeof c === "number") return { value: [c] as never };
    const parts = String(c)
      .split(/[;,\s]+/)
      .filter(Boolean);
    const levels = parts.map((p) => (/^[+-]?\d+$/.test(p) ? Number(p) : NaN));
    if (parts.length === 0 || levels.some((l) => Number.isNaN(l))) {
      return {
        kind: "not_a_level_list",
        bad: [
          `"${shown(c)}" không phải danh sách mức độ (vd. 3; 2; 4)`,
          `"${shown(c)}" is not a list of levels (e.g. 3; 2; 4)`,
        ],
      };
    }
    return { value: levels as never };
  }
  if (typeof c === "number") return { value: c };
  const n = typeof c === "string" ? parseNumber(c, field.kind === "percent") : null;
  if (n === null)
    return { kind: "not_a_number", bad: [`"${shown(c)}" không phải là số`, `"${shown(c)}" is not a number`] };
  return { value: n };
}

/** Checks the hidden metadata and the header; returns the issues that make the file unreadable. */
function checkTemplate(wb: ExcelJS.Workbook, set: TCriteriaSet, items: Item[]): WorkbookIssue[] {
  const none: Where = { sheet: SHEET, row: 0, column: "", unit: "", criterion: "", field: "", label: "" };
  const ws = wb.getWorksheet(SHEET);
  const meta = wb.getWorksheet(META_SHEET);
  if (!ws || !meta) {
    return [
      issue(
        "not_a_template",
        none,
        `tệp không phải mẫu nhập số liệu do hệ thống tạo (thiếu trang "${!ws ? SHEET : META_SHEET}"); hãy tải mẫu mới`,
        `the file is not a values template made by the platform (no "${!ws ? SHEET : META_SHEET}" sheet); download a new template`,
      ),
    ];
  }
  const kv = new Map<string, string>();
  meta.eachRow((row) => kv.set(text(row.getCell(1)), text(row.getCell(2))));
  if (kv.get("kind") !== META_KIND) {
    return [
      issue(
        "not_a_template",
        { ...none, sheet: META_SHEET },
        "tệp không phải mẫu nhập số liệu do hệ thống tạo",
        "the file is not a values template made by the platform",
      ),
    ];
  }
  const id = kv.get("setId") ?? "";
  const version = kv.get("setVersion") ?? "";
  if (id !== set.id || version !== set.version) {
    return [
      issue(
        "wrong_set",
        { ...none, sheet: META_SHEET },
        `mẫu được tạo cho bộ ${id} phiên bản ${version}, không phải bộ ${set.id} phiên bản ${set.version}; hãy tải mẫu của đúng bộ`,
        `the template was made for ${id} version ${version}, not ${set.id} version ${set.version}; download the right template`,
      ),
    ];
  }
  const out: WorkbookIssue[] = [];
  const at = (row: number, col: number, criterion: string, field: FieldKey | "", label: string): Where => ({
    sheet: SHEET,
    row,
    column: columnLetter(col),
    unit: "",
    criterion,
    field,
    label,
  });
  for (const [col, expected] of [
    [1, CODE_HEADER],
    [2, NAME_HEADER],
  ] as const) {
    const got = text(ws.getCell(1, col));
    if (got !== expected)
      out.push(
        issue(
          "header_changed",
          at(1, col, "", "", ""),
          `tiêu đề cột đã bị sửa: cần "${expected}", thấy "${got}"`,
          `the column header was changed: expected "${expected}", found "${got}"`,
        ),
      );
  }
  let col = FIRST_FIELD_COLUMN;
  for (const item of items) {
    const head = text(ws.getCell(1, col));
    if (head.split(/\s/)[0] !== item.code) {
      out.push(
        issue(
          "header_changed",
          at(1, col, item.code, "", ""),
          `tiêu đề cột đã bị sửa: cần tiêu chí ${item.code}, thấy "${head}"`,
          `the column header was changed: expected criterion ${item.code}, found "${head}"`,
        ),
      );
    }
    for (const f of item.fields) {
      const got = text(ws.getCell(2, col));
      if (got !== f.label) {
        out.push(
          issue(
            "header_changed",
            at(2, col, item.code, f.key, f.label),
            `tiêu đề cột đã bị sửa: cần "${f.label}", thấy "${got}"`,
            `the column header was changed: expected "${f.label}", found "${got}"`,
          ),
        );
      }
      col++;
    }
  }
  const extra = text(ws.getCell(2, col)) || text(ws.getCell(1, col));
  if (extra)
    out.push(
      issue(
        "header_changed",
        at(1, col, "", "", ""),
        `có cột thừa "${extra}" không thuộc mẫu`,
        `an extra column "${extra}" is not in the template`,
      ),
    );
  return out;
}

/**
 * What reading values never looks at, left unparsed: exceljs expands each data validation (the template's drop-down
 * lists) over every cell of its range (~22,000 cells for a province's 549 communes), and the rest is layout.
 */
const IGNORED_NODES = [
  "dataValidations",
  "conditionalFormatting",
  "extLst",
  "hyperlinks",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "printOptions",
  "rowBreaks",
  "picture",
  "drawing",
  "tableParts",
];

/** Reads a filled values template made by `valuesTemplate` for the same set and version. */
export async function readValues(
  set: TCriteriaSet,
  bytes: Uint8Array | ArrayBuffer,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(
      (bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) as never,
      {
        ignoreNodes: IGNORED_NODES,
      } as never,
    );
  } catch (e) {
    const w: Where = { sheet: "", row: 0, column: "", unit: "", criterion: "", field: "", label: "" };
    return {
      units: [],
      issues: [
        {
          ...issue("not_a_workbook", w, "", ""),
          message: `Tệp không đọc được như một bảng tính Excel (.xlsx): ${(e as Error).message}`,
          messageEn: `The file cannot be read as an Excel workbook (.xlsx): ${(e as Error).message}`,
        },
      ],
    };
  }
  const items = layout(set);
  const fatal = checkTemplate(wb, set, items);
  if (fatal.length > 0) return { units: [], issues: fatal };

  const ws = wb.getWorksheet(SHEET)!;
  const allowed = options.allowedUnits ? new Set(options.allowedUnits) : null;
  const issues: WorkbookIssue[] = [];
  const units: UnitRow[] = [];
  const seen = new Map<string, number>();
  const scored = isScored(set);
  const lastRow = ws.rowCount;
  let templateRows = 0;
  wb.getWorksheet(META_SHEET)!.eachRow((row) => {
    if (text(row.getCell(1)) === "units") templateRows = Number(text(row.getCell(2)));
  });
  // A one-unit template may leave the code empty (the CLI, a single unit's own upload), unless codes are checked.
  const codeOptional = templateRows === 1 && !allowed;

  for (let r = HEADER_ROWS + 1; r <= lastRow; r++) {
    const row = ws.getRow(r);
    const code = text(row.getCell(1));
    const name = text(row.getCell(2));
    const values: Values = {};
    /** Per criterion: the column that an engine issue without a field points at. */
    const mainColumn = new Map<string, number>();
    const fieldColumn = new Map<string, number>();
    const rowIssues: WorkbookIssue[] = [];
    let anyValue = false;
    let col = FIRST_FIELD_COLUMN;
    for (const item of items) {
      const tokens = new Map<FieldKey, { token: Token; col: number }>();
      for (const f of item.fields) {
        fieldColumn.set(`${item.code}.${f.key}`, col);
        const cell = row.getCell(col);
        let c = content(cell);
        // "85%" typed into Excel is stored as 0.85 in a cell formatted as a percentage.
        if (
          f.kind === "percent" &&
          typeof c === "number" &&
          typeof cell.numFmt === "string" &&
          cell.numFmt.includes("%")
        )
          c = Math.round(c * 1e8) / 1e6;
        const t = readCell(c, f, item);
        if (t) tokens.set(f.key, { token: t, col });
        col++;
      }
      if (tokens.size === 0) continue;
      anyValue = true;
      const read = itemValue(item, tokens, { r, code, fieldColumn }, rowIssues);
      if (read) {
        mainColumn.set(item.code, read.col);
        if (read.value !== undefined) values[item.code] = read.value;
      }
    }
    if (!code && !name && !anyValue && rowIssues.length === 0) continue;

    const rowWhere: Where = { sheet: SHEET, row: r, column: "A", unit: code, criterion: "", field: "", label: "" };
    if (!code) {
      if (!codeOptional || units.length > 0)
        rowIssues.push(issue("missing_unit_code", rowWhere, "thiếu mã đơn vị", "the unit code is missing"));
    } else {
      const first = seen.get(code);
      if (first !== undefined) {
        rowIssues.push(
          issue(
            "duplicate_unit",
            rowWhere,
            `mã đơn vị ${code} lặp lại (đã có ở dòng ${first})`,
            `unit code ${code} is repeated (already on row ${first})`,
          ),
        );
      } else seen.set(code, r);
      if (allowed && !allowed.has(code)) {
        rowIssues.push(
          issue(
            "unknown_unit",
            rowWhere,
            `mã đơn vị ${code} không thuộc danh sách đơn vị được phép`,
            `unit code ${code} is not one of the allowed units`,
          ),
        );
      }
    }

    // The engine judges every value read; its issues are placed back on their cells.
    const engine: ValueIssue[] = scored
      ? issuesOf(tryScore(set, values as never))
      : issuesOf(tryEvaluate(set, values as never));
    for (const e of engine) {
      const [criterion, rest] = splitField(e.field, e.criterion);
      const key = (rest.match(/^[a-zA-Z]+/)?.[0] ?? "") as FieldKey | "";
      const item = items.find((i) => i.code === criterion);
      const f = item?.fields.find((x) => x.key === key);
      const c = (f && fieldColumn.get(`${criterion}.${key}`)) ?? mainColumn.get(criterion) ?? 0;
      const label = f?.label ?? item?.fields.find((x) => fieldColumn.get(`${criterion}.${x.key}`) === c)?.label ?? "";
      const fieldKey = f?.key ?? item?.fields.find((x) => fieldColumn.get(`${criterion}.${x.key}`) === c)?.key ?? "";
      const detail = e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message;
      const detailEn = e.messageEn.startsWith(`${e.field}: `) ? e.messageEn.slice(e.field.length + 2) : e.messageEn;
      rowIssues.push(
        issue(
          "invalid_value",
          { sheet: SHEET, row: r, column: c ? columnLetter(c) : "", unit: code, criterion, field: fieldKey, label },
          detail,
          detailEn,
          e.reason,
        ),
      );
      delete values[criterion];
    }
    issues.push(...rowIssues);
    units.push({ code, name, row: r, values });
  }
  return { units, issues };
}

/** The place of an item's field on a row (an issue's `Where`). */
function fieldWhere(item: Item, at: RowAt, key: FieldKey, c: number): Where {
  return {
    sheet: SHEET,
    row: at.r,
    column: columnLetter(c),
    unit: at.code,
    criterion: item.code,
    field: key,
    label: item.fields.find((f) => f.key === key)!.label,
  };
}

/** The row being read: its number, its unit code, each field's column by "criterion.field". */
interface RowAt {
  r: number;
  code: string;
  fieldColumn: Map<string, number>;
}

type Tokens = Map<FieldKey, { token: Token; col: number }>;

const tokenValue = (tokens: Tokens, key: FieldKey) => (tokens.get(key)?.token as { value: Value } | undefined)?.value;

/** Two fields that make one value (numerator and denominator, count and total); an issue when one is missing. */
function pairOf(
  item: Item,
  tokens: Tokens,
  at: RowAt,
  issues: WorkbookIssue[],
  a: FieldKey,
  b: FieldKey,
): [number, number] | undefined {
  const x = tokenValue(tokens, a);
  const y = tokenValue(tokens, b);
  if (x !== undefined && y !== undefined) return [x as number, y as number];
  const [missing, have] = x === undefined ? [a, b] : [b, a];
  const mf = item.fields.find((f) => f.key === missing)!;
  const hf = item.fields.find((f) => f.key === have)!;
  issues.push(
    issue(
      "incomplete",
      fieldWhere(item, at, missing, at.fieldColumn.get(`${item.code}.${missing}`)!),
      `thiếu ${mf.label.toLowerCase()} (đã có ${hf.label.toLowerCase()})`,
      `${FIELD_EN[missing]} is missing (${FIELD_EN[have]} is given)`,
    ),
  );
  return undefined;
}

/**
 * One item's value from the tokens of its cells on a row, and the column an engine issue without a field points
 * at (value undefined when its fields contradict each other); null when a cell is bad (the issues pushed). Module-level, not
 * closures per cell: a province's file is ~30,000 cells.
 */
function itemValue(
  item: Item,
  tokens: Tokens,
  at: RowAt,
  issues: WorkbookIssue[],
): { value: Value | undefined; col: number } | null {
  let bad = false;
  for (const [key, { token, col: c }] of tokens) {
    if ("bad" in token) {
      issues.push(issue(token.kind, fieldWhere(item, at, key, c), token.bad[0], token.bad[1]));
      bad = true;
    }
  }
  if (bad) return null;
  // A special word ("Không có đối tượng", "Không áp dụng") in any field stands for the whole value.
  for (const { token, col } of tokens.values()) {
    const value = (token as { value: Value }).value;
    if (typeof value === "object" && !Array.isArray(value)) return { value, col };
  }
  const firstCol = tokens.values().next().value!.col;
  if (tokens.has("percent")) {
    const percent = tokens.get("percent")!;
    if (tokens.has("numerator") || tokens.has("denominator")) {
      issues.push(
        issue(
          "ratio_and_percent",
          fieldWhere(item, at, "percent", percent.col),
          "chỉ ghi tử số và mẫu số, hoặc chỉ ghi tỷ lệ, không ghi cả hai",
          "give the numerator and denominator, or the percentage, not both",
        ),
      );
      return { value: undefined, col: firstCol };
    }
    return { value: tokenValue(tokens, "percent"), col: percent.col };
  }
  let value: Value | undefined;
  if (tokens.has("numerator") || tokens.has("denominator")) {
    const p = pairOf(item, tokens, at, issues, "numerator", "denominator");
    value = p && { numerator: p[0], denominator: p[1] };
  } else if (item.shape === "countOrAll") {
    const p = pairOf(item, tokens, at, issues, "count", "total");
    value = p && { count: p[0], total: p[1] };
  } else if (tokens.has("count")) value = { count: tokenValue(tokens, "count") as number };
  else if (tokens.has("points")) value = { points: tokenValue(tokens, "points") as number };
  else if (tokens.has("childLevels")) value = { childLevels: tokenValue(tokens, "childLevels") as unknown as number[] };
  else value = tokenValue(tokens, "value");
  return { value, col: firstCol };
}

function issuesOf(r: { ok: true } | { ok: false; issues: ValueIssue[] }): ValueIssue[] {
  return r.ok ? [] : r.issues;
}

/** "CQS-02.denominator" → ["CQS-02", "denominator"]; the criterion code itself may hold no dot. */
function splitField(field: string, criterion: string): [string, string] {
  if (criterion && field.startsWith(criterion)) return [criterion, field.slice(criterion.length).replace(/^\./, "")];
  const i = field.indexOf(".");
  return i < 0 ? [field, ""] : [field.slice(0, i), field.slice(i + 1)];
}
