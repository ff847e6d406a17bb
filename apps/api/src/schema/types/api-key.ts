/** Read-only API keys for third parties, issued by each tenant's own admin. */
import { z } from "zod";
import { builder } from "../../builder.ts";
import { can, ensure } from "../../services/access.ts";
import { createApiKey, revokeApiKey } from "../../services/api-keys.ts";

builder.prismaObject("ApiKey", {
  description: "Khoá API chỉ đọc cho bên thứ ba",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    prefix: t.exposeString("prefix"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
  }),
});

const CreatedKeyRef = builder.objectRef<{ apiKey: { id: string }; key: string }>("CreatedApiKey").implement({
  fields: (t) => ({
    key: t.exposeString("key", { description: "Chỉ hiển thị một lần; hãy lưu lại" }),
    apiKey: t.prismaField({
      type: "ApiKey",
      resolve: (q, r, _a, ctx) => ctx.prisma.apiKey.findUniqueOrThrow({ ...q, where: { id: r.apiKey.id } }),
    }),
  }),
});

builder.queryFields((t) => ({
  apiKeys: t.prismaField({
    type: ["ApiKey"],
    args: { tenantId: t.arg.string() },
    resolve: (q, _r, a, ctx) => {
      ensure(can.manageApiKeys(ctx.viewer, a.tenantId));
      return ctx.prisma.apiKey.findMany({ ...q, where: { tenantId: a.tenantId }, orderBy: { createdAt: "desc" } });
    },
  }),
}));

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedKeyRef,
    args: { tenantId: t.arg.string(), name: t.arg.string({ validate: z.string().max(120, "tối đa 120 ký tự") }) },
    errors: {},
    resolve: (_r, a, ctx) => createApiKey(ctx.prisma, ctx.viewer, a),
  }),
  revokeApiKey: t.prismaField({
    type: "ApiKey",
    args: { id: t.arg.id() },
    errors: {},
    resolve: (_q, _r, a, ctx) => revokeApiKey(ctx.prisma, ctx.viewer, { id: String(a.id), now: ctx.now() }),
  }),
}));
