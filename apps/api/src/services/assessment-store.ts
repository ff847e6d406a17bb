/**
 * How an assessment is loaded, judged and written: every change claims the version the client read
 * (optimistic concurrency), caches criteria-core's evaluation of the effective values, and writes its audit
 * event in the same transaction.
 */
import { rowKey, valueKey } from "./tenant-keys.ts";
import {
  childLevelsValue,
  tryEvaluate,
  tryScore,
  type ComponentValues,
  type Evaluation,
  type IndicatorValues,
  type Score,
} from "@cds/criteria-core";
import { isScored, scoreComponents, type TCriteriaSet } from "@cds/criteria-schema";
import { ConflictError, InvalidValuesError, NotFoundError, WorkflowError, isImmutableViolation } from "../errors.ts";
import { Prisma, type AssessmentStatus, type PrismaClient } from "../generated/prisma/client.ts";
import { can, requireWriter, unitRef, type UserViewer, type Viewer } from "./access.ts";
import { RECOGNISED_LOCKED, requireAction, type AssessmentAction } from "./assessment-rules.ts";
import { audit, type Tx } from "./audit.ts";
import { loadAssessmentSql } from "./assessment-sql.ts";
import { pinnedSet } from "./sets.ts";
import type { Database } from "../db.ts";

/** The database as the hot paths use it: the Prisma client, and the SQL runner on the same connections. */
export type Store = Pick<Database, "prisma" | "sql">;

// The pinned set document is not loaded with the row: it comes from pinnedSet's cache.
const loadInclude = {
  unit: true,
  round: true,
  values: true,
} satisfies Prisma.AssessmentInclude;

export type LoadedAssessment = Prisma.AssessmentGetPayload<{ include: typeof loadInclude }>;

export async function load(db: PrismaClient | Tx, id: string): Promise<LoadedAssessment> {
  const a = await db.assessment.findFirst({ where: { id }, include: loadInclude });
  if (!a) throw new NotFoundError("hồ sơ đánh giá", id);
  return a;
}

export type ValueRow = LoadedAssessment["values"][number];

/** Values as the unit entered them. */
export function enteredValues(a: { values: ValueRow[] }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of a.values) if (v.value !== null) out[v.criterionCode] = v.value;
  return out;
}

/** What the assessment is judged on: the verifier's value where one was given, else the entered one. */
export function effectiveValues(a: { values: ValueRow[] }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of a.values) {
    const val = v.verifiedValue ?? v.value;
    if (val !== null) out[v.criterionCode] = val;
  }
  return out;
}

export function judge(set: TCriteriaSet, values: Record<string, unknown>): Evaluation {
  const r = tryEvaluate(set, values as IndicatorValues);
  if (!r.ok) throw new InvalidValuesError(r.issues);
  return r.evaluation;
}

/** criteria-core's score of values against a scored set; bad values are refused whole. */
export function judgeScore(set: TCriteriaSet, values: Record<string, unknown>): Score {
  const r = tryScore(set, values as ComponentValues);
  if (!r.ok) throw new InvalidValuesError(r.issues);
  return r.score;
}

/**
 * The codes values are keyed by in a set: its criteria (levels), or its scored components (points, both); for
 * each, whether the platform computes it itself (a district's CHUNG-01 from its communes).
 */
export function valueCodes(set: TCriteriaSet): Map<string, { computed: boolean }> {
  if (isScored(set))
    return new Map(scoreComponents(set.scoring?.groups ?? []).map((p) => [p.component.code, { computed: false }]));
  return new Map(set.criteria.map((c) => [c.code, { computed: c.measure === "childLevels" }]));
}

/** The stored score's text as the set rounds it ("825.61"), for audit events. */
export function scoreText(score: unknown): string | null {
  return (score as Pick<Score, "scoreText"> | null)?.scoreText ?? null;
}

/** What an assessment caches of its values, by how its set judges: an evaluation (levels) or scores (points, both). */
export interface Judgement {
  evaluation: Evaluation | null;
  computedLevel: number;
  score: Score | null;
  selfScore: Score | null;
}

