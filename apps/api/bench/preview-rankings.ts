/**
 * Impact preview and rankings on whole-province and whole-nation data, on a fresh database (PGlite in a
 * temporary directory by default; a new database on the server named by DATABASE_URL / TEST_DATABASE_URL,
 * created, then dropped).
 *
 * Seeded first: seedBase (both maps); seedNation 2025 for the province with the most communes on the
 * three-tier map "2025-03" and seedNation 2026 for the largest province of the two-tier map "2025-07" (their
 * 2361 level rounds, every commune assessed); then two national scored rounds (the ministry, tenant "vn",
 * template mau-dti-xa 1.0 on the two-tier map): 2025 (every commune recognised: last year's published
 * ranking) and 2026 (every commune scored, most recognised, the rest in the other statuses). Each of the
 * 2 × 3,321 national assessments gets seeded synthetic values (scoredValues) and criteria-core's `score` of
 * them, stored as the API stores them (effectiveValues, score, selfScore, computedLevel; finalScore when
 * recognised), written in bulk.
 *
 * Timed, each case three or four ways, interleaved (the order rotates every iteration), after a warm-up:
 *   (s) raw SQL — the same rows the service reads, on db.sql.query: the floor of the read;
 *   (c) raw SQL + criteria-core — the read plus the judging the service does (evaluate, or score + rank),
 *       no access checks, no Prisma: the floor of the work (impact preview only);
 *   (n) the service (impactPreview / roundRanking) with the viewer a signed-in session gives;
 *   (g) GraphQL through platform.app.fetch, signed in (session cookie + x-csrf-token), the admin's query;
 *   for rankings, (n) and (g) compute the ranking each time (the rankings kept forgotten before each call), and
 *   (n'), (g') ask again with nothing changed (the ranking kept, its stamp read).
 * Cases:
 *   P1 impactPreview of a level draft (vn-2361-commune with targets raised) on the old-map province's 2025
 *      commune round, as that province's admin (its own draft);
 *   P2 the same on the new-map province's 2026 commune round;
 *   P3 impactPreview of a scored draft (mau-dti-xa with points moved, one rule changed) on the national
 *      2026 scored round (3,321 communes, scored and ranked per ranking group), as the ministry;
 *   R1 the national 2026 round's working ranking (final: false, every commune's current score, last year's
 *      ranks beside), as the ministry;
 *   R2 its published ranking (final: true, the recognised communes' final scores).
 *
 *   pnpm --filter @cds/api bench:preview                    # PGlite
 *   DATABASE_URL=postgresql://… pnpm --filter @cds/api bench:preview
 *   BENCH_N=30 BENCH_WARMUP=5 pnpm --filter @cds/api bench:preview
 *   BENCH_CASES=R1,R2 pnpm --filter @cds/api bench:preview   # only those cases
 *
 * Exits non-zero when results disagree, never on a missed target.
 */
import "./production.ts";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { evaluate, rank, rankingGroupFor, score, type IndicatorValues, type Score } from "@cds/criteria-core";
import { BUILT_IN_SETS, builtInSet, scoreComponents, type TCriteriaSet } from "@cds/criteria-schema";
import { startPlatform, type Platform } from "../src/platform.ts";
import type { Viewer } from "../src/services/access.ts";
import { hashPassword, viewerFromSession } from "../src/services/auth.ts";
import { impactPreview, scoreReadable } from "../src/services/impact.ts";
import { forgetRankings, roundRanking } from "../src/services/rankings.ts";
import { openRound } from "../src/services/rounds.ts";
import { cloneVersion, documentOf, updateDraft } from "../src/services/sets.ts";
import { valuesFor } from "../src/services/summaries.ts";
import { seedBase, versionId } from "../src/seed/base.ts";
import { seedNation } from "../src/seed/nation.ts";
import { prng, scoredValues, seedOf } from "../src/seed/values.ts";
import { freshDatabase } from "./database.ts";
import { fmt, mean, pad, padR, percentile } from "./stats.ts";

