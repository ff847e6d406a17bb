import { describe, expect, it } from "vitest";
import { sheetInput } from "./__fixtures__/ninh-binh.ts";
import { unitResultSheet } from "./index.ts";
import { allText, missingFrom, NATIONAL_HEADING, outsideTextArea, readDocument, readPdf } from "./pdf-text.ts";

describe("unitResultSheet", () => {
  it("shows the unit, round, set version, level and each criterion against its target", async () => {
    const { pages, text } = await readDocument(await unitResultSheet(sheetInput()));
    expect(missingFrom(text, [...NATIONAL_HEADING, "UBND TỈNH NINH BÌNH SỞ KHOA HỌC VÀ CÔNG NGHỆ"])).toEqual([]);
    expect(text).toMatch(/Số: \/KQ-SKHCN/);
    expect(
      missingFrom(text, [
        "DỰ THẢO",
        "Đơn vị: Đặc khu Cô Tô (đặc khu), tỉnh Ninh Bình.",
        "Đợt đánh giá: Đợt đánh giá năm 2026.",
        "phiên bản 1.1",
        "Mức độ được công nhận: Mức 2 (Kết nối).",
        "so với chỉ tiêu Mức 3 (Cơ bản)",
        "Mã Tiêu chí Giá trị Chỉ tiêu Kết quả",
        "Chính quyền số CQS-01",
        "1.234/1.500 (82,3%) ≥ 80% Đạt",
        "0 Tối thiểu 01 nhân sự Chưa đạt",
        "12/40 (30,0%) Không áp dụng Không áp dụng",
        "Chưa nhập ≥ 70% Chưa có số liệu",
        "Tổng hợp: 3 tiêu chí Đạt, 1 tiêu chí Chưa đạt, 1 tiêu chí Không áp dụng",
        "đặc khu",
      ]),
    ).toEqual([]);
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
    expect(
      missingFrom(text, [
        "Tổng điểm: 825,61/1.000 điểm.",
        "Xếp hạng: 15 trên 148 xã, phường.",
        "Mã Tiêu chí Giá trị Điểm Tối đa",
        "12/40 (30,0%) 2,5 5",
      ]),
    ).toEqual([]);
    expect(text).not.toContain("Chưa đạt");
  });
});
