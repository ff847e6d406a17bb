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
import { judgedBy, MAX_COUNT } from "@cds/criteria-schema";
import type { TCriteriaSet, TCriterion, TMeasureKind } from "@cds/criteria-schema";
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

export interface CompiledCriterion {
  criterion: TCriterion;
  /** percentage only: each level's target in hundredths of a percent (an exact integer), -1 when not applicable. */
  hundredths: number[];
}

export interface CompiledSet {
  set: TCriteriaSet;
  criteria: CompiledCriterion[];
  byCode: Map<string, number>;
  /** levelNames[l] for achieved level l (0 = below level 1), Vietnamese and English. */
  levelNames: string[];
  levelNamesEn: string[];
}

const compiled = new WeakMap<TCriteriaSet, CompiledSet>();

/** Thrown by `evaluate` and `gaps` for a scored set (judgedBy points or both): those are judged by `score`. */
export class NotJudgedByLevelsError extends Error {
  override readonly name = "NotJudgedByLevelsError";
  constructor(set: Pick<TCriteriaSet, "id" | "judgedBy">) {
    super(
      `${set.id}: bộ chỉ số chấm điểm (judgedBy = ${set.judgedBy}), dùng score() thay cho evaluate() / a scored set (judgedBy = ${set.judgedBy}): use score(), not evaluate()`,
    );
  }
}

