import { describe, expect, it } from "vitest";
import { builtInSet } from "@cds/criteria-schema";
import { loadTwoTierMap } from "../../admin-units/src/index.ts";
import { readValues, valuesTemplate } from "./index.ts";
import { col, open } from "./test-utils.ts";

const commune = builtInSet("vn-2361-commune")!;

describe("valuesTemplate: one unit of vn-2361-commune", async () => {
  const wb = await open(await valuesTemplate(commune));
  const ws = wb.getWorksheet("Số liệu")!;

  it("has the values sheet, the instructions sheet and a very hidden metadata sheet naming the set and version", () => {
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Số liệu", "visible"],
      ["Hướng dẫn", "visible"],
      ["_cds", "veryHidden"],
    ]);
    const meta = wb.getWorksheet("_cds")!;
    const kv = Object.fromEntries(
      meta
        .getSheetValues()
        .slice(1)
        .map((r) => [(r as unknown[])[1], (r as unknown[])[2]]),
    );
    expect(kv).toMatchObject({
      kind: "cds-values-template",
      setId: "vn-2361-commune",
      setVersion: "1.0",
      judgedBy: "levels",
      units: 1,
    });
  });

  it("has one column per value field: 3 per percentage, 1 per yes/no and count, 2 per count-or-all", () => {
    const n = { percentage: 3, boolean: 1, minCount: 1, countOrAll: 2, childLevels: 1 };
    const expected = 2 + commune.criteria.reduce((s, c) => s + n[c.measure], 0);
    expect(ws.columnCount).toBe(expected);
    expect(ws.getCell("A1").value).toBe("Mã đơn vị");
    expect(ws.getCell("B1").value).toBe("Tên đơn vị");
    expect(ws.getCell("C1").value).toMatch(/^CQS-01 Tỷ lệ thủ tục hành chính.*\(%\)$/);
    expect(["C", "D", "E"].map((c) => ws.getCell(`${c}2`).value)).toEqual(["Tử số", "Mẫu số", "Hoặc tỷ lệ (%)"]);
    expect(ws.getCell("C3").value).toBe("Số thủ tục hành chính đạt (số nguyên ≥ 0)");
    expect(ws.getCell(`${col(ws, "CQS-04", "Có/Không")}1`).value).toMatch(/^CQS-04 .*\(Chế độ báo cáo\)$/);
    expect(ws.getCell(`${col(ws, "CQS-07", "Số lượng")}3`).value).toBe("Số nhân sự (số nguyên ≥ 0)");
    col(ws, "KTS-04", "Số đạt");
    col(ws, "KTS-04", "Tổng số");
  });

  it("explains each criterion in a note: full name, unit, target per level, method", () => {
    const note = ws.getCell("C1").note as string;
    expect(note).toContain("CQS-01: Tỷ lệ thủ tục hành chính đủ điều kiện");
    expect(note).toContain("Mức 3 Cơ bản: ≥ 70%");
    expect(note).toContain("Phương pháp tính:");
  });

  it("validates input: Có/Không lists, whole numbers ≥ 0, percentages 0–100, and the 'nếu có' word", () => {
    const yn = ws.getCell(`${col(ws, "CQS-04", "Có/Không")}4`).dataValidation;
    expect(yn).toMatchObject({ type: "list", formulae: ['"Có,Không"'], errorStyle: "stop", showErrorMessage: true });
    expect(ws.getCell(`${col(ws, "KTS-03", "Có/Không")}4`).dataValidation.formulae).toEqual([
      '"Có,Không,Không có đối tượng"',
    ]);
    expect(ws.getCell(`${col(ws, "CQS-07", "Số lượng")}4`).dataValidation).toMatchObject({
      type: "whole",
      operator: "greaterThanOrEqual",
      formulae: [0],
    });
    expect(ws.getCell("D4").dataValidation).toMatchObject({
      type: "whole",
      prompt: "Tổng số thủ tục hành chính (số nguyên ≥ 0)",
    });
    expect(ws.getCell("E4").dataValidation).toMatchObject({ type: "decimal", operator: "between", formulae: [0, 100] });
  });

  it("protects the sheet with the header locked and the input cells unlocked", () => {
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    expect(ws.getCell("C1").protection?.locked ?? true).toBe(true);
    expect(ws.getCell("C3").protection?.locked ?? true).toBe(true);
    for (const a of ["A4", "B4", "C4", "E4", `${col(ws, "XHS-09", "Có/Không")}4`])
      expect(ws.getCell(a).protection.locked).toBe(false);
    expect(ws.getCell("C5").protection?.locked ?? true).toBe(true);
  });

  it("freezes the header rows and the unit columns, with sensible widths", () => {
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 3 });
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(20);
    for (let c = 3; c <= ws.columnCount; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(12);
  });

  it("lists every criterion on the Hướng dẫn sheet with its columns and targets", () => {
    const g = wb.getWorksheet("Hướng dẫn")!;
    const textOf = (r: number) => (g.getRow(r).values as unknown[]).filter(Boolean).join(" | ");
    const all = Array.from({ length: g.rowCount }, (_, i) => textOf(i + 1)).join("\n");
    expect(all).toContain("vn-2361-commune, phiên bản 1.0");
    expect(all).toContain("85,5");
    expect(all).toMatch(/CQS-01 \| .* \| % \| C: Tử số; D: Mẫu số; E: Hoặc tỷ lệ \(%\)/);
    expect(all).toContain("Mức 5 Toàn diện: ≥ 100%");
  });
});

describe("valuesTemplate: many units", () => {
  const ninhBinh = loadTwoTierMap().provinces.find((p) => p.name === "Tỉnh Ninh Bình")!;
  const units = ninhBinh.communes.map((c) => ({ code: c.code, name: c.name }));

  it("has one locked row per commune of Ninh Bình (129), read back as 129 units without values", async () => {
    expect(units).toHaveLength(129);
    const bytes = await valuesTemplate(commune, units);
    const wb = await open(bytes);
    const ws = wb.getWorksheet("Số liệu")!;
    expect(ws.getCell("A4").value).toBe(units[0]!.code);
    expect(ws.getCell("B132").value).toBe(units[128]!.name);
    expect(ws.getCell("A133").value).toBeNull();
    expect(ws.getCell("A4").protection?.locked ?? true).toBe(true);
    expect(ws.getCell("C132").protection.locked).toBe(false);
    expect(ws.getCell(`${col(ws, "CQS-04", "Có/Không")}132`).dataValidation.type).toBe("list");
    const r = await readValues(commune, bytes, { allowedUnits: units.map((u) => u.code) });
    expect(r.issues).toEqual([]);
    expect(r.units).toHaveLength(129);
    expect(r.units[5]).toEqual({ code: units[5]!.code, name: units[5]!.name, row: 9, values: {} });
  });
});
