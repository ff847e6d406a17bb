import { describe, expect, it } from "vitest";
// Through the package entry, as users import them.
import * as fmt from "./index.ts";
import { formatValue } from "./unit-result-sheet.ts";

describe("Vietnamese formats", () => {
  it("writes numbers with a dot for thousands and a comma for decimals", () => {
    expect(fmt.formatNumber(1234.5)).toBe("1.234,5");
    expect(fmt.formatNumber(1234567.891)).toBe("1.234.567,89");
    expect(fmt.formatNumber(-1234567.891, { decimals: 1 })).toBe("-1.234.567,9");
    expect(fmt.formatNumber(825.613, { decimals: 2 })).toBe("825,61");
    expect(fmt.formatNumber(1.005, { decimals: 2 })).toBe("1,01");
    expect(fmt.formatNumber(0.6924, { decimals: 4 })).toBe("0,6924");
    expect(fmt.formatNumber(1000, { decimals: 2 })).toBe("1.000,00");
    expect(fmt.formatNumber(999)).toBe("999");
    expect(fmt.formatPercent(100, 129)).toBe("77,5%");
    expect(fmt.formatPercent(0, 0)).toBe("-");
    expect(() => fmt.formatNumber(Number.NaN)).toThrow(fmt.DocumentInputError);
  });

  it("writes dates as dd/mm/yyyy and the header date as the decree does", () => {
    expect(fmt.formatDate("2026-12-05")).toBe("05/12/2026");
    expect(fmt.formatLongDate("2026-12-05", 2026)).toBe("ngày 05 tháng 12 năm 2026");
    // Decree 30, Phụ lục I, Phần II: a leading zero for days < 10 and months 1, 2 only.
    expect(fmt.formatLongDate("2026-01-03", 2026)).toBe("ngày 03 tháng 01 năm 2026");
    expect(fmt.formatLongDate("2026-03-15", 2026)).toBe("ngày 15 tháng 3 năm 2026");
    expect(fmt.formatLongDate(undefined, 2026)).toMatch(/^ngày\s+tháng\s+năm 2026$/);
    expect(() => fmt.formatDate("2026-02-30", "meeting.date")).toThrow(/meeting\.date: no such date/);
    expect(() => fmt.formatDate("05/12/2026")).toThrow(fmt.DocumentInputError);
    expect(fmt.formatTime("08:05")).toBe("08 giờ 05 phút");
    expect(() => fmt.formatTime("25:00")).toThrow(fmt.DocumentInputError);
  });

  it("names levels and values", () => {
    expect(fmt.formatLevel(3)).toBe("Mức 3 (Cơ bản)");
    expect(fmt.formatLevel(null)).toBe("Chưa đạt Mức 1");
    expect(formatValue({ numerator: 1234, denominator: 1500 })).toBe("1.234/1.500 (82,3%)");
    expect(formatValue(true)).toBe("Có");
    expect(formatValue(null)).toBe("Chưa nhập");
  });
});
