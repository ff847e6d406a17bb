/**
 * An assessment's workflow (Decision 2361, II.2): the unit registers a level
 * and enters values (DRAFT / RETURNED) → submits → the level above verifies
 * values and the assessment → the appraisal council appraises → the level
 * above recognises (locked for good). Every level is computed by
 * criteria-core from the effective values (the verifier's where given).
 * Every write checks the version the client read (optimistic concurrency)
 * and writes its audit event in the same transaction.
 */
import { childLevelsValue, tryEvaluate, type Evaluation, type IndicatorValues } from "@cds/criteria-core";
import type { TCriteriaSet } from "@cds/criteria-schema";
import {
  ConflictError,
  InputError,
  InvalidValuesError,
  NotFoundError,
  WorkflowError,
  isImmutableViolation,
  type FieldIssue,
} from "../errors.ts";
import { Prisma, type AssessmentStatus, type PrismaClient } from "../generated/prisma/client.ts";
import { can, ensure, requireWriter, type UnitRef, type Viewer } from "./access.ts";
import { audit, type Tx } from "./audit.ts";
import { pinnedSet } from "./sets.ts";
import { parseDecisionDate, parseDecisionNumber } from "./input.ts";
import { randomUUID } from "node:crypto";

const STATUS_VI: Record<AssessmentStatus, string> = {
  DRAFT: "đang nhập",
  SUBMITTED: "đã nộp",
  RETURNED: "bị trả lại",
  VERIFIED: "đã xác minh",
  APPRAISED: "đã thẩm định",
  RECOGNISED: "đã công nhận",
};

// The pinned set document is not loaded with the row: it comes from pinnedSet's cache.
const loadInclude = {
  unit: true,
  round: true,
  values: true,
} satisfies Prisma.AssessmentInclude;

export type LoadedAssessment = Prisma.AssessmentGetPayload<{ include: typeof loadInclude }>;

async function load(db: PrismaClient | Tx, id: string): Promise<LoadedAssessment> {
  const a = await db.assessment.findUnique({ where: { id }, include: loadInclude });
  if (!a) throw new NotFoundError("hồ sơ đánh giá", id);
  return a;
}

export function unitRef(a: { unit: UnitRef }): UnitRef {
  return { id: a.unit.id, path: a.unit.path, tenantId: a.unit.tenantId, parentId: a.unit.parentId };
}

type ValueRow = LoadedAssessment["values"][number];

/** Values as the unit entered them. */
function enteredValues(a: { values: ValueRow[] }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of a.values) if (v.value !== null) out[v.criterionCode] = v.value;
  return out;
}

/** What the assessment is judged on: the verifier's value where one was given, else the entered one. */
function effectiveValues(a: { values: ValueRow[] }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of a.values) {
    const val = v.verifiedValue ?? v.value;
    if (val !== null) out[v.criterionCode] = val;
  }
  return out;
}

function judge(set: TCriteriaSet, values: Record<string, unknown>): Evaluation {
  const r = tryEvaluate(set, values as IndicatorValues);
  if (!r.ok) throw new InvalidValuesError(r.issues);
  return r.evaluation;
}

function requireStatus(
  a: { status: AssessmentStatus },
  allowed: AssessmentStatus[],
  action: string,
  actionEn: string,
): void {
  if (a.status === "RECOGNISED")
    throw new WorkflowError("Hồ sơ đã công nhận, không thể sửa", "Recognised: it can no longer change");
  if (!allowed.includes(a.status)) {
    throw new WorkflowError(
      `Không thể ${action} khi hồ sơ ${STATUS_VI[a.status]}`,
      `Cannot ${actionEn} an assessment that is ${a.status.toLowerCase()}`,
    );
  }
}

/**
 * Each action on an assessment: in which statuses it is possible, who may do it, and how
 * a refusal reads. The service guards and `allowedActions` (what screens offer) both read
 * this table, so a screen never offers what the API would refuse.
 */
