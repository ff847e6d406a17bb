/**
 * evaluate(set, values): judges every criterion at every level and finds the
 * achieved level, as Decision 2361/QĐ-BTTTT says: level L is reached when
 * 100% of the criteria that apply at each level ≤ L meet that level's target.
 *
 * Pure and total over a validated set: bad values never yield NaN or a silent
 * result, they throw `InvalidValuesError` naming the criterion and field.
 * Percentages are compared exactly on integers (numerator × 10000 ≥ target in
 * hundredths of a percent × denominator), never through a rounded float.
 */
import { MAX_COUNT, type TCriteriaSet, type TCriterion, type TMeasureKind } from "@cds/criteria-schema";
import type { TChildLevelsTarget, TCountOrAllTarget } from "@cds/criteria-schema";
import {
  InvalidValuesError,
  VALUE_SHAPES,
  VALUE_SHAPES_EN,
  valueIssue,
  type IndicatorValues,
  type ValueIssue,
} from "./values.ts";

export type Status = "pass" | "fail" | "na" | "missing" | "exempt";

export interface CriterionEvaluation {
  code: string;
  group: string;
  measure: TMeasureKind;
  /** One status per level, level 1 first. */
  results: Status[];
}

export interface LevelEvaluation {
  level: number;
  code: string;
  name: string;
  /** Every criterion that applies at this level passes (or is exempt). Says nothing about lower levels. */
  met: boolean;
  failing: string[];
  missing: string[];
  exempt: string[];
}

export interface Evaluation {
  setId: string;
  setVersion: string;
  /** Achieved level: 0 (not yet at level 1) to the number of levels. */
  level: number;
  levelName: string;
  levelNameEn: string;
  levels: LevelEvaluation[];
  criteria: CriterionEvaluation[];
}

/** A value read and checked against its measure; what the level judgements work on. */
export type Observation =
  | { kind: "ratio"; numerator: number; denominator: number }
  | { kind: "percent"; percent: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "count"; count: number }
  | { kind: "countOfTotal"; count: number; total: number }
  /** atLeast[l] = how many children are at level l or above (atLeast[0] = all of them). */
  | { kind: "childLevels"; total: number; atLeast: number[] }
  | { kind: "missing" }
  | { kind: "exempt" };

const MISSING: Observation = { kind: "missing" };
const EXEMPT: Observation = { kind: "exempt" };

interface CompiledCriterion {
  criterion: TCriterion;
  /** percentage only: each level's target in hundredths of a percent (an exact integer), -1 when not applicable. */
  hundredths: number[];
}

export interface CompiledSet {
  set: TCriteriaSet;
  criteria: CompiledCriterion[];
  byCode: Map<string, number>;
}

const compiled = new WeakMap<TCriteriaSet, CompiledSet>();

