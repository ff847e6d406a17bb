import { type Level, formatLevel, formatLongDate, formatNumber, parseDate } from "./format.ts";
import { openDocument, type SignatureBlock, type TableColumn } from "./layout.ts";
import type { DocumentMeta, JudgedBy } from "./types.ts";

export interface RecognisedUnit {
  /** Full name, e.g. "Xã Kim Sơn" or "Đặc khu Cô Tô"; long names wrap in their cell. */
  name: string;
  /** The recognised level (judgedBy levels or both); null = no level reached. */
  level?: Level | null;
  /** The total score, exact; shown rounded once to `scoreDecimals` (judgedBy points or both). */
  score?: number;
  /** Competition rank within its ranking group (ties share a rank). */
  rank?: number;
  /** Ranking group (nhóm xếp hạng) when the index ranks several groups, e.g. "Phường". */
  group?: string;
}

export interface RecognitionDecisionInput extends DocumentMeta {
  /** The authority line above the legal bases, e.g. "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH". */
  authority: string;
  /** Tỉnh/thành phố, without "tỉnh": "Ninh Bình". */
  province: string;
  /** "tỉnh" (default) or "thành phố". */
  provinceKind?: string;
  /** The round's year (năm đánh giá). */
  roundYear: number;
  /** Who is recognised, as the text names them: "xã, phường, đặc khu". */
  unitsLabel: string;
  judgedBy: JudgedBy;
  /** Trích yếu; default built from judgedBy, unitsLabel, province and roundYear. */
  subject?: string;
  /** The province's criteria set (or index) decision. */
  setDecision: { number: string; date: string; title: string };
  /** The appraisal council's minutes. */
  appraisal: { date: string; council: string; number?: string };
  /** "Giám đốc Sở Khoa học và Công nghệ" (Theo đề nghị của …). */
  proposedBy: string;
  /** Replaces the default căn cứ lines entirely (each a full sentence without final punctuation). */
  legalBases?: string[];
  units: RecognisedUnit[];
  /** Decimals of the score as the set publishes it; default 2. */
  scoreDecimals?: number;
  article2?: string;
  article3?: string;
  signer: SignatureBlock;
  recipients: string[];
}

/** Luật Tổ chức chính quyền địa phương số 72/2025/QH15 (two-tier local government). */
export const LOCAL_GOVERNMENT_LAW = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025";
export const DECISION_2361 =
  "Căn cứ Quyết định số 2361/QĐ-BTTTT ngày 31 tháng 12 năm 2024 của Bộ trưởng Bộ Thông tin và Truyền thông " +
  "ban hành Khung tiêu chí và phương pháp đánh giá, xét công nhận mức độ chuyển đổi số cấp huyện và cấp xã, phiên bản 1.0";

function defaultSubject(input: RecognitionDecisionInput): string {
  const where = `trên địa bàn ${input.provinceKind ?? "tỉnh"} ${input.province} năm ${input.roundYear}`;
  if (input.judgedBy === "points")
    return `Về việc công bố kết quả Chỉ số chuyển đổi số của các ${input.unitsLabel} ${where}`;
  return `Về việc công nhận mức độ chuyển đổi số của các ${input.unitsLabel} ${where}`;
}

function legalBases(input: RecognitionDecisionInput): string[] {
  if (input.legalBases) return input.legalBases;
  const set = input.setDecision;
  const ap = input.appraisal;
  return [
    LOCAL_GOVERNMENT_LAW,
    DECISION_2361,
    `Căn cứ Quyết định số ${set.number} ${formatLongDate(set.date, 0, "setDecision.date")} của Ủy ban nhân dân ` +
      `${input.provinceKind ?? "tỉnh"} ${input.province} ${set.title}`,
    `Căn cứ Biên bản thẩm định${ap.number ? ` số ${ap.number}` : ""} ${formatLongDate(ap.date, 0, "appraisal.date")} ` +
      `của ${ap.council}`,
  ];
}

function columns(judgedBy: JudgedBy, grouped: boolean): TableColumn[] {
  // "Mức 5 (Toàn diện)" must stay on one line; the unit name takes what is left.
  const cols: TableColumn[] = [
    { header: "STT", width: 7, align: "center" },
    { header: "Đơn vị", width: 36 },
  ];
  if (grouped) cols.push({ header: "Nhóm", width: 13, align: "center" });
  if (judgedBy !== "points") cols.push({ header: "Mức độ", width: 22, align: "center", nowrap: true });
  if (judgedBy !== "levels") {
    cols.push({ header: "Điểm", width: 13, align: "right" }, { header: "Xếp hạng", width: 13, align: "center" });
  }
  return cols;
}

