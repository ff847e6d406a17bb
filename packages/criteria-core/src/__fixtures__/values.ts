/** Test values shared by the engine's test files. */
import type { TCriteriaSet } from "@cds/criteria-schema";
import type { IndicatorValue } from "../values.ts";

/** The criteria of vn-2361-commune with a level-1 target, in the set's order (Decision 2361's appendix). */
export const COMMUNE_LEVEL_1 = [
  "CQS-01",
  "CQS-02",
  "CQS-03",
  "CQS-06",
  "CQS-07",
  "CQS-08",
  "KTS-01",
  "KTS-02",
  "XHS-01",
  "XHS-02",
  "XHS-03",
  "XHS-04",
  "XHS-05",
  "XHS-06",
];

/** Values with which every criterion passes at every level where it applies (worked out per measure). */
export function allPass(set: TCriteriaSet, childCount = 1): Record<string, IndicatorValue> {
  const out: Record<string, IndicatorValue> = {};
  for (const c of set.criteria) {
    switch (c.measure) {
      case "percentage":
        out[c.code] = { numerator: 100, denominator: 100 };
        break;
      case "boolean":
        out[c.code] = true;
        break;
      case "minCount":
        out[c.code] = { count: Math.max(0, ...c.targets.map((t) => t ?? 0)) };
        break;
      case "countOrAll": {
        const n = Math.max(1, ...c.targets.map((t) => t?.min ?? 0));
        out[c.code] = { count: n, total: n };
        break;
      }
      case "childLevels":
        out[c.code] = { childLevels: new Array<number>(childCount).fill(set.levels.length) };
        break;
    }
  }
  return out;
}
