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
  type ValueIssueReason,
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

/**
 * A value read and checked against its measure, as `gaps` works on it. `evaluate` itself judges
 * a `Reading` instead and builds these only when asked (see `evaluateObserved`).
 */
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

// What a value reads as (Reading.kind).
const MISSING = 0;
const EXEMPT = 1;
const RATIO = 2;
const PERCENT = 3;
const BOOLEAN = 4;
const COUNT = 5;
const COUNT_OF_TOTAL = 6;
const CHILD_LEVELS = 7;
type ReadingKind = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * One value read and checked: what the level judgements work on. `evaluate` reads each value of a
 * unit into the same Reading (one per call) and judges it at once, rather than building a small
 * object per value (~400,000 values for a whole nation): numbers in a reused slot allocate nothing.
 */
interface Reading {
  kind: ReadingKind;
  /** RATIO: numerator; PERCENT: the percent; BOOLEAN: 1 or 0; COUNT, COUNT_OF_TOTAL: the count; CHILD_LEVELS: how many children. */
  a: number;
  /** RATIO: denominator; COUNT_OF_TOTAL: total. */
  b: number;
  /** CHILD_LEVELS: atLeast[l] = how many children are at level l or above (atLeast[0] = all of them). */
  atLeast: number[];
}

function newReading(): Reading {
  return { kind: MISSING, a: 0, b: 0, atLeast: [] };
}

/** Fills `r` and returns true: what every successful read ends with. */
function found(r: Reading, kind: ReadingKind, a = 0, b = 0): true {
  r.kind = kind;
  r.a = a;
  r.b = b;
  return true;
}

function toObservation(r: Reading): Observation {
  switch (r.kind) {
    case MISSING:
      return { kind: "missing" };
    case EXEMPT:
      return { kind: "exempt" };
    case RATIO:
      return { kind: "ratio", numerator: r.a, denominator: r.b };
    case PERCENT:
      return { kind: "percent", percent: r.a };
    case BOOLEAN:
      return { kind: "boolean", value: r.a === 1 };
    case COUNT:
      return { kind: "count", count: r.a };
    case COUNT_OF_TOTAL:
      return { kind: "countOfTotal", count: r.a, total: r.b };
    case CHILD_LEVELS:
      return { kind: "childLevels", total: r.a, atLeast: r.atLeast };
  }
}

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

// A module constant rather than the import itself on the hot path: under tsx an import from another
// package is read through a getter on every use, and checkQuantity runs ~400,000 times for a whole nation.
const MAX_QUANTITY = MAX_COUNT;

