/**
 * SIGKILL on the embedded database: the API as a real child process (`node --import tsx src/index.ts`,
 * NODE_ENV=production) on PGlite in a temporary DATA_DIR, seeded in-process first (seedBase, a fresh DRAFT commune
 * round of year + 1, one UNIT_EDITOR per assessment for KILL_USERS of them). Then KILL_CYCLES times (default 5):
 *   1. start the server on the same DATA_DIR (after the first cycle: the directory a killed process left — its
 *      lock file names a dead pid, PGlite was never closed);
 *   2. through the fresh server, check every write acknowledged so far: each assessment's version, each
 *      acknowledged value, the count of its 'assessment.saveValues' history events (GraphQL `assessment { version
 *      values history }`);
 *   3. the editors sign in again (session writes), KILL_USERS of them (default 20) save concurrently (5 values, the
 *      version read) until KILL_SAVES (default 200) saves are acknowledged — and the process is SIGKILLed in the
 *      very callback of the last acknowledgement (saves still in flight get no answer: unknown, may or may not stand).
 * Finally the DATA_DIR is opened in-process once more and everything is checked in SQL (versions, values, audit).
 * Prints figures per cycle; exits non-zero only when the run itself breaks.
 *
 *   pnpm --filter @cds/api bench:pglite-kill
 *   KILL_CYCLES=5 KILL_SAVES=200 KILL_USERS=20 pnpm bench:pglite-kill
 *   KILL_DATA_DIR=/path   keep the data directory there (default: a temporary one, removed at the end)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadEnv } from "../../src/env.ts";
import { startPlatform } from "../../src/platform.ts";
import { fmt, pad, percentile } from "../stats.ts";
import {
  checkLedger,
  gql,
  loadavg,
  newLedger,
  now,
  recordSave,
  save,
  seedForLoad,
  signIn,
  startApi,
  stopApi,
  ValueSource,
  VERSION,
  type ApiProcess,
  type Ledger,
  type Slot,
} from "./common.ts";

const CYCLES = Math.max(1, Number(process.env.KILL_CYCLES ?? 5) || 5);
const SAVES = Math.max(1, Number(process.env.KILL_SAVES ?? 200) || 200);
const USERS = Math.max(1, Number(process.env.KILL_USERS ?? 20) || 20);

const CHECK = `query C($id: ID!) { assessment(id: $id) { version values { criterionCode value } history { action } } }`;

interface CheckResult {
  versionsLost: number;
  valuesLost: number;
  auditLost: number;
  ackedValues: number;
  unackedCommitted: number;
  samples: string[];
}

/** Every acknowledged write, read back through the (restarted) server. */
async function checkThroughApi(base: string, slots: Slot[], ledger: Ledger): Promise<CheckResult> {
  const out: CheckResult = {
    versionsLost: 0,
    valuesLost: 0,
    auditLost: 0,
    ackedValues: 0,
    unackedCommitted: 0,
    samples: [],
  };
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const s of slots) {
    const r = await gql<{
      assessment: {
        version: number;
        values: { criterionCode: string; value: unknown }[];
        history: { action: string }[];
      };
    }>(base, CHECK, { id: s.id }, s);
    const a = r.data?.assessment;
    if (!a) throw new Error(`check ${s.id}: ${JSON.stringify(r.errors ?? r.http.error)}`);
    const acked = ledger.acked.get(s.id)!;
    if (a.version < acked.version) {
      out.versionsLost++;
      if (out.samples.length < 5) out.samples.push(`${s.id}: version ${a.version} < acknowledged ${acked.version}`);
    }
    const audits = a.history.filter((h) => h.action === "assessment.saveValues").length;
    if (audits < acked.saves) {
      out.auditLost++;
      if (out.samples.length < 5) out.samples.push(`${s.id}: ${audits} audit events < ${acked.saves} acknowledged`);
    }
    const byCode = new Map(a.values.map((v) => [v.criterionCode, v.value]));
    const unknown = ledger.unknownValues.get(s.id)!;
    for (const [code, want] of ledger.ackedValues.get(s.id)!) {
      out.ackedValues++;
      const got = byCode.get(code);
      if (same(got, want)) continue;
      if ((unknown.get(code) ?? []).some((u) => same(u, got))) {
        out.unackedCommitted++;
        continue;
      }
      out.valuesLost++;
      if (out.samples.length < 5) out.samples.push(`${s.id} ${code}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
    }
    // The client's next save carries the version the server now holds (an unanswered save may have committed).
    s.version = a.version;
  }
  return out;
}

async function main(): Promise<void> {
  const keep = process.env.KILL_DATA_DIR;
  const dataDir = keep ?? mkdtempSync(path.join(os.tmpdir(), "cds-pglite-kill-"));
  const env = loadEnv({
    ...process.env,
    DATABASE_URL: undefined,
    DATA_DIR: dataDir,
    PORT: "0",
    NODE_ENV: "production",
  });
  let api: ApiProcess | null = null;
  try {
    console.log(
      `PGlite SIGKILL — DATA_DIR ${dataDir}; ${CYCLES} cycles of ${SAVES} acknowledged saves by ${USERS} concurrent editors, SIGKILL on the last acknowledgement`,
    );
    const seeded = await seedForLoad(env, { users: USERS, nation: false });
    console.log(
      `seed      seedBase ${fmt(seeded.ms.base / 1000, 1)} s; round ${seeded.year + 1} of ${seeded.tenantId} + ${USERS} editors ${fmt(seeded.ms.round / 1000, 1)} s (in-process, closed)`,
    );
    const slots = seeded.slots;
    const ledger = newLedger(slots);
    const values = new ValueSource();
    console.log(
      `\n${pad("cycle", 5)} ${pad("start s", 8)} ${pad("checked", 8)} ${pad("lost v/val/audit", 17)} ${pad("unacked kept", 13)} ${pad("acked", 6)} ${pad("in flight", 10)} ${pad("saves/s", 8)} ${pad("p50 ms", 7)}  exit`,
    );
    const totals = { acked: 0, inFlight: 0, lost: 0, unacked: 0 };
    for (let cycle = 1; cycle <= CYCLES + 1; cycle++) {
      api = await startApi({ DATABASE_URL: undefined, DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL });
      const base = api.url;
      await signIn(base, slots, seeded.password);
      const c = await checkThroughApi(base, slots, ledger);
      const lost = c.versionsLost + c.valuesLost + c.auditLost;
      totals.lost += lost;
      totals.unacked += c.unackedCommitted;
      const checked = `${fmt(c.ackedValues)}`;
      if (cycle > CYCLES) {
        console.log(
          `${pad("final", 5)} ${pad(fmt(api.startMs / 1000, 1), 8)} ${pad(checked, 8)} ${pad(`${c.versionsLost}/${c.valuesLost}/${c.auditLost}`, 17)} ${pad(fmt(c.unackedCommitted), 13)}`,
        );
        if (c.samples.length) console.log(`  ${c.samples.join("\n  ")}`);
        const how = await stopApi(api);
        console.log(`  (stopped by SIGTERM: ${how}; server log ${api.log.error} error, ${api.log.fatal} fatal lines)`);
        api = null;
        break;
      }
      // Saves until SAVES are acknowledged; the kill happens in the callback of the last one.
      const proc = api;
      let acked = 0;
      let killedAt = Infinity;
      let inFlight = 0;
      let lostInFlight = 0;
      const ms: number[] = [];
      const t0 = now();
      const user = async (u: number) => {
        const slot = slots[u]!;
        while (acked < SAVES) {
          const v = values.next(slot, slot.saves);
          inFlight++;
          const r = await save(base, slot, v, 30_000);
          inFlight--;
          recordSave(ledger, slot, v, r.outcome);
          slot.saves++;
          if (r.outcome.kind === "ok") {
            slot.version = r.outcome.version;
            ms.push(r.http.ms);
            if (++acked === SAVES) {
              proc.proc.kill("SIGKILL");
              killedAt = now();
              lostInFlight = inFlight;
            }
          } else if (acked < SAVES) {
            if (r.outcome.kind === "failed") throw new Error(`save failed before the kill: ${r.outcome.detail}`);
            const fresh = await gql<{ assessment: { version: number } }>(base, VERSION, { id: slot.id }, slot);
            if (fresh.data) slot.version = fresh.data.assessment.version;
          }
        }
      };
      await Promise.all(slots.map((_, u) => user(u)));
      const how = await proc.exited;
      api = null;
      totals.acked += acked;
      totals.inFlight += lostInFlight;
      console.log(
        `${pad(String(cycle), 5)} ${pad(fmt(proc.startMs / 1000, 1), 8)} ${pad(checked, 8)} ${pad(`${c.versionsLost}/${c.valuesLost}/${c.auditLost}`, 17)} ${pad(fmt(c.unackedCommitted), 13)} ` +
          `${pad(fmt(acked), 6)} ${pad(fmt(lostInFlight), 10)} ${pad(fmt(acked / ((killedAt - t0) / 1000), 0), 8)} ${pad(fmt(percentile(ms, 50), 0), 7)}  ${how}`,
      );
      if (c.samples.length) console.log(`  ${c.samples.join("\n  ")}`);
    }

    // Once more in-process, in SQL: the audit table itself.
    const platform = await startPlatform(env);
    try {
      const c = await checkLedger((sql, params) => platform.db.sql.query(sql, params), ledger);
      console.log(
        `\nSQL check after the last start (in-process): ${fmt(c.ackedSaves)} acknowledged saves; stored ${fmt(c.dbSaves)} version bumps, ${fmt(c.auditEvents)} audit events; ` +
          `${c.versionsLost} versions lost, ${c.auditLost} audit events lost, ${c.valuesLost} of ${fmt(c.ackedValues)} acknowledged values lost; ` +
          `${fmt(c.dbSaves - c.ackedSaves)} saves committed without an acknowledgement (in flight at a kill)`,
      );
      if (c.samples.length) console.log(`  ${c.samples.join("\n  ")}`);
      const lost = c.versionsLost + c.auditLost + c.valuesLost + totals.lost;
      console.log(
        `\ntarget: every acknowledged write survives SIGKILL — ${lost === 0 ? "MET" : `NOT MET (${lost} lost)`} ` +
          `(${fmt(totals.acked)} acknowledged saves over ${CYCLES} kills, ${fmt(totals.inFlight)} saves in flight at the kills)`,
      );
    } finally {
      await platform.close();
    }
    console.log(
      `node ${process.version}, ${os.cpus().length} cores, load average ${loadavg()} (/proc/loadavg), ${new Date().toISOString()}`,
    );
  } finally {
    if (api) await stopApi(api);
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
