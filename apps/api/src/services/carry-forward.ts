/**
 * Carry an assessment forward (issue 9, "Map from a previous assessment"): when a unit starts a round on a new
 * version, it may take the values of an earlier assessment — of its own, or of a unit that went into it on the new
 * administrative map (a `UnitLineage` edge into it) — after a preview.
 *
 * Each criterion of the TARGET version is classed by criteria-core's `diff` of the source's version against the
 * target's (the one diff of the platform; nothing here compares criteria itself):
 * - COPIED: the criterion means the same in both versions and the source has a value the target criterion accepts
 *   (criteria-core's `checkValue`) where the target has none yet — copied;
 * - CHANGED: what the value means changed (name, method, unit of measure, measure kind or "nếu có") — the source's
 *   value is offered, flagged for review, and copied only when the user names it in `includeChanged`;
 * - NEW: not in the source version — left missing;
 * - SKIPPED: means the same, but nothing is copied, with the reason: no value in the source, a value the target
 *   criterion refuses, a value the target already has (never overwritten), or a value computed by the platform
 *   (childLevels);
 * - DROPPED: criteria of the source the target no longer has — listed, never copied.
 * A change of targets (stricter, looser), group, legal basis or the local flag does not change what a value
 * means: such a criterion is COPIED and its value judged against the new targets; the changes are listed.
 *
 * Copying goes through `saveValues` itself (the unit's own editor, DRAFT or RETURNED, the version read, criteria-core
 * against the TARGET version only, the effective values cache, one transaction, audited as
 * "assessment.carryForward"), which also records `Assessment.carriedFromId` in that transaction. An assessment is
 * carried into once.
 */
import { checkValue, diff, type CriterionDiff, type ValueIssue } from "@cds/criteria-core";
import { judgedBy, type TCriteriaSet } from "@cds/criteria-schema";
import { ConflictError, DomainError, InputError, NotFoundError, WorkflowError, type FieldIssue } from "../errors.ts";
import type { Assessment, MergeKind, PrismaClient, Round, Unit } from "../generated/prisma/client.ts";
import { can, ensure, unitRef, workWhere, type Viewer } from "./access.ts";
import { requireAction } from "./assessment-rules.ts";
import {
  effectiveValues,
  load,
  loadForAction,
  readableAssessment,
  type LoadedAssessment,
  type Store,
} from "./assessment-store.ts";
import { saveValues } from "./assessments.ts";
import { pinnedSet } from "./sets.ts";

export type CarryStatus = "COPIED" | "CHANGED" | "NEW" | "SKIPPED" | "DROPPED";
export type CarrySkip = "NO_VALUE" | "INVALID_VALUE" | "TARGET_HAS_VALUE" | "COMPUTED";
/** How the source's unit relates to the target's: the same unit, or a predecessor that went into it wholly or partly. */
export type CarryLineage = "SELF" | MergeKind;

/** One difference between the source's and the target's definition of a criterion, as criteria-core's diff gives it. */
export interface CarryChange {
  /** name, method, unit, measure, exemptWhenNoSubjects (these need review); targets, group, legalBasis, local. */
  field: string;
  /** The level, for a target. */
  level: number | null;
  from: string;
  to: string;
  /** The change alters what a value means: the criterion is CHANGED. */
  review: boolean;
}

export interface CarryItem {
  code: string;
  name: string;
  status: CarryStatus;
  /** The source's effective value (the verifier's where given, else the unit's); null = none. */
  value: unknown;
  /** The source's note. */
  note: string | null;
  /** Why no value is carried: always for SKIPPED; for CHANGED when it cannot be included. */
  reason: CarrySkip | null;
  /** criteria-core's objections to the value for the target criterion (reason INVALID_VALUE). */
  issues: ValueIssue[];
  changes: CarryChange[];
}

export type CandidateAssessment = Assessment & { unit: Unit; round: Round };

