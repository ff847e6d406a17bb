import { type Level, formatLevel, formatLongDate, formatNumber, formatTime, parseDate } from "./format.ts";
import { openDocument, type SignatureBlock, type TableColumn } from "./layout.ts";
import type { DocumentMeta, JudgedBy } from "./types.ts";

export interface CouncilMember {
  name: string;
  /** Role in the council: "Chủ tịch Hội đồng", "Thành viên", "Thư ký". */
  role: string;
  /** Position and agency: "Phó Giám đốc Sở Khoa học và Công nghệ". */
  position?: string;
}

export interface AppraisedUnit {
  name: string;
  selfAssessedLevel?: Level | null;
  appraisedLevel?: Level | null;
  selfAssessedScore?: number;
  appraisedScore?: number;
  note?: string;
}

export interface AppraisalMinutesInput extends DocumentMeta {
  /** "Hội đồng thẩm định mức độ chuyển đổi số cấp xã tỉnh Ninh Bình". */
  council: string;
  /** Trích yếu; default "Họp thẩm định kết quả đánh giá mức độ chuyển đổi số năm {roundYear}". */
  subject?: string;
  roundYear: number;
  /** The meeting: date yyyy-mm-dd, start and end hh:mm, location. */
  meeting: { date: string; start: string; end?: string; location: string };
  members: CouncilMember[];
  /** Members absent, with the reason. */
  absent?: string[];
  judgedBy: JudgedBy;
  scoreDecimals?: number;
  units: AppraisedUnit[];
  conclusions: string[];
  chair: SignatureBlock;
  secretary: SignatureBlock;
}

function columns(judgedBy: JudgedBy): TableColumn[] {
  // Two level columns must each hold "Mức 5 (Toàn diện)" on one line.
  const cols: TableColumn[] = [
    { header: "STT", width: 6, align: "center" },
    { header: "Đơn vị", width: 29 },
  ];
  if (judgedBy !== "points") {
    const w = judgedBy === "both" ? 12 : 23;
    cols.push(
      { header: "Tự đánh giá", width: w, align: "center", nowrap: true },
      { header: "Thẩm định", width: w, align: "center", nowrap: true },
    );
  }
  if (judgedBy !== "levels") {
    cols.push(
      { header: "Điểm tự đánh giá", width: 14, align: "right" },
      { header: "Điểm thẩm định", width: 14, align: "right" },
    );
  }
  cols.push({ header: "Ghi chú", width: 17 });
  return cols;
}

/** Biên bản thẩm định: who met, which units, self-assessed against appraised, conclusions, signatures. */
export async function appraisalMinutes(input: AppraisalMinutesInput): Promise<Uint8Array> {
  const meetingDate = parseDate(input.meeting.date, "meeting.date");
  const subject = input.subject ?? `Họp thẩm định kết quả đánh giá mức độ chuyển đổi số năm ${input.roundYear}`;
  const pdf = openDocument(input, { symbol: "BB-HĐTĐ", kind: "Biên bản", subject });

  const start = formatTime(input.meeting.start, "meeting.start");
  pdf.paragraph(
    `Hôm nay, vào hồi ${start}, ${formatLongDate(input.meeting.date, meetingDate.year, "meeting.date")}, ` +
      `tại ${input.meeting.location}, ${input.council} tiến hành họp thẩm định kết quả tự đánh giá ` +
      `năm ${input.roundYear} của các đơn vị.`,
  );
  pdf.heading("I. THÀNH PHẦN THAM DỰ");
  input.members.forEach((m) => pdf.paragraph(`- ${m.name}${m.position ? `, ${m.position}` : ""}: ${m.role};`));
  pdf.paragraph(
    `Có mặt ${formatNumber(input.members.length)} thành viên` +
      (input.absent?.length ? `; vắng mặt: ${input.absent.join("; ")}.` : "; không có thành viên vắng mặt."),
  );

  pdf.heading("II. KẾT QUẢ THẨM ĐỊNH");
  pdf.paragraph(
    `Hội đồng đã xem xét hồ sơ, số liệu và tài liệu kiểm chứng của ${formatNumber(input.units.length)} đơn vị; ` +
      "kết quả tự đánh giá và kết quả thẩm định như sau:",
  );
  const decimals = input.scoreDecimals ?? 2;
  const score = (v: number | undefined) => (v === undefined ? "" : formatNumber(v, { decimals }));
  pdf.table(
    columns(input.judgedBy),
    input.units.map((u, i) => {
      const cells = [String(i + 1), u.name];
      if (input.judgedBy !== "points") {
        // With scores beside them the level columns are narrow: "Mức 3" only.
        const label = (l: Level | null | undefined) =>
          input.judgedBy === "both" ? (l ? `Mức ${l}` : "-") : formatLevel(l);
        cells.push(label(u.selfAssessedLevel), label(u.appraisedLevel));
      }
      if (input.judgedBy !== "levels") cells.push(score(u.selfAssessedScore), score(u.appraisedScore));
      const changed =
        (input.judgedBy !== "points" && (u.selfAssessedLevel ?? null) !== (u.appraisedLevel ?? null)) ||
        (input.judgedBy !== "levels" && u.selfAssessedScore !== u.appraisedScore);
      cells.push(u.note ?? (changed ? "Điều chỉnh" : "Giữ nguyên"));
      return { cells };
    }),
  );

  pdf.heading("III. KẾT LUẬN");
  input.conclusions.forEach((c, i) => pdf.paragraph(c, { lead: `${i + 1}. ` }));
  const secretary = { ...input.secretary, hint: input.secretary.hint ?? "(Ký, ghi rõ họ tên)" };
  const chair = { ...input.chair, hint: input.chair.hint ?? "(Ký, ghi rõ họ tên)" };
  pdf.paragraph(
    (input.meeting.end ? `Cuộc họp kết thúc vào hồi ${formatTime(input.meeting.end, "meeting.end")} cùng ngày. ` : "") +
      "Biên bản đã được đọc lại cho các thành viên dự họp cùng nghe và thống nhất./.",
    { keepWithNext: pdf.twoSignaturesHeight(secretary, chair) },
  );
  pdf.twoSignatures(secretary, chair);
  return pdf.finish();
}
