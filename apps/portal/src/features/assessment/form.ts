/**
 * The data-entry form's model: what a person typed for one criterion (strings,
 * so half-typed numbers survive) ⇄ the indicator value criteria-core judges.
 * Only input checks live here (is it a whole number, is the numerator within
 * the denominator); whether a value meets a target is criteria-core's alone.
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
  /** Message key in the assessment catalog. */
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
export function fieldFromValue(c: TCriterion, v: unknown): FieldState {
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

/** A whole number as Vietnamese staff type it: "1234", "1.234" or "1 234". */
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

/** A parsed candidate value, judged by criteria-core's own checks (never re-implemented here). */
function judged(c: TCriterion, value: unknown): RawResult {
  const issues = checkValue(c, value);
  return issues.length
    ? { status: "invalid", errors: issues.map((i) => engineError(i.field, i.reason)) }
    : { status: "ok", value: value as never };
}

/** The value to save and judge, or why there is none yet. */
export function toRaw(c: TCriterion, f: FieldState): RawResult {
  if (f.kind === "auto") return { status: "empty" };
  if (f.noSubjects) return judged(c, { noSubjects: true });
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
      return judged(c, { numerator: n, denominator: d });
    }
    case "percent": {
      if (!f.percent.trim()) return { status: "empty" };
      const p = parseDecimal(f.percent);
      if (p === null) return { status: "invalid", errors: [{ input: "percent", key: "err.percent.number" }] };
      return judged(c, p);
    }
    case "boolean":
      return f.value === null ? { status: "empty" } : { status: "ok", value: f.value };
    case "count": {
      if (!f.count.trim()) return { status: "empty" };
      const n = whole(f.count, "count", errors);
      return n === null || errors.length ? { status: "invalid", errors } : judged(c, { count: n });
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
      return judged(c, { count: n, total: t });
    }
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

/** A stored value as a person reads it, e.g. "21/50 (42%)", "Có", "3/5". */
export function describeValue(
  v: unknown,
  t: (k: string, p?: Record<string, string | number>) => string,
  percent: (n: number, d: number) => string,
): string {
  if (v === null || v === undefined) return t("value.none");
  if (typeof v === "boolean") return v ? t("input.yes") : t("input.no");
  if (typeof v === "number") return `${String(v).replace(".", ",")}%`;
  if (isObj(v)) {
    if (v.noSubjects === true) return t("input.noSubjects");
    if (typeof v.numerator === "number" && typeof v.denominator === "number") {
      return `${v.numerator}/${v.denominator}${v.denominator > 0 ? ` (${percent(v.numerator, v.denominator)})` : ""}`;
    }
    if (typeof v.count === "number" && typeof v.total === "number") return `${v.count}/${v.total}`;
    if (typeof v.count === "number") return String(v.count);
    if (Array.isArray(v.childLevels)) return t("input.autoValue", { n: v.childLevels.length });
  }
  return JSON.stringify(v);
}
