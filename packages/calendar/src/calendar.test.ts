import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  daysBetween,
  deadline,
  decisionDateProblem,
  decisionNumber,
  endOfVietnamDay,
  formatVietnameseDate,
  formatVietnameseDateTime,
  formatVietnameseTime,
  isIsoDay,
  isLate,
  isPlatformYear,
  parseVietnameseDate,
  readTypedDecision,
  reportDeadline,
  reportLastDay,
  vietnamDay,
  vietnamYear,
} from "./index.ts";

describe("the day in Vietnam", () => {
  it("turns at 17:00 UTC", () => {
    expect(vietnamDay(new Date("2026-12-24T16:59:59Z"))).toBe("2026-12-24");
    expect(vietnamDay(new Date("2026-12-24T17:00:00Z"))).toBe("2026-12-25");
  });
  it("agrees with a fixed +7 h offset for any instant (Vietnam keeps no daylight saving)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1980-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }), (d) => {
        expect(vietnamDay(d)).toBe(new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10));
      }),
    );
  });
  it("formats days and instants as Vietnamese staff read them", () => {
    expect(formatVietnameseDate("2025-02-14")).toBe("14/02/2025");
    expect(formatVietnameseDate(new Date("2025-02-13T18:00:00Z"))).toBe("14/02/2025");
    expect(formatVietnameseDate(null)).toBe("—");
    expect(formatVietnameseDate("nonsense")).toBe("—");
    expect(formatVietnameseDateTime("2025-02-13T18:05:00Z")).toBe("14/02/2025 01:05");
    expect(formatVietnameseTime(new Date("2025-02-13T18:05:00Z"))).toBe("01:05");
    expect(vietnamYear(new Date("2025-12-31T17:30:00Z"))).toBe(2026);
  });
});

describe("typed dates", () => {
  it("accepts dd/mm/yyyy with /, . or - and refuses days that do not exist", () => {
    expect(parseVietnameseDate("14/02/2025")).toEqual({ iso: "2025-02-14" });
    expect(parseVietnameseDate(" 4.2.2025 ")).toEqual({ iso: "2025-02-04" });
    expect(parseVietnameseDate("04-02-2025")).toEqual({ iso: "2025-02-04" });
    expect(parseVietnameseDate("04/02-2025")).toEqual({ error: "format" });
    expect(parseVietnameseDate("2025-02-04")).toEqual({ error: "format" });
    expect(parseVietnameseDate("30/02/2025")).toEqual({ error: "invalid" });
    expect(parseVietnameseDate("29/02/2024")).toEqual({ iso: "2024-02-29" });
  });
  it("has one ISO-day rule", () => {
    expect(isIsoDay("2025-02-28")).toBe(true);
    expect(isIsoDay("2025-02-29")).toBe(false);
    expect(isIsoDay("2025-2-28")).toBe(false);
  });
  it("reads back every day it formats", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01"), max: new Date("2999-12-31"), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(parseVietnameseDate(formatVietnameseDate(iso))).toEqual({ iso });
      }),
    );
  });
});

describe("deadlines", () => {
  const due = "2026-10-31";
  it("counts a deadline's whole last day in Vietnam as on time: one answer for every screen", () => {
    expect(deadline(due, new Date("2026-10-29T20:00:00Z"))).toEqual({ date: due, daysLeft: 1, state: "OPEN" });
    expect(deadline(due, new Date("2026-10-30T17:00:00Z"))).toEqual({ date: due, daysLeft: 0, state: "DUE_TODAY" });
    expect(deadline(due, new Date("2026-10-31T16:59:59Z")).state).toBe("DUE_TODAY");
    expect(deadline(due, new Date("2026-10-31T17:00:00Z"))).toEqual({ date: due, daysLeft: -1, state: "OVERDUE" });
  });
  it("judges lateness by the same rule", () => {
    expect(isLate(due, new Date("2026-10-31T16:59:59Z"))).toBe(false);
    expect(isLate(due, new Date("2026-10-31T17:00:00Z"))).toBe(true);
    expect(isLate(new Date(`${due}T00:00:00Z`), endOfVietnamDay(due))).toBe(true);
  });
  it("refuses what is not a day or a platform year instead of answering NaN", () => {
    expect(() => deadline("2026-02-30")).toThrow(RangeError);
    expect(() => deadline(new Date(NaN))).toThrow(RangeError);
    expect(() => isLate("2026-10-31", new Date(NaN))).toThrow(RangeError);
    expect(() => isLate("2026-13-01", new Date())).toThrow(RangeError);
    expect(() => reportLastDay(0)).toThrow(RangeError);
    expect(() => reportDeadline(99999)).toThrow(RangeError);
    expect(isPlatformYear(2026.5)).toBe(false);
    expect(isPlatformYear(2024)).toBe(true);
  });
  it("puts the yearly report before 25/12 in Vietnam", () => {
    expect(reportDeadline(2026).toISOString()).toBe("2026-12-24T17:00:00.000Z");
  });
  it("counts days between ISO days", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2025-03-01", "2025-02-28")).toBe(-1);
  });
});

describe("decisions", () => {
  it("refuses a decision date that does not exist or is after today in Vietnam", () => {
    const now = new Date("2026-11-30T18:00:00Z"); // 01/12/2026 in Vietnam
    expect(decisionDateProblem("2026-12-01", now)).toBeNull();
    expect(decisionDateProblem("2026-12-02", now)).toBe("future");
    expect(decisionDateProblem("2026-02-30", now)).toBe("invalid");
  });
  it("reads a typed decision, naming what is wrong with each part", () => {
    const now = new Date("2026-11-30T18:00:00Z");
    expect(readTypedDecision(" 215/QĐ-UBND ", "1/12/2026", now)).toEqual({
      number: "215/QĐ-UBND",
      iso: "2026-12-01",
      numberProblem: null,
      dateProblem: null,
    });
    expect(readTypedDecision("12", "2/12/2026", now)).toMatchObject({ numberProblem: "short", dateProblem: "future" });
    expect(readTypedDecision("215", "30/02/2026", now)).toMatchObject({ iso: null, dateProblem: "invalid" });
    expect(readTypedDecision("215", "hôm qua", now)).toMatchObject({ iso: null, dateProblem: "format" });
  });
  it("keeps a decision number trimmed, three characters at least", () => {
    expect(decisionNumber("  215/QĐ-UBND ")).toBe("215/QĐ-UBND");
    expect(decisionNumber(" 12 ")).toBeNull();
  });
});