/** Values judged as their set judges: an evaluation (levels) or a score (points, both); bad values are refused whole. */
export function judgeValues(
  set: TCriteriaSet,
  values: Record<string, unknown>,
): { evaluation: Evaluation; score: null } | { evaluation: null; score: Score } {
  return isScored(set)
    ? { evaluation: null, score: judgeScore(set, values) }
    : { evaluation: judge(set, values), score: null };
}

/**
 * Judges an assessment's effective values (and, for a scored set, the unit's own values too) with criteria-core.
 * `entered`: judgeValues of the unit's own values when the caller has it already (a save judges them first to
 * refuse bad values); with no verified value the effective values are those very values, judged once.
 */
export function judgeAssessment(
  set: TCriteriaSet,
  values: ValueRow[],
  entered?: ReturnType<typeof judgeValues>,
): Judgement {
  const verified = values.some((v) => v.verifiedValue !== null);
  const j = entered && !verified ? entered : judgeValues(set, effectiveValues({ values }));
  if (j.evaluation)
    return { evaluation: j.evaluation, computedLevel: j.evaluation.level, score: null, selfScore: null };
  const selfScore = entered ? entered.score! : judgeScore(set, enteredValues({ values }));
  return { evaluation: null, computedLevel: j.score.level ?? 0, score: j.score, selfScore };
}

const jsonOrNull = (v: unknown) => (v === null ? Prisma.DbNull : (v as Prisma.InputJsonValue));

/** A judgement as the assessment row stores it. */
export function judgementData(effective: Record<string, unknown>, j: Judgement) {
  return {
    effectiveValues: effective as Prisma.InputJsonValue,
    evaluation: jsonOrNull(j.evaluation),
    computedLevel: j.computedLevel,
    score: jsonOrNull(j.score),
    selfScore: jsonOrNull(j.selfScore),
  };
}

/**
 * Claims the version the client read, or throws ConflictError (nothing written).
 * The row lock taken here serialises concurrent writers on a server.
 */
export async function claim(
  tx: Tx,
  a: { id: string },
  expectedVersion: number,
  data: Prisma.AssessmentUpdateManyMutationInput = {},
) {
  const r = await tx.assessment.updateMany({
    where: { id: a.id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  if (r.count === 0)
    claimRefused(
      await tx.assessment.findFirst({ where: { id: a.id }, select: { version: true, status: true } }),
      expectedVersion,
    );
}

/** Why a claim was refused: the assessment is recognised (locked for good), or its version has moved on. */
export function claimRefused(now: { version: number; status: string } | null, expectedVersion: number): never {
  if (now?.status === "RECOGNISED") throw new WorkflowError(...RECOGNISED_LOCKED);
  throw new ConflictError(now?.version ?? expectedVersion);
}

/**
 * Judges the given value rows with criteria-core and stores the cached result
 * (effective values, evaluation, level); returns the assessment as now stored.
 */
async function storeEvaluation(tx: Tx, a: LoadedAssessment, values: ValueRow[]): Promise<LoadedAssessment> {
  const j = judgeAssessment(await pinnedSet(tx, a.setVersionId), values);
  const row = await tx.assessment.update({
    where: rowKey(a),
    data: judgementData(effectiveValues({ values }), j),
  });
  return { ...row, unit: a.unit, round: a.round, values };
}

/** Re-reads the values, judges them and stores the cached result. */
export async function refreshEvaluation(tx: Tx, id: string): Promise<LoadedAssessment> {
  const a = await load(tx, id);
  return storeEvaluation(tx, a, a.values);
}

export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isImmutableViolation(e)) throw new WorkflowError(...RECOGNISED_LOCKED);
    throw e;
  }
}

/** Reads through SQL when given the Store (the save's hot path), else through Prisma; the same row either way. */
async function loadFrom(db: PrismaClient | Store, id: string): Promise<LoadedAssessment> {
  if (!("sql" in db)) return load(db, id);
  const a = await loadAssessmentSql(db.sql, id);
  if (!a) throw new NotFoundError("hồ sơ đánh giá", id);
  return a;
}