const N = Math.max(5, Number(process.env.BENCH_N ?? 30) || 30);
const WARMUP = Math.max(1, Number(process.env.BENCH_WARMUP ?? 5) || 5);
/** BENCH_CASES=R1,R2: only those cases (all by default). */
const ONLY = process.env.BENCH_CASES?.split(",").map((c) => c.trim());
const TARGET_MS = 200;
const OLD_MAP = "2025-03";
const NEW_MAP = "2025-07";

let failures = 0;
function fail(msg: string): void {
  failures++;
  console.error(`ERROR: ${msg}`);
}

// ---- signing in -------------------------------------------------------------------

interface Session {
  viewer: Viewer;
  headers: Record<string, string>;
}

async function gql<T>(platform: Platform, query: string, variables: Record<string, unknown>, headers = {}) {
  const res = await platform.app.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data)
    throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join("; ") ?? res.status}`);
  return { data: body.data, headers: res.headers };
}

/** A user with one grant, signed in through the login mutation; the viewer is what the session gives the API. */
async function signIn(
  platform: Platform,
  who: { id: string; role: "MINISTRY_ADMIN" | "PROVINCE_ADMIN"; tenantId: string },
): Promise<Session> {
  const prisma = platform.db.prisma;
  const email = `${who.id}@bench.localhost`;
  const password = "bench-password-1";
  await prisma.user.create({ data: { id: who.id, email, name: who.id, passwordHash: await hashPassword(password) } });
  await prisma.roleAssignment.create({ data: { userId: who.id, role: who.role, tenantId: who.tenantId } });
  const login = await gql<{ login: { __typename: string; data?: { csrfToken: string } } }>(
    platform,
    `mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { __typename ... on MutationLoginSuccess { data { csrfToken } } } }`,
    { e: email, p: password },
  );
  const csrf = login.data.login.data?.csrfToken;
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  if (!csrf || !cookie.startsWith("cds_session=")) throw new Error(`login failed: ${login.data.login.__typename}`);
  const viewer = await viewerFromSession(prisma, platform.services, cookie.slice("cds_session=".length), csrf);
  if (viewer.kind !== "user") throw new Error("signIn: no session");
  return { viewer, headers: { cookie, "x-csrf-token": csrf } };
}

// ---- seeding the national scored rounds -------------------------------------------

/** A unit's latent maturity (0.3..0.93), a little higher in the later year (as the scored demo draws it). */
const maturity = (code: string, later: boolean) => 0.3 + ((seedOf(code) % 1000) / 1000) * 0.6 + (later ? 0.03 : 0);

const OTHER = ["DRAFT", "SUBMITTED", "VERIFIED", "APPRAISED", "RETURNED"] as const;

/**
 * Fills a freshly opened national scored round: every assessment gets values and criteria-core's score of them;
 * `recognised` of them (by a seeded draw) are recognised with the score frozen as finalScore. One UPDATE per
 * 500 rows from a JSON parameter; every row moves from DRAFT, so the immutability trigger allows it.
 */
async function fillScoredRound(
  platform: Platform,
  roundId: string,
  set: TCriteriaSet,
  year: number,
  recognised: number,
): Promise<{ units: number; recognised: number }> {
  const sql = platform.db.sql;
  const rows = await sql.query<{ id: string; code: string }>(
    `SELECT a.id, u.code FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId" WHERE a."roundId" = $1 ORDER BY u.code`,
    [roundId],
  );
  let nRecognised = 0;
  const data = rows.map((r) => {
    const rnd = prng(seedOf(`${r.code}/${year}/scored`));
    const values = scoredValues(
      set,
      maturity(r.code, year > 2025),
      seedOf(`${r.code}:${year}`),
      rnd() < 0.1 ? 0.05 : 0,
    );
    const s = score(set, values as never);
    const status = rnd() < recognised ? "RECOGNISED" : OTHER[Math.floor(rnd() * OTHER.length)]!;
    if (status === "RECOGNISED") nRecognised++;
    return {
      id: r.id,
      status,
      effectiveValues: values,
      score: s,
      computedLevel: s.level ?? 0,
      finalScore: status === "RECOGNISED" ? s : null,
      recognisedAt: status === "RECOGNISED" ? `${year}-12-10T03:00:00.000Z` : null,
    };
  });
  await sql.transaction(async (tx) => {
    for (let i = 0; i < data.length; i += 500) {
      await tx.query(
        // The rows materialised first: as a plain function scan the planner may re-read the JSON once per row.
        `WITH d AS MATERIALIZED (
           SELECT * FROM jsonb_to_recordset($1::jsonb) AS d(id text, status text, "effectiveValues" jsonb, score jsonb,
                  "computedLevel" int, "finalScore" jsonb, "recognisedAt" timestamp(3)))
         UPDATE "Assessment" a SET status = d.status::"AssessmentStatus", "effectiveValues" = d."effectiveValues",
                score = d.score, "selfScore" = d.score, "computedLevel" = d."computedLevel", "finalScore" = d."finalScore",
                "selfAssessedLevel" = CASE WHEN d.status <> 'DRAFT' THEN d."computedLevel" END,
                "recognisedLevel" = CASE WHEN d.status = 'RECOGNISED' THEN d."computedLevel" END,
                "recognisedAt" = d."recognisedAt", version = a.version + 1
           FROM d WHERE a.id = d.id`,
        [JSON.stringify(data.slice(i, i + 500))],
      );
    }
  });
  await sql.script(`VACUUM (ANALYZE) "Assessment", "Unit", "Round"`);
  return { units: rows.length, recognised: nRecognised };
}

