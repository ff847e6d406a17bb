/** An assessment (hồ sơ đánh giá): its fields by ASSESSMENT_FIELD_READ, and the queries that find assessments. */
import { rowKey } from "../../services/tenant-keys.ts";
import { z } from "zod";
import { isScored } from "@cds/criteria-schema";
import { deadline } from "@cds/calendar";
import {
  gaps,
  pointsGaps,
  type ComponentValues,
  type Evaluation,
  type IndicatorValues,
  type Score,
} from "@cds/criteria-core";
import { builder } from "../../builder.ts";
import { InputError, NotFoundError } from "../../errors.ts";
import type { AssessmentStatus, Prisma } from "../../generated/prisma/client.ts";
import type { Context } from "../../context.ts";
import { can, subtreeWhere, unitRef, visibleAssessmentsWhere } from "../../services/access.ts";
import {
  ACTIONABLE_STATUSES,
  allowedActions,
  ASSESSMENT_ACTIONS,
  submitProblems,
} from "../../services/assessment-rules.ts";
import { readableAssessment } from "../../services/assessment-store.ts";
import { isUnitLate, submitDueOf } from "../../services/rounds.ts";
import { documentOf } from "../../services/sets.ts";
import { searchFilter } from "../../search.ts";
import { AssessmentStatusEnum } from "../enums.ts";
import { ValueIssueRef } from "../errors.ts";
import { DeadlineRef } from "./deadline.ts";
import { EvaluationRef, GapRef } from "./evaluation.ts";
import { PointsGapRef, ScoreRef } from "./score.ts";
import "./assessment-records.ts";

