/**
 * The indicator-value form model of both apps (the portal's data entry, the admin's verify dialog):
 * what a person typed for one criterion (strings, so half-typed numbers survive) ⇄ the indicator
 * value criteria-core judges, and how a stored value reads. Only input checks live here (is it a
 * whole number, is the numerator within the denominator); whether a value meets a target is
 * criteria-core's alone. Message keys (err.*, input.*, value.*) are in the shared catalog.
 *
 * A scored index (Bộ chỉ số) keys its values by component: `ComponentFieldState` and the
 * `component*` functions below are the same model for a component's rule (yes/no, a ratio or a
 * percent, a count, an index value 0..1, proposed points), with "Không áp dụng" where it may not
 * apply. Whether such a value can be scored (points within the maximum, in the rule's step…) is
 * criteria-core's `score` alone.
 */
import { checkValue, formatPoints, tryScore, type ValueIssue } from "@cds/criteria-core";
import type { TCriteriaSet, TCriterion, TScoreComponent } from "@cds/criteria-schema";

export type FieldState =
  | { kind: "ratio"; numerator: string; denominator: string; noSubjects: boolean }
  | { kind: "percent"; percent: string; noSubjects: boolean }
  | { kind: "boolean"; value: boolean | null; noSubjects: boolean }
  | { kind: "count"; count: string; noSubjects: boolean }
  | { kind: "countOfTotal"; count: string; total: string; noSubjects: boolean }
  | { kind: "auto" };

/** What a person typed for one scored component; `notApplicable` where the unit declares "Không áp dụng". */
export type ComponentFieldState =
  | { kind: "ratio"; numerator: string; denominator: string; notApplicable: boolean }
  | { kind: "percent"; percent: string; notApplicable: boolean }
  | { kind: "boolean"; value: boolean | null; notApplicable: boolean }
  | { kind: "count"; count: string; notApplicable: boolean }
  | { kind: "index"; index: string; notApplicable: boolean }
  | { kind: "points"; points: string; notApplicable: boolean };

/** Which input of a criterion (or a scored component) an error belongs to. */
export type InputName =
  | "numerator"
  | "denominator"
  | "percent"
  | "value"
  | "count"
  | "total"
  | "noSubjects"
  | "index"
  | "points"
  | "notApplicable";

export interface FieldError {
  input: InputName;
  /** Message key in the shared catalog. */
  key: string;
  /** Numbers the message names (a component's maximum, its step), formatted by the screen. */
  params?: Record<string, number>;
}

export type RawResult =
  | { status: "empty" }
  | { status: "partial"; errors: FieldError[] }
  | { status: "invalid"; errors: FieldError[] }
  | { status: "ok"; value: unknown };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(n: unknown): string {
  return typeof n === "number" && Number.isFinite(n) ? String(n) : "";
}

/** The form state for a stored value (or an empty one when there is none). */
export function fieldFromValue(c: Pick<TCriterion, "measure">, v: unknown): FieldState {
  const noSubjects = isObj(v) && v.noSubjects === true;
  switch (c.measure) {
    case "percentage":
      if (typeof v === "number") return { kind: "percent", percent: String(v).replace(".", ","), noSubjects: false };
      return {
        kind: "ratio",
        numerator: isObj(v) ? str(v.numerator) : "",
        denominator: isObj(v) ? str(v.denominator) : "",
        noSubjects,
      };
    case "boolean":
      return { kind: "boolean", value: typeof v === "boolean" ? v : null, noSubjects };
    case "minCount":
      return { kind: "count", count: isObj(v) ? str(v.count) : "", noSubjects };
    case "countOrAll":
      return {
        kind: "countOfTotal",
        count: isObj(v) ? str(v.count) : "",
        total: isObj(v) ? str(v.total) : "",
        noSubjects,
      };
    case "childLevels":
      return { kind: "auto" };
  }
}

/** A whole number as Vietnamese staff type it: "1234", "1.234" or "1 234" (dots only between groups of three). */
export function parseWhole(s: string): number | null {
  const t = s.trim().replace(/\s+/g, "");
  if (/^\d+$/.test(t)) return Number(t);
  if (/^\d{1,3}(\.\d{3})+$/.test(t)) return Number(t.replaceAll(".", ""));
  return null;
}