export async function readableAssessment(
  db: PrismaClient | Store,
  viewer: Viewer,
  id: string,
): Promise<LoadedAssessment> {
  const a = await loadFrom(db, id);
  if (!can.readAssessment(viewer, { status: a.status, unit: unitRef(a) }))
    throw new NotFoundError("hồ sơ đánh giá", id);
  return a;
}

/** The audit fields that name an assessment (and its tenant) and what was done to it. */
export function assessmentEvent(a: { id: string; unit: { tenantId: string } }, action: string) {
  return { action, entityType: "Assessment", entityId: a.id, tenantId: a.unit.tenantId };
}

/** The prologue of every change: a writer, an assessment it may read, an action its role and the status allow. */
export async function loadForAction(
  db: PrismaClient | Store,
  viewer: Viewer,
  assessmentId: string,
  action: AssessmentAction,
): Promise<{ user: UserViewer; a: LoadedAssessment }> {
  const user = requireWriter(viewer);
  const a = await readableAssessment(db, viewer, assessmentId);
  requireAction(viewer, a, action);
  return { user, a };
}

/** The district's general criterion (CHUNG-01) from its communes' recognised levels, refreshed in place. */
export async function refreshChildLevels(tx: Tx, viewer: Viewer, parentUnitId: string, year: number): Promise<void> {
  const parentAssessment = await tx.assessment.findFirst({
    where: { unitId: parentUnitId, round: { year }, status: { not: "RECOGNISED" } },
    include: loadInclude,
  });
  if (!parentAssessment) return;
  const set = await pinnedSet(tx, parentAssessment.setVersionId);
  const childCriteria = set.criteria.filter((c) => c.measure === "childLevels");
  if (childCriteria.length === 0 || !set.childUnitKind) return;
  const children = await tx.unit.findMany({
    where: { parentId: parentUnitId, kindCode: set.childUnitKind },
    select: { assessments: { where: { round: { year } }, select: { recognisedLevel: true } } },
  });
  if (children.length === 0) return;
  const value = childLevelsValue(children.map((c) => c.assessments[0]?.recognisedLevel ?? 0));
  for (const c of childCriteria) {
    const old = parentAssessment.values.find((v) => v.criterionCode === c.code);
    if (old && JSON.stringify(old.value) === JSON.stringify(value)) continue;
    await tx.indicatorValue.upsert({
      where: valueKey(parentAssessment, c.code),
      create: { tenantId: parentAssessment.tenantId, assessmentId: parentAssessment.id, criterionCode: c.code, value },
      update: { value },
    });
    await tx.assessment.update({ where: rowKey(parentAssessment), data: { version: { increment: 1 } } });
    await audit(tx, viewer, {
      ...assessmentEvent(parentAssessment, "assessment.recomputeChildLevels"),
      before: { [c.code]: old?.value ?? null },
      after: { [c.code]: value },
    });
  }
  await refreshEvaluation(tx, parentAssessment.id);
}

/**
 * Moves the assessment to status `to` (claiming the version) and records it; `also` runs last in the same
 * transaction (e.g. the notification the change sends).
 */
export async function transition(
  prisma: PrismaClient,
  viewer: Viewer,
  a: LoadedAssessment,
  version: number,
  to: AssessmentStatus,
  data: Prisma.AssessmentUpdateManyMutationInput,
  action: string,
  extra: Record<string, unknown> = {},
  also?: (tx: Tx) => Promise<unknown>,
): Promise<LoadedAssessment> {
  return guarded(() =>
    prisma.$transaction(async (tx) => {
      await claim(tx, a, version, { ...data, status: to });
      if (to === "RECOGNISED" && a.unit.parentId) await refreshChildLevels(tx, viewer, a.unit.parentId, a.round.year);
      await audit(tx, viewer, {
        ...assessmentEvent(a, action),
        before: { status: a.status },
        after: { status: to, ...extra },
      });
      if (also) await also(tx);
      return load(tx, a.id);
    }),
  );
}