export interface CarryCandidate {
  assessment: CandidateAssessment;
  lineage: CarryLineage;
  /** How many criteria have a value in it. */
  valueCount: number;
}

export interface CarryPreview {
  target: LoadedAssessment;
  /** Earlier assessments of the unit or its predecessors the viewer may read, newest round first. */
  candidates: CarryCandidate[];
  /** The chosen candidate (default: the first); null when there is none. */
  source: CarryCandidate | null;
  /** The target version's criteria in order, then the source's DROPPED ones; empty without a source. */
  items: CarryItem[];
  /** Why the viewer may not carry into the target now, or null when it may. */
  refusal: DomainError | null;
  /** The assessment the target's values were carried from, if any (and if the viewer may see it). */
  carriedFrom: Assessment | null;
}

export interface CarryResult {
  assessment: LoadedAssessment;
  /** The criteria whose values were copied (COPIED and the included CHANGED ones). */
  copied: string[];
  items: CarryItem[];
}

/** The most candidates listed (a unit has a handful of earlier rounds and predecessors). */
const MAX_CANDIDATES = 50;
const NOTE_MAX = 2000;

/** Fields of criteria-core's CriterionDiff that change what a value means; any other change keeps it comparable. */
const REVIEW_FIELDS = ["renamed", "method", "unit", "measure", "exemptWhenNoSubjects"] as const;

const REASONS: Record<CarrySkip, [string, string]> = {
  NO_VALUE: ["hồ sơ trước không có số liệu", "the earlier assessment has no value"],
  INVALID_VALUE: ["số liệu cũ không hợp lệ với tiêu chí mới", "the old value is not valid for the new criterion"],
  TARGET_HAS_VALUE: ["hồ sơ này đã có số liệu, không ghi đè", "this assessment already has a value; never overwritten"],
  COMPUTED: ["được tính tự động, không chuyển", "computed by the platform, not carried"],
};

export function reasonText(r: CarrySkip): [string, string] {
  return REASONS[r];
}

const yesNo = (b: boolean) => (b ? "có" : "không");

function changesOf(d: CriterionDiff | undefined): CarryChange[] {
  if (!d) return [];
  const out: CarryChange[] = [];
  const put = (field: string, from: string, to: string, review: boolean) =>
    out.push({ field, level: null, from, to, review });
  if (d.renamed) put("name", d.renamed.from, d.renamed.to, true);
  if (d.method) put("method", d.method.from, d.method.to, true);
  if (d.unit) put("unit", d.unit.from, d.unit.to, true);
  if (d.measure) put("measure", d.measure.from, d.measure.to, true);
  if (d.exemptWhenNoSubjects)
    put("exemptWhenNoSubjects", yesNo(d.exemptWhenNoSubjects.from), yesNo(d.exemptWhenNoSubjects.to), true);
  for (const t of d.targets) out.push({ field: "targets", level: t.level, from: t.from, to: t.to, review: false });
  if (d.group) put("group", d.group.from, d.group.to, false);
  if (d.legalBasis) put("legalBasis", d.legalBasis.from.join("; "), d.legalBasis.to.join("; "), false);
  if (d.local) put("local", yesNo(d.local.from), yesNo(d.local.to), false);
  return out;
}

/** Whether criteria-core's diff says the criterion's meaning changed (not only its targets or presentation). */
export function needsReview(d: CriterionDiff | undefined): boolean {
  return d !== undefined && REVIEW_FIELDS.some((k) => d[k] !== undefined);
}

/**
 * The plan, pure: every criterion of the target version classed against the source version (criteria-core's diff),
 * with the source's value checked by criteria-core against the target criterion.
 */
