/**
 * How indicator values, dates and audit entries read to a reviewer:
 * "21/50 (42%)", "Có"/"Không", "3/5", dd/mm/yyyy.
 */
import { vietnamDay } from "@cds/ui";

type T = (key: string, params?: Record<string, string | number>) => string;
type N = (n: number) => string;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** One indicator value as a person reads it; "—" when there is none. */
export function formatValue(v: unknown, t: T, number: N): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "boolean") return v ? t("value.yes") : t("value.no");
  if (typeof v === "number") return `${number(v)}%`;
  if (isObj(v)) {
    if (v.noSubjects === true) return t("value.noSubjects");
    if (typeof v.numerator === "number" && typeof v.denominator === "number") {
      const pct = v.denominator === 0 ? "—" : `${number(Math.round((10000 * v.numerator) / v.denominator) / 100)}%`;
      return `${number(v.numerator)}/${number(v.denominator)} (${pct})`;
    }
    if (typeof v.count === "number" && typeof v.total === "number")
      return t("value.countOfTotal", { count: number(v.count), total: number(v.total) });
    if (typeof v.count === "number") return number(v.count);
    if (Array.isArray(v.childLevels)) {
      const levels = v.childLevels as number[];
      const by = [0, 0, 0, 0, 0, 0];
      for (const l of levels) by[l] = (by[l] ?? 0) + 1;
      const parts = by.map((n, l) => (n > 0 ? `M${l}: ${n}` : "")).filter(Boolean);
      return t("value.childLevels", { n: levels.length, parts: parts.join(", ") });
    }
  }
  return JSON.stringify(v);
}

/** "dd/mm/yyyy" → "yyyy-mm-dd", or null when it is not a real calendar date. */
export function parseViDate(s: string): string | null {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(s);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const x = new Date(Date.UTC(y, mo - 1, d));
  if (x.getUTCFullYear() !== y || x.getUTCMonth() !== mo - 1 || x.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Today in Vietnam time as yyyy-mm-dd. */
export function todayVn(now: Date = new Date()): string {
  return vietnamDay(now);
}

/** Whole days from today (Vietnam time) to a yyyy-mm-dd date; negative when past. */
export function daysUntil(date: string, now: Date = new Date()): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${todayVn(now)}T00:00:00Z`)) / 86_400_000);
}

const STATUS_KEYS = new Set(["status"]);
const LEVEL_KEYS = new Set([
  "level",
  "computedLevel",
  "selfAssessedLevel",
  "registeredLevel",
  "appraisedLevel",
  "recognisedLevel",
]);

/** One field of an audit entry's before/after as text. */
function auditValue(key: string, v: unknown, t: T, number: N): string {
  if (v === null || v === undefined) return "—";
  if (STATUS_KEYS.has(key) && typeof v === "string") return t(`status.${v}`);
  if (LEVEL_KEYS.has(key) && typeof v === "number") return `${v} (${t(`level.${v}`)})`;
  if (key === "decisionDate" && typeof v === "string") return v.split("-").reverse().join("/");
  if (key === "comments" && Array.isArray(v)) {
    return v
      .map((c) =>
        isObj(c) ? `${c.criterionCode ? `${String(c.criterionCode)}: ` : ""}${String(c.body ?? "")}` : String(c),
      )
      .join(" · ");
  }
  if (key === "values" && isObj(v)) {
    return Object.entries(v)
      .map(([code, val]) => `${code} = ${formatValue(val, t, number)}`)
      .join("; ");
  }
  if (key === "notes" && isObj(v))
    return Object.entries(v)
      .map(([code, n]) => `${code}: ${String(n)}`)
      .join("; ");
  if (key === "verifiedValue" || key === "value") return formatValue(v, t, number);
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** An audit entry's changes as "field: before → after" lines (fields only in `after` read as "field: after"). */
export function auditChanges(
  before: unknown,
  after: unknown,
  t: T,
  number: N,
): { field: string; before: string | null; after: string }[] {
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  // Values: one line per changed criterion ("CQS-02: 21/50 (42%) → 18/50 (36%)"), a few shown, the rest counted.
  const valueLines = (bv: unknown, av: unknown): string => {
    const bo = isObj(bv) ? bv : {};
    const ao = isObj(av) ? av : {};
    const codes = [...new Set([...Object.keys(bo), ...Object.keys(ao)])];
    const parts = codes
      .slice(0, 6)
      .map((c) => `${c}: ${c in bo ? `${formatValue(bo[c], t, number)} → ` : ""}${formatValue(ao[c], t, number)}`);
    return parts.join("; ") + (codes.length > 6 ? `; ${t("audit.more", { n: codes.length - 6 })}` : "");
  };
  return keys
    .filter((k) => a[k] !== undefined || b[k] !== undefined)
    .map((k) => {
      const label = t(`audit.field.${k}`);
      if (k === "values") return { field: label, before: null, after: valueLines(b[k], a[k]) };
      return {
        field: label.startsWith("audit.field.") ? k : label,
        before: k in b ? auditValue(k, b[k], t, number) : null,
        after: k in a ? auditValue(k, a[k], t, number) : "—",
      };
    });
}
