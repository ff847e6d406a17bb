/**
 * An assessment's workflow (Decision 2361, II.2): the unit registers a level
 * and enters values (DRAFT / RETURNED) → submits → the level above verifies
 * values and the assessment → the appraisal council appraises → the level
 * above recognises (locked for good). Every level is computed by
 * criteria-core from the effective values (the verifier's where given).
 * Every write checks the version the client read (optimistic concurrency)
 * and writes its audit event in the same transaction.
 */
import { rowKey } from "./tenant-keys.ts";
import { randomUUID } from "node:crypto";
import { dateToIsoDay, formatVietnameseDate, isLate } from "@cds/calendar";
import { isScored, type TCriteriaSet } from "@cds/criteria-schema";
import { InputError, WorkflowError, type FieldIssue } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { SqlRunner } from "../migrate.ts";
import type { Viewer } from "./access.ts";
import { missingIssue, missingToSubmit, NO_LEVEL } from "./assessment-rules.ts";
import {
  assessmentEvent,
  claim,
  claimRefused,
  enteredValues,
  effectiveValues,
  guarded,
  judgeAssessment,
  judgeValues,
  load,
  loadForAction,
  refreshChildLevels,
  refreshEvaluation,
  valueCodes,
  type LoadedAssessment,
  type Store,
  type ValueRow,
} from "./assessment-store.ts";
import {
  auditCsv,
  auditManySql,
  claimManySql,
  insertValuesSql,
  saveSql,
  upsertValuesSql,
  valuesCsv,
  versionSql,
  type CachedJudgement,
} from "./assessment-sql.ts";
import { audit, type AuditInput } from "./audit.ts";
import { submitDueOf } from "./rounds.ts";
import { pinnedSet } from "./sets.ts";

