/**
 * Opens the platform's database: embedded PGlite (a data directory, or memory
 * for tests) by default, a PostgreSQL server when a URL is given. Migrates on
 * open. Returns one Prisma client (driver adapters, no engine binary) and a raw
 * SQL runner for the few aggregates written in SQL.
 *
 * With a read URL (a server only: a streaming replica, say) a second pool serves
 * the aggregate reads (`readSql`, `readPrisma`; services/summaries.ts
 * nationalSummary, services/rankings.ts roundRanking), its sessions read-only;
 * every write, and every other read, stays on the primary. Without one they are
 * the primary's.
 */
import { mkdirSync } from "node:fs";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/prisma/client.ts";
import { csvRows, migrate, type SqlRunner } from "./migrate.ts";

export type { SqlRunner };
export type Prisma = PrismaClient;

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  sql: SqlRunner;
  /** For aggregate reads only (never writes): the read URL's pool, else `sql` itself. */
  readSql: SqlRunner;
  /** For aggregate reads only (never writes): a client on the read URL's pool, else `prisma` itself. */
  readPrisma: PrismaClient;
  /** Whether aggregate reads go to a separate read URL. */
  readReplica: boolean;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgresql://… — a server. */
  url?: string;
  /** postgresql://… — where aggregate reads go (a read replica); only with `url`. Never migrated, never written. */
  readUrl?: string;
  /** A directory for embedded PGlite; omitted with no url = in memory. */
  dataDir?: string;
  /** For tests: start from a copy of an already-migrated PGlite. */
  pglite?: PGlite;
  /** Max pool connections for a server. */
  poolSize?: number;
}

/** The statement that reads COPY's CSV from `source` (STDIN, or PGlite's '/dev/blob'). */
const copyStatement = (table: string, columns: readonly string[], source: string) =>
  `COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM ${source} WITH (FORMAT csv)`;

/**
 * COPY … FROM STDIN on a node-postgres client, as a submittable (the protocol's CopyIn; pg-copy-streams does the
 * same with streams): the data goes in 64 KiB messages, the count comes back in the command tag.
 */
class CopyIn {
  private rows = 0;
  private settled = false;
  constructor(
    private readonly text: string,
    private readonly data: Buffer,
    private readonly done: (e: Error | null, rows: number) => void,
  ) {}
  private settle(e: Error | null) {
    if (this.settled) return;
    this.settled = true;
    this.done(e, this.rows);
  }
  submit(connection: { query(text: string): void }) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }) {
    for (let i = 0; i < this.data.length; i += 1 << 16)
      connection.sendCopyFromChunk(this.data.subarray(i, i + (1 << 16)));
    connection.endCopyFrom();
  }
  handleCommandComplete(msg: { text: string }) {
    this.rows = Number(/COPY (\d+)/.exec(msg.text)?.[1] ?? 0);
  }
  handleReadyForQuery() {
    this.settle(null);
  }
  // The client forgets the statement on an error (its ReadyForQuery never reaches it): settle now.
  handleError(e: Error) {
    this.settle(e);
  }
  handleEmptyQuery() {}
  handleRowDescription() {}
  handleDataRow() {}
}

/** COPY … FROM STDIN of `csv` on one node-postgres client (a transaction's, or one checked out for it). */
export function copyIn(client: pg.ClientBase, text: string, csv: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    void client.query(new CopyIn(text, Buffer.from(csv, "utf8"), (e, n) => (e ? reject(e) : resolve(n))) as never);
  });
}

function pgliteRunner(db: PGlite | Transaction): SqlRunner {
  return {
    async copyFrom(table, columns, rows) {
      const { csv, count } = csvRows(rows);
      if (count === 0) return 0;
      const text = copyStatement(table, columns, "'/dev/blob'");
      return (await db.query(text, [], { blob: new Blob([csv]) })).affectedRows ?? 0;
    },
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
    async copyFrom(table, columns, rows) {
      const { csv, count } = csvRows(rows);
      if (count === 0) return 0;
      const text = copyStatement(table, columns, "STDIN");
      if (!(pool instanceof pg.Pool)) return copyIn(pool, text, csv);
      const client = await pool.connect();
      try {
        return await copyIn(client, text, csv);
      } finally {
        client.release();
      }
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async script(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      if (!(pool instanceof pg.Pool)) return fn(poolRunner(pool));
      // A client checked out has no listener of the pool's; every client has one of its own (`newPool`).
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const r = await fn(poolRunner(client));
        await client.query("COMMIT");
        return r;
      } catch (e) {
        // A dead connection has nothing to roll back: keep the original error, and drop the client.
        await client.query("ROLLBACK").catch((re: Error) => (broken = re));
        throw e;
      } finally {
        client.release(broken);
      }
    },
  };
}