export const ASSESSMENT_ACTIONS = {
  registerLevel: {
    statuses: ["DRAFT", "RETURNED"],
    may: can.editUnit,
    who: ["Chỉ cán bộ của đơn vị mới được đăng ký mức độ", "Only the unit's own staff may register a level"],
    what: ["đăng ký mức độ", "register a level for"],
  },
  saveValues: {
    statuses: ["DRAFT", "RETURNED"],
    may: can.editUnit,
    who: ["Chỉ cán bộ của đơn vị mới được nhập số liệu", "Only the unit's own staff may enter values"],
    what: ["nhập số liệu", "enter values in"],
  },
  uploadEvidence: {
    statuses: ["DRAFT", "RETURNED"],
    may: can.editUnit,
    who: ["Chỉ cán bộ của đơn vị mới được tải minh chứng", "Only the unit's own staff may upload evidence"],
    what: ["thêm minh chứng", "add evidence to"],
  },
  deleteEvidence: {
    statuses: ["DRAFT", "RETURNED"],
    may: can.editUnit,
    who: ["Chỉ cán bộ của đơn vị mới được xoá minh chứng", "Only the unit's own staff may delete evidence"],
    what: ["xoá minh chứng", "delete evidence of"],
  },
  replaceEvidence: {
    statuses: ["DRAFT", "RETURNED"],
    may: can.editUnit,
    who: ["Chỉ cán bộ của đơn vị mới được thay minh chứng", "Only the unit's own staff may replace evidence"],
    what: ["thay minh chứng", "replace evidence of"],
  },
  submit: {
    statuses: ["DRAFT", "RETURNED"],
    may: can.editUnit,
    who: ["Chỉ cán bộ của đơn vị mới được nộp hồ sơ", "Only the unit's own staff may submit"],
    what: ["nộp", "submit"],
  },
  return: {
    statuses: ["SUBMITTED", "VERIFIED", "APPRAISED"],
    may: can.reviewUnit,
    who: ["Bạn không phải cấp xét duyệt của đơn vị này", "You do not review this unit"],
    what: ["trả lại", "return"],
  },
  verifyValue: {
    statuses: ["SUBMITTED"],
    may: can.reviewUnit,
    who: ["Bạn không phải cấp xác minh của đơn vị này", "You do not verify this unit"],
    what: ["xác minh số liệu", "verify values of"],
  },
  verify: {
    statuses: ["SUBMITTED"],
    may: can.reviewUnit,
    who: ["Bạn không phải cấp xác minh của đơn vị này", "You do not verify this unit"],
    what: ["xác nhận đã xác minh", "mark as verified"],
  },
  appraise: {
    statuses: ["VERIFIED"],
    may: can.appraiseUnit,
    who: ["Bạn không thuộc hội đồng thẩm định của đơn vị này", "You are not on this unit's appraisal council"],
    what: ["thẩm định", "appraise"],
  },
  recognise: {
    statuses: ["APPRAISED"],
    may: can.reviewUnit,
    who: ["Bạn không phải cấp công nhận của đơn vị này", "You do not recognise this unit"],
    what: ["công nhận", "recognise"],
  },
} satisfies Record<
  string,
  {
    statuses: AssessmentStatus[];
    may: (v: Viewer, u: UnitRef) => boolean;
    who: [string, string];
    what: [string, string];
  }
>;

export type AssessmentAction = keyof typeof ASSESSMENT_ACTIONS;

/** Refuses unless the viewer may take `action` on the assessment in its current status. */
export function requireAction(
  viewer: Viewer,
  a: { status: AssessmentStatus; unit: UnitRef },
  action: AssessmentAction,
): void {
  const rule = ASSESSMENT_ACTIONS[action];
  ensure(rule.may(viewer, unitRef(a)), rule.who[0], rule.who[1]);
  requireStatus(a, rule.statuses, rule.what[0], rule.what[1]);
}

