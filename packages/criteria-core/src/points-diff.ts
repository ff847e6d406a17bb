/**
 * diffPoints(a, b): how scored set b differs from scored set a — points moved
 * between components (maxima changed, components added or removed), rules
 * stricter or looser (bands, floors, caps: judged on the share of the maximum
 * a unit earns at every value, see criteria-schema `compareRules`), weights
 * and group maxima changed, and the totals, rounding and level bands.
 */
import {
  compareRules,
  exact,
  formatRule,
  scoreComponents,
  type TargetChange,
  type TCriteriaSet,
  type TScoreGroup,
} from "@cds/criteria-schema";
import type { FieldChange } from "./diff.ts";

const { add, compare, fromDecimal, sub, toFixedHalfUp, ZERO } = exact;

export interface ComponentChange {
  code: string;
  name: string;
  group?: FieldChange<string>;
  /** The maximum moved: positive delta = points added to this component. */
  max?: FieldChange<number> & { delta: number };
  rule?: { change: Exclude<TargetChange, "same">; from: string; to: string };
  renamed?: FieldChange<string>;
  method?: FieldChange<string>;
  dataSource?: FieldChange<string>;
  mayNotApply?: FieldChange<boolean>;
}

export interface GroupChange {
  code: string;
  name: string;
  max?: FieldChange<number>;
  weight?: FieldChange<number | null>;
  renamed?: FieldChange<string>;
}

export interface PointsDiff {
  from: { id: string; version: string };
  to: { id: string; version: string };
  judgedBy?: FieldChange<string>;
  total?: FieldChange<{ max: number; method: string }>;
  notApplicable?: FieldChange<string>;
  decimals?: FieldChange<number>;
  groupsAdded: { code: string; name: string; max: number }[];
  groupsRemoved: { code: string; name: string; max: number }[];
  groups: GroupChange[];
  added: { code: string; name: string; group: string; max: number }[];
  removed: { code: string; name: string; group: string; max: number }[];
  changed: ComponentChange[];
  /** judgedBy both: level bands moved (a higher minScore is stricter). */
  levels: {
    level: number;
    name: string;
    minScore: FieldChange<number | null>;
    change: Exclude<TargetChange, "same">;
  }[];
  summary: {
    /** Points given to components (raised maxima and new components). */
    pointsAdded: number;
    /** Points taken from components (lowered maxima and removed components). */
    pointsRemoved: number;
    stricter: number;
    looser: number;
    weightsChanged: number;
  };
}

function field<T>(a: T, b: T): FieldChange<T> | undefined {
  return JSON.stringify(a) === JSON.stringify(b) ? undefined : { from: a, to: b };
}

function allGroups(groups: readonly TScoreGroup[]): TScoreGroup[] {
  const out: TScoreGroup[] = [];
  const walk = (gs: readonly TScoreGroup[]) => gs.forEach((g) => (out.push(g), walk(g.groups)));
  walk(groups);
  return out;
}

const num = (text: string) => Number(text);