/** Checks one whole quantity; pushes an issue naming the field when it is not a finite, non-negative integer in range. */
export function checkQuantity(code: string, field: string, n: unknown, issues: ValueIssue[]): boolean {
  // The hot path (a valid number) builds no string: this runs ~400,000 times for a whole nation.
  if (typeof n === "number" && n >= 0 && n <= MAX_QUANTITY && Number.isInteger(n)) return true;
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

/** What `checkRatio` found. */
const RATIO_INVALID = 0;
const RATIO_OK = 1;
const RATIO_NOTHING = 2;

/**
 * Checks the numerator and denominator of a ratio value: whole quantities with numerator ≤
 * denominator. 0/0 is RATIO_NOTHING (nothing to count) where the caller allows it — 2361's
 * "nếu có" criteria, components that may not apply — and an issue elsewhere.
 */
function checkRatio(
  code: string,
  numerator: unknown,
  denominator: unknown,
  nothingAllowed: boolean,
  issues: ValueIssue[],
): typeof RATIO_INVALID | typeof RATIO_OK | typeof RATIO_NOTHING {
  const okN = checkQuantity(code, "numerator", numerator, issues);
  const okD = checkQuantity(code, "denominator", denominator, issues);
  if (!okN || !okD) return RATIO_INVALID;
  if (denominator === 0) {
    if (nothingAllowed && numerator === 0) return RATIO_NOTHING;
    issues.push(valueIssue(code, `${code}.denominator`, "zero_denominator"));
    return RATIO_INVALID;
  }
  if ((numerator as number) > (denominator as number)) {
    issues.push(valueIssue(code, `${code}.numerator`, "numerator_exceeds_denominator"));
    return RATIO_INVALID;
  }
  return RATIO_OK;
}

/**
 * The numerator and denominator of a ratio value (already shaped { numerator, denominator }), as
 * `checkRatio` checks them: `"nothing"` for an allowed 0/0, null (issues pushed) when invalid.
 */
export function readRatio(
  code: string,
  raw: { numerator: unknown; denominator: unknown },
  nothingAllowed: boolean,
  issues: ValueIssue[],
): { kind: "ratio"; numerator: number; denominator: number } | "nothing" | null {
  const { numerator, denominator } = raw;
  const found = checkRatio(code, numerator, denominator, nothingAllowed, issues);
  if (found === RATIO_NOTHING) return "nothing";
  if (found === RATIO_INVALID) return null;
  return { kind: "ratio", numerator: numerator as number, denominator: denominator as number };
}

function wrongShape(criterion: TCriterion, issues: ValueIssue[]): false {
  issues.push(
    valueIssue(criterion.code, criterion.code, "wrong_shape", [
      `cần ${VALUE_SHAPES[criterion.measure]}`,
      `expected ${VALUE_SHAPES_EN[criterion.measure]}`,
    ]),
  );
  return false;
}

/** Pushes an issue about the value as a whole and returns false. */
function invalid(code: string, reason: ValueIssueReason, issues: ValueIssue[]): false {
  issues.push(valueIssue(code, code, reason));
  return false;
}

/**
 * Reads a raw value for one criterion into `r` and returns true, or pushes issues and returns false
 * (`r` is then left in no particular state).
 */
function read(criterion: TCriterion, raw: unknown, nLevels: number, issues: ValueIssue[], r: Reading): boolean {
  const code = criterion.code;
  if (raw === undefined || raw === null) return found(r, MISSING);
  // The measure's own shapes first; { noSubjects: true } only when the value has none of them. Any
  // enumerable `noSubjects` key spoils every shape below (each wants exactly its own keys), so the
  // order changes no outcome, and the common values skip an `in` test for a key they lack, which
  // V8 answers slowly on objects of many shapes (it was ~40% of reading the whole nation).
  switch (criterion.measure) {
    case "percentage": {
      if (typeof raw === "number") {
        if (!Number.isFinite(raw)) return invalid(code, "not_a_number", issues);
        if (raw < 0) return invalid(code, "negative", issues);
        if (raw > 100) return invalid(code, "percent_over_100", issues);
        return found(r, PERCENT, raw);
      }
      if (isPlainObject(raw) && "numerator" in raw && "denominator" in raw && keyCount(raw) === 2) {
        const { numerator, denominator } = raw;
        switch (checkRatio(code, numerator, denominator, criterion.exemptWhenNoSubjects === true, issues)) {
          case RATIO_OK:
            return found(r, RATIO, numerator as number, denominator as number);
          case RATIO_NOTHING:
            return found(r, EXEMPT);
          default:
            return false;
        }
      }
      break;
    }
    case "boolean":
      if (typeof raw === "boolean") return found(r, BOOLEAN, raw ? 1 : 0);
      break;
    case "minCount":
      if (isPlainObject(raw) && "count" in raw && keyCount(raw) === 1) {
        const count = raw.count;
        if (!checkQuantity(code, "count", count, issues)) return false;
        return found(r, COUNT, count as number);
      }
      break;
    case "countOrAll":
      if (isPlainObject(raw) && "count" in raw && "total" in raw && keyCount(raw) === 2) {
        const { count, total } = raw;
        const okC = checkQuantity(code, "count", count, issues);
        const okT = checkQuantity(code, "total", total, issues);
        if (!okC || !okT) return false;
        if ((count as number) > (total as number)) {
          issues.push(valueIssue(code, `${code}.count`, "count_exceeds_total"));
          return false;
        }
        if (total === 0 && criterion.exemptWhenNoSubjects) return found(r, EXEMPT);
        return found(r, COUNT_OF_TOTAL, count as number, total as number);
      }
      break;
    case "childLevels":
      if (isPlainObject(raw) && Array.isArray(raw.childLevels) && keyCount(raw) === 1) {
        return readChildLevels(criterion, raw.childLevels as unknown[], nLevels, issues, r);
      }
      break;
  }
  return readNoSubjects(criterion, raw, issues, r);
}

/** A value that is none of its measure's shapes: { noSubjects: true } where allowed, else the wrong shape. */
function readNoSubjects(criterion: TCriterion, raw: unknown, issues: ValueIssue[], r: Reading): boolean {
  if (typeof raw !== "object" || raw === null || !("noSubjects" in raw)) return wrongShape(criterion, issues);
  if (Array.isArray(raw) || keyCount(raw) !== 1 || raw.noSubjects !== true) return wrongShape(criterion, issues);
  if (!criterion.exemptWhenNoSubjects) {
    issues.push(valueIssue(criterion.code, `${criterion.code}.noSubjects`, "not_exempt"));
    return false;
  }
  return found(r, EXEMPT);
}

function readChildLevels(
  criterion: TCriterion,
  list: unknown[],
  nLevels: number,
  issues: ValueIssue[],
  r: Reading,
): boolean {
  const code = criterion.code;
  if (list.length === 0) {
    if (criterion.exemptWhenNoSubjects) return found(r, EXEMPT);
    issues.push(valueIssue(code, `${code}.childLevels`, "no_children"));
    return false;
  }
  const perLevel = new Array<number>(nLevels + 2).fill(0);
  for (let i = 0; i < list.length; i++) {
    const l = list[i];
    if (typeof l !== "number" || !Number.isInteger(l) || l < 0 || l > nLevels) {
      issues.push(
        valueIssue(code, `${code}.childLevels[${i}]`, "level_out_of_range", [`từ 0 đến ${nLevels}`, `0 to ${nLevels}`]),
      );
      return false;
    }
    perLevel[l]! += 1;
  }
  // Cumulate from the top: atLeast[l] = children at level l or above.
  for (let l = nLevels - 1; l >= 0; l--) perLevel[l]! += perLevel[l + 1]!;
  r.atLeast = perLevel;
  return found(r, CHILD_LEVELS, list.length);
}

/** a × b ≥ c × d on non-negative integers, exactly (BigInt only when a double could round). */
function productAtLeast(a: number, b: number, c: number, d: number): boolean {
  const left = a * b;
  const right = c * d;
  if (left <= Number.MAX_SAFE_INTEGER && right <= Number.MAX_SAFE_INTEGER) return left >= right;
  return BigInt(a) * BigInt(b) >= BigInt(c) * BigInt(d);
}

// Record a status that keeps a level from being met (or an exemption) on that level's lists, and
// return the status: `judge` writes the results and the level lists in one pass.
function failAt(level: LevelEvaluation, code: string): "fail" {
  level.met = false;
  level.failing.push(code);
  return "fail";
}
function missingAt(level: LevelEvaluation, code: string): "missing" {
  level.met = false;
  level.missing.push(code);
  return "missing";
}
function exemptAt(level: LevelEvaluation, code: string): "exempt" {
  level.exempt.push(code);
  return "exempt";
}

/**
 * Judges one criterion at every level: writes its status per level into `results` and adds its
 * code to the level's failing / missing / exempt list where it belongs. Dispatches on the reading
 * once, then loops over the levels: this is the engine's hot path.
 */
function judge(cc: CompiledCriterion, r: Reading, levels: LevelEvaluation[], results: Status[]): void {
  const targets = cc.criterion.targets;
  const code = cc.criterion.code;
  const nLevels = levels.length;
  switch (r.kind) {
    case MISSING:
      for (let li = 0; li < nLevels; li++) results[li] = targets[li] === null ? "na" : missingAt(levels[li]!, code);
      return;
    case EXEMPT:
      for (let li = 0; li < nLevels; li++) results[li] = targets[li] === null ? "na" : exemptAt(levels[li]!, code);
      return;
    case RATIO: {
      const h = cc.hundredths;
      for (let li = 0; li < nLevels; li++) {
        const t = h[li]!;
        results[li] = t < 0 ? "na" : productAtLeast(r.a, 10_000, t, r.b) ? "pass" : failAt(levels[li]!, code);
      }
      return;
    }
    case PERCENT:
      for (let li = 0; li < nLevels; li++) {
        const t = targets[li];
        results[li] = t === null ? "na" : r.a >= (t as number) ? "pass" : failAt(levels[li]!, code);
      }
      return;
    case BOOLEAN:
      for (let li = 0; li < nLevels; li++) {
        results[li] = targets[li] === null ? "na" : r.a === 1 ? "pass" : failAt(levels[li]!, code);
      }
      return;
    case COUNT:
      for (let li = 0; li < nLevels; li++) {
        const t = targets[li];
        results[li] = t === null ? "na" : r.a >= (t as number) ? "pass" : failAt(levels[li]!, code);
      }
      return;
    case COUNT_OF_TOTAL: {
      const count = r.a;
      const all = r.b > 0 && count === r.b;
      for (let li = 0; li < nLevels; li++) {
        const t = targets[li] as TCountOrAllTarget | null;
        results[li] = t === null ? "na" : count >= t.min || (t.orAll && all) ? "pass" : failAt(levels[li]!, code);
      }
      return;
    }
    case CHILD_LEVELS: {
      const total = r.a;
      const atLeast = r.atLeast;
      for (let li = 0; li < nLevels; li++) {
        const t = targets[li] as TChildLevelsTarget | null;
        if (t === null) {
          results[li] = "na";
          continue;
        }
        const allOk = (atLeast[t.allAtLeast] ?? 0) === total;
        const shareOk =
          t.share === null ||
          productAtLeast(atLeast[t.share.atLeast] ?? 0, 10_000, Math.round(t.share.percent * 100), total);
        results[li] = allOk && shareOk ? "pass" : failAt(levels[li]!, code);
      }
      return;
    }
  }
}

/** Judges a unit's values against a set. Throws `InvalidValuesError` on values that cannot be judged. */
export function evaluate(set: TCriteriaSet, values: IndicatorValues): Evaluation {
  return judgeUnit(set, values, null);
}

/** Like `evaluate`, and also the observation of each value (for `gaps`, which needs both). */
export function evaluateObserved(
  set: TCriteriaSet,
  values: IndicatorValues,
): { evaluation: Evaluation; observations: Observation[] } {
  const observations: Observation[] = [];
  return { evaluation: judgeUnit(set, values, observations), observations };
}

/**
 * Reads and judges every value of a unit in one pass; throws `InvalidValuesError` listing all
 * issues (every value is read even after one fails, so that none is left unreported).
 * `observations`, when given, receives the observation of each value.
 */
function judgeUnit(set: TCriteriaSet, values: IndicatorValues, observations: Observation[] | null): Evaluation {
  const c = compile(set);
  if (!isPlainObject(values)) throw new InvalidValuesError([valueIssue("", "values", "not_an_object")]);
  const nLevels = set.levels.length;
  const nCriteria = c.criteria.length;
  const issues: ValueIssue[] = [];
  const reading = newReading();
  const levels: LevelEvaluation[] = new Array(nLevels);
  for (let li = 0; li < nLevels; li++) {
    const l = set.levels[li]!;
    levels[li] = { level: l.rank, code: l.code, name: l.name, met: true, failing: [], missing: [], exempt: [] };
  }
  const criteria: CriterionEvaluation[] = new Array(nCriteria);
  let present = 0;
  for (let i = 0; i < nCriteria; i++) {
    const cc = c.criteria[i]!;
    const criterion = cc.criterion;
    const code = criterion.code;
    const raw = values[code];
    if (raw !== undefined) present++;
    read(criterion, raw, nLevels, issues, reading);
    // Once any value is invalid the unit throws below: the rest are only read, for their issues.
    if (issues.length > 0) continue;
    if (observations) observations[i] = toObservation(reading);
    const results: Status[] = new Array(nLevels);
    judge(cc, reading, levels, results);
    criteria[i] = { code, group: criterion.group, measure: criterion.measure, results };
  }
  // Every key that is not a criterion code is an error; counting first keeps the common case to one native call.
  if (keyCount(values) !== present) {
    for (const key of Object.keys(values)) {
      if (!c.byCode.has(key) && values[key] !== undefined) issues.push(valueIssue(key, key, "unknown_criterion"));
    }
  }
  if (issues.length > 0) throw new InvalidValuesError(issues);
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
  read(criterion, value, nLevels, issues, newReading());
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
