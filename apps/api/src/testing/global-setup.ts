/**
 * Seeds the real map and the demo once, into a template every test file copies:
 * a PGlite data-directory dump, or (CDS_TEST_POSTGRES_URL, set by `scripts/test-pg.ts` from
 * TEST_DATABASE_URL) a PostgreSQL template database.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../db.ts";
import { loadEnv } from "../env.ts";
import { startPlatform } from "../platform.ts";
import { seedBase } from "../seed/base.ts";
import { seedDemo } from "../seed/demo.ts";

declare module "vitest" {
  export interface ProvidedContext {
    template: { kind: "pglite"; file: string } | { kind: "postgres"; url: string; database: string };
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  // Set only by scripts/test-pg.ts for the PostgreSQL pass; the default pass is PGlite whatever the environment says.
  const serverUrl = process.env.CDS_TEST_POSTGRES_URL;
  const env = loadEnv({ NODE_ENV: "test", DATA_DIR: path.join(tmpdir(), "cds-test-data") });
  if (serverUrl) {
    const database = `cds_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
    const db = await openDatabase({ url: withDatabase(serverUrl, database), poolSize: 4 });
    const platform = await startPlatform(env, { db });
    await seedBase(db.prisma);
    await seedDemo(platform, { layout: "three-tier-fixture" });
    await db.close();
    project.provide("template", { kind: "postgres", url: serverUrl, database });
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${database}`);
      await admin.end();
    };
  }
  const lite = new PGlite();
  const db = await openDatabase({ pglite: lite });
  const platform = await startPlatform(env, { db });
  await seedBase(db.prisma);
  await seedDemo(platform, { layout: "three-tier-fixture" });
  const dump = await lite.dumpDataDir("none");
  const file = path.join(tmpdir(), `cds-template-${process.pid}.tar`);
  writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
  await db.close();
  project.provide("template", { kind: "pglite", file });
}
