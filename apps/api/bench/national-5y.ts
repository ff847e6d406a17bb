/**
 * The national summary over five years of whole-nation data, on a fresh database
 * (PGlite in a temporary directory by default; a new database on the server named
 * by DATABASE_URL / TEST_DATABASE_URL, created, then dropped):
 *
 *   seedBase (both maps) + seedNation for 2024 and 2025 (three-tier map: 63
 *   provinces, commune + district rounds, 10,743 assessments a year) and 2026,
 *   2027, 2028 (two-tier map: 34 provinces, commune rounds, 3,321 assessments a
 *   year) — ~1.2M IndicatorValue rows in all.
 *
 * For each year, nationalSummary(year, unitKind: "commune") on the map in force
 * on 1 January (the default) is timed three ways, interleaved (the order rotates
 * every iteration, so drift hits all alike), after a warm-up:
 *   (s) raw SQL — one hand-written query per year returning the whole result
 *       (units, assessed, recognised per level, Cơ bản or above, report), run on
 *       db.sql.query: the floor;
 *   (n) the service, nationalSummary(db.sql, …): two SQL aggregates, then
 *       criteria-core's levelDistribution and the Vietnamese sort in JS;
 *   (g) GraphQL nationalSummary through platform.app.fetch (anonymous).
 * The three results are checked equal (row by row, by province) before timing.
 *
 *   pnpm --filter @cds/api bench:national                    # PGlite
 *   DATABASE_URL=postgresql://… pnpm --filter @cds/api bench:national
 *   BENCH_N=100 BENCH_EXPLAIN=1 pnpm --filter @cds/api bench:national
 *
 * Exits non-zero when results disagree, never on a missed target.
 */
import "./production.ts";
import os from "node:os";
import { performance } from "node:perf_hooks";
import type { SqlRunner } from "../src/db.ts";
import { startPlatform, type Platform } from "../src/platform.ts";
import { nationalFramework } from "../src/services/level-counts.ts";
import { nationalSummary, type NationalRow } from "../src/services/summaries.ts";
import { mapIdForYear } from "../src/services/units.ts";
import { seedBase } from "../src/seed/base.ts";
import { seedNation, type SeedNationResult } from "../src/seed/nation.ts";
import { freshDatabase } from "./database.ts";
import { fmt, mean, pad, padR, percentile } from "./stats.ts";

const YEARS = [2024, 2025, 2026, 2027, 2028];
const UNIT_KIND = "commune";
const N = Math.max(10, Number(process.env.BENCH_N ?? 100) || 100);
const WARMUP = 10;
const EXPLAIN = process.env.BENCH_EXPLAIN === "1";
const TARGET = 2;

const SUMMARY_QUERY = `query National($year: Int!, $unitKind: String!) {
  nationalSummary(year: $year, unitKind: $unitKind) {
    tenantId name units assessed recognised byLevel
    basicOrAbove { numerator denominator }
    reportSubmittedAt reportOnTime mapId successorId
  }
}`;

let failures = 0;
function fail(msg: string): void {
  failures++;
  console.error(`ERROR: ${msg}`);
}

/** What the three methods must agree on, one line per province. */
interface Comparable {
  tenantId: string;
  name: string;
  units: number;
  assessed: number;
  recognised: number;
  byLevel: number[];
  basicOrAbove: number;
  denominator: number;
  reportSubmittedAt: string | null;
  reportOnTime: boolean | null;
  mapId: string;
  successorId: string | null;
}

const line = (c: Comparable) => JSON.stringify(c);
const byTenant = (xs: Comparable[]) => xs.map(line).sort();

// ---- (s) the hand-written aggregate ------------------------------------------------

const framework = nationalFramework(UNIT_KIND)!;
/** Levels 0..n of the national framework, and the rank of Cơ bản (the bar of "Cơ bản or above"). */
const LEVELS = framework.levels.length;
const BASIC = framework.levels.find((l) => l.code === "co-ban")!.rank;

/**
 * Everything the summary shows, in one statement: units per province on the map, assessments of the year's
 * rounds on that map, recognised per level as an array, Cơ bản or above, and the yearly report.
 */
