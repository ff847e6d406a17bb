/**
 * Rounds (đợt đánh giá): a province opens one per year, unit kind and way of judging (the 2361 level round beside
 * a scored index), pinning a published set version; the ministry opens national rounds (the provincial DTI).
 */
import { rowKey } from "./tenant-keys.ts";
import { judgedBy, type TCriteriaSet } from "@cds/criteria-schema";
import { dateToIsoDay, formatVietnameseDate, isLate } from "@cds/calendar";
import { InputError, NotFoundError, WorkflowError, type FieldIssue } from "../errors.ts";
import type { AssessmentStatus, PrismaClient, Round } from "../generated/prisma/client.ts";
import { can, NATIONAL_CHAIN, NATIONAL_TENANT, ensure, requireWriter, type Viewer } from "./access.ts";
import { ASSESSMENT_ACTIONS } from "./assessment-rules.ts";
import { utcParam } from "./assessment-sql.ts";
import { judgeAssessment } from "./assessment-store.ts";
import { audit } from "./audit.ts";
import { checkYear, parseIsoDate } from "./input.ts";
import { newId } from "./ids.ts";
import { documentOf } from "./sets.ts";
import { defaultReviewChain, mapIdForYear, NON_TERRITORIAL_KINDS, reviewChainJson, unitKindNamer } from "./units.ts";

/** The unit kinds a set assesses: `appliesTo` when it says, else its own kind. */
export function assessedKinds(set: Pick<TCriteriaSet, "unitKind" | "appliesTo">): string[] {
  return set.appliesTo ?? [set.unitKind];
}

function defaultName(set: TCriteriaSet, year: number, kindName: (code: string) => string): string {
  const kinds = assessedKinds(set).map(kindName).join(", ");
  return judgedBy(set) === "levels"
    ? `Đánh giá mức độ chuyển đổi số ${kinds} năm ${year}`
    : `Chấm điểm ${set.title} (${kinds}) năm ${year}`;
}

export interface OpenRoundInput {
  tenantId: string;
  year: number;
  setVersionId: string;
  name?: string | null;
  /** Optional deadline for registering a level. */
  registerDueAt?: string | null;
  submitDueAt: string;
  reviewDueAt: string;
  /** A submission after the unit's deadline: FLAG (accepted, flagged late; the default) or REFUSE. */
  latePolicy?: LatePolicy | null;
  /** The administrative map whose units the round assesses; default: the map in force on 1 January of `year`. */
  mapId?: string | null;
}

