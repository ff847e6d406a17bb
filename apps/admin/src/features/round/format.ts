/**
 * How audit entries read to a reviewer: "field: before → after", values as the shared
 * `formatValue` writes them ("21/50 (42%)", "Có") — a scored index's components by their rule
 * ("15 điểm", "Không áp dụng") — dates dd/mm/yyyy, a scored index's score as the engine rounded
 * it ("790,00"), a comment asking for evidence marked so.
 */
import { formatVietnameseDate } from "@cds/calendar";
import type { TScoreComponent } from "@cds/criteria-schema";
import { formatComponentValue, formatValue, type ValueFormat } from "@cds/ui";
import { pointsText, type JudgedBy } from "./scored.ts";

/** The formatters of `useI18n()` an audit entry needs. */
export type AuditFormat = ValueFormat & { locale: "vi" | "en" };

/** How the assessment's set judges, and (a scored index) its components by code. */
export interface AuditSet {
  judgedBy: JudgedBy;
  component?: (code: string) => TScoreComponent | undefined;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
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

/** One field of an audit entry's before/after as text; `code` is the entry's criterion, when it names one. */
function auditValue(
  key: string,
  v: unknown,
  fmt: AuditFormat,
  value: (code: string, v: unknown) => string,
  code: string,
): string {
  const { t } = fmt;
  if (v === null || v === undefined) return "—";
  if (key === "score" && typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return pointsText(v, fmt.locale);
  if (STATUS_KEYS.has(key) && typeof v === "string") return t(`status.${v}`);
  if (LEVEL_KEYS.has(key) && typeof v === "number") return `${v} (${t(`level.${v}`)})`;
  if (key === "decisionDate" && typeof v === "string") return formatVietnameseDate(v);
  if (key === "comments" && Array.isArray(v)) {
    return v
      .map((c) =>
        isObj(c)
          ? `${c.criterionCode ? `${String(c.criterionCode)}: ` : ""}${String(c.body ?? "")}${
              c.needsEvidence === true ? ` (${t("review.needsEvidence")})` : ""
            }`
          : String(c),
      )
      .join(" · ");
  }
  if (key === "values" && isObj(v)) {
    return Object.entries(v)
      .map(([c, val]) => `${c} = ${value(c, val)}`)
      .join("; ");
  }
  if (key === "notes" && isObj(v))
    return Object.entries(v)
      .map(([c, n]) => `${c}: ${String(n)}`)
      .join("; ");
  if (key === "verifiedValue" || key === "value") return value(code, v);
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** An audit entry's changes as "field: before → after" lines (fields only in `after` read as "field: after"). */
export function auditChanges(
  before: unknown,
  after: unknown,
  fmt: AuditFormat,
  set: AuditSet = { judgedBy: "levels" },
): { field: string; before: string | null; after: string }[] {
  const { t } = fmt;
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  const code = String(a.criterionCode ?? b.criterionCode ?? "");
  const value = (c: string, v: unknown) => {
    const component = set.judgedBy === "levels" ? undefined : set.component?.(c);
    return component ? formatComponentValue(component, v, fmt) : formatValue(v, fmt);
  };
  // A points-only index has no levels: the level fields its entries carry (0 or empty) say nothing.
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => set.judgedBy !== "points" || !LEVEL_KEYS.has(k),
  );
  // Values: one line per changed criterion ("CQS-02: 21/50 (42%) → 18/50 (36%)"), a few shown, the rest counted.
  const valueLines = (bv: unknown, av: unknown): string => {
    const bo = isObj(bv) ? bv : {};
    const ao = isObj(av) ? av : {};
    const codes = [...new Set([...Object.keys(bo), ...Object.keys(ao)])];
    const parts = codes.slice(0, 6).map((c) => `${c}: ${c in bo ? `${value(c, bo[c])} → ` : ""}${value(c, ao[c])}`);
    return parts.join("; ") + (codes.length > 6 ? `; ${t("audit.more", { n: codes.length - 6 })}` : "");
  };
  return keys
    .filter((k) => a[k] !== undefined || b[k] !== undefined)
    .map((k) => {
      const label = t(`audit.field.${k}`);
      if (k === "values") return { field: label, before: null, after: valueLines(b[k], a[k]) };
      return {
        field: label.startsWith("audit.field.") ? k : label,
        before: k in b ? auditValue(k, b[k], fmt, value, code) : null,
        after: k in a ? auditValue(k, a[k], fmt, value, code) : "—",
      };
    });
}