/** A percentage with a decimal comma or point: "42,5". */
export function parseDecimal(s: string): number | null {
  const t = s.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const x = Number(t);
  // Hundreds of digits read as Infinity: not a number the field can hold.
  return Number.isFinite(x) ? x : null;
}

function whole(s: string, input: InputName, errors: FieldError[]): number | null {
  const n = parseWhole(s);
  if (n === null) errors.push({ input, key: `err.${input}.whole` });
  // Hundreds of digits read as Infinity: too large, said on the field (criteria-core bounds the finite ones).
  else if (!Number.isFinite(n)) errors.push({ input, key: `err.${input}.tooLarge` });
  return n !== null && Number.isFinite(n) ? n : null;
}

/** The value to save and judge, or why there is none yet. */
export function toRaw(c: TCriterion, f: FieldState): RawResult {
  const r = parseField(f);
  if (r.status !== "ok" || (f.kind === "boolean" && !f.noSubjects)) return r;
  // A parsed candidate value, judged by criteria-core's own checks (never re-implemented here).
  const issues = checkValue(c, r.value);
  return issues.length ? { status: "invalid", errors: issues.map((i) => engineError(i.field, i.reason)) } : r;
}

/** The candidate value typed in a field, checked as input only (the engine's checks are `toRaw`'s). */
export function parseField(f: FieldState): RawResult {
  if (f.kind === "auto") return { status: "empty" };
  if (f.noSubjects) return { status: "ok", value: { noSubjects: true } };
  const errors: FieldError[] = [];
  switch (f.kind) {
    case "ratio": {
      const a = f.numerator.trim();
      const b = f.denominator.trim();
      if (!a && !b) return { status: "empty" };
      if (!a || !b)
        return {
          status: "partial",
          errors: [
            { input: a ? "denominator" : "numerator", key: a ? "err.denominator.needed" : "err.numerator.needed" },
          ],
        };
      const n = whole(a, "numerator", errors);
      const d = whole(b, "denominator", errors);
      if (errors.length || n === null || d === null) return { status: "invalid", errors };
      return { status: "ok", value: { numerator: n, denominator: d } };
    }
    case "percent": {
      if (!f.percent.trim()) return { status: "empty" };
      const p = parseDecimal(f.percent);
      if (p === null) return { status: "invalid", errors: [{ input: "percent", key: "err.percent.number" }] };
      return { status: "ok", value: p };
    }
    case "boolean":
      return f.value === null ? { status: "empty" } : { status: "ok", value: f.value };
    case "count": {
      if (!f.count.trim()) return { status: "empty" };
      const n = whole(f.count, "count", errors);
      return n === null || errors.length ? { status: "invalid", errors } : { status: "ok", value: { count: n } };
    }
    case "countOfTotal": {
      const a = f.count.trim();
      const b = f.total.trim();
      if (!a && !b) return { status: "empty" };
      if (!a || !b)
        return {
          status: "partial",
          errors: [{ input: a ? "total" : "count", key: a ? "err.total.needed" : "err.count.needed" }],
        };
      const n = whole(a, "count", errors);
      const t = whole(b, "total", errors);
      if (errors.length || n === null || t === null) return { status: "invalid", errors };
      return { status: "ok", value: { count: n, total: t } };
    }
  }
}

/** Why a field left empty cannot stand where a value is required (a reviewer's correction). */
export function emptyFieldError(f: FieldState): FieldError {
  switch (f.kind) {
    case "ratio":
      return { input: "numerator", key: "err.numerator.needed" };
    case "percent":
      return { input: "percent", key: "err.percent.number" };
    case "boolean":
      return { input: "value", key: "err.value.needed" };
    case "count":
    case "countOfTotal":
      return { input: "count", key: "err.count.needed" };
    case "auto":
      return { input: "value", key: "err.invalid" };
  }
}

