/**
 * The scoring tree of a scored draft (Bộ chỉ số: judgedBy points or both) as
 * the table view reads it — defensively, since the JSON view can hold
 * anything — and where a JSON pointer into it lands: a row or a field of the
 * points table, and how that place reads ("Nhóm NTS › NT-02 › khung 2").
 */
import type { JSONPath } from "jsonc-parser";
import { pointerToPath } from "./document.ts";

export interface LooseScoreGroup {
  code?: unknown;
  name?: unknown;
  nameEn?: unknown;
  max?: unknown;
  weight?: unknown;
  groups?: unknown;
  components?: unknown;
}

export interface LooseComponent {
  code?: unknown;
  name?: unknown;
  nameEn?: unknown;
  unit?: unknown;
  subject?: unknown;
  max?: unknown;
  rule?: unknown;
  method?: unknown;
  dataSource?: unknown;
  mayNotApply?: unknown;
  derivedFrom?: unknown;
}

export interface LooseScoring {
  total?: { max?: unknown; method?: unknown } | null;
  notApplicable?: unknown;
  decimals?: unknown;
  indexDecimals?: unknown;
  groups?: unknown;
  rankingGroups?: unknown;
}

interface LooseScoredSet {
  judgedBy?: unknown;
  scoring?: unknown;
  levels?: unknown;
}

/** Whether a (possibly invalid) document says it is scored: the table shows its points, not its levels. */
export function isScoredDoc(doc: unknown): boolean {
  const j = (doc as LooseScoredSet | null)?.judgedBy;
  return j === "points" || j === "both";
}

export function scoringOf(doc: unknown): LooseScoring | null {
  const s = (doc as LooseScoredSet | null)?.scoring;
  return typeof s === "object" && s !== null && !Array.isArray(s) ? (s as LooseScoring) : null;
}

/** A string field of the loose document, or the fallback. */
export function str(v: unknown, fallback = ""): string {
  return typeof v === "string" ? v : fallback;
}

function list<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

/** What a row of the points table edits: a group or a component (by code), a level's band, or the scoring settings. */
export type ScoreTarget =
  | { kind: "group"; code: string }
  | { kind: "component"; code: string }
  | { kind: "level"; rank: number }
  | { kind: "scoring" };

/**
 * Keys of the points table's rows and fields, for issues and highlights (the
 * level table's `cellKey` space): "c:NT-01", "c:NT-01/rule", "g:NTS/weight",
 * "l:2", "s:total". Groups and components are apart: the national DTI names a
 * main index and its one component alike.
 */
export const scoreKey = {
  group: (code: string, field?: string) => `g:${code}${field ? `/${field}` : ""}`,
  component: (code: string, field?: string) => `c:${code}${field ? `/${field}` : ""}`,
  level: (rank: number) => `l:${rank}`,
  scoring: (field?: string) => `s:${field ?? "scoring"}`,
};

export interface GroupRow {
  kind: "group";
  code: string;
  name: string;
  nameEn: string;
  group: LooseScoreGroup;
  /** 0 for a top group (pillar / main index). */
  depth: number;
  /** Codes of the enclosing groups, from the top. */
  parents: string[];
  path: JSONPath;
}

export interface ComponentRow {
  kind: "component";
  code: string;
  component: LooseComponent;
  depth: number;
  /** Codes of its groups from the top down to its own. */
  parents: string[];
  path: JSONPath;
  index: number;
}

export type ScoreRow = GroupRow | ComponentRow;

/** Every group and component in document order (a group before what it holds), depth first. */
export function scoreRows(doc: unknown): ScoreRow[] {
  const scoring = scoringOf(doc);
  const out: ScoreRow[] = [];
  const walk = (groups: unknown, parents: string[], path: JSONPath) => {
    list<LooseScoreGroup | null>(groups).forEach((raw, gi) => {
      const g = raw ?? {};
      const here = [...path, gi];
      const code = str(g.code, `#${gi + 1}`);
      out.push({
        kind: "group",
        code,
        name: str(g.name),
        nameEn: str(g.nameEn),
        group: g,
        depth: parents.length,
        parents,
        path: here,
      });
      walk(g.groups, [...parents, code], [...here, "groups"]);
      list<LooseComponent | null>(g.components).forEach((c, ci) =>
        out.push({
          kind: "component",
          code: str(c?.code, `${code}#${ci + 1}`),
          component: c ?? {},
          depth: parents.length + 1,
          parents: [...parents, code],
          path: [...here, "components", ci],
          index: ci,
        }),
      );
    });
  };
  if (scoring) walk(scoring.groups, [], ["scoring", "groups"]);
  return out;
}

/** The JSON path of what a target names in this document; throws when it is gone (edited elsewhere meanwhile). */
export function pathOfTarget(doc: unknown, target: ScoreTarget): JSONPath {
  switch (target.kind) {
    case "scoring":
      return ["scoring"];
    case "level":
      return ["levels", target.rank - 1];
    default: {
      const row = scoreRows(doc).find((r) => r.kind === target.kind && r.code === target.code);
      if (!row) throw new Error(`no ${target.kind} ${target.code}`);
      return row.path;
    }
  }
}

/** Where a pointer lands in the points table: the key of its row or field (see `scoreKey`); null outside the scoring. */
export function scoreCellOfPointer(doc: unknown, pointer: string): { code: string; level: null } | null {
  const key = scoreKeyOfPath(doc, pointerToPath(pointer));
  return key === null ? null : { code: key, level: null };
}

