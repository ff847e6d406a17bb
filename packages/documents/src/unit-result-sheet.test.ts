import { describe, expect, it } from "vitest";
import { sheetInput } from "./__fixtures__/ninh-binh.ts";
import { unitResultSheet } from "./index.ts";
import { allText, outsideTextArea, readPdf } from "./pdf-text.ts";

describe("unitResultSheet", () => {
  it("shows the unit, round, set version, level and each criterion against its target", async () => {
    const pages = await readPdf(await unitResultSheet(sheetInput()));
    const text = allText(pages);
    expect(text).toContain("UBND TỈNH NINH BÌNH SỞ KHOA HỌC VÀ CÔNG NGHỆ");
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(text).toMatch(/Số: \/KQ-SKHCN/);
    expect(text).toContain("DỰ THẢO");
    expect(text).toContain("Đơn vị: Đặc khu Cô Tô (đặc khu), tỉnh Ninh Bình.");
    expect(text).toContain("Đợt đánh giá: Đợt đánh giá năm 2026.");
    expect(text).toContain("phiên bản 1.1");
    expect(text).toContain("Mức độ được công nhận: Mức 2 (Kết nối).");
    expect(text).toContain("so với chỉ tiêu Mức 3 (Cơ bản)");
    expect(text).toContain("Mã Tiêu chí Giá trị Chỉ tiêu Kết quả");
    expect(text).toContain("Chính quyền số CQS-01");
    expect(text).toContain("1.234/1.500 (82,3%) ≥ 80% Đạt");
    expect(text).toContain("0 Tối thiểu 01 nhân sự Chưa đạt");
    expect(text).toContain("12/40 (30,0%) Không áp dụng Không áp dụng");
    expect(text).toContain("Chưa nhập ≥ 70% Chưa có số liệu");
    expect(text).toContain("Tổng hợp: 3 tiêu chí Đạt, 1 tiêu chí Chưa đạt, 1 tiêu chí Không áp dụng");
    expect(text).toContain("đặc khu");
    expect(outsideTextArea(pages)).toEqual([]);
  });

  it("shows score, rank and points per component for a points index", async () => {
    const text = allText(
      await readPdf(
        await unitResultSheet(
          sheetInput({ judgedBy: "points", score: 825.613, maxScore: 1000, rank: 15, rankOf: "trên 148 xã, phường" }),
        ),
      ),
    );
    expect(text).toContain("Tổng điểm: 825,61/1.000 điểm.");
    expect(text).toContain("Xếp hạng: 15 trên 148 xã, phường.");
    expect(text).toContain("Mã Tiêu chí Giá trị Điểm Tối đa");
    expect(text).toContain("12/40 (30,0%) 2,5 5");
    expect(text).not.toContain("Chưa đạt");
  });
});
