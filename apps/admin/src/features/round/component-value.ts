/**
 * A scored component's value in the verify dialog: what the reviewer types, by the component's rule
 * (yes/no, numerator/denominator or a percent, a count, an index 0..1, the council's points), and how a
 * stored value reads. The shapes a level criterion shares with a component (yes/no, ratio, percent,
 * count) go through the shared indicator form (`parseField`, `fieldFromValue`); an index and points are
 * read here. Whether a value is allowed (within 0..max, on the rule's step, numerator within the
 * denominator…) is criteria-core's alone: `checkComponent` asks `tryScore` and names the input at fault.
 *
 * Stand-in: `@cds/ui`'s indicator form is being given the same model for components
 * (`componentFieldFromValue`, `componentToRaw`, `formatComponentValue`); once it lands with its
 * messages in the shared catalog, this file should give way to it.
 */
import { tryScore } from "@cds/criteria-core";
import type { Locale, TCriteriaSet, TCriterion, TScoreComponent, TScoreRule } from "@cds/criteria-schema";
import {
  emptyFieldError,
  engineError,
  fieldFromValue,
  formatValue,
  parseField,
  type FieldState,
  type ValueFormat,
} from "@cds/ui";
import { numberText } from "./scored.ts";

export type ComponentInput =
  "numerator" | "denominator" | "percent" | "value" | "count" | "index" | "points" | "notApplicable" | "comment";

/** The component's value as typed. */
export type ComponentField =
  | { kind: "shared"; field: Exclude<FieldState, { kind: "auto" }>; notApplicable: boolean }
  | { kind: "index"; index: string; notApplicable: boolean }
  | { kind: "points"; points: string; notApplicable: boolean };

export interface ComponentIssue {
  field: ComponentInput;
  message: string;
  messageEn: string;
}

type T = (key: string, params?: Record<string, string | number>) => string;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The level measure whose inputs a rule shares: yes/no, a ratio or percent, a count. */
function sharedMeasure(rule: TScoreRule): TCriterion["measure"] | null {
  if (rule.kind === "yesNo") return "boolean";
  if (rule.kind === "ratio" || (rule.kind === "bands" && rule.on === "percentage")) return "percentage";
  if (rule.kind === "bands" && rule.on === "count") return "minCount";
  return null;
}

const decimalInput = (n: unknown): string =>
  typeof n === "number" && Number.isFinite(n) ? String(n).replace(".", ",") : "";

/** The form state for a stored value (the verified one, else the unit's), or an empty one. */
export function componentField(c: TScoreComponent, v: unknown): ComponentField {
  const notApplicable = isObj(v) && v.notApplicable === true;
  const stored = notApplicable ? null : v;
  if (c.rule.kind === "indexValue") return { kind: "index", index: decimalInput(stored), notApplicable };
  if (c.rule.kind === "appraised")
    return { kind: "points", points: decimalInput(isObj(stored) ? stored.points : null), notApplicable };
  const f = fieldFromValue({ measure: sharedMeasure(c.rule) ?? "boolean" }, stored);
  // A component is "not applicable", never "nothing to count" (that is the level criteria's exemption).
  const field = (
    f.kind === "auto" ? { kind: "boolean", value: null, noSubjects: false } : { ...f, noSubjects: false }
  ) as Exclude<FieldState, { kind: "auto" }>;
  return { kind: "shared", field, notApplicable };
}

/** A decimal as staff type it ("12,5", "12.5", "-5" so that the engine can say it is negative), or null. */
function readDecimal(s: string): number | null {
  const t = s.trim().replace(/\s+/g, "").replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

/** The value typed, as the API takes it, or the issues stopping it before the engine is asked. */
function parse(f: ComponentField, t: T): { value?: unknown; issues: ComponentIssue[] } {
  if (f.notApplicable) return { value: { notApplicable: true }, issues: [] };
  const one = (field: ComponentInput, key: string, params?: Record<string, string | number>) => ({
    issues: [{ field, message: t(key, params), messageEn: t(key, params) }],
  });
  if (f.kind === "index") {
    if (!f.index.trim()) return one("index", "score.err.indexNeeded");
    const n = readDecimal(f.index);
    return n === null ? one("index", "score.err.indexNumber") : { value: n, issues: [] };
  }
  if (f.kind === "points") {
    if (!f.points.trim()) return one("points", "score.err.pointsNeeded");
    const n = readDecimal(f.points);
    return n === null ? one("points", "score.err.pointsNumber") : { value: { points: n }, issues: [] };
  }
  const r = parseField(f.field);
  if (r.status === "ok") return { value: r.value, issues: [] };
  const errors = r.status === "empty" ? [emptyFieldError(f.field)] : r.errors;
  return { issues: errors.map((e) => ({ field: e.input as ComponentInput, message: t(e.key), messageEn: t(e.key) })) };
}

/**
 * The corrected value of a component, or why it cannot be saved: first as typed (a number where a
 * number goes), then by criteria-core's own reading of the component (bounds, step, ratio), each
 * issue naming the input it is about.
 */
export function checkComponent(
  set: TCriteriaSet,
  c: TScoreComponent,
  f: ComponentField,
  t: T,
  locale: Locale,
): { value?: unknown; issues: ComponentIssue[] } {
  const typed = parse(f, t);
  if (typed.issues.length > 0 || typed.value === undefined) return typed;
  const r = tryScore(set, { [c.code]: typed.value as never });
  if (r.ok) return typed;
  return {
    issues: r.issues.map((i) => {
      const suffix = i.field.startsWith(`${c.code}.`) ? i.field.slice(c.code.length + 1) : "";
      const field: ComponentInput =
        suffix === "points" || f.kind === "points"
          ? "points"
          : f.kind === "index"
            ? "index"
            : suffix === "notApplicable"
              ? "notApplicable"
              : (engineError(i.field, i.reason).input as ComponentInput);
      const key = messageKey(i.reason, field);
      const params = {
        max: numberText(c.max, locale),
        step: c.rule.kind === "appraised" && c.rule.step ? numberText(c.rule.step, locale) : "",
      };
      // Messages this feature words (points, index); the shared ones for the shapes a criterion shares.
      const message = key ? t(key, params) : t(engineError(i.field, i.reason).key);
      return { field, message, messageEn: message };
    }),
  };
}

function messageKey(reason: string, field: ComponentInput): string | null {
  if (field === "points") {
    if (reason === "points_over_max") return "score.err.pointsOverMax";
    if (reason === "points_not_a_step") return "score.err.pointsStep";
    if (reason === "negative") return "score.err.pointsNegative";
    return "score.err.pointsNumber";
  }
  if (field === "index") return "score.err.indexRange";
  if (reason === "not_applicable_not_allowed") return "score.err.notApplicable";
  return null;
}

/** A stored component value as a reviewer reads it: "21/50 (42%)", "Có", "12", "0,75", "15 điểm", "Không áp dụng". */
export function formatComponentValue(c: TScoreComponent | undefined, v: unknown, fmt: ValueFormat): string {
  const { t, number } = fmt;
  if (v === null || v === undefined) return t("value.none");
  if (isObj(v) && v.notApplicable === true) return t("score.notApplicable");
  if (typeof v === "boolean" && c?.rule.kind === "yesNo" && c.rule.yesLabel && v) return c.rule.yesLabel;
  if (typeof v === "number" && c?.rule.kind === "indexValue") return number(v);
  if (isObj(v) && typeof v.points === "number") return t("score.pointsValue", { points: number(v.points) });
  return formatValue(v, fmt);
}
