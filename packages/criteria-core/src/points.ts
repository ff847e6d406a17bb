/**
 * score(set, values): the points of a scored index (Bộ chỉ số, DTI), exactly.
 *
 * Every point is an exact rational (BigInt numerator and denominator,
 * normalised); nothing is rounded until a number is shown, and then once, to
 * the set's declared decimals, half-up on the exact value. A component earns
 * points by its rule; a group's points are the sum of its parts (re-scaled to
 * its maximum when a part does not apply and the set removes such parts from
 * the maximum); a group's index is points ÷ maximum; the total is the sum of
 * the top groups' points or Σ weight × index scaled to the set's total.
 *
 * Pure and total over a validated set, like `evaluate`: bad values throw
 * `InvalidValuesError` naming the component and field; a missing value earns 0
 * points and is listed in `missing`, never silently skipped.
 */
import {
  exact,
  judgedBy,
  type ExactValue,
  type Rational,
  type TCriteriaSet,
  type TScoreComponent,
  type TScoreGroup,
} from "@cds/criteria-schema";
import { checkQuantity, isPlainObject, keyCount, readRatio } from "./evaluate.ts";
import { InvalidValuesError, RULE_VALUE_SHAPES, valueIssue, type ComponentValues, type ValueIssue } from "./values.ts";

const { add, compare, div, fromDecimal, mul, rational, toExact, toFixedHalfUp, ONE, ZERO } = exact;

export type ComponentStatus = "scored" | "missing" | "notApplicable";

export interface ComponentScore {
  code: string;
  /** Code of the component's own group. */
  group: string;
  status: ComponentStatus;
  /** Points rounded to the set's decimals (for display and sorting charts; decisions use the exact value). */
  points: number;
  /** The exact points as the set rounds them, e.g. "12.50". */
  pointsText: string;
  max: number;
  /** bands: which band was reached (0 = the highest), null when none or another rule. */
  band: number | null;
  exact: ExactValue;
}

export interface GroupScore {
  code: string;
  name: string;
  /** The enclosing group's code, null at the top. */
  parent: string | null;
  points: number;
  pointsText: string;
  max: number;
  /** points ÷ max, rounded to the set's indexDecimals; null when nothing in the group applies. */
  index: number | null;
  indexText: string | null;
  /** The exact index (points ÷ the group's applicable maximum), for means and comparisons; null like `index`. */
  indexExact: ExactValue | null;
  weight: number | null;
  notApplicable: boolean;
  exact: ExactValue;
}

export interface Score {
  setId: string;
  setVersion: string;
  /** The score rounded to the set's decimals, e.g. 0.6924. */
  score: number;
  /** The exact score rounded half-up to the set's decimals, e.g. "0.6924". */
  scoreText: string;
  maxScore: number;
  /** The exact score, e.g. { numerator: "138479", denominator: "200000" }: ranks and ties are judged on it. */
  exact: ExactValue;
  /** judgedBy both: the level whose minScore the score reaches (0 = below every band); null otherwise. */
  level: number | null;
  levelName: string | null;
  groups: GroupScore[];
  components: ComponentScore[];
  /** Components without a value (scored 0). */
  missing: string[];
  /** Components declared not applicable. */
  notApplicable: string[];
}

// ---------------------------------------------------------------------------
// Compiling a set: the tree flattened, every constant an exact rational once
// ---------------------------------------------------------------------------

const YES_NO = 0;
const RATIO = 1;
const BANDS_PCT = 2;
const BANDS_COUNT = 3;
const INDEX = 4;
const APPRAISED = 5;

export interface CompiledComponent {
  component: TScoreComponent;
  code: string;
  kind: number;
  /** Index of its group in `groups`. */
  group: number;
  max: Rational;
  maxText: number;
  /** ratio: floor and cap in hundredths of a percent (-1 = no floor); cap 10000 when absent. */
  floorH: number;
  capH: number;
  capShare: Rational;
  /** bands: thresholds (hundredths of a percent, or counts) and points, highest first. */
  bandAt: number[];
  bandPercent: number[];
  bandPoints: Rational[];
  step: Rational | null;
  mayNotApply: boolean;
}

