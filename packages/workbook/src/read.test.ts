import type { Worksheet } from "exceljs";
import { describe, expect, it } from "vitest";
import { builtInSet, type TCriteriaSet } from "@cds/criteria-schema";
import { evaluate, score } from "@cds/criteria-core";
import { readValues, valuesTemplate, type WorkbookIssue } from "./index.ts";
import { col, open, save, type } from "./test-utils.ts";

const commune = builtInSet("vn-2361-commune")!;
const district = builtInSet("vn-2361-district")!;
const units = [
  { code: "00004", name: "Phường Ba Đình" },
  { code: "00008", name: "Phường Ngọc Hà" },
  { code: "00025", name: "Phường Giảng Võ" },
];

/** Makes a template, lets `fill` type into it like a user, reads it back. */
async function roundTrip(
  set: TCriteriaSet,
  fill: (ws: Worksheet) => void,
  opts?: Parameters<typeof readValues>[2],
  list = units,
) {
  const wb = await open(await valuesTemplate(set, list));
  fill(wb.getWorksheet("Số liệu")!);
  return readValues(set, await save(wb), opts);
}

const brief = (i: WorkbookIssue) => [i.kind, i.sheet, i.row, i.column, i.criterion, i.field];

describe("readValues: what a Vietnamese user types", () => {
  it("reads numbers, '85,5', 'Có'/'có'/'x'/'Không', counts and blanks; evaluate gives the same as the JSON values", async () => {
    const r = await roundTrip(commune, (ws) => {
      type(ws, 4, {
        "CQS-01": { "Tử số": 21, "Mẫu số": 50 },
        "CQS-02": { "Hoặc tỷ lệ (%)": "85,5" },
        "CQS-03": { "Tử số": "1.200", "Mẫu số": "1.500" },
        "CQS-04": { "Có/Không": "Có" },
        "CQS-05": { "Có/Không": "có" },
        "CQS-12": { "Có/Không": "x" },
        "CQS-13": { "Có/Không": "Không" },
        "CQS-07": { "Số lượng": 2 },
        "KTS-03": { "Có/Không": "Không có đối tượng" },
        "KTS-04": { "Số đạt": 3, "Tổng số": "3" },
        "XHS-01": { "Hoặc tỷ lệ (%)": "72%" },
      });
      type(ws, 5, { "CQS-01": { "Tử số": 0, "Mẫu số": 10 } });
    });
    expect(r.issues).toEqual([]);
    const json = {
      "CQS-01": { numerator: 21, denominator: 50 },
      "CQS-02": 85.5,
      "CQS-03": { numerator: 1200, denominator: 1500 },
      "CQS-04": true,
      "CQS-05": true,
      "CQS-12": true,
      "CQS-13": false,
      "CQS-07": { count: 2 },
      "KTS-03": { noSubjects: true },
      "KTS-04": { count: 3, total: 3 },
      "XHS-01": 72,
    };
    expect(r.units.map((u) => [u.code, u.name, u.row])).toEqual([
      ["00004", "Phường Ba Đình", 4],
      ["00008", "Phường Ngọc Hà", 5],
      ["00025", "Phường Giảng Võ", 6],
    ]);
    expect(r.units[0]!.values).toEqual(json);
    expect(evaluate(commune, r.units[0]!.values as never)).toEqual(evaluate(commune, JSON.parse(JSON.stringify(json))));
    expect(r.units[1]!.values).toEqual({ "CQS-01": { numerator: 0, denominator: 10 } });
    expect(r.units[2]!.values).toEqual({});
  });

  it("reads '85%' as Excel stores it (0.855 in a cell formatted as a percentage) as 85.5", async () => {
    const r = await roundTrip(commune, (ws) => {
      const cell = ws.getCell(`${col(ws, "CQS-02", "Hoặc tỷ lệ (%)")}4`);
      cell.value = 0.855;
      cell.numFmt = "0.0%";
    });
    expect(r.issues).toEqual([]);
    expect(r.units[0]!.values).toEqual({ "CQS-02": 85.5 });
  });

  it("reads a district's child levels typed as '3; 2; 4'", async () => {
    const r = await roundTrip(
      district,
      (ws) => type(ws, 4, { "CHUNG-01": { "Mức của từng đơn vị cấp dưới": "3; 2; 4" } }),
      undefined,
      [{ code: "001", name: "Quận Ba Đình" }],
    );
    expect(r.issues).toEqual([]);
    expect(r.units[0]!.values).toEqual({ "CHUNG-01": { childLevels: [3, 2, 4] } });
  });

  it("accepts a one-unit template without a unit code", async () => {
    const r = await roundTrip(commune, (ws) => type(ws, 4, { "CQS-04": { "Có/Không": "Có" } }), undefined, []);
    expect(r.issues).toEqual([]);
    expect(r.units).toEqual([{ code: "", name: "", row: 4, values: { "CQS-04": true } }]);
  });
});