/** Precomputes what judging needs; cached per set object, so callers never need to call it themselves. */
export function compile(set: TCriteriaSet): CompiledSet {
  let c = compiled.get(set);
  if (c) return c;
  c = {
    set,
    criteria: set.criteria.map((criterion) => ({
      criterion,
      hundredths:
        criterion.measure === "percentage"
          ? criterion.targets.map((t) => (t === null ? -1 : Math.round((t as number) * 100)))
          : [],
    })),
    byCode: new Map(set.criteria.map((cr, i) => [cr.code, i])),
  };
  compiled.set(set, c);
  return c;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function hasExactKeys(v: Record<string, unknown>, keys: readonly string[]): boolean {
  let n = 0;
  for (const k in v) {
    if (!keys.includes(k)) return false;
    n++;
  }
  return n === keys.length;
}

/** Checks one whole quantity; pushes an issue naming the field when it is not a finite, non-negative integer in range. */
function checkQuantity(code: string, field: string, n: unknown, issues: ValueIssue[]): boolean {
  const name = `${code}.${field}`;
  if (typeof n !== "number" || !Number.isFinite(n)) {
    issues.push(valueIssue(code, name, "not_a_number"));
    return false;
  }
  if (n < 0) {
    issues.push(valueIssue(code, name, "negative"));
    return false;
  }
  if (!Number.isInteger(n)) {
    issues.push(valueIssue(code, name, "not_integer"));
    return false;
  }
  if (n > MAX_COUNT) {
    issues.push(valueIssue(code, name, "too_large"));
    return false;
  }
  return true;
}

/**
 * Reads a raw value for one criterion into an observation, or pushes issues and returns null.
 * Exported for the gaps module, which needs the same reading.
 */
export function observe(criterion: TCriterion, raw: unknown, nLevels: number, issues: ValueIssue[]): Observation | null {
  const code = criterion.code;
  if (raw === undefined || raw === null) return MISSING;
  const wrongShape = () => {
    issues.push(
      valueIssue(code, code, "wrong_shape", [
        `cần ${VALUE_SHAPES[criterion.measure]}`,
        `expected ${VALUE_SHAPES_EN[criterion.measure]}`,
      ]),
    );
    return null;
  };
  if (isPlainObject(raw) && "noSubjects" in raw) {
    if (!hasExactKeys(raw, ["noSubjects"]) || raw.noSubjects !== true) return wrongShape();
    if (!criterion.exemptWhenNoSubjects) {
      issues.push(valueIssue(code, `${code}.noSubjects`, "not_exempt"));
      return null;
    }
    return EXEMPT;
  }

  switch (criterion.measure) {
    case "percentage": {
      if (typeof raw === "number") {
        if (!Number.isFinite(raw)) return issues.push(valueIssue(code, code, "not_a_number")), null;
        if (raw < 0) return issues.push(valueIssue(code, code, "negative")), null;
        if (raw > 100) return issues.push(valueIssue(code, code, "percent_over_100")), null;
        return { kind: "percent", percent: raw };
      }
      if (!isPlainObject(raw) || !hasExactKeys(raw, ["numerator", "denominator"])) return wrongShape();
      const okN = checkQuantity(code, "numerator", raw.numerator, issues);
      const okD = checkQuantity(code, "denominator", raw.denominator, issues);
      if (!okN || !okD) return null;
      const numerator = raw.numerator as number;
      const denominator = raw.denominator as number;
      if (denominator === 0) {
        if (criterion.exemptWhenNoSubjects && numerator === 0) return EXEMPT;
        issues.push(valueIssue(code, `${code}.denominator`, "zero_denominator"));
        return null;
      }
      if (numerator > denominator) {
        issues.push(valueIssue(code, `${code}.numerator`, "numerator_exceeds_denominator"));
        return null;
      }
      return { kind: "ratio", numerator, denominator };
    }
    case "boolean":
      if (typeof raw !== "boolean") return wrongShape();
      return { kind: "boolean", value: raw };
    case "minCount": {
      if (!isPlainObject(raw) || !hasExactKeys(raw, ["count"])) return wrongShape();
      if (!checkQuantity(code, "count", raw.count, issues)) return null;
      return { kind: "count", count: raw.count as number };
    }
    case "countOrAll": {
      if (!isPlainObject(raw) || !hasExactKeys(raw, ["count", "total"])) return wrongShape();
      const okC = checkQuantity(code, "count", raw.count, issues);
      const okT = checkQuantity(code, "total", raw.total, issues);
      if (!okC || !okT) return null;
      const count = raw.count as number;
      const total = raw.total as number;
      if (count > total) {
        issues.push(valueIssue(code, `${code}.count`, "count_exceeds_total"));
        return null;
      }
      if (total === 0 && criterion.exemptWhenNoSubjects) return EXEMPT;
      return { kind: "countOfTotal", count, total };
    }
    case "childLevels": {
      if (!isPlainObject(raw) || !hasExactKeys(raw, ["childLevels"]) || !Array.isArray(raw.childLevels)) return wrongShape();
      const list = raw.childLevels as unknown[];
      if (list.length === 0) {
        if (criterion.exemptWhenNoSubjects) return EXEMPT;
        issues.push(valueIssue(code, `${code}.childLevels`, "no_children"));
        return null;
      }
      const perLevel = new Array<number>(nLevels + 2).fill(0);
      for (let i = 0; i < list.length; i++) {
        const l = list[i];
        if (typeof l !== "number" || !Number.isInteger(l) || l < 0 || l > nLevels) {
          issues.push(
            valueIssue(code, `${code}.childLevels[${i}]`, "level_out_of_range", [`từ 0 đến ${nLevels}`, `0 to ${nLevels}`]),
          );
          return null;
        }
        perLevel[l]! += 1;
      }
      // Cumulate from the top: atLeast[l] = children at level l or above.
      for (let l = nLevels - 1; l >= 0; l--) perLevel[l]! += perLevel[l + 1]!;
      return { kind: "childLevels", total: list.length, atLeast: perLevel };
    }
  }
}

/** a × b ≥ c × d on non-negative integers, exactly (BigInt only when a double could round). */
function productAtLeast(a: number, b: number, c: number, d: number): boolean {
  const left = a * b;
  const right = c * d;
  if (left <= Number.MAX_SAFE_INTEGER && right <= Number.MAX_SAFE_INTEGER) return left >= right;
  return BigInt(a) * BigInt(b) >= BigInt(c) * BigInt(d);
}

/** Whether an observation meets the target of level index `li` (which must be applicable). */
export function meets(cc: CompiledCriterion, obs: Observation, li: number): boolean {
  const target = cc.criterion.targets[li];
  switch (obs.kind) {
    case "ratio":
      return productAtLeast(obs.numerator, 10_000, cc.hundredths[li]!, obs.denominator);
    case "percent":
      return obs.percent >= (target as number);
    case "boolean":
      return obs.value;
    case "count":
      return obs.count >= (target as number);
    case "countOfTotal": {
      const t = target as TCountOrAllTarget;
      return obs.count >= t.min || (t.orAll && obs.total > 0 && obs.count === obs.total);
    }
    case "childLevels": {
      const t = target as TChildLevelsTarget;
      if ((obs.atLeast[t.allAtLeast] ?? 0) !== obs.total) return false;
      if (t.share === null) return true;
      return productAtLeast(obs.atLeast[t.share.atLeast] ?? 0, 10_000, Math.round(t.share.percent * 100), obs.total);
    }
    case "missing":
    case "exempt":
      return false;
  }
}

function statusOf(cc: CompiledCriterion, obs: Observation, li: number): Status {
  if (cc.criterion.targets[li] === null) return "na";
  if (obs.kind === "missing") return "missing";
  if (obs.kind === "exempt") return "exempt";
  return meets(cc, obs, li) ? "pass" : "fail";
}

/** Reads every value of a unit; throws `InvalidValuesError` listing all issues. */
export function observeAll(set: TCriteriaSet, values: IndicatorValues): Observation[] {
  const c = compile(set);
  const issues: ValueIssue[] = [];
  if (!isPlainObject(values)) throw new InvalidValuesError([valueIssue("", "values", "not_an_object")]);
  for (const key in values) {
    if (!c.byCode.has(key)) issues.push(valueIssue(key, key, "unknown_criterion"));
  }
  const nLevels = set.levels.length;
  const obs: Observation[] = new Array(c.criteria.length);
  for (let i = 0; i < c.criteria.length; i++) {
    const criterion = c.criteria[i]!.criterion;
    obs[i] = observe(criterion, values[criterion.code], nLevels, issues) ?? MISSING;
  }
  if (issues.length > 0) throw new InvalidValuesError(issues);
  return obs;
}

/** Judges a unit's values against a set. Throws `InvalidValuesError` on values that cannot be judged. */
export function evaluate(set: TCriteriaSet, values: IndicatorValues): Evaluation {
  const c = compile(set);
  const obs = observeAll(set, values);
  const nLevels = set.levels.length;
  const levels: LevelEvaluation[] = set.levels.map((l) => ({
    level: l.rank,
    code: l.code,
    name: l.name,
    met: true,
    failing: [],
    missing: [],
    exempt: [],
  }));
  const criteria: CriterionEvaluation[] = new Array(c.criteria.length);
  for (let i = 0; i < c.criteria.length; i++) {
    const cc = c.criteria[i]!;
    const o = obs[i]!;
    const results: Status[] = new Array(nLevels);
    for (let li = 0; li < nLevels; li++) {
      const s = statusOf(cc, o, li);
      results[li] = s;
      if (s === "fail") {
        levels[li]!.met = false;
        levels[li]!.failing.push(cc.criterion.code);
      } else if (s === "missing") {
        levels[li]!.met = false;
        levels[li]!.missing.push(cc.criterion.code);
      } else if (s === "exempt") {
        levels[li]!.exempt.push(cc.criterion.code);
      }
    }
    criteria[i] = { code: cc.criterion.code, group: cc.criterion.group, measure: cc.criterion.measure, results };
  }
  let level = 0;
  while (level < nLevels && levels[level]!.met) level++;
  return {
    setId: set.id,
    setVersion: set.version,
    level,
    levelName: level === 0 ? `Chưa đạt mức ${set.levels[0]!.name}` : set.levels[level - 1]!.name,
    levelNameEn:
      level === 0
        ? `Below ${set.levels[0]!.nameEn ?? set.levels[0]!.name}`
        : (set.levels[level - 1]!.nameEn ?? set.levels[level - 1]!.name),
    levels,
    criteria,
  };
}

export type EvaluateResult = { ok: true; evaluation: Evaluation } | { ok: false; issues: ValueIssue[] };

/** Like `evaluate`, but returns the issues instead of throwing. */
export function tryEvaluate(set: TCriteriaSet, values: IndicatorValues): EvaluateResult {
  try {
    return { ok: true, evaluation: evaluate(set, values) };
  } catch (e) {
    if (e instanceof InvalidValuesError) return { ok: false, issues: e.issues };
    throw e;
  }
}

/**
 * The value of a child-level criterion from the recognised levels of the child units.
 * A child with no recognised level counts as level 0 (not yet Khởi động).
 */
export function childLevelsValue(levels: readonly (number | null | undefined)[]): { childLevels: number[] } {
  return { childLevels: levels.map((l) => l ?? 0) };
}
