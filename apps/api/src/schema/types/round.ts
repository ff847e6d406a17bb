/** Rounds (đợt đánh giá): reading them with their deadlines and summary, opening one. */
import { rowKey } from "../../services/tenant-keys.ts";
import { z } from "zod";
import { deadline } from "@cds/calendar";
import { builder } from "../../builder.ts";
import { reviewChainOf } from "../../services/access.ts";
import { extendDeadline, openRound, setRoundClosed, updateRound } from "../../services/rounds.ts";
import { roundSummary } from "../../services/summaries.ts";
import { DeadlineRef } from "./deadline.ts";
import { ReviewChainRef } from "./unit.ts";

const LatePolicyEnum = builder.enumType("LatePolicy", {
  description: "Hồ sơ nộp sau hạn của đơn vị",
  values: {
    FLAG: { description: "Nhận và đánh dấu trễ hạn" },
    REFUSE: { description: "Không nhận (đơn vị cần được gia hạn)" },
  } as const,
});

builder.prismaNode("Round", {
  description: "Đợt đánh giá hằng năm của một tỉnh cho một cấp đơn vị",
  // The primary key is (tenant, id); a global id names the round by its id (see Assessment).
  id: { resolve: (r) => r.id },
  findUnique: (id, ctx) =>
    ctx.prisma.round
      .findFirstOrThrow({ where: { id }, select: { tenantId: true } })
      .then(({ tenantId }) => rowKey({ tenantId, id })),
  fields: (t) => ({
    year: t.exposeInt("year"),
    name: t.exposeString("name"),
    unitKind: t.exposeString("unitKind"),
    judgedBy: t.exposeString("judgedBy", {
      description: "Cách đánh giá của bộ được ghim: levels (mức độ), points (chấm điểm), both (điểm và xếp loại)",
    }),
    map: t.relation("map", { description: "Bản đồ hành chính của các đơn vị được đánh giá" }),
    reviewChain: t.field({
      type: ReviewChainRef,
      description: "Ai xác minh, thẩm định, công nhận trong đợt này (dữ liệu của đợt)",
      resolve: (r) => reviewChainOf(r),
    }),
    tenant: t.relation("tenant"),
    setVersion: t.relation("setVersion", { description: "Phiên bản bộ tiêu chí được ghim cho đợt này" }),
    registerDueAt: t.expose("registerDueAt", { type: "Date", nullable: true, description: "Hạn đăng ký mức độ" }),
    latePolicy: t.field({
      type: LatePolicyEnum,
      description: "Hồ sơ nộp sau hạn của đơn vị: FLAG (nhận, đánh dấu trễ hạn) hoặc REFUSE (không nhận)",
      resolve: (r) => (r.latePolicy === "REFUSE" ? "REFUSE" : "FLAG"),
    }),
    closedAt: t.expose("closedAt", {
      type: "DateTime",
      nullable: true,
      description: "Thời điểm đóng đợt (không nhập, nộp thêm)",
    }),
    submitDueAt: t.expose("submitDueAt", { type: "Date", description: "Hạn nộp hồ sơ tự đánh giá" }),
    reviewDueAt: t.expose("reviewDueAt", { type: "Date", description: "Hạn thẩm định, công nhận" }),
    submitDeadline: t.field({
      type: DeadlineRef,
      description: "Hạn nộp hồ sơ tự đánh giá và số ngày còn lại",
      resolve: (r, _a, ctx) => deadline(r.submitDueAt, ctx.now()),
    }),
    reviewDeadline: t.field({
      type: DeadlineRef,
      description: "Hạn thẩm định, công nhận và số ngày còn lại",
      resolve: (r, _a, ctx) => deadline(r.reviewDueAt, ctx.now()),
    }),
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
      description: "Số đơn vị theo mức số liệu đạt hiện nay (0 đến số mức của bộ tiêu chí được ghim)",
    }),
    byRecognisedLevel: t.exposeIntList("byRecognisedLevel", {
      description: "Số đơn vị theo mức đã công nhận (0 đến số mức của bộ tiêu chí được ghim)",
    }),
    recognisedBasicOrAbove: t.exposeInt("recognisedBasicOrAbove", {
      description: "Số đơn vị đã được công nhận từ mức Cơ bản trở lên (theo khung quốc gia)",
    }),
    reviewQueueStatuses: t.exposeStringList("reviewQueueStatuses", {
      description: "Các trạng thái đang chờ xử lý (chờ xác minh, thẩm định hoặc công nhận), theo thứ tự",
    }),
    reviewQueue: t.exposeInt("reviewQueue", { description: "Hồ sơ đang chờ xác minh, thẩm định hoặc công nhận" }),
    late: t.exposeInt("late", {
      description: "Đơn vị trễ hạn: nộp sau hạn của đơn vị (được đánh dấu), hoặc chưa nộp khi đã quá hạn",
    }),
  }),
});

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
      roundId: t.arg.globalID(),
      unitCode: t.arg.string({ required: false, description: "Chỉ tính nhánh đơn vị này (vd. một huyện)" }),
    },
    resolve: (_r, a, ctx) => roundSummary(ctx.prisma, ctx.viewer, a.roundId.id, a.unitCode ?? null, ctx.now()),
  }),
}));

