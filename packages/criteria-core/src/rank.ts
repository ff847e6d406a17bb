/**
 * Rankings of scored units: competition ranking (1, 2, 2, 4) on the exact
 * scores, per ranking group, ties listed in Vietnamese order of the unit's
 * name (the platform's one collator). Two units whose scores print the same
 * but differ exactly do not tie: the exact value decides.
 */
import { compareVietnamese, exact, type ExactValue, type Rational, type TCriteriaSet } from "@cds/criteria-schema";
import { compileScoring, present, readAll, scoreReadings } from "./points.ts";
import { InvalidValuesError, type ComponentValues, type ValueIssue } from "./values.ts";

const { compare, fromExact } = exact;

export interface RankInput {
  unit: string;
  /** What `score` returned (or a stored copy of it): only the exact value decides. */
  score: { score: number; scoreText: string; exact: ExactValue };
  /** Ranking group code; units without one are ranked together. */
  group?: string | null;
}

export interface RankRow {
  unit: string;
  group: string | null;
  score: number;
  scoreText: string;
  /** 1 = best; ties share a rank and the next rank is skipped (15, 15, 17). */
  rank: number;
}

function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ranks units best first within each group. Groups come in `groupOrder`
 * (e.g. the set's ranking groups), then any other group in the order first
 * seen, then units without a group. The result does not depend on the order
 * of `entries`.
 */
export function rank(entries: readonly RankInput[], groupOrder: readonly string[] = []): RankRow[] {
  const buckets = new Map<string | null, { e: RankInput; x: Rational }[]>();
  for (const g of groupOrder) buckets.set(g, []);
  const seen: (string | null)[] = [];
  for (const e of entries) {
    const g = e.group ?? null;
    let b = buckets.get(g);
    if (!b) {
      b = [];
      buckets.set(g, b);
      seen.push(g);
    }
    b.push({ e, x: fromExact(e.score.exact) });
  }
  const out: RankRow[] = [];
  const order: (string | null)[] = [
    ...groupOrder,
    ...seen.filter((g) => g !== null),
    ...(buckets.has(null) ? [null] : []),
  ];
  for (const g of order) {
    const b = buckets.get(g)!;
    b.sort(
      (p, q) => compare(q.x, p.x) || compareVietnamese(p.e.unit, q.e.unit) || codePointCompare(p.e.unit, q.e.unit),
    );
    let prevRank = 0;
    for (let i = 0; i < b.length; i++) {
      const { e, x } = b[i]!;
      const r = i > 0 && compare(x, b[i - 1]!.x) === 0 ? prevRank : i + 1;
      prevRank = r;
      out.push({ unit: e.unit, group: g, score: e.score.score, scoreText: e.score.scoreText, rank: r });
    }
  }
  return out;
}

/** The ranking group of a unit in a set: the first whose kinds (and types, when listed) match; null when none or none declared. */
export function rankingGroupFor(
  set: TCriteriaSet,
  unitKind: string = set.unitKind,
  unitType?: string | null,
): string | null {
  for (const rg of set.scoring?.rankingGroups ?? []) {
    if (!rg.unitKinds.includes(unitKind)) continue;
    if (rg.unitTypes && !(unitType && rg.unitTypes.includes(unitType))) continue;
    return rg.code;
  }
  return null;
}

export interface UnitValues {
  unit: string;
  values: ComponentValues;
  unitKind?: string;
  unitType?: string | null;
}

/**
 * Scores and ranks units of one set. Throws `InvalidValuesError` listing every
 * bad value of every unit, each field prefixed with the unit's name.
 */
export function rankUnits(set: TCriteriaSet, units: readonly UnitValues[]): RankRow[] {
  const c = compileScoring(set);
  const issues: ValueIssue[] = [];
  const entries: RankInput[] = [];
  for (const u of units) {
    try {
      const s = present(c, scoreReadings(c, readAll(c, u.values)));
      entries.push({ unit: u.unit, score: s, group: rankingGroupFor(set, u.unitKind, u.unitType) });
    } catch (e) {
      if (!(e instanceof InvalidValuesError)) throw e;
      for (const i of e.issues) {
        issues.push({
          ...i,
          field: `${u.unit}: ${i.field}`,
          message: `${u.unit}: ${i.message}`,
          messageEn: `${u.unit}: ${i.messageEn}`,
        });
      }
    }
  }
  if (issues.length > 0) throw new InvalidValuesError(issues);
  return rank(
    entries,
    (set.scoring?.rankingGroups ?? []).map((g) => g.code),
  );
}
