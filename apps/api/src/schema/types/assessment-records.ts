/** The working data of an assessment: values, review comments, its history (reached only through its "work" fields). */
import { builder } from "../../builder.ts";

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

builder.prismaObject("ReviewComment", {
  description: "Ý kiến của cấp xét duyệt",
  fields: (t) => ({
    id: t.exposeID("id"),
    criterionCode: t.exposeString("criterionCode", { nullable: true }),
    body: t.exposeString("body"),
    needsEvidence: t.exposeBoolean("needsEvidence", { description: "Cần bổ sung minh chứng cho tiêu chí này" }),
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
