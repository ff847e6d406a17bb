/**
 * Sign-in with passwords (argon2id hashes), httpOnly session cookies with a
 * per-session CSRF token, and read-only API keys for third parties (stored as
 * sha256 hashes, shown once).
 */
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { AppServices } from "../context.ts";
import { InputError, NotFoundError, RateLimitError, type FieldIssue } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { requirePasswordWriter, requireUser, requireWriter, type Grant, type Viewer } from "./access.ts";
import { audit } from "./audit.ts";

export const SESSION_COOKIE = "cds_session";

/** How stale a session's lastSeenAt may get before a request writes it again (one write per few minutes, not per request). */
const LAST_SEEN_EVERY_MS = 5 * 60_000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function viewerFromSession(
  prisma: PrismaClient,
  services: AppServices,
  token: string,
  csrfHeader: string | null,
): Promise<Viewer> {
  // One statement, in SQL (every request of a signed-in user begins here): the session, its user and the
  // user's grants with their subtree paths, the predecessors of the granted unit and of its tenant.
  const [session] = await services.db.sql.query<{
    id: string;
    userId: string;
    csrfToken: string;
    expiresAt: number;
    lastSeenAt: number;
    email: string;
    name: string;
    disabled: boolean;
    mustChangePassword: boolean;
    grants: Grant[];
  }>(
    `SELECT s.id, s."userId", s."csrfToken", u.email, u.name, u."disabledAt" IS NOT NULL AS disabled,
            u."mustChangePassword",
            (extract(epoch FROM s."expiresAt") * 1000)::float8 AS "expiresAt",
            (extract(epoch FROM s."lastSeenAt") * 1000)::float8 AS "lastSeenAt",
            COALESCE((
              SELECT json_agg(json_build_object(
                       'role', r.role, 'tenantId', r."tenantId", 'unitId', r."unitId", 'unitPath', un.path,
                       -- A closed tenant's roles only read; a successor's roles read the history it inherited.
                       'readOnly', t."validTo" IS NOT NULL,
                       'historyTenantIds', COALESCE((SELECT json_agg(p.id) FROM "Tenant" p WHERE p."successorId" = t.id), '[]'),
                       'predecessorUnitIds', COALESCE((SELECT json_agg(l."fromId") FROM "UnitLineage" l WHERE l."toId" = r."unitId"), '[]')
                     ) ORDER BY r.id)
                FROM "RoleAssignment" r JOIN "Tenant" t ON t.id = r."tenantId" LEFT JOIN "Unit" un ON un.id = r."unitId"
               WHERE r."userId" = u.id), '[]') AS grants
       FROM "Session" s JOIN "User" u ON u.id = s."userId"
      WHERE s.id = $1`,
    [sha256(token)],
  );
  const now = services.now().getTime();
  // A disabled account's sessions are ended when it is disabled; one that slipped through is nobody.
  if (!session || session.expiresAt <= now || session.disabled) return { kind: "anonymous" };
  if (now - session.lastSeenAt > LAST_SEEN_EVERY_MS) {
    await prisma.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  }
  return {
    kind: "user",
    userId: session.userId,
    email: session.email,
    name: session.name,
    grants: session.grants,
    sessionId: session.id,
    csrfOk: csrfHeader !== null && csrfHeader === session.csrfToken,
    mustChangePassword: session.mustChangePassword,
  };
}

export async function viewerFromApiKey(prisma: PrismaClient, services: AppServices, key: string): Promise<Viewer> {
  const found = await prisma.apiKey.findUnique({ where: { hash: sha256(key) } });
  if (!found || found.revokedAt) return { kind: "anonymous" };
  // Counted in the database: the limit holds across every API process.
  if (!(await services.rateLimiter.take(found.id))) throw new RateLimitError();
  return { kind: "apiKey", keyId: found.id, tenantId: found.tenantId };
}

function cookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`;
}

export interface LoginResult {
  userId: string;
  csrfToken: string;
  cookie: string;
}

/** Who is signing in from where: the address http.ts puts in CLIENT_ADDRESS_HEADER, and the browser. */
export interface ClientInfo {
  address: string;
  userAgent: string | null;
}

/**
 * The header carrying the client's address to the GraphQL app. http.ts always overwrites it
 * (the socket address, or with TRUST_PROXY the address the proxy appended to x-forwarded-for),
 * so a client cannot choose it.
 */
export const CLIENT_ADDRESS_HEADER = "x-cds-client-ip";

/** The client's address: the socket's, or — behind TRUST_PROXY trusted proxies — the entry the nearest untrusted hop sent. */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxy: number,
): string {
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  if (trustProxy > 0 && hops.length > 0) return hops[Math.max(0, hops.length - trustProxy)]!;
  return socketAddress ?? "unknown";
}

export function clientInfo(request: Request | undefined): ClientInfo {
  return {
    address: request?.headers.get(CLIENT_ADDRESS_HEADER)?.slice(0, 100) || "unknown",
    userAgent: request?.headers.get("user-agent")?.slice(0, 300) ?? null,
  };
}

/** Failed sign-ins allowed per account and per address in each window; the window. */
export const LOGIN_THROTTLE = { perAccount: 5, perAddress: 20, windowMinutes: 15 };

const normaliseEmail = (email: string) => email.trim().toLowerCase().slice(0, 200);

/**
 * Records the attempt, then refuses it if the failures in the window (per account since its last
 * success, and per address) exceed the limits. Recording first means concurrent attempts — other
 * processes, or aliases in one request — each see the others; a refused attempt is removed so
 * waiting out the window is enough. Returns the attempt's id, to mark it successful.
 */
async function throttle(prisma: PrismaClient, now: Date, email: string, address: string): Promise<bigint> {
  const since = new Date(now.getTime() - LOGIN_THROTTLE.windowMinutes * 60_000);
  const attempt = await prisma.loginAttempt.create({ data: { email, address, at: now, success: false } });
  const lastSuccess = await prisma.loginAttempt.findFirst({
    where: { email, success: true, at: { gte: since } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  const accountFailures = await prisma.loginAttempt.findMany({
    where: { email, success: false, at: { gte: lastSuccess?.at ?? since } },
    orderBy: { at: "desc" },
    take: LOGIN_THROTTLE.perAccount + 1,
    select: { at: true },
  });
  const addressFailures = await prisma.loginAttempt.findMany({
    where: { address, success: false, at: { gte: since } },
    orderBy: { at: "desc" },
    take: LOGIN_THROTTLE.perAddress + 1,
    select: { at: true },
  });
  const over = [
    accountFailures.length > LOGIN_THROTTLE.perAccount ? accountFailures[LOGIN_THROTTLE.perAccount]!.at : null,
    addressFailures.length > LOGIN_THROTTLE.perAddress ? addressFailures[LOGIN_THROTTLE.perAddress]!.at : null,
  ].filter((d): d is Date => d !== null);
  if (over.length === 0) return attempt.id;
  await prisma.loginAttempt.delete({ where: { id: attempt.id } });
  // The window frees up when the oldest of the failures that filled it leaves it.
  const freeAt = Math.max(...over.map((d) => d.getTime())) + LOGIN_THROTTLE.windowMinutes * 60_000;
  const seconds = Math.max(60, Math.ceil((freeAt - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  throw new RateLimitError(
    `Đăng nhập sai quá nhiều lần; hãy thử lại sau ${minutes} phút`,
    `Too many failed sign-ins; try again in ${minutes} min`,
    seconds,
  );
}

export async function login(
  prisma: PrismaClient,
  services: AppServices,
  email: string,
  password: string,
  client: ClientInfo,
): Promise<LoginResult> {
  const now = services.now();
  const normalised = normaliseEmail(email);
  const attemptId = await throttle(prisma, now, normalised, client.address);
  const user = await prisma.user.findUnique({ where: { email: normalised } });
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist; a disabled
  // account is refused as a wrong password, so no one learns which accounts exist or are disabled.
  const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
  if (!user || !ok || user.disabledAt) {
    throw InputError.field("password", "Email hoặc mật khẩu không đúng", "Wrong email or password");
  }
  await prisma.loginAttempt.update({ where: { id: attemptId }, data: { success: true } });
  // What no longer counts for this account is dropped (its index keeps this cheap).
  await prisma.loginAttempt.deleteMany({
    where: { email: normalised, at: { lt: new Date(now.getTime() - LOGIN_THROTTLE.windowMinutes * 60_000) } },
  });
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const hours = services.env.SESSION_HOURS;
  await prisma.session.create({
    data: {
      id: sha256(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      userAgent: client.userAgent,
      address: client.address,
      expiresAt: new Date(now.getTime() + hours * 3600_000),
    },
  });
  return { userId: user.id, csrfToken, cookie: cookie(token, hours * 3600, services.env.NODE_ENV === "production") };
}

/** The Set-Cookie value that removes the session cookie. */
export const clearedSessionCookie = () => cookie("", 0, false);

/** Ends the signed-in session (allowed on a temporary password too: `requirePasswordWriter`). */
export async function logout(prisma: PrismaClient, viewer: Viewer): Promise<string> {
  const { sessionId } = requirePasswordWriter(viewer);
  await prisma.session.deleteMany({ where: { id: sessionId } });
  return clearedSessionCookie();
}

export const MIN_PASSWORD_LENGTH = 8;

/**
 * Changes the signed-in user's password (the current one must be right) and ends their other sessions; a temporary
 * password given by an administrator is changed here too (the one change it allows), which lifts `mustChangePassword`.
 */
export async function changePassword(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  const u = requirePasswordWriter(viewer);
  const user = await prisma.user.findUniqueOrThrow({ where: { id: u.userId } });
  const issues: FieldIssue[] = [];
  if (!(await verify(user.passwordHash, input.currentPassword).catch(() => false))) {
    issues.push({
      field: "currentPassword",
      message: "mật khẩu hiện tại không đúng",
      messageEn: "the current password is wrong",
    });
  }
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) {
    issues.push({
      field: "newPassword",
      message: `mật khẩu mới cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự`,
      messageEn: `the new password needs at least ${MIN_PASSWORD_LENGTH} characters`,
    });
  } else if (input.newPassword === input.currentPassword) {
    issues.push({
      field: "newPassword",
      message: "mật khẩu mới phải khác mật khẩu hiện tại",
      messageEn: "the new password must differ from the current one",
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  const passwordHash = await hashPassword(input.newPassword);
  return prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: u.userId }, data: { passwordHash, mustChangePassword: false } });
    const ended = await tx.session.deleteMany({ where: { userId: u.userId, id: { not: u.sessionId } } });
    await audit(tx, viewer, {
      action: "user.changePassword",
      entityType: "User",
      entityId: u.userId,
      after: { endedSessions: ended.count, ...(user.mustChangePassword ? { temporaryReplaced: true } : {}) },
    });
    return { endedSessions: ended.count };
  });
}

/** What the sessions screen shows; `id` is a digest of the stored id (itself a digest of the cookie), never the cookie. */
export interface SessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  address: string | null;
  current: boolean;
}

const publicSessionId = (storedId: string) => sha256(`session:${storedId}`).slice(0, 32);

export async function listSessions(
  prisma: PrismaClient,
  services: AppServices,
  viewer: Viewer,
): Promise<SessionView[]> {
  const u = requireUser(viewer);
  const rows = await prisma.session.findMany({
    where: { userId: u.userId, expiresAt: { gt: services.now() } },
    orderBy: { lastSeenAt: "desc" },
  });
  return rows.map((r) => ({
    id: publicSessionId(r.id),
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    expiresAt: r.expiresAt,
    userAgent: r.userAgent,
    address: r.address,
    current: r.id === u.sessionId,
  }));
}

/** Ends one of the signed-in user's own sessions; returns whether it was the current one. */
export async function revokeSession(prisma: PrismaClient, viewer: Viewer, id: string): Promise<{ current: boolean }> {
  const u = requireWriter(viewer);
  const own = await prisma.session.findMany({
    where: { userId: u.userId },
    select: { id: true, createdAt: true, address: true, userAgent: true },
  });
  const target = own.find((s) => publicSessionId(s.id) === id);
  if (!target) throw new NotFoundError("phiên đăng nhập", id);
  return prisma.$transaction(async (tx) => {
    await tx.session.delete({ where: { id: target.id } });
    await audit(tx, viewer, {
      action: "user.revokeSession",
      entityType: "User",
      entityId: u.userId,
      before: { session: id, createdAt: target.createdAt, address: target.address, userAgent: target.userAgent },
    });
    return { current: target.id === u.sessionId };
  });
}

/** A new API key: the clear key is returned once; only its hash is kept. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = `cds_${randomBytes(24).toString("base64url")}`;
  return { key, prefix: key.slice(0, 10), hash: sha256(key) };
}

const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$JltMJUd3/mdkGJMkh50F1g$CMZydFS2AsKyEuQCcr8Hyn5sme0in38rv2l7lNKswKo";
