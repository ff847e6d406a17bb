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
import {
  createOutbox,
  registerOutbox,
  remindDeadlines,
  smtpMailer,
  startNotificationJobs,
  type Outbox,
} from "./services/notifications.ts";
import { createRateLimiter } from "./services/rate-limit.ts";
import { createApp } from "./yoga.ts";

export interface Platform {
  app: ReturnType<typeof createApp>;
  db: Database;
  services: AppServices;
  log: Logger;
  notifications: {
    /** The email outbox; null without SMTP_HOST (notifications stay in the in-app inbox). */
    outbox: Outbox | null;
    /** Writes the deadline reminders due at the platform's "now" (the hourly job does the same); returns how many. */
    remindDeadlines(): Promise<number>;
  };
  /** For /ready: the database answers and every migration is applied. */
  readiness(): Promise<{ ready: true } | { ready: false; reason: string }>;
  close(): Promise<void>;
}

export async function startPlatform(
  env: Env,
  opts: {
    db?: Database;
    now?: () => Date;
    memory?: boolean;
    log?: Logger;
    /** Runs the background jobs (hourly deadline reminders, email retries): the server does; tests ask for them. */
    jobs?: boolean;
  } = {},
): Promise<Platform> {
  // Embedded files have one owner: the lock is taken before they are opened (throws DataDirLockedError).
  const lock = !opts.db && !env.DATABASE_URL && !opts.memory ? acquireDataLock(env.DATA_DIR) : null;
  let db: Database;
  try {
    db =
      opts.db ??
      (await openDatabase(
        env.DATABASE_URL
          ? { url: env.DATABASE_URL, readUrl: env.DATABASE_READ_URL }
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
    rateLimiter: createRateLimiter(db.sql, env.API_KEY_RATE_PER_MINUTE),
    evidence: fileEvidenceStore(path.join(env.DATA_DIR, "evidence")),
    now: opts.now ?? (() => new Date()),
  };
  const log = opts.log ?? createLogger({ level: env.LOG_LEVEL });
  const app = createApp(services, log);
  // Email after commit, in the background; without SMTP the inbox is all there is.
  const outbox = env.smtp ? createOutbox(db.prisma, smtpMailer(env.smtp), { log }) : null;
  const unregisterOutbox = outbox ? registerOutbox(db.prisma, outbox) : () => {};
  const stopJobs = opts.jobs ? startNotificationJobs({ prisma: db.prisma, outbox, now: services.now, log }) : () => {};
  const notifications: Platform["notifications"] = {
    outbox,
    async remindDeadlines() {
      const n = await remindDeadlines(db.prisma, services.now());
      if (n > 0) outbox?.kick();
      return n;
    },
  };
  async function readiness(): Promise<{ ready: true } | { ready: false; reason: string }> {
    try {
      await db.sql.query("SELECT 1");
      if (db.readReplica) {
        try {
          await db.readSql.query("SELECT 1");
        } catch (e) {
          return { ready: false, reason: `read replica (DATABASE_READ_URL): ${(e as Error).message}` };
        }
      }
      const pending = await pendingMigrations(db.sql);
      if (pending.length) return { ready: false, reason: `migrations not applied: ${pending.join(", ")}` };
      return { ready: true };
    } catch (e) {
      return { ready: false, reason: `database: ${(e as Error).message}` };
    }
  }
  async function close() {
    try {
      stopJobs();
      unregisterOutbox();
      await outbox?.close();
      await db.close();
    } finally {
      lock?.release();
    }
  }
  return { app, db, services, log, notifications, readiness, close };
}
