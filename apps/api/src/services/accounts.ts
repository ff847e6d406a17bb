/**
 * Accounts of a tenant, run by its own admin (`can.manageAccounts`: a province's Sở for itself, the ministry for
 * "vn"): the users holding its roles, a new account with a first role and a temporary password (shown once; the
 * user changes it at first sign-in), roles granted and revoked on the tenant's units, a password reset, an account
 * disabled or enabled. Each change is one transaction with its audit event; resetting and disabling end the
 * account's sessions. Which roles a tenant grants and whose account it resets are access rules (access.ts).
 */
import { randomInt } from "node:crypto";
import { compareVietnamese } from "@cds/criteria-schema";
import { ForbiddenError, InputError, NotFoundError, WorkflowError, type FieldIssue } from "../errors.ts";
import type { Prisma, PrismaClient, Role } from "../generated/prisma/client.ts";
import { accountOfTenant, can, ensure, grantableRoles, requireWriter, type Viewer } from "./access.ts";
import { audit, type Tx } from "./audit.ts";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./auth.ts";

export interface AccountRoleView {
  id: string;
  role: Role;
  tenantId: string;
  unitId: string | null;
}

export type AccountStatus = "ACTIVE" | "MUST_CHANGE_PASSWORD" | "DISABLED";

/** An account as its tenant's admin sees it: its roles in that tenant only. */
export interface AccountView {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
  disabledAt: Date | null;
  mustChangePassword: boolean;
  status: AccountStatus;
  lastSeenAt: Date | null;
  roles: AccountRoleView[];
  /** It holds roles of another tenant (or the ministry's) too: its roles here are managed here, the account is not. */
  sharedElsewhere: boolean;
}

/** An account and the temporary password just given to it (null when the admin chose the password). */
export interface AccountPassword {
  account: AccountView;
  temporaryPassword: string | null;
}

/** Roles that mean nothing without a unit: a unit's own staff, the Phòng of a district. */
const NEEDS_UNIT: readonly Role[] = ["UNIT_EDITOR", "DISTRICT_OFFICER"];

const MAX_EMAIL = 200;
const MAX_NAME = 200;
const MAX_PASSWORD = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const FORBIDDEN_VI = "Chỉ quản trị của tỉnh (Bộ với tài khoản của Bộ) mới quản lý tài khoản của tỉnh";
const FORBIDDEN_EN = "Only the tenant's own admin (the ministry for its own) manages its accounts";

const accountInclude = {
  roles: { orderBy: [{ role: "asc" }, { id: "asc" }] },
  sessions: { select: { lastSeenAt: true }, orderBy: { lastSeenAt: "desc" }, take: 1 },
} satisfies Prisma.UserInclude;
type AccountRow = Prisma.UserGetPayload<{ include: typeof accountInclude }>;

function viewOf(u: AccountRow, tenantId: string): AccountView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    createdAt: u.createdAt,
    disabledAt: u.disabledAt,
    mustChangePassword: u.mustChangePassword,
    status: u.disabledAt ? "DISABLED" : u.mustChangePassword ? "MUST_CHANGE_PASSWORD" : "ACTIVE",
    lastSeenAt: u.sessions[0]?.lastSeenAt ?? null,
    roles: u.roles
      .filter((r) => r.tenantId === tenantId)
      .map((r) => ({ id: r.id, role: r.role, tenantId: r.tenantId, unitId: r.unitId })),
    sharedElsewhere: !accountOfTenant(u.roles, tenantId),
  };
}

const canManage = (viewer: Viewer, tenantId: string) =>
  ensure(can.manageAccounts(viewer, tenantId), FORBIDDEN_VI, FORBIDDEN_EN);

/** The users holding a role of the tenant, by name. */
export async function listAccounts(prisma: PrismaClient, viewer: Viewer, tenantId: string): Promise<AccountView[]> {
  canManage(viewer, tenantId);
  const users = await prisma.user.findMany({ where: { roles: { some: { tenantId } } }, include: accountInclude });
  return users.map((u) => viewOf(u, tenantId)).sort((a, b) => compareVietnamese(a.name, b.name));
}

/** A readable temporary password, e.g. "k7dq-wm3x-p9ta": no 0/o, 1/l/i to misread when it is passed on by phone. */
export function temporaryPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join("");
  return `${group()}-${group()}-${group()}`;
}

function checkPassword(password: string, issues: FieldIssue[]): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD)
    issues.push({
      field: "password",
      message: `mật khẩu từ ${MIN_PASSWORD_LENGTH} đến ${MAX_PASSWORD} ký tự`,
      messageEn: `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD} characters`,
    });
}

