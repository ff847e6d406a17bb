/**
 * Rollups over many units judged against one set: how many reached each
 * level, and each criterion's pass rate per level. Rates are kept as a
 * numerator and a denominator (pass / (pass + fail)); missing and exempt
 * units are counted apart, never folded into a pass or a fail.
 */
import type { TCriteriaSet } from "@cds/criteria-schema";
import type { Evaluation } from "./evaluate.ts";

export interface Rate {
  numerator: number;
  denominator: number;
}

export interface CriterionLevelTally {
  level: number;
  pass: number;
  fail: number;
  missing: number;
  exempt: number;
  na: number;
  passRate: Rate;
}

export interface Rollup {
  units: number;
  /** byLevel[l] = units whose achieved level is exactly l (index 0 = not yet level 1). */
  byLevel: number[];
  /** atLeast[l] = units at level l or above. */
  atLeast: number[];
  criteria: { code: string; levels: CriterionLevelTally[] }[];
}

/** Counts per achieved level, from levels alone (e.g. recognised levels). `null` counts as 0. */
export function levelDistribution(levels: Iterable<number | null | undefined>, nLevels: number): number[] {
  const byLevel = new Array<number>(nLevels + 1).fill(0);
  for (const l of levels) {
    const v = l ?? 0;
    if (!Number.isInteger(v) || v < 0 || v > nLevels)
      throw new RangeError(`level ${String(l)}: phải từ 0 đến ${nLevels}`);
    byLevel[v]! += 1;
  }
  return byLevel;
}

function cumulate(byLevel: number[]): number[] {
  const atLeast = byLevel.slice();
  for (let l = atLeast.length - 2; l >= 0; l--) atLeast[l]! += atLeast[l + 1]!;
  return atLeast;
}

export function rollup(set: TCriteriaSet, evaluations: Iterable<Evaluation>): Rollup {
  const nLevels = set.levels.length;
  const byLevel = new Array<number>(nLevels + 1).fill(0);
  const index = new Map(set.criteria.map((c, i) => [c.code, i]));
  const tallies = set.criteria.map((c) => ({
    code: c.code,
    levels: set.levels.map((l) => ({
      level: l.rank,
      pass: 0,
      fail: 0,
      missing: 0,
      exempt: 0,
      na: 0,
      passRate: { numerator: 0, denominator: 0 },
    })),
  }));
  let units = 0;
  for (const e of evaluations) {
    if (e.setId !== set.id || e.setVersion !== set.version) {
      throw new Error(`rollup: đánh giá theo ${e.setId}@${e.setVersion}, không theo ${set.id}@${set.version}`);
    }
    units++;
    byLevel[e.level]! += 1;
    for (const ce of e.criteria) {
      const t = tallies[index.get(ce.code)!]!;
      for (let li = 0; li < nLevels; li++) t.levels[li]![ce.results[li]!] += 1;
    }
  }
  for (const t of tallies) {
    for (const l of t.levels) l.passRate = { numerator: l.pass, denominator: l.pass + l.fail };
  }
  return { units, byLevel, atLeast: cumulate(byLevel), criteria: tallies };
}

/** How a merged unit's starting point is derived from its predecessors' recognised levels: declared, never implied. */
export const PREDECESSOR_BASELINE_RULE = {
  code: "LOWEST_OF_PREDECESSORS",
  vi: "Mức xuất phát của đơn vị mới sáp nhập: mức thấp nhất trong các mức đã được công nhận của các đơn vị cũ (kèm phân bố các mức); đơn vị cũ chưa được công nhận không được tính và được nêu riêng",
  en: "A merged unit's baseline: the lowest recognised level among its predecessors (with their distribution); predecessors never recognised are not counted and are reported",
} as const;

export interface PredecessorBaseline {
  rule: typeof PREDECESSOR_BASELINE_RULE;
  /** The lowest recognised level, or null when no predecessor was recognised. */
  level: number | null;
  /** distribution[l] = predecessors recognised at level l (0 to nLevels). */
  distribution: number[];
  /** Predecessors with a recognised level / without one. */
  recognised: number;
  unrecognised: number;
}

/** The declared baseline of a merged unit from its predecessors' last recognised levels (null = never recognised). */
export function predecessorBaseline(levels: readonly (number | null)[], nLevels: number): PredecessorBaseline {
  const known = levels.filter((l): l is number => l !== null);
  return {
    rule: PREDECESSOR_BASELINE_RULE,
    level: known.length > 0 ? Math.min(...known) : null,
    distribution: levelDistribution(known, nLevels),
    recognised: known.length,
    unrecognised: levels.length - known.length,
  };
}