export interface CompiledGroup {
  group: TScoreGroup;
  parent: number;
  max: Rational;
  weight: Rational | null;
  childGroups: number[];
  components: number[];
}

export interface CompiledScoring {
  set: TCriteriaSet;
  /** Groups in pre-order (a parent before its children). */
  groups: CompiledGroup[];
  top: number[];
  components: CompiledComponent[];
  byCode: Map<string, number>;
  total: Rational;
  weighted: boolean;
  removeFromMax: boolean;
  decimals: number;
  indexDecimals: number;
  /** judgedBy both: levels' minScore, exact, lowest first. */
  levelMins: Rational[];
}

const compiledSets = new WeakMap<TCriteriaSet, CompiledScoring>();

/** Thrown by `score` for a set judged by levels only. */
export class NotScoredError extends Error {
  override readonly name = "NotScoredError";
  constructor(set: Pick<TCriteriaSet, "id">) {
    super(
      `${set.id}: bộ tiêu chí đánh giá theo mức độ, không chấm điểm (dùng evaluate) / judged by levels, not scored (use evaluate)`,
    );
  }
}

const hundredths = (p: number) => Math.round(p * 100);

export function compileScoring(set: TCriteriaSet): CompiledScoring {
  let c = compiledSets.get(set);
  if (c) return c;
  const scoring = set.scoring;
  if (judgedBy(set) === "levels" || !scoring) throw new NotScoredError(set);
  const groups: CompiledGroup[] = [];
  const components: CompiledComponent[] = [];
  const top: number[] = [];
  const visit = (g: TScoreGroup, parent: number): number => {
    const gi = groups.length;
    const node: CompiledGroup = {
      group: g,
      parent,
      max: fromDecimal(g.max),
      weight: g.weight === undefined ? null : fromDecimal(g.weight),
      childGroups: [],
      components: [],
    };
    groups.push(node);
    for (const sub of g.groups) node.childGroups.push(visit(sub, gi));
    for (const comp of g.components) {
      node.components.push(components.length);
      components.push(compileComponent(comp, gi));
    }
    return gi;
  };
  for (const g of scoring.groups) top.push(visit(g, -1));
  c = {
    set,
    groups,
    top,
    components,
    byCode: new Map(components.map((x, i) => [x.code, i])),
    total: fromDecimal(scoring.total.max),
    weighted: scoring.total.method === "weighted",
    removeFromMax: scoring.notApplicable === "removeFromMax",
    decimals: scoring.decimals,
    indexDecimals: scoring.indexDecimals,
    levelMins: judgedBy(set) === "both" ? set.levels.map((l) => fromDecimal(l.minScore ?? 0)) : [],
  };
  compiledSets.set(set, c);
  return c;
}

