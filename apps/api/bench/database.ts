/**
 * A fresh database for one benchmark run: PGlite in a temporary directory by
 * default; with DATABASE_URL or TEST_DATABASE_URL, a new database
 * (cds_bench_<pid>) created on that server and dropped at the end (kept with BENCH_KEEP=1, to study it).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadEnv, type Env } from "../src/env.ts";

export interface BenchDatabase {
  env: Env;
  /** What the table prints, e.g. "PGlite 0.3.8 (PostgreSQL 17.4, WASM, one connection)". */
  label: string;
  kind: "pglite" | "postgres";
  where: string;
  cleanup(): Promise<void>;
}

function pgliteVersion(): string {
  try {
    // The package exports no package.json: walk up from its entry point.
    let dir = path.dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
    for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
      const p = path.join(dir, "package.json");
      if (existsSync(p)) {
        const pkg = JSON.parse(readFileSync(p, "utf8")) as { name?: string; version: string };
        if (pkg.name === "@electric-sql/pglite") return pkg.version;
      }
    }
    return "?";
  } catch {
    return "?";
  }
}

export async function freshDatabase(): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "cds-bench-"));
  const base = { ...process.env, DATA_DIR: dataDir, PORT: "0" };
  if (!serverUrl) {
    const env = loadEnv({ ...base, DATABASE_URL: undefined });
    return {
      env,
      kind: "pglite",
      label: `PGlite ${pgliteVersion()} (embedded WASM PostgreSQL, one connection)`,
      where: path.join(dataDir, "pglite"),
      async cleanup() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `cds_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const env = loadEnv({ ...base, DATABASE_URL: url.toString() });
  return {
    env,
    kind: "postgres",
    label: "PostgreSQL server (pool of 20 per client)",
    where: `${url.host}/${name}`,
    async cleanup() {
      if (process.env.BENCH_KEEP) {
        console.log(`BENCH_KEEP: database ${name} kept`);
        return;
      }
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        // Pools closed a moment ago may still hold idle connections: wait for them rather than
        // terminate them (a terminated idle connection of a pool nobody listens to crashes the process).
        for (let i = 0; ; i++) {
          const [row] = (await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [name]))
            .rows as { n: number }[];
          if (row!.n === 0 || i >= 60) break;
          await new Promise((r) => setTimeout(r, 250));
        }
        const swallow = (e: unknown) => {
          if ((e as { code?: string }).code !== "57P01") throw e;
        };
        process.on("uncaughtException", swallow);
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await new Promise((r) => setTimeout(r, 100));
        } finally {
          process.off("uncaughtException", swallow);
        }
      } finally {
        await c.end();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