/** The actions the viewer may take on the assessment now, for screens to offer. */
export function allowedActions(viewer: Viewer, a: { status: AssessmentStatus; unit: UnitRef }): AssessmentAction[] {
  return (Object.keys(ASSESSMENT_ACTIONS) as AssessmentAction[]).filter((k) => {
    const rule = ASSESSMENT_ACTIONS[k];
    return (rule.statuses as readonly AssessmentStatus[]).includes(a.status) && rule.may(viewer, unitRef(a));
  });
}

/**
 * Claims the version the client read, or throws ConflictError (nothing written).
 * The row lock taken here serialises concurrent writers on a server.
 */
async function claim(
  tx: Tx,
  a: { id: string },
  expectedVersion: number,
  data: Prisma.AssessmentUpdateManyMutationInput = {},
) {
  const r = await tx.assessment.updateMany({
    where: { id: a.id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  if (r.count === 0) {
    const now = await tx.assessment.findUnique({ where: { id: a.id }, select: { version: true, status: true } });
    if (now?.status === "RECOGNISED")
      throw new WorkflowError("Hồ sơ đã công nhận, không thể sửa", "Recognised: it can no longer change");
    throw new ConflictError(now?.version ?? expectedVersion);
  }
}

/**
 * Judges the given value rows with criteria-core and stores the cached result
 * (effective values, evaluation, level); returns the assessment as now stored.
 */
async function storeEvaluation(tx: Tx, a: LoadedAssessment, values: ValueRow[]): Promise<LoadedAssessment> {
  const effective = effectiveValues({ values });
  const e = judge(await pinnedSet(tx, a.setVersionId), effective);
  const row = await tx.assessment.update({
    where: { id: a.id },
    data: {
      effectiveValues: effective as Prisma.InputJsonValue,
      evaluation: e as unknown as Prisma.InputJsonValue,
      computedLevel: e.level,
    },
  });
  return { ...row, unit: a.unit, round: a.round, values };
}

/** Re-reads the values, judges them and stores the cached result. */
async function refreshEvaluation(tx: Tx, id: string): Promise<LoadedAssessment> {
  const a = await load(tx, id);
  return storeEvaluation(tx, a, a.values);
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Writes value rows in one statement (insert or update on the (assessment, criterion) key). */
async function upsertValueRows(tx: Tx, rows: ValueRow[]): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const tuples = rows.map((r) => {
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    return `(${p(r.id)}, ${p(r.assessmentId)}, ${p(r.criterionCode)}, ${p(json(r.value))}::jsonb, ${p(r.note)}, ${p(json(r.verifiedValue))}::jsonb, ${p(r.verifierComment)}, ${p(r.verifiedById)}, ${p(r.verifiedAt)}::timestamp(3), now())`;
  });
  await tx.$executeRawUnsafe(
    `INSERT INTO "IndicatorValue" ("id", "assessmentId", "criterionCode", "value", "note", "verifiedValue", "verifierComment", "verifiedById", "verifiedAt", "updatedAt")
     VALUES ${tuples.join(", ")}
     ON CONFLICT ("assessmentId", "criterionCode") DO UPDATE SET
       "value" = EXCLUDED."value", "note" = EXCLUDED."note", "verifiedValue" = EXCLUDED."verifiedValue",
       "verifierComment" = EXCLUDED."verifierComment", "verifiedById" = EXCLUDED."verifiedById",
       "verifiedAt" = EXCLUDED."verifiedAt", "updatedAt" = now()`,
    ...params,
  );
}

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isImmutableViolation(e))
      throw new WorkflowError("Hồ sơ đã công nhận, không thể sửa", "Recognised: it can no longer change");
    throw e;
  }
}

export async function readableAssessment(prisma: PrismaClient, viewer: Viewer, id: string): Promise<LoadedAssessment> {
  const a = await load(prisma, id);
  if (a.status !== "RECOGNISED" && !can.readUnit(viewer, unitRef(a))) throw new NotFoundError("hồ sơ đánh giá", id);
  return a;
}

