/**
 * How audit entries read to a reviewer: "field: before → after", values as the shared
 * `formatValue` writes them ("21/50 (42%)", "Có"), dates dd/mm/yyyy.
 */
import { formatVietnameseDate } from "@cds/calendar";
import { formatValue, type ValueFormat } from "@cds/ui";

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

/** One field of an audit entry's before/after as text. */
function auditValue(key: string, v: unknown, fmt: ValueFormat): string {
  const { t } = fmt;
  if (v === null || v === undefined) return "—";
  if (STATUS_KEYS.has(key) && typeof v === "string") return t(`status.${v}`);
  if (LEVEL_KEYS.has(key) && typeof v === "number") return `${v} (${t(`level.${v}`)})`;
  if (key === "decisionDate" && typeof v === "string") return formatVietnameseDate(v);
  if (key === "comments" && Array.isArray(v)) {
    return v
      .map((c) =>
        isObj(c) ? `${c.criterionCode ? `${String(c.criterionCode)}: ` : ""}${String(c.body ?? "")}` : String(c),
      )
      .join(" · ");
  }
  if (key === "values" && isObj(v)) {
    return Object.entries(v)
      .map(([code, val]) => `${code} = ${formatValue(val, fmt)}`)
      .join("; ");
  }
  if (key === "notes" && isObj(v))
    return Object.entries(v)
      .map(([code, n]) => `${code}: ${String(n)}`)
      .join("; ");
  if (key === "verifiedValue" || key === "value") return formatValue(v, fmt);
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** An audit entry's changes as "field: before → after" lines (fields only in `after` read as "field: after"). */
export function auditChanges(
  before: unknown,
  after: unknown,
  fmt: ValueFormat,
): { field: string; before: string | null; after: string }[] {
  const { t } = fmt;
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
      .map((c) => `${c}: ${c in bo ? `${formatValue(bo[c], fmt)} → ` : ""}${formatValue(ao[c], fmt)}`);
    return parts.join("; ") + (codes.length > 6 ? `; ${t("audit.more", { n: codes.length - 6 })}` : "");
  };
  return keys
    .filter((k) => a[k] !== undefined || b[k] !== undefined)
    .map((k) => {
      const label = t(`audit.field.${k}`);
      if (k === "values") return { field: label, before: null, after: valueLines(b[k], a[k]) };
      return {
        field: label.startsWith("audit.field.") ? k : label,
        before: k in b ? auditValue(k, b[k], fmt) : null,
        after: k in a ? auditValue(k, a[k], fmt) : "—",
      };
    });
}
