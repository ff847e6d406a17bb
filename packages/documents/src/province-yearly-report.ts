import { type Level, LEVEL_NAMES, formatLongDate, formatNumber, formatPercent } from "./format.ts";
import { openDocument, type SignatureBlock, type TableRow } from "./layout.ts";
import { type DocumentMeta, headerOf } from "./types.ts";

export interface LevelsByKind {
  /** "Xã", "Phường", "Đặc khu". */
  kind: string;
  /** Units of this kind assessed. */
  total: number;
  /** Units recognised at each level. */
  byLevel: Partial<Record<Level, number>>;
}

export interface CriterionPassRate {
  code: string;
  name: string;
  /** Units the criterion applies to. */
  applicable: number;
  passed: number;
}

export interface ProvinceYearlyReportInput extends DocumentMeta {
  province: string;
  provinceKind?: string;
  /** The year reported on. */
  reportYear: number;
  /** Kính gửi; default "Bộ Khoa học và Công nghệ". */
  to?: string;
  /** Trích yếu; default "Kết quả đánh giá, xét công nhận mức độ chuyển đổi số năm {reportYear}". */
  subject?: string;
  /** The province's own account of what was done (paragraphs). */
  activities?: string[];
  levelsByKind: LevelsByKind[];
  passRates: CriterionPassRate[];
  difficulties?: string[];
  proposals?: string[];
  signer: SignatureBlock;
  recipients: string[];
}

const LEVELS: Level[] = [1, 2, 3, 4, 5];

/**
 * Báo cáo của UBND tỉnh gửi Bộ Khoa học và Công nghệ with two annexes
 * (units by level per kind, pass rates per criterion); "Trang x/y" at the
 * bottom of every page because annexes travel loose.
 */
export async function provinceYearlyReport(input: ProvinceYearlyReportInput): Promise<Uint8Array> {
  const kindOf = input.provinceKind ?? "tỉnh";
  const subject = input.subject ?? `Kết quả đánh giá, xét công nhận mức độ chuyển đổi số năm ${input.reportYear}`;
  const pdf = openDocument(input, { symbol: "BC-UBND", kind: "Báo cáo", subject, pageNumbers: "trang-x-y" });
  const header = headerOf(input, "BC-UBND");
  pdf.centredLine(`Kính gửi: ${input.to ?? "Bộ Khoa học và Công nghệ"}.`, "regular", 13, 10);

  const total = input.levelsByKind.reduce((s, k) => s + k.total, 0);
  const recognised = input.levelsByKind.reduce((s, k) => s + LEVELS.reduce((t, l) => t + (k.byLevel[l] ?? 0), 0), 0);
  pdf.heading("I. TÌNH HÌNH TRIỂN KHAI");
  for (const p of input.activities ?? []) pdf.paragraph(p);
  pdf.heading("II. KẾT QUẢ ĐÁNH GIÁ, XÉT CÔNG NHẬN");
  pdf.paragraph(
    `Năm ${input.reportYear}, ${kindOf} ${input.province} đã đánh giá ${formatNumber(total)} đơn vị; ` +
      `${formatNumber(recognised)} đơn vị được công nhận mức độ chuyển đổi số (${formatPercent(recognised, total)}).`,
  );
  const present = [...LEVELS]
    .reverse()
    .map((l) => ({ l, n: input.levelsByKind.reduce((s, k) => s + (k.byLevel[l] ?? 0), 0) }))
    .filter((x) => x.n > 0);
  present.forEach(({ l, n }, i) =>
    pdf.paragraph(
      `- Mức ${l} (${LEVEL_NAMES[l]}): ${formatNumber(n)} đơn vị (${formatPercent(n, total)})${i === present.length - 1 ? "." : ";"}`,
    ),
  );
  pdf.paragraph(
    "Chi tiết tại Phụ lục I (đơn vị theo mức độ) và Phụ lục II (tỷ lệ đạt theo tiêu chí) kèm theo Báo cáo này.",
  );
  if (input.difficulties?.length) {
    pdf.heading("III. KHÓ KHĂN, VƯỚNG MẮC");
    for (const p of input.difficulties) pdf.paragraph(p);
  }
  if (input.proposals?.length) {
    pdf.heading(`${input.difficulties?.length ? "IV" : "III"}. KIẾN NGHỊ, ĐỀ XUẤT`);
    for (const p of input.proposals) pdf.paragraph(p);
  }
  pdf.paragraph(`Ủy ban nhân dân ${kindOf} ${input.province} trân trọng báo cáo./.`, {
    keepWithNext: pdf.closingHeight(input.signer, input.recipients),
  });
  pdf.closing(input.signer, input.recipients);

  const attached =
    `(Kèm theo Báo cáo số ${header.number ?? "      "}/${header.symbol} ` +
    `${formatLongDate(input.date, input.year)} của Ủy ban nhân dân ${kindOf} ${input.province})`;

  pdf.newPage();
  pdf.centredLine("Phụ lục I", "bold", 13, 0);
  pdf.centredLine(`SỐ ĐƠN VỊ THEO MỨC ĐỘ CHUYỂN ĐỔI SỐ NĂM ${input.reportYear}`, "bold", 13, 0);
  pdf.centredLine(attached, "italic", 12, 10);
  const sum = (f: (k: LevelsByKind) => number) => input.levelsByKind.reduce((s, k) => s + f(k), 0);
  const none = (k: LevelsByKind) => k.total - LEVELS.reduce((t, l) => t + (k.byLevel[l] ?? 0), 0);
  const kindRows: TableRow[] = input.levelsByKind.map((k, i) => ({
    cells: [
      String(i + 1),
      k.kind,
      formatNumber(k.total),
      ...LEVELS.map((l) => formatNumber(k.byLevel[l] ?? 0)),
      formatNumber(none(k)),
    ],
  }));
  kindRows.push({
    bold: true,
    cells: [
      "",
      "Tổng cộng",
      formatNumber(total),
      ...LEVELS.map((l) => formatNumber(sum((k) => k.byLevel[l] ?? 0))),
      formatNumber(sum(none)),
    ],
  });
  pdf.table(
    [
      { header: "STT", width: 6, align: "center" },
      { header: "Loại đơn vị", width: 16 },
      { header: "Tổng số", width: 10, align: "right" },
      ...LEVELS.map((l) => ({ header: `Mức ${l}`, width: 9, align: "right" as const })),
      { header: "Chưa đạt Mức 1", width: 11, align: "right" },
    ],
    kindRows,
    { size: 11 },
  );

  pdf.newPage();
  pdf.centredLine("Phụ lục II", "bold", 13, 0);
  pdf.centredLine(`TỶ LỆ ĐƠN VỊ ĐẠT THEO TIÊU CHÍ NĂM ${input.reportYear}`, "bold", 13, 0);
  pdf.centredLine(attached, "italic", 12, 10);
  pdf.table(
    [
      { header: "STT", width: 6, align: "center" },
      { header: "Mã", width: 10, align: "center" },
      { header: "Tiêu chí", width: 46 },
      { header: "Số đơn vị áp dụng", width: 13, align: "right" },
      { header: "Số đơn vị đạt", width: 12, align: "right" },
      { header: "Tỷ lệ đạt", width: 13, align: "right" },
    ],
    input.passRates.map((r, i) => ({
      cells: [
        String(i + 1),
        r.code,
        r.name,
        formatNumber(r.applicable),
        formatNumber(r.passed),
        formatPercent(r.passed, r.applicable),
      ],
    })),
    { size: 11 },
  );
  return pdf.finish();
}
