/**
 * The workspace of a scored index (Bộ chỉ số): values keyed by component code, read and written by the
 * component form model of @cds/ui, scored live by criteria-core's `score` and `pointsGaps` on the
 * unsaved values — the same engine, on the same values, as the API's `Assessment.score`. No points
 * are computed here: only criteria-core's results are read and shown.
 */
import { formatPoints, pointsGaps, tryScore, type ComponentValues, type Score } from "@cds/criteria-core";
import {
  scoreComponents,
  type Locale,
  type TCriteriaSet,
  type TScoreComponent,
  type TScoreGroup,
} from "@cds/criteria-schema";
import {
  componentEngineError,
  componentFieldFromValue,
  componentToRaw,
  formatComponentValue,
  parseComponentField,
  type ComponentFieldState,
  type FieldError,
} from "@cds/ui";
import type { Draft } from "./draft.ts";
import type { FormModel, LivePoints } from "./judge.ts";

/** The components of a scored set by code, in document order (depth first, as criteria-core walks them). */
export function componentsOf(set: TCriteriaSet): Map<string, TScoreComponent> {
  return new Map(scoreComponents(set.scoring?.groups ?? []).map((p) => [p.component.code, p.component]));
}

/** Every component of a group, its sub-groups' included. */
export function groupComponents(g: TScoreGroup): TScoreComponent[] {
  return [...g.groups.flatMap(groupComponents), ...g.components];
}

/** The form model of a scored index: values by component code. */
export function pointsForm(set: TCriteriaSet, byCode: Map<string, TScoreComponent>): FormModel {
  return {
    kind: "points",
    codes: [...byCode.keys()],
    has: (code) => byCode.has(code),
    name: (code) => byCode.get(code)?.name ?? code,
    field: (code, stored) => componentFieldFromValue(byCode.get(code)!, stored),
    toRaw: (code, f) => componentToRaw(set, byCode.get(code)!, f as ComponentFieldState),
    format: (code, v, fmt) => {
      const c = byCode.get(code);
      return c ? formatComponentValue(c, v, fmt) : JSON.stringify(v);
    },
    judge: (effective, draft) => judgePoints(set, byCode, effective, draft),
  };
}

/**
 * Scores the values the form shows now: the server's effective values overlaid with the unsaved edits.
 * What criteria-core cannot score is shown on its field and scored as missing (0 points), as the level form does.
 */
export function judgePoints(
  set: TCriteriaSet,
  byCode: Map<string, TScoreComponent>,
  effective: Map<string, unknown>,
  draft: Draft,
): LivePoints {
  const values: Record<string, unknown> = {};
  for (const [code, v] of effective) if (v !== null && v !== undefined && byCode.has(code)) values[code] = v;
  const errors: Record<string, FieldError[]> = {};
  for (const [code, st] of Object.entries(draft.fields)) {
    if (!byCode.has(code)) continue;
    const r = parseComponentField(st as ComponentFieldState);
    delete values[code];
    if (r.status === "ok") values[code] = r.value;
    else if (r.status !== "empty") errors[code] = r.errors;
  }
  let r = tryScore(set, values as ComponentValues);
  if (!r.ok) {
    for (const i of r.issues) {
      const c = byCode.get(i.criterion);
      if (c) (errors[i.criterion] ??= []).push(componentEngineError(c, i));
      delete values[i.criterion];
    }
    r = tryScore(set, values as ComponentValues);
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  }
  // Biggest missing points first (a stable sort: ties keep the set's order).
  const gaps = pointsGaps(set, values as ComponentValues).sort((a, b) => b.missingPoints - a.missingPoints);
  return { kind: "points", values, errors, score: r.score, gaps };
}

/**
 * The score the stored values would have once `changes` are saved (the Excel import's preview): a changed
 * value drops its verified value, as `saveIndicatorValues` does. Null when criteria-core cannot score them.
 */
export function scoreAfterChanges(
  set: TCriteriaSet,
  effective: Map<string, unknown>,
  changes: readonly { criterionCode: string; after: unknown }[],
): Score | null {
  const values: Record<string, unknown> = {};
  for (const [code, v] of effective) if (v !== null && v !== undefined) values[code] = v;
  for (const c of changes) {
    if (c.after === null || c.after === undefined) delete values[c.criterionCode];
    else values[c.criterionCode] = c.after;
  }
  const r = tryScore(set, values as ComponentValues);
  return r.ok ? r.score : null;
}

/** Points out of a maximum as criteria-core rounds them, in the locale's separators: "825,61 / 1.000". */
export function pointsOutOf(pointsText: string, max: number, locale: Locale): string {
  return `${formatPoints(pointsText, locale)} / ${formatPoints(String(max), locale)}`;
}

/** Whether two scores are the same exact value (criteria-core's exact rational, as the API stores it). */
export function sameScore(
  a: { exact: { numerator: string; denominator: string } },
  b: { exact: { numerator: string; denominator: string } },
): boolean {
  return a.exact.numerator === b.exact.numerator && a.exact.denominator === b.exact.denominator;
}
