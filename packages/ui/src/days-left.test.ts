import { describe, expect, it } from "vitest";
import { deadline } from "@cds/calendar";
import { formatDaysLeft } from "./days-left.ts";
import { sharedEn, sharedVi } from "./messages.ts";
import type { Catalog } from "./i18n.tsx";

const tOf =
  (cat: Catalog) =>
  (key: string, params?: Record<string, string | number>): string => {
    let s = cat[key] ?? key;
    for (const [k, v] of Object.entries(params ?? {})) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
const vi = tOf(sharedVi);
const en = tOf(sharedEn);

describe("formatDaysLeft: the one days-left wording", () => {
  it("words the API's deadline in Vietnamese", () => {
    expect(formatDaysLeft({ daysLeft: 30, state: "OPEN" }, vi)).toBe("còn 30 ngày");
    expect(formatDaysLeft({ daysLeft: 1, state: "OPEN" }, vi)).toBe("còn 1 ngày");
    expect(formatDaysLeft({ daysLeft: 0, state: "DUE_TODAY" }, vi)).toBe("hạn cuối là hôm nay");
    expect(formatDaysLeft({ daysLeft: -2, state: "OVERDUE" }, vi)).toBe("đã quá hạn 2 ngày");
  });

  it("says one day and many days in English", () => {
    expect(formatDaysLeft({ daysLeft: 1, state: "OPEN" }, en)).toBe("1 day left");
    expect(formatDaysLeft({ daysLeft: 29, state: "OPEN" }, en)).toBe("29 days left");
    expect(formatDaysLeft({ daysLeft: 0, state: "DUE_TODAY" }, en)).toBe("due today");
    expect(formatDaysLeft({ daysLeft: -1, state: "OVERDUE" }, en)).toBe("1 day overdue");
    expect(formatDaysLeft({ daysLeft: -3, state: "OVERDUE" }, en)).toBe("3 days overdue");
  });

  it("never counts days itself: the same Deadline says the same thing, whatever the time of day", () => {
    // 31/10 is the last day; 30/10 at 23:30 and 00:30 in Vietnam are both one day before it.
    const late = deadline("2026-10-31", new Date("2026-10-30T16:30:00Z"));
    const early = deadline("2026-10-31", new Date("2026-10-29T17:30:00Z"));
    expect(formatDaysLeft(late, vi)).toBe("còn 1 ngày");
    expect(formatDaysLeft(early, vi)).toBe("còn 1 ngày");
    expect(formatDaysLeft(deadline("2026-10-31", new Date("2026-10-31T16:59:00Z")), vi)).toBe("hạn cuối là hôm nay");
    expect(formatDaysLeft(deadline("2026-10-31", new Date("2026-10-31T17:00:00Z")), vi)).toBe("đã quá hạn 1 ngày");
  });

  it("has every key in both catalogs", () => {
    for (const key of [
      "deadline.daysLeft.one",
      "deadline.daysLeft.other",
      "deadline.dueToday",
      "deadline.overdue.one",
      "deadline.overdue.other",
    ]) {
      expect(sharedVi[key]).toBeTruthy();
      expect(sharedEn[key]).toBeTruthy();
    }
  });
});