export async function registerLevel(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { assessmentId: string; version: number; level: number },
): Promise<LoadedAssessment> {
  requireWriter(viewer);
  const a = await readableAssessment(prisma, viewer, input.assessmentId);
  requireAction(viewer, a, "registerLevel");
  const n = (await pinnedSet(prisma, a.setVersionId)).levels.length;
  if (!Number.isInteger(input.level) || input.level < 1 || input.level > n) {
    throw InputError.field("level", `Mức độ đăng ký phải từ 1 đến ${n}`, `The registered level must be 1 to ${n}`);
  }
  return guarded(() =>
    prisma.$transaction(async (tx) => {
      await claim(tx, a, input.version, { registeredLevel: input.level });
      await audit(tx, viewer, {
        action: "assessment.register",
        entityType: "Assessment",
        entityId: a.id,
        tenantId: a.unit.tenantId,
        before: { registeredLevel: a.registeredLevel },
        after: { registeredLevel: input.level },
      });
      return load(tx, a.id);
    }),
  );
}

export interface SaveValuesInput {
  assessmentId: string;
  version: number;
  /** Keyed by criterion code; null clears a value. */
  values: Record<string, unknown>;
  /** Keyed by criterion code; null clears a note. */
  notes?: Record<string, string | null> | null;
}

/** How a save is recorded: the Excel import saves through the same path under its own audit action, with the file's name and sha256. */
export interface SaveAuditAs {
  action: string;
  detail?: Record<string, unknown>;
}

