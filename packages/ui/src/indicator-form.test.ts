import { describe, expect, it } from "vitest";
import { builtInSet, formatNumber, scoreComponents, type TCriterion } from "@cds/criteria-schema";
import {
  componentFieldFromValue,
  componentToRaw,
  fieldFromValue,
  formatComponentValue,
  formatValue,
  parseComponentField,
  parseField,
  parseWhole,
  toRaw,
  type ValueFormat,
} from "./indicator-form.ts";
import { sharedEn, sharedVi } from "./messages.ts";

const fmt = (locale: "vi" | "en"): ValueFormat => {
  const cat = locale === "vi" ? sharedVi : sharedEn;
  return {
    t: (k, p) => Object.entries(p ?? {}).reduce((s, [n, v]) => s.replaceAll(`{${n}}`, String(v)), cat[k] ?? k),
    number: (n) => formatNumber(n, locale),
    percent: (a, b) => `${formatNumber((100 * a) / b, locale)}%`,
  };
};

const ratio = { code: "CQS-02", measure: "percentage", targets: [20, 30, 50, 80, 90] } as unknown as TCriterion;

describe("the whole-number rule (one for the portal's form and the admin's verify dialog)", () => {
  it("accepts thousands groups of exactly three digits, with dots or spaces", () => {
    expect(parseWhole("1234")).toBe(1234);
    expect(parseWhole("1.234")).toBe(1234);
    expect(parseWhole("1 234")).toBe(1234);
    expect(parseWhole("12.345.678")).toBe(12345678);
  });

  it('refuses "1.2.3" (once read as 123 by the admin), decimals and negatives', () => {
    for (const s of ["1.2.3", "1.23", "12.34", "1,5", "-3", ""]) expect(parseWhole(s)).toBeNull();
    expect(parseField({ kind: "count", count: "1.2.3", noSubjects: false })).toEqual({
      status: "invalid",
      errors: [{ input: "count", key: "err.count.whole" }],
    });
  });

  it("leaves target checks to criteria-core: the numerator may not exceed the denominator", () => {
    const f = fieldFromValue(ratio, { numerator: 60, denominator: 50 });
    expect(parseField(f)).toEqual({ status: "ok", value: { numerator: 60, denominator: 50 } });
    expect(toRaw(ratio, f)).toMatchObject({ status: "invalid", errors: [{ key: "err.numerator.exceeds" }] });
  });
});

describe("formatValue", () => {
  it("reads a value in the current language, numbers by the locale's formatter", () => {
    expect(formatValue({ numerator: 21, denominator: 50 }, fmt("vi"))).toBe("21/50 (42%)");
    expect(formatValue(42.5, fmt("vi"))).toBe("42,5%");
    // English writes a decimal point (the portal once wrote "42,5%" in English too).
    expect(formatValue(42.5, fmt("en"))).toBe("42.5%");
    expect(formatValue({ count: 1234, total: 5000 }, fmt("vi"))).toBe("1.234/5.000");
    expect(formatValue(true, fmt("vi"))).toBe("Có");
    expect(formatValue({ noSubjects: true }, fmt("en"))).toBe("Nothing to count (exempt)");
    expect(formatValue({ childLevels: [3, 4, 3] }, fmt("vi"))).toBe("3 đơn vị cấp dưới (M3: 2, M4: 1)");
    expect(formatValue(null, fmt("vi"))).toBe("(trống)");
  });
});