/** Precomputes what judging needs; cached per set object, so callers never need to call it themselves. */
export function compile(set: TCriteriaSet): CompiledSet {
  let c = compiled.get(set);
  if (c) return c;
  if (judgedBy(set) !== "levels") throw new NotJudgedByLevelsError(set);
  c = {
    set,
    criteria: set.criteria.map((criterion) => ({
      criterion,
      hundredths:
        criterion.measure === "percentage" ? criterion.targets.map((t) => (t === null ? -1 : Math.round(t * 100))) : [],
    })),
    byCode: new Map(set.criteria.map((cr, i) => [cr.code, i])),
    levelNames: [`Chưa đạt mức ${set.levels[0]!.name}`, ...set.levels.map((l) => l.name)],
    levelNamesEn: [
      `Below ${set.levels[0]!.nameEn ?? set.levels[0]!.name}`,
      ...set.levels.map((l) => l.nameEn ?? l.name),
    ],
  };
  compiled.set(set, c);
  return c;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function keyCount(v: Record<string, unknown>): number {
  let n = 0;
  for (const _ in v) n++;
  return n;
}

/** Checks one whole quantity; pushes an issue naming the field when it is not a finite, non-negative integer in range. */
export function checkQuantity(code: string, field: string, n: unknown, issues: ValueIssue[]): boolean {
  // The hot path (a valid number) builds no string: this runs ~400,000 times for a whole nation.
  if (typeof n === "number" && n >= 0 && n <= MAX_COUNT && Number.isInteger(n)) return true;
  const name = `${code}.${field}`;
  const reason =
    typeof n !== "number" || !Number.isFinite(n)
      ? "not_a_number"
      : n < 0
        ? "negative"
        : !Number.isInteger(n)
          ? "not_integer"
          : "too_large";
  issues.push(valueIssue(code, name, reason));
  return false;
}

/**
 * The numerator and denominator of a ratio value (already shaped { numerator, denominator }): whole
 * quantities with numerator ≤ denominator. 0/0 is `"nothing"` (nothing to count) where the caller
 * allows it — 2361's "nếu có" criteria, components that may not apply — and an issue elsewhere.
 */
export function readRatio(
  code: string,
  raw: { numerator: unknown; denominator: unknown },
  nothingAllowed: boolean,
  issues: ValueIssue[],
): { kind: "ratio"; numerator: number; denominator: number } | "nothing" | null {
  const okN = checkQuantity(code, "numerator", raw.numerator, issues);
  const okD = checkQuantity(code, "denominator", raw.denominator, issues);
  if (!okN || !okD) return null;
  const numerator = raw.numerator as number;
  const denominator = raw.denominator as number;
  if (denominator === 0) {
    if (nothingAllowed && numerator === 0) return "nothing";
    issues.push(valueIssue(code, `${code}.denominator`, "zero_denominator"));
    return null;
  }
  if (numerator > denominator) {
    issues.push(valueIssue(code, `${code}.numerator`, "numerator_exceeds_denominator"));
    return null;
  }
  return { kind: "ratio", numerator, denominator };
}

function wrongShape(criterion: TCriterion, issues: ValueIssue[]): null {
  issues.push(
    valueIssue(criterion.code, criterion.code, "wrong_shape", [
      `cần ${VALUE_SHAPES[criterion.measure]}`,
      `expected ${VALUE_SHAPES_EN[criterion.measure]}`,
    ]),
  );
  return null;
}

/**
 * Reads a raw value for one criterion into an observation, or pushes issues and returns null.
 * Exported for the gaps module, which needs the same reading.
 */
export function observe(
  criterion: TCriterion,
  raw: unknown,
  nLevels: number,
  issues: ValueIssue[],
): Observation | null {
  const code = criterion.code;
  if (raw === undefined || raw === null) return MISSING;
  if (typeof raw === "object" && "noSubjects" in raw) {
    if (Array.isArray(raw) || keyCount(raw) !== 1 || raw.noSubjects !== true) {
      return wrongShape(criterion, issues);
    }
    if (!criterion.exemptWhenNoSubjects) {
      issues.push(valueIssue(code, `${code}.noSubjects`, "not_exempt"));
      return null;
    }
    return EXEMPT;
  }

  switch (criterion.measure) {
    case "percentage": {
      if (typeof raw === "number") {
        if (!Number.isFinite(raw)) return (issues.push(valueIssue(code, code, "not_a_number")), null);
        if (raw < 0) return (issues.push(valueIssue(code, code, "negative")), null);
        if (raw > 100) return (issues.push(valueIssue(code, code, "percent_over_100")), null);
        return { kind: "percent", percent: raw };
      }
      if (!isPlainObject(raw) || !("numerator" in raw) || !("denominator" in raw) || keyCount(raw) !== 2) {
        return wrongShape(criterion, issues);
      }
      const ratio = readRatio(
        code,
        raw as { numerator: unknown; denominator: unknown },
        criterion.exemptWhenNoSubjects === true,
        issues,
      );
      return ratio === "nothing" ? EXEMPT : ratio;
    }
    case "boolean":
      if (typeof raw !== "boolean") return wrongShape(criterion, issues);
      return { kind: "boolean", value: raw };
    case "minCount": {
      if (!isPlainObject(raw) || !("count" in raw) || keyCount(raw) !== 1) return wrongShape(criterion, issues);
      if (!checkQuantity(code, "count", raw.count, issues)) return null;
      return { kind: "count", count: raw.count as number };
    }
    case "countOrAll": {
      if (!isPlainObject(raw) || !("count" in raw) || !("total" in raw) || keyCount(raw) !== 2) {
        return wrongShape(criterion, issues);
      }
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
      if (!isPlainObject(raw) || !Array.isArray(raw.childLevels) || keyCount(raw) !== 1)
        return wrongShape(criterion, issues);
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
            valueIssue(code, `${code}.childLevels[${i}]`, "level_out_of_range", [
              `từ 0 đến ${nLevels}`,
              `0 to ${nLevels}`,
            ]),
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

/**
 * Writes one status per level for one criterion. Dispatches on the observation
 * once, then loops over the levels: this is the engine's hot path.
 */
function judge(cc: CompiledCriterion, obs: Observation, nLevels: number, results: Status[]): void {
  const targets = cc.criterion.targets;
  switch (obs.kind) {
    case "missing":
    case "exempt":
      for (let li = 0; li < nLevels; li++) results[li] = targets[li] === null ? "na" : obs.kind;
      return;
    case "ratio": {
      const h = cc.hundredths;
      for (let li = 0; li < nLevels; li++) {
        const t = h[li]!;
        results[li] = t < 0 ? "na" : productAtLeast(obs.numerator, 10_000, t, obs.denominator) ? "pass" : "fail";
      }
      return;
    }
    case "percent":
      for (let li = 0; li < nLevels; li++) {
        const t = targets[li];
        results[li] = t === null ? "na" : obs.percent >= (t as number) ? "pass" : "fail";
      }
      return;
    case "boolean":
      for (let li = 0; li < nLevels; li++) results[li] = targets[li] === null ? "na" : obs.value ? "pass" : "fail";
      return;
    case "count":
      for (let li = 0; li < nLevels; li++) {
        const t = targets[li];
        results[li] = t === null ? "na" : obs.count >= (t as number) ? "pass" : "fail";
      }
      return;
    case "countOfTotal": {
      const all = obs.total > 0 && obs.count === obs.total;
      for (let li = 0; li < nLevels; li++) {
        const t = targets[li] as TCountOrAllTarget | null;
        results[li] = t === null ? "na" : obs.count >= t.min || (t.orAll && all) ? "pass" : "fail";
      }
      return;
    }
    case "childLevels":
      for (let li = 0; li < nLevels; li++) {
        const t = targets[li] as TChildLevelsTarget | null;
        if (t === null) {
          results[li] = "na";
          continue;
        }
        const allOk = (obs.atLeast[t.allAtLeast] ?? 0) === obs.total;
        const shareOk =
          t.share === null ||
          productAtLeast(obs.atLeast[t.share.atLeast] ?? 0, 10_000, Math.round(t.share.percent * 100), obs.total);
        results[li] = allOk && shareOk ? "pass" : "fail";
      }
      return;
  }
}

/** Reads every value of a unit; throws `InvalidValuesError` listing all issues. */
export function observeAll(set: TCriteriaSet, values: IndicatorValues): Observation[] {
  const c = compile(set);
  const issues: ValueIssue[] = [];
  if (!isPlainObject(values)) throw new InvalidValuesError([valueIssue("", "values", "not_an_object")]);
  const nLevels = set.levels.length;
  const obs: Observation[] = new Array(c.criteria.length);
  let present = 0;
  for (let i = 0; i < c.criteria.length; i++) {
    const criterion = c.criteria[i]!.criterion;
    const raw = values[criterion.code];
    if (raw !== undefined) present++;
    obs[i] = observe(criterion, raw, nLevels, issues) ?? MISSING;
  }
  // Every key that is not a criterion code is an error; counting first keeps the common case to one native call.
  if (keyCount(values) !== present) {
    for (const key of Object.keys(values)) {
      if (!c.byCode.has(key) && values[key] !== undefined) issues.push(valueIssue(key, key, "unknown_criterion"));
    }
  }
  if (issues.length > 0) throw new InvalidValuesError(issues);
  return obs;
}

/** Judges a unit's values against a set. Throws `InvalidValuesError` on values that cannot be judged. */
export function evaluate(set: TCriteriaSet, values: IndicatorValues): Evaluation {
  return evaluateObservations(set, observeAll(set, values));
}

/** Judges observations already read by `observeAll` (gaps reuses them rather than reading twice). */
export function evaluateObservations(set: TCriteriaSet, obs: Observation[]): Evaluation {
  const c = compile(set);
  const nLevels = set.levels.length;
  const levels: LevelEvaluation[] = new Array(nLevels);
  for (let li = 0; li < nLevels; li++) {
    const l = set.levels[li]!;
    levels[li] = { level: l.rank, code: l.code, name: l.name, met: true, failing: [], missing: [], exempt: [] };
  }
  const criteria: CriterionEvaluation[] = new Array(c.criteria.length);
  for (let i = 0; i < c.criteria.length; i++) {
    const cc = c.criteria[i]!;
    const code = cc.criterion.code;
    const results: Status[] = new Array(nLevels);
    judge(cc, obs[i]!, nLevels, results);
    for (let li = 0; li < nLevels; li++) {
      const s = results[li];
      if (s === "pass" || s === "na") continue;
      const l = levels[li]!;
      if (s === "fail") {
        l.met = false;
        l.failing.push(code);
      } else if (s === "missing") {
        l.met = false;
        l.missing.push(code);
      } else l.exempt.push(code);
    }
    criteria[i] = { code, group: cc.criterion.group, measure: cc.criterion.measure, results };
  }
  let level = 0;
  while (level < nLevels && levels[level]!.met) level++;
  return {
    setId: set.id,
    setVersion: set.version,
    level,
    levelName: c.levelNames[level]!,
    levelNameEn: c.levelNamesEn[level]!,
    levels,
    criteria,
  };
}

/**
 * The issues of one value for one criterion, as `evaluate` would report them:
 * for forms that check a field as it is typed, without judging a whole unit.
 */
export function checkValue(
  criterion: TCriterion,
  value: unknown,
  nLevels: number = criterion.targets.length,
): ValueIssue[] {
  const issues: ValueIssue[] = [];
  observe(criterion, value, nLevels, issues);
  return issues;
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
