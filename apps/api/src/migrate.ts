/**
 * Applies prisma/migrations/<name>/migration.sql in order, keeping Prisma's own
 * `_prisma_migrations` table (same columns, sha256 checksum, advisory lock
 * 72707369), so `prisma migrate status` agrees. Works the same on PGlite and a
 * PostgreSQL server, and needs no engine binary.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a multi-statement script. */
  script(sql: string): Promise<void>;
  /** Runs fn in one transaction on one connection. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * COPY rows into `table`'s `columns` (a bulk write: the Excel import's new value rows); each row's fields are
   * text, or null for NULL, or the rows already written as CSV (`csvRows`). The number of rows written.
   */
  copyFrom(table: string, columns: readonly string[], rows: readonly CopyRow[] | CsvRows): Promise<number>;
}

/** A row for COPY: each field text, or null for NULL. */
export type CopyRow = readonly (string | null)[];

/** Rows written as COPY's CSV ahead of the statement (built while the database runs the one before). */
export interface CsvRows {
  csv: string;
  count: number;
}

/**
 * One CSV field for COPY … (FORMAT csv): NULL unquoted and empty, every text quoted (so "" is an empty text); the
 * quotes inside doubled, looked for first (most fields have none: an import's COPY is ~230,000 fields).
 */
const csvField = (v: string | null) => (v === null ? "" : `"${v.includes('"') ? v.replace(/"/g, '""') : v}"`);

/** The rows as COPY's CSV. */
export function csvRows(rows: readonly CopyRow[] | CsvRows): CsvRows {
  if (!Array.isArray(rows)) return rows as CsvRows;
  let csv = "";
  for (const r of rows as readonly CopyRow[]) csv += r.map(csvField).join(",") + "\n";
  return { csv, count: rows.length };
}

const migrationsDir = fileURLToPath(new URL("../prisma/migrations/", import.meta.url));

export function listMigrations(): { name: string; sql: string; checksum: string }[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(`${migrationsDir}${name}/migration.sql`, "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migrate(db: SqlRunner): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(72707369)");
    await tx.script(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const done = await tx.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const byName = new Map(done.map((r) => [r.migration_name, r.checksum]));
    for (const m of listMigrations()) {
      const seen = byName.get(m.name);
      if (seen !== undefined) {
        if (seen !== m.checksum)
          throw new Error(`migration ${m.name} was modified after it was applied (checksum differs)`);
        continue;
      }
      await tx.script(m.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
        [randomUUID(), m.checksum, m.name],
      );
      applied.push(m.name);
    }
  });
  return applied;
}

/** Migrations in prisma/migrations/ that `_prisma_migrations` does not record as applied (for /ready). */
export async function pendingMigrations(db: SqlRunner): Promise<string[]> {
  const done = await db.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(done.map((r) => r.migration_name));
  return listMigrations()
    .map((m) => m.name)
    .filter((name) => !applied.has(name));
}