describe("the component form of a scored index (criteria-core scores it)", () => {
  const set = builtInSet("mau-dti-xa")!;
  const comps = new Map(scoreComponents(set.scoring!.groups).map((p) => [p.component.code, p.component]));
  const comp = (code: string) => comps.get(code)!;
  const clone = structuredClone(set);
  const nt05 = clone.scoring!.groups[0]!.components.find((c) => c.code === "NT-05")!;
  nt05.rule = { kind: "indexValue" };

  it("gives each rule its input, and reads a stored value back into it", () => {
    expect(componentFieldFromValue(comp("NT-02"), true)).toEqual({
      kind: "boolean",
      value: true,
      notApplicable: false,
    });
    expect(componentFieldFromValue(comp("NT-04"), { count: 7 })).toEqual({
      kind: "count",
      count: "7",
      notApplicable: false,
    });
    expect(componentFieldFromValue(comp("TC-03"), { numerator: 6, denominator: 10 })).toEqual({
      kind: "ratio",
      numerator: "6",
      denominator: "10",
      notApplicable: false,
    });
    // A percentage band stored as a percent stays a percent, with a decimal comma.
    expect(componentFieldFromValue(comp("HT-01"), 90.5)).toEqual({
      kind: "percent",
      percent: "90,5",
      notApplicable: false,
    });
    expect(componentFieldFromValue(comp("NT-01"), { points: 7.5 })).toEqual({
      kind: "points",
      points: "7,5",
      notApplicable: false,
    });
    expect(componentFieldFromValue(nt05, 0.75)).toEqual({ kind: "index", index: "0,75", notApplicable: false });
    expect(componentFieldFromValue(comp("NL-04"), { notApplicable: true })).toMatchObject({
      kind: "ratio",
      notApplicable: true,
    });
    expect(componentFieldFromValue(comp("NT-01"), null)).toEqual({ kind: "points", points: "", notApplicable: false });
  });

  it("parses what is typed as input only, naming the field that is wrong", () => {
    expect(parseComponentField({ kind: "index", index: "0,75", notApplicable: false })).toEqual({
      status: "ok",
      value: 0.75,
    });
    expect(parseComponentField({ kind: "index", index: "ba", notApplicable: false })).toEqual({
      status: "invalid",
      errors: [{ input: "index", key: "err.index.number" }],
    });
    expect(parseComponentField({ kind: "points", points: "7,5", notApplicable: false })).toEqual({
      status: "ok",
      value: { points: 7.5 },
    });
    expect(parseComponentField({ kind: "points", points: "-5", notApplicable: false })).toEqual({
      status: "invalid",
      errors: [{ input: "points", key: "err.points.number" }],
    });
    expect(parseComponentField({ kind: "count", count: "1.2.3", notApplicable: false })).toEqual({
      status: "invalid",
      errors: [{ input: "count", key: "err.count.whole" }],
    });
    expect(parseComponentField({ kind: "ratio", numerator: "3", denominator: "", notApplicable: false })).toEqual({
      status: "partial",
      errors: [{ input: "denominator", key: "err.denominator.needed" }],
    });
    expect(parseComponentField({ kind: "ratio", numerator: "", denominator: "", notApplicable: true })).toEqual({
      status: "ok",
      value: { notApplicable: true },
    });
    expect(parseComponentField({ kind: "boolean", value: null, notApplicable: false })).toEqual({ status: "empty" });
  });

  it("leaves whether a value can be scored to criteria-core: maximum, step, index range, not applicable", () => {
    const points = (p: string) => ({ kind: "points" as const, points: p, notApplicable: false });
    expect(componentToRaw(set, comp("NT-01"), points("15"))).toEqual({ status: "ok", value: { points: 15 } });
    expect(componentToRaw(set, comp("NT-01"), points("17"))).toEqual({
      status: "invalid",
      errors: [{ input: "points", key: "err.points.step", params: { step: 5 } }],
    });
    expect(componentToRaw(set, comp("NT-01"), points("25"))).toEqual({
      status: "invalid",
      errors: [{ input: "points", key: "err.points.over", params: { max: 20 } }],
    });
    expect(componentToRaw(clone, nt05, { kind: "index", index: "1,2", notApplicable: false })).toEqual({
      status: "invalid",
      errors: [{ input: "index", key: "err.index.over" }],
    });
    expect(
      componentToRaw(set, comp("TC-03"), { kind: "ratio", numerator: "12", denominator: "10", notApplicable: false }),
    ).toMatchObject({ status: "invalid", errors: [{ input: "numerator", key: "err.numerator.exceeds" }] });
    expect(
      componentToRaw(set, comp("TC-03"), { kind: "ratio", numerator: "0", denominator: "0", notApplicable: false }),
    ).toMatchObject({ status: "invalid", errors: [{ input: "denominator", key: "err.denominator.zeroComponent" }] });
    expect(
      componentToRaw(set, comp("TC-03"), { kind: "ratio", numerator: "", denominator: "", notApplicable: true }),
    ).toEqual({ status: "invalid", errors: [{ input: "notApplicable", key: "err.notApplicable" }] });
    expect(
      componentToRaw(set, comp("NL-04"), { kind: "ratio", numerator: "", denominator: "", notApplicable: true }),
    ).toEqual({ status: "ok", value: { notApplicable: true } });
    expect(componentToRaw(set, comp("HT-01"), { kind: "percent", percent: "101", notApplicable: false })).toMatchObject(
      { status: "invalid", errors: [{ input: "percent", key: "err.percent.over" }] },
    );
  });

  it("reads a component value by its rule", () => {
    const f = {
      ...fmt("vi"),
      t: (k: string, p?: Record<string, string | number>) => `${k}${p ? JSON.stringify(p) : ""}`,
    };
    expect(formatComponentValue(nt05, 0.75, fmt("vi"))).toBe("0,75");
    // An index value keeps every decimal (the locale's number format would round it to two).
    expect(formatComponentValue(nt05, 0.6924, fmt("vi"))).toBe("0,6924");
    expect(formatComponentValue(nt05, 0.6924, { ...fmt("en"), locale: "en" })).toBe("0.6924");
    expect(formatComponentValue(comp("HT-01"), 90.5, fmt("vi"))).toBe("90,5%");
    expect(formatComponentValue(comp("TC-03"), { numerator: 6, denominator: 10 }, fmt("vi"))).toBe("6/10 (60%)");
    expect(formatComponentValue(comp("NT-02"), true, fmt("vi"))).toBe("Có");
    expect(formatComponentValue(comp("NT-01"), { points: 7.5 }, f)).toBe('value.points{"n":"7,5"}');
    expect(formatComponentValue(comp("NL-04"), { notApplicable: true }, f)).toBe("value.notApplicable");
    expect(formatComponentValue(comp("NT-04"), null, fmt("vi"))).toBe("(trống)");
  });
});

