import { describe, expect, it } from "vitest";
import { decisionInput, sampleUnits } from "./__fixtures__/ninh-binh.ts";
import { DocumentInputError, formatLevel, formatNumber, recognitionDecision } from "./index.ts";
import { allText, missingFrom, NATIONAL_HEADING, outsideTextArea, readDocument, readPdf } from "./pdf-text.ts";

describe("recognitionDecision", () => {
  it("lays out a draft decision with header, căn cứ, three articles and the units with their levels", async () => {
    const input = decisionInput();
    const { pages, text } = await readDocument(await recognitionDecision(input));
    expect(missingFrom(text, [...NATIONAL_HEADING, "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"])).toEqual([]);
    expect(text).toMatch(/Số: \/QĐ-UBND/); // number left blank on a draft
    expect(text).toMatch(/Ninh Bình, ngày tháng năm 2026/);
    expect(
      missingFrom(text, [
        "DỰ THẢO",
        "QUYẾT ĐỊNH Về việc công nhận mức độ chuyển đổi số của các xã, phường, đặc khu",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Quyết định số 2361/QĐ-BTTTT ngày 31 tháng 12 năm 2024",
        "Căn cứ Quyết định số 1520/QĐ-UBND ngày 15 tháng 8 năm 2025 của Ủy ban nhân dân tỉnh Ninh Bình",
        "Căn cứ Biên bản thẩm định ngày 20 tháng 11 năm 2026",
        "Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Công nhận mức độ chuyển đổi số năm 2026 của 12 xã, phường, đặc khu",
        "STT Đơn vị Mức độ",
      ]),
    ).toEqual([]);
    for (const [i, u] of input.units.entries()) {
      expect(text).toContain(`${i + 1} ${u.name} ${formatLevel(u.level)}`);
    }
    expect(missingFrom(text, ["Điều 2.", "Điều 3.", "chịu trách nhiệm thi hành Quyết định này./."])).toEqual([]);
    // No glyph lost: the extracted text keeps every precomposed letter.
    for (const word of ["Ủy ban", "Điều", "đặc khu", "Đặc khu Bạch Long Vĩ"]) expect(text).toContain(word);
    expect(
      missingFrom(text, [
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH (Ký, ghi rõ họ tên, đóng dấu)",
        "Nơi nhận: - Như Điều 3; - Bộ Khoa học và Công nghệ (để b/c);",
        "- Lưu: VT, KGVX.",
      ]),
    ).toEqual([]);
    expect(outsideTextArea(pages)).toEqual([]);
    // The long name wraps inside its cell: every line of it ends left of the level in its row.
    const items = pages[0]?.items ?? [];
    const nameLines = items.filter((it) => /Bạch Long|giả định|trong bảng\)/.test(it.str) && it.str.length < 60);
    const level = items.find((it) => it.str === "Mức 3 (Cơ bản)");
    expect(nameLines.length).toBeGreaterThanOrEqual(2);
    for (const line of nameLines) expect(line.x + line.width).toBeLessThan(level?.x ?? 0);
  });

  it("prints number and date and no DỰ THẢO once final", async () => {
    const pages = await readPdf(
      await recognitionDecision(decisionInput({ draft: false, number: "2345", date: "2026-12-05" })),
    );
    const text = allText(pages);
    expect(text).toContain("Số: 2345/QĐ-UBND");
    expect(text).toContain("Ninh Bình, ngày 05 tháng 12 năm 2026");
    expect(text).not.toContain("DỰ THẢO");
  });

  it("puts 150 units with score and rank on several pages, repeats the header and never splits a row", async () => {
    const units = sampleUnits(150);
    const bytes = await recognitionDecision(decisionInput({ units, judgedBy: "both" }));
    const pages = await readPdf(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const header = "STT Đơn vị Mức độ Điểm Xếp hạng";
    const tablePages = pages.filter((p) => p.text.includes(header));
    // Page 1 starts the table and every page after it until the last row repeats the header.
    const last = pages.findIndex((p) => p.text.includes("150 Phường Phủ Lý 19"));
    expect(tablePages.length).toBe(last + 1);
    for (const [i, page] of pages.entries()) {
      // Decree page numbers: centred in the top margin from page 2 on.
      const number = page.items.find((it) => it.str === String(i + 1) && it.y > page.height - 20 * (72 / 25.4));
      expect(Boolean(number), `page ${i + 1}`).toBe(i > 0);
    }
    for (const [i, u] of units.entries()) {
      const row = `${i + 1} ${u.name} ${formatLevel(u.level)} ${formatNumber(u.score, { decimals: 2 })} ${u.rank}`;
      // A whole row sits on one page.
      expect(pages.filter((p) => p.text.includes(row)).length, row).toBe(1);
    }
    expect(allText(pages)).toContain("1 Phường Hoa Lư Mức 1 (Khởi động) 1.000,00 1");
    expect(allText(pages)).toContain("Tổng hợp: Mức 5 (Toàn diện): 30 đơn vị");
    expect(outsideTextArea(pages)).toEqual([]);
  });

  it("fits 150 units judged by levels on several pages with the header on each", async () => {
    const pages = await readPdf(await recognitionDecision(decisionInput({ units: sampleUnits(150) })));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    const withRows = pages.filter((p) => /\d+ (Xã|Phường|Đặc khu) .*Mức \d \(/.test(p.text));
    expect(withRows.length).toBeGreaterThanOrEqual(4);
    for (const page of withRows) expect(page.text).toContain("STT Đơn vị Mức độ");
    expect(allText(pages)).toContain("150 Phường Phủ Lý 19 Mức 5 (Toàn diện)");
    // The signature never stands alone: Điều 3 shares its page.
    const signed = pages.find((p) => p.text.includes("PHÓ CHỦ TỊCH"));
    expect(signed?.text).toContain("Điều 3.");
  });

  it("lists score and rank without levels for a points index", async () => {
    const units = sampleUnits(5).map(({ name, score, rank }) => ({ name, score, rank }));
    const text = allText(
      await readPdf(await recognitionDecision(decisionInput({ units, judgedBy: "points", scoreDecimals: 1 }))),
    );
    expect(
      missingFrom(text, [
        "Về việc công bố kết quả Chỉ số chuyển đổi số",
        "STT Đơn vị Điểm Xếp hạng",
        "2 Xã Gia Viễn 996,8 2",
      ]),
    ).toEqual([]);
    expect(text).not.toContain("Mức độ");
  });

  it("adds the ranking group when an index ranks several groups", async () => {
    const units = [
      { name: "Phường Hoa Lư", group: "Phường", score: 825.613, rank: 1 },
      { name: "Xã Gia Viễn", group: "Xã", score: 801.2, rank: 1 },
      { name: "Xã Kim Sơn", group: "Xã", score: 801.2, rank: 1 },
      { name: "Xã Ý Yên", group: "Xã", score: 1507.23, rank: 3 },
    ];
    const text = allText(await readPdf(await recognitionDecision(decisionInput({ units, judgedBy: "points" }))));
    expect(
      missingFrom(text, [
        "STT Đơn vị Nhóm Điểm Xếp hạng",
        "1 Phường Hoa Lư Phường 825,61 1",
        "3 Xã Kim Sơn Xã 801,20 1",
        "4 Xã Ý Yên Xã 1.507,23 3",
      ]),
    ).toEqual([]);
  });

  it("refuses a date it cannot read, naming the field", async () => {
    await expect(
      recognitionDecision(decisionInput({ appraisal: { date: "20/11/2026", council: "Hội đồng" } })),
    ).rejects.toThrow(DocumentInputError);
    await expect(recognitionDecision(decisionInput({ date: "2026-13-01" }))).rejects.toThrow(/^date:/);
  });
});
