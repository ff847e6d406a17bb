/**
 * DATABASE_READ_URL: a second pool, used only by the aggregate reads (nationalSummary, a scored round's ranking);
 * writes and every other read stay on DATABASE_URL. Proved with a "replica" that is a different database whose
 * province and unit names differ: the aggregates show the replica's names, a save lands in the primary only,
 * and the read pool's sessions refuse writes. Without DATABASE_READ_URL the read runner is the primary's.
 *
 * The replica part needs a PostgreSQL server (CDS_TEST_POSTGRES_URL); the rest runs on PGlite too.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase } from "../db.ts";
import { loadEnv } from "../env.ts";
import { startPlatform, type Platform } from "../platform.ts";
import { versionId } from "../seed/base.ts";
import { DEMO_PASSWORD } from "../seed/demo.ts";
import { globalId } from "../testing/authz-cases.ts";
import { setupApi, type TestApi } from "../testing/harness.ts";

const template = inject("template");
const onPostgres = template.kind === "postgres";
if (!onPostgres)
  console.warn(
    "read-replica.test.ts: the DATABASE_READ_URL part is skipped — it needs a PostgreSQL server; set CDS_TEST_POSTGRES_URL=postgresql://…",
  );

const MARK = "Bản sao đọc — ";

describe("DATABASE_READ_URL in the configuration", () => {
  it("is a postgresql:// URL, and only with DATABASE_URL", () => {
    expect(() => loadEnv({ DATABASE_READ_URL: "postgresql://replica/cds" })).toThrow(
      /DATABASE_READ_URL: .*requires DATABASE_URL/,
    );
    expect(() =>
      loadEnv({ DATABASE_URL: "postgresql://primary/cds", DATABASE_READ_URL: "mysql://replica/cds" }),
    ).toThrow(/DATABASE_READ_URL: phải là một URL postgresql:\/\//);
    const env = loadEnv({ DATABASE_URL: "postgresql://primary/cds", DATABASE_READ_URL: "postgres://replica/cds" });
    expect(env.DATABASE_READ_URL).toBe("postgres://replica/cds");
    expect(loadEnv({}).DATABASE_READ_URL).toBeUndefined();
  });

  it("openDatabase refuses a read URL without a primary URL", async () => {
    await expect(openDatabase({ readUrl: "postgresql://127.0.0.1:1/none" })).rejects.toThrow(/primary URL/);
  });
});

describe("without DATABASE_READ_URL", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await setupApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it("the aggregate reads use the primary's runner and client", () => {
    const db = api.platform.db;
    expect(db.readReplica).toBe(false);
    expect(db.readSql).toBe(db.sql);
    expect(db.readPrisma).toBe(db.prisma);
  });
});

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.skipIf(!onPostgres)("with DATABASE_READ_URL (needs CDS_TEST_POSTGRES_URL)", () => {
  const suffix = randomBytes(5).toString("hex");
  const primaryDb = `cds_primary_${suffix}`;
  const replicaDb = `cds_replica_${suffix}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "cds-replica-"));
  let admin: pg.Client;
  let replica: pg.Client;
  let primary: pg.Client;
  let platform: Platform;
  /** A scored round (points), opened on the primary before the replica was copied from it. */
  let scoredRoundId: string;

  async function gql(
    q: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
    on: Platform = platform,
  ) {
    const res = await on.app.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query: q, variables }),
    });
    const body = (await res.json()) as { data?: Json; errors?: unknown };
    return { body, res };
  }

  /** Signs in on a platform; the headers of the session (cookie and CSRF token). */
  async function signIn(email: string, on: Platform = platform): Promise<Record<string, string>> {
    const login = await gql(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { __typename ... on MutationLoginSuccess { data { csrfToken } } } }`,
      { e: email, p: DEMO_PASSWORD },
      {},
      on,
    );
    expect(login.body.data?.login.__typename, JSON.stringify(login.body)).toBe("MutationLoginSuccess");
    return {
      cookie: login.res.headers.get("set-cookie")!.split(";")[0]!,
      "x-csrf-token": login.body.data!.login.data.csrfToken as string,
    };
  }

  /** Ninh Bình's scored commune index (the ministry's template cloned and published) and a points round of it. */
  async function openScoredRound(on: Platform): Promise<string> {
    const so = await signIn("so@ninhbinh.gov.vn", on);
    const run = async (q: string, variables: Record<string, unknown>) => {
      const { body } = await gql(q, variables, so, on);
      const r = Object.values(body.data ?? {})[0] as Json | undefined;
      expect(r?.__typename, JSON.stringify(body)).toMatch(/Success$/);
      return r!.data as Json;
    };
    const draft = await run(
      `mutation ($src: ID!) { r: cloneCriteriaSet(sourceVersionId: $src, tenantId: "ninh-binh", setId: "ninh-binh-chi-so-xa") {
        __typename ... on MutationCloneCriteriaSetSuccess { data { id } } ... on Error { message } } }`,
      { src: versionId("mau-dti-xa", "1.0") },
    );
    const published = await run(
      `mutation ($id: ID!) { r: publishCriteriaSetVersion(versionId: $id, decisionNumber: "1502/QĐ-UBND", decisionDate: "2026-03-10") {
        __typename ... on MutationPublishCriteriaSetVersionSuccess { data { id } } ... on Error { message } } }`,
      { id: draft.id },
    );
    const round = await run(
      `mutation ($v: ID!) { r: openRound(tenantId: "ninh-binh", year: 2026, setVersionId: $v, mapId: "2025-07", submitDueAt: "2026-10-31", reviewDueAt: "2026-12-15") {
        __typename ... on MutationOpenRoundSuccess { data { id judgedBy } } ... on Error { message } } }`,
      { v: published.id },
    );
    expect(round.judgedBy).toBe("points");
    return round.id as string;
  }

  beforeAll(async () => {
    if (template.kind !== "postgres") return;
    admin = new pg.Client({ connectionString: template.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${primaryDb} TEMPLATE ${template.database}`);
    const base = { NODE_ENV: "test", DATA_DIR: dataDir, DATABASE_URL: withDatabase(template.url, primaryDb) };
    // A scored round on the primary (the fixture has none), then the "replica" is copied from the primary.
    const setup = await startPlatform(loadEnv(base));
    try {
      scoredRoundId = await openScoredRound(setup);
    } finally {
      await setup.close();
    }
    await admin.query(`CREATE DATABASE ${replicaDb} TEMPLATE ${primaryDb}`);
    // The "replica" differs from the primary: every province and unit has another name there.
    replica = new pg.Client({ connectionString: withDatabase(template.url, replicaDb) });
    await replica.connect();
    await replica.query(`UPDATE "Tenant" SET name = $1 || name`, [MARK]);
    await replica.query(`UPDATE "Unit" SET name = $1 || name`, [MARK]);
    primary = new pg.Client({ connectionString: withDatabase(template.url, primaryDb) });
    await primary.connect();
    platform = await startPlatform(loadEnv({ ...base, DATABASE_READ_URL: withDatabase(template.url, replicaDb) }));
  });

  afterAll(async () => {
    await platform?.close();
    await primary?.end();
    await replica?.end();
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${primaryDb} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${replicaDb} WITH (FORCE)`);
      await admin.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("the platform opened a second, read-only pool on DATABASE_READ_URL", async () => {
    const db = platform.db;
    expect(db.readReplica).toBe(true);
    expect(db.readSql).not.toBe(db.sql);
    expect(db.readPrisma).not.toBe(db.prisma);
    const [onRead] = await db.readSql.query<{ db: string; ro: string }>(
      `SELECT current_database() AS db, current_setting('default_transaction_read_only') AS ro`,
    );
    expect(onRead).toEqual({ db: replicaDb, ro: "on" });
    const [onPrimary] = await db.sql.query<{ db: string; ro: string }>(
      `SELECT current_database() AS db, current_setting('default_transaction_read_only') AS ro`,
    );
    expect(onPrimary).toEqual({ db: primaryDb, ro: "off" });
    await expect(db.readSql.query(`CREATE TABLE "NeverHere" (a int)`)).rejects.toThrow(/read-only/);
    expect((await platform.readiness()).ready).toBe(true);
  });

  it("nationalSummary is read on the replica (its province names); a save still goes to the primary", async () => {
    const [round] = (
      await primary.query<{ year: number; mapId: string }>(
        `SELECT year, "mapId" FROM "Round" WHERE "tenantId" = 'ninh-binh' AND "judgedBy" = 'levels' AND "unitKind" = 'commune'
          ORDER BY year DESC LIMIT 1`,
      )
    ).rows;
    const summary = `query ($y: Int!, $m: String) { nationalSummary(year: $y, unitKind: "commune", mapId: $m) { tenantId name } }`;
    const { body } = await gql(summary, { y: round!.year, m: round!.mapId });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const rows = body.data!.nationalSummary as Json[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.name.startsWith(MARK), r.name).toBe(true);
    const [nb] = (await primary.query<{ name: string }>(`SELECT name FROM "Tenant" WHERE id = 'ninh-binh'`)).rows;
    expect(rows.find((r) => r.tenantId === "ninh-binh")!.name).toBe(MARK + nb!.name);

    // A write: sign in (a session row) and save values of Xã Khánh Thiện. Both land in the primary only.
    const headers = await signIn("xa.khanhthien@ninhbinh.gov.vn");
    const [a] = (
      await primary.query<{ id: string; version: number }>(
        `SELECT a.id, a.version FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId" JOIN "Round" r ON r.id = a."roundId"
          WHERE u.code = '14563' AND r."mapId" = u."mapId" AND a.status = 'DRAFT' LIMIT 1`,
      )
    ).rows;
    const saved = await gql(
      `mutation ($id: ID!, $v: Int!, $values: JSON!) { saveIndicatorValues(assessmentId: $id, version: $v, values: $values) {
        __typename ... on MutationSaveIndicatorValuesSuccess { data { version } } ... on Error { message } } }`,
      { id: globalId("Assessment", a!.id), v: a!.version, values: { "CQS-01": { numerator: 42, denominator: 100 } } },
      headers,
    );
    expect(saved.body.data?.saveIndicatorValues, JSON.stringify(saved.body)).toMatchObject({
      __typename: "MutationSaveIndicatorValuesSuccess",
      data: { version: a!.version + 1 },
    });
    const version = `SELECT version FROM "Assessment" WHERE id = $1`;
    expect((await primary.query(version, [a!.id])).rows[0].version).toBe(a!.version + 1);
    expect((await replica.query(version, [a!.id])).rows[0].version).toBe(a!.version);
    const sessions = `SELECT count(*)::int AS n FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = 'xa.khanhthien@ninhbinh.gov.vn'`;
    expect((await primary.query(sessions)).rows[0].n).toBeGreaterThan(0);
    expect((await replica.query(sessions)).rows[0].n).toBe(0);
  });

  it("a scored round's ranking is read on the replica (its unit names)", async () => {
    const so = await signIn("so@ninhbinh.gov.vn");
    const { body } = await gql(
      `query ($id: ID!) { node(id: $id) { ... on Round { judgedBy ranking(final: false) { final groups { entries { unitCode unitName } } } } } }`,
      { id: scoredRoundId },
      so,
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data!.node.judgedBy).toBe("points");
    const entries = (body.data!.node.ranking.groups as Json[]).flatMap((g) => g.entries as Json[]);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.unitName.startsWith(MARK), e.unitName).toBe(true);
    // The primary has the names without the mark.
    const [unit] = (
      await primary.query<{ name: string }>(`SELECT name FROM "Unit" WHERE code = $1 AND "mapId" = '2025-07'`, [
        entries[0]!.unitCode,
      ])
    ).rows;
    expect(unit!.name.startsWith(MARK)).toBe(false);
  });
});
