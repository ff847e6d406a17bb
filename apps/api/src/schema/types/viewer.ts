import { z } from "zod";
import { builder } from "../../builder.ts";
import type { YogaInitialContext } from "graphql-yoga";
import type { Context } from "../../context.ts";
import { RateLimitError } from "../../errors.ts";
import {
  changePassword,
  clearedSessionCookie,
  clientInfo,
  listSessions,
  login,
  logout,
  revokeSession,
  type SessionView,
} from "../../services/auth.ts";
import { capabilities, type Capabilities } from "../../services/access.ts";
import type { Role } from "../../generated/prisma/client.ts";
import { RoleEnum } from "../enums.ts";
import { ErrorInterface } from "../errors.ts";

builder.objectType(RateLimitError, {
  name: "RateLimitError",
  description: "Quá nhiều lần thử; thử lại sau",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    retryAfterSeconds: t.exposeInt("retryAfterSeconds", {
      nullable: true,
      description: "Số giây nên chờ trước khi thử lại",
    }),
  }),
});

/** yoga merges the HTTP request into the context. */
const requestOf = (ctx: Context) => (ctx as Context & Partial<YogaInitialContext>).request;

const SessionRef = builder.objectRef<SessionView>("UserSession").implement({
  description: "Một phiên đăng nhập của người dùng",
  fields: (t) => ({
    id: t.exposeID("id"),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Lúc đăng nhập" }),
    lastSeenAt: t.expose("lastSeenAt", {
      type: "DateTime",
      description: "Lần dùng gần nhất (cập nhật vài phút một lần)",
    }),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    userAgent: t.exposeString("userAgent", { nullable: true, description: "Trình duyệt (User-Agent) lúc đăng nhập" }),
    address: t.exposeString("address", { nullable: true, description: "Địa chỉ IP lúc đăng nhập" }),
    current: t.exposeBoolean("current", { description: "Phiên của chính yêu cầu này" }),
  }),
});

interface GrantView {
  role: Role;
  tenantId: string;
  unitId: string | null;
}

const GrantRef = builder.objectRef<GrantView>("RoleGrant").implement({
  description: "Một vai trò trên một nhánh đơn vị",
  fields: (t) => ({
    role: t.field({ type: RoleEnum, resolve: (g) => g.role }),
    tenantId: t.exposeString("tenantId"),
    unit: t.prismaField({
      type: "Unit",
      nullable: true,
      resolve: (query, g, _a, ctx) =>
        g.unitId ? ctx.prisma.unit.findUnique({ ...query, where: { id: g.unitId } }) : null,
    }),
  }),
});

const AdminSectionEnum = builder.enumType("AdminSection", {
  description: "Một mục trong trình đơn của trang quản trị",
  values: {
    NATIONAL: { description: "Tổng hợp toàn quốc" },
    COMPARE: { description: "So sánh các tỉnh" },
    SETS: { description: "Bộ tiêu chí" },
    ROUNDS: { description: "Đợt đánh giá" },
    REPORT: { description: "Báo cáo hằng năm gửi Bộ" },
    ACCOUNTS: { description: "Tài khoản và vai trò của tỉnh (của Bộ: tenant vn)" },
  } as const,
});

const CapabilitiesRef = builder.objectRef<Capabilities>("Capabilities").implement({
  description: "Người dùng đang đăng nhập được làm gì và vào trang nào: các ứng dụng hỏi API, không tự suy từ vai trò",
  fields: (t) => ({
    adminLanding: t.exposeString("adminLanding", {
      description:
        'Trang đầu của trang quản trị: "/national" (Bộ), "/rounds" (tỉnh, phòng, hội đồng, người xem), "/portal" (cán bộ đơn vị: trang dẫn sang cổng đơn vị, portalLanding), còn lại "/sets"',
    }),
    portalLanding: t.exposeString("portalLanding", {
      description: 'Trang đầu của cổng đơn vị: "/my" cho cán bộ nhập số liệu, còn lại "/"',
    }),
    adminSections: t.field({
      type: [AdminSectionEnum],
      description: "Các mục của trình đơn quản trị, theo thứ tự hiển thị",
      resolve: (c) => c.adminSections,
    }),
    ownTenant: t.exposeString("ownTenant", {
      nullable: true,
      description:
        'Mã đơn vị (tenant) mà người dùng điều hành bộ tiêu chí, đợt, báo cáo: tỉnh của quản trị tỉnh, "vn" cho Bộ',
    }),
    manageSets: t.exposeBoolean("manageSets", {
      description: "Được nhân bản, soạn và công bố bộ tiêu chí của ownTenant",
    }),
    readNational: t.exposeBoolean("readNational", { description: "Được xem tổng hợp và so sánh toàn quốc (Bộ)" }),
    decisionDocuments: t.exposeBoolean("decisionDocuments", {
      description: "Được tải dự thảo quyết định công nhận và phiếu kết quả của hồ sơ mình xét duyệt",
    }),
    minutesDocuments: t.exposeBoolean("minutesDocuments", { description: "Được tải biên bản thẩm định" }),
  }),
});

