// The whole-nation seed's dates are instants in Vietnam (UTC+7), as its Date.UTC(…, hour - 7) was.
import { describe, expect, it } from "vitest";
import { vietnamDay } from "@cds/calendar";
import { LEVEL_ABOVE_CHAIN, PROVINCE_CHAIN } from "../services/access.ts";
import { reviewChainJson } from "../services/units.ts";
import { day, pick, yearPlan } from "./nation-plan.ts";

describe("nation seed plan", () => {
  it("day(): hour:00 in Vietnam, on that calendar day in Vietnam", () => {
    expect(day(2026, 11, 20, 14).toISOString()).toBe("2026-11-20T07:00:00.000Z");
    expect(day(2026, 3, 1).toISOString()).toBe(new Date(Date.UTC(2026, 2, 1, 9 - 7)).toISOString());
    expect(day(2026, 12, 1, 6).toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(vietnamDay(day(2026, 12, 1, 6))).toBe("2026-12-01");
  });

  it("pick(): the first value whose cumulative weight exceeds r, else the last", () => {
    const w: [string, number][] = [
      ["a", 0.5],
      ["b", 0.3],
      ["c", 0.2],
    ];
    expect([0, 0.49, 0.5, 0.79, 0.8, 0.999, 1.5].map((r) => pick(r, w))).toEqual(["a", "a", "b", "b", "c", "c", "c"]);
  });

  it("yearPlan(): the map in force on 1 January, its assessed kinds and its review chain", () => {
    for (const year of [2024, 2025]) {
      expect(yearPlan(year)).toEqual({
        mapId: "2025-03",
        kinds: ["commune", "district"],
        reviewChain: reviewChainJson(LEVEL_ABOVE_CHAIN),
        firstDay: `${year}-01-01`,
      });
    }
    for (const year of [2026, 2027, 2028]) {
      expect(yearPlan(year)).toEqual({
        mapId: "2025-07",
        kinds: ["commune"],
        reviewChain: reviewChainJson(PROVINCE_CHAIN),
        firstDay: `${year}-01-01`,
      });
    }
    expect(yearPlan(2026).reviewChain.recognise).toEqual({ roles: ["PROVINCE_LEADER"], at: "PROVINCE" });
  });
});
