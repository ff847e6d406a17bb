import { describe, expect, it } from "vitest";
import { builtInSet } from "@cds/criteria-schema";
import { diffValues, readValues, valuesTemplate } from "./index.ts";
import { open, save, type } from "./test-utils.ts";

describe("diffValues", () => {
  it("lists per unit each value changed, added or cleared; unchanged units and key order do not count", () => {
    const before = [
      {
        code: "00004",
        name: "Phường Ba Đình",
        values: { "CQS-01": { numerator: 21, denominator: 50 }, "CQS-04": true, "CQS-07": { count: 1 } },
      },
      { code: "00008", name: "Phường Ngọc Hà", values: { "CQS-04": false } },
      { code: "00025", name: "Phường Giảng Võ", values: { "CQS-04": true } },
    ];
    const after = [
      { code: "00004", values: { "CQS-01": { denominator: 50, numerator: 30 }, "CQS-04": true, "CQS-12": true } },
      { code: "00008", values: { "CQS-04": false } },
      { code: "00031", name: "Phường Mới", values: { "CQS-04": true } },
    ];
    expect(diffValues(before, after)).toEqual([
      {
        code: "00004",
        name: "Phường Ba Đình",
        status: "changed",
        changes: [
          {
            criterion: "CQS-01",
            before: { numerator: 21, denominator: 50 },
            after: { denominator: 50, numerator: 30 },
          },
          { criterion: "CQS-07", before: { count: 1 }, after: null },
          { criterion: "CQS-12", before: null, after: true },
        ],
      },
      {
        code: "00031",
        name: "Phường Mới",
        status: "added",
        changes: [{ criterion: "CQS-04", before: null, after: true }],
      },
      {
        code: "00025",
        name: "Phường Giảng Võ",
        status: "removed",
        changes: [{ criterion: "CQS-04", before: true, after: null }],
      },
    ]);
  });

  it("compares two uploads of the same template: the dry run of a re-upload", async () => {
    const set = builtInSet("vn-2361-commune")!;
    const units = [{ code: "00004", name: "Phường Ba Đình" }];
    const wb = await open(await valuesTemplate(set, units));
    const ws = wb.getWorksheet("Số liệu")!;
    type(ws, 4, { "CQS-02": { "Hoặc tỷ lệ (%)": "85,5" } });
    const first = await readValues(set, await save(wb));
    type(ws, 4, { "CQS-02": { "Hoặc tỷ lệ (%)": "90" }, "CQS-04": { "Có/Không": "Có" } });
    const second = await readValues(set, await save(wb));
    expect(diffValues(first.units, second.units)).toEqual([
      {
        code: "00004",
        name: "Phường Ba Đình",
        status: "changed",
        changes: [
          { criterion: "CQS-02", before: 85.5, after: 90 },
          { criterion: "CQS-04", before: null, after: true },
        ],
      },
    ]);
  });
});
