/**
 * The indicator-value form model of both apps (the portal's data entry, the admin's verify dialog):
 * what a person typed for one criterion (strings, so half-typed numbers survive) ⇄ the indicator
 * value criteria-core judges, and how a stored value reads. Only input checks live here (is it a
 * whole number, is the numerator within the denominator); whether a value meets a target is
 * criteria-core's alone. Message keys (err.*, input.*, value.*) are in the shared catalog.
 */
import { checkValue } from "@cds/criteria-core";
import type { TCriterion } from "@cds/criteria-schema";

export type FieldState =
  | { kind: "ratio"; numerator: string; denominator: string; noSubjects: boolean }
  | { kind: "percent"; percent: string; noSubjects: boolean }
  | { kind: "boolean"; value: boolean | null; noSubjects: boolean }
  | { kind: "count"; count: string; noSubjects: boolean }
  | { kind: "countOfTotal"; count: string; total: string; noSubjects: boolean }
  | { kind: "auto" };

/** Which input of a criterion an error belongs to. */
export type InputName = "numerator" | "denominator" | "percent" | "value" | "count" | "total" | "noSubjects";

export interface FieldError {
  input: InputName;
  /** Message key in the shared catalog. */
  key: string;
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
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

function whole(s: string, input: InputName, errors: FieldError[]): number | null {
  const n = parseWhole(s);
  if (n === null) errors.push({ input, key: `err.${input}.whole` });
  return n;
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
  return { input, key: byReason[reason] ?? "err.invalid" };
}

export function sameField(a: FieldState | undefined, b: FieldState | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The formatters `formatValue` needs (those of `useI18n()`). */
export interface ValueFormat {
  t(key: string, params?: Record<string, string | number>): string;
  number(n: number): string;
  percent(numerator: number, denominator: number): string;
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