function unitCells(u: RecognisedUnit, i: number, input: RecognitionDecisionInput, grouped: boolean): string[] {
  const cells = [String(i + 1), u.name];
  if (grouped) cells.push(u.group ?? "");
  if (input.judgedBy !== "points") cells.push(formatLevel(u.level));
  if (input.judgedBy !== "levels") {
    cells.push(u.score === undefined ? "" : formatNumber(u.score, { decimals: input.scoreDecimals ?? 2 }));
    cells.push(u.rank === undefined ? "" : String(u.rank));
  }
  return cells;
}

/** "Mức 3 (Cơ bản): 40 đơn vị; Mức 2 (Kết nối): 12 đơn vị." */
function levelSummary(units: RecognisedUnit[]): string {
  const counts = new Map<string, number>();
  for (const level of [5, 4, 3, 2, 1, null] as const) {
    const n = units.filter((u) => (u.level ?? null) === level).length;
    if (n > 0) counts.set(formatLevel(level), n);
  }
  // A no-break space keeps "Mức 3" on one line inside the running text.
  return [...counts]
    .map(([label, n]) => `${label.replace("Mức ", "Mức\u00A0")}: ${formatNumber(n)}\u00A0đơn\u00A0vị`)
    .join("; ");
}

/**
 * Quyết định công nhận mức độ chuyển đổi số (draft for signing): header,
 * căn cứ, Điều 1 with the table of units, Điều 2–3, signature and Nơi nhận.
 */
export async function recognitionDecision(input: RecognitionDecisionInput): Promise<Uint8Array> {
  parseDate(input.setDecision.date, "setDecision.date");
  parseDate(input.appraisal.date, "appraisal.date");
  const subject = input.subject ?? defaultSubject(input);
  const pdf = openDocument(input, { symbol: "QĐ-UBND", kind: "Quyết định", subject });
  pdf.centredLine(input.authority.toUpperCase(), "bold", 13, 8);

  const bases = legalBases(input);
  bases.forEach((line) => pdf.paragraph(`${line.replace(/[;.]$/, "")};`, { face: "italic" }));
  pdf.paragraph(`Theo đề nghị của ${input.proposedBy.replace(/\.$/, "")}.`, { face: "italic" });
  pdf.gap(4);
  pdf.centredLine("QUYẾT ĐỊNH:", "bold", 13, 8);

  const n = formatNumber(input.units.length);
  const where = `trên địa bàn ${input.provinceKind ?? "tỉnh"} ${input.province}`;
  const article1 =
    input.judgedBy === "points"
      ? `Công bố kết quả đánh giá, xếp hạng Chỉ số chuyển đổi số năm ${input.roundYear} của ${n} ${input.unitsLabel} ${where} như sau:`
      : input.judgedBy === "both"
        ? `Công nhận mức độ chuyển đổi số và công bố điểm, xếp hạng năm ${input.roundYear} của ${n} ${input.unitsLabel} ${where} như sau:`
        : `Công nhận mức độ chuyển đổi số năm ${input.roundYear} của ${n} ${input.unitsLabel} ${where} như sau:`;
  pdf.paragraph(article1, { lead: "Điều 1. " });
  const grouped = input.units.some((u) => u.group);
  pdf.table(
    columns(input.judgedBy, grouped),
    input.units.map((u, i) => ({ cells: unitCells(u, i, input, grouped) })),
  );
  if (input.judgedBy !== "points" && input.units.length > 0) {
    pdf.paragraph(`Tổng hợp: ${levelSummary(input.units)}.`);
  }

  pdf.paragraph(
    input.article2 ??
      `Các ${input.unitsLabel} có tên tại Điều 1 có trách nhiệm duy trì, nâng cao mức độ chuyển đổi số; ` +
        `Sở Khoa học và Công nghệ theo dõi, tổng hợp, báo cáo Ủy ban nhân dân ${input.provinceKind ?? "tỉnh"} và ` +
        "Bộ Khoa học và Công nghệ theo quy định. Quyết định này có hiệu lực kể từ ngày ký.",
    { lead: "Điều 2. " },
  );
  pdf.paragraph(
    input.article3 ??
      `Chánh Văn phòng Ủy ban nhân dân ${input.provinceKind ?? "tỉnh"}, Giám đốc Sở Khoa học và Công nghệ, ` +
        "Thủ trưởng các sở, ban, ngành có liên quan và Chủ tịch Ủy ban nhân dân các " +
        `${input.unitsLabel} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`,
    { lead: "Điều 3. ", keepWithNext: pdf.closingHeight(input.signer, input.recipients) },
  );
  pdf.closing(input.signer, input.recipients);
  return pdf.finish();
}
