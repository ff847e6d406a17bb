import { z } from "zod";
import { gaps, type Evaluation, type IndicatorValues } from "@cds/criteria-core";
import { builder } from "../builder.ts";
import { InputError, NotFoundError } from "../errors.ts";
import type { AssessmentStatus, Prisma } from "../generated/prisma/client.ts";
import type { Context } from "../context.ts";
import { can, visibleAssessmentsWhere } from "../services/access.ts";
import {
  allowedActions,
  ASSESSMENT_ACTIONS,
  appraiseAssessment,
  readableAssessment,
  recogniseAssessment,
  registerLevel,
  returnAssessment,
  saveValues,
  submitAssessment,
  unitRef,
  verifyAssessment,
  verifyValue,
} from "../services/assessments.ts";
import { deleteEvidence, openRound, replaceEvidence, uploadEvidence } from "../services/rounds.ts";
import { roundSummary } from "../services/summaries.ts";
import { documentOf } from "../services/sets.ts";
import { searchFilter } from "../seed/search-name.ts";
import { decodeId, EvaluationRef, GapRef } from "./criteria-set.ts";
import { AssessmentStatusEnum } from "./enums.ts";

const workChecks = new WeakMap<Context, Map<string, Promise<boolean>>>();

/** May the asker read this assessment's working data (`can.readUnit`)? Asked once per assessment and request. */
function readsWork(ctx: Context, a: { id: string; unitId: string }): Promise<boolean> {
  let checks = workChecks.get(ctx);
  if (!checks) workChecks.set(ctx, (checks = new Map()));
  let check = checks.get(a.id);
  if (!check) {
    check = ctx.prisma.unit
      .findUniqueOrThrow({ where: { id: a.unitId } })
      .then((unit) => can.readUnit(ctx.viewer, unitRef({ unit })));
    checks.set(a.id, check);
  }
  return check;
}

/** A "work" field of ASSESSMENT_FIELD_READ: its value for those who may read the working data, else `refused` (null or []). */
async function work<T>(
  ctx: Context,
  a: { id: string; unitId: string },
  refused: T,
  value: () => T | Promise<T>,
): Promise<T> {
  return (await readsWork(ctx, a)) ? value() : refused;
}

builder.prismaNode("Round", {
  description: "Đợt đánh giá hằng năm của một tỉnh cho một cấp đơn vị",
  id: { field: "id" },
  fields: (t) => ({
    year: t.exposeInt("year"),
    name: t.exposeString("name"),
    unitKind: t.exposeString("unitKind"),
    tenant: t.relation("tenant"),
    setVersion: t.relation("setVersion", { description: "Phiên bản bộ tiêu chí được ghim cho đợt này" }),
    submitDueAt: t.expose("submitDueAt", { type: "Date", description: "Hạn nộp hồ sơ tự đánh giá" }),
    reviewDueAt: t.expose("reviewDueAt", { type: "Date", description: "Hạn thẩm định, công nhận" }),
  }),
});

const SummaryRef = builder.objectRef<Awaited<ReturnType<typeof roundSummary>>>("RoundSummary").implement({
  description: "Tổng hợp một đợt đánh giá",
  fields: (t) => ({
    units: t.exposeInt("units"),
    byStatus: t.field({
      type: [
        builder.objectRef<{ status: string; count: number }>("StatusCount").implement({
          fields: (s) => ({ status: s.exposeString("status"), count: s.exposeInt("count") }),
        }),
      ],
      resolve: (x) => x.byStatus,
    }),
    byComputedLevel: t.exposeIntList("byComputedLevel", {
      description: "Số đơn vị theo mức số liệu đạt hiện nay (0–5)",
    }),
    byRecognisedLevel: t.exposeIntList("byRecognisedLevel", { description: "Số đơn vị theo mức đã công nhận (0–5)" }),
    reviewQueue: t.exposeInt("reviewQueue", { description: "Hồ sơ đang chờ xác minh, thẩm định hoặc công nhận" }),
  }),
});

builder.prismaObject("IndicatorValue", {
  description: "Số liệu một tiêu chí: do đơn vị nhập và do cấp xác minh sửa (nếu có)",
  fields: (t) => ({
    criterionCode: t.exposeString("criterionCode"),
    value: t.expose("value", { type: "JSON", nullable: true }),
    note: t.exposeString("note", { nullable: true }),
    verifiedValue: t.expose("verifiedValue", { type: "JSON", nullable: true }),
    verifierComment: t.exposeString("verifierComment", { nullable: true }),
    verifiedAt: t.expose("verifiedAt", { type: "DateTime", nullable: true }),
    effectiveValue: t.field({ type: "JSON", nullable: true, resolve: (v) => v.verifiedValue ?? v.value }),
  }),
});