describe("readValues: every problem named by sheet, row, column and criterion", () => {
  it("names text in a number cell, a misspelt Có/Không, a half-filled ratio, a ratio and a percent together", async () => {
    let cells: Record<string, string> = {};
    const r = await roundTrip(commune, (ws) => {
      cells = {
        text: `${col(ws, "CQS-01", "Mẫu số")}4`,
        yn: `${col(ws, "CQS-04", "Có/Không")}5`,
        half: `${col(ws, "CQS-06", "Mẫu số")}6`,
        both: `${col(ws, "CQS-08", "Hoặc tỷ lệ (%)")}6`,
      };
      type(ws, 4, { "CQS-01": { "Tử số": 3, "Mẫu số": "năm mươi" } });
      type(ws, 5, { "CQS-04": { "Có/Không": "Cóo" } });
      type(ws, 6, { "CQS-06": { "Tử số": 4 }, "CQS-08": { "Tử số": 1, "Mẫu số": 2, "Hoặc tỷ lệ (%)": 50 } });
    });
    expect(r.issues.map(brief)).toEqual([
      ["not_a_number", "Số liệu", 4, cells.text!.replace(/\d+/, ""), "CQS-01", "denominator"],
      ["not_yes_no", "Số liệu", 5, cells.yn!.replace(/\d+/, ""), "CQS-04", "value"],
      ["incomplete", "Số liệu", 6, cells.half!.replace(/\d+/, ""), "CQS-06", "denominator"],
      ["ratio_and_percent", "Số liệu", 6, cells.both!.replace(/\d+/, ""), "CQS-08", "percent"],
    ]);
    expect(r.issues[0]!.message).toBe(
      `Trang "Số liệu", dòng 4, cột D, đơn vị 00004 (CQS-01 — Mẫu số): "năm mươi" không phải là số`,
    );
    expect(r.issues[0]!.messageEn).toBe(
      `Sheet "Số liệu", row 4, column D, unit 00004 (CQS-01 — denominator): "năm mươi" is not a number`,
    );
    expect(r.issues[1]!.message).toContain(`"Cóo" không hợp lệ, cần "Có" hoặc "Không"`);
    // The readable values of a row with a problem are still returned, the bad criterion left out.
    expect(r.units[2]!.values).toEqual({});
  });

  it("places the engine's own judgement on the cell: negative count, numerator > denominator, 0/0, percent > 100, decimal count", async () => {
    let c: Record<string, string> = {};
    const r = await roundTrip(commune, (ws) => {
      c = {
        count: col(ws, "CQS-07", "Số lượng"),
        num: col(ws, "CQS-02", "Tử số"),
        den: col(ws, "CQS-03", "Mẫu số"),
        pct: col(ws, "XHS-01", "Hoặc tỷ lệ (%)"),
        total: col(ws, "KTS-04", "Số đạt"),
      };
      type(ws, 4, { "CQS-07": { "Số lượng": -1 }, "CQS-02": { "Tử số": 60, "Mẫu số": 50 } });
      type(ws, 5, { "CQS-03": { "Tử số": 0, "Mẫu số": 0 }, "XHS-01": { "Hoặc tỷ lệ (%)": "120" } });
      type(ws, 6, { "KTS-04": { "Số đạt": "2,5", "Tổng số": 4 } });
    });
    expect(r.issues.map((i) => [i.engineReason, i.row, i.column, i.criterion, i.field])).toEqual([
      ["numerator_exceeds_denominator", 4, c.num, "CQS-02", "numerator"],
      ["negative", 4, c.count, "CQS-07", "count"],
      ["zero_denominator", 5, c.den, "CQS-03", "denominator"],
      ["percent_over_100", 5, c.pct, "XHS-01", "percent"],
      ["not_integer", 6, c.total, "KTS-04", "count"],
    ]);
    expect(r.issues.every((i) => i.kind === "invalid_value")).toBe(true);
    expect(r.issues[1]!.message).toBe(
      `Trang "Số liệu", dòng 4, cột ${c.count}, đơn vị 00004 (CQS-07 — Số lượng): không được âm`,
    );
    expect(r.issues[1]!.messageEn).toContain("must not be negative");
  });

  it("names a repeated unit code, an unknown one (with a list of allowed codes) and a row without a code", async () => {
    const r = await roundTrip(
      commune,
      (ws) => {
        ws.getCell("A5").value = "00004";
        ws.getCell("A6").value = "99999";
        ws.getCell("B7").value = "Xã không mã";
        type(ws, 7, { "CQS-04": { "Có/Không": "Có" } });
      },
      { allowedUnits: ["00004", "00008", "00025"] },
    );
    expect(r.issues.map(brief)).toEqual([
      ["duplicate_unit", "Số liệu", 5, "A", "", ""],
      ["unknown_unit", "Số liệu", 6, "A", "", ""],
      ["missing_unit_code", "Số liệu", 7, "A", "", ""],
    ]);
    expect(r.issues[0]!.message).toBe(
      `Trang "Số liệu", dòng 5, cột A, đơn vị 00004: mã đơn vị 00004 lặp lại (đã có ở dòng 4)`,
    );
  });

  it("refuses a template made for another set, or another version of the same set", async () => {
    const bytes = await valuesTemplate(district);
    const r = await readValues(commune, bytes);
    expect(r.units).toEqual([]);
    expect(r.issues.map((i) => [i.kind, i.sheet])).toEqual([["wrong_set", "_cds"]]);
    expect(r.issues[0]!.message).toContain(
      "mẫu được tạo cho bộ vn-2361-district phiên bản 1.0, không phải bộ vn-2361-commune phiên bản 1.0",
    );
    const v11 = { ...commune, version: "1.1" };
    const r2 = await readValues(v11, await valuesTemplate(commune));
    expect(r2.issues.map((i) => i.kind)).toEqual(["wrong_set"]);
  });

  it("refuses a changed header, naming the cell", async () => {
    const wb = await open(await valuesTemplate(commune));
    const ws = wb.getWorksheet("Số liệu")!;
    ws.getCell("D2").value = "Tổng";
    ws.getCell(1, ws.columnCount + 1).value = "Ghi chú";
    const r = await readValues(commune, await save(wb));
    expect(r.units).toEqual([]);
    expect(r.issues.map(brief)).toEqual([
      ["header_changed", "Số liệu", 2, "D", "CQS-01", "denominator"],
      ["header_changed", "Số liệu", 1, ws.getColumn(ws.columnCount).letter, "", ""],
    ]);
    expect(r.issues[0]!.message).toContain(`cần "Mẫu số", thấy "Tổng"`);
  });

  it("refuses a workbook that is not a template, and bytes that are not a workbook", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Số liệu").getCell("A1").value = "Mã đơn vị";
    const r = await readValues(commune, await save(wb));
    expect(r.issues.map((i) => i.kind)).toEqual(["not_a_template"]);
    const r2 = await readValues(commune, new TextEncoder().encode("không phải excel"));
    expect(r2.issues.map((i) => i.kind)).toEqual(["not_a_workbook"]);
    expect(r2.issues[0]!.message).toMatch(/^Tệp không đọc được/);
  });
});