export function planCarry(
  source: { set: TCriteriaSet; values: Record<string, unknown>; notes: Record<string, string> },
  target: { set: TCriteriaSet; values: Record<string, unknown> },
): CarryItem[] {
  const d = diff(source.set, target.set);
  const changed = new Map(d.changed.map((c) => [c.code, c]));
  const inSource = new Map(source.set.criteria.map((c) => [c.code, c]));
  const nLevels = target.set.levels.length;
  const items: CarryItem[] = [];
  for (const c of target.set.criteria) {
    const value = inSource.has(c.code) ? (source.values[c.code] ?? null) : null;
    const note = inSource.has(c.code) ? (source.notes[c.code] ?? null) : null;
    if (!inSource.has(c.code)) {
      items.push({ code: c.code, name: c.name, status: "NEW", value, note, reason: null, issues: [], changes: [] });
      continue;
    }
    const cd = changed.get(c.code);
    const issues = value === null || c.measure === "childLevels" ? [] : checkValue(c, value, nLevels);
    const reason: CarrySkip | null =
      c.measure === "childLevels"
        ? "COMPUTED"
        : value === null
          ? "NO_VALUE"
          : issues.length > 0
            ? "INVALID_VALUE"
            : (target.values[c.code] ?? null) !== null
              ? "TARGET_HAS_VALUE"
              : null;
    const status: CarryStatus = needsReview(cd) ? "CHANGED" : reason ? "SKIPPED" : "COPIED";
    items.push({ code: c.code, name: c.name, status, value, note, reason, issues, changes: changesOf(cd) });
  }
  const inTarget = new Set(target.set.criteria.map((c) => c.code));
  for (const c of source.set.criteria) {
    if (inTarget.has(c.code)) continue;
    items.push({
      code: c.code,
      name: c.name,
      status: "DROPPED",
      value: source.values[c.code] ?? null,
      note: source.notes[c.code] ?? null,
      reason: null,
      issues: [],
      changes: [],
    });
  }
  return items;
}

/** The note a carried value gets: where it came from, then the old note (at most 2,000 characters, as any note). */
export function carriedNote(source: CarryCandidate, oldNote: string | null): string {
  const a = source.assessment;
  const from = `Chuyển từ hồ sơ năm ${a.round.year}${source.lineage === "SELF" ? "" : ` của ${a.unit.name}`}`;
  const text = oldNote?.trim() ? `${from}. Ghi chú cũ: ${oldNote.trim()}` : from;
  return text.length > NOTE_MAX ? `${text.slice(0, NOTE_MAX - 1)}…` : text;
}

/** Both sets must be judged by levels (a scored set keys its values by component, which this does not map). */
function levelsOnly(set: TCriteriaSet, which: "source" | "target"): void {
  if (judgedBy(set) !== "levels") {
    throw new WorkflowError(
      which === "target"
        ? "Bộ chỉ số chấm điểm chưa hỗ trợ lấy số liệu từ hồ sơ trước"
        : "Hồ sơ trước theo bộ chỉ số chấm điểm, không lấy số liệu được",
      which === "target"
        ? "Carrying values forward is not supported for scored sets"
        : "The earlier assessment is on a scored set; its values cannot be carried",
    );
  }
}

/**
 * The earlier assessments whose values may be carried into `target`: of its unit or of a unit with a lineage edge
 * into it, in an earlier year, on a set of the same unit kind, whose working data the viewer may read
 * (`workWhere`, i.e. `can.readUnit`); newest round first.
 */
export async function carryCandidates(
  prisma: PrismaClient,
  viewer: Viewer,
  target: { id: string; unitId: string; round: { year: number }; setVersionId: string },
): Promise<CarryCandidate[]> {
  const [edges, version] = await Promise.all([
    prisma.unitLineage.findMany({ where: { toId: target.unitId }, select: { fromId: true, kind: true } }),
    prisma.criteriaSetVersion.findUniqueOrThrow({ where: { id: target.setVersionId }, select: { set: true } }),
  ]);
  const lineage = new Map<string, CarryLineage>(edges.map((e) => [e.fromId, e.kind]));
  lineage.set(target.unitId, "SELF");
  const rows = await prisma.assessment.findMany({
    where: {
      AND: [
        workWhere(viewer),
        { unitId: { in: [...lineage.keys()] } },
        { id: { not: target.id } },
        { round: { year: { lt: target.round.year } } },
        { setVersion: { set: { unitKind: version.set.unitKind } } },
      ],
    },
    include: { unit: true, round: true },
    orderBy: [{ round: { year: "desc" } }, { unit: { code: "asc" } }, { id: "asc" }],
    take: MAX_CANDIDATES,
  });
  return rows
    .filter((a) => can.readUnit(viewer, unitRef(a)))
    .map((a) => ({
      assessment: a,
      lineage: lineage.get(a.unitId)!,
      valueCount: Object.keys((a.effectiveValues ?? {}) as object).length,
    }));
}