export async function saveValues(
  prisma: PrismaClient,
  viewer: Viewer,
  input: SaveValuesInput,
  auditAs: SaveAuditAs = { action: "assessment.saveValues" },
): Promise<LoadedAssessment> {
  requireWriter(viewer);
  const a = await readableAssessment(prisma, viewer, input.assessmentId);
  requireAction(viewer, a, "saveValues");
  const set = await pinnedSet(prisma, a.setVersionId);
  const byCode = new Map(set.criteria.map((c) => [c.code, c]));
  const issues: FieldIssue[] = [];
  const changes = { ...(input.values ?? {}) };
  const notes = { ...(input.notes ?? {}) };
  for (const code of new Set([...Object.keys(changes), ...Object.keys(notes)])) {
    const c = byCode.get(code);
    if (!c)
      issues.push({
        field: `values.${code}`,
        message: "không có tiêu chí này trong bộ tiêu chí",
        messageEn: "no such criterion in the set",
      });
    else if (c.measure === "childLevels" && code in changes) {
      issues.push({
        field: `values.${code}`,
        message: "được tính tự động từ mức độ đã công nhận của các đơn vị cấp dưới",
        messageEn: "computed from the child units' recognised levels",
      });
    }
    const note = notes[code];
    if (note !== undefined && note !== null && (typeof note !== "string" || note.length > 2000)) {
      issues.push({
        field: `notes.${code}`,
        message: "ghi chú tối đa 2.000 ký tự",
        messageEn: "a note has at most 2,000 characters",
      });
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  // Judge the merged values before writing anything: bad values are refused whole.
  const merged = { ...enteredValues(a), ...changes };
  for (const k of Object.keys(merged)) if (merged[k] === null) delete merged[k];
  judge(set, merged);

  // Everything is computed before the transaction (the engine is pure), so it holds the row lock briefly:
  // one UPDATE claims the version and stores the evaluation, one statement writes the values, one the audit event.
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const byCodeRow = new Map(a.values.map((v) => [v.criterionCode, v]));
  const now = new Date();
  const written: ValueRow[] = [];
  for (const code of new Set([...Object.keys(changes), ...Object.keys(notes)])) {
    const old = byCodeRow.get(code);
    const row: ValueRow = old
      ? { ...old, updatedAt: now }
      : {
          id: randomUUID(),
          assessmentId: a.id,
          criterionCode: code,
          value: null,
          note: null,
          verifiedValue: null,
          verifierComment: null,
          verifiedById: null,
          verifiedAt: null,
          updatedAt: now,
        };
    if (code in changes) {
      const v = changes[code];
      row.value = v ?? null;
      // A changed value needs verifying again.
      row.verifiedValue = null;
      row.verifiedAt = null;
      row.verifiedById = null;
      before[code] = old?.value ?? null;
      after[code] = v;
    }
    if (code in notes) row.note = notes[code] ?? null;
    written.push(row);
    byCodeRow.set(code, row);
  }
  const values = [...byCodeRow.values()];
  const effective = effectiveValues({ values });
  const e = judge(set, effective);
  const cached = {
    effectiveValues: effective as Prisma.InputJsonValue,
    evaluation: e as unknown as Prisma.InputJsonValue,
    computedLevel: e.level,
  };

  return guarded(() =>
    prisma.$transaction(async (tx) => {
      await claim(tx, a, input.version, cached);
      await upsertValueRows(tx, written);
      const fresh: LoadedAssessment = {
        ...a,
        version: input.version + 1,
        updatedAt: now,
        effectiveValues: effective as LoadedAssessment["effectiveValues"],
        evaluation: e as unknown as LoadedAssessment["evaluation"],
        computedLevel: e.level,
        values,
      };
      await audit(tx, viewer, {
        action: auditAs.action,
        entityType: "Assessment",
        entityId: a.id,
        tenantId: a.unit.tenantId,
        before: { values: before, level: a.computedLevel },
        after: {
          values: after,
          notes: Object.keys(notes).length ? notes : undefined,
          level: fresh.computedLevel,
          ...auditAs.detail,
        },
      });
      return fresh;
    }),
  );
}

/** The district's general criterion (CHUNG-01) from its communes' recognised levels, refreshed in place. */
async function refreshChildLevels(tx: Tx, viewer: Viewer, parentUnitId: string, year: number): Promise<void> {
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
      where: { assessmentId_criterionCode: { assessmentId: parentAssessment.id, criterionCode: c.code } },
      create: { assessmentId: parentAssessment.id, criterionCode: c.code, value },
      update: { value },
    });
    await tx.assessment.update({ where: { id: parentAssessment.id }, data: { version: { increment: 1 } } });
    await audit(tx, viewer, {
      action: "assessment.recomputeChildLevels",
      entityType: "Assessment",
      entityId: parentAssessment.id,
      tenantId: parentAssessment.unit.tenantId,
      before: { [c.code]: old?.value ?? null },
      after: { [c.code]: value },
    });
  }
  await refreshEvaluation(tx, parentAssessment.id);
}

export async function submitAssessment(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { assessmentId: string; version: number; now: Date },
): Promise<LoadedAssessment> {
  requireWriter(viewer);
  const a = await readableAssessment(prisma, viewer, input.assessmentId);
  requireAction(viewer, a, "submit");
  if (!a.registeredLevel) {
    throw InputError.field(
      "registeredLevel",
      "Hãy đăng ký mức độ trước khi nộp",
      "Register a target level before submitting",
    );
  }
  return guarded(() =>
    prisma.$transaction(async (tx) => {
      await claim(tx, a, input.version);
      await refreshChildLevels(tx, viewer, a.unitId, a.round.year);
      const fresh = await refreshEvaluation(tx, a.id);
      const e = fresh.evaluation as unknown as Evaluation;
      const missing = new Set<string>();
      for (const l of e.levels.slice(0, a.registeredLevel!)) for (const code of l.missing) missing.add(code);
      if (missing.size > 0) {
        throw new InputError(
          [...missing].map((code) => ({
            field: `values.${code}`,
            message: "chưa nhập số liệu",
            messageEn: "no value entered",
          })),
        );
      }
      await tx.assessment.update({
        where: { id: a.id },
        data: { status: "SUBMITTED", submittedAt: input.now, selfAssessedLevel: fresh.computedLevel },
      });
      await audit(tx, viewer, {
        action: "assessment.submit",
        entityType: "Assessment",
        entityId: a.id,
        tenantId: a.unit.tenantId,
        before: { status: a.status },
        after: { status: "SUBMITTED", selfAssessedLevel: fresh.computedLevel, registeredLevel: a.registeredLevel },
      });
      return load(tx, a.id);
    }),
  );
}