describe("numbers too long to hold", () => {
  const huge = "9".repeat(400);
  it("says which field is too large, or not a number, instead of scoring Infinity", () => {
    expect(parseField({ kind: "count", count: huge, noSubjects: false })).toEqual({
      status: "invalid",
      errors: [{ input: "count", key: "err.count.tooLarge" }],
    });
    expect(parseComponentField({ kind: "ratio", numerator: huge, denominator: "10", notApplicable: false })).toEqual({
      status: "invalid",
      errors: [{ input: "numerator", key: "err.numerator.tooLarge" }],
    });
    expect(parseComponentField({ kind: "percent", percent: huge, notApplicable: false })).toEqual({
      status: "invalid",
      errors: [{ input: "percent", key: "err.percent.number" }],
    });
    expect(parseComponentField({ kind: "index", index: huge, notApplicable: false })).toEqual({
      status: "invalid",
      errors: [{ input: "index", key: "err.index.number" }],
    });
    expect(parseComponentField({ kind: "points", points: huge, notApplicable: false })).toEqual({
      status: "invalid",
      errors: [{ input: "points", key: "err.points.number" }],
    });
  });
  it("names the field criteria-core finds too large, and every such key has a Vietnamese message", () => {
    const set = builtInSet("mau-dti-xa")!;
    const tc03 = scoreComponents(set.scoring!.groups).find((p) => p.component.code === "TC-03")!.component;
    const r = componentToRaw(set, tc03, {
      kind: "ratio",
      numerator: "99999999999999999",
      denominator: "99999999999999999",
      notApplicable: false,
    });
    expect(r).toEqual({
      status: "invalid",
      errors: [
        { input: "numerator", key: "err.numerator.tooLarge" },
        { input: "denominator", key: "err.denominator.tooLarge" },
      ],
    });
    for (const k of ["numerator", "denominator", "count", "total"]) {
      expect(sharedVi[`err.${k}.tooLarge`]).toMatch(/quá lớn/);
      expect(sharedEn[`err.${k}.tooLarge`]).toBeTruthy();
    }
  });
});