function chooseSource(
  candidates: CarryCandidate[],
  fromAssessmentId: string | null | undefined,
): CarryCandidate | null {
  if (!fromAssessmentId) return candidates[0] ?? null;
  const hit = candidates.find((c) => c.assessment.id === fromAssessmentId);
  if (!hit) {
    throw InputError.field(
      "fromAssessmentId",
      "không phải hồ sơ năm trước của đơn vị này (hoặc của đơn vị được sáp nhập vào) mà bạn xem được",
      "not an earlier assessment of this unit (or of a unit merged into it) that you may read",
    );
  }
  return hit;
}

async function itemsFor(prisma: PrismaClient, source: CarryCandidate, target: LoadedAssessment): Promise<CarryItem[]> {
  const [sourceSet, targetSet, src] = await Promise.all([
    pinnedSet(prisma, source.assessment.setVersionId),
    pinnedSet(prisma, target.setVersionId),
    load(prisma, source.assessment.id),
  ]);
  levelsOnly(targetSet, "target");
  levelsOnly(sourceSet, "source");
  const notes: Record<string, string> = {};
  for (const v of src.values) if (v.note) notes[v.criterionCode] = v.note;
  return planCarry(
    { set: sourceSet, values: effectiveValues(src), notes },
    { set: targetSet, values: effectiveValues(target) },
  );
}

/** Refuses unless the viewer may carry values into the assessment now: the saveValues rule, and only once. */
function requireCarry(viewer: Viewer, a: LoadedAssessment): void {
  requireAction(viewer, a, "saveValues");
  if (a.carriedFromId) {
    throw new WorkflowError(
      "Hồ sơ này đã lấy số liệu từ một hồ sơ trước; chỉ lấy được một lần",
      "This assessment already took the values of an earlier one; that is done once",
    );
  }
}

export async function carryForwardPreview(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { assessmentId: string; fromAssessmentId?: string | null },
): Promise<CarryPreview> {
  const target = await readableAssessment(prisma, viewer, input.assessmentId);
  // The preview shows the target's values (what is already there) and the candidates' values: working data.
  ensure(
    can.readUnit(viewer, unitRef(target)),
    "Bạn không xem được số liệu của hồ sơ này",
    "You may not read this assessment's values",
  );
  const candidates = await carryCandidates(prisma, viewer, target);
  const source = chooseSource(candidates, input.fromAssessmentId);
  let refusal: DomainError | null = null;
  try {
    requireCarry(viewer, target);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    refusal = e;
  }
  const carriedFrom = target.carriedFromId
    ? await prisma.assessment.findFirst({ where: { id: target.carriedFromId }, include: { unit: true } })
    : null;
  return {
    target,
    candidates,
    source,
    items: source ? await itemsFor(prisma, source, target) : [],
    refusal,
    carriedFrom:
      carriedFrom && can.readAssessment(viewer, { status: carriedFrom.status, unit: unitRef(carriedFrom) })
        ? carriedFrom
        : null,
  };
}

export interface CarryForwardInput {
  assessmentId: string;
  fromAssessmentId: string;
  version: number;
  /** CHANGED criteria whose old value the user reviewed and wants copied too. */
  includeChanged?: string[] | null;
}

