import { describe, expect, it } from "vitest";
import { reportInput } from "./__fixtures__/ninh-binh.ts";
import { provinceYearlyReport } from "./index.ts";
import { allText, missingFrom, NATIONAL_HEADING, outsideTextArea, readDocument, readPdf } from "./pdf-text.ts";

describe("provinceYearlyReport", () => {
  it("reports to the ministry with both annexes and Trang x/y on every page", async () => {
    const { pages, text } = await readDocument(await provinceYearlyReport(reportInput()));
    expect(
      missingFrom(text, [
        ...NATIONAL_HEADING,
        "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
        "Số: 312/BC-UBND",
        "Ninh Bình, ngày 05 tháng 12 năm 2026",
      ]),
    ).toEqual([]);
    expect(text).not.toContain("DỰ THẢO");
    expect(
      missingFrom(text, [
        "Kính gửi: Bộ Khoa học và Công nghệ.",
        "tỉnh Ninh Bình đã đánh giá 129 đơn vị; 126 đơn vị được công nhận mức độ chuyển đổi số (97,7%)",
        "- Mức 3 (Cơ bản): 51 đơn vị (39,5%);",
        "- Mức 1 (Khởi động): 10 đơn vị (7,8%).",
        "Nguyễn Văn An",
      ]),
    ).toEqual([]);
    // The last paragraph moves with the signature rather than leave it alone on a page.
    expect(pages.find((p) => p.text.includes("Nguyễn Văn An"))?.text).toContain("trân trọng báo cáo./.");
    expect(text).toContain("Ủy ban");
    // Annex I: units by level per kind, with totals.
    const annex1 = pages.find((p) => p.text.includes("Phụ lục I SỐ ĐƠN VỊ THEO MỨC ĐỘ"));
    expect(annex1?.text).toContain(
      "(Kèm theo Báo cáo số 312/BC-UBND ngày 05 tháng 12 năm 2026 của Ủy ban nhân dân tỉnh Ninh Bình)",
    );
    expect(annex1?.text).toContain("STT Loại đơn vị Tổng số Mức 1 Mức 2 Mức 3 Mức 4 Mức 5 Chưa đạt Mức 1");
    expect(annex1?.text).toContain("1 Xã 97 10 40 35 8 1 3");
    expect(annex1?.text).toContain("3 Đặc khu 1 0 0 1 0 0 0");
    expect(annex1?.text).toContain("Tổng cộng 129 10 45 51 17 3 3");
    // Annex II: pass rates per criterion.
    const annex2 = pages.find((p) => p.text.includes("Phụ lục II TỶ LỆ ĐƠN VỊ ĐẠT THEO TIÊU CHÍ"));
    expect(annex2?.text).toContain(
      "1 CQS-01 Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình 129 100 77,5%",
    );
    expect(annex2?.text).toContain("6 XHS-02 Số điểm truy cập Internet công cộng tại đặc khu 124 65 52,4%");
    // Trang x/y at the bottom of every page.
    for (const [i, page] of pages.entries()) {
      const label = page.items.find((it) => it.str === `Trang ${i + 1}/${pages.length}`);
      expect(label, `page ${i + 1}`).toBeDefined();
      expect(label?.y).toBeLessThan(20 * (72 / 25.4));
    }
    expect(outsideTextArea(pages)).toEqual([]);
  });

  it("numbers thousands the Vietnamese way in the annexes", async () => {
    const text = allText(
      await readPdf(
        await provinceYearlyReport(
          reportInput({ levelsByKind: [{ kind: "Xã", total: 3321, byLevel: { 1: 1200, 2: 1500, 3: 600 } }] }),
        ),
      ),
    );
    expect(text).toContain("đã đánh giá 3.321 đơn vị; 3.300 đơn vị");
    expect(text).toContain("1 Xã 3.321 1.200 1.500 600 0 0 21");
  });
});
