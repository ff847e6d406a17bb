/**
 * The same rules encoded for json-rules-engine: one Engine per set, built
 * once, with one rule per criterion × applicable level. Each criterion's
 * value is a fact named by its code (the unit's values object is passed to
 * engine.run as-is). Booleans use the built-in `equal`; the other measures
 * need arithmetic across fields (exact ratio, count-or-all, child tallies),
 * which json-rules-engine can only express as custom operators. A rule for a
 * "nếu có" criterion is `any: [exempt, meets]`. Level L is met when no rule of
 * level L fails; the achieved level is one below the lowest failing level.
 */
import { Engine, type RuleProperties } from "json-rules-engine";
import type { TCriteriaSet } from "@cds/criteria-schema";
import type { IndicatorValues } from "../src/index.ts";

type Raw = {
  numerator?: number;
  denominator?: number;
  count?: number;
  total?: number;
  noSubjects?: boolean;
  childLevels?: number[];
};

/** One leaf condition (json-rules-engine does not export its own name for it). */
type Leaf = { fact: string; operator: string; value: unknown };

const isObj = (v: unknown): v is Raw => typeof v === "object" && v !== null;

export interface JreSet {
  engine: Engine;
  nLevels: number;
  rules: number;
}

export function buildJre(set: TCriteriaSet): JreSet {
  const engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: false });
  const nLevels = set.levels.length;

  engine.addOperator<unknown, { hundredths: number; percent: number }>("percentAtLeast", (v, t) => {
    if (typeof v === "number") return v >= t.percent;
    if (!isObj(v) || typeof v.numerator !== "number" || typeof v.denominator !== "number") return false;
    return v.numerator * 10000 >= t.hundredths * v.denominator;
  });
  engine.addOperator<unknown, number>(
    "countAtLeast",
    (v, min) => isObj(v) && typeof v.count === "number" && v.count >= min,
  );
  engine.addOperator<unknown, { min: number; orAll: boolean }>("countOrAll", (v, t) => {
    if (!isObj(v) || typeof v.count !== "number" || typeof v.total !== "number") return false;
    return v.count >= t.min || (t.orAll && v.total > 0 && v.count === v.total);
  });
  engine.addOperator<unknown, { allAtLeast: number; share: { atLeast: number; percent: number } | null }>(
    "childLevelsMeet",
    (v, t) => {
      if (!isObj(v) || !Array.isArray(v.childLevels) || v.childLevels.length === 0) return false;
      const list = v.childLevels;
      let all = 0;
      let share = 0;
      for (const l of list) {
        if (l >= t.allAtLeast) all++;
        if (t.share && l >= t.share.atLeast) share++;
      }
      if (all !== list.length) return false;
      return t.share === null || share * 10000 >= Math.round(t.share.percent * 100) * list.length;
    },
  );
  engine.addOperator<unknown, string>("exemptNoSubjects", (v, measure) => {
    if (!isObj(v)) return false;
    if (v.noSubjects === true) return true;
    if (measure === "percentage") return v.denominator === 0 && v.numerator === 0;
    if (measure === "countOrAll") return v.total === 0;
    if (measure === "childLevels") return Array.isArray(v.childLevels) && v.childLevels.length === 0;
    return false;
  });

  let rules = 0;
  for (const cr of set.criteria) {
    cr.targets.forEach((t, li) => {
      if (t === null) return;
      let meets: Leaf;
      switch (cr.measure) {
        case "percentage":
          meets = {
            fact: cr.code,
            operator: "percentAtLeast",
            value: { hundredths: Math.round((t as number) * 100), percent: t as number },
          };
          break;
        case "boolean":
          meets = { fact: cr.code, operator: "equal", value: true };
          break;
        case "minCount":
          meets = { fact: cr.code, operator: "countAtLeast", value: t as number };
          break;
        case "countOrAll":
          meets = { fact: cr.code, operator: "countOrAll", value: t as object };
          break;
        case "childLevels":
          meets = { fact: cr.code, operator: "childLevelsMeet", value: t as object };
          break;
      }
      const rule: RuleProperties = {
        name: `${cr.code}@${li + 1}`,
        conditions: cr.exemptWhenNoSubjects
          ? { any: [{ fact: cr.code, operator: "exemptNoSubjects", value: cr.measure }, meets] }
          : { all: [meets] },
        event: { type: "meets", params: { code: cr.code, level: li + 1 } },
      };
      engine.addRule(rule);
      rules++;
    });
  }
  return { engine, nLevels, rules };
}

/** Runs the engine on one unit and derives the achieved level from the failing rules. */
export async function judgeJre(js: JreSet, values: IndicatorValues): Promise<number> {
  const { failureEvents } = await js.engine.run(values as Record<string, unknown>);
  let level = js.nLevels;
  for (const e of failureEvents) {
    const l = (e.params as { level: number }).level - 1;
    if (l < level) level = l;
  }
  return level;
}