interface MeView {
  userId: string;
  name: string;
  email: string;
  grants: (GrantView & { readOnly?: boolean })[];
  mustChangePassword?: boolean;
}

const MeRef = builder.objectRef<MeView>("Me").implement({
  description: "Người dùng đang đăng nhập",
  fields: (t) => ({
    id: t.exposeID("userId"),
    name: t.exposeString("name"),
    email: t.exposeString("email"),
    roles: t.field({ type: [GrantRef], resolve: (m) => m.grants }),
    mustChangePassword: t.boolean({
      description:
        "Tài khoản đang dùng mật khẩu tạm (mới tạo, hoặc vừa được đặt lại): phải đổi mật khẩu trước; mọi thao tác khác bị từ chối",
      resolve: (m) => m.mustChangePassword ?? false,
    }),
    capabilities: t.field({
      type: CapabilitiesRef,
      description: "Người dùng được làm gì và vào trang nào (cùng quy tắc API kiểm tra)",
      resolve: (m) => capabilities(m.grants),
    }),
    sessions: t.field({
      type: [SessionRef],
      description: "Các phiên đăng nhập còn hiệu lực của người dùng (mới dùng nhất trước)",
      resolve: (_m, _a, ctx) => listSessions(ctx.prisma, ctx, ctx.viewer),
    }),
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
    csrfToken: t.exposeString("csrfToken", {
      description: "Gửi lại trong header x-csrf-token với mọi thao tác thay đổi dữ liệu",
    }),
    me: t.field({
      type: MeRef,
      resolve: async (r, _a, ctx) => {
        const u = await ctx.prisma.user.findUniqueOrThrow({
          where: { id: r.userId },
          include: { roles: { include: { tenant: { select: { validTo: true } } } } },
        });
        return {
          userId: u.id,
          name: u.name,
          email: u.email,
          // A closed tenant's roles only read, as in the session's viewer.
          grants: u.roles.map((g) => ({ ...g, readOnly: g.tenant.validTo !== null })),
          mustChangePassword: u.mustChangePassword,
        };
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
    errors: { types: [RateLimitError] },
    resolve: async (_r, args, ctx) => {
      const r = await login(ctx.prisma, ctx, args.email, args.password, clientInfo(requestOf(ctx)));
      ctx.setCookies.push(r.cookie);
      return r;
    },
  }),
);

builder.mutationField("logout", (t) =>
  t.boolean({
    errors: {},
    resolve: async (_r, _a, ctx) => {
      ctx.setCookies.push(await logout(ctx.prisma, ctx.viewer));
      return true;
    },
  }),
);

builder.mutationField("changePassword", (t) =>
  t.field({
    type: builder.objectRef<{ endedSessions: number }>("ChangePasswordResult").implement({
      fields: (f) => ({
        endedSessions: f.exposeInt("endedSessions", { description: "Số phiên khác đã bị đăng xuất" }),
      }),
    }),
    description:
      "Đổi mật khẩu (cần mật khẩu hiện tại; tối thiểu 8 ký tự); đăng xuất mọi phiên khác. Thay mật khẩu tạm: mustChangePassword thành false",
    args: {
      currentPassword: t.arg.string({ validate: z.string().max(200, "tối đa 200 ký tự") }),
      newPassword: t.arg.string({ validate: z.string().max(200, "tối đa 200 ký tự") }),
    },
    errors: {},
    resolve: (_r, args, ctx) => changePassword(ctx.prisma, ctx.viewer, args),
  }),
);

builder.mutationField("revokeSession", (t) =>
  t.boolean({
    description: "Đăng xuất một phiên của chính mình (id từ me.sessions)",
    args: { id: t.arg.id() },
    errors: {},
    resolve: async (_r, args, ctx) => {
      const r = await revokeSession(ctx.prisma, ctx.viewer, String(args.id));
      if (r.current) ctx.setCookies.push(clearedSessionCookie());
      return true;
    },
  }),
);
