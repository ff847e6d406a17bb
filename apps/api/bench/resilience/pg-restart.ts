/**
 * PostgreSQL restart under write load: the API as a real child process (`node --import tsx src/index.ts`,
 * NODE_ENV=production, pool of 20) on a fresh database of the dedicated cluster, seeded in-process first
 * (seedBase + seedNation of the current year unless RESTART_NATION=0, then a fresh DRAFT commune round of year + 1
 * and one UNIT_EDITOR per assessment), RESTART_USERS editors (default 50) saving their own assessments in a closed
 * loop (5 values, the version read; after a failure or a refusal the user reads the version again and goes on, after
 * a failure it waits 100 ms). After RESTART_BEFORE seconds (default 10) the cluster is stopped (pg_ctlcluster stop:
 * fast mode, sessions ended), kept down RESTART_DOWN seconds (default 0), started again; the load goes on
 * RESTART_AFTER seconds (default 20) after the server is back. /ready is polled every 200 ms meanwhile.
 *
 * Prints the outage (stop begun → server accepting connections again), the recovery (server up → first
 * acknowledged save begun after the stop; → every user acknowledged again), saves per second around the restart, the
 * failures seen by the clients, the server's log (errors, stderr), and compares every acknowledged save (a 200 with
 * a success payload and no errors) with the database after the run: versions, audit events 'assessment.saveValues'
 * and the values themselves. Figures only; exits non-zero only when the run itself breaks.
 *
 *   pnpm --filter @cds/api bench:pg-restart
 *   RESTART_DOWN=5 RESTART_USERS=50 pnpm bench:pg-restart
 *
 * RESILIENCE_DATABASE_URL / RESILIENCE_CLUSTER: see common.ts. The cluster is stopped and started: by default the
 * dedicated 15/resilience on port 5439 — never point it at a cluster other work uses.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadEnv } from "../../src/env.ts";
import { fmt, pad, percentile } from "../stats.ts";
import {
  checkLedger,
  CLUSTER,
  clusterCtl,
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
  type SaveOutcome,
} from "./common.ts";

const USERS = Math.max(1, Number(process.env.RESTART_USERS ?? 50) || 50);
const BEFORE = Math.max(1, Number(process.env.RESTART_BEFORE ?? 10) || 10);
const DOWN = Math.max(0, Number(process.env.RESTART_DOWN ?? 0) || 0);
const AFTER = Math.max(5, Number(process.env.RESTART_AFTER ?? 20) || 20);
const NATION = process.env.RESTART_NATION !== "0";

const signed = (x: number) => `${x >= 0 ? "+" : "−"}${fmt(Math.abs(x), 2)}`;

interface Event {
  user: number;
  start: number;
  end: number;
  outcome: SaveOutcome;
}

async function main(): Promise<void> {
  ensureCluster();
  const db = await freshPgDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "cds-pgrestart-"));
  let api: ApiProcess | null = null;
  try {
    const env = loadEnv({ ...process.env, DATABASE_URL: db.url, DATA_DIR: dataDir, PORT: "0", NODE_ENV: "production" });
    console.log(
      `PostgreSQL restart under load — ${await serverVersion()}, cluster ${CLUSTER}, database ${db.name} (fresh); ` +
        `${USERS} users saving; stop after ${BEFORE} s, down ${DOWN} s more, ${AFTER} s of load after the start`,
    );
    const seeded = await seedForLoad(env, { users: USERS, nation: NATION });
    console.log(
      `seed      seedBase ${fmt(seeded.ms.base / 1000, 1)} s` +
        (seeded.nation
          ? `; seedNation ${seeded.year} ${fmt(seeded.ms.nation / 1000, 1)} s (${fmt(seeded.nation.assessments)} assessments, ${fmt(seeded.nation.values)} values)`
          : "") +
        `; round ${seeded.year + 1} of ${seeded.tenantId} + ${USERS} editors`,
    );
    api = await startApi({ DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL });
    const base = api.url;
    console.log(`server    pid ${api.pid}, ${base}, ready in ${fmt(api.startMs / 1000, 1)} s`);
    const slots = seeded.slots;
    await signIn(base, slots, seeded.password);
    const ledger = newLedger(slots);
    const values = new ValueSource();
    const events: Event[] = [];
    const failures = new Map<string, number>();
    const refusals = new Map<string, number>();
    let versionReadFailures = 0;

    const t0 = now();
    let stopBegin = Infinity;
    let stopDone = Infinity;
    let startDone = Infinity;
    let endAt = Infinity;
    const ready: { t: number; status: number }[] = [];

    const user = async (u: number) => {
      const slot = slots[u]!;
      while (now() < endAt) {
        const v = values.next(slot, slot.saves);
        const start = now();
        const r = await save(base, slot, v, 30_000);
        events.push({ user: u, start, end: now(), outcome: r.outcome });
        recordSave(ledger, slot, v, r.outcome);
        slot.saves++;
        if (r.outcome.kind === "ok") {
          slot.version = r.outcome.version;
          continue;
        }
        if (r.outcome.kind === "failed") {
          const key = r.outcome.detail.replace(/\d+/g, "#").slice(0, 160);
          failures.set(key, (failures.get(key) ?? 0) + 1);
          await sleep(100);
        } else refusals.set(r.outcome.code, (refusals.get(r.outcome.code) ?? 0) + 1);
        const fresh = await gql<{ assessment: { version: number } }>(base, VERSION, { id: slot.id }, slot, 30_000);
        if (fresh.data?.assessment) slot.version = fresh.data.assessment.version;
        else versionReadFailures++;
      }
    };
    const poller = (async () => {
      let last = -1;
      while (now() < endAt) {
        const r = await request(`${base}/ready`, { timeoutMs: 5_000 });
        if (r.status !== last) ready.push({ t: now(), status: r.status });
        last = r.status;
        await sleep(200);
      }
    })();
    const restart = (async () => {
      await sleep(BEFORE * 1000);
      stopBegin = now();
      await clusterCtl("stop");
      stopDone = now();
      if (DOWN > 0) await sleep(DOWN * 1000);
      await clusterCtl("start");
      startDone = now();
      endAt = startDone + AFTER * 1000;
    })();
    endAt = t0 + (BEFORE + DOWN + 120) * 1000; // until the restart sets the real end
    const users = Promise.all(slots.map((_, u) => user(u)));
    await restart;
    console.log(
      `restart   stop ${fmt((stopDone - stopBegin) / 1000, 2)} s, start ${fmt((startDone - stopDone - DOWN * 1000) / 1000, 2)} s ` +
        `(pg_ctlcluster, fast mode) at t = ${fmt((stopBegin - t0) / 1000, 1)} s`,
    );
    await Promise.all([users, poller]);
    const rel = (t: number) => (t - t0) / 1000;

    // Per second: acknowledged, refused, failed (by the second the response came).
    const secs = Math.ceil(rel(Math.max(...events.map((e) => e.end))));
    console.log(
      `\nsaves by second (t = 0: load starts; stop at ${fmt(rel(stopBegin), 1)} s, server back at ${fmt(rel(startDone), 1)} s):`,
    );
    console.log(`${pad("s", 4)} ${pad("acked", 6)} ${pad("refused", 8)} ${pad("failed", 7)} ${pad("p50 ms", 7)}  `);
    for (let s = 0; s < secs; s++) {
      const inSec = events.filter((e) => rel(e.end) >= s && rel(e.end) < s + 1);
      const ok = inSec.filter((e) => e.outcome.kind === "ok");
      const mark =
        rel(stopBegin) >= s && rel(stopBegin) < s + 1
          ? "  ← stop"
          : rel(startDone) >= s && rel(startDone) < s + 1
            ? "  ← server up"
            : "";
      const show = Math.abs(s - rel(stopBegin)) < 4 || (s >= rel(stopBegin) && s <= rel(startDone) + 10) || s % 5 === 0;
      if (show)
        console.log(
          `${pad(String(s), 4)} ${pad(fmt(ok.length), 6)} ${pad(fmt(inSec.filter((e) => e.outcome.kind === "refused").length), 8)} ` +
            `${pad(fmt(inSec.filter((e) => e.outcome.kind === "failed").length), 7)} ${pad(
              fmt(
                percentile(
                  ok.map((e) => e.end - e.start),
                  50,
                ),
                0,
              ),
              7,
            )}${mark}`,
        );
    }

    const okAfter = events.filter((e) => e.outcome.kind === "ok" && e.start >= stopDone);
    const firstOk = okAfter.length ? Math.min(...okAfter.map((e) => e.end)) : NaN;
    const firstPerUser = slots.map((_, u) => {
      const xs = okAfter.filter((e) => e.user === u).map((e) => e.end);
      return xs.length ? Math.min(...xs) : NaN;
    });
    const allBack = firstPerUser.some((t) => Number.isNaN(t)) ? NaN : Math.max(...firstPerUser);
    const failed = events.filter((e) => e.outcome.kind === "failed");
    const lastFail = failed.length ? Math.max(...failed.map((e) => e.end)) : NaN;
    const readyBack = ready.find((r) => r.t > stopDone && r.status === 200);
    const acked = events.filter((e) => e.outcome.kind === "ok").length;
    const before = events.filter((e) => e.outcome.kind === "ok" && e.end < stopBegin);
    const after = events.filter((e) => e.outcome.kind === "ok" && e.start > startDone + 5_000 && e.end < endAt);
    const rate = (xs: Event[], s: number) => xs.length / s;
    const recovery = (firstOk - startDone) / 1000;
    console.log(
      `\noutage (stop begun → server accepting again): ${fmt((startDone - stopBegin) / 1000, 2)} s` +
        `\nrecovery, relative to pg_ctlcluster start returning (negative: before it returned): first acknowledged save ${Number.isNaN(firstOk) ? "NEVER" : `${signed(recovery)} s`}; ` +
        `every one of ${USERS} users acknowledged again ${Number.isNaN(allBack) ? "NEVER" : `${signed((allBack - startDone) / 1000)} s`}; ` +
        `last failed save answered ${Number.isNaN(lastFail) ? "—" : `${signed((lastFail - startDone) / 1000)} s`}; ` +
        `/ready 200 again ${readyBack ? `${signed((readyBack.t - startDone) / 1000)} s` : "NEVER"}`,
    );
    console.log(
      `/ready transitions: ${ready.map((r) => `${fmt(rel(r.t), 1)} s → ${r.status || "no answer"}`).join(", ")}`,
    );
    console.log(
      `saves: ${fmt(events.length)} answered, ${fmt(acked)} acknowledged, ${fmt(failed.length)} failed, ` +
        `${fmt(events.filter((e) => e.outcome.kind === "refused").length)} refused${refusals.size ? ` (${[...refusals].map(([c, n]) => `${c} ${n}`).join(", ")})` : ""}; ` +
        `${versionReadFailures} version reads failed; before the stop ${fmt(rate(before, rel(stopBegin)), 0)}/s, ` +
        `from 5 s after the start ${fmt(rate(after, Math.max(1, (endAt - startDone - 5_000) / 1000)), 0)}/s`,
    );
    if (failures.size)
      console.log(
        `failures seen by the clients:\n  ${[...failures]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([k, n]) => `${fmt(n)} × ${k}`)
          .join("\n  ")}`,
      );
    const rss = rssMiB(api.pid);
    const how = await stopApi(api);
    console.log(
      `server: ${Number.isNaN(rss) ? `process GONE at the end (exit: ${await Promise.race([api.exited, sleep(0).then(() => "running")])})` : `RSS ${fmt(rss, 1)} MiB at the end`}; log ${fmt(api.log.lines)} lines, ${api.log.error} error, ${api.log.fatal} fatal, ${api.log.warn} warn, ` +
        `${api.log.status5xx} requests logged with 5xx; ${api.log.stderrLines} stderr lines; stopped by SIGTERM (${how})`,
    );
    for (const s of api.log.samples.slice(0, 4)) console.log(`  log: ${s}`);
    if (api.log.stderrLines)
      console.log(`  stderr (tail):\n    ${api.log.stderrTail.trim().split("\n").slice(-40).join("\n    ")}`);
    api = null;

    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      const c = await checkLedger(async (sql, params) => (await pool.query(sql, params)).rows, ledger);
      console.log(
        `\nacknowledged writes vs database: ${fmt(c.ackedSaves)} acknowledged saves; stored ${fmt(c.dbSaves)} version bumps, ${fmt(c.auditEvents)} audit events ` +
          `(${fmt(c.dbSaves - c.ackedSaves)} committed without an acknowledgement); ${c.versionsLost} versions lost, ${c.auditLost} audit events lost, ` +
          `${c.valuesLost} of ${fmt(c.ackedValues)} acknowledged values lost (${c.unackedCommittedValues} values from unanswered saves stored)`,
      );
      if (c.samples.length) console.log(`  ${c.samples.join("\n  ")}`);
      const lost = c.versionsLost + c.auditLost + c.valuesLost;
      console.log(
        `\ntarget: recovery ≤ 5 s after the server is back — ${recovery <= 5 ? "MET" : "NOT MET"} (${Number.isNaN(recovery) ? "never" : `${fmt(recovery, 2)} s`}); ` +
          `no acknowledged write lost — ${lost === 0 ? "MET" : `NOT MET (${lost})`}`,
      );
    } finally {
      await pool.end();
    }
    console.log(
      `node ${process.version}, ${os.cpus().length} cores, load average ${loadavg()} (/proc/loadavg), ${new Date().toISOString()}`,
    );
  } finally {
    if (api) await stopApi(api);
    ensureCluster();
    await db.drop().catch((e: unknown) => console.error(`drop: ${String(e)}`));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
