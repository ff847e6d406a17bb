/**
 * Soak: the API as a real child process (`node --import tsx src/index.ts`, NODE_ENV=production) on PostgreSQL — a
 * fresh database on the dedicated cluster — seeded first in-process (seedBase + seedNation of the current year, as
 * bench/api.ts, then a fresh DRAFT commune round of year + 1 with one UNIT_EDITOR per assessment), then SOAK_MINUTES
 * of SOAK_USERS closed-loop users (no think time), each signed in as its own commune's editor (login mutation:
 * cookie + x-csrf-token), mixing:
 *   summary     nationalSummary(year, unitKind: "commune")                    (GraphQL)
 *   assessment  its own assessment with values and evaluation                 (GraphQL)
 *   round       roundSummary of the province's seeded round                   (GraphQL)
 *   save        saveIndicatorValues, 5 values, the version it read            (GraphQL, own assessment)
 *   xlsx        /templates/assessment/<id>.xlsx and /templates/round/<id>.xlsx, alternately
 *   pdf         /documents/result-sheet/<id>.pdf, its own and a public recognised one, alternately
 * in the ratio 2 : 3 : 2 : 4 : 1 : 1. Prints per minute: requests by kind, server errors (no response, 5xx,
 * GraphQL errors, unexpected statuses; business refusals of saves apart), p50/p95, the server's RSS
 * (VmRSS of the child); at the end the server's own log (error lines, 5xx) and the acknowledged saves checked
 * against the database. Prints figures only; exits non-zero only when the run itself breaks.
 *
 *   pnpm --filter @cds/api bench:soak
 *   SOAK_MINUTES=10 SOAK_USERS=50 RESILIENCE_DATABASE_URL=postgresql://… RESILIENCE_CLUSTER=15/resilience pnpm bench:soak
 *
 * RESILIENCE_DATABASE_URL / RESILIENCE_CLUSTER: see common.ts (default: the dedicated cluster 15/resilience on port
 * 5439, started if down; the database cds_resilience_<pid> is created and dropped at the end).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadEnv } from "../../src/env.ts";
import { fmt, pad, padR, percentile } from "../stats.ts";
import {
  checkLedger,
  ensureCluster,
  freshPgDatabase,
  gql,
  loadavg,
  newLedger,
  now,
  recordSave,
  request,
  rssMiB,
  save,
  seedForLoad,
  serverVersion,
  signIn,
  sleep,
  startApi,
  stopApi,
  ValueSource,
  VERSION,
  type ApiProcess,
  type HttpResult,
  type Seeded,
  type Slot,
} from "./common.ts";

const MINUTES = Math.max(0.1, Number(process.env.SOAK_MINUTES ?? 10) || 10);
const USERS = Math.max(1, Number(process.env.SOAK_USERS ?? 50) || 50);

const KINDS = ["summary", "assessment", "round", "save", "xlsx", "pdf"] as const;
type Kind = (typeof KINDS)[number];
const MIX: Kind[] = [
  "save",
  "assessment",
  "summary",
  "save",
  "round",
  "xlsx",
  "assessment",
  "save",
  "summary",
  "pdf",
  "assessment",
  "save",
  "round",
];

const SUMMARY = `query S($year: Int!) { nationalSummary(year: $year, unitKind: "commune") {
  tenantId units assessed recognised byLevel basicOrAbove { numerator denominator percent } reportOnTime } }`;
const ASSESSMENT = `query A($id: ID!) { assessment(id: $id) {
  id version status computedLevel submitProblems { message }
  values { criterionCode value effectiveValue note }
  evaluation { level levelName criteria { code } } } }`;
const ROUND = `query R($id: ID!) { roundSummary(roundId: $id) {
  units byStatus { status count } byComputedLevel byRecognisedLevel late reviewQueue recognisedBasicOrAbove } }`;

interface Minute {
  count: Record<Kind, number>;
  errors: Record<Kind, number>;
  refused: number;
  ms: number[];
  rss: number[];
}

const newMinute = (): Minute => ({
  count: Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>,
  errors: Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>,
  refused: 0,
  ms: [],
  rss: [],
});

function checkFile(r: HttpResult, type: string): string | null {
  if (r.status === 0) return `no response (${r.error})`;
  if (r.status !== 200) return `HTTP ${r.status}: ${r.body.toString("utf8").slice(0, 120)}`;
  if (!String(r.headers["content-type"]).startsWith(type)) return `content-type ${r.headers["content-type"]}`;
  if (r.body.length < 1000) return `only ${r.body.length} bytes`;
  return null;
}

function checkGql(r: { http: HttpResult; data?: unknown; errors?: { message: string }[] }): string | null {
  if (r.http.status === 0) return `no response (${r.http.error})`;
  if (r.http.status !== 200) return `HTTP ${r.http.status}`;
  if (r.errors?.length) return `GraphQL: ${r.errors.map((e) => e.message).join("; ")}`;
  if (!r.data) return "no data";
  return null;
}

async function main(): Promise<void> {
  ensureCluster();
  const db = await freshPgDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "cds-soak-"));
  let api: ApiProcess | null = null;
  try {
    const env = loadEnv({ ...process.env, DATABASE_URL: db.url, DATA_DIR: dataDir, PORT: "0", NODE_ENV: "production" });
    const pgv = await serverVersion();
    console.log(
      `Soak — ${pgv} at ${db.url.replace(/\/\/[^@]*@/, "//")} (fresh database), ${USERS} users, ${MINUTES} min`,
    );
    const seeded: Seeded = await seedForLoad(env, { users: USERS, nation: true });
    console.log(
      `seed      seedBase ${fmt(seeded.ms.base / 1000, 1)} s; seedNation ${seeded.year} ${fmt(seeded.ms.nation / 1000, 1)} s ` +
        `(${fmt(seeded.nation!.assessments)} assessments, ${fmt(seeded.nation!.values)} values); ` +
        `round ${seeded.year + 1} of ${seeded.tenantId} + ${USERS} editors ${fmt(seeded.ms.round / 1000, 1)} s`,
    );
    api = await startApi({ DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL });
    const base = api.url;
    console.log(
      `server    pid ${api.pid}, ${base}, ready in ${fmt(api.startMs / 1000, 1)} s, RSS ${fmt(rssMiB(api.pid), 1)} MiB`,
    );
    const slots = seeded.slots;
    await signIn(base, slots, seeded.password);
    const ledger = newLedger(slots);
    const values = new ValueSource();
    const nationRound = seeded.nationRoundId!;
    const samples: string[] = [];
    const refusedCodes = new Map<string, number>();

    const one = async (
      kind: Kind,
      slot: Slot,
      n: number,
    ): Promise<{ ms: number; error: string | null; refused?: boolean }> => {
      switch (kind) {
        case "summary": {
          const r = await gql<{ nationalSummary: unknown[] }>(base, SUMMARY, { year: seeded.year }, slot);
          const e = checkGql(r) ?? (r.data!.nationalSummary.length > 0 ? null : "empty nationalSummary");
          return { ms: r.http.ms, error: e };
        }
        case "assessment": {
          const r = await gql<{ assessment: { values: unknown[] } }>(base, ASSESSMENT, { id: slot.id }, slot);
          return { ms: r.http.ms, error: checkGql(r) };
        }
        case "round": {
          const r = await gql<{ roundSummary: { units: number } }>(base, ROUND, { id: nationRound }, slot);
          return { ms: r.http.ms, error: checkGql(r) ?? (r.data!.roundSummary.units > 0 ? null : "empty round") };
        }
        case "save": {
          const v = values.next(slot, slot.saves);
          const r = await save(base, slot, v);
          recordSave(ledger, slot, v, r.outcome);
          if (r.outcome.kind === "ok") {
            slot.version = r.outcome.version;
            slot.saves++;
            return { ms: r.http.ms, error: null };
          }
          // After a refusal or a failure, read the version again (what an editor's app does).
          const fresh = await gql<{ assessment: { version: number } }>(base, VERSION, { id: slot.id }, slot);
          if (fresh.data) slot.version = fresh.data.assessment.version;
          slot.saves++;
          if (r.outcome.kind === "refused") {
            refusedCodes.set(r.outcome.code, (refusedCodes.get(r.outcome.code) ?? 0) + 1);
            return { ms: r.http.ms, error: null, refused: true };
          }
          return { ms: r.http.ms, error: r.outcome.detail };
        }
        case "xlsx": {
          const url =
            n % 2 === 0
              ? `${base}/templates/assessment/${slot.id}.xlsx`
              : `${base}/templates/round/${seeded.roundId}.xlsx`;
          const r = await request(url, { headers: { cookie: slot.cookie } });
          return { ms: r.ms, error: checkFile(r, "application/vnd.openxmlformats") };
        }
        case "pdf": {
          const own = n % 2 === 0;
          const id = own ? slot.id : seeded.recognisedIds[n % seeded.recognisedIds.length]!;
          const r = await request(`${base}/documents/result-sheet/${id}.pdf`, {
            headers: own ? { cookie: slot.cookie } : {},
          });
          return { ms: r.ms, error: checkFile(r, "application/pdf") };
        }
      }
    };

    // Each kind once, so a broken query fails fast rather than as ten minutes of errors.
    for (const [i, kind] of KINDS.entries()) {
      const r = await one(kind, slots[0]!, i * 2);
      if (r.error) {
        await sleep(500);
        throw new Error(`probe ${kind}: ${r.error}\nserver log:\n  ${api.log.samples.join("\n  ")}`);
      }
    }

    const minutes: Minute[] = [];
    const byKindMs = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
    const t0 = now();
    const deadline = t0 + MINUTES * 60_000;
    const minuteOf = (t: number) => Math.min(Math.ceil(MINUTES) - 1, Math.floor((t - t0) / 60_000));
    for (let m = 0; m < Math.ceil(MINUTES); m++) minutes.push(newMinute());
    const rssStart = rssMiB(api.pid);
    const rssSamples: { t: number; rss: number }[] = [{ t: 0, rss: rssStart }];
    const sampler = setInterval(() => {
      const t = now();
      if (t >= deadline) return;
      const rss = rssMiB(api!.pid);
      rssSamples.push({ t: t - t0, rss });
      minutes[minuteOf(t)]!.rss.push(rss);
    }, 5_000);

    console.log(
      `\nrun: ${USERS} users, closed loop, mix summary:assessment:round:save:xlsx:pdf = 2:3:2:4:1:1; RSS at start ${fmt(rssStart, 1)} MiB`,
    );
    console.log(
      `${pad("min", 4)} ${KINDS.map((k) => pad(k, 10)).join(" ")} ${pad("req/s", 6)} ${pad("errors", 7)} ${pad("refused", 8)} ${pad("p50 ms", 7)} ${pad("p95 ms", 7)} ${pad("RSS MiB", 8)}  load`,
    );
    let printed = 0;
    const printMinute = (m: number) => {
      const x = minutes[m]!;
      const total = KINDS.reduce((s, k) => s + x.count[k], 0);
      const errors = KINDS.reduce((s, k) => s + x.errors[k], 0);
      const secs = Math.min(60, MINUTES * 60 - m * 60);
      console.log(
        `${pad(String(m + 1), 4)} ${KINDS.map((k) => pad(fmt(x.count[k]), 10)).join(" ")} ${pad(fmt(total / secs, 0), 6)} ${pad(fmt(errors), 7)} ${pad(fmt(x.refused), 8)} ` +
          `${pad(fmt(percentile(x.ms, 50), 0), 7)} ${pad(fmt(percentile(x.ms, 95), 0), 7)} ${pad(fmt(x.rss.at(-1) ?? rssMiB(api!.pid), 1), 8)}  ${loadavg()}`,
      );
    };
    const ticker = setInterval(() => {
      const m = Math.floor((now() - t0) / 60_000);
      while (printed < m && printed < minutes.length) printMinute(printed++);
    }, 1_000);

    const user = async (u: number) => {
      const slot = slots[u]!;
      for (let n = u; now() < deadline; n++) {
        const kind = MIX[n % MIX.length]!;
        const r = await one(kind, slot, Math.floor(n / MIX.length));
        const x = minutes[minuteOf(now())]!;
        x.count[kind]++;
        x.ms.push(r.ms);
        byKindMs.get(kind)!.push(r.ms);
        if (r.refused) x.refused++;
        if (r.error) {
          x.errors[kind]++;
          if (samples.length < 10) samples.push(`${kind}: ${r.error.slice(0, 300)}`);
        }
      }
    };
    await Promise.all(slots.map((_, u) => user(u)));
    clearInterval(sampler);
    clearInterval(ticker);
    while (printed < minutes.length) printMinute(printed++);
    const rssEnd = rssMiB(api.pid);
    const elapsed = (now() - t0) / 1000;

    const total = (k: Kind) => minutes.reduce((s, m) => s + m.count[k], 0);
    const errs = (k: Kind) => minutes.reduce((s, m) => s + m.errors[k], 0);
    const all = minutes.reduce((s, m) => s + KINDS.reduce((t, k) => t + m.count[k], 0), 0);
    const allErrors = minutes.reduce((s, m) => s + KINDS.reduce((t, k) => t + m.errors[k], 0), 0);
    const refused = minutes.reduce((s, m) => s + m.refused, 0);
    console.log(`\nby kind over ${fmt(elapsed, 0)} s:`);
    console.log(
      `${padR("kind", 11)} ${pad("requests", 9)} ${pad("per s", 6)} ${pad("errors", 7)} ${pad("p50 ms", 7)} ${pad("p95 ms", 7)} ${pad("p99 ms", 7)}`,
    );
    for (const k of KINDS) {
      const xs = byKindMs.get(k)!;
      console.log(
        `${padR(k, 11)} ${pad(fmt(total(k)), 9)} ${pad(fmt(total(k) / elapsed, 1), 6)} ${pad(fmt(errs(k)), 7)} ${pad(fmt(percentile(xs, 50), 0), 7)} ${pad(fmt(percentile(xs, 95), 0), 7)} ${pad(fmt(percentile(xs, 99), 0), 7)}`,
      );
    }
    const allMs = [...byKindMs.values()].flat();
    console.log(
      `${padR("all", 11)} ${pad(fmt(all), 9)} ${pad(fmt(all / elapsed, 1), 6)} ${pad(fmt(allErrors), 7)} ${pad(fmt(percentile(allMs, 50), 0), 7)} ${pad(fmt(percentile(allMs, 95), 0), 7)} ${pad(fmt(percentile(allMs, 99), 0), 7)}`,
    );
    const rssAll = rssSamples.map((s) => s.rss);
    const firstMin = rssSamples.filter((s) => s.t < 60_000).map((s) => s.rss);
    const lastMin = rssSamples.filter((s) => s.t >= elapsed * 1000 - 60_000).map((s) => s.rss);
    const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
    console.log(
      `server RSS: start ${fmt(rssStart, 1)} MiB, end ${fmt(rssEnd, 1)} MiB, min ${fmt(Math.min(...rssAll), 1)}, max ${fmt(Math.max(...rssAll), 1)} ` +
        `(${rssSamples.length} samples every 5 s); mean of the first minute ${fmt(avg(firstMin), 1)}, of the last minute ${fmt(avg(lastMin), 1)} MiB`,
    );
    // Flat means: after the first minute (JIT, caches, pool warm), no trend. Least-squares slope over the later samples.
    const later = rssSamples.filter((x) => x.t >= 60_000);
    if (later.length >= 3) {
      const mt = avg(later.map((x) => x.t / 60_000));
      const mr = avg(later.map((x) => x.rss));
      const slope =
        later.reduce((s, x) => s + (x.t / 60_000 - mt) * (x.rss - mr), 0) /
        later.reduce((s, x) => s + (x.t / 60_000 - mt) ** 2, 0);
      console.log(
        `server RSS after the first minute: ${fmt(Math.min(...later.map((x) => x.rss)), 1)}–${fmt(Math.max(...later.map((x) => x.rss)), 1)} MiB, ` +
          `trend ${slope >= 0 ? "+" : ""}${fmt(slope, 2)} MiB/min (least squares over ${later.length} samples)`,
      );
    }
    console.log(
      `saves: ${fmt(total("save"))} sent, ${fmt(refused)} refused (business errors${refusedCodes.size ? `: ${[...refusedCodes].map(([c, n]) => `${c} ${n}`).join(", ")}` : ""})`,
    );
    if (samples.length) console.log(`error samples:\n  ${samples.join("\n  ")}`);

    const how = await stopApi(api);
    console.log(
      `server log: ${fmt(api.log.lines)} lines, ${api.log.error} error, ${api.log.fatal} fatal, ${api.log.warn} warn, ${api.log.status5xx} requests logged with 5xx; stopped by SIGTERM (${how})`,
    );
    if (api.log.samples.length) console.log(`  ${api.log.samples.slice(0, 5).join("\n  ")}`);
    api = null;

    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      const c = await checkLedger(async (sql, params) => (await pool.query(sql, params)).rows, ledger);
      console.log(
        `acknowledged saves vs database: ${fmt(c.ackedSaves)} acknowledged, ${fmt(c.dbSaves)} version bumps and ${fmt(c.auditEvents)} audit events stored; ` +
          `${c.versionsLost} versions lost, ${c.auditLost} audit events lost, ${c.valuesLost} of ${fmt(c.ackedValues)} acknowledged values lost`,
      );
      if (c.samples.length) console.log(`  ${c.samples.join("\n  ")}`);
    } finally {
      await pool.end();
    }
    console.log(
      `\ntarget: 0 server errors — ${allErrors === 0 ? "MET" : `NOT MET (${allErrors})`}; ` +
        `RSS flat — end ${fmt(rssEnd, 1)} vs start ${fmt(rssStart, 1)} MiB (${rssEnd >= rssStart ? "+" : ""}${fmt(((rssEnd - rssStart) / rssStart) * 100, 1)}%)`,
    );
    console.log(
      `node ${process.version}, ${os.cpus()[0]?.model ?? "?"}, ${os.cpus().length} cores, load average ${loadavg()} (/proc/loadavg), ${new Date().toISOString()}; ` +
        `client and server on the same machine`,
    );
  } finally {
    if (api) await stopApi(api);
    await db.drop().catch((e: unknown) => console.error(`drop: ${String(e)}`));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