describe("points sets (mau-dti-xa)", () => {
  const mau = builtInSet("mau-dti-xa")!;
  it("writes one column per component field and reads values that score as the same JSON", async () => {
    const wb = await open(await valuesTemplate(mau));
    const ws = wb.getWorksheet("Số liệu")!;
    const heads = new Set<string>();
    for (let c = 3; c <= ws.columnCount; c++) heads.add(String(ws.getCell(1, c).value).split(" ")[0]!);
    const comps = (await import("@cds/criteria-schema")).scoreComponents(mau.scoring!.groups);
    expect([...heads]).toEqual(comps.map((p) => p.component.code));
    // Type one value into the first field of the first few components, as the template says.
    const first = comps.slice(0, 6).map((p) => p.component);
    const typed: Record<string, unknown> = {};
    for (const c of first) {
      const label = String(
        ws.getCell(2, Number(ws.getColumn(col(ws, c.code, String(findLabel(ws, c.code)))).number)).value,
      );
      if (label === "Có/Không") {
        ws.getCell(`${col(ws, c.code, label)}4`).value = "Có";
        typed[c.code] = true;
      } else if (label === "Tử số") {
        ws.getCell(`${col(ws, c.code, "Tử số")}4`).value = 45;
        ws.getCell(`${col(ws, c.code, "Mẫu số")}4`).value = "60";
        typed[c.code] = { numerator: 45, denominator: 60 };
      } else if (label === "Số lượng") {
        ws.getCell(`${col(ws, c.code, label)}4`).value = 3;
        typed[c.code] = { count: 3 };
      }
    }
    expect(Object.keys(typed).length).toBeGreaterThanOrEqual(4);
    const r = await readValues(mau, await save(wb));
    expect(r.issues).toEqual([]);
    expect(r.units[0]!.values).toEqual(typed);
    expect(score(mau, r.units[0]!.values as never)).toEqual(score(mau, typed as never));
  });
});

