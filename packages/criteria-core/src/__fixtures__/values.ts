/** Test values shared by the engine's test files. */
import type { TCriteriaSet } from "@cds/criteria-schema";
import type { IndicatorValue } from "../values.ts";

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
