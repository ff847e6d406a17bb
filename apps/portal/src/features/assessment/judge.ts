/**
 * What the workspace shows, derived from the server's assessment and the unsaved draft: the values
 * as stored, the live judgement by criteria-core (the same engine as the API) and what a conflict
 * puts side by side. A set judged by levels and a scored index differ only in their `FormModel`
 * (levels here, points in scored.ts): the draft, autosave and conflicts are the same for both.
 */
import {
  evaluate,
  gaps,
  InvalidValuesError,
  type Evaluation,
  type Gap,
  type IndicatorValues,
  type PointsGap,
  type Score,
} from "@cds/criteria-core";
import type { TCriteriaSet, TCriterion } from "@cds/criteria-schema";
import {
  engineError,
  fieldFromValue,
  formatValue,
  toRaw,
  type FieldError,
  type FieldState,
  type RawResult,
  type ValueFormat,
} from "@cds/ui";
import type { AssessmentData } from "./api.ts";
import type { Draft, DraftField } from "./draft.ts";

/** The stored values by criterion: as entered, as effective (after verification), notes and the verifier's word. */
export interface ServerValues {
  entered: Map<string, unknown>;
  effective: Map<string, unknown>;
  notes: Map<string, string>;
  verified: Map<string, { value: unknown; comment: string | null }>;
}

export function serverValues(values: AssessmentData["values"]): ServerValues {
  const entered = new Map<string, unknown>();
  const effective = new Map<string, unknown>();
  const notes = new Map<string, string>();
  const verified = new Map<string, { value: unknown; comment: string | null }>();
  for (const v of values) {
    entered.set(v.criterionCode, v.value);
    effective.set(v.criterionCode, v.effectiveValue);
    if (v.note) notes.set(v.criterionCode, v.note);
    if (v.verifiedValue !== null && v.verifiedValue !== undefined)
      verified.set(v.criterionCode, { value: v.verifiedValue, comment: v.verifierComment ?? null });
    else if (v.verifierComment) verified.set(v.criterionCode, { value: v.value, comment: v.verifierComment });
  }
  return { entered, effective, notes, verified };
}

/** The live judgement of a set judged by levels: the level reached, each criterion's results, what is missing. */
export interface LiveLevels {
  kind: "levels";
  values: Record<string, unknown>;
  errors: Record<string, FieldError[]>;
  evaluation: Evaluation;
  target: number;
  gaps: Gap[];
}

/** The live judgement of a scored index: criteria-core's score and point gaps, biggest missing points first. */
export interface LivePoints {
  kind: "points";
  values: Record<string, unknown>;
  errors: Record<string, FieldError[]>;
  score: Score;
  gaps: PointsGap[];
}

export type Live = LiveLevels | LivePoints;

/** How the workspace reads, writes and judges the values of its set: by criterion (levels) or by component (points). */
export interface FormModel {
  kind: Live["kind"];
  /** The codes values are keyed by, in the form's order. */
  codes: readonly string[];
  has(code: string): boolean;
  /** The criterion's or component's name, for lists of codes. */
  name(code: string): string;
  /** The form state of a stored value (an empty one when there is none). */
  field(code: string, stored: unknown): DraftField;
  /** The value to save and judge, or why there is none yet. */
  toRaw(code: string, f: DraftField): RawResult;
  /** A stored value as a person reads it. */
  format(code: string, v: unknown, fmt: ValueFormat): string;
  /** Judges the server's effective values overlaid with the unsaved edits. */
  judge(effective: Map<string, unknown>, draft: Draft, registered: number | null): Live;
}

/** The form model of a set judged by levels (the 2361 ladder). */
export function levelForm(set: TCriteriaSet, byCode: Map<string, TCriterion>): FormModel {
  return {
    kind: "levels",
    codes: set.criteria.map((c) => c.code),
    has: (code) => byCode.has(code),
    name: (code) => byCode.get(code)?.name ?? code,
    field: (code, stored) => fieldFromValue(byCode.get(code)!, stored),
    toRaw: (code, f) => toRaw(byCode.get(code)!, f as FieldState),
    format: (_code, v, fmt) => formatValue(v, fmt),
    judge: (effective, draft, registered) => judgeLocally(set, byCode, effective, draft, registered),
  };
}

/** Judges the values the form shows now: the server's effective values overlaid with the unsaved edits. */
export function judgeLocally(
  set: TCriteriaSet,
  byCode: Map<string, TCriterion>,
  effective: Map<string, unknown>,
  draft: Draft,
  registered: number | null,
): LiveLevels {
  const values: Record<string, unknown> = {};
  for (const [code, v] of effective) if (v !== null && v !== undefined) values[code] = v;
  const errors: Record<string, FieldError[]> = {};
  for (const [code, st] of Object.entries(draft.fields)) {
    const c = byCode.get(code);
    if (!c) continue;
    const r = toRaw(c, st as FieldState);
    delete values[code];
    if (r.status === "ok") values[code] = r.value;
    else if (r.status !== "empty") errors[code] = r.errors;
  }
  let evaluation: Evaluation;
  try {
    evaluation = evaluate(set, values as IndicatorValues);
  } catch (e) {
    if (!(e instanceof InvalidValuesError)) throw e;
    // What the engine cannot judge is shown on its field and judged as missing.
    for (const i of e.issues) {
      (errors[i.criterion] ??= []).push(engineError(i.field, i.reason));
      delete values[i.criterion];
    }
    evaluation = evaluate(set, values as IndicatorValues);
  }
  const target = registered ?? Math.min(evaluation.level + 1, set.levels.length);
  return { kind: "levels", values, errors, evaluation, target, gaps: gaps(set, values as IndicatorValues, target) };
}

/** The unsaved edits as saved by `saveIndicatorValues`: values (null clears one) and notes (null clears one). */
export function pendingChanges(
  model: FormModel,
  draft: Draft,
): { values: Record<string, unknown>; notes: Record<string, string | null> } {
  const values: Record<string, unknown> = {};
  const notes: Record<string, string | null> = {};
  for (const [code, st] of Object.entries(draft.fields)) {
    if (!model.has(code)) continue;
    const r = model.toRaw(code, st);
    if (r.status === "ok") values[code] = r.value;
    else if (r.status === "empty") values[code] = null;
  }
  for (const [code, text] of Object.entries(draft.notes)) notes[code] = text.trim() ? text : null;
  return { values, notes };
}

export interface ConflictRow {
  code: string;
  mine: string;
  theirs: string;
}

/** Mine (the draft) beside theirs (the server's) for every criterion and note the draft changes. */
export function conflictRows(model: FormModel, draft: Draft, server: ServerValues, fmt: ValueFormat): ConflictRow[] {
  const { t } = fmt;
  // A draft restored from the browser may name a criterion the pinned set no longer has: skipped, as elsewhere.
  const values = Object.entries(draft.fields).flatMap(([code, st]) => {
    if (!model.has(code)) return [];
    const r = model.toRaw(code, st);
    return {
      code,
      mine:
        r.status === "ok"
          ? model.format(code, r.value, fmt)
          : r.status === "empty"
            ? t("value.none")
            : t("value.incomplete"),
      theirs: model.format(code, server.entered.get(code), fmt),
    };
  });
  const notes = Object.entries(draft.notes).map(([code, text]) => ({
    code: `${code} (${t("input.note").toLowerCase()})`,
    mine: text || t("value.none"),
    theirs: server.notes.get(code) ?? t("value.none"),
  }));
  return values.concat(notes);
}
