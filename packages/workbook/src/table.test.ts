import { describe, expect, it } from "vitest";
import { tableWorkbook } from "./index.ts";
import { open } from "./test-utils.ts";

describe("tableWorkbook", () => {
  it("writes real number and date cells with Vietnamese formats, a bold frozen header, an autofilter and widths", async () => {
    const bytes = await tableWorkbook(
      [
        { key: "code", header: "Mã đơn vị" },
        { key: "name", header: "Tên đơn vị" },
        { key: "people", header: "Dân số", type: "integer" },
        { key: "rate", header: "Tỷ lệ (%)", type: "percent" },
        { key: "score", header: "Điểm", type: "decimal" },
        { key: "date", header: "Ngày công nhận", type: "date" },
      ],
      [
        { code: "00004", name: "Phường Ba Đình", people: 65432, rate: 85.5, score: 825.61, date: "2025-07-01" },
        {
          code: "00008",
          name: "Phường Ngọc Hà có một cái tên rất dài để xem độ rộng cột",
          people: 1200,
          rate: 42,
          score: null,
          date: new Date(2025, 11, 31),
        },
      ],
      { title: "Kết quả đánh giá năm 2025", sheetName: "Kết quả: 2025/Hà Nội" },
    );
    const wb = await open(bytes);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe("Kết quả  2025 Hà Nội");
    expect(ws.getCell("A1").value).toBe("Kết quả đánh giá năm 2025");
    expect(ws.getCell("A2").value).toBe("Mã đơn vị");
    expect(ws.getCell("A2").font.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(ws.autoFilter).toBe("A2:F4");
    expect(ws.getCell("A3").value).toBe("00004");
    expect(ws.getCell("C3").value).toBe(65432);
    expect(ws.getCell("C3").numFmt).toBe("#,##0");
    expect(ws.getCell("D3").numFmt).toBe("0.00");
    expect(ws.getCell("E3").value).toBe(825.61);
    expect(ws.getCell("E3").numFmt).toBe("#,##0.00");
    expect(ws.getCell("E4").value).toBeNull();
    const d = ws.getCell("F3").value as Date;
    expect(d).toBeInstanceOf(Date);
    expect(d.toISOString().slice(0, 10)).toBe("2025-07-01");
    expect((ws.getCell("F4").value as Date).toISOString().slice(0, 10)).toBe("2025-12-31");
    expect(ws.getCell("F3").numFmt).toBe("dd/mm/yyyy");
    expect(ws.getColumn(2).width).toBeGreaterThan(40);
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(10);
    expect(ws.getColumn(6).width).toBeGreaterThanOrEqual(12);
  });

  it("without a title, the header is row 1", async () => {
    const ws = (await open(await tableWorkbook([{ key: "a", header: "Cột A", type: "integer" }], [{ a: 1 }], {})))
      .worksheets[0]!;
    expect(ws.name).toBe("Dữ liệu");
    expect(ws.getCell("A1").value).toBe("Cột A");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBe("A1:A2");
  });
});