// ---- the drafts -------------------------------------------------------------------

/** vn-2361-commune with every percentage target from level 2 up raised by 5 points (capped at 100). */
function raisedTargets(doc: TCriteriaSet): TCriteriaSet {
  const d = structuredClone(doc);
  for (const c of d.criteria) {
    if (c.measure !== "percentage") continue;
    c.targets = c.targets.map((t, i) => (typeof t === "number" && i >= 1 ? Math.min(100, t + 5) : t)) as never;
  }
  return d;
}

/** mau-dti-xa with 10 points moved between the first group's two first components and a counted rule made yes/no. */
function movedPoints(doc: TCriteriaSet): TCriteriaSet {
  const d = structuredClone(doc);
  const groups = d.scoring!.groups;
  const first = groups.find((g) => g.components.length >= 2 && g.components[0]!.max >= 10)!;
  first.components[0]!.max -= 10;
  first.components[1]!.max += 10;
  const counted = scoreComponents(groups).find(
    (p) => p.component.rule.kind === "bands" && (p.component.rule as { on?: string }).on === "count",
  );
  if (counted) counted.component.rule = { kind: "yesNo" } as never;
  return d;
}

// ---- the cases --------------------------------------------------------------------

const IMPACT_QUERY = `query ImpactPreview($versionId: ID!, $roundId: ID!) {
  impactPreview(versionId: $versionId, roundId: $roundId) {
    units current draft up down
    moved { assessmentId unitName current draft }
    scored maxScore rankChanged
    scoreChanges { assessmentId unitName group groupName currentScore currentScoreText currentRank
                   draftScore draftScoreText draftRank unreadable }
  }
}`;

// The admin's query (apps/admin/src/features/rankings/queries.ts, RoundRankingQuery): what the ranking page asks.
const RANKING_QUERY = `query RoundRanking($id: ID!, $final: Boolean) {
  node(id: $id) {
    __typename
    ... on Round {
      id
      ranking(final: $final) {
        roundId year final maxScore decimals previousYear
        mainIndices { code name average averageText }
        groups { code name entries {
          assessmentId unitCode unitName scoreText rank status
          previous { rank } rankChange indexTexts
        } }
      }
    }
  }
}`;

const roundGlobalId = (id: string) => Buffer.from(`Round:${id}`).toString("base64");

interface Case {
  name: string;
  label: string;
  /** Rows read, units judged / ranked: what the check compares. */
  expect: string;
  methods: Partial<Record<Method, () => Promise<string>>>;
  /** Run before a method's timed call, untimed (a cold ranking forgets those computed). */
  before?: Partial<Record<Method, () => void>>;
}