/** Maps an engine issue (criteria-core's reason and dotted field) to the input and message shown. */
export function engineError(field: string, reason: string): FieldError {
  const suffix = field.includes(".") ? field.slice(field.indexOf(".") + 1) : "";
  const input: InputName =
    reason === "percent_over_100"
      ? "percent"
      : suffix === "numerator" ||
          suffix === "denominator" ||
          suffix === "count" ||
          suffix === "total" ||
          suffix === "noSubjects"
        ? suffix
        : "value";
  const byReason: Record<string, string> = {
    numerator_exceeds_denominator: "err.numerator.exceeds",
    count_exceeds_total: "err.count.exceeds",
    zero_denominator: "err.denominator.zero",
    percent_over_100: "err.percent.over",
    not_exempt: "err.notExempt",
    too_large: "err.tooLarge",
  };
  // Too large, on a named input: the message names it ("Tử số quá lớn").
  if (reason === "too_large" && input !== "value" && input !== "noSubjects")
    return { input, key: `err.${input}.tooLarge` };
  return { input, key: byReason[reason] ?? "err.invalid" };
}

// ---------------------------------------------------------------------------
// Scored components (Bộ chỉ số)
// ---------------------------------------------------------------------------

/** A decimal as typed here: the comma is the decimal separator ("0,75"). */
const decimalText = (n: unknown): string =>
  typeof n === "number" && Number.isFinite(n) ? String(n).replace(".", ",") : "";

/** The empty form state of a component's rule, or its state for a stored value. */
export function componentFieldFromValue(c: Pick<TScoreComponent, "rule">, v: unknown): ComponentFieldState {
  const notApplicable = isObj(v) && v.notApplicable === true;
  const rule = c.rule;
  switch (rule.kind) {
    case "yesNo":
      return { kind: "boolean", value: typeof v === "boolean" ? v : null, notApplicable };
    case "indexValue":
      return { kind: "index", index: decimalText(v), notApplicable };
    case "appraised":
      return { kind: "points", points: isObj(v) ? decimalText(v.points) : "", notApplicable };
    case "bands":
      if (rule.on === "count") return { kind: "count", count: isObj(v) ? str(v.count) : "", notApplicable };
      break;
    case "ratio":
      break;
  }
  // A ratio, or bands on a percentage: a stored percent stays a percent, anything else is a numerator and denominator.
  if (typeof v === "number") return { kind: "percent", percent: decimalText(v), notApplicable: false };
  return {
    kind: "ratio",
    numerator: isObj(v) ? str(v.numerator) : "",
    denominator: isObj(v) ? str(v.denominator) : "",
    notApplicable,
  };
}

/** The candidate value typed for a component, checked as input only (the engine's checks are `componentToRaw`'s). */
export function parseComponentField(f: ComponentFieldState): RawResult {
  if (f.notApplicable) return { status: "ok", value: { notApplicable: true } };
  switch (f.kind) {
    case "ratio":
    case "percent":
    case "boolean":
    case "count":
      // The same inputs as a criterion's (whole numbers, a decimal percent, yes or no).
      return parseField({ ...f, noSubjects: false });
    case "index": {
      if (!f.index.trim()) return { status: "empty" };
      const x = parseDecimal(f.index);
      return x === null
        ? { status: "invalid", errors: [{ input: "index", key: "err.index.number" }] }
        : { status: "ok", value: x };
    }
    case "points": {
      if (!f.points.trim()) return { status: "empty" };
      const p = parseDecimal(f.points);
      return p === null
        ? { status: "invalid", errors: [{ input: "points", key: "err.points.number" }] }
        : { status: "ok", value: { points: p } };
    }
    default:
      // A draft restored from another shape of form: nothing typed here.
      return { status: "empty" };
  }
}