/** The aggregate-read counterparts of each database's primary runner and client (see `readerOf`). */
const readers = new WeakMap<object, object>();

/**
 * Where an aggregate read given the primary's SQL runner runs: the read replica's runner when the database has
 * one, else the runner itself (also a transaction's runner: a read inside a transaction stays in it).
 */
export function readerOf(sql: SqlRunner): SqlRunner {
  return (readers.get(sql) as SqlRunner | undefined) ?? sql;
}

/** As `readerOf`, for the Prisma client: the read replica's client, else the client itself. */
export function readPrismaOf(prisma: PrismaClient): PrismaClient {
  return (readers.get(prisma) as PrismaClient | undefined) ?? prisma;
}

/** How long a client broken while checked out may stay out before the pool takes it back (see `newPool`). */
const BROKEN_CLIENT_GRACE_MS = 1_000;

function newPool(url: string, max: number, readOnly = false): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    allowExitOnIdle: true,
    // The read pool's sessions refuse writes, whatever the server is: a write sent there by mistake fails loudly.
    ...(readOnly ? { options: "-c default_transaction_read_only=on" } : {}),
  });
  // An idle connection the server ends (restart, admin command) must not crash the process: the pool replaces it.
  pool.on("error", (e) => console.error(`PostgreSQL: idle connection lost (${e.message})`));
  // Checked out (a transaction here, or Prisma's adapter), a client has no listener of the pool's: a session the
  // server ends between two statements (restart, failover, pg_terminate_backend) would emit an unhandled 'error'
  // and end the process. So every client has one of its own for its life; the pool drops a client that is no
  // longer queryable when it is released, and the statement it was running fails (DATABASE_UNAVAILABLE).
  // Prisma's adapter never gives back a client whose ROLLBACK failed (it skips `rollback()`, which releases): a
  // broken client still out a moment after its error is handed back, so the pool drops it instead of running dry.
  const out = new Set<pg.PoolClient>();
  pool.on("acquire", (client) => out.add(client));
  pool.on("release", (_e, client) => out.delete(client));
  pool.on("connect", (client) =>
    client.on("error", (e) => {
      console.error(`PostgreSQL: connection lost (${e.message})`);
      setTimeout(() => {
        if (!out.delete(client as pg.PoolClient)) return;
        try {
          (client as pg.PoolClient).release(e);
        } catch {
          // Released meanwhile by its holder.
        }
      }, BROKEN_CLIENT_GRACE_MS).unref();
    }),
  );
  return pool;
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  if (opts.readUrl && !opts.url) throw new Error("a read URL needs a primary URL (a PostgreSQL server)");
  if (opts.url) {
    // One pool for Prisma and the raw SQL runner, ended on close.
    const pool = newPool(opts.url, opts.poolSize ?? 20);
    const sql = poolRunner(pool);
    try {
      await migrate(sql);
    } catch (e) {
      await pool.end();
      throw e;
    }
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    // The read replica: its own pool (the primary's size), never migrated — it follows the primary.
    const readPool = opts.readUrl ? newPool(opts.readUrl, opts.poolSize ?? 20, true) : null;
    const readSql = readPool ? poolRunner(readPool) : sql;
    const readPrisma = readPool ? new PrismaClient({ adapter: new PrismaPg(readPool) }) : prisma;
    if (readPool) {
      readers.set(sql, readSql);
      readers.set(prisma, readPrisma);
    }
    return {
      kind: "postgres",
      prisma,
      sql,
      readSql,
      readPrisma,
      readReplica: readPool !== null,
      async close() {
        await prisma.$disconnect();
        await pool.end();
        if (readPool) {
          await readPrisma.$disconnect();
          await readPool.end();
        }
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
    readSql: sql,
    readPrisma: prisma,
    readReplica: false,
    async close() {
      await prisma.$disconnect();
      await lite.close();
    },
  };
}
