/**
 * API benchmark on a whole seeded nation (seedBase + seedNation of the current
 * year, on the map in force on 1 January: 10,743 assessments and ~400k values
 * on the three-tier map, 3,321 and ~124k on the two-tier map from 2026), on a
 * fresh database: PGlite in a temporary directory by default, or a new
 * database on the server named by DATABASE_URL / TEST_DATABASE_URL (created,
 * then dropped).
 *
 *   (a) nationalSummary(year, unitKind: "commune") through GraphQL
 *       (platform.app.fetch, anonymous) versus the very same SQL statements run on
 *       db.sql.query — sequential, interleaved, after a warm-up.
 *   (b) saveIndicatorValues at 50 connections (autocannon, loopback HTTP)
 *       over 200 different DRAFT assessments of a fresh round, each request
 *       signed in as that unit's own UNIT_EDITOR (session cookie +
 *       x-csrf-token from a login mutation), no two requests on the same
 *       assessment at once and versions tracked, so nothing conflicts — versus a bare node:http handler
 *       doing the same SQL work (bench/bare.ts).
 *
 *   pnpm bench                                   # PGlite
 *   DATABASE_URL=postgresql://… pnpm bench        # a server
 *   BENCH_N=200 BENCH_SECONDS=10 BENCH_CONNECTIONS=50 pnpm bench
 *
 * Exits non-zero on errors (failed requests, results that disagree), never on a missed target.
 */
import "./production.ts";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { performance } from "node:perf_hooks";
import autocannon, { type Result } from "autocannon";
import { BUILT_IN_SETS, type TCriteriaSet } from "@cds/criteria-schema";
import type { SqlRunner } from "../src/db.ts";
import { startPlatform, type Platform } from "../src/platform.ts";
import type { Viewer } from "../src/services/access.ts";
import { hashPassword } from "../src/services/auth.ts";
import { openRound } from "../src/services/rounds.ts";
import { nationalSummary } from "../src/services/summaries.ts";
import { seedBase, versionId } from "../src/seed/base.ts";
import { seedNation, type SeedNationResult } from "../src/seed/nation.ts";
import { seedOf, valuesAtLevel } from "../src/seed/values.ts";
import { bareSaveHandler } from "./bare.ts";
import { freshDatabase } from "./database.ts";
import { fmt, mean, pad, padR, percentile } from "./stats.ts";

const N = Math.max(10, Number(process.env.BENCH_N ?? 200) || 200);
const WARMUP = 20;
const SECONDS = Math.max(2, Number(process.env.BENCH_SECONDS ?? 10) || 10);
const WARM_SECONDS = 2;
const CONNECTIONS = Math.max(1, Number(process.env.BENCH_CONNECTIONS ?? 50) || 50);
const VALUES_PER_SAVE = 5;
/** Assessments (and editors) the saves rotate over; more than CONNECTIONS, so no two requests share one. */
const POOL = Math.max(2, Number(process.env.BENCH_POOL ?? 200) || 200);
const SUMMARY_TARGET = 2;
const SAVE_TARGET = 0.5;

const SUMMARY_QUERY = `query National($year: Int!, $unitKind: String!) {
  nationalSummary(year: $year, unitKind: $unitKind) {
    tenantId name units assessed recognised byLevel
    basicOrAbove { numerator denominator percent }
    reportSubmittedAt reportOnTime reportDeadline
  }
}`;

const SAVE_MUTATION = `mutation Save($id: ID!, $version: Int!, $values: JSON!) {
  saveIndicatorValues(assessmentId: $id, version: $version, values: $values) {
    __typename
    ... on MutationSaveIndicatorValuesSuccess { data { id version status computedLevel } }
    ... on Error { code message }
  }
}`;

let failures = 0;
function fail(msg: string): void {
  failures++;
  console.error(`ERROR: ${msg}`);
}

