/**
 * The per-request context: the database, and who is asking (a signed-in user
 * with a session cookie, a third party with an API key, or nobody).
 */
import type { Database } from "./db.ts";
import type { Env } from "./env.ts";
import type { PrismaClient } from "./generated/prisma/client.ts";
import { viewerFromApiKey, viewerFromSession, SESSION_COOKIE } from "./services/auth.ts";
import type { Viewer } from "./services/access.ts";
import type { RateLimiter } from "./services/rate-limit.ts";
import type { EvidenceStore } from "./services/evidence-store.ts";

export interface AppServices {
  db: Database;
  env: Env;
  /** API-key requests per minute, counted in the database (shared by every process). */
  rateLimiter: RateLimiter;
  evidence: EvidenceStore;
  /** The clock, so tests can pin "now" (e.g. the report deadline of 25/12). */
  now: () => Date;
}

export interface Context extends AppServices {
  prisma: PrismaClient;
  viewer: Viewer;
  /** Set-Cookie headers the response must carry (login, logout). */
  setCookies: string[];
}

/** A cookie's value; a malformed one (bad percent-encoding) is no value: no session, never an error. */
function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Who is asking. A valid session wins over an API key: a browser that carries both is its signed-in
 * user (a key never signs anyone out); without a session the key is used; otherwise nobody.
 */
export async function createContext(services: AppServices, request: Request): Promise<Context> {
  const prisma = services.db.prisma;
  let viewer: Viewer = { kind: "anonymous" };
  const token = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (token) viewer = await viewerFromSession(prisma, services, token, request.headers.get("x-csrf-token"));
  const apiKey = request.headers.get("x-api-key");
  if (viewer.kind === "anonymous" && apiKey) viewer = await viewerFromApiKey(prisma, services, apiKey);
  return { ...services, prisma, viewer, setCookies: [] };
}