export async function returnAssessment(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { assessmentId: string; version: number; comments: { criterionCode?: string | null; body: string }[] },
): Promise<LoadedAssessment> {
  const user = requireWriter(viewer);
  const a = await readableAssessment(prisma, viewer, input.assessmentId);
  requireAction(viewer, a, "return");
  const codes = new Set((await pinnedSet(prisma, a.setVersionId)).criteria.map((c) => c.code));
  const comments = input.comments.filter((c) => c.body.trim().length > 0);
  const issues: FieldIssue[] = [];
  if (comments.length === 0)
    issues.push({ field: "comments", message: "Nêu lý do trả lại", messageEn: "Say why it is returned" });
  input.comments.forEach((c, i) => {
    if (c.criterionCode && !codes.has(c.criterionCode)) {
      issues.push({
        field: `comments.${i}.criterionCode`,
        message: `không có tiêu chí ${c.criterionCode}`,
        messageEn: `no criterion ${c.criterionCode}`,
      });
    }
    if (c.body.length > 4000)
      issues.push({
        field: `comments.${i}.body`,
        message: "tối đa 4.000 ký tự",
        messageEn: "at most 4,000 characters",
      });
  });
  if (issues.length > 0) throw new InputError(issues);
  return guarded(() =>
    prisma.$transaction(async (tx) => {
      await claim(tx, a, input.version, { status: "RETURNED" });
      await tx.reviewComment.createMany({
        data: comments.map((c) => ({
          assessmentId: a.id,
          criterionCode: c.criterionCode ?? null,
          body: c.body.trim(),
          authorId: user.userId,
        })),
      });
      await audit(tx, viewer, {
        action: "assessment.return",
        entityType: "Assessment",
        entityId: a.id,
        tenantId: a.unit.tenantId,
        before: { status: a.status },
        after: { status: "RETURNED", comments },
      });
      return load(tx, a.id);
    }),
  );
}

export async function verifyValue(
  prisma: PrismaClient,
  viewer: Viewer,
  input: {
    assessmentId: string;
    version: number;
    criterionCode: string;
    value?: unknown;
    comment?: string | null;
    now: Date;
  },
): Promise<LoadedAssessment> {
  const user = requireWriter(viewer);
  const a = await readableAssessment(prisma, viewer, input.assessmentId);
  requireAction(viewer, a, "verifyValue");
  const set = await pinnedSet(prisma, a.setVersionId);
  if (!set.criteria.some((c) => c.code === input.criterionCode)) {
    throw InputError.field(
      "criterionCode",
      `không có tiêu chí ${input.criterionCode}`,
      `no criterion ${input.criterionCode}`,
    );
  }
  const corrected = input.value === undefined || input.value === null ? null : input.value;
  if (corrected !== null) judge(set, { ...effectiveValues(a), [input.criterionCode]: corrected });
  const old = a.values.find((v) => v.criterionCode === input.criterionCode);
  return guarded(() =>
    prisma.$transaction(async (tx) => {
      await claim(tx, a, input.version);
      const data = {
        verifiedValue: corrected === null ? Prisma.DbNull : (corrected as Prisma.InputJsonValue),
        verifierComment: input.comment?.trim() || null,
        verifiedById: user.userId,
        verifiedAt: input.now,
      };
      await tx.indicatorValue.upsert({
        where: { assessmentId_criterionCode: { assessmentId: a.id, criterionCode: input.criterionCode } },
        create: { assessmentId: a.id, criterionCode: input.criterionCode, value: Prisma.DbNull, ...data },
        update: data,
      });
      const fresh = await refreshEvaluation(tx, a.id);
      await audit(tx, viewer, {
        action: "assessment.verifyValue",
        entityType: "Assessment",
        entityId: a.id,
        tenantId: a.unit.tenantId,
        before: {
          criterionCode: input.criterionCode,
          value: old?.value ?? null,
          verifiedValue: old?.verifiedValue ?? null,
        },
        after: {
          criterionCode: input.criterionCode,
          verifiedValue: corrected,
          comment: data.verifierComment,
          level: fresh.computedLevel,
        },
      });
      return fresh;
    }),
  );
}

