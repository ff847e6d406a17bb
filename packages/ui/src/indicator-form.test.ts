import { describe, expect, it } from "vitest";
import { formatNumber, type TCriterion } from "@cds/criteria-schema";
import { fieldFromValue, formatValue, parseField, parseWhole, toRaw, type ValueFormat } from "./indicator-form.ts";
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