/** Opens a round and creates a draft assessment for every unit of the set's kind in the province. */
export async function openRound(prisma: PrismaClient, viewer: Viewer, input: OpenRoundInput): Promise<Round> {
  requireWriter(viewer);
  const national = input.tenantId === NATIONAL_TENANT;
  ensure(
    national ? can.isMinistryAdmin(viewer) : can.runProvince(viewer, input.tenantId),
    national ? "Chỉ Bộ mới mở được đợt đánh giá cấp quốc gia" : "Chỉ Sở của tỉnh mới mở được đợt đánh giá",
    national ? "Only the ministry may open a national round" : "Only the province may open a round",
  );
  const issues: FieldIssue[] = [];
  checkYear("year", input.year, issues);
  const dates = checkDeadlines(input, issues);
  const version = await prisma.criteriaSetVersion.findUnique({
    where: { id: input.setVersionId },
    include: { set: true },
  });
  if (!version)
    issues.push({ field: "setVersionId", message: "không tìm thấy phiên bản", messageEn: "version not found" });
  else if (version.status !== "PUBLISHED") {
    issues.push({
      field: "setVersionId",
      message: "chỉ dùng được phiên bản đã công bố",
      messageEn: "only a published version can be used",
    });
  } else if (version.set.tenantId !== input.tenantId && version.set.tenantId !== NATIONAL_TENANT) {
    issues.push({ field: "setVersionId", message: "bộ tiêu chí của tỉnh khác", messageEn: "another province's set" });
  }
  const mapId = input.mapId ?? (issues.some((i) => i.field === "year") ? null : mapIdForYear(input.year));
  const map = mapId ? await prisma.adminMap.findUnique({ where: { id: mapId } }) : null;
  if (input.mapId && !map)
    issues.push({ field: "mapId", message: "không có bản đồ hành chính này", messageEn: "no such administrative map" });
  const doc = version?.status === "PUBLISHED" ? documentOf(version) : null;
  const territorial = doc ? assessedKinds(doc).filter((k) => !NON_TERRITORIAL_KINDS.includes(k)) : [];
  const absent = map ? territorial.find((k) => !map.kinds.includes(k)) : undefined;
  const kindName = await unitKindNamer(prisma);
  if (map && absent !== undefined) {
    // The district framework (CHUNG-01 from communes) is offered only for rounds on the three-tier map.
    issues.push({
      field: input.mapId ? "mapId" : "setVersionId",
      message: `${map.name} không có ${kindName(absent)}`,
      messageEn: `the map ${map.id} has no ${absent} units`,
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  const set = doc!;
  const unitKind = set.unitKind;
  const how = judgedBy(set);
  const exists = await prisma.round.findUnique({
    where: {
      tenantId_year_unitKind_judgedBy: { tenantId: input.tenantId, year: input.year, unitKind, judgedBy: how },
    },
  });
  if (exists)
    throw new WorkflowError(
      how === "levels"
        ? `Đã có đợt đánh giá mức độ ${kindName(unitKind)} năm ${input.year}`
        : `Đã có đợt chấm điểm ${kindName(unitKind)} năm ${input.year}`,
      `A ${how} round for ${unitKind} in ${input.year} already exists`,
    );
  // Every assessment starts from no values: its cached judgement is the same for all (a scored set: all missing).
  const empty = judgeAssessment(set, []);
  return prisma.$transaction(
    async (tx) => {
      const round = await tx.round.create({
        data: {
          tenantId: input.tenantId,
          year: input.year,
          unitKind,
          judgedBy: how,
          name: input.name?.trim() || defaultName(set, input.year, kindName),
          registerDueAt: dates.registerDue,
          latePolicy: input.latePolicy ?? "FLAG",
          setVersionId: version!.id,
          mapId: map!.id,
          reviewChain: reviewChainJson(national ? NATIONAL_CHAIN : defaultReviewChain(map!.id)),
          submitDueAt: dates.submitDue!,
          reviewDueAt: dates.reviewDue!,
        },
      });
      // A national round assesses the units of every province (the provincial DTI); a province's, its own.
      const units = await tx.unit.findMany({
        where: {
          ...(national ? {} : { tenantId: input.tenantId }),
          kindCode: { in: assessedKinds(set) },
          mapId: map!.id,
        },
        select: { id: true },
      });
      // One statement, the shared judgement sent once (a national round opens 3,321 assessments; Prisma's
      // createMany serialised the judgement JSON once per row and took minutes).
      await tx.$executeRawUnsafe(
        `INSERT INTO "Assessment" (id, "tenantId", "roundId", "unitId", "setVersionId", "effectiveValues", evaluation,
                                   "computedLevel", score, "selfScore", "updatedAt")
         SELECT u.id, $9, $2, u."unitId", $3, '{}'::jsonb, $4::jsonb, $5, $6::jsonb, $7::jsonb, $8::timestamp(3)
           FROM jsonb_to_recordset($1::jsonb) AS u(id text, "unitId" text)`,
        JSON.stringify(units.map((u) => ({ id: newId(), unitId: u.id }))),
        round.id,
        version!.id,
        jsonText(empty.evaluation),
        empty.computedLevel,
        jsonText(empty.score),
        jsonText(empty.selfScore),
        utcParam(new Date()),
        round.tenantId,
      );
      await audit(tx, viewer, {
        action: "round.open",
        entityType: "Round",
        entityId: round.id,
        tenantId: input.tenantId,
        after: {
          year: input.year,
          unitKind,
          judgedBy: how,
          mapId: map!.id,
          setVersionId: version!.id,
          assessments: units.length,
        },
      });
      return round;
    },
    { timeout: 60_000 },
  );
}

const jsonText = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export type LatePolicy = "FLAG" | "REFUSE";

/** The three deadlines of a round, in order: registration ≤ submission ≤ review (each a calendar day). */
function checkDeadlines(
  input: { registerDueAt?: string | null; submitDueAt: string; reviewDueAt: string },
  issues: FieldIssue[],
) {
  const registerDue = input.registerDueAt ? parseIsoDate("registerDueAt", input.registerDueAt, issues) : null;
  const submitDue = parseIsoDate("submitDueAt", input.submitDueAt, issues);
  const reviewDue = parseIsoDate("reviewDueAt", input.reviewDueAt, issues);
  if (registerDue && submitDue && submitDue < registerDue)
    issues.push({
      field: "submitDueAt",
      message: "hạn nộp phải sau hạn đăng ký",
      messageEn: "the submission deadline must follow the registration deadline",
    });
  if (submitDue && reviewDue && reviewDue < submitDue)
    issues.push({
      field: "reviewDueAt",
      message: "hạn thẩm định phải sau hạn nộp",
      messageEn: "review deadline must follow the submission deadline",
    });
  return { registerDue, submitDue, reviewDue };
}

/** The round as its province may change it: only its own administration, never a closed tenant's. */
async function ownRound(prisma: PrismaClient, viewer: Viewer, roundId: string): Promise<Round> {
  requireWriter(viewer);
  const round = await prisma.round.findFirst({ where: { id: roundId } });
  if (!round) throw new NotFoundError("đợt đánh giá", roundId);
  const national = round.tenantId === NATIONAL_TENANT;
  ensure(
    national ? can.isMinistryAdmin(viewer) : can.runProvince(viewer, round.tenantId),
    "Chỉ đơn vị mở đợt đánh giá mới sửa được đợt",
    "Only the round's own administration may change it",
  );
  return round;
}

export interface UpdateRoundInput {
  roundId: string;
  name?: string | null;
  registerDueAt?: string | null;
  submitDueAt?: string | null;
  reviewDueAt?: string | null;
  latePolicy?: LatePolicy | null;
}

/** Renames a round or moves its deadlines or late policy (audited, before → after). */
export async function updateRound(prisma: PrismaClient, viewer: Viewer, input: UpdateRoundInput): Promise<Round> {
  const round = await ownRound(prisma, viewer, input.roundId);
  const issues: FieldIssue[] = [];
  const day = (d: Date | null) => (d ? dateToIsoDay(d) : null);
  const next = {
    registerDueAt: input.registerDueAt === undefined ? day(round.registerDueAt) : input.registerDueAt,
    submitDueAt: input.submitDueAt ?? day(round.submitDueAt)!,
    reviewDueAt: input.reviewDueAt ?? day(round.reviewDueAt)!,
  };
  const dates = checkDeadlines(next, issues);
  const name = input.name === undefined || input.name === null ? round.name : input.name.trim();
  if (name.length < 3 || name.length > 300)
    issues.push({ field: "name", message: "tên đợt từ 3 đến 300 ký tự", messageEn: "3 to 300 characters" });
  if (issues.length > 0) throw new InputError(issues);
  const data = {
    name,
    registerDueAt: dates.registerDue,
    submitDueAt: dates.submitDue!,
    reviewDueAt: dates.reviewDue!,
    latePolicy: input.latePolicy ?? round.latePolicy,
  };
  return prisma.$transaction(async (tx) => {
    const updated = await tx.round.update({ where: rowKey(round), data });
    await audit(tx, viewer, {
      action: "round.update",
      entityType: "Round",
      entityId: round.id,
      tenantId: round.tenantId,
      before: {
        name: round.name,
        registerDueAt: day(round.registerDueAt),
        submitDueAt: day(round.submitDueAt),
        reviewDueAt: day(round.reviewDueAt),
        latePolicy: round.latePolicy,
      },
      after: { ...next, name, latePolicy: data.latePolicy },
    });
    return updated;
  });
}

/** Closes a round (no more values or submissions) or opens it again; audited. */
export async function setRoundClosed(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { roundId: string; closed: boolean; now: Date },
): Promise<Round> {
  const round = await ownRound(prisma, viewer, input.roundId);
  if (Boolean(round.closedAt) === input.closed) return round;
  return prisma.$transaction(async (tx) => {
    const updated = await tx.round.update({
      where: rowKey(round),
      data: { closedAt: input.closed ? input.now : null },
    });
    await audit(tx, viewer, {
      action: input.closed ? "round.close" : "round.reopen",
      entityType: "Round",
      entityId: round.id,
      tenantId: round.tenantId,
      before: { closedAt: round.closedAt },
      after: { closedAt: updated.closedAt },
    });
    return updated;
  });
}

/** Gives one unit a later submission deadline, with the reason (gia hạn); audited on the assessment. */
export async function extendDeadline(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { assessmentId: string; dueAt: string; reason: string; now: Date },
) {
  const user = requireWriter(viewer);
  const a = await prisma.assessment.findFirst({
    where: { id: input.assessmentId },
    include: { round: true, unit: true, extensions: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  if (!a) throw new NotFoundError("hồ sơ đánh giá", input.assessmentId);
  await ownRound(prisma, viewer, a.roundId);
  const issues: FieldIssue[] = [];
  const due = parseIsoDate("dueAt", input.dueAt, issues);
  const current = submitDueOf(a);
  if (due && due <= current)
    issues.push({
      field: "dueAt",
      message: `hạn mới phải sau hạn hiện tại (${formatVietnameseDate(current)})`,
      messageEn: `the new deadline must follow the current one (${dateToIsoDay(current)})`,
    });
  if (due && isLate(due, input.now))
    issues.push({ field: "dueAt", message: "hạn mới đã qua", messageEn: "the new deadline has passed" });
  const reason = input.reason.trim();
  if (reason.length < 5 || reason.length > 1000)
    issues.push({
      field: "reason",
      message: "nêu lý do gia hạn (5–1.000 ký tự)",
      messageEn: "give a reason (5–1,000 characters)",
    });
  if (!UNSUBMITTED.includes(a.status))
    issues.push({
      field: "assessmentId",
      message: "hồ sơ đã nộp, không cần gia hạn",
      messageEn: "already submitted: nothing to extend",
    });
  if (issues.length > 0) throw new InputError(issues);
  return prisma.$transaction(async (tx) => {
    const ext = await tx.deadlineExtension.create({
      data: { tenantId: a.tenantId, assessmentId: a.id, dueAt: due!, reason, grantedById: user.userId },
    });
    await audit(tx, viewer, {
      action: "assessment.extendDeadline",
      entityType: "Assessment",
      entityId: a.id,
      tenantId: a.unit.tenantId,
      before: { submitDueAt: dateToIsoDay(current) },
      after: { submitDueAt: input.dueAt, reason },
    });
    return ext;
  });
}

/** Statuses of a unit that has not submitted yet: those it submits from (the action table's `submit`). */
export const UNSUBMITTED: readonly AssessmentStatus[] = ASSESSMENT_ACTIONS.submit.statuses;

/**
 * A unit is late when it submitted after its deadline (flagged as it submitted), or has not submitted though its
 * deadline (`submitDueOf`) has passed.
 */
export function isUnitLate(
  a: Parameters<typeof submitDueOf>[0] & { status: AssessmentStatus; submittedLate: boolean },
  now: Date,
): boolean {
  return a.submittedLate || (UNSUBMITTED.includes(a.status) && isLate(submitDueOf(a), now));
}

/** A unit's submission deadline: its latest extension, else its round's. */
export function submitDueOf(a: {
  round: { submitDueAt: Date };
  extensions?: readonly { dueAt: Date; createdAt: Date }[];
}): Date {
  const latest = [...(a.extensions ?? [])].sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime())[0];
  return latest ? latest.dueAt : a.round.submitDueAt;
}