async function transition(
  prisma: PrismaClient,
  viewer: Viewer,
  a: LoadedAssessment,
  version: number,
  to: AssessmentStatus,
  data: Prisma.AssessmentUpdateManyMutationInput,
  action: string,
  extra: Record<string, unknown> = {},
): Promise<LoadedAssessment> {
  return guarded(() =>
    prisma.$transaction(async (tx) => {
      await claim(tx, a, version, { ...data, status: to });
      if (to === "RECOGNISED" && a.unit.parentId) await refreshChildLevels(tx, viewer, a.unit.parentId, a.round.year);
      await audit(tx, viewer, {
        action,
        entityType: "Assessment",
        entityId: a.id,
        tenantId: a.unit.tenantId,
        before: { status: a.status },
        after: { status: to, ...extra },
      });
      return load(tx, a.id);
    }),
  );
}

export async function verifyAssessment(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { assessmentId: string; version: number },
) {
  requireWriter(viewer);
  const a = await readableAssessment(prisma, viewer, input.assessmentId);
  requireAction(viewer, a, "verify");
  return transition(prisma, viewer, a, input.version, "VERIFIED", {}, "assessment.verify", {
    computedLevel: a.computedLevel,
  });
}

export async function appraiseAssessment(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { assessmentId: string; version: number; level?: number | null },
) {
  requireWriter(viewer);
  const a = await readableAssessment(prisma, viewer, input.assessmentId);
  requireAction(viewer, a, "appraise");
  const level = input.level ?? a.computedLevel;
  if (!Number.isInteger(level) || level < 0 || level > a.computedLevel) {
    throw InputError.field(
      "level",
      `Mức thẩm định phải từ 0 đến ${a.computedLevel} (mức số liệu đạt được)`,
      `The appraised level must be 0 to ${a.computedLevel} (what the data reach)`,
    );
  }
  return transition(prisma, viewer, a, input.version, "APPRAISED", { appraisedLevel: level }, "assessment.appraise", {
    appraisedLevel: level,
  });
}

export async function recogniseAssessment(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { assessmentId: string; version: number; decisionNumber: string; decisionDate: string; now: Date },
) {
  requireWriter(viewer);
  const a = await readableAssessment(prisma, viewer, input.assessmentId);
  requireAction(viewer, a, "recognise");
  const issues: FieldIssue[] = [];
  const decisionNumber = parseDecisionNumber(
    "decisionNumber",
    input.decisionNumber,
    issues,
    "Nhập số quyết định công nhận",
    "Enter the recognition decision number",
  );
  const date = parseDecisionDate("decisionDate", input.decisionDate, input.now, issues);
  if (issues.length > 0) throw new InputError(issues);
  return transition(
    prisma,
    viewer,
    a,
    input.version,
    "RECOGNISED",
    {
      recognisedLevel: a.appraisedLevel,
      recognitionDecision: decisionNumber,
      recognitionDate: date,
      recognisedAt: input.now,
    },
    "assessment.recognise",
    { recognisedLevel: a.appraisedLevel, decisionNumber, decisionDate: input.decisionDate },
  );
}
