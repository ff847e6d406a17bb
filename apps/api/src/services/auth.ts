/**
 * Sign-in with passwords (argon2id hashes), httpOnly session cookies with a
 * per-session CSRF token, and read-only API keys for third parties (stored as
 * sha256 hashes, shown once).
 */
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { AppServices } from "../context.ts";
import { InputError, RateLimitError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Viewer } from "./access.ts";

export const SESSION_COOKIE = "cds_session";

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
  // One statement: the session, its user and the user's grants with their subtree paths.
  const session = await prisma.session.findUnique({
    where: { id: sha256(token) },
    include: { user: { include: { roles: { include: { unit: { select: { path: true } } } } } } },
  });
  if (!session || session.expiresAt <= services.now()) return { kind: "anonymous" };
  return {
    kind: "user",
    userId: session.userId,
    email: session.user.email,
    name: session.user.name,
    grants: session.user.roles.map((r) => ({ role: r.role, tenantId: r.tenantId, unitId: r.unitId, unitPath: r.unit?.path ?? null })),
    sessionId: session.id,
    csrfOk: csrfHeader !== null && csrfHeader === session.csrfToken,
  };
}

export async function viewerFromApiKey(prisma: PrismaClient, services: AppServices, key: string): Promise<Viewer> {
  const found = await prisma.apiKey.findUnique({ where: { hash: sha256(key) } });
  if (!found || found.revokedAt) return { kind: "anonymous" };
  if (!services.rateLimiter.take(found.id)) throw new RateLimitError();
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

export async function login(prisma: PrismaClient, services: AppServices, email: string, password: string): Promise<LoginResult> {
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
  const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
  if (!user || !ok) {
    throw InputError.field("password", "Email hoặc mật khẩu không đúng", "Wrong email or password");
  }
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const hours = services.env.SESSION_HOURS;
  await prisma.session.create({
    data: {
      id: sha256(token),
      userId: user.id,
      csrfToken,
      expiresAt: new Date(services.now().getTime() + hours * 3600_000),
    },
  });
  return { userId: user.id, csrfToken, cookie: cookie(token, hours * 3600, services.env.NODE_ENV === "production") };
}

export async function logout(prisma: PrismaClient, sessionId: string): Promise<string> {
  await prisma.session.deleteMany({ where: { id: sessionId } });
  return cookie("", 0, false);
}

/** A new API key: the clear key is returned once; only its hash is kept. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = `cds_${randomBytes(24).toString("base64url")}`;
  return { key, prefix: key.slice(0, 10), hash: sha256(key) };
}

const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$JltMJUd3/mdkGJMkh50F1g$CMZydFS2AsKyEuQCcr8Hyn5sme0in38rv2l7lNKswKo";
