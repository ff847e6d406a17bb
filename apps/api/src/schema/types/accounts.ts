/** Accounts of a tenant, run by its own admin: list, create, grant and revoke roles, reset a password, disable. */
import { z } from "zod";
import { builder } from "../../builder.ts";
import { grantableRoles } from "../../services/access.ts";
import {
  createAccount,
  grantRole,
  listAccounts,
  resetAccountPassword,
  revokeRole,
  setAccountDisabled,
  type AccountPassword,
  type AccountRoleView,
  type AccountView,
} from "../../services/accounts.ts";
import { RoleEnum } from "../enums.ts";

const AccountStatusEnum = builder.enumType("AccountStatus", {
  description: "Trạng thái một tài khoản",
  values: {
    ACTIVE: { description: "Đang hoạt động" },
    MUST_CHANGE_PASSWORD: { description: "Chờ người dùng đổi mật khẩu tạm ở lần đăng nhập tới" },
    DISABLED: { description: "Đã khoá: không đăng nhập được (lịch sử giữ nguyên)" },
  } as const,
});

const AccountRoleRef = builder.objectRef<AccountRoleView>("AccountRole").implement({
  description: "Một vai trò của tài khoản trong tỉnh, trên một đơn vị (hoặc toàn tỉnh)",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Mã của lần cấp vai trò (để thu hồi)" }),
    role: t.field({ type: RoleEnum, resolve: (r) => r.role }),
    tenantId: t.exposeString("tenantId"),
    unit: t.prismaField({
      type: "Unit",
      nullable: true,
      description: "Đơn vị gốc của nhánh; trống: toàn tỉnh",
      resolve: (query, r, _a, ctx) =>
        r.unitId ? ctx.prisma.unit.findUnique({ ...query, where: { id: r.unitId } }) : null,
    }),
  }),
});