export async function registerLevel(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { assessmentId: string; version: number; level: number },
): Promise<LoadedAssessment> {
  const { a } = await loadForAction(prisma, viewer, input.assessmentId, "registerLevel");
  const set = await pinnedSet(prisma, a.setVersionId);
  if (isScored(set))
    throw InputError.field(
      "level",
      "Bộ chỉ số chấm điểm không đăng ký mức độ: điểm và xếp hạng tính từ số liệu",
      "A scored index has no registered level: the score and rank come from the values",
    );
  const n = set.levels.length;
  if (!Number.isInteger(input.level) || input.level < 1 || input.level > n) {
    throw InputError.field("level", `Mức độ đăng ký phải từ 1 đến ${n}`, `The registered level must be 1 to ${n}`);
  }
  return guarded(() =>
    prisma.$transaction(async (tx) => {
      await claim(tx, a, input.version, { registeredLevel: input.level });
      await audit(tx, viewer, {
        ...assessmentEvent(a, "assessment.register"),
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
  /** More to write in the save's transaction, after the version is claimed (the carry-forward records its source). */
  alsoWrite?: (tx: SqlRunner) => Promise<void>;
}

/**
 * Saves a unit's values: the hot path of the platform (every commune, many times before the deadline), so it reads
 * and writes in SQL on the Prisma client's own connections (`assessment-sql.ts`); the rules are the same code as
 * every other change's (access, action table, criteria-core), and so are the transaction, the version claim and
 * the audit event.
 */
export async function saveValues(
  db: Store,
  viewer: Viewer,
  input: SaveValuesInput,
  auditAs: SaveAuditAs = { action: "assessment.saveValues" },
): Promise<LoadedAssessment> {
  const { a } = await loadForAction(db, viewer, input.assessmentId, "saveValues");
  const save = prepareSave(await pinnedSet(db.prisma, a.setVersionId), a, input, new Date());
  // Everything is computed before writing (the engine is pure); then one statement claims the version and stores
  // the evaluation, writes the values and the audit event (saveSql), holding the row lock briefly. A save that
  // writes more (the carry-forward records its source) runs it and the rest in one transaction.
  const write = async (run: SqlRunner) => {
    const saved = await saveSql(
      run,
      { id: a.id, expectedVersion: input.version, cached: save.cached, now: save.now, written: save.written },
      viewer,
      saveEvent(save, auditAs),
    );
    if (!saved) claimRefused(await versionSql(run, a.id), input.version);
    await auditAs.alsoWrite?.(run);
    return savedAssessment(save, input.version);
  };
  return guarded(() => (auditAs.alsoWrite ? db.sql.transaction(write) : write(db.sql)));
}

/** A save worked out before anything is written: the rows to write, the judgement to cache, the audit's before → after. */
export interface PreparedSave {
  a: LoadedAssessment;
  now: Date;
  /** The value rows the save inserts or updates. */
  written: ValueRow[];
  /** Every value row of the assessment after the save. */
  values: ValueRow[];
  cached: CachedJudgement;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  notes: Record<string, string | null>;
}

/**
 * Checks a save of values and notes against the assessment's pinned set and judges the result with criteria-core;
 * bad codes, notes or values are refused whole (InputError, InvalidValuesError). Pure: nothing is read or written.
 */
export function prepareSave(
  set: TCriteriaSet,
  a: LoadedAssessment,
  input: Pick<SaveValuesInput, "values" | "notes">,
  now: Date,
): PreparedSave {
  const byCode = valueCodes(set);
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
    else if (c.computed && code in changes) {
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
  const entered = judgeValues(set, merged);

  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const byCodeRow = new Map(a.values.map((v) => [v.criterionCode, v]));
  const written: ValueRow[] = [];
  for (const code of new Set([...Object.keys(changes), ...Object.keys(notes)])) {
    const old = byCodeRow.get(code);
    const row: ValueRow = old
      ? { ...old, updatedAt: now }
      : {
          id: randomUUID(),
          tenantId: a.tenantId,
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
  const cached = { effectiveValues: effectiveValues({ values }), ...judgeAssessment(set, values, entered) };
  return { a, now, written, values, cached, before, after, notes };
}

/** The assessment as a prepared save leaves it, once its version (`readVersion`) is claimed. */
export function savedAssessment(save: PreparedSave, readVersion: number): LoadedAssessment {
  const j = save.cached;
  return {
    ...save.a,
    version: readVersion + 1,
    updatedAt: save.now,
    effectiveValues: j.effectiveValues as LoadedAssessment["effectiveValues"],
    evaluation: j.evaluation as unknown as LoadedAssessment["evaluation"],
    computedLevel: j.computedLevel,
    score: j.score as unknown as LoadedAssessment["score"],
    selfScore: j.selfScore as unknown as LoadedAssessment["selfScore"],
    values: save.values,
  };
}

/** A save's audit event: the values before → after, the level (and a scored set's score) before → after. */
export function saveEvent(save: PreparedSave, auditAs: Pick<SaveAuditAs, "action" | "detail">): AuditInput {
  const { a, cached: j } = save;
  return {
    ...assessmentEvent(a, auditAs.action),
    before: {
      values: save.before,
      level: a.computedLevel,
      ...(j.score ? { score: (a.score as { scoreText?: string } | null)?.scoreText ?? null } : {}),
    },
    after: {
      values: save.after,
      notes: Object.keys(save.notes).length ? save.notes : undefined,
      level: j.computedLevel,
      ...(j.score ? { score: (j.score as { scoreText: string }).scoreText } : {}),
      ...auditAs.detail,
    },
  };
}

/**
 * Saves many assessments' prepared values in one transaction (the Excel import of a round): one statement claims
 * every version the caller read and stores each judgement, a COPY writes the new value rows and one statement the
 * changed ones, one statement every audit event.
 * All or nothing: when any version has moved on, nothing is written (ConflictError, or the recognised lock).
 */
export async function saveMany(
  db: Store,
  viewer: Viewer,
  saves: readonly { save: PreparedSave; version: number; auditAs: Pick<SaveAuditAs, "action" | "detail"> }[],
): Promise<LoadedAssessment[]> {
  if (saves.length === 0) return [];
  return guarded(() =>
    db.sql.transaction(async (tx) => {
      const claiming = claimManySql(
        tx,
        saves.map((s) => ({ id: s.save.a.id, version: s.version, ...s.save.cached })),
        saves[0]!.save.now,
      );
      // While the database claims the versions, the next statements' rows are written out (a province's ~20,000
      // value rows and its audit events as CSV): the two cores work side by side.
      // Rows the assessments did not hold when read are new (COPY); the others are updated.
      const fresh: ValueRow[] = [];
      const stored: ValueRow[] = [];
      for (const s of saves) {
        const had = new Set(s.save.a.values.map((v) => v.id));
        for (const r of s.save.written) (had.has(r.id) ? stored : fresh).push(r);
      }
      const freshCsv = valuesCsv(fresh);
      const events = auditCsv(
        viewer,
        saves.map((s) => saveEvent(s.save, s.auditAs)),
      );
      const claimed = await claiming;
      if (claimed.size !== saves.length) {
        const refused = saves.find((s) => !claimed.has(s.save.a.id))!;
        claimRefused(await versionSql(tx, refused.save.a.id), refused.version);
      }
      await insertValuesSql(tx, freshCsv);
      await upsertValuesSql(tx, stored);
      await auditManySql(tx, events);
      return saves.map((s) => savedAssessment(s.save, s.version));
    }),
  );
}

export async function submitAssessment(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { assessmentId: string; version: number; now: Date },
): Promise<LoadedAssessment> {
  const { a } = await loadForAction(prisma, viewer, input.assessmentId, "submit");
  const scored = isScored(await pinnedSet(prisma, a.setVersionId));
  if (!scored && !a.registeredLevel) throw InputError.field("registeredLevel", ...NO_LEVEL);
  // After the unit's deadline (the round's, or its extension): refused or accepted and flagged, as the round says.
  const due = submitDueOf({
    round: a.round,
    extensions: await prisma.deadlineExtension.findMany({ where: { assessmentId: a.id } }),
  });
  const late = isLate(due, input.now);
  if (late && a.round.latePolicy === "REFUSE")
    throw new WorkflowError(
      `Đã quá hạn nộp (${formatVietnameseDate(due)}); đợt này không nhận hồ sơ nộp muộn — đề nghị Sở gia hạn`,
      `The deadline (${dateToIsoDay(due)}) has passed and this round refuses late submissions; ask for an extension`,
    );
  return guarded(() =>
    prisma.$transaction(async (tx) => {
      await claim(tx, a, input.version);
      await refreshChildLevels(tx, viewer, a.unitId, a.round.year);
      const fresh = await refreshEvaluation(tx, a.id);
      const missing = missingToSubmit(fresh, a.registeredLevel);
      if (missing.length > 0) throw new InputError(missing.map(missingIssue));
      await tx.assessment.update({
        where: rowKey(a),
        data: {
          status: "SUBMITTED",
          submittedAt: input.now,
          submittedLate: late,
          selfAssessedLevel: fresh.computedLevel,
        },
      });
      await audit(tx, viewer, {
        ...assessmentEvent(a, "assessment.submit"),
        before: { status: a.status },
        after: {
          status: "SUBMITTED",
          selfAssessedLevel: fresh.computedLevel,
          registeredLevel: a.registeredLevel,
          ...(late ? { late: true, dueAt: dateToIsoDay(due) } : {}),
          ...(scored ? { score: (fresh.selfScore as { scoreText?: string } | null)?.scoreText ?? null } : {}),
        },
      });
      return load(tx, a.id);
    }),
  );
}
