import { z } from "zod";
import { builder } from "../builder.ts";
import { login, logout } from "../services/auth.ts";
import { requireWriter } from "../services/access.ts";
import { RoleEnum } from "./enums.ts";

interface GrantView {
  role: string;
  tenantId: string;
  unitId: string | null;
}

const GrantRef = builder.objectRef<GrantView>("RoleGrant").implement({
  description: "Một vai trò trên một nhánh đơn vị",
  fields: (t) => ({
    role: t.field({ type: RoleEnum, resolve: (g) => g.role as never }),
    tenantId: t.exposeString("tenantId"),
    unit: t.prismaField({
      type: "Unit",
      nullable: true,
      resolve: (query, g, _a, ctx) => (g.unitId ? ctx.prisma.unit.findUnique({ ...query, where: { id: g.unitId } }) : null),
    }),
  }),
});

interface MeView {
  userId: string;
  name: string;
  email: string;
  grants: GrantView[];
}

const MeRef = builder.objectRef<MeView>("Me").implement({
  description: "Người dùng đang đăng nhập",
  fields: (t) => ({
    id: t.exposeID("userId"),
    name: t.exposeString("name"),
    email: t.exposeString("email"),
    roles: t.field({ type: [GrantRef], resolve: (m) => m.grants }),
  }),
});

builder.queryField("me", (t) =>
  t.field({
    type: MeRef,
    nullable: true,
    description: "Người dùng đang đăng nhập; null nếu chưa đăng nhập",
    resolve: (_r, _a, ctx) => (ctx.viewer.kind === "user" ? ctx.viewer : null),
  }),
);

const LoginResult = builder.objectRef<{ csrfToken: string; userId: string }>("LoginResult").implement({
  fields: (t) => ({
    csrfToken: t.exposeString("csrfToken", { description: "Gửi lại trong header x-csrf-token với mọi thao tác thay đổi dữ liệu" }),
    me: t.field({
      type: MeRef,
      resolve: async (r, _a, ctx) => {
        const u = await ctx.prisma.user.findUniqueOrThrow({ where: { id: r.userId }, include: { roles: true } });
        return { userId: u.id, name: u.name, email: u.email, grants: u.roles };
      },
    }),
  }),
});

builder.mutationField("login", (t) =>
  t.field({
    type: LoginResult,
    description: "Đăng nhập bằng email và mật khẩu; đặt cookie phiên httpOnly",
    args: {
      email: t.arg.string({ validate: z.string().max(200, "tối đa 200 ký tự") }),
      password: t.arg.string({ validate: z.string().max(200, "tối đa 200 ký tự") }),
    },
    errors: {},
    resolve: async (_r, args, ctx) => {
      const r = await login(ctx.prisma, ctx, args.email, args.password);
      ctx.setCookies.push(r.cookie);
      return r;
    },
  }),
);

builder.mutationField("logout", (t) =>
  t.boolean({
    errors: {},
    resolve: async (_r, _a, ctx) => {
      const u = requireWriter(ctx.viewer);
      ctx.setCookies.push(await logout(ctx.prisma, u.sessionId));
      return true;
    },
  }),
);