type Method = "sql" | "core" | "service" | "graphql" | "serviceKept" | "graphqlKept";
const METHODS: Method[] = ["sql", "core", "service", "graphql", "serviceKept", "graphqlKept"];
const LABEL: Record<Method, string> = {
  sql: "(s) raw SQL read of the same rows",
  core: "(c) raw SQL + criteria-core, no checks",
  service: "(n) service",
  graphql: "(g) GraphQL, signed in (app.fetch)",
  serviceKept: "(n') service, ranking kept (rows unchanged)",
  graphqlKept: "(g') GraphQL, ranking kept",
};

const IMPACT_SQL = `SELECT a.id, a."setVersionId", a."computedLevel", a."effectiveValues", u.id AS unit_id, u.name, u."kindCode", u.type
  FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId" WHERE a."roundId" = $1 ORDER BY u.code, a.id`;

interface ImpactRow {
  id: string;
  setVersionId: string;
  computedLevel: number;
  effectiveValues: Record<string, unknown>;
  unit_id: string;
  name: string;
  kindCode: string;
  type: string;
}

const RANK_SQL = (final: boolean) =>
  // What the service reads: each score's ranking part, kept by the database in a column of its own
  // as a line of text (rankLine / finalRankLine; the components stay in the score).
  `SELECT a.id, a.status, ${final ? `a."finalRankLine"` : `a."rankLine"`} AS line,
          u.id AS unit_id, u.code, u.name, u."kindCode", u.type
     FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId"
    WHERE a."roundId" = $1${final ? ` AND a.status = 'RECOGNISED'` : ""}`;