/** Maps criteria-core's issue about a component (its reason and dotted field) to the input and message shown. */
export function componentEngineError(
  c: Pick<TScoreComponent, "rule" | "max">,
  issue: Pick<ValueIssue, "field" | "reason">,
): FieldError {
  const step = c.rule.kind === "appraised" ? c.rule.step : undefined;
  switch (issue.reason) {
    case "index_over_1":
      return { input: "index", key: "err.index.over" };
    case "points_over_max":
      return { input: "points", key: "err.points.over", params: { max: c.max } };
    case "points_not_a_step":
      return { input: "points", key: "err.points.step", params: { step: step ?? 0 } };
    case "not_applicable_not_allowed":
      return { input: "notApplicable", key: "err.notApplicable" };
    case "zero_denominator":
      return { input: "denominator", key: "err.denominator.zeroComponent" };
    default: {
      const e = engineError(issue.field, issue.reason);
      if (e.input !== "value") return e;
      // The value itself: the index input or the points input where the rule has one.
      return { ...e, input: c.rule.kind === "indexValue" ? "index" : c.rule.kind === "appraised" ? "points" : "value" };
    }
  }
}

/** The value to save and score for a component, or why there is none yet (criteria-core's `score` checks it). */
export function componentToRaw(set: TCriteriaSet, c: TScoreComponent, f: ComponentFieldState): RawResult {
  const r = parseComponentField(f);
  if (r.status !== "ok") return r;
  const scored = tryScore(set, { [c.code]: r.value as never });
  if (scored.ok) return r;
  return { status: "invalid", errors: scored.issues.map((i) => componentEngineError(c, i)) };
}

/**
 * A stored component value as a person reads it: "Có" (or the rule's yes label), "0,75" for an index
 * value, "15 điểm" for proposed points, "Không áp dụng"; ratios, percents and counts as `formatValue`.
 */
export function formatComponentValue(c: Pick<TScoreComponent, "rule">, v: unknown, fmt: ValueFormat): string {
  if (v === null || v === undefined) return fmt.t("value.none");
  if (isObj(v) && v.notApplicable === true) return fmt.t("value.notApplicable");
  const rule = c.rule;
  if (rule.kind === "yesNo" && typeof v === "boolean")
    return v ? (rule.yesLabel ?? fmt.t("input.yes")) : fmt.t("input.no");
  // Every decimal typed is shown (an index value often has four), in the locale's separators.
  const exact = (n: number) => formatPoints(String(n), fmt.locale ?? "vi");
  if (rule.kind === "indexValue" && typeof v === "number") return exact(v);
  if (rule.kind === "appraised" && isObj(v) && typeof v.points === "number")
    return fmt.t("value.points", { n: exact(v.points) });
  return formatValue(v, fmt);
}

export function sameField(
  a: FieldState | ComponentFieldState | undefined,
  b: FieldState | ComponentFieldState | undefined,
): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The formatters `formatValue` needs (those of `useI18n()`). */
export interface ValueFormat {
  t(key: string, params?: Record<string, string | number>): string;
  number(n: number): string;
  percent(numerator: number, denominator: number): string;
  /** The language numbers are written in (decimal comma in Vietnamese); Vietnamese when not given. */
  locale?: "vi" | "en";
}

/**
 * A stored indicator value as a person reads it, in the current locale: "21/50 (42%)", "42,5%",
 * "Có", "3/5", "1.234"; `value.none` when there is none.
 */
export function formatValue(v: unknown, { t, number, percent }: ValueFormat): string {
  if (v === null || v === undefined) return t("value.none");
  if (typeof v === "boolean") return v ? t("input.yes") : t("input.no");
  if (typeof v === "number") return `${number(v)}%`;
  if (isObj(v)) {
    if (v.noSubjects === true) return t("input.noSubjects");
    if (typeof v.numerator === "number" && typeof v.denominator === "number") {
      const ratio = `${number(v.numerator)}/${number(v.denominator)}`;
      return v.denominator > 0 ? `${ratio} (${percent(v.numerator, v.denominator)})` : ratio;
    }
    if (typeof v.count === "number" && typeof v.total === "number") return `${number(v.count)}/${number(v.total)}`;
    if (typeof v.count === "number") return number(v.count);
    if (Array.isArray(v.childLevels)) {
      const by = new Map<number, number>();
      for (const l of v.childLevels as number[]) by.set(l, (by.get(l) ?? 0) + 1);
      const parts = [...by].sort(([a], [b]) => a - b).map(([l, n]) => `M${l}: ${number(n)}`);
      return t("value.childLevels", { n: v.childLevels.length, parts: parts.join(", ") });
    }
  }
  return JSON.stringify(v);
}
