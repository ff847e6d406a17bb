/**
 * diff(a, b): how set b differs from set a, criterion by criterion (matched
 * by code): added, removed, and for each changed criterion its targets per
 * level (stricter / looser / changed), name, method, unit, measure, group,
 * legal basis and flags. What "stricter" means comes from criteria-schema.
 */
import { compareTargetsNullable, formatTarget, type TCriteriaSet, type TCriterion } from "@cds/criteria-schema";
import type { TargetChange } from "@cds/criteria-schema";

export interface FieldChange<T> {
  from: T;
  to: T;
}

export interface TargetDiff {
  level: number;
  from: string;
  to: string;
  change: Exclude<TargetChange, "same">;
}

export interface CriterionDiff {
  code: string;
  name: string;
  renamed?: FieldChange<string>;
  method?: FieldChange<string>;
  unit?: FieldChange<string>;
  measure?: FieldChange<string>;
  group?: FieldChange<string>;
  legalBasis?: FieldChange<string[]>;
  exemptWhenNoSubjects?: FieldChange<boolean>;
  local?: FieldChange<boolean>;
  targets: TargetDiff[];
  /** Overall direction over all levels: stricter when no level got looser and one got stricter, etc. */
  direction: "stricter" | "looser" | "mixed" | "unchanged";
}

export interface SetDiff {
  from: { id: string; version: string };
  to: { id: string; version: string };
  title?: FieldChange<string>;
  levels: { level: number; renamed: FieldChange<string> }[];
  added: { code: string; name: string; local: boolean }[];
  removed: { code: string; name: string }[];
  changed: CriterionDiff[];
  summary: { added: number; removed: number; changed: number; stricter: number; looser: number };
}

function same<T>(a: T, b: T): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function field<T>(a: T, b: T): FieldChange<T> | undefined {
  return same(a, b) ? undefined : { from: a, to: b };
}

function diffCriterion(a: TCriterion, b: TCriterion, nLevels: number): CriterionDiff | null {
  const targets: TargetDiff[] = [];
  const sameKind = a.measure === b.measure;
  for (let li = 0; li < nLevels; li++) {
    const ta = a.targets[li] ?? null;
    const tb = b.targets[li] ?? null;
    const change: TargetChange = sameKind
      ? compareTargetsNullable(a.measure, ta, tb)
      : ta === null && tb === null
        ? "same"
        : ta === null
          ? "stricter"
          : tb === null
            ? "looser"
            : "changed";
    if (change !== "same") {
      targets.push({ level: li + 1, from: formatTarget(a, ta), to: formatTarget(b, tb), change });
    }
  }
  const d: CriterionDiff = { code: b.code, name: b.name, targets, direction: "unchanged" };
  const put = <K extends keyof CriterionDiff>(k: K, v: CriterionDiff[K] | undefined) => {
    if (v !== undefined) d[k] = v;
  };
  put("renamed", field(a.name, b.name));
  put("method", field(a.method, b.method));
  put("unit", field(a.unit, b.unit));
  put("measure", field<string>(a.measure, b.measure));
  put("group", field(a.group, b.group));
  put("legalBasis", field(a.legalBasis, b.legalBasis));
  put("exemptWhenNoSubjects", field(a.exemptWhenNoSubjects, b.exemptWhenNoSubjects));
  put("local", field(a.local, b.local));
  const up = targets.some((t) => t.change === "stricter");
  const down = targets.some((t) => t.change === "looser");
  d.direction =
    targets.some((t) => t.change === "changed") || (up && down)
      ? "mixed"
      : up
        ? "stricter"
        : down
          ? "looser"
          : "unchanged";
  const changedSomething = Object.keys(d).some((k) => !["code", "name", "targets", "direction"].includes(k));
  return targets.length > 0 || changedSomething ? d : null;
}

export function diff(a: TCriteriaSet, b: TCriteriaSet): SetDiff {
  const nLevels = Math.max(a.levels.length, b.levels.length);
  const inA = new Map(a.criteria.map((c) => [c.code, c]));
  const inB = new Map(b.criteria.map((c) => [c.code, c]));
  const added = b.criteria.filter((c) => !inA.has(c.code)).map((c) => ({ code: c.code, name: c.name, local: c.local }));
  const removed = a.criteria.filter((c) => !inB.has(c.code)).map((c) => ({ code: c.code, name: c.name }));
  const changed: CriterionDiff[] = [];
  for (const cb of b.criteria) {
    const ca = inA.get(cb.code);
    if (!ca) continue;
    const d = diffCriterion(ca, cb, nLevels);
    if (d) changed.push(d);
  }
  const levels: SetDiff["levels"] = [];
  for (let li = 0; li < nLevels; li++) {
    const na = a.levels[li]?.name ?? "";
    const nb = b.levels[li]?.name ?? "";
    if (na !== nb) levels.push({ level: li + 1, renamed: { from: na, to: nb } });
  }
  const out: SetDiff = {
    from: { id: a.id, version: a.version },
    to: { id: b.id, version: b.version },
    levels,
    added,
    removed,
    changed,
    summary: {
      added: added.length,
      removed: removed.length,
      changed: changed.length,
      stricter: changed.filter((c) => c.direction === "stricter").length,
      looser: changed.filter((c) => c.direction === "looser").length,
    },
  };
  const title = field(a.title, b.title);
  if (title) out.title = title;
  return out;
}