async function gql<T>(
  platform: Platform,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const res = await platform.app.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join("; ")}`);
  return { data: body.data as T, headers: res.headers };
}

// ---- (a) national summary ------------------------------------------------------

interface SummaryRow {
  tenantId: string;
  units: number;
  assessed: number;
  recognised: number;
  byLevel: number[];
}

async function benchSummary(platform: Platform, year: number, seeded: SeedNationResult) {
  const input = { year, unitKind: "commune" };
  // The exact SQL texts and parameters the service sends (one statement or several), captured once with their row counts.
  const captured: { sql: string; params: unknown[]; rows: number }[] = [];
  const spy: SqlRunner = {
    ...platform.db.sql,
    query: async <T>(sql: string, params: unknown[] = []) => {
      const rows = await platform.db.sql.query<T>(sql, params);
      captured.push({ sql, params, rows: rows.length });
      return rows;
    },
  };
  const viaService = await nationalSummary(spy, input);

  const viaGql = (await gql<{ nationalSummary: SummaryRow[] }>(platform, SUMMARY_QUERY, input)).data.nationalSummary;
  const key = (r: SummaryRow) => `${r.tenantId}:${r.units}:${r.assessed}:${r.recognised}:${r.byLevel.join(",")}`;
  if (viaGql.length !== viaService.length || viaGql.some((r, i) => key(r) !== key(viaService[i]!)))
    fail("nationalSummary: GraphQL and SQL disagree");
  const recognised = viaGql.reduce((s, r) => s + r.recognised, 0);
  const seededCommunes = seeded.recognisedByLevel.commune.reduce((s, n) => s + n, 0);
  if (recognised !== seededCommunes)
    fail(`nationalSummary: ${recognised} recognised communes, the seed made ${seededCommunes}`);

  const gqlOnce = async () => {
    const t = performance.now();
    const r = await platform.app.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: SUMMARY_QUERY, variables: input }),
    });
    const body = (await r.json()) as { data?: { nationalSummary: unknown[] } };
    if (!body.data || body.data.nationalSummary.length !== viaGql.length) fail("nationalSummary: bad GraphQL response");
    return performance.now() - t;
  };
  const sqlOnce = async () => {
    const t = performance.now();
    for (const c of captured) {
      const rows = await platform.db.sql.query(c.sql, c.params);
      if (rows.length !== c.rows) fail("nationalSummary: bad SQL result");
    }
    return performance.now() - t;
  };
  for (let i = 0; i < WARMUP; i++) {
    await gqlOnce();
    await sqlOnce();
  }
  const g: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < N; i++) {
    // Interleaved, alternating which goes first, so drift hits both alike.
    if (i % 2 === 0) {
      g.push(await gqlOnce());
      s.push(await sqlOnce());
    } else {
      s.push(await sqlOnce());
      g.push(await gqlOnce());
    }
  }
  return { rows: viaGql.length, recognised, g, s };
}

// ---- (b) save throughput ---------------------------------------------------------

interface Slot {
  id: string;
  code: string;
  version: number;
  saves: number;
  maps: Map<number, Record<string, unknown>>;
  /** The session of this unit's editor, from a login mutation. */
  cookie: string;
  csrf: string;
}

interface SavePool {
  slots: Slot[];
  free: number[];
  roundId: string;
  tenantId: string;
  size: number;
}

async function setupSaves(platform: Platform, year: number): Promise<SavePool> {
  const prisma = platform.db.prisma;
  const [big] = await platform.db.sql.query<{ tenantId: string; n: string | number }>(
    `SELECT "tenantId", count(*) AS n FROM "Unit" WHERE "kindCode" = 'commune' GROUP BY "tenantId" ORDER BY n DESC, "tenantId" LIMIT 1`,
  );
  const tenantId = big!.tenantId;
  const admin: Viewer = {
    kind: "user",
    userId: "bench",
    email: "bench@localhost",
    name: "bench",
    grants: [{ role: "PROVINCE_ADMIN", tenantId, unitId: null, unitPath: null }],
    sessionId: "bench",
    csrfOk: true,
  };
  const round = await openRound(prisma, admin, {
    tenantId,
    year,
    setVersionId: versionId(BUILT_IN_SETS["vn-2361-commune"]!.id, BUILT_IN_SETS["vn-2361-commune"]!.version),
    submitDueAt: `${year}-10-31`,
    reviewDueAt: `${year}-12-15`,
  });
  // Editors edit only their own unit: one UNIT_EDITOR (and one signed-in session) per commune of the pool.
  const rows = await prisma.assessment.findMany({
    where: { roundId: round.id },
    select: { id: true, version: true, status: true, unitId: true, unit: { select: { code: true } } },
    orderBy: { unit: { code: "asc" } },
    take: POOL,
  });
  if (rows.length <= CONNECTIONS)
    throw new Error(`save pool: ${rows.length} assessments for ${CONNECTIONS} connections`);
  if (rows.some((r) => r.status !== "DRAFT")) throw new Error("save pool: not all DRAFT");
  const password = "bench-password-1";
  const passwordHash = await hashPassword(password);
  const email = (code: string) => `editor.${code}@bench.localhost`;
  await prisma.user.createMany({
    data: rows.map((r) => ({
      id: `bench_${r.unit.code}`,
      email: email(r.unit.code),
      name: `Editor ${r.unit.code}`,
      passwordHash,
    })),
  });
  await prisma.roleAssignment.createMany({
    data: rows.map((r) => ({
      userId: `bench_${r.unit.code}`,
      role: "UNIT_EDITOR" as const,
      tenantId,
      unitId: r.unitId,
    })),
  });
  const slots: Slot[] = [];
  const signIn = async (r: (typeof rows)[number]) => {
    const login = await gql<{ login: { __typename: string; data?: { csrfToken: string } } }>(
      platform,
      `mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { __typename ... on MutationLoginSuccess { data { csrfToken } } } }`,
      { e: email(r.unit.code), p: password },
    );
    const csrf = login.data.login.data?.csrfToken;
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    if (!csrf || !cookie.startsWith("cds_session=")) throw new Error(`login failed: ${login.data.login.__typename}`);
    return { id: r.id, code: r.unit.code, version: r.version, saves: 0, maps: new Map(), cookie, csrf };
  };
  for (let i = 0; i < rows.length; i += 8) slots.push(...(await Promise.all(rows.slice(i, i + 8).map(signIn))));
  return { slots, free: slots.map((_, i) => i), roundId: round.id, tenantId, size: rows.length };
}

/**
 * After a run: autocannon drops its sockets at the deadline while saves may
 * still be running on the server (a closed socket does not stop a
 * transaction), so wait until the handlers are done and the round's versions
 * stop moving, then re-read every version.
 */
async function resync(platform: Platform, pool: SavePool, idle: () => Promise<void>): Promise<void> {
  await idle();
  const read = async () =>
    new Map(
      (
        await platform.db.sql.query<{ id: string; version: number }>(
          `SELECT id, version FROM "Assessment" WHERE "roundId" = $1`,
          [pool.roundId],
        )
      ).map((r) => [r.id, r.version]),
    );
  let byId = await read();
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const again = await read();
    const same = [...again].every(([id, v]) => byId.get(id) === v);
    byId = again;
    if (same) break;
  }
  for (const s of pool.slots) s.version = byId.get(s.id)!;
  pool.free = pool.slots.map((_, i) => i);
}

function valuesFor(set: TCriteriaSet, codes: string[], slot: Slot, idx: number): Record<string, unknown> {
  const level = (idx + slot.saves) % 6;
  let all = slot.maps.get(level);
  if (!all) {
    all = valuesAtLevel(set, level, seedOf(slot.code) ^ level, 0);
    slot.maps.set(level, all);
  }
  const out: Record<string, unknown> = {};
  for (let j = 0; j < VALUES_PER_SAVE; j++) {
    const code = codes[(slot.saves * VALUES_PER_SAVE + j) % codes.length]!;
    out[code] = all[code];
  }
  return out;
}

interface SaveRun {
  result: Result;
  ok: number;
  appErrors: number;
  samples: string[];
}

async function runSaves(
  port: number,
  path: string,
  pool: SavePool,
  seconds: number,
  kind: "graphql" | "bare",
): Promise<SaveRun> {
  const set = BUILT_IN_SETS["vn-2361-commune"]!;
  const codes = set.criteria.filter((c) => c.measure !== "childLevels").map((c) => c.code);
  const run: Omit<SaveRun, "result"> = { ok: 0, appErrors: 0, samples: [] };
  const appError = (msg: string) => {
    run.appErrors++;
    if (run.samples.length < 5) run.samples.push(msg.slice(0, 200));
  };
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    method: "POST",
    headers: { "content-type": "application/json" },
    requests: [
      {
        setupRequest(req, ctx) {
          const idx = pool.free.shift();
          if (idx === undefined) throw new Error("save pool exhausted: more connections than assessments");
          ctx.idx = idx;
          const slot = pool.slots[idx]!;
          const values = valuesFor(set, codes, slot, idx);
          const body =
            kind === "graphql"
              ? JSON.stringify({ query: SAVE_MUTATION, variables: { id: slot.id, version: slot.version, values } })
              : JSON.stringify({ assessmentId: slot.id, version: slot.version, values });
          return { ...req, headers: { ...req.headers, cookie: slot.cookie, "x-csrf-token": slot.csrf }, body };
        },
        onResponse(status, body, ctx) {
          const idx = ctx.idx as number;
          const slot = pool.slots[idx]!;
          try {
            if (status !== 200) appError(`HTTP ${status}: ${body}`);
            else if (kind === "graphql") {
              const r = (
                JSON.parse(body) as {
                  data?: { saveIndicatorValues?: { __typename: string; data?: { version: number }; message?: string } };
                }
              ).data?.saveIndicatorValues;
              if (r?.__typename === "MutationSaveIndicatorValuesSuccess" && r.data) {
                slot.version = r.data.version;
                slot.saves++;
                run.ok++;
              } else appError(`${r?.__typename ?? "no data"}: ${r?.message ?? body}`);
            } else {
              slot.version = (JSON.parse(body) as { version: number }).version;
              slot.saves++;
              run.ok++;
            }
          } catch (e) {
            appError(`unreadable response: ${e instanceof Error ? e.message : String(e)}`);
          }
          pool.free.push(idx);
        },
      },
    ],
  });
  return { result, ...run };
}

/** A server on an ephemeral loopback port, counting requests until their handler's promise settles. */
function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
): Promise<{ server: Server; port: number; idle: () => Promise<void> }> {
  let inflight = 0;
  const server = createServer((req, res) => {
    inflight++;
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      inflight--;
    };
    Promise.resolve(handler(req, res)).then(end, end);
  });
  const idle = async () => {
    for (let i = 0; i < 600 && inflight > 0; i++) await new Promise((r) => setTimeout(r, 50));
  };
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port, idle })),
  );
}

/** BENCH_CPUPROF=file.cpuprofile: a V8 CPU profile of the timed GraphQL save run (server and autocannon share the process). */
async function profiled<T>(on: boolean, run: () => Promise<T>): Promise<T> {
  const file = process.env.BENCH_CPUPROF;
  if (!on || !file) return run();
  const session = new Session();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => session.post(method, (e, r) => (e ? reject(e) : resolve(r))));
  session.connect();
  await post("Profiler.enable");
  await post("Profiler.start");
  try {
    return await run();
  } finally {
    const { profile } = (await post("Profiler.stop")) as { profile: unknown };
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

// ---- main ------------------------------------------------------------------------

async function main(): Promise<void> {
  const db = await freshDatabase();
  let platform: Platform | null = null;
  const servers: Server[] = [];
  try {
    const t0 = performance.now();
    platform = await startPlatform(db.env);
    const [ver] = await platform.db.sql.query<{ version: string }>(`SELECT version()`);
    const pgVersion = /PostgreSQL [\d.]+/.exec(ver!.version)?.[0] ?? ver!.version;
    const openMs = performance.now() - t0;
    const year = platform.services.now().getUTCFullYear();
    console.log(
      `API benchmark — database: ${db.label}, ${pgVersion}\n  ${db.where} (fresh; opened and migrated in ${fmt(openMs)} ms)`,
    );

    const tb = performance.now();
    const base = await seedBase(platform.db.prisma);
    const baseMs = performance.now() - tb;
    const seeded = await seedNation(platform, { year });
    console.log(
      `seed      seedBase ${fmt(baseMs / 1000, 1)} s (${base.provinces} provinces, ${base.districts} districts, ${fmt(base.communes)} communes); ` +
        `seedNation ${year} ${fmt(seeded.ms / 1000, 1)} s\n          ${seeded.rounds} rounds, ${fmt(seeded.assessments)} assessments, ` +
        `${fmt(seeded.values)} values, ${fmt(seeded.recognised)} recognised, ${seeded.reports} reports (${seeded.lateReports} late)` +
        `\n          phases: ${Object.entries(seeded.phases)
          .map(([k, ms]) => `${k} ${fmt(ms / 1000, 1)} s`)
          .join(", ")}`,
    );
    console.log(
      `          recognised communes by level 0–5: ${seeded.recognisedByLevel.commune.map((n) => fmt(n)).join(" / ")}`,
    );

    // (a)
    const a = await benchSummary(platform, year, seeded);
    const gP95 = percentile(a.g, 95);
    const sP95 = percentile(a.s, 95);
    const ratioA = gP95 / sP95;
    console.log(
      `\n(a) nationalSummary(year: ${year}, unitKind: "commune") — ${a.rows} provinces, ${fmt(a.recognised)} recognised communes;` +
        `\n    ${N} sequential requests each after ${WARMUP} warm-up, interleaved`,
    );
    console.log(
      `${padR("method", 44)} ${pad("p50 ms", 8)} ${pad("p95 ms", 8)} ${pad("mean ms", 8)} ${pad("p95 vs SQL", 11)}`,
    );
    const rowA = (name: string, xs: number[]) =>
      console.log(
        `${padR(name, 44)} ${pad(fmt(percentile(xs, 50), 2), 8)} ${pad(fmt(percentile(xs, 95), 2), 8)} ${pad(fmt(mean(xs), 2), 8)} ${pad(`${(percentile(xs, 95) / sP95).toFixed(2)}×`, 11)}`,
      );
    rowA("raw SQL (same statements, db.sql.query)", a.s);
    rowA("GraphQL (app.fetch, anonymous)", a.g);
    console.log(
      `target: GraphQL p95 ≤ ${SUMMARY_TARGET}× raw SQL p95: ${ratioA <= SUMMARY_TARGET ? "MET" : "NOT MET"} (${ratioA.toFixed(2)}×)`,
    );

    // (b)
    const pool = await setupSaves(platform, year + 1);
    const gqlServer = await listen((req, res) => platform!.app.handle(req, res));
    const bareServer = await listen(bareSaveHandler(platform.db));
    servers.push(gqlServer.server, bareServer.server);
    console.log(
      `\n(b) saveIndicatorValues — ${CONNECTIONS} connections, ${SECONDS} s each after ${WARM_SECONDS} s warm-up, HTTP on 127.0.0.1;` +
        `\n    ${pool.slots.length} DRAFT assessments of a fresh ${year + 1} commune round (${pool.tenantId}), ${VALUES_PER_SAVE} values per save,` +
        `\n    each unit's own UNIT_EDITOR signed in (login mutation: cookie + x-csrf-token); every request carries the version it read`,
    );
    const graphRuns: SaveRun[] = [];
    const bareRuns: SaveRun[] = [];
    for (const [seconds, keep] of [
      [WARM_SECONDS, false],
      [SECONDS, true],
    ] as const) {
      const g = await profiled(keep, () => runSaves(gqlServer.port, "/graphql", pool, seconds, "graphql"));
      await resync(platform, pool, gqlServer.idle);
      const b = await runSaves(bareServer.port, "/", pool, seconds, "bare");
      await resync(platform, pool, bareServer.idle);
      if (keep) {
        graphRuns.push(g);
        bareRuns.push(b);
      }
    }
    const g = graphRuns[0]!;
    const b = bareRuns[0]!;
    const rps = (r: SaveRun) => r.ok / r.result.duration;
    console.log(
      `${padR("method", 34)} ${pad("req/s", 7)} ${pad("saves/s", 8)} ${pad("p50 ms", 7)} ${pad("p99 ms", 7)} ${pad("saved", 7)} ${pad("non-2xx", 8)} ${pad("errors", 7)} ${pad("refused", 8)} ${pad("vs bare", 8)}`,
    );
    const rowB = (name: string, r: SaveRun) =>
      console.log(
        `${padR(name, 34)} ${pad(fmt(r.result.requests.total / r.result.duration, 0), 7)} ${pad(fmt(rps(r), 0), 8)} ${pad(fmt(r.result.latency.p50, 0), 7)} ${pad(fmt(r.result.latency.p99, 0), 7)} ${pad(fmt(r.ok), 7)} ` +
          `${pad(fmt(r.result.non2xx), 8)} ${pad(fmt(r.result.errors + r.result.timeouts), 7)} ${pad(fmt(r.appErrors), 8)} ${pad(`${((100 * rps(r)) / rps(b)).toFixed(0)}%`, 8)}`,
      );
    rowB("bare node:http + SQL (bench/bare.ts)", b);
    rowB("GraphQL (yoga + Pothos + Prisma)", g);
    const ratioB = rps(g) / rps(b);
    const clean = (r: SaveRun) => r.result.non2xx + r.result.errors + r.result.timeouts + r.appErrors === 0;
    console.log(
      `target: GraphQL ≥ ${SAVE_TARGET * 100}% of the bare handler with no errors: ` +
        `${ratioB >= SAVE_TARGET && clean(g) ? "MET" : "NOT MET"} (${(100 * ratioB).toFixed(0)}%${clean(g) ? ", no errors" : ", with errors"})`,
    );
    for (const [name, r] of [
      ["GraphQL", g],
      ["bare", b],
    ] as const) {
      if (!clean(r))
        fail(
          `${name} saves: ${r.result.non2xx} non-2xx, ${r.result.errors} errors, ${r.result.timeouts} timeouts, ${r.appErrors} refused: ${r.samples.join(" | ")}`,
        );
    }
    const distinct = pool.slots.filter((s) => s.saves > 0).length;
    const [audits] = await platform.db.sql.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM "AuditEvent" WHERE action = 'assessment.saveValues' AND "tenantId" = $1`,
      [pool.tenantId],
    );
    console.log(
      `    ${fmt(distinct)} different assessments saved; ${fmt(Number(audits!.n))} saveValues audit events in all (warm-up included)`,
    );

    console.log(
      `\nnode ${process.version} via tsx (NODE_ENV=${process.env.NODE_ENV}), ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ` +
        `${fmt(os.totalmem() / 2 ** 30, 0)} GiB, load ${os
          .loadavg()
          .map((x) => x.toFixed(1))
          .join(" ")}, ${new Date().toISOString()}` +
        `\ndatabase: ${db.label}, ${pgVersion}; autocannon runs in the same process as the servers`,
    );
  } finally {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    if (platform) await platform.close();
    await db.cleanup();
  }
  if (failures > 0) {
    console.error(`\nFAIL: ${failures} error(s), see above`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