/** The role and unit of a grant in the tenant, checked: issues name `role` and `unitId`. */
async function checkGrant(
  db: PrismaClient | Tx,
  tenantId: string,
  role: Role,
  unitId: string | null,
  issues: FieldIssue[],
): Promise<void> {
  if (!grantableRoles(tenantId).includes(role)) {
    issues.push({
      field: "role",
      message: "vai trò này không được cấp ở đây",
      messageEn: "this role cannot be granted here",
    });
  } else if (unitId === null && NEEDS_UNIT.includes(role)) {
    issues.push({
      field: "unitId",
      message: "vai trò này cần một đơn vị (xã, huyện, sở, ngành)",
      messageEn: "this role needs a unit",
    });
  }
  if (unitId !== null) {
    const unit = await db.unit.findUnique({ where: { id: unitId }, select: { tenantId: true } });
    // A unit of another tenant is as unknown as one that does not exist.
    if (!unit || unit.tenantId !== tenantId)
      issues.push({
        field: "unitId",
        message: "không tìm thấy đơn vị này trong tỉnh",
        messageEn: "no such unit in this tenant",
      });
  }
}

/** A user holding a role of the tenant (the only ones its admin sees), else not found. */
async function tenantAccount(db: PrismaClient | Tx, tenantId: string, userId: string): Promise<AccountRow> {
  const u = await db.user.findUnique({ where: { id: userId }, include: accountInclude });
  if (!u || !u.roles.some((r) => r.tenantId === tenantId)) throw new NotFoundError("tài khoản", userId);
  return u;
}

/** Reset and disable touch the whole account: only one whose every role is of the tenant, and never one's own. */
function requireWholeAccount(viewer: Viewer, u: AccountRow, tenantId: string, what: readonly [string, string]): void {
  if (viewer.kind === "user" && viewer.userId === u.id)
    throw new WorkflowError(`Không thể ${what[0]} tài khoản của chính mình`, `You cannot ${what[1]} your own account`);
  if (!accountOfTenant(u.roles, tenantId))
    throw new ForbiddenError(
      `Không thể ${what[0]} một tài khoản có vai trò ở đơn vị khác (hoặc của Bộ)`,
      `You cannot ${what[1]} an account that holds roles elsewhere (or the ministry's)`,
    );
}

const isUniqueViolation = (e: unknown) => (e as { code?: unknown }).code === "P2002";

export interface CreateAccountInput {
  tenantId: string;
  email: string;
  name: string;
  role: Role;
  unitId: string | null;
  /** The first password, if the admin chooses it; otherwise one is generated. Either way it is changed at first sign-in. */
  password: string | null;
}

export async function createAccount(
  prisma: PrismaClient,
  viewer: Viewer,
  input: CreateAccountInput,
): Promise<AccountPassword> {
  requireWriter(viewer);
  canManage(viewer, input.tenantId);
  const issues: FieldIssue[] = [];
  const email = input.email.trim().toLowerCase();
  if (email.length > MAX_EMAIL || !EMAIL.test(email))
    issues.push({ field: "email", message: "email không hợp lệ", messageEn: "invalid email" });
  else if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
    issues.push({ field: "email", message: "đã có tài khoản với email này", messageEn: "an account has this email" });
  }
  const name = input.name.trim();
  if (name.length < 2 || name.length > MAX_NAME)
    issues.push({ field: "name", message: `tên từ 2 đến ${MAX_NAME} ký tự`, messageEn: `2 to ${MAX_NAME} characters` });
  if (input.password !== null) checkPassword(input.password, issues);
  await checkGrant(prisma, input.tenantId, input.role, input.unitId, issues);
  if (issues.length > 0) throw new InputError(issues);

  const generated = input.password === null ? temporaryPassword() : null;
  const passwordHash = await hashPassword(input.password ?? generated!);
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email,
          name,
          passwordHash,
          mustChangePassword: true,
          roles: { create: { role: input.role, tenantId: input.tenantId, unitId: input.unitId } },
        },
        include: accountInclude,
      });
      await audit(tx, viewer, {
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        tenantId: input.tenantId,
        after: {
          email,
          name,
          role: input.role,
          unitId: input.unitId,
          password: generated ? "generated" : "given",
          mustChangePassword: true,
        },
      });
      return { account: viewOf(user, input.tenantId), temporaryPassword: generated };
    });
  } catch (e) {
    // Two admins creating the same email at once: the second is told as if it had been there first.
    if (isUniqueViolation(e))
      throw InputError.field("email", "đã có tài khoản với email này", "an account has this email");
    throw e;
  }
}