builder.mutationFields((t) => ({
  openRound: t.prismaField({
    type: "Round",
    description: "Mở đợt đánh giá: tạo hồ sơ cho mọi đơn vị của cấp tương ứng",
    args: {
      tenantId: t.arg.string(),
      year: t.arg.int(),
      setVersionId: t.arg.globalID(),
      name: t.arg.string({ required: false, validate: z.string().max(300, "tối đa 300 ký tự") }),
      registerDueAt: t.arg({ type: "Date", required: false }),
      submitDueAt: t.arg({ type: "Date" }),
      reviewDueAt: t.arg({ type: "Date" }),
      latePolicy: t.arg({ type: LatePolicyEnum, required: false }),
      mapId: t.arg.string({
        required: false,
        description:
          "Bản đồ hành chính (2025-03: 3 cấp, 2025-07: 2 cấp); mặc định: bản đồ có hiệu lực ngày 01/01 của năm",
      }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) => openRound(ctx.prisma, ctx.viewer, { ...a, setVersionId: a.setVersionId.id }),
  }),
  updateRound: t.prismaField({
    type: "Round",
    description: "Sửa tên, các thời hạn hoặc cách xử lý hồ sơ nộp muộn của một đợt (ghi nhật ký)",
    args: {
      roundId: t.arg.globalID(),
      name: t.arg.string({ required: false, validate: z.string().max(300, "tối đa 300 ký tự") }),
      registerDueAt: t.arg({ type: "Date", required: false }),
      submitDueAt: t.arg({ type: "Date", required: false }),
      reviewDueAt: t.arg({ type: "Date", required: false }),
      latePolicy: t.arg({ type: LatePolicyEnum, required: false }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) => updateRound(ctx.prisma, ctx.viewer, { ...a, roundId: a.roundId.id }),
  }),
  closeRound: t.prismaField({
    type: "Round",
    description: "Đóng đợt (closed: true) hoặc mở lại (closed: false)",
    args: { roundId: t.arg.globalID(), closed: t.arg.boolean() },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      setRoundClosed(ctx.prisma, ctx.viewer, { roundId: a.roundId.id, closed: a.closed, now: ctx.now() }),
  }),
  extendDeadline: t.prismaField({
    type: "Assessment",
    description: "Gia hạn nộp hồ sơ cho một đơn vị, kèm lý do (ghi nhật ký)",
    args: {
      assessmentId: t.arg.globalID(),
      dueAt: t.arg({ type: "Date" }),
      reason: t.arg.string({ validate: z.string().max(1000, "tối đa 1.000 ký tự") }),
    },
    errors: {},
    resolve: async (query, _r, a, ctx) => {
      await extendDeadline(ctx.prisma, ctx.viewer, {
        assessmentId: a.assessmentId.id,
        dueAt: a.dueAt,
        reason: a.reason,
        now: ctx.now(),
      });
      return ctx.prisma.assessment.findFirstOrThrow({ ...query, where: { id: a.assessmentId.id } });
    },
  }),
}));