const AccountRef = builder.objectRef<AccountView>("Account").implement({
  description: "Một tài khoản có vai trò trong tỉnh, như quản trị tỉnh thấy",
  fields: (t) => ({
    id: t.exposeID("id"),
    email: t.exposeString("email"),
    name: t.exposeString("name"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    disabledAt: t.expose("disabledAt", { type: "DateTime", nullable: true, description: "Lúc bị khoá" }),
    mustChangePassword: t.exposeBoolean("mustChangePassword", {
      description: "Đang dùng mật khẩu tạm: phải đổi ở lần đăng nhập tới",
    }),
    status: t.field({ type: AccountStatusEnum, resolve: (a) => a.status }),
    lastSeenAt: t.expose("lastSeenAt", {
      type: "DateTime",
      nullable: true,
      description: "Lần dùng gần nhất của một phiên còn lưu",
    }),
    roles: t.field({ type: [AccountRoleRef], description: "Các vai trò trong tỉnh này", resolve: (a) => a.roles }),
    sharedElsewhere: t.exposeBoolean("sharedElsewhere", {
      description:
        "Tài khoản có cả vai trò ở đơn vị khác (hoặc của Bộ): vai trò trong tỉnh được cấp, thu hồi ở đây; đặt lại mật khẩu, khoá thì không",
    }),
  }),
});

const AccountPasswordRef = builder.objectRef<AccountPassword>("AccountPassword").implement({
  description: "Tài khoản và mật khẩu tạm vừa cấp",
  fields: (t) => ({
    account: t.field({ type: AccountRef, resolve: (r) => r.account }),
    temporaryPassword: t.exposeString("temporaryPassword", {
      nullable: true,
      description:
        "Mật khẩu tạm do hệ thống tạo, chỉ hiện một lần (trống khi quản trị tự đặt); người dùng đổi ở lần đăng nhập đầu",
    }),
  }),
});

const TenantAccountsRef = builder.objectRef<{ tenantId: string; accounts: AccountView[] }>("TenantAccounts").implement({
  description: "Tài khoản của một tỉnh (của Bộ: tenant vn) và các vai trò quản trị được cấp",
  fields: (t) => ({
    tenantId: t.exposeString("tenantId"),
    grantableRoles: t.field({
      type: [RoleEnum],
      description: "Vai trò quản trị được cấp trong tỉnh này (không bao giờ là quản trị Bộ)",
      resolve: (x) => [...grantableRoles(x.tenantId)],
    }),
    accounts: t.field({ type: [AccountRef], resolve: (x) => x.accounts }),
  }),
});

builder.queryField("tenantAccounts", (t) =>
  t.field({
    type: TenantAccountsRef,
    description: "Các tài khoản có vai trò trong tỉnh: chỉ quản trị của tỉnh (Bộ với tenant vn)",
    args: { tenantId: t.arg.string() },
    resolve: async (_r, a, ctx) => ({
      tenantId: a.tenantId,
      accounts: await listAccounts(ctx.prisma, ctx.viewer, a.tenantId),
    }),
  }),
);

const CreateAccountInputRef = builder.inputType("CreateAccountInput", {
  fields: (t) => ({
    tenantId: t.string({ description: "Tỉnh (vn: Bộ)" }),
    email: t.string({ validate: z.string().max(200, "tối đa 200 ký tự") }),
    name: t.string({ validate: z.string().max(200, "tối đa 200 ký tự") }),
    role: t.field({ type: RoleEnum, description: "Vai trò đầu tiên" }),
    unitId: t.globalID({ required: false, description: "Đơn vị của vai trò (trống: toàn tỉnh)" }),
    password: t.string({
      required: false,
      validate: z.string().max(200, "tối đa 200 ký tự"),
      description: "Mật khẩu ban đầu; bỏ trống để hệ thống tạo mật khẩu tạm",
    }),
  }),
});

const GrantRoleInputRef = builder.inputType("GrantRoleInput", {
  fields: (t) => ({
    tenantId: t.string(),
    userId: t.id(),
    role: t.field({ type: RoleEnum }),
    unitId: t.globalID({ required: false, description: "Đơn vị (trống: toàn tỉnh)" }),
  }),
});

builder.mutationFields((t) => ({
  createAccount: t.field({
    type: AccountPasswordRef,
    description:
      "Tạo tài khoản với một vai trò đầu tiên; mật khẩu tạm (hiện một lần) phải đổi ở lần đăng nhập đầu. Ghi nhật ký",
    args: { input: t.arg({ type: CreateAccountInputRef }) },
    errors: {},
    resolve: (_r, { input }, ctx) =>
      createAccount(ctx.prisma, ctx.viewer, {
        tenantId: input.tenantId,
        email: input.email,
        name: input.name,
        role: input.role,
        unitId: input.unitId?.id ?? null,
        password: input.password ?? null,
      }),
  }),
  grantRole: t.field({
    type: AccountRef,
    description: "Cấp một vai trò của tỉnh cho tài khoản, trên một đơn vị của tỉnh hoặc toàn tỉnh. Ghi nhật ký",
    args: { input: t.arg({ type: GrantRoleInputRef }) },
    errors: {},
    resolve: (_r, { input }, ctx) =>
      grantRole(ctx.prisma, ctx.viewer, {
        tenantId: input.tenantId,
        userId: String(input.userId),
        role: input.role,
        unitId: input.unitId?.id ?? null,
      }),
  }),
  revokeRole: t.field({
    type: AccountRef,
    description:
      "Thu hồi một vai trò (AccountRole.id); không thu hồi vai trò cuối cùng của tài khoản, hay vai trò quản trị tỉnh cuối cùng của chính mình. Ghi nhật ký",
    args: { roleId: t.arg.id() },
    errors: {},
    resolve: (_r, a, ctx) => revokeRole(ctx.prisma, ctx.viewer, { roleId: String(a.roleId) }),
  }),
  resetAccountPassword: t.field({
    type: AccountPasswordRef,
    description: "Đặt mật khẩu tạm mới (hiện một lần), phải đổi ở lần đăng nhập tới; các phiên của tài khoản kết thúc",
    args: { tenantId: t.arg.string(), userId: t.arg.id() },
    errors: {},
    resolve: (_r, a, ctx) =>
      resetAccountPassword(ctx.prisma, ctx.viewer, { tenantId: a.tenantId, userId: String(a.userId) }),
  }),
  setAccountDisabled: t.field({
    type: AccountRef,
    description: "Khoá (không đăng nhập được; các phiên kết thúc) hoặc mở khoá một tài khoản. Ghi nhật ký",
    args: { tenantId: t.arg.string(), userId: t.arg.id(), disabled: t.arg.boolean() },
    errors: {},
    resolve: (_r, a, ctx) =>
      setAccountDisabled(ctx.prisma, ctx.viewer, {
        tenantId: a.tenantId,
        userId: String(a.userId),
        disabled: a.disabled,
        now: ctx.now(),
      }),
  }),
}));
