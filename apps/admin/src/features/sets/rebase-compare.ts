/**
 * A rebase conflict as rows side by side (Bản gốc quốc gia cũ | Của tỉnh | Quốc gia mới): a criterion by its
 * name, its target at every level (as criteria-schema writes targets) and each other property that differs;
 * a top-level field as one row. Null = the item is absent on that side.
 */
import { formatTarget, type Locale, type TCriterion } from "@cds/criteria-schema";

export interface CompareRow {
  /** A message key and its parameters, or a raw label (a property the catalog does not name). */
  label: { key: string; params?: Record<string, string | number> } | { raw: string };
  base: string | null;
  ours: string | null;
  theirs: string | null;
}

type Side = "base" | "ours" | "theirs";
const SIDES: Side[] = ["base", "ours", "theirs"];
const NAMED = new Set([
  "title",
  "description",
  "name",
  "nameEn",
  "group",
  "unit",
  "subject",
  "method",
  "legalBasis",
  "measure",
  "yesLabel",
  "local",
  "exemptWhenNoSubjects",
]);
const SKIP = new Set(["code", "targets"]);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, sorted(x)]),
    );
  return v;
}

function text(v: unknown, yesNo: [string, string]): string {
  if (v === undefined || v === null) return "—";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? yesNo[0] : yesNo[1];
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.join("; ");
  return JSON.stringify(v);
}

const labelOf = (k: string): CompareRow["label"] => (NAMED.has(k) ? { key: `rebase.field.${k}` } : { raw: k });

export function compareRows(
  conflict: { section: string; code: string; base: unknown; ours: unknown; theirs: unknown },
  levelNames: readonly string[],
  locale: Locale,
  yesNo: [string, string],
): CompareRow[] {
  const values = { base: conflict.base, ours: conflict.ours, theirs: conflict.theirs };
  const present = (s: Side) => values[s] !== null && values[s] !== undefined;
  const row = (label: CompareRow["label"], f: (v: unknown) => string): CompareRow => ({
    label,
    base: present("base") ? f(values.base) : null,
    ours: present("ours") ? f(values.ours) : null,
    theirs: present("theirs") ? f(values.theirs) : null,
  });
  const objects = SIDES.filter(present).map((s) => values[s]);
  if (conflict.section === "DOCUMENT" || !objects.every((o) => o && typeof o === "object" && !Array.isArray(o))) {
    return [row(labelOf(conflict.code), (v) => text(v, yesNo))];
  }
  const records = objects as Record<string, unknown>[];
  const rows: CompareRow[] = [
    row({ key: "rebase.field.name" }, (v) => text((v as Record<string, unknown>).name, yesNo)),
  ];
  if (conflict.section === "CRITERIA") {
    const n = Math.max(levelNames.length, ...records.map((r) => (Array.isArray(r.targets) ? r.targets.length : 0)));
    for (let i = 0; i < n; i++) {
      rows.push(
        row({ key: "rebase.level", params: { rank: i + 1, name: levelNames[i] ?? String(i + 1) } }, (v) => {
          const c = v as TCriterion;
          const target = Array.isArray(c.targets) ? c.targets[i] : undefined;
          return target === undefined ? "—" : formatTarget(c, target, locale);
        }),
      );
    }
  }
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((k) => !SKIP.has(k) && k !== "name");
  for (const k of keys) {
    if (records.every((r) => same(r[k], records[0]![k]))) continue;
    rows.push(row(labelOf(k), (v) => text((v as Record<string, unknown>)[k], yesNo)));
  }
  return rows;
}