const RAW_SQL = `WITH u AS (
    SELECT "tenantId" AS tenant_id, count(*)::int AS units FROM "Unit"
     WHERE "kindCode" = $2 AND "mapId" = $3 GROUP BY "tenantId"
  ), a AS (
    SELECT r."tenantId" AS tenant_id, count(*)::int AS assessed,
           ARRAY[${Array.from(
             { length: LEVELS + 1 },
             (_, l) => `count(*) FILTER (WHERE a.status = 'RECOGNISED' AND a."recognisedLevel" = ${l})::int`,
           ).join(", ")}] AS by_level,
           count(*) FILTER (WHERE a.status = 'RECOGNISED')::int AS recognised,
           count(*) FILTER (WHERE a.status = 'RECOGNISED' AND a."recognisedLevel" >= $4)::int AS basic
      FROM "Round" r JOIN "Assessment" a ON a."roundId" = r.id
     WHERE r.year = $1 AND r."unitKind" = $2 AND r."mapId" = $3
     GROUP BY r."tenantId"
  )
  SELECT t.id AS tenant_id, t.name, u.units, coalesce(a.assessed, 0) AS assessed, a.by_level,
         coalesce(a.recognised, 0) AS recognised, coalesce(a.basic, 0) AS basic,
         p."submittedAt" AS submitted_at, p."onTime" AS on_time, t."successorId" AS successor_id
    FROM "Tenant" t
    JOIN u ON u.tenant_id = t.id
    LEFT JOIN a ON a.tenant_id = t.id
    LEFT JOIN "ProvinceReport" p ON p."tenantId" = t.id AND p.year = $1
   WHERE t.kind = 'PROVINCE'`;

interface RawRow {
  tenant_id: string;
  name: string;
  units: number;
  assessed: number;
  by_level: number[] | null;
  recognised: number;
  basic: number;
  submitted_at: Date | string | null;
  on_time: boolean | null;
  successor_id: string | null;
}

const rawParams = (year: number) => [year, UNIT_KIND, mapIdForYear(year), BASIC];
const rawQuery = (sql: SqlRunner, year: number) => sql.query<RawRow>(RAW_SQL, rawParams(year));

const isoOrNull = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function fromRaw(r: RawRow, mapId: string): Comparable {
  return {
    tenantId: r.tenant_id,
    name: r.name,
    units: Number(r.units),
    assessed: Number(r.assessed),
    recognised: Number(r.recognised),
    byLevel: (r.by_level ?? new Array<number>(LEVELS + 1).fill(0)).map(Number),
    basicOrAbove: Number(r.basic),
    denominator: Number(r.units),
    reportSubmittedAt: isoOrNull(r.submitted_at),
    reportOnTime: r.on_time,
    mapId,
    successorId: r.successor_id,
  };
}

function fromService(r: NationalRow): Comparable {
  return {
    tenantId: r.tenantId,
    name: r.name,
    units: r.units,
    assessed: r.assessed,
    recognised: r.recognised,
    byLevel: r.byLevel,
    basicOrAbove: r.basicOrAbove.numerator,
    denominator: r.basicOrAbove.denominator,
    reportSubmittedAt: isoOrNull(r.reportSubmittedAt),
    reportOnTime: r.reportOnTime,
    mapId: r.mapId,
    successorId: r.successorId,
  };
}

interface GqlRow {
  tenantId: string;
  name: string;
  units: number;
  assessed: number;
  recognised: number;
  byLevel: number[];
  basicOrAbove: { numerator: number; denominator: number };
  reportSubmittedAt: string | null;
  reportOnTime: boolean | null;
  mapId: string;
  successorId: string | null;
}

