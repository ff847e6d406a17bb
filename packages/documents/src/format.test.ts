import { describe, expect, it } from "vitest";
import {
  DocumentInputError,
  formatDate,
  formatLevel,
  formatLongDate,
  formatNumber,
  formatPercent,
  formatTime,
} from "./index.ts";
import { formatValue } from "./unit-result-sheet.ts";

describe("Vietnamese formats", () => {
  it("writes numbers with a dot for thousands and a comma for decimals", () => {
    expect(formatNumber(1234.5)).toBe("1.234,5");
    expect(formatNumber(1234567.891)).toBe("1.234.567,89");
    expect(formatNumber(-1234567.891, { decimals: 1 })).toBe("-1.234.567,9");
    expect(formatNumber(825.613, { decimals: 2 })).toBe("825,61");
    expect(formatNumber(1.005, { decimals: 2 })).toBe("1,01");
    expect(formatNumber(0.6924, { decimals: 4 })).toBe("0,6924");
    expect(formatNumber(1000, { decimals: 2 })).toBe("1.000,00");
    expect(formatNumber(999)).toBe("999");
    expect(formatPercent(100, 129)).toBe("77,5%");
    expect(formatPercent(0, 0)).toBe("-");
    expect(() => formatNumber(Number.NaN)).toThrow(DocumentInputError);
  });

  it("writes dates as dd/mm/yyyy and the header date as the decree does", () => {
    expect(formatDate("2026-12-05")).toBe("05/12/2026");
    expect(formatLongDate("2026-12-05", 2026)).toBe("ngày 05 tháng 12 năm 2026");
    // Decree 30, Phụ lục I, Phần II: a leading zero for days < 10 and months 1, 2 only.
    expect(formatLongDate("2026-01-03", 2026)).toBe("ngày 03 tháng 01 năm 2026");
    expect(formatLongDate("2026-03-15", 2026)).toBe("ngày 15 tháng 3 năm 2026");
    expect(formatLongDate(undefined, 2026)).toMatch(/^ngày\s+tháng\s+năm 2026$/);
    expect(() => formatDate("2026-02-30", "meeting.date")).toThrow(/meeting\.date: no such date/);
    expect(() => formatDate("05/12/2026")).toThrow(DocumentInputError);
    expect(formatTime("08:05")).toBe("08 giờ 05 phút");
    expect(() => formatTime("25:00")).toThrow(DocumentInputError);
  });

  it("names levels and values", () => {
    expect(formatLevel(3)).toBe("Mức 3 (Cơ bản)");
    expect(formatLevel(null)).toBe("Chưa đạt Mức 1");
    expect(formatValue({ numerator: 1234, denominator: 1500 })).toBe("1.234/1.500 (82,3%)");
    expect(formatValue(true)).toBe("Có");
    expect(formatValue(null)).toBe("Chưa nhập");
  });
});
