import { describe, expect, it } from "vitest";
import { minutesInput } from "./__fixtures__/ninh-binh.ts";
import { appraisalMinutes, formatLevel } from "./index.ts";
import { allText, missingFrom, NATIONAL_HEADING, outsideTextArea, readDocument, readPdf } from "./pdf-text.ts";

describe("appraisalMinutes", () => {
  it("records time, place, members, self-assessed against appraised levels, conclusions and two signatures", async () => {
    const input = minutesInput();
    const { pages, text } = await readDocument(await appraisalMinutes(input));
    expect(missingFrom(text, [...NATIONAL_HEADING, "UBND TỈNH NINH BÌNH HỘI ĐỒNG THẨM ĐỊNH"])).toEqual([]);
    expect(text).toMatch(/Số: \/BB-HĐTĐ/);
    expect(
      missingFrom(text, [
        "DỰ THẢO",
        "BIÊN BẢN",
        "Hôm nay, vào hồi 08 giờ 00 phút, ngày 20 tháng 11 năm 2026, tại Sở Khoa học và Công nghệ tỉnh Ninh Bình",
      ]),
    ).toEqual([]);
    for (const m of input.members) expect(text).toContain(`- ${m.name}, ${m.position}: ${m.role};`);
    expect(text).toContain("Có mặt 3 thành viên");
    expect(text).toContain("STT Đơn vị Tự đánh giá Thẩm định Ghi chú");
    for (const [i, u] of input.units.entries()) {
      const note = u.selfAssessedLevel === u.appraisedLevel ? "Giữ nguyên" : "Điều chỉnh";
      expect(text).toContain(
        `${i + 1} ${u.name} ${formatLevel(u.selfAssessedLevel)} ${formatLevel(u.appraisedLevel)} ${note}`,
      );
    }
    expect(
      missingFrom(text, [
        "5 Xã Kim Sơn Mức 5 (Toàn diện) Mức 4 (Nâng cao) Điều chỉnh",
        "1. Thống nhất kết quả thẩm định",
        "Cuộc họp kết thúc vào hồi 11 giờ 30 phút",
        "THƯ KÝ (Ký, ghi rõ họ tên) Lê Đức Thắng",
        "CHỦ TỊCH HỘI ĐỒNG (Ký, ghi rõ họ tên) Trần Văn Minh",
      ]),
    ).toEqual([]);
    // The secretary signs on the left, the chair on the right, on one line.
    const items = pages.flatMap((p) => p.items);
    const secretary = items.find((it) => it.str === "THƯ KÝ");
    const chair = items.find((it) => it.str === "CHỦ TỊCH HỘI ĐỒNG");
    expect(secretary && chair && secretary.x < chair.x && Math.abs(secretary.y - chair.y) < 1).toBe(true);
    expect(text).toContain("Ủy ban");
    expect(outsideTextArea(pages)).toEqual([]);
  });

  it("compares scores for a points index", async () => {
    const input = minutesInput({ judgedBy: "points", scoreDecimals: 2 });
    const text = allText(await readPdf(await appraisalMinutes(input)));
    expect(text).toContain("STT Đơn vị Điểm tự đánh giá Điểm thẩm định Ghi chú");
    expect(text).toContain("1 Phường Hoa Lư 1.002,50 1.000,00 Điều chỉnh");
    expect(text).not.toContain("Mức 1 (Khởi động)");
  });
});