/**
 * Copies the COPIED values (and the CHANGED ones named in `includeChanged`) into the target through `saveValues`.
 * Never overwrites: a criterion the target already has a value for is skipped (listed as TARGET_HAS_VALUE), and
 * naming in `includeChanged` a criterion that cannot be included is refused, naming it.
 */
export async function carryForward(db: Store, viewer: Viewer, input: CarryForwardInput): Promise<CarryResult> {
  const prisma = db.prisma;
  const { a } = await loadForAction(prisma, viewer, input.assessmentId, "saveValues");
  if (a.version !== input.version) throw new ConflictError(a.version);
  requireCarry(viewer, a);
  const source = chooseSource(await carryCandidates(prisma, viewer, a), input.fromAssessmentId);
  if (!source) throw new NotFoundError("hồ sơ đánh giá", input.fromAssessmentId);
  const items = await itemsFor(prisma, source, a);
  const byCode = new Map(items.map((i) => [i.code, i]));

  const issues: FieldIssue[] = [];
  const include = [...new Set(input.includeChanged ?? [])];
  for (const code of include) {
    const it = byCode.get(code);
    const field = `includeChanged.${code}`;
    if (!it || it.status === "DROPPED")
      issues.push({
        field,
        message: "không có tiêu chí này trong bộ tiêu chí",
        messageEn: "no such criterion in the set",
      });
    else if (it.status !== "CHANGED")
      issues.push({
        field,
        message: "chỉ chọn được tiêu chí đã thay đổi (cần xem lại)",
        messageEn: "only a changed criterion (to review) can be included",
      });
    else if (it.reason) {
      const [vi, en] = REASONS[it.reason];
      issues.push({
        field,
        message: it.reason === "INVALID_VALUE" ? `${vi}: ${it.issues.map((i) => i.message).join("; ")}` : vi,
        messageEn: it.reason === "INVALID_VALUE" ? `${en}: ${it.issues.map((i) => i.messageEn).join("; ")}` : en,
      });
    }
  }
  if (issues.length > 0) throw new InputError(issues);

  const included = new Set(include);
  const copy = items.filter((i) => i.status === "COPIED" || (i.status === "CHANGED" && included.has(i.code)));
  if (copy.length === 0) {
    throw InputError.field(
      "fromAssessmentId",
      "hồ sơ trước không có số liệu nào chuyển được sang hồ sơ này",
      "the earlier assessment has no value that can be carried into this one",
    );
  }
  const values: Record<string, unknown> = {};
  const notes: Record<string, string> = {};
  const noted = new Set(a.values.filter((v) => v.note).map((v) => v.criterionCode));
  for (const i of copy) {
    values[i.code] = i.value;
    // A note the unit already wrote on the target stays.
    if (!noted.has(i.code)) notes[i.code] = carriedNote(source, i.note);
  }
  const from = source.assessment;
  const saved = await saveValues(
    db,
    viewer,
    { assessmentId: a.id, version: input.version, values, notes },
    {
      action: "assessment.carryForward",
      detail: {
        carriedFrom: {
          assessmentId: from.id,
          year: from.round.year,
          unitCode: from.unit.code,
          unitName: from.unit.name,
          lineage: source.lineage,
          setVersionId: from.setVersionId,
        },
        copied: copy.filter((i) => i.status === "COPIED").map((i) => i.code),
        includedChanged: copy.filter((i) => i.status === "CHANGED").map((i) => i.code),
        notCopied: items
          .filter((i) => !copy.includes(i))
          .map((i) => ({ code: i.code, status: i.status, reason: i.reason })),
      },
      alsoWrite: async (tx) => {
        await tx.query(`UPDATE "Assessment" SET "carriedFromId" = $2 WHERE id = $1`, [a.id, from.id]);
      },
    },
  );
  return { assessment: { ...saved, carriedFromId: from.id }, copied: copy.map((i) => i.code), items };
}