const DeadlineExtensionRef = builder.prismaObject("DeadlineExtension", {
  description: "Một lần gia hạn nộp hồ sơ cho một đơn vị",
  fields: (t) => ({
    id: t.exposeID("id"),
    dueAt: t.expose("dueAt", { type: "Date", description: "Hạn nộp mới (tính cả ngày đó)" }),
    reason: t.exposeString("reason"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

/** What a unit's submission deadline is read from (`submitDueOf`): its round's deadline and its extensions. */
async function deadlineSource(ctx: Context, a: { id: string; roundId: string }) {
  const [round, extensions] = await Promise.all([
    ctx.prisma.round.findFirstOrThrow({ where: { id: a.roundId }, select: { submitDueAt: true } }),
    ctx.prisma.deadlineExtension.findMany({ where: { assessmentId: a.id }, select: { dueAt: true, createdAt: true } }),
  ]);
  return { round, extensions };
}

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

const AssessmentActionEnum = builder.enumType("AssessmentAction", {
  description:
    "Thao tác trên hồ sơ (registerLevel, saveValues, uploadEvidence, deleteEvidence, replaceEvidence, submit, return, verifyValue, appraiseValue, verify, appraise, recognise)",
  values: Object.keys(ASSESSMENT_ACTIONS) as (keyof typeof ASSESSMENT_ACTIONS)[],
});

builder.prismaNode("Assessment", {
  description: "Hồ sơ đánh giá của một đơn vị trong một đợt, ghim phiên bản bộ tiêu chí",
  // The primary key is (tenant, id) (ARCHITECTURE.md, "Sharding by province"); a global id names the row by
  // its id, and the tenant is read through the id's index.
  id: { resolve: (a) => a.id },
  findUnique: (id, ctx) =>
    ctx.prisma.assessment
      .findFirstOrThrow({ where: { id }, select: { tenantId: true } })
      .then(({ tenantId }) => rowKey({ tenantId, id })),
  fields: (t) => ({
    status: t.field({ type: AssessmentStatusEnum, resolve: (a) => a.status }),
    version: t.exposeInt("version", { description: "Gửi lại khi thay đổi (chống ghi đè)" }),
    allowedActions: t.field({
      type: [AssessmentActionEnum],
      description: "Những thao tác người dùng hiện tại được làm với hồ sơ ở trạng thái này (cùng quy tắc API kiểm tra)",
      resolve: async (a, _args, ctx) => {
        if (ctx.viewer.kind !== "user") return [];
        const [unit, round] = await Promise.all([
          ctx.prisma.unit.findUniqueOrThrow({ where: { id: a.unitId } }),
          ctx.prisma.round.findFirstOrThrow({
            where: { id: a.roundId },
            select: { reviewChain: true, closedAt: true, judgedBy: true },
          }),
        ]);
        return allowedActions(ctx.viewer, { status: a.status, unit, round });
      },
    }),
    submitProblems: t.field({
      type: [ValueIssueRef],
      description: "Lý do chưa nộp được hồ sơ lúc này (rỗng khi được nộp): điều kiện nộp duy nhất, do API xét",
      resolve: async (a, _args, ctx) => {
        const unit = await ctx.prisma.unit.findUniqueOrThrow({ where: { id: a.unitId } });
        return submitProblems(ctx.viewer, {
          ...a,
          unit,
          evaluation: a.evaluation as unknown as Evaluation | null,
          score: a.score as unknown as Score | null,
        });
      },
    }),
    submitDeadline: t.field({
      type: DeadlineRef,
      description: "Hạn nộp hồ sơ của đơn vị (hạn của đợt, hoặc hạn đã gia hạn) và số ngày còn lại",
      resolve: async (a, _args, ctx) => deadline(submitDueOf(await deadlineSource(ctx, a)), ctx.now()),
    }),
    late: t.boolean({
      nullable: true,
      description:
        "Trễ hạn: nộp sau hạn của đơn vị (đợt cho phép và đánh dấu), hoặc chưa nộp khi đã quá hạn (giờ Việt Nam)",
      resolve: (a, _args, ctx) =>
        work(ctx, a, null, async () => isUnitLate({ ...a, ...(await deadlineSource(ctx, a)) }, ctx.now())),
    }),
    extensions: t.field({
      type: [DeadlineExtensionRef],
      description: "Các lần gia hạn nộp hồ sơ, mới nhất trước",
      resolve: (a, _args, ctx) =>
        work(ctx, a, [], () =>
          ctx.prisma.deadlineExtension.findMany({ where: { assessmentId: a.id }, orderBy: { createdAt: "desc" } }),
        ),
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
    finalScore: t.field({
      type: ScoreRef,
      nullable: true,
      description: "Bộ chỉ số: điểm cuối cùng, chốt khi công nhận (công khai)",
      resolve: (a) => (a.finalScore as unknown as Score | null) ?? null,
    }),
    score: t.field({
      type: ScoreRef,
      nullable: true,
      description: "Bộ chỉ số: điểm theo số liệu hiện hành (đã xác minh, thẩm định nếu có)",
      resolve: (a, _x, ctx) => work(ctx, a, null, () => (a.score as unknown as Score | null) ?? null),
    }),
    selfScore: t.field({
      type: ScoreRef,
      nullable: true,
      description: "Bộ chỉ số: điểm tự đánh giá (theo số liệu đơn vị nhập)",
      resolve: (a, _x, ctx) => work(ctx, a, null, () => (a.selfScore as unknown as Score | null) ?? null),
    }),
    pointsGaps: t.field({
      type: [PointsGapRef],
      description: "Bộ chỉ số: chỉ số thành phần chưa đủ điểm và giá trị để được thêm điểm",
      resolve: (a, _x, ctx) =>
        work(ctx, a, [], async () => {
          if (!a.score) return [];
          const v = await ctx.prisma.criteriaSetVersion.findUniqueOrThrow({ where: { id: a.setVersionId } });
          return pointsGaps(documentOf(v), a.effectiveValues as unknown as ComponentValues);
        }),
    }),
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
          // A scored index has no levels to reach: what earns more is `pointsGaps`.
          if (isScored(set)) return [];
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
            where: { tenantId: a.tenantId, assessmentId: a.id },
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
            where: { tenantId: a.tenantId, assessmentId: a.id },
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
            where: { tenantId: a.tenantId, assessmentId: a.id },
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
  roundId?: { id: string } | null;
  year?: number | null;
  unitCode?: string | null;
  status?: AssessmentStatus[] | null;
  recognisedLevel?: number | null;
  computedLevel?: number | null;
  search?: string | null;
  actionable?: boolean | null;
}

/**
 * "Cần xử lý": the assessments on which the viewer may take an action now, by the one action table
 * (`allowedActions`), among those the other filters select.
 */
async function actionableIds(ctx: Context, where: Prisma.AssessmentWhereInput): Promise<string[]> {
  const rows = await ctx.prisma.assessment.findMany({
    where: { AND: [where, { status: { in: ctx.viewer.kind === "user" ? [...ACTIONABLE_STATUSES] : [] } }] },
    select: {
      id: true,
      status: true,
      unit: { select: { id: true, path: true, tenantId: true, parentId: true } },
      round: { select: { reviewChain: true, closedAt: true, judgedBy: true } },
    },
  });
  return rows.filter((r) => allowedActions(ctx.viewer, r).length > 0).map((r) => r.id);
}

/** The assessments the asker may see, narrowed by the arguments of the `assessments` query. */
async function assessmentsWhere(ctx: Context, a: AssessmentsArgs): Promise<Prisma.AssessmentWhereInput> {
  // A code names a unit on each map that has it (codes repeat across maps): the round's map when given, else
  // every map (the subtree of each; the rounds' own units then narrow it).
  const mapId = a.roundId
    ? (await ctx.prisma.round.findFirst({ where: { id: a.roundId.id }, select: { mapId: true } }))?.mapId
    : undefined;
  const roots = a.unitCode
    ? await ctx.prisma.unit.findMany({ where: { code: a.unitCode, ...(mapId ? { mapId } : {}) } })
    : [];
  const root = roots[0] ?? null;
  if (a.unitCode && !root) throw new NotFoundError("đơn vị", a.unitCode);
  const where: Prisma.AssessmentWhereInput = {
    AND: [
      visibleAssessmentsWhere(ctx.viewer),
      a.roundId ? { roundId: a.roundId.id } : {},
      a.year ? { round: { year: a.year } } : {},
      roots.length > 0 ? { OR: roots.map((r) => ({ unit: { mapId: r.mapId, ...subtreeWhere(r.path) } })) } : {},
      a.status ? { status: { in: a.status } } : {},
      a.recognisedLevel !== null && a.recognisedLevel !== undefined ? { recognisedLevel: a.recognisedLevel } : {},
      a.computedLevel !== null && a.computedLevel !== undefined ? { computedLevel: a.computedLevel } : {},
      a.search ? { unit: searchFilter(a.search) } : {},
    ],
  };
  return a.actionable ? { id: { in: await actionableIds(ctx, where) } } : where;
}

builder.queryFields((t) => ({
  assessment: t.prismaField({
    type: "Assessment",
    args: { id: t.arg.globalID() },
    resolve: (_q, _r, a, ctx) => readableAssessment(ctx.prisma, ctx.viewer, a.id.id),
  }),
  assessments: t.prismaConnection({
    type: "Assessment",
    cursor: "tenantId_id",
    description: "Hồ sơ đánh giá: theo đợt, nhánh đơn vị, trạng thái, mức",
    args: {
      roundId: t.arg.globalID({ required: false }),
      year: t.arg.int({ required: false }),
      unitCode: t.arg.string({ required: false, description: "Mã GSO của gốc nhánh đơn vị" }),
      status: t.arg({ type: [AssessmentStatusEnum], required: false }),
      recognisedLevel: t.arg.int({ required: false }),
      computedLevel: t.arg.int({ required: false }),
      search: t.arg.string({ required: false, validate: z.string().max(100, "tối đa 100 ký tự") }),
      actionable: t.arg.boolean({
        required: false,
        description: "Cần xử lý: chỉ hồ sơ người hỏi đang được làm một thao tác (theo bảng thao tác của API)",
      }),
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