builder.prismaObject("Evidence", {
  description: "Tệp minh chứng",
  fields: (t) => ({
    id: t.exposeID("id"),
    criterionCode: t.exposeString("criterionCode"),
    fileName: t.exposeString("fileName"),
    mimeType: t.exposeString("mimeType"),
    size: t.exposeInt("size"),
    sha256: t.exposeString("sha256"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObject("ReviewComment", {
  description: "Ý kiến của cấp xét duyệt",
  fields: (t) => ({
    id: t.exposeID("id"),
    criterionCode: t.exposeString("criterionCode", { nullable: true }),
    body: t.exposeString("body"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObject("AuditEvent", {
  description: "Một thay đổi đã được ghi nhận: ai, khi nào, trước → sau",
  fields: (t) => ({
    id: t.string({ resolve: (e) => e.id.toString() }),
    at: t.expose("at", { type: "DateTime" }),
    actorId: t.exposeString("actorId", { nullable: true }),
    actorKind: t.exposeString("actorKind"),
    actorName: t.string({
      nullable: true,
      description: 'Tên người thực hiện ("Hệ thống" cho thao tác tự động)',
      resolve: async (e, _a, ctx) => {
        if (e.actorKind === "system") return "Hệ thống";
        if (e.actorKind === "user" && e.actorId)
          return (await ctx.prisma.user.findUnique({ where: { id: e.actorId }, select: { name: true } }))?.name ?? null;
        return null;
      },
    }),
    action: t.exposeString("action"),
    entityType: t.exposeString("entityType"),
    entityId: t.exposeString("entityId"),
    before: t.expose("before", { type: "JSON", nullable: true }),
    after: t.expose("after", { type: "JSON", nullable: true }),
  }),
});

const AssessmentActionEnum = builder.enumType("AssessmentAction", {
  description:
    "Thao tác trên hồ sơ (registerLevel, saveValues, uploadEvidence, deleteEvidence, replaceEvidence, submit, return, verifyValue, verify, appraise, recognise)",
  values: Object.keys(ASSESSMENT_ACTIONS) as (keyof typeof ASSESSMENT_ACTIONS)[],
});

builder.prismaNode("Assessment", {
  description: "Hồ sơ đánh giá của một đơn vị trong một đợt, ghim phiên bản bộ tiêu chí",
  id: { field: "id" },
  fields: (t) => ({
    status: t.field({ type: AssessmentStatusEnum, resolve: (a) => a.status }),
    version: t.exposeInt("version", { description: "Gửi lại khi thay đổi (chống ghi đè)" }),
    allowedActions: t.field({
      type: [AssessmentActionEnum],
      description: "Những thao tác người dùng hiện tại được làm với hồ sơ ở trạng thái này (cùng quy tắc API kiểm tra)",
      resolve: async (a, _args, ctx) => {
        if (ctx.viewer.kind !== "user") return [];
        const unit = await ctx.prisma.unit.findUniqueOrThrow({ where: { id: a.unitId } });
        return allowedActions(ctx.viewer, { status: a.status, unit });
      },
    }),
    unit: t.relation("unit"),
    round: t.relation("round"),
    setVersion: t.relation("setVersion"),
    registeredLevel: t.int({ nullable: true, resolve: (a, _x, ctx) => work(ctx, a, null, () => a.registeredLevel) }),
    computedLevel: t.exposeInt("computedLevel", { description: "Mức mà số liệu hiện tại đạt (criteria-core)" }),
    selfAssessedLevel: t.int({
      nullable: true,
      resolve: (a, _x, ctx) => work(ctx, a, null, () => a.selfAssessedLevel),
    }),
    appraisedLevel: t.int({ nullable: true, resolve: (a, _x, ctx) => work(ctx, a, null, () => a.appraisedLevel) }),
    recognisedLevel: t.exposeInt("recognisedLevel", { nullable: true }),
    recognitionDecision: t.exposeString("recognitionDecision", { nullable: true }),
    recognitionDate: t.expose("recognitionDate", { type: "Date", nullable: true }),
    submittedAt: t.field({
      type: "DateTime",
      nullable: true,
      resolve: (a, _x, ctx) => work(ctx, a, null, () => a.submittedAt),
    }),
    recognisedAt: t.expose("recognisedAt", { type: "DateTime", nullable: true }),
    evaluation: t.field({
      type: EvaluationRef,
      nullable: true,
      description: "Kết quả từng tiêu chí, từng mức (criteria-core)",
      resolve: (a) => (a.evaluation as unknown as Evaluation | null) ?? null,
    }),
    gaps: t.field({
      type: [GapRef],
      description: "Còn thiếu gì để đạt mức (mặc định: mức đã đăng ký)",
      args: { level: t.arg.int({ required: false }) },
      // The current figures and shortfalls: working data.
      resolve: (a, args, ctx) =>
        work(ctx, a, [], async () => {
          const v = await ctx.prisma.criteriaSetVersion.findUniqueOrThrow({ where: { id: a.setVersionId } });
          const set = documentOf(v);
          const level = args.level ?? a.registeredLevel ?? Math.min(a.computedLevel + 1, set.levels.length);
          if (level < 1 || level > set.levels.length)
            throw InputError.field("level", `từ 1 đến ${set.levels.length}`, `1 to ${set.levels.length}`);
          return gaps(set, a.effectiveValues as unknown as IndicatorValues, level);
        }),
    }),
    values: t.prismaField({
      type: ["IndicatorValue"],
      description: "Số liệu (chỉ người có quyền với đơn vị)",
      resolve: (query, a, _args, ctx) =>
        work(ctx, a, [], () =>
          ctx.prisma.indicatorValue.findMany({
            ...query,
            where: { assessmentId: a.id },
            orderBy: { criterionCode: "asc" },
          }),
        ),
    }),
    evidence: t.prismaField({
      type: ["Evidence"],
      resolve: (query, a, _args, ctx) =>
        work(ctx, a, [], () =>
          ctx.prisma.evidence.findMany({
            ...query,
            where: { assessmentId: a.id },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          }),
        ),
    }),
    comments: t.prismaField({
      type: ["ReviewComment"],
      resolve: (query, a, _args, ctx) =>
        work(ctx, a, [], () =>
          ctx.prisma.reviewComment.findMany({
            ...query,
            where: { assessmentId: a.id },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          }),
        ),
    }),
    history: t.prismaField({
      type: ["AuditEvent"],
      description: "Lịch sử thay đổi",
      resolve: (query, a, _args, ctx) =>
        work(ctx, a, [], () =>
          ctx.prisma.auditEvent.findMany({
            ...query,
            where: { entityType: "Assessment", entityId: a.id },
            orderBy: { id: "asc" },
          }),
        ),
    }),
  }),
});

interface AssessmentsArgs {
  roundId?: string | number | null;
  year?: number | null;
  unitCode?: string | null;
  status?: AssessmentStatus[] | null;
  recognisedLevel?: number | null;
  computedLevel?: number | null;
  search?: string | null;
}

/** The assessments the asker may see, narrowed by the arguments of the `assessments` query. */
async function assessmentsWhere(ctx: Context, a: AssessmentsArgs): Promise<Prisma.AssessmentWhereInput> {
  const root = a.unitCode ? await ctx.prisma.unit.findUnique({ where: { code: a.unitCode } }) : null;
  if (a.unitCode && !root) throw new NotFoundError("đơn vị", a.unitCode);
  return {
    AND: [
      visibleAssessmentsWhere(ctx.viewer),
      a.roundId ? { roundId: decodeId(String(a.roundId), "Round") } : {},
      a.year ? { round: { year: a.year } } : {},
      root ? { unit: { OR: [{ path: root.path }, { path: { startsWith: `${root.path}/` } }] } } : {},
      a.status ? { status: { in: a.status } } : {},
      a.recognisedLevel !== null && a.recognisedLevel !== undefined ? { recognisedLevel: a.recognisedLevel } : {},
      a.computedLevel !== null && a.computedLevel !== undefined ? { computedLevel: a.computedLevel } : {},
      a.search ? { unit: searchFilter(a.search) } : {},
    ],
  };
}

builder.queryFields((t) => ({
  rounds: t.prismaField({
    type: ["Round"],
    args: { tenant: t.arg.string({ required: false }), year: t.arg.int({ required: false }) },
    resolve: (query, _r, a, ctx) =>
      ctx.prisma.round.findMany({
        ...query,
        where: { ...(a.tenant ? { tenantId: a.tenant } : {}), ...(a.year ? { year: a.year } : {}) },
        orderBy: [{ year: "desc" }, { unitKind: "asc" }, { id: "asc" }],
      }),
  }),
  roundSummary: t.field({
    type: SummaryRef,
    args: {
      roundId: t.arg.id(),
      unitCode: t.arg.string({ required: false, description: "Chỉ tính nhánh đơn vị này (vd. một huyện)" }),
    },
    resolve: (_r, a, ctx) =>
      roundSummary(ctx.prisma, ctx.viewer, decodeId(String(a.roundId), "Round"), a.unitCode ?? null),
  }),
  assessment: t.prismaField({
    type: "Assessment",
    args: { id: t.arg.id() },
    resolve: (_q, _r, a, ctx) => readableAssessment(ctx.prisma, ctx.viewer, decodeId(String(a.id), "Assessment")),
  }),
  assessments: t.prismaConnection({
    type: "Assessment",
    cursor: "id",
    description: "Hồ sơ đánh giá: theo đợt, nhánh đơn vị, trạng thái, mức",
    args: {
      roundId: t.arg.id({ required: false }),
      year: t.arg.int({ required: false }),
      unitCode: t.arg.string({ required: false, description: "Mã GSO của gốc nhánh đơn vị" }),
      status: t.arg({ type: [AssessmentStatusEnum], required: false }),
      recognisedLevel: t.arg.int({ required: false }),
      computedLevel: t.arg.int({ required: false }),
      search: t.arg.string({ required: false, validate: z.string().max(100, "tối đa 100 ký tự") }),
    },
    // A total order (unit code, then id), so pages never skip or repeat a row.
    resolve: async (query, _r, a, ctx) =>
      ctx.prisma.assessment.findMany({
        ...query,
        where: await assessmentsWhere(ctx, a),
        orderBy: [{ unit: { code: "asc" } }, { id: "asc" }],
      }),
    totalCount: async (_r, a, ctx) => ctx.prisma.assessment.count({ where: await assessmentsWhere(ctx, a) }),
  }),
}));

builder.mutationFields((t) => ({
  openRound: t.prismaField({
    type: "Round",
    description: "Mở đợt đánh giá: tạo hồ sơ cho mọi đơn vị của cấp tương ứng",
    args: {
      tenantId: t.arg.string(),
      year: t.arg.int(),
      setVersionId: t.arg.id(),
      name: t.arg.string({ required: false, validate: z.string().max(300, "tối đa 300 ký tự") }),
      submitDueAt: t.arg({ type: "Date" }),
      reviewDueAt: t.arg({ type: "Date" }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      openRound(ctx.prisma, ctx.viewer, { ...a, setVersionId: decodeId(String(a.setVersionId), "CriteriaSetVersion") }),
  }),
  registerLevel: t.prismaField({
    type: "Assessment",
    description: "Đăng ký mức độ phấn đấu",
    args: { assessmentId: t.arg.id(), version: t.arg.int(), level: t.arg.int() },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      registerLevel(ctx.prisma, ctx.viewer, { ...a, assessmentId: decodeId(String(a.assessmentId), "Assessment") }),
  }),
  saveIndicatorValues: t.prismaField({
    type: "Assessment",
    description: "Lưu số liệu (theo mã tiêu chí; null để xoá) và trả về kết quả đánh giá mới",
    args: {
      assessmentId: t.arg.id(),
      version: t.arg.int(),
      values: t.arg({ type: "JSON" }),
      notes: t.arg({ type: "JSON", required: false }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) => {
      if (typeof a.values !== "object" || a.values === null || Array.isArray(a.values)) {
        throw InputError.field("values", "cần một đối tượng theo mã tiêu chí", "an object keyed by criterion code");
      }
      if (a.notes !== undefined && a.notes !== null && (typeof a.notes !== "object" || Array.isArray(a.notes))) {
        throw InputError.field("notes", "cần một đối tượng theo mã tiêu chí", "an object keyed by criterion code");
      }
      return saveValues(ctx.prisma, ctx.viewer, {
        assessmentId: decodeId(String(a.assessmentId), "Assessment"),
        version: a.version,
        values: a.values as Record<string, unknown>,
        notes: (a.notes ?? null) as Record<string, string | null> | null,
      });
    },
  }),
  uploadEvidence: t.prismaField({
    type: "Evidence",
    description: "Tải tệp minh chứng cho một tiêu chí (PDF, ảnh, Word, Excel; tối đa 10 MB)",
    args: { assessmentId: t.arg.id(), criterionCode: t.arg.string(), file: t.arg({ type: "File" }) },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      uploadEvidence(ctx.prisma, ctx.viewer, ctx.evidence, {
        assessmentId: decodeId(String(a.assessmentId), "Assessment"),
        criterionCode: a.criterionCode,
        file: a.file,
      }),
  }),
  deleteEvidence: t.prismaField({
    type: "Evidence",
    description: "Xoá một tệp minh chứng khi hồ sơ còn đang nhập (hoặc bị trả lại); trả về tệp đã xoá",
    args: { id: t.arg.id() },
    errors: {},
    resolve: (_q, _r, a, ctx) => deleteEvidence(ctx.prisma, ctx.viewer, { evidenceId: String(a.id) }),
  }),
  replaceEvidence: t.prismaField({
    type: "Evidence",
    description: "Thay tệp của một minh chứng (giữ tiêu chí) khi hồ sơ còn đang nhập (hoặc bị trả lại)",
    args: { id: t.arg.id(), file: t.arg({ type: "File" }) },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      replaceEvidence(ctx.prisma, ctx.viewer, ctx.evidence, { evidenceId: String(a.id), file: a.file }),
  }),
  submitAssessment: t.prismaField({
    type: "Assessment",
    description: "Nộp hồ sơ tự đánh giá; từ chối kèm danh sách khi còn thiếu số liệu",
    args: { assessmentId: t.arg.id(), version: t.arg.int() },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      submitAssessment(ctx.prisma, ctx.viewer, {
        assessmentId: decodeId(String(a.assessmentId), "Assessment"),
        version: a.version,
        now: ctx.now(),
      }),
  }),
  returnAssessment: t.prismaField({
    type: "Assessment",
    description: "Trả lại hồ sơ kèm ý kiến",
    args: {
      assessmentId: t.arg.id(),
      version: t.arg.int(),
      comments: t.arg({
        type: [
          builder.inputType("ReviewCommentInput", {
            fields: (f) => ({
              criterionCode: f.string({ required: false }),
              body: f.string({ validate: z.string().max(4000, "tối đa 4000 ký tự") }),
            }),
          }),
        ],
      }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      returnAssessment(ctx.prisma, ctx.viewer, {
        assessmentId: decodeId(String(a.assessmentId), "Assessment"),
        version: a.version,
        comments: a.comments,
      }),
  }),
  verifyIndicatorValue: t.prismaField({
    type: "Assessment",
    description: "Xác minh một số liệu: giữ nguyên (value = null) hoặc sửa, kèm nhận xét",
    args: {
      assessmentId: t.arg.id(),
      version: t.arg.int(),
      criterionCode: t.arg.string(),
      value: t.arg({ type: "JSON", required: false }),
      comment: t.arg.string({ required: false, validate: z.string().max(2000, "tối đa 2000 ký tự") }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      verifyValue(ctx.prisma, ctx.viewer, {
        assessmentId: decodeId(String(a.assessmentId), "Assessment"),
        version: a.version,
        criterionCode: a.criterionCode,
        value: a.value,
        comment: a.comment,
        now: ctx.now(),
      }),
  }),
  verifyAssessment: t.prismaField({
    type: "Assessment",
    description: "Xác nhận đã xác minh số liệu của hồ sơ",
    args: { assessmentId: t.arg.id(), version: t.arg.int() },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      verifyAssessment(ctx.prisma, ctx.viewer, {
        assessmentId: decodeId(String(a.assessmentId), "Assessment"),
        version: a.version,
      }),
  }),
  appraiseAssessment: t.prismaField({
    type: "Assessment",
    description: "Hội đồng thẩm định kết luận mức độ (không vượt mức số liệu đạt)",
    args: { assessmentId: t.arg.id(), version: t.arg.int(), level: t.arg.int({ required: false }) },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      appraiseAssessment(ctx.prisma, ctx.viewer, {
        assessmentId: decodeId(String(a.assessmentId), "Assessment"),
        version: a.version,
        level: a.level,
      }),
  }),
  recogniseAssessment: t.prismaField({
    type: "Assessment",
    description: "Công nhận mức độ (số, ngày quyết định); hồ sơ bị khoá",
    args: {
      assessmentId: t.arg.id(),
      version: t.arg.int(),
      decisionNumber: t.arg.string({ validate: z.string().max(100, "tối đa 100 ký tự") }),
      decisionDate: t.arg({ type: "Date" }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      recogniseAssessment(ctx.prisma, ctx.viewer, {
        assessmentId: decodeId(String(a.assessmentId), "Assessment"),
        version: a.version,
        decisionNumber: a.decisionNumber,
        decisionDate: a.decisionDate,
        now: ctx.now(),
      }),
  }),
}));