export async function grantRole(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { tenantId: string; userId: string; role: Role; unitId: string | null },
): Promise<AccountView> {
  requireWriter(viewer);
  canManage(viewer, input.tenantId);
  return prisma.$transaction(async (tx) => {
    await tenantAccount(tx, input.tenantId, input.userId);
    const issues: FieldIssue[] = [];
    await checkGrant(tx, input.tenantId, input.role, input.unitId, issues);
    if (issues.length === 0) {
      const same = await tx.roleAssignment.findFirst({
        where: { userId: input.userId, role: input.role, tenantId: input.tenantId, unitId: input.unitId },
      });
      if (same)
        issues.push({
          field: "role",
          message: "tài khoản đã có vai trò này trên đơn vị này",
          messageEn: "the account already has this role on this unit",
        });
    }
    if (issues.length > 0) throw new InputError(issues);
    const row = await tx.roleAssignment.create({
      data: { userId: input.userId, role: input.role, tenantId: input.tenantId, unitId: input.unitId },
    });
    await audit(tx, viewer, {
      action: "user.grantRole",
      entityType: "User",
      entityId: input.userId,
      tenantId: input.tenantId,
      after: { roleId: row.id, role: row.role, unitId: row.unitId },
    });
    return viewOf(await tenantAccount(tx, input.tenantId, input.userId), input.tenantId);
  });
}

export async function revokeRole(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { roleId: string },
): Promise<AccountView> {
  const me = requireWriter(viewer);
  return prisma.$transaction(async (tx) => {
    const row = await tx.roleAssignment.findUnique({ where: { id: input.roleId } });
    if (!row || !can.manageAccounts(viewer, row.tenantId)) throw new NotFoundError("vai trò", input.roleId);
    if (!grantableRoles(row.tenantId).includes(row.role))
      throw new ForbiddenError("Vai trò này không thu hồi được ở đây", "This role cannot be revoked here");
    const others = await tx.roleAssignment.findMany({ where: { userId: row.userId, id: { not: row.id } } });
    if (others.length === 0)
      throw new WorkflowError(
        "Đây là vai trò cuối cùng của tài khoản: hãy khoá tài khoản thay vì thu hồi",
        "This is the account's last role: disable the account instead",
      );
    if (
      row.userId === me.userId &&
      row.role === "PROVINCE_ADMIN" &&
      !others.some((o) => o.role === "PROVINCE_ADMIN" && o.tenantId === row.tenantId)
    )
      throw new WorkflowError(
        "Không thể thu hồi vai trò quản trị tỉnh cuối cùng của chính mình",
        "You cannot revoke your own last province admin role",
      );
    await tx.roleAssignment.delete({ where: { id: row.id } });
    await audit(tx, viewer, {
      action: "user.revokeRole",
      entityType: "User",
      entityId: row.userId,
      tenantId: row.tenantId,
      before: { roleId: row.id, role: row.role, unitId: row.unitId },
    });
    return viewOf(await tenantAccount(tx, row.tenantId, row.userId), row.tenantId);
  });
}

/** A new temporary password (generated, shown once), to be changed at next sign-in; the account's sessions end. */
export async function resetAccountPassword(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { tenantId: string; userId: string },
): Promise<AccountPassword> {
  requireWriter(viewer);
  canManage(viewer, input.tenantId);
  const generated = temporaryPassword();
  const passwordHash = await hashPassword(generated);
  return prisma.$transaction(async (tx) => {
    const u = await tenantAccount(tx, input.tenantId, input.userId);
    requireWholeAccount(viewer, u, input.tenantId, ["đặt lại mật khẩu của", "reset the password of"]);
    await tx.user.update({ where: { id: input.userId }, data: { passwordHash, mustChangePassword: true } });
    const ended = await tx.session.deleteMany({ where: { userId: input.userId } });
    await audit(tx, viewer, {
      action: "user.resetPassword",
      entityType: "User",
      entityId: input.userId,
      tenantId: input.tenantId,
      after: { mustChangePassword: true, endedSessions: ended.count },
    });
    return {
      account: viewOf(await tenantAccount(tx, input.tenantId, input.userId), input.tenantId),
      temporaryPassword: generated,
    };
  });
}

/** Disables (it cannot sign in; its sessions end; its history stays) or enables an account. */
export async function setAccountDisabled(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { tenantId: string; userId: string; disabled: boolean; now: Date },
): Promise<AccountView> {
  requireWriter(viewer);
  canManage(viewer, input.tenantId);
  return prisma.$transaction(async (tx) => {
    const u = await tenantAccount(tx, input.tenantId, input.userId);
    requireWholeAccount(viewer, u, input.tenantId, input.disabled ? ["khoá", "disable"] : ["mở khoá", "enable"]);
    if ((u.disabledAt !== null) === input.disabled) return viewOf(u, input.tenantId);
    const disabledAt = input.disabled ? input.now : null;
    await tx.user.update({ where: { id: u.id }, data: { disabledAt } });
    const ended = input.disabled ? (await tx.session.deleteMany({ where: { userId: u.id } })).count : 0;
    await audit(tx, viewer, {
      action: input.disabled ? "user.disable" : "user.enable",
      entityType: "User",
      entityId: u.id,
      tenantId: input.tenantId,
      before: { disabledAt: u.disabledAt },
      after: { disabledAt, ...(input.disabled ? { endedSessions: ended } : {}) },
    });
    return viewOf(await tenantAccount(tx, input.tenantId, u.id), input.tenantId);
  });
}