export function diffPoints(a: TCriteriaSet, b: TCriteriaSet): PointsDiff {
  const sa = a.scoring?.groups ?? [];
  const sb = b.scoring?.groups ?? [];
  const decimals = Math.max(a.scoring?.decimals ?? 2, b.scoring?.decimals ?? 2);
  const ca = new Map(scoreComponents(sa).map((p) => [p.component.code, p]));
  const cb = new Map(scoreComponents(sb).map((p) => [p.component.code, p]));
  let gained = ZERO;
  let lost = ZERO;
  const added: PointsDiff["added"] = [];
  const removed: PointsDiff["removed"] = [];
  const changed: ComponentChange[] = [];
  for (const [code, pb] of cb) {
    const pa = ca.get(code);
    const ownB = pb.groupPath.at(-1)!;
    if (!pa) {
      added.push({ code, name: pb.component.name, group: ownB, max: pb.component.max });
      gained = add(gained, fromDecimal(pb.component.max));
      continue;
    }
    const x = pa.component;
    const y = pb.component;
    const ch: ComponentChange = { code, name: y.name };
    const put = <K extends keyof ComponentChange>(k: K, v: ComponentChange[K] | undefined) => {
      if (v !== undefined) ch[k] = v;
    };
    put("group", field(pa.groupPath.at(-1)!, ownB));
    const delta = sub(fromDecimal(y.max), fromDecimal(x.max));
    if (delta.n !== 0n) {
      ch.max = { from: x.max, to: y.max, delta: num(toFixedHalfUp(delta, decimals)) };
      if (delta.n > 0n) gained = add(gained, delta);
      else lost = sub(lost, delta);
    }
    const rc = compareRules(x.rule, x.max, y.rule, y.max);
    if (rc !== "same") ch.rule = { change: rc, from: formatRule(x), to: formatRule(y) };
    put("renamed", field(x.name, y.name));
    put("method", field(x.method, y.method));
    put("dataSource", field(x.dataSource, y.dataSource));
    put("mayNotApply", field(x.mayNotApply, y.mayNotApply));
    if (Object.keys(ch).length > 2) changed.push(ch);
  }
  for (const [code, pa] of ca) {
    if (cb.has(code)) continue;
    removed.push({ code, name: pa.component.name, group: pa.groupPath.at(-1)!, max: pa.component.max });
    lost = add(lost, fromDecimal(pa.component.max));
  }

  const ga = new Map(allGroups(sa).map((g) => [g.code, g]));
  const gb = new Map(allGroups(sb).map((g) => [g.code, g]));
  const groups: GroupChange[] = [];
  for (const [code, y] of gb) {
    const x = ga.get(code);
    if (!x) continue;
    const gc: GroupChange = { code, name: y.name };
    const max = field(x.max, y.max);
    const weight = field(x.weight ?? null, y.weight ?? null);
    const renamed = field(x.name, y.name);
    if (max) gc.max = max;
    if (weight) gc.weight = weight;
    if (renamed) gc.renamed = renamed;
    if (max || weight || renamed) groups.push(gc);
  }
  const levels: PointsDiff["levels"] = [];
  for (let i = 0; i < Math.max(a.levels.length, b.levels.length); i++) {
    const x = a.levels[i]?.minScore ?? null;
    const y = b.levels[i]?.minScore ?? null;
    if (x === y) continue;
    const change: Exclude<TargetChange, "same"> =
      x === null || y === null ? "changed" : compare(fromDecimal(y), fromDecimal(x)) > 0 ? "stricter" : "looser";
    levels.push({
      level: i + 1,
      name: b.levels[i]?.name ?? a.levels[i]?.name ?? "",
      minScore: { from: x, to: y },
      change,
    });
  }

  const out: PointsDiff = {
    from: { id: a.id, version: a.version },
    to: { id: b.id, version: b.version },
    groupsAdded: [...gb.values()]
      .filter((g) => !ga.has(g.code))
      .map((g) => ({ code: g.code, name: g.name, max: g.max })),
    groupsRemoved: [...ga.values()]
      .filter((g) => !gb.has(g.code))
      .map((g) => ({ code: g.code, name: g.name, max: g.max })),
    groups,
    added,
    removed,
    changed,
    levels,
    summary: {
      pointsAdded: num(toFixedHalfUp(gained, decimals)),
      pointsRemoved: num(toFixedHalfUp(lost, decimals)),
      stricter: changed.filter((c) => c.rule?.change === "stricter").length,
      looser: changed.filter((c) => c.rule?.change === "looser").length,
      weightsChanged: groups.filter((g) => g.weight).length,
    },
  };
  const jb = field(a.judgedBy ?? "levels", b.judgedBy ?? "levels");
  if (jb) out.judgedBy = jb;
  const total = field(a.scoring?.total ?? null, b.scoring?.total ?? null);
  if (total) out.total = total as FieldChange<{ max: number; method: string }>;
  const na = field(a.scoring?.notApplicable ?? "", b.scoring?.notApplicable ?? "");
  if (na) out.notApplicable = na;
  const dec = field(a.scoring?.decimals ?? 0, b.scoring?.decimals ?? 0);
  if (dec) out.decimals = dec;
  return out;
}
