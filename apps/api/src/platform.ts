/**
 * Assembles the platform: database (migrated; an embedded one locked to this
 * process, see data-lock.ts), services, GraphQL app.
 * index.ts listens on a socket; tests call `app.fetch` directly.
 */
import path from "node:path";
import type { AppServices } from "./context.ts";
import { acquireDataLock } from "./data-lock.ts";
import { openDatabase, type Database } from "./db.ts";
import type { Env } from "./env.ts";
import { createLogger, type Logger } from "./log.ts";
import { pendingMigrations } from "./migrate.ts";
import { fileEvidenceStore } from "./services/evidence-store.ts";
import { createRateLimiter } from "./services/rate-limit.ts";
import { createApp } from "./yoga.ts";

export interface Platform {
  app: ReturnType<typeof createApp>;
  db: Database;
  services: AppServices;
  log: Logger;
  /** For /ready: the database answers and every migration is applied. */
  readiness(): Promise<{ ready: true } | { ready: false; reason: string }>;
  close(): Promise<void>;
}

export async function startPlatform(
  env: Env,
  opts: { db?: Database; now?: () => Date; memory?: boolean; log?: Logger } = {},
): Promise<Platform> {
  // Embedded files have one owner: the lock is taken before they are opened (throws DataDirLockedError).
  const lock = !opts.db && !env.DATABASE_URL && !opts.memory ? acquireDataLock(env.DATA_DIR) : null;
  let db: Database;
  try {
    db =
      opts.db ??
      (await openDatabase(
        env.DATABASE_URL
          ? { url: env.DATABASE_URL }
          : opts.memory
            ? {}
            : { dataDir: path.join(env.DATA_DIR, "pglite") },
      ));
  } catch (e) {
    lock?.release();
    throw e;
  }
  const services: AppServices = {
    db,
    env,
    rateLimiter: createRateLimiter(env.API_KEY_RATE_PER_MINUTE),
    evidence: fileEvidenceStore(path.join(env.DATA_DIR, "evidence")),
    now: opts.now ?? (() => new Date()),
  };
  const log = opts.log ?? createLogger({ level: env.LOG_LEVEL });
  const app = createApp(services, log);
  async function readiness(): Promise<{ ready: true } | { ready: false; reason: string }> {
    try {
      await db.sql.query("SELECT 1");
      const pending = await pendingMigrations(db.sql);
      if (pending.length) return { ready: false, reason: `migrations not applied: ${pending.join(", ")}` };
      return { ready: true };
    } catch (e) {
      return { ready: false, reason: `database: ${(e as Error).message}` };
    }
  }
  async function close() {
    try {
      await db.close();
    } finally {
      lock?.release();
    }
  }
  return { app, db, services, log, readiness, close };
}
