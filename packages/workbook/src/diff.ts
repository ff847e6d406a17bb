/**
 * diffValues(before, after): per unit, which values a new file changes —
 * what the API's dry run shows before anything is saved.
 */
import type { Value, Values } from "./read.ts";

export interface UnitValuesIn {
  code: string;
  name?: string;
  values: Readonly<Record<string, Value | undefined>>;
}

export interface ValueChange {
  criterion: string;
  /** null = no value before (missing). */
  before: Value;
  /** null = no value after (cleared). */
  after: Value;
}

export interface UnitChanges {
  code: string;
  name: string;
  /** added: the unit is only in `after`; removed: only in `before`; changed: in both. */
  status: "added" | "removed" | "changed";
  changes: ValueChange[];
}

/** JSON with sorted keys, so { numerator, denominator } equals { denominator, numerator }. */
function canonical(v: unknown): string {
  if (v === undefined || v === null) return "null";
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "object") {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

function changes(a: UnitValuesIn["values"], b: UnitValuesIn["values"]): ValueChange[] {
  const codes = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const out: ValueChange[] = [];
  for (const criterion of codes) {
    const before = a[criterion] ?? null;
    const after = b[criterion] ?? null;
    if (canonical(before) !== canonical(after)) out.push({ criterion, before, after });
  }
  return out;
}

/** Units whose values differ, in the order of `after` then the removed ones; unchanged units are left out. */
export function diffValues(before: readonly UnitValuesIn[], after: readonly UnitValuesIn[]): UnitChanges[] {
  const old = new Map(before.map((u) => [u.code, u]));
  const out: UnitChanges[] = [];
  const done = new Set<string>();
  for (const u of after) {
    done.add(u.code);
    const b = old.get(u.code);
    const c = changes(b?.values ?? {}, u.values);
    if (!b) out.push({ code: u.code, name: u.name ?? "", status: "added", changes: c });
    else if (c.length > 0) out.push({ code: u.code, name: u.name ?? b.name ?? "", status: "changed", changes: c });
  }
  for (const b of before) {
    if (!done.has(b.code))
      out.push({ code: b.code, name: b.name ?? "", status: "removed", changes: changes(b.values, {}) });
  }
  return out;
}

export type { Values };