async function main(): Promise<void> {
  const db = await freshDatabase();
  let platform: Platform | null = null;
  try {
    const t0 = performance.now();
    platform = await startPlatform(db.env);
    const { prisma, sql } = platform.db;
    const [ver] = await sql.query<{ version: string }>(`SELECT version()`);
    const pgVersion = /PostgreSQL [\d.]+/.exec(ver!.version)?.[0] ?? ver!.version;
    console.log(
      `Impact preview and rankings — database: ${db.label}, ${pgVersion}\n  ${db.where} (fresh; opened and migrated in ${fmt(performance.now() - t0)} ms)` +
        `\n  load at start ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(" ")}`,
    );

    let tb = performance.now();
    await seedBase(prisma);
    console.log(`seedBase          ${fmt((performance.now() - tb) / 1000, 1)} s`);
    const biggest = async (mapId: string) => {
      const [r] = await sql.query<{ tenantId: string; n: number }>(
        `SELECT u."tenantId", count(*)::int AS n FROM "Unit" u JOIN "Tenant" t ON t.id = u."tenantId"
          WHERE u."kindCode" = 'commune' AND u."mapId" = $1 AND t.kind = 'PROVINCE'
          GROUP BY u."tenantId" ORDER BY n DESC, u."tenantId" LIMIT 1`,
        [mapId],
      );
      return r!;
    };
    const oldProvince = await biggest(OLD_MAP);
    const newProvince = await biggest(NEW_MAP);
    for (const [year, p] of [
      [2025, oldProvince],
      [2026, newProvince],
    ] as const) {
      const r = await seedNation(platform, { year, tenantIds: [p.tenantId] });
      console.log(
        `seedNation ${year}   ${p.tenantId} on ${r.mapId}: ${fmt(r.ms / 1000, 1)} s — ${r.rounds} rounds, ${fmt(r.assessments)} assessments, ${fmt(r.values)} values`,
      );
    }

    // The ministry's national scored rounds on the two-tier map, 2025 (published) and 2026 (under way).
    const ministry = await signIn(platform, { id: "bench_ministry", role: "MINISTRY_ADMIN", tenantId: "vn" });
    const template = builtInSet("mau-dti-xa")!;
    const templateVersion = versionId(template.id, template.version);
    const national: Record<number, string> = {};
    for (const [year, share] of [
      [2025, 1],
      [2026, 0.8],
    ] as const) {
      tb = performance.now();
      const round = await openRound(prisma, ministry.viewer, {
        tenantId: "vn",
        year,
        mapId: NEW_MAP,
        setVersionId: templateVersion,
        name: `Bộ chỉ số chuyển đổi số cấp xã toàn quốc ${year} (bench)`,
        submitDueAt: `${year}-10-31`,
        reviewDueAt: `${year}-12-15`,
      });
      const filled = await fillScoredRound(platform, round.id, template, year, share);
      national[year] = round.id;
      console.log(
        `national ${year}     scored round ${round.id} on ${NEW_MAP}: ${fmt(filled.units)} communes scored, ${fmt(filled.recognised)} recognised (${fmt((performance.now() - tb) / 1000, 1)} s)`,
      );
    }

    // The drafts: each province clones the national level framework into a set of its own and raises targets;
    // the ministry clones the index template and moves points.
    const province = async (p: { tenantId: string }, tag: string) => {
      const s = await signIn(platform!, { id: `bench_so_${tag}`, role: "PROVINCE_ADMIN", tenantId: p.tenantId });
      const src = BUILT_IN_SETS["vn-2361-commune"]!;
      const draft = await cloneVersion(prisma, s.viewer, {
        sourceVersionId: versionId(src.id, src.version),
        tenantId: p.tenantId,
        setId: `${p.tenantId}-bench-${tag}`,
      });
      const updated = await updateDraft(prisma, s.viewer, {
        versionId: draft.id,
        revision: draft.revision,
        document: raisedTargets(documentOf(draft)),
      });
      return { session: s, draftId: updated.id, draft: documentOf(updated) };
    };
    const oldSide = await province(oldProvince, "old");
    const newSide = await province(newProvince, "new");
    const scoredClone = await cloneVersion(prisma, ministry.viewer, {
      sourceVersionId: templateVersion,
      tenantId: "vn",
      setId: "vn-bench-dti-xa",
    });
    const scoredDraft = await updateDraft(prisma, ministry.viewer, {
      versionId: scoredClone.id,
      revision: scoredClone.revision,
      document: movedPoints(documentOf(scoredClone)),
    });
    const scoredDoc = documentOf(scoredDraft);

    const oldRound = `rnd_${oldProvince.tenantId}_2025_commune`;
    const newRound = `rnd_${newProvince.tenantId}_2026_commune`;

    // ---- the methods of each case ----
    const levelCase = (
      name: string,
      label: string,
      roundId: string,
      side: { session: Session; draftId: string; draft: TCriteriaSet },
      units: number,
    ): Case => ({
      name,
      label,
      expect: `${units} units`,
      methods: {
        sql: async () => `${(await sql.query<ImpactRow>(IMPACT_SQL, [roundId])).length} units`,
        core: async () => {
          const rows = await sql.query<ImpactRow>(IMPACT_SQL, [roundId]);
          let moved = 0;
          for (const r of rows) {
            const l = evaluate(side.draft, valuesFor(side.draft, r.effectiveValues) as IndicatorValues).level;
            if (l !== r.computedLevel) moved++;
          }
          return `${rows.length} units, ${moved} moved`;
        },
        service: async () => {
          const p = await impactPreview(prisma, side.session.viewer, { versionId: side.draftId, roundId });
          return `${p.units} units, ${p.moved.length} moved`;
        },
        graphql: async () => {
          const { data } = await gql<{ impactPreview: { units: number; moved: unknown[] } }>(
            platform!,
            IMPACT_QUERY,
            { versionId: side.draftId, roundId },
            side.session.headers,
          );
          return `${data.impactPreview.units} units, ${data.impactPreview.moved.length} moved`;
        },
      },
    });
    const rankingService = (final: boolean) => async () => {
      const r = await roundRanking(platform!.db, ministry.viewer, national[2026]!, { final });
      const entries = r.groups.flatMap((g) => g.entries);
      return `${entries.length} ranked (${entries.filter((e) => e.previous).length} last year)`;
    };
    const rankingGraphql = (final: boolean) => async () => {
      const { data } = await gql<{
        node: { ranking: { groups: { entries: { previous: unknown }[] }[] } };
      }>(platform!, RANKING_QUERY, { id: roundGlobalId(national[2026]!), final }, ministry.headers);
      const entries = data.node.ranking.groups.flatMap((g) => g.entries);
      return `${entries.length} ranked (${entries.filter((e) => e.previous).length} last year)`;
    };
    const rankingCase = (name: string, label: string, final: boolean): Case => ({
      name,
      label,
      expect: "",
      methods: {
        sql: async () => {
          const rows = await sql.query<{ id: string }>(RANK_SQL(final), [national[2026]]);
          const prev = await sql.query<{ id: string }>(RANK_SQL(true), [national[2025]]);
          return `${rows.length} ranked (${prev.length} last year)`;
        },
        service: rankingService(final),
        graphql: rankingGraphql(final),
        serviceKept: rankingService(final),
        graphqlKept: rankingGraphql(final),
      },
      // (n), (g): computed from the rows each time; (n'), (g'): as asked again with nothing changed.
      before: { service: forgetRankings, graphql: forgetRankings },
    });
    const scoredCase: Case = {
      name: "P3",
      label: `impactPreview, scored draft, national 2026 round (${NEW_MAP})`,
      expect: "",
      methods: {
        sql: async () => `${(await sql.query<ImpactRow>(IMPACT_SQL, [national[2026]])).length} units`,
        core: async () => {
          // The service's judging without Prisma or checks: both scores per unit (never failing on a value), both ranks.
          const rows = await sql.query<ImpactRow>(IMPACT_SQL, [national[2026]]);
          const now = rows.map((r) => scoreReadable(template, r.effectiveValues).score);
          const next = rows.map((r) => scoreReadable(scoredDoc, r.effectiveValues).score);
          const key = (r: ImpactRow) => `${r.name}\u0000${r.id}`;
          const ranks = (set: TCriteriaSet, scores: Score[]) =>
            new Map(
              rank(
                rows.map((r, i) => ({
                  unit: key(r),
                  score: scores[i]!,
                  group: rankingGroupFor(set, r.kindCode, r.type),
                })),
                set.scoring!.rankingGroups.map((g) => g.code),
              ).map((x) => [x.unit, x.rank]),
            );
          const a = ranks(template, now);
          const b = ranks(scoredDoc, next);
          const changed = rows.filter((r) => a.get(key(r)) !== b.get(key(r))).length;
          return `${rows.length} units, ${changed} rank changed`;
        },
        service: async () => {
          const p = await impactPreview(prisma, ministry.viewer, {
            versionId: scoredDraft.id,
            roundId: national[2026]!,
          });
          return `${p.units} units, ${p.rankChanged} rank changed`;
        },
        graphql: async () => {
          const { data } = await gql<{ impactPreview: { units: number; rankChanged: number } }>(
            platform!,
            IMPACT_QUERY,
            { versionId: scoredDraft.id, roundId: national[2026] },
            ministry.headers,
          );
          return `${data.impactPreview.units} units, ${data.impactPreview.rankChanged} rank changed`;
        },
      },
    };
    const allCases: Case[] = [
      levelCase(
        "P1",
        `impactPreview, level draft, ${oldProvince.tenantId} 2025 (${OLD_MAP})`,
        oldRound,
        oldSide,
        oldProvince.n,
      ),
      levelCase(
        "P2",
        `impactPreview, level draft, ${newProvince.tenantId} 2026 (${NEW_MAP})`,
        newRound,
        newSide,
        newProvince.n,
      ),
      scoredCase,
      rankingCase("R1", `ranking (working), national 2026, all communes`, false),
      rankingCase("R2", `ranking (published), national 2026, recognised`, true),
    ];
    const cases = ONLY ? allCases.filter((c) => ONLY.includes(c.name)) : allCases;

    // The methods agree before timing (what each prints comes from the same rows).
    for (const c of cases) {
      const tc = performance.now();
      const got: Partial<Record<Method, string>> = {};
      for (const m of METHODS) if (c.methods[m]) got[m] = await c.methods[m]();
      for (const m of ["core", "graphql", "serviceKept", "graphqlKept"] as Method[])
        if (got[m] !== undefined && got[m] !== got.service)
          fail(`${c.name}: ${m} gives "${got[m]}", the service "${got.service}"`);
      const lead = (s: string | undefined) => s?.split(" ")[0];
      if (lead(got.sql) !== lead(got.service)) fail(`${c.name}: the read gives ${got.sql}, the service ${got.service}`);
      if (c.expect && !String(got.sql).startsWith(c.expect))
        fail(`${c.name}: the read gives ${got.sql}, expected ${c.expect}`);
      console.log(
        `check ${c.name}          ${padR(c.label, 62)} ${got.service} (${fmt(performance.now() - tc)} ms, all methods)`,
      );
    }

    // ---- timing ----
    const samples = new Map<string, number[]>();
    const push = (k: string, ms: number) => samples.set(k, [...(samples.get(k) ?? []), ms]);
    const once = async (c: Case, m: Method) => {
      c.before?.[m]?.();
      const t = performance.now();
      await c.methods[m]!();
      return performance.now() - t;
    };
    for (const c of cases) {
      const ms = METHODS.filter((m) => c.methods[m]);
      for (let i = 0; i < WARMUP; i++) for (const m of ms) await once(c, m);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < ms.length; j++) {
          const m = ms[(i + j) % ms.length]!;
          push(`${c.name}/${m}`, await once(c, m));
        }
      }
      console.error(
        `timed ${c.name}: ${ms.map((m) => `${m} p50 ${fmt(percentile(samples.get(`${c.name}/${m}`)!, 50), 1)} ms`).join(", ")}`,
      );
    }

    console.log(
      `\n${N} iterations per case and method after ${WARMUP} warm-up, interleaved (order rotating); target: service and GraphQL p95 ≤ ${TARGET_MS} ms`,
    );
    console.log(
      `${padR("case", 62)} ${padR("method", 40)} ${pad("p50 ms", 8)} ${pad("p95 ms", 8)} ${pad("mean ms", 8)} ${pad("p95÷SQL", 8)}`,
    );
    for (const c of cases) {
      const base = percentile(samples.get(`${c.name}/sql`)!, 95);
      let first = true;
      for (const m of METHODS) {
        const xs = samples.get(`${c.name}/${m}`);
        if (!xs) continue;
        console.log(
          `${padR(first ? `${c.name} ${c.label}` : "", 62)} ${padR(LABEL[m], 40)} ${pad(fmt(percentile(xs, 50), 1), 8)} ` +
            `${pad(fmt(percentile(xs, 95), 1), 8)} ${pad(fmt(mean(xs), 1), 8)} ${pad(`${(percentile(xs, 95) / base).toFixed(2)}×`, 8)}`,
        );
        first = false;
      }
      const worst = Math.max(
        percentile(samples.get(`${c.name}/service`)!, 95),
        percentile(samples.get(`${c.name}/graphql`)!, 95),
      );
      console.log(
        `${padR("", 62)} ${padR(`→ ${worst <= TARGET_MS ? "MET" : "NOT MET"} (worst p95 ${fmt(worst, 1)} ms)`, 40)}`,
      );
      if (samples.has(`${c.name}/serviceKept`)) {
        const kept = Math.max(
          percentile(samples.get(`${c.name}/serviceKept`)!, 95),
          percentile(samples.get(`${c.name}/graphqlKept`)!, 95),
        );
        console.log(
          `${padR("", 62)} ${padR(`→ kept: ${kept <= TARGET_MS ? "MET" : "NOT MET"} (worst p95 ${fmt(kept, 1)} ms)`, 40)}`,
        );
      }
    }
    console.log(
      `\nnode ${process.version} via tsx (NODE_ENV=${process.env.NODE_ENV}), ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ` +
        `load ${os
          .loadavg()
          .map((x) => x.toFixed(2))
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