function scoreKeyOfPath(doc: unknown, path: JSONPath): string | null {
  if (!isScoredDoc(doc)) return null;
  if (path[0] === "levels" && typeof path[1] === "number") return scoreKey.level(path[1] + 1);
  if (path[0] !== "scoring") return null;
  if (path[1] === "total") return scoreKey.scoring("total");
  if (path[1] !== "groups" || typeof path[2] !== "number") return scoreKey.scoring();
  const walked = walkPath(doc, path);
  if (!walked.group) return scoreKey.scoring();
  const field = typeof walked.rest[0] === "string" ? walked.rest[0] : undefined;
  if (walked.component) {
    const code = str(walked.component.code, "");
    if (!code) return scoreKey.group(str(walked.group.code));
    return scoreKey.component(code, field === "max" || field === "rule" ? field : undefined);
  }
  const code = str(walked.group.code);
  return scoreKey.group(code, field === "max" || field === "weight" ? field : undefined);
}

/** Follows a path down scoring.groups: the groups met, the component (if any) and what is left of the path. */
function walkPath(
  doc: unknown,
  path: JSONPath,
): { groups: LooseScoreGroup[]; group: LooseScoreGroup | null; component: LooseComponent | null; rest: JSONPath } {
  const groups: LooseScoreGroup[] = [];
  let level: unknown = scoringOf(doc)?.groups;
  let i = 2;
  let group: LooseScoreGroup | null = null;
  while (typeof path[i] === "number") {
    const g = list<LooseScoreGroup | null>(level)[path[i] as number];
    if (!g) break;
    group = g;
    groups.push(g);
    if (path[i + 1] === "groups") {
      level = g.groups;
      i += 2;
      continue;
    }
    if (path[i + 1] === "components" && typeof path[i + 2] === "number") {
      const c = list<LooseComponent | null>(g.components)[path[i + 2] as number];
      if (c) return { groups, group, component: c, rest: path.slice(i + 3) };
    }
    return { groups, group, component: null, rest: path.slice(i + 1) };
  }
  return { groups, group, component: null, rest: path.slice(i) };
}

type T = (key: string, params?: Record<string, string | number>) => string;

const FIELD_LABELS = new Set([
  "code",
  "name",
  "nameEn",
  "max",
  "weight",
  "rule",
  "method",
  "dataSource",
  "unit",
  "subject",
  "legalBasis",
  "mayNotApply",
  "derivedFrom",
  "atLeast",
  "points",
  "floor",
  "cap",
  "step",
  "kind",
  "on",
  "minScore",
  "total",
  "notApplicable",
  "decimals",
  "indexDecimals",
  "rankingGroups",
  "unitKinds",
  "unitTypes",
]);

function fieldsOf(rest: JSONPath, t: T): string[] {
  const out: string[] = [];
  for (let k = 0; k < rest.length; k++) {
    const seg = rest[k];
    if (seg === "bands" && typeof rest[k + 1] === "number") {
      out.push(t("where.band", { n: (rest[k + 1] as number) + 1 }));
      k++;
    } else if (seg === "rule" && k < rest.length - 1)
      continue; // "NT-04 › khung 1", not "NT-04 › cách tính điểm › khung 1"
    else if (typeof seg === "string" && FIELD_LABELS.has(seg)) out.push(t(`where.field.${seg}`));
    else if (typeof seg === "number") out.push(String(seg + 1));
  }
  return out;
}

/**
 * How a pointer into a scored document reads, e.g. "Nhóm NTS › NT-02 › khung 2 › điểm",
 * "Tổng điểm › điểm tối đa", "Mức 2 (Kết nối) › điểm tối thiểu"; null outside the scoring.
 */
export function describeScorePointer(doc: unknown, pointer: string, t: T): string | null {
  if (!isScoredDoc(doc)) return null;
  const path = pointerToPath(pointer);
  if (path[0] === "levels" && typeof path[1] === "number") {
    const l = list<{ name?: unknown } | null>((doc as LooseScoredSet).levels)[path[1]];
    const name = str(l?.name);
    return [
      name ? t("where.levelNamed", { level: path[1] + 1, name }) : t("where.level", { level: path[1] + 1 }),
      ...fieldsOf(path.slice(2), t),
    ].join(" › ");
  }
  if (path[0] !== "scoring") return null;
  if (path[1] === "groups" && typeof path[2] === "number") {
    const w = walkPath(doc, path);
    if (!w.group) return [t("where.scoring"), ...fieldsOf(path.slice(1), t)].join(" › ");
    const parts = w.groups.map((g) => t("where.group", { code: str(g.code, "?") }));
    if (w.component) parts.push(str(w.component.code, t("where.component")));
    return [...parts, ...fieldsOf(w.rest, t)].join(" › ");
  }
  if (path[1] === "rankingGroups" && typeof path[2] === "number") {
    const rg = list<{ code?: unknown } | null>(scoringOf(doc)?.rankingGroups)[path[2]];
    return [t("where.rankingGroup", { code: str(rg?.code, String(path[2] + 1)) }), ...fieldsOf(path.slice(3), t)].join(
      " › ",
    );
  }
  return [t("where.scoring"), ...fieldsOf(path.slice(1), t)].join(" › ");
}

/** The value at a path of a (possibly invalid) document; undefined when the path leads nowhere. */
export function valueAt(doc: unknown, path: JSONPath): unknown {
  let v: unknown = doc;
  for (const seg of path) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}