function findLabel(ws: Worksheet, code: string): string {
  for (let c = 3; c <= ws.columnCount; c++)
    if (String(ws.getCell(1, c).value).startsWith(`${code} `)) return String(ws.getCell(2, c).value);
  throw new Error(code);
}

describe("points sets: Không áp dụng, appraised points, the engine's maximum", () => {
  const mau = builtInSet("mau-dti-xa")!;
  it("reads 'Không áp dụng' where a component may not apply, refuses it elsewhere, and places points over the maximum", async () => {
    let c: Record<string, string> = {};
    const r = await roundTrip(mau, (ws) => {
      c = {
        nt01: col(ws, "NT-01", "Điểm thẩm định"),
        at04: col(ws, "AT-04", "Điểm thẩm định"),
        nt03: col(ws, "NT-03", "Có/Không"),
      };
      type(ws, 4, {
        "KT-02": { "Có/Không": "Không áp dụng" },
        "NL-04": { "Tử số": "không áp dụng" },
        "NT-01": { "Điểm thẩm định": "15" },
        "NL-01": { "Số lượng": 4 },
      });
      type(ws, 5, {
        "AT-04": { "Điểm thẩm định": 25 },
        "NT-03": { "Có/Không": "Không áp dụng" },
        "NT-01": { "Điểm thẩm định": "12,5" },
      });
    });
    expect(r.units[0]!.values).toEqual({
      "NT-01": { points: 15 },
      "NL-01": { count: 4 },
      "NL-04": { notApplicable: true },
      "KT-02": { notApplicable: true },
    });
    expect(r.issues.map((i) => [i.kind, i.engineReason ?? "", i.row, i.column, i.criterion])).toEqual([
      ["not_yes_no", "", 5, c.nt03, "NT-03"],
      ["invalid_value", "points_not_a_step", 5, c.nt01, "NT-01"],
      ["invalid_value", "points_over_max", 5, c.at04, "AT-04"],
    ]);
    expect(score(mau, r.units[0]!.values as never).notApplicable).toEqual(expect.arrayContaining(["NL-04", "KT-02"]));
  });
});
