/**
 * Rankings of scored units: competition ranking (1, 2, 2, 4) on the exact
 * scores, per ranking group, ties listed in Vietnamese order of the unit's
 * name (the platform's one collator). Two units whose scores print the same
 * but differ exactly do not tie: the exact value decides.
 */
import { compareVietnamese, exact, type ExactValue, type Rational, type TCriteriaSet } from "@cds/criteria-schema";
import { compileScoring, present, readAll, scoreReadings } from "./points.ts";
import { InvalidValuesError, type ComponentValues, type ValueIssue } from "./values.ts";

const { compare } = exact;

/** A score to sort: its exact value (not reduced: comparing needs no gcd) and, to decide most comparisons, a float. */
interface Keyed {
  e: RankInput;
  x: Rational;
  /** x as the nearest float, NaN when either part is beyond a float's range. */
  f: number;
}

function keyed(e: RankInput): Keyed {
  let n = BigInt(e.score.exact.numerator);
  let d = BigInt(e.score.exact.denominator);
  if (d === 0n) throw new RangeError(`rank: ${e.unit}: mẫu số bằng 0 / zero denominator`);
  if (d < 0n) [n, d] = [-n, -d];
  const f = Number(n) / Number(d);
  return { e, x: { n, d }, f: Number.isFinite(f) ? f : Number.NaN };
}

/**
 * The order of two exact scores. Each float is within 4·10⁻¹⁶ (relative) of its exact value, so floats further
 * apart than 10⁻⁹ (relative) order them as the exact values would; closer, equal or not finite (NaN), the exact
 * fractions decide.
 */
function compareKeyed(p: Keyed, q: Keyed): number {
  const diff = p.f - q.f;
  if (Math.abs(diff) > 1e-9 * Math.max(Math.abs(p.f), Math.abs(q.f))) return diff < 0 ? -1 : 1;
  return compare(p.x, q.x);
}

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
  const buckets = new Map<string | null, Keyed[]>();
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
    b.push(keyed(e));
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
      (p, q) => compareKeyed(q, p) || compareVietnamese(p.e.unit, q.e.unit) || codePointCompare(p.e.unit, q.e.unit),
    );
    let prevRank = 0;
    for (let i = 0; i < b.length; i++) {
      const k = b[i]!;
      const e = k.e;
      const r = i > 0 && compareKeyed(k, b[i - 1]!) === 0 ? prevRank : i + 1;
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
