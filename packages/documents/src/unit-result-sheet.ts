import { type Level, formatLevel, formatNumber } from "./format.ts";
import { openDocument, type SignatureBlock, type TableColumn, type TableRow } from "./layout.ts";
import type { DocumentMeta, JudgedBy } from "./types.ts";

/** criteria-core's per-level status, as the sheet prints it. */
export type CriterionResult = "pass" | "fail" | "na" | "exempt" | "missing";

export const RESULT_LABELS: Readonly<Record<CriterionResult, string>> = {
  pass: "Đạt",
  fail: "Chưa đạt",
  na: "Không áp dụng",
  exempt: "Không có đối tượng (miễn)",
  missing: "Chưa có số liệu",
};

/** A value as entered: a number, yes/no, a ratio kept exact, a text, or nothing. */
export type CriterionValue = number | boolean | string | { numerator: number; denominator: number } | null;

export interface CriterionLine {
  code: string;
  name: string;
  /** Group heading the row falls under, e.g. "Chính quyền số"; consecutive rows share one heading. */
  group?: string;
  value: CriterionValue;
  /** The target at the sheet's level as the set words it ("≥ 80%", "Có"); null = Không áp dụng. */
  target?: string | null;
  result?: CriterionResult;
  /** Points earned and the maximum (judgedBy points or both). */
  points?: number;
  maxPoints?: number;
}

export interface UnitResultSheetInput extends DocumentMeta {
  unit: { name: string; kind: string; province: string };
  round: { name: string; year: number };
  set: { name: string; version: string; decision?: string };
  judgedBy: JudgedBy;
  /** The level whose targets the table shows (the registered or recognised level). */
  targetLevel?: Level;
  /** The recognised level (null = none reached); left out before recognition, the line is not printed. */
  recognisedLevel?: Level | null;
  score?: number;
  maxScore?: number;
  rank?: number;
  /** "trong nhóm 148 xã, phường" */
  rankOf?: string;
  scoreDecimals?: number;
  criteria: CriterionLine[];
  signer?: SignatureBlock;
}

/** 45/50 → "45/50 (90,0%)", true → "Có", 1234.5 → "1.234,5". */
export function formatValue(value: CriterionValue): string {
  if (value === null) return "Chưa nhập";
  if (typeof value === "boolean") return value ? "Có" : "Không";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  const { numerator, denominator } = value;
  if (denominator === 0) return `${formatNumber(numerator)}/0`;
  return `${formatNumber(numerator)}/${formatNumber(denominator)} (${formatNumber((numerator / denominator) * 100, { decimals: 1 })}%)`;
}

/** Phiếu kết quả đánh giá của một đơn vị: its level or score, then every criterion. */
export async function unitResultSheet(input: UnitResultSheetInput): Promise<Uint8Array> {
  const pdf = openDocument(input, {
    symbol: "KQ-SKHCN",
    kind: "Phiếu kết quả",
    subject: `Đánh giá chuyển đổi số năm ${input.round.year} của ${input.unit.name}`,
    pdfTitle: `Kết quả đánh giá chuyển đổi số - ${input.unit.name}`,
  });

  const decimals = input.scoreDecimals ?? 2;
  const facts: [string, string][] = [
    ["Đơn vị: ", `${input.unit.name} (${input.unit.kind}), ${input.unit.province}.`],
    ["Đợt đánh giá: ", `${input.round.name}.`],
    [
      "Bộ tiêu chí: ",
      `${input.set.name}, phiên bản ${input.set.version}${input.set.decision ? ` (${input.set.decision})` : ""}.`,
    ],
  ];
  // Left out (undefined) before recognition: a sheet of working data must not read as a recognition.
  if (input.judgedBy !== "points" && input.recognisedLevel !== undefined) {
    facts.push(["Mức độ được công nhận: ", `${formatLevel(input.recognisedLevel)}.`]);
  }
  if (input.judgedBy !== "levels" && input.score !== undefined) {
    const max = input.maxScore === undefined ? "" : `/${formatNumber(input.maxScore, { maxDecimals: decimals })}`;
    facts.push(["Tổng điểm: ", `${formatNumber(input.score, { decimals })}${max} điểm.`]);
    if (input.rank !== undefined) facts.push(["Xếp hạng: ", `${input.rank}${input.rankOf ? ` ${input.rankOf}` : ""}.`]);
  }
  for (const [lead, text] of facts) pdf.paragraph(text, { lead, indent: false });

  const showTargets = input.judgedBy !== "points";
  const showPoints = input.judgedBy !== "levels";
  const level = input.targetLevel ?? input.recognisedLevel ?? undefined;
  pdf.paragraph(
    showTargets && level
      ? `Kết quả từng tiêu chí so với chỉ tiêu ${formatLevel(level)}:`
      : "Kết quả từng tiêu chí, chỉ số thành phần:",
    { indent: false, face: "bold" },
  );
  const cols: TableColumn[] = [
    { header: "Mã", width: 11, align: "center" },
    { header: "Tiêu chí", width: 37 },
    { header: "Giá trị", width: 17, align: "center" },
  ];
  if (showTargets)
    cols.push({ header: "Chỉ tiêu", width: 15, align: "center" }, { header: "Kết quả", width: 14, align: "center" });
  if (showPoints)
    cols.push({ header: "Điểm", width: 10, align: "right" }, { header: "Tối đa", width: 10, align: "right" });
  const rows: TableRow[] = [];
  let group: string | undefined;
  for (const c of input.criteria) {
    if (c.group && c.group !== group) rows.push({ section: c.group });
    group = c.group;
    const cells = [c.code, c.name, formatValue(c.value)];
    if (showTargets) {
      cells.push(c.target === null || c.target === undefined ? "Không áp dụng" : c.target);
      cells.push(c.result ? RESULT_LABELS[c.result] : "");
    }
    if (showPoints) {
      cells.push(c.points === undefined ? "" : formatNumber(c.points, { maxDecimals: decimals }));
      cells.push(c.maxPoints === undefined ? "" : formatNumber(c.maxPoints, { maxDecimals: decimals }));
    }
    rows.push({ cells });
  }
  pdf.table(cols, rows, { size: 11 });
  if (showTargets) {
    const count = (r: CriterionResult) => input.criteria.filter((c) => c.result === r).length;
    pdf.paragraph(
      `Tổng hợp: ${count("pass")} tiêu chí Đạt, ${count("fail")} tiêu chí Chưa đạt, ` +
        `${count("na") + count("exempt")} tiêu chí Không áp dụng hoặc miễn, ${count("missing")} tiêu chí chưa có số liệu.`,
      input.signer ? { keepWithNext: pdf.closingHeight(input.signer) } : {},
    );
  }
  if (input.signer) pdf.closing(input.signer);
  return pdf.finish();
}
