/**
 * Assembles the platform: database (migrated), services, GraphQL app.
 * index.ts listens on a socket; tests call `app.fetch` directly.
 */
import path from "node:path";
import type { AppServices } from "./context.ts";
import { openDatabase, type Database } from "./db.ts";
import type { Env } from "./env.ts";
import { fileEvidenceStore } from "./services/evidence-store.ts";
import { createRateLimiter } from "./services/rate-limit.ts";
import { createApp } from "./yoga.ts";

export interface Platform {
  app: ReturnType<typeof createApp>;
  db: Database;
  services: AppServices;
  close(): Promise<void>;
}

export async function startPlatform(env: Env, opts: { db?: Database; now?: () => Date; memory?: boolean } = {}): Promise<Platform> {
  const db =
    opts.db ??
    (await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : opts.memory ? {} : { dataDir: path.join(env.DATA_DIR, "pglite") }));
  const services: AppServices = {
    db,
    env,
    rateLimiter: createRateLimiter(env.API_KEY_RATE_PER_MINUTE),
    evidence: fileEvidenceStore(path.join(env.DATA_DIR, "evidence")),
    now: opts.now ?? (() => new Date()),
  };
  const app = createApp(services);
  return { app, db, services, close: () => db.close() };
}
