/**
 * Opens the platform's database: embedded PGlite (a data directory, or memory
 * for tests) by default, a PostgreSQL server when a URL is given. Migrates on
 * open. Returns one Prisma client (driver adapters, no engine binary) and a raw
 * SQL runner for the few aggregates written in SQL.
 */
import { mkdirSync } from "node:fs";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/prisma/client.ts";
import { migrate, type SqlRunner } from "./migrate.ts";

export type { SqlRunner };
export type Prisma = PrismaClient;

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  sql: SqlRunner;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgresql://… — a server. */
  url?: string;
  /** A directory for embedded PGlite; omitted with no url = in memory. */
  dataDir?: string;
  /** For tests: start from a copy of an already-migrated PGlite. */
  pglite?: PGlite;
  /** Max pool connections for a server. */
  poolSize?: number;
}

function pgliteRunner(db: PGlite | Transaction): SqlRunner {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async script(sql: string) {
      await db.exec(sql);
    },
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      if (!("transaction" in db)) return fn(pgliteRunner(db));
      return db.transaction((tx) => fn(pgliteRunner(tx)));
    },
  };
}

function poolRunner(pool: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async script(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      if (!(pool instanceof pg.Pool)) return fn(poolRunner(pool));
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const r = await fn(poolRunner(client));
        await client.query("COMMIT");
        return r;
      } catch (e) {
        await client.query("ROLLBACK");
        throw e;
      } finally {
        client.release();
      }
    },
  };
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  if (opts.url) {
    // One pool for Prisma and the raw SQL runner, ended on close.
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 20, allowExitOnIdle: true });
    // An idle connection the server ends (restart, admin command) must not crash the process: the pool replaces it.
    pool.on("error", (e) => console.error(`PostgreSQL: idle connection lost (${e.message})`));
    const sql = poolRunner(pool);
    await migrate(sql);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      kind: "postgres",
      prisma,
      sql,
      async close() {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const lite = opts.pglite ?? (opts.dataDir ? new PGlite(opts.dataDir) : new PGlite());
  await lite.waitReady;
  const sql = pgliteRunner(lite);
  await migrate(sql);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  return {
    kind: "pglite",
    prisma,
    sql,
    async close() {
      await prisma.$disconnect();
      await lite.close();
    },
  };
}