async function gqlQuery(platform: Platform, year: number): Promise<GqlRow[]> {
  const res = await platform.app.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: SUMMARY_QUERY, variables: { year, unitKind: UNIT_KIND } }),
  });
  const body = (await res.json()) as { data?: { nationalSummary: GqlRow[] }; errors?: { message: string }[] };
  if (!body.data) throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join("; ") ?? res.status}`);
  return body.data.nationalSummary;
}

const fromGql = (r: GqlRow): Comparable => ({
  tenantId: r.tenantId,
  name: r.name,
  units: r.units,
  assessed: r.assessed,
  recognised: r.recognised,
  byLevel: r.byLevel,
  basicOrAbove: r.basicOrAbove.numerator,
  denominator: r.basicOrAbove.denominator,
  reportSubmittedAt: isoOrNull(r.reportSubmittedAt),
  reportOnTime: r.reportOnTime,
  mapId: r.mapId,
  successorId: r.successorId,
});

// ---- main ---------------------------------------------------------------------------

type Method = "sql" | "service" | "graphql";
const METHODS: Method[] = ["sql", "service", "graphql"];
const LABEL: Record<Method, string> = {
  sql: "raw SQL, one hand-written query",
  service: "nationalSummary (service)",
  graphql: "GraphQL nationalSummary (app.fetch)",
};

async function main(): Promise<void> {
  const db = await freshDatabase();
  let platform: Platform | null = null;
  try {
    const t0 = performance.now();
    platform = await startPlatform(db.env);
    const sql = platform.db.sql;
    const [ver] = await sql.query<{ version: string }>(`SELECT version()`);
    const pgVersion = /PostgreSQL [\d.]+/.exec(ver!.version)?.[0] ?? ver!.version;
    console.log(
      `National summary over five years — database: ${db.label}, ${pgVersion}\n  ${db.where} (fresh; opened and migrated in ${fmt(performance.now() - t0)} ms)`,
    );

    const tb = performance.now();
    const base = await seedBase(platform.db.prisma);
    console.log(
      `seedBase  ${fmt((performance.now() - tb) / 1000, 1)} s (${base.provinces} provinces, ${base.districts} districts, ${fmt(base.communes)} communes on the three-tier map; the two-tier map and lineage)`,
    );
    const seeded = new Map<number, SeedNationResult>();
    for (const year of YEARS) {
      const r = await seedNation(platform, { year });
      seeded.set(year, r);
      console.log(
        `seedNation ${year} on ${r.mapId}: ${fmt(r.ms / 1000, 1)} s — ${r.provinces} provinces, ${r.rounds} rounds, ` +
          `${fmt(r.assessments)} assessments, ${fmt(r.values)} values, ${fmt(r.recognised)} recognised, ${r.reports} reports (${r.lateReports} late)` +
          `\n           phases: ${Object.entries(r.phases)
            .map(([k, ms]) => `${k} ${fmt(ms / 1000, 1)} s`)
            .join(", ")}` +
          `\n           recognised communes by level 0–5: ${r.recognisedByLevel.commune.map((n) => fmt(n)).join(" / ")}`,
      );
    }
    const [totals] = await sql.query<{
      rounds: string | number;
      assessments: string | number;
      values: string | number;
    }>(
      `SELECT (SELECT count(*) FROM "Round") AS rounds, (SELECT count(*) FROM "Assessment") AS assessments,
              (SELECT count(*) FROM "IndicatorValue") AS values`,
    );
    console.log(
      `database  ${fmt(Number(totals!.rounds))} rounds, ${fmt(Number(totals!.assessments))} assessments, ${fmt(Number(totals!.values))} IndicatorValue rows`,
    );

    // The three methods agree, row by row, and the recognised counts are what the seed made.
    for (const year of YEARS) {
      const mapId = mapIdForYear(year);
      const s = (await rawQuery(sql, year)).map((r) => fromRaw(r, mapId));
      const n = (await nationalSummary(sql, { year, unitKind: UNIT_KIND })).map(fromService);
      const g = (await gqlQuery(platform, year)).map(fromGql);
      const expected = byTenant(s);
      if (expected.length !== (mapId === "2025-03" ? 63 : 34)) fail(`${year}: ${expected.length} provinces`);
      if (byTenant(n).join("\n") !== expected.join("\n")) fail(`${year}: the service and raw SQL disagree`);
      if (byTenant(g).join("\n") !== expected.join("\n")) fail(`${year}: GraphQL and raw SQL disagree`);
      if (g.map((r) => r.tenantId).join() !== n.map((r) => r.tenantId).join()) fail(`${year}: GraphQL order differs`);
      const recognised = s.reduce((sum, r) => sum + r.recognised, 0);
      const fromSeed = seeded.get(year)!.recognisedByLevel.commune.reduce((sum, x) => sum + x, 0);
      if (recognised !== fromSeed) fail(`${year}: ${recognised} recognised communes, the seed made ${fromSeed}`);
      const assessed = s.reduce((sum, r) => sum + r.assessed, 0);
      const units = s.reduce((sum, r) => sum + r.units, 0);
      if (assessed !== units) fail(`${year}: ${assessed} assessed of ${units} communes`);
    }
    console.log(`check     the three methods return the same rows for every year (compared by province)`);

    if (EXPLAIN) {
      for (const year of [2025, 2026]) {
        const plan = await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN ANALYZE ${RAW_SQL}`, rawParams(year));
        console.log(`\nEXPLAIN ANALYZE raw SQL ${year}:\n${plan.map((p) => p["QUERY PLAN"]).join("\n")}`);
      }
      const captured: { sql: string; params: unknown[] }[] = [];
      await nationalSummary(
        {
          ...sql,
          query: (text, params = []) => {
            captured.push({ sql: text, params });
            return sql.query(text, params);
          },
        },
        { year: 2026, unitKind: UNIT_KIND },
      );
      for (const c of captured) {
        const plan = await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN ANALYZE ${c.sql}`, c.params);
        console.log(`\nEXPLAIN ANALYZE service statement 2026:\n${plan.map((p) => p["QUERY PLAN"]).join("\n")}`);
      }
    }

    const once: Record<Method, (year: number) => Promise<number>> = {
      sql: async (year) => {
        const t = performance.now();
        await rawQuery(sql, year);
        return performance.now() - t;
      },
      service: async (year) => {
        const t = performance.now();
        await nationalSummary(sql, { year, unitKind: UNIT_KIND });
        return performance.now() - t;
      },
      graphql: async (year) => {
        const t = performance.now();
        await gqlQuery(platform!, year);
        return performance.now() - t;
      },
    };
    const samples = new Map<string, number[]>();
    const key = (m: Method, year: number | "all") => `${m}/${year}`;
    const push = (m: Method, year: number, ms: number) => {
      for (const k of [key(m, year), key(m, "all")]) samples.set(k, [...(samples.get(k) ?? []), ms]);
    };
    for (let i = 0; i < WARMUP; i++) for (const year of YEARS) for (const m of METHODS) await once[m](year);
    const tm = performance.now();
    for (let i = 0; i < N; i++) {
      for (const [y, year] of YEARS.entries()) {
        // Rotate which method goes first, so drift and caches hit all three alike.
        for (let j = 0; j < METHODS.length; j++) {
          const m = METHODS[(i + y + j) % METHODS.length]!;
          push(m, year, await once[m](year));
        }
      }
    }
    const timedS = (performance.now() - tm) / 1000;

    console.log(
      `\nnationalSummary(year, unitKind: "commune") on the map in force on 1 January — ${N} iterations per year and method after ${WARMUP} warm-up, ` +
        `interleaved (${fmt(timedS, 1)} s)`,
    );
    console.log(
      `${padR("year (map, provinces)", 24)} ${padR("method", 38)} ${pad("p50 ms", 8)} ${pad("p95 ms", 8)} ${pad("mean ms", 8)} ${pad("p95 vs SQL", 11)}`,
    );
    const row = (label: string, m: Method, year: number | "all") => {
      const xs = samples.get(key(m, year))!;
      const base95 = percentile(samples.get(key("sql", year))!, 95);
      console.log(
        `${padR(label, 24)} ${padR(LABEL[m], 38)} ${pad(fmt(percentile(xs, 50), 2), 8)} ${pad(fmt(percentile(xs, 95), 2), 8)} ` +
          `${pad(fmt(mean(xs), 2), 8)} ${pad(`${(percentile(xs, 95) / base95).toFixed(2)}×`, 11)}`,
      );
    };
    for (const year of YEARS) {
      const mapId = mapIdForYear(year);
      const label = `${year} (${mapId}, ${mapId === "2025-03" ? 63 : 34})`;
      for (const m of METHODS) row(m === "sql" ? label : "", m, year);
    }
    for (const m of METHODS) row(m === "sql" ? "all five years" : "", m, "all");
    const ratio = (m: Method) =>
      percentile(samples.get(key(m, "all"))!, 95) / percentile(samples.get(key("sql", "all"))!, 95);
    console.log(
      `target: nationalSummary p95 ≤ ${TARGET}× raw SQL p95 (all five years): ${ratio("service") <= TARGET ? "MET" : "NOT MET"} (${ratio("service").toFixed(2)}×); ` +
        `GraphQL ${ratio("graphql").toFixed(2)}×`,
    );

    console.log(
      `\nnode ${process.version} via tsx (NODE_ENV=${process.env.NODE_ENV}), ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ` +
        `${fmt(os.totalmem() / 2 ** 30, 0)} GiB, load ${os
          .loadavg()
          .map((x) => x.toFixed(1))
          .join(" ")}, ${new Date().toISOString()}\ndatabase: ${db.label}, ${pgVersion}`,
    );
  } finally {
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
