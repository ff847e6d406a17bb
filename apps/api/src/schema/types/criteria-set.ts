/** Criteria sets and their versions: reading them, cloning, editing a draft, publishing. */
import { z } from "zod";
import { diff } from "@cds/criteria-core";
import { formatTarget, judgedBy, type TCriteriaSet, type TCriterion } from "@cds/criteria-schema";
import { builder } from "../../builder.ts";
import { setVersionActions, visibleSetsWhere, visibleVersionsWhere } from "../../services/access.ts";
import {
  cloneVersion,
  createSet,
  documentOf,
  draftIssues,
  publishVersion,
  readableVersion,
  updateDraft,
} from "../../services/sets.ts";
import { SetVersionActionEnum, VersionStatusEnum } from "../enums.ts";
import { SetIssueRef } from "../errors.ts";
import { SetDiffRef } from "./set-diff.ts";

const CriterionRef = builder.objectRef<{ c: TCriterion; set: TCriteriaSet }>("Criterion").implement({
  description: "Một tiêu chí thành phần",
  fields: (t) => ({
    code: t.string({ resolve: (x) => x.c.code }),
    group: t.string({ resolve: (x) => x.c.group }),
    name: t.string({ resolve: (x) => x.c.name }),
    unit: t.string({ resolve: (x) => x.c.unit }),
    measure: t.string({ resolve: (x) => x.c.measure }),
    method: t.string({ resolve: (x) => x.c.method }),
    legalBasis: t.stringList({ resolve: (x) => x.c.legalBasis }),
    local: t.boolean({ resolve: (x) => x.c.local }),
    exemptWhenNoSubjects: t.boolean({ resolve: (x) => x.c.exemptWhenNoSubjects }),
    targets: t.field({
      type: "JSON",
      description: "Chỉ tiêu theo mức, null = Không áp dụng",
      resolve: (x) => x.c.targets,
    }),
    targetLabels: t.stringList({
      description: "Chỉ tiêu theo mức, dạng chữ",
      resolve: (x) => x.c.targets.map((tg) => formatTarget(x.c, tg)),
    }),
  }),
});

builder.prismaNode("CriteriaSet", {
  description: "Bộ tiêu chí (của Bộ hoặc của một tỉnh)",
  id: { field: "id" },
  fields: (t) => ({
    code: t.exposeString("id", { description: "Mã bộ, vd. vn-2361-commune" }),
    title: t.exposeString("title"),
    unitKind: t.exposeString("unitKind"),
    tenant: t.relation("tenant"),
    versions: t.prismaField({
      type: ["CriteriaSetVersion"],
      description: "Các phiên bản, mới nhất trước (bản nháp chỉ hiện với đơn vị sở hữu)",
      resolve: (query, set, _a, ctx) =>
        ctx.prisma.criteriaSetVersion.findMany({
          ...query,
          where: { setId: set.id, ...visibleVersionsWhere(ctx.viewer, set) },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        }),
    }),
  }),
});