function compileComponent(comp: TScoreComponent, group: number): CompiledComponent {
  const rule = comp.rule;
  const out: CompiledComponent = {
    component: comp,
    code: comp.code,
    kind: YES_NO,
    group,
    max: fromDecimal(comp.max),
    maxText: comp.max,
    floorH: -1,
    capH: 10_000,
    capShare: ONE,
    bandAt: [],
    bandPercent: [],
    bandPoints: [],
    step: null,
    mayNotApply: comp.mayNotApply,
  };
  switch (rule.kind) {
    case "yesNo":
      break;
    case "ratio":
      out.kind = RATIO;
      if (rule.floor !== undefined) out.floorH = hundredths(rule.floor);
      if (rule.cap !== undefined) {
        out.capH = hundredths(rule.cap);
        out.capShare = rational(BigInt(out.capH), 10_000n);
      }
      break;
    case "bands":
      out.kind = rule.on === "percentage" ? BANDS_PCT : BANDS_COUNT;
      out.bandAt = rule.bands.map((b) => (rule.on === "percentage" ? hundredths(b.atLeast) : b.atLeast));
      out.bandPercent = rule.bands.map((b) => b.atLeast);
      out.bandPoints = rule.bands.map((b) => fromDecimal(b.points));
      break;
    case "indexValue":
      out.kind = INDEX;
      break;
    case "appraised":
      out.kind = APPRAISED;
      out.step = rule.step === undefined ? null : fromDecimal(rule.step);
      break;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Reading values
// ---------------------------------------------------------------------------

/** a × b ≥ c × d on non-negative integers, exactly. */
function productAtLeast(a: number, b: number, c: number, d: number): boolean {
  const left = a * b;
  const right = c * d;
  if (left <= Number.MAX_SAFE_INTEGER && right <= Number.MAX_SAFE_INTEGER) return left >= right;
  return BigInt(a) * BigInt(b) >= BigInt(c) * BigInt(d);
}

/** What a value says, read and checked. */
export type Reading =
  | { kind: "missing" }
  | { kind: "notApplicable" }
  | { kind: "boolean"; value: boolean }
  | { kind: "ratio"; numerator: number; denominator: number }
  | { kind: "percent"; percent: number }
  | { kind: "count"; count: number }
  | { kind: "number"; value: Rational };

const MISSING: Reading = { kind: "missing" };
const HUNDRED: Rational = { n: 100n, d: 1n };
const NOT_APPLICABLE: Reading = { kind: "notApplicable" };

function wrong(cc: CompiledComponent, issues: ValueIssue[]): null {
  const shape =
    cc.kind === YES_NO
      ? RULE_VALUE_SHAPES.yesNo
      : cc.kind === RATIO
        ? RULE_VALUE_SHAPES.ratio
        : cc.kind === BANDS_PCT
          ? RULE_VALUE_SHAPES.bandsPercentage
          : cc.kind === BANDS_COUNT
            ? RULE_VALUE_SHAPES.bandsCount
            : cc.kind === INDEX
              ? RULE_VALUE_SHAPES.indexValue
              : RULE_VALUE_SHAPES.appraised;
  issues.push(valueIssue(cc.code, cc.code, "wrong_shape", [`cần ${shape[0]}`, `expected ${shape[1]}`]));
  return null;
}

/** Reads one component's raw value; pushes issues naming the field and returns null when it cannot be scored. */
export function readComponent(cc: CompiledComponent, raw: unknown, issues: ValueIssue[]): Reading | null {
  const code = cc.code;
  if (raw === undefined || raw === null) return MISSING;
  if (typeof raw === "object" && !Array.isArray(raw) && "notApplicable" in raw) {
    if (keyCount(raw) !== 1 || raw.notApplicable !== true) return wrong(cc, issues);
    if (!cc.mayNotApply) {
      issues.push(valueIssue(code, `${code}.notApplicable`, "not_applicable_not_allowed"));
      return null;
    }
    return NOT_APPLICABLE;
  }
  switch (cc.kind) {
    case YES_NO:
      return typeof raw === "boolean" ? { kind: "boolean", value: raw } : wrong(cc, issues);
    case RATIO:
    case BANDS_PCT: {
      if (typeof raw === "number") {
        if (!Number.isFinite(raw)) return (issues.push(valueIssue(code, code, "not_a_number")), null);
        if (raw < 0) return (issues.push(valueIssue(code, code, "negative")), null);
        if (raw > 100) return (issues.push(valueIssue(code, code, "percent_over_100")), null);
        return { kind: "percent", percent: raw };
      }
      if (!isPlainObject(raw) || !("numerator" in raw) || !("denominator" in raw) || keyCount(raw) !== 2)
        return wrong(cc, issues);
      // Nothing to count (0/0) is "not applicable" where the component may not apply, like 2361's "nếu có".
      const ratio = readRatio(code, raw as { numerator: unknown; denominator: unknown }, cc.mayNotApply, issues);
      return ratio === "nothing" ? NOT_APPLICABLE : ratio;
    }
    case BANDS_COUNT:
      if (!isPlainObject(raw) || !("count" in raw) || keyCount(raw) !== 1) return wrong(cc, issues);
      if (!checkQuantity(code, "count", raw.count, issues)) return null;
      return { kind: "count", count: raw.count as number };
    case INDEX: {
      if (typeof raw !== "number") return wrong(cc, issues);
      if (!Number.isFinite(raw)) return (issues.push(valueIssue(code, code, "not_a_number")), null);
      if (raw < 0) return (issues.push(valueIssue(code, code, "negative")), null);
      if (raw > 1) return (issues.push(valueIssue(code, code, "index_over_1")), null);
      return { kind: "number", value: fromDecimal(raw) };
    }
    default: {
      if (!isPlainObject(raw) || !("points" in raw) || keyCount(raw) !== 1) return wrong(cc, issues);
      const p = raw.points;
      const field = `${code}.points`;
      if (typeof p !== "number" || !Number.isFinite(p))
        return (issues.push(valueIssue(code, field, "not_a_number")), null);
      if (p < 0) return (issues.push(valueIssue(code, field, "negative")), null);
      const value = fromDecimal(p);
      if (compare(value, cc.max) > 0)
        return (
          issues.push(valueIssue(code, field, "points_over_max", [`tối đa ${cc.maxText}`, `at most ${cc.maxText}`])),
          null
        );
      if (cc.step) {
        const q = div(value, cc.step);
        if (q.d !== 1n)
          return (
            issues.push(
              valueIssue(code, field, "points_not_a_step", [
                `bước ${cc.step.n}/${cc.step.d}`,
                `step ${cc.step.n}/${cc.step.d}`,
              ]),
            ),
            null
          );
      }
      return { kind: "number", value };
    }
  }
}

/** The exact points a reading earns, and the band reached (bands only, else -1). */
export function pointsOf(cc: CompiledComponent, r: Reading): { points: Rational; band: number } {
  switch (r.kind) {
    case "missing":
    case "notApplicable":
      return { points: ZERO, band: -1 };
    case "boolean":
      return { points: r.value ? cc.max : ZERO, band: -1 };
    case "count": {
      for (let b = 0; b < cc.bandAt.length; b++)
        if (r.count >= cc.bandAt[b]!) return { points: cc.bandPoints[b]!, band: b };
      return { points: ZERO, band: -1 };
    }
    case "number":
      // indexValue: max × value; appraised: the points themselves.
      return { points: cc.kind === INDEX ? mul(cc.max, r.value) : r.value, band: -1 };
    case "ratio": {
      const { numerator: n, denominator: d } = r;
      if (cc.kind === BANDS_PCT) {
        for (let b = 0; b < cc.bandAt.length; b++) {
          if (productAtLeast(n, 10_000, cc.bandAt[b]!, d)) return { points: cc.bandPoints[b]!, band: b };
        }
        return { points: ZERO, band: -1 };
      }
      if (cc.floorH >= 0 && !productAtLeast(n, 10_000, cc.floorH, d)) return { points: ZERO, band: -1 };
      if (productAtLeast(n, 10_000, cc.capH, d)) return { points: cc.max, band: -1 };
      // max × (n/d) ÷ cap, with cap = capH / 10000
      return { points: mul(cc.max, rational(BigInt(n) * 10_000n, BigInt(d) * BigInt(cc.capH))), band: -1 };
    }
    case "percent": {
      const p = r.percent;
      if (cc.kind === BANDS_PCT) {
        for (let b = 0; b < cc.bandPercent.length; b++)
          if (p >= cc.bandPercent[b]!) return { points: cc.bandPoints[b]!, band: b };
        return { points: ZERO, band: -1 };
      }
      const share = div(fromDecimal(p), HUNDRED);
      if (cc.floorH >= 0 && compare(share, rational(BigInt(cc.floorH), 10_000n)) < 0) return { points: ZERO, band: -1 };
      if (compare(share, cc.capShare) >= 0) return { points: cc.max, band: -1 };
      return { points: mul(cc.max, div(share, cc.capShare)), band: -1 };
    }
  }
}

/** Reads every value; throws `InvalidValuesError` listing all issues (unknown codes included). */
export function readAll(c: CompiledScoring, values: ComponentValues): Reading[] {
  if (!isPlainObject(values)) throw new InvalidValuesError([valueIssue("", "values", "not_an_object")]);
  const issues: ValueIssue[] = [];
  const out: Reading[] = new Array(c.components.length);
  let present = 0;
  for (let i = 0; i < c.components.length; i++) {
    const cc = c.components[i]!;
    const raw = values[cc.code];
    if (raw !== undefined) present++;
    out[i] = readComponent(cc, raw, issues) ?? MISSING;
  }
  if (keyCount(values) !== present) {
    for (const key of Object.keys(values)) {
      if (!c.byCode.has(key) && values[key] !== undefined) issues.push(valueIssue(key, key, "unknown_criterion"));
    }
  }
  if (issues.length > 0) throw new InvalidValuesError(issues);
  return out;
}

// ---------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------

/** The exact result before anything is rounded: what `score`, `rank` and `pointsGaps` share. */
export interface ExactScore {
  score: Rational;
  components: { points: Rational; band: number; status: ComponentStatus }[];
  groups: { points: Rational; index: Rational | null; notApplicable: boolean }[];
}

/** Scores readings exactly. Groups are visited children first (reverse pre-order). */
export function scoreReadings(c: CompiledScoring, readings: Reading[]): ExactScore {
  const comps: ExactScore["components"] = new Array(c.components.length);
  for (let i = 0; i < readings.length; i++) {
    const r = readings[i]!;
    const { points, band } = pointsOf(c.components[i]!, r);
    comps[i] = {
      points,
      band,
      status: r.kind === "missing" ? "missing" : r.kind === "notApplicable" ? "notApplicable" : "scored",
    };
  }
  const groups: ExactScore["groups"] = new Array(c.groups.length);
  for (let gi = c.groups.length - 1; gi >= 0; gi--) {
    const g = c.groups[gi]!;
    let earned: Rational = ZERO;
    let applicableMax: Rational = ZERO;
    let anyNa = false;
    for (const ci of g.components) {
      const x = comps[ci]!;
      if (x.status === "notApplicable" && c.removeFromMax) {
        anyNa = true;
        continue;
      }
      earned = add(earned, x.points);
      applicableMax = add(applicableMax, c.components[ci]!.max);
    }
    for (const sub of g.childGroups) {
      const x = groups[sub]!;
      if (x.notApplicable) {
        anyNa = true;
        continue;
      }
      earned = add(earned, x.points);
      applicableMax = add(applicableMax, c.groups[sub]!.max);
    }
    if (anyNa && applicableMax.n === 0n) {
      groups[gi] = { points: ZERO, index: null, notApplicable: true };
      continue;
    }
    // Re-normalise: the parts that apply are scaled back up to the group's declared maximum.
    const points = anyNa ? mul(earned, div(g.max, applicableMax)) : earned;
    groups[gi] = { points, index: div(points, g.max), notApplicable: false };
  }
  let score: Rational = ZERO;
  if (c.weighted) {
    let sumW: Rational = ZERO;
    let acc: Rational = ZERO;
    for (const gi of c.top) {
      const x = groups[gi]!;
      if (x.notApplicable) continue;
      const w = c.groups[gi]!.weight ?? ZERO;
      sumW = add(sumW, w);
      acc = add(acc, mul(w, x.index!));
    }
    score = sumW.n === 0n ? ZERO : mul(acc, div(c.total, sumW));
  } else {
    let maxA: Rational = ZERO;
    let anyNa = false;
    for (const gi of c.top) {
      const x = groups[gi]!;
      if (x.notApplicable) {
        anyNa = true;
        continue;
      }
      score = add(score, x.points);
      maxA = add(maxA, c.groups[gi]!.max);
    }
    if (anyNa) score = maxA.n === 0n ? ZERO : mul(score, div(c.total, maxA));
  }
  return { score, components: comps, groups };
}

/** The level a score reaches in a set judged by both: the highest whose minScore it meets (0 = none). */
function levelOf(c: CompiledScoring, score: Rational): number {
  let level = 0;
  for (let i = 0; i < c.levelMins.length; i++) if (compare(score, c.levelMins[i]!) >= 0) level = i + 1;
  return level;
}

/** Scores a unit's values against a scored set. Throws `InvalidValuesError` on values that cannot be scored. */
export function score(set: TCriteriaSet, values: ComponentValues): Score {
  const c = compileScoring(set);
  return present(c, scoreReadings(c, readAll(c, values)));
}

export type ScoreResult = { ok: true; score: Score } | { ok: false; issues: ValueIssue[] };

/** Like `score`, but returns the issues instead of throwing. */
export function tryScore(set: TCriteriaSet, values: ComponentValues): ScoreResult {
  try {
    return { ok: true, score: score(set, values) };
  } catch (e) {
    if (e instanceof InvalidValuesError) return { ok: false, issues: e.issues };
    throw e;
  }
}

/** Rounds for display, once, from the exact values. */
export function present(c: CompiledScoring, x: ExactScore): Score {
  const d = c.decimals;
  const components: ComponentScore[] = new Array(c.components.length);
  const missing: string[] = [];
  const notApplicable: string[] = [];
  for (let i = 0; i < c.components.length; i++) {
    const cc = c.components[i]!;
    const r = x.components[i]!;
    const pointsText = toFixedHalfUp(r.points, d);
    if (r.status === "missing") missing.push(cc.code);
    else if (r.status === "notApplicable") notApplicable.push(cc.code);
    components[i] = {
      code: cc.code,
      group: c.groups[cc.group]!.group.code,
      status: r.status,
      points: Number(pointsText),
      pointsText,
      max: cc.maxText,
      band: r.band < 0 ? null : r.band,
      exact: toExact(r.points),
    };
  }
  const groups: GroupScore[] = new Array(c.groups.length);
  for (let gi = 0; gi < c.groups.length; gi++) {
    const g = c.groups[gi]!;
    const r = x.groups[gi]!;
    const pointsText = toFixedHalfUp(r.points, d);
    const indexText = r.index === null ? null : toFixedHalfUp(r.index, c.indexDecimals);
    groups[gi] = {
      code: g.group.code,
      name: g.group.name,
      parent: g.parent < 0 ? null : c.groups[g.parent]!.group.code,
      points: Number(pointsText),
      pointsText,
      max: g.group.max,
      index: indexText === null ? null : Number(indexText),
      indexText,
      indexExact: r.index === null ? null : toExact(r.index),
      weight: g.group.weight ?? null,
      notApplicable: r.notApplicable,
      exact: toExact(r.points),
    };
  }
  const scoreText = toFixedHalfUp(x.score, d);
  const level = c.levelMins.length > 0 ? levelOf(c, x.score) : null;
  return {
    setId: c.set.id,
    setVersion: c.set.version,
    score: Number(scoreText),
    scoreText,
    maxScore: c.set.scoring!.total.max,
    exact: toExact(x.score),
    level,
    levelName: level === null ? null : level === 0 ? "Chưa xếp loại" : c.set.levels[level - 1]!.name,
    groups,
    components,
    missing,
    notApplicable,
  };
}