builder.prismaNode("CriteriaSetVersion", {
  description: "Một phiên bản của bộ tiêu chí; đã công bố thì bất biến",
  id: { field: "id" },
  fields: (t) => ({
    version: t.exposeString("version"),
    status: t.field({ type: VersionStatusEnum, resolve: (v) => v.status }),
    allowedActions: t.field({
      type: [SetVersionActionEnum],
      description: "Những thao tác người dùng hiện tại được làm với phiên bản này (rỗng với người chỉ xem)",
      resolve: async (v, _a, ctx) => {
        const set = await ctx.prisma.criteriaSet.findUniqueOrThrow({ where: { id: v.setId } });
        return setVersionActions(ctx.viewer, set, v);
      },
    }),
    set: t.relation("set"),
    document: t.field({
      type: "JSON",
      description: "Toàn bộ tài liệu JSON của bộ tiêu chí",
      resolve: (v) => v.document,
    }),
    title: t.string({ resolve: (v) => documentOf(v).title }),
    unitKind: t.string({ resolve: (v) => documentOf(v).unitKind }),
    judgedBy: t.string({
      description: "Cách đánh giá: levels (mức độ), points (chấm điểm, xếp hạng), both (điểm và xếp loại)",
      resolve: (v) => judgedBy(documentOf(v)),
    }),
    criteria: t.field({
      type: [CriterionRef],
      resolve: (v) => documentOf(v).criteria.map((c) => ({ c, set: documentOf(v) })),
    }),
    decisionNumber: t.exposeString("decisionNumber", { nullable: true }),
    decisionDate: t.expose("decisionDate", { type: "Date", nullable: true }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    revision: t.exposeInt("revision", { description: "Gửi lại khi sửa bản nháp (chống ghi đè)" }),
    basedOn: t.relation("basedOn", { nullable: true, description: "Phiên bản gốc đã nhân bản" }),
    rebasedOnto: t.relation("rebasedOnto", {
      nullable: true,
      description: "Phiên bản quốc gia mới mà phiên bản này được cập nhật theo (cha thứ hai khi rebase)",
    }),
    issues: t.field({
      type: [SetIssueRef],
      description: "Lỗi của tài liệu theo criteria-schema (luôn rỗng với phiên bản đã công bố)",
      resolve: async (v, _a, ctx) => {
        const set = await ctx.prisma.criteriaSet.findUniqueOrThrow({ where: { id: v.setId } });
        return draftIssues(ctx.prisma, v, set, v.document);
      },
    }),
    diffFromBase: t.field({
      type: SetDiffRef,
      nullable: true,
      description: "Khác biệt so với phiên bản gốc",
      resolve: async (v, _a, ctx) => {
        if (!v.basedOnId) return null;
        const base = await ctx.prisma.criteriaSetVersion.findUniqueOrThrow({ where: { id: v.basedOnId } });
        return diff(documentOf(base), documentOf(v));
      },
    }),
  }),
});

builder.queryFields((t) => ({
  criteriaSets: t.prismaField({
    type: ["CriteriaSet"],
    description: "Các bộ tiêu chí: khung quốc gia và của các tỉnh",
    args: { tenant: t.arg.string({ required: false }), unitKind: t.arg.string({ required: false }) },
    resolve: (query, _r, args, ctx) =>
      ctx.prisma.criteriaSet.findMany({
        ...query,
        where: {
          ...(args.tenant ? { tenantId: args.tenant } : {}),
          ...(args.unitKind ? { unitKind: args.unitKind } : {}),
          ...visibleSetsWhere(ctx.viewer),
        },
        orderBy: [{ tenantId: "asc" }, { unitKind: "asc" }, { id: "asc" }],
      }),
  }),
  criteriaSetVersion: t.prismaField({
    type: "CriteriaSetVersion",
    args: { id: t.arg.globalID() },
    resolve: (_q, _r, args, ctx) => readableVersion(ctx.prisma, ctx.viewer, args.id.id),
  }),
}));

builder.mutationFields((t) => ({
  cloneCriteriaSet: t.prismaField({
    type: "CriteriaSetVersion",
    description: 'Nhân bản một phiên bản thành bản nháp ("Nhân bản cho tỉnh" hoặc "tạo phiên bản mới")',
    args: {
      sourceVersionId: t.arg.globalID(),
      tenantId: t.arg.string(),
      setId: t.arg.string({ required: false }),
      title: t.arg.string({ required: false, validate: z.string().max(300, "tối đa 300 ký tự") }),
      startOver: t.arg.boolean({
        required: false,
        description:
          '"Bắt đầu lại từ bộ tiêu chí quốc gia": bắt buộc khi nhân bản bộ của đơn vị khác vào một bộ đã có phiên bản công bố (bỏ tiêu chí địa phương và chỉ tiêu riêng). Để giữ chúng, nhân bản phiên bản hiện hành của chính bộ đó.',
      }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      cloneVersion(ctx.prisma, ctx.viewer, {
        ...a,
        sourceVersionId: a.sourceVersionId.id,
      }),
  }),
  createCriteriaSet: t.prismaField({
    type: "CriteriaSetVersion",
    description:
      "Tạo bộ tiêu chí / bộ chỉ số riêng của đơn vị (không nhân bản), vd. bộ chỉ số sở, ban, ngành: bản nháp 1.0 của tài liệu",
    args: { tenantId: t.arg.string(), document: t.arg({ type: "JSON" }) },
    errors: {},
    resolve: (_q, _r, a, ctx) => createSet(ctx.prisma, ctx.viewer, { tenantId: a.tenantId, document: a.document }),
  }),
  updateCriteriaSetDraft: t.prismaField({
    type: "CriteriaSetVersion",
    description: "Thay toàn bộ tài liệu của bản nháp; kiểm tra bằng criteria-schema, lỗi kèm đường dẫn JSON",
    args: { versionId: t.arg.globalID(), document: t.arg({ type: "JSON" }), revision: t.arg.int() },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      updateDraft(ctx.prisma, ctx.viewer, {
        versionId: a.versionId.id,
        document: a.document,
        revision: a.revision,
      }),
  }),
  publishCriteriaSetVersion: t.prismaField({
    type: "CriteriaSetVersion",
    description: "Công bố bản nháp (số và ngày quyết định); sau đó không thể sửa",
    args: {
      versionId: t.arg.globalID(),
      decisionNumber: t.arg.string({ validate: z.string().max(100, "tối đa 100 ký tự") }),
      decisionDate: t.arg({ type: "Date" }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      publishVersion(ctx.prisma, ctx.viewer, {
        ...a,
        versionId: a.versionId.id,
        now: ctx.now(),
      }),
  }),
}));
