/**
 * Shared helpers of the resilience runs (soak.ts, pg-restart.ts, pglite-kill.ts):
 * the dedicated PostgreSQL cluster and a fresh database on it, the seeding done
 * in-process before the server starts, the API as a real child process (its
 * JSON log parsed, its RSS read from /proc), a keep-alive HTTP client, GraphQL
 * with a signed-in unit editor, and the database-side check of acknowledged saves.
 *
 * Environment:
 *   RESILIENCE_DATABASE_URL  a PostgreSQL server URL (any database on it; a fresh
 *                            cds_resilience_<pid> database is created and dropped).
 *                            Default postgresql://postgres:postgres@127.0.0.1:5439/postgres,
 *                            the dedicated cluster below.
 *   RESILIENCE_CLUSTER       the Debian cluster "<version>/<name>" behind that URL, started
 *                            if down (and restarted by pg-restart.ts). Default 15/resilience, created
 *                            with `pg_createcluster 15 resilience -p 5439 -- --auth=trust`.
 *                            Never point this at a cluster other work depends on.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { BUILT_IN_SETS, type TCriteriaSet } from "@cds/criteria-schema";
import type { Env } from "../../src/env.ts";
import { startPlatform } from "../../src/platform.ts";
import { seedBase, versionId } from "../../src/seed/base.ts";
import { seedNation } from "../../src/seed/nation.ts";
import { seedOf, valuesAtLevel } from "../../src/seed/values.ts";
import type { Viewer } from "../../src/services/access.ts";
import { hashPassword } from "../../src/services/auth.ts";
import { openRound } from "../../src/services/rounds.ts";

export const API_DIR = fileURLToPath(new URL("../..", import.meta.url));
export const DEFAULT_URL = "postgresql://postgres:postgres@127.0.0.1:5439/postgres";
export const SERVER_URL = process.env.RESILIENCE_DATABASE_URL || DEFAULT_URL;
export const CLUSTER = process.env.RESILIENCE_CLUSTER || "15/resilience";

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const now = () => performance.now();

// ---- the PostgreSQL cluster ---------------------------------------------------------

function ctl(action: "start" | "stop" | "restart" | "status"): string {
  const [version, name] = CLUSTER.split("/");
  if (!version || !name) throw new Error(`RESILIENCE_CLUSTER: expected <version>/<name>, got ${CLUSTER}`);
  return execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, name, action], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function clusterOnline(): boolean {
  try {
    ctl("status");
    return true;
  } catch {
    return false; // pg_ctlcluster status exits 3 when the cluster is down
  }
}

export const clusterStart = () => ctl("start");

/** pg_ctlcluster <action> without blocking the event loop (the load keeps running meanwhile). */
export function clusterCtl(action: "start" | "stop" | "restart"): Promise<void> {
  const [version, name] = CLUSTER.split("/");
  return new Promise((resolve, reject) =>
    execFile("pg_ctlcluster", ["--skip-systemctl-redirect", version!, name!, action], (err, _out, stderr) =>
      err ? reject(new Error(`pg_ctlcluster ${action}: ${err.message} ${stderr}`)) : resolve(),
    ),
  );
}

/** Starts the dedicated cluster if it is down. */
export function ensureCluster(): void {
  if (!clusterOnline()) clusterStart();
}

export function serverVersion(): Promise<string> {
  return withAdmin(async (c) => {
    const r = await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    return `PostgreSQL ${r.rows[0]!.v.split(" ")[0]}`;
  });
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: SERVER_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface PgDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new database cds_resilience_<pid> on the server, dropped by drop(). */
export async function freshPgDatabase(): Promise<PgDatabase> {
  const name = `cds_resilience_${process.pid}`;
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withAdmin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

// ---- seeding (in-process, before the server starts) ---------------------------------------

export interface Slot {
  /** Assessment row id (the API accepts row ids where it takes an ID). */
  id: string;
  code: string;
  email: string;
  /** The version this client last read or was acknowledged. */
  version: number;
  saves: number;
  cookie: string;
  csrf: string;
}

export interface Seeded {
  year: number;
  tenantId: string;
  /** The fresh DRAFT round (year + 1) the editors save into. */
  roundId: string;
  /** A round of `year` of the same tenant (seeded nation), for the round summary; null without the nation. */
  nationRoundId: string | null;
  /** Recognised assessments of the seeded nation (public result sheets). */
  recognisedIds: string[];
  slots: Slot[];
  password: string;
  ms: { base: number; nation: number; round: number };
  nation: { assessments: number; values: number } | null;
}

/**
 * seedBase (+ seedNation of the current year when `nation`), then a fresh DRAFT commune round of year + 1 in the
 * tenant with the most communes, and one UNIT_EDITOR per assessment for the first `users` of them — in-process,
 * the platform closed again before the server starts (an embedded DATA_DIR has one owner).
 */
export async function seedForLoad(env: Env, opts: { users: number; nation: boolean }): Promise<Seeded> {
  const platform = await startPlatform(env);
  try {
    const prisma = platform.db.prisma;
    const year = platform.services.now().getUTCFullYear();
    let t = now();
    await seedBase(prisma);
    const base = now() - t;
    t = now();
    const n = opts.nation ? await seedNation(platform, { year }) : null;
    const nation = now() - t;
    t = now();
    const [big] = await platform.db.sql.query<{ tenantId: string }>(
      `SELECT "tenantId", count(*) AS n FROM "Unit" WHERE "kindCode" = 'commune' GROUP BY "tenantId" ORDER BY n DESC, "tenantId" LIMIT 1`,
    );
    const tenantId = big!.tenantId;
    const admin: Viewer = {
      kind: "user",
      userId: "resilience",
      email: "resilience@localhost",
      name: "resilience",
      grants: [{ role: "PROVINCE_ADMIN", tenantId, unitId: null, unitPath: null }],
      sessionId: "resilience",
      csrfOk: true,
    };
    const set = BUILT_IN_SETS["vn-2361-commune"]!;
    const round = await openRound(prisma, admin, {
      tenantId,
      year: year + 1,
      setVersionId: versionId(set.id, set.version),
      submitDueAt: `${year + 1}-10-31`,
      reviewDueAt: `${year + 1}-12-15`,
    });
    const rows = await prisma.assessment.findMany({
      where: { roundId: round.id },
      select: { id: true, version: true, unitId: true, unit: { select: { code: true } } },
      orderBy: { unit: { code: "asc" } },
      take: opts.users,
    });
    if (rows.length < opts.users) throw new Error(`only ${rows.length} assessments for ${opts.users} users`);
    const password = "resilience-password-1";
    const passwordHash = await hashPassword(password);
    const email = (code: string) => `editor.${code}@resilience.localhost`;
    await prisma.user.createMany({
      data: rows.map((r) => ({
        id: `res_${r.unit.code}`,
        email: email(r.unit.code),
        name: `Editor ${r.unit.code}`,
        passwordHash,
      })),
    });
    await prisma.roleAssignment.createMany({
      data: rows.map((r) => ({
        userId: `res_${r.unit.code}`,
        role: "UNIT_EDITOR" as const,
        tenantId,
        unitId: r.unitId,
      })),
    });
    const nationRound = opts.nation
      ? await prisma.round.findFirst({ where: { tenantId, year, unitKind: "commune" }, select: { id: true } })
      : null;
    const recognised = opts.nation
      ? await prisma.assessment.findMany({ where: { status: "RECOGNISED" }, select: { id: true }, take: 200 })
      : [];
    return {
      year,
      tenantId,
      roundId: round.id,
      nationRoundId: nationRound?.id ?? null,
      recognisedIds: recognised.map((r) => r.id),
      slots: rows.map((r) => ({
        id: r.id,
        code: r.unit.code,
        email: email(r.unit.code),
        version: r.version,
        saves: 0,
        cookie: "",
        csrf: "",
      })),
      password,
      ms: { base, nation, round: now() - t },
      nation: n ? { assessments: n.assessments, values: n.values } : null,
    };
  } finally {
    await platform.close();
  }
}

// ---- the API as a child process ---------------------------------------------------------

export interface LogStats {
  lines: number;
  /** pino levels: 40 warn, 50 error, 60 fatal. */
  warn: number;
  error: number;
  fatal: number;
  /** Request lines with status ≥ 500. */
  status5xx: number;
  samples: string[];
  /** Lines on stderr (e.g. db.ts's "PostgreSQL: idle connection lost"), and the first few. */
  stderrLines: number;
  stderrSamples: string[];
  /** The last 20,000 characters written to stderr. */
  stderrTail: string;
}

export interface ApiProcess {
  proc: ChildProcess;
  pid: number;
  url: string;
  port: number;
  log: LogStats;
  /** Resolves with the exit code or signal when the process ends. */
  exited: Promise<string>;
  /** ms from spawn to the "ready" log line. */
  startMs: number;
}

/**
 * `node --max-semi-space-size=64 --import tsx src/index.ts` (what `pnpm start` runs, in one process, so the pid is
 * the server's own and SIGKILL hits it) with NODE_ENV=production and PORT=0; resolves once the ready line names the
 * URL.
 */
export function startApi(
  extraEnv: Record<string, string | undefined>,
  opts: { echo?: boolean; preload?: string[] } = {},
): Promise<ApiProcess> {
  const t0 = now();
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    ...extraEnv,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const proc = spawn(
    process.execPath,
    [
      "--max-semi-space-size=64",
      "--import",
      "tsx",
      ...(opts.preload ?? []).flatMap((p) => ["--import", p]),
      "src/index.ts",
    ],
    {
      cwd: API_DIR,
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const log: LogStats = {
    lines: 0,
    warn: 0,
    error: 0,
    fatal: 0,
    status5xx: 0,
    samples: [],
    stderrLines: 0,
    stderrSamples: [],
    stderrTail: "",
  };
  const exited = new Promise<string>((resolve) =>
    proc.once("exit", (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)),
  );
  return new Promise<ApiProcess>((resolve, reject) => {
    let ready = false;
    let stderr = "";
    let buf = "";
    proc.stdout!.setEncoding("utf8");
    proc.stdout!.on("data", (chunk: string) => {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (!line.startsWith("{")) continue;
        log.lines++;
        let o: { level?: number; msg?: string; url?: string; status?: number; err?: { message?: string } };
        try {
          o = JSON.parse(line) as typeof o;
        } catch {
          continue;
        }
        const level = o.level ?? 30;
        if (level >= 60) log.fatal++;
        else if (level >= 50) log.error++;
        else if (level >= 40) log.warn++;
        if (o.msg === "request" && (o.status ?? 0) >= 500) log.status5xx++;
        if ((level >= 40 || (o.status ?? 0) >= 500) && log.samples.length < 12)
          log.samples.push(line.length > 400 ? line.slice(0, 400) + "…" : line);
        if (opts.echo) console.log(`  [api] ${line.slice(0, 300)}`);
        if (!ready && o.url && o.msg?.includes("ready")) {
          ready = true;
          const port = Number(new URL(o.url).port);
          resolve({ proc, pid: proc.pid!, url: `http://127.0.0.1:${port}`, port, log, exited, startMs: now() - t0 });
        }
      }
    });
    proc.stderr!.setEncoding("utf8");
    proc.stderr!.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
      log.stderrTail = stderr;
      for (const line of chunk.split("\n").filter((l) => l.trim())) {
        log.stderrLines++;
        if (log.stderrSamples.length < 12) log.stderrSamples.push(line.slice(0, 300));
      }
      if (opts.echo) process.stderr.write(`  [api stderr] ${chunk}`);
    });
    void exited.then((how) => {
      if (!ready) reject(new Error(`API exited (${how}) before it was ready:\n${stderr.slice(-3000)}`));
    });
  });
}

/** SIGTERM and wait (graceful stop), SIGKILL after `ms`. */
export async function stopApi(api: ApiProcess, ms = 15_000): Promise<string> {
  if (api.proc.exitCode !== null || api.proc.signalCode !== null) return api.exited;
  api.proc.kill("SIGTERM");
  const t = setTimeout(() => api.proc.kill("SIGKILL"), ms);
  const how = await api.exited;
  clearTimeout(t);
  return how;
}

/** Resident set size of a process in MiB (VmRSS from /proc/<pid>/status). */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

// ---- HTTP client --------------------------------------------------------------------------

export interface HttpResult {
  /** 0 = no response (connection refused or reset, timeout). */
  status: number;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
  ms: number;
  error?: string;
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function request(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<HttpResult> {
  const t0 = now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: Omit<HttpResult, "ms">) => {
      if (done) return;
      done = true;
      resolve({ ...r, ms: now() - t0 });
    };
    const req = http.request(url, { method: opts.method ?? "GET", headers: opts.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
      res.on("error", (e) => finish({ status: 0, body: Buffer.alloc(0), headers: {}, error: e.message }));
    });
    req.setTimeout(opts.timeoutMs ?? 60_000, () => req.destroy(new Error("client timeout")));
    req.on("error", (e) => finish({ status: 0, body: Buffer.alloc(0), headers: {}, error: e.message }));
    req.end(opts.body);
  });
}

export interface GqlResult<T> {
  http: HttpResult;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function gql<T>(
  base: string,
  query: string,
  variables: Record<string, unknown>,
  slot?: Pick<Slot, "cookie" | "csrf">,
  timeoutMs?: number,
): Promise<GqlResult<T>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (slot?.cookie) Object.assign(headers, { cookie: slot.cookie, "x-csrf-token": slot.csrf });
  const r = await request(`${base}/graphql`, {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables }),
    timeoutMs,
  });
  if (r.status === 0) return { http: r };
  try {
    const body = JSON.parse(r.body.toString("utf8")) as { data?: T; errors?: GqlResult<T>["errors"] };
    return { http: r, data: body.data ?? undefined, errors: body.errors };
  } catch {
    return { http: r, errors: [{ message: `unreadable body: ${r.body.toString("utf8").slice(0, 200)}` }] };
  }
}

const LOGIN = `mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { __typename ... on MutationLoginSuccess { data { csrfToken } } ... on Error { message } } }`;

/** Signs the slot's editor in (cookie + x-csrf-token), a few at a time. */
export async function signIn(base: string, slots: Slot[], password: string): Promise<void> {
  const one = async (s: Slot) => {
    const r = await gql<{ login: { __typename: string; data?: { csrfToken: string }; message?: string } }>(
      base,
      LOGIN,
      {
        e: s.email,
        p: password,
      },
    );
    const csrf = r.data?.login.data?.csrfToken;
    const setCookie = r.http.headers["set-cookie"]?.[0] ?? "";
    const cookie = setCookie.split(";")[0]!;
    if (!csrf || !cookie.startsWith("cds_session="))
      throw new Error(`login of ${s.email} failed: ${JSON.stringify(r.data ?? r.errors ?? r.http.error)}`);
    s.cookie = cookie;
    s.csrf = csrf;
  };
  for (let i = 0; i < slots.length; i += 8) await Promise.all(slots.slice(i, i + 8).map(one));
}

// ---- saves --------------------------------------------------------------------------------

export const SAVE = `mutation Save($id: ID!, $version: Int!, $values: JSON!) {
  saveIndicatorValues(assessmentId: $id, version: $version, values: $values) {
    __typename
    ... on MutationSaveIndicatorValuesSuccess { data { id version computedLevel } }
    ... on Error { code message }
  }
}`;

export const VERSION = `query V($id: ID!) { assessment(id: $id) { version } }`;

export type SaveOutcome =
  | { kind: "ok"; version: number }
  /** A business refusal (e.g. VERSION_CONFLICT), with the error code. */
  | { kind: "refused"; code: string; message: string }
  /** No usable answer: transport error, 5xx, GraphQL errors — the write may or may not have happened. */
  | { kind: "failed"; detail: string };

export interface SaveResponse {
  outcome: SaveOutcome;
  http: HttpResult;
}

interface SavePayload {
  saveIndicatorValues?: { __typename: string; data?: { version: number }; code?: string; message?: string };
}

export async function save(
  base: string,
  slot: Slot,
  values: Record<string, unknown>,
  timeoutMs?: number,
): Promise<SaveResponse> {
  const r = await gql<SavePayload>(base, SAVE, { id: slot.id, version: slot.version, values }, slot, timeoutMs);
  const p = r.data?.saveIndicatorValues;
  if (r.http.status === 200 && !r.errors?.length && p?.__typename === "MutationSaveIndicatorValuesSuccess" && p.data)
    return { outcome: { kind: "ok", version: p.data.version }, http: r.http };
  if (r.http.status === 200 && !r.errors?.length && p && p.__typename !== "MutationSaveIndicatorValuesSuccess")
    return { outcome: { kind: "refused", code: p.code ?? p.__typename, message: p.message ?? "" }, http: r.http };
  const detail =
    r.http.status === 0
      ? `no response (${r.http.error})`
      : `HTTP ${r.http.status}${r.errors?.length ? `: ${r.errors.map((e) => `${e.extensions?.code ?? ""} ${e.message}`).join("; ")}` : ""}`;
  return { outcome: { kind: "failed", detail }, http: r.http };
}

/** Deterministic values for a slot's n-th save: 5 criteria, cycling levels 0–5 (so the level really moves). */
export class ValueSource {
  private readonly set: TCriteriaSet = BUILT_IN_SETS["vn-2361-commune"]!;
  private readonly codes = this.set.criteria.filter((c) => c.measure !== "childLevels").map((c) => c.code);
  private readonly cache = new Map<string, Record<string, unknown>>();

  next(slot: Slot, n: number, perSave = 5): Record<string, unknown> {
    const level = n % 6;
    const key = `${slot.code}:${level}`;
    let all = this.cache.get(key);
    if (!all) {
      all = valuesAtLevel(this.set, level, seedOf(slot.code) ^ level, 0);
      this.cache.set(key, all);
    }
    const out: Record<string, unknown> = {};
    for (let j = 0; j < perSave; j++) {
      const code = this.codes[(n * perSave + j) % this.codes.length]!;
      out[code] = all[code];
    }
    return out;
  }
}

// ---- the client's ledger of saves, checked against the database ---------------------------

export interface Ledger {
  /** Per assessment: the version of the seeded row. */
  initial: Map<string, number>;
  /** Per assessment: acknowledged saves and the highest acknowledged version. */
  acked: Map<string, { saves: number; version: number }>;
  /** Per assessment and criterion: the value of the last acknowledged save that wrote it. */
  ackedValues: Map<string, Map<string, unknown>>;
  /** Per assessment and criterion: values of saves with no usable answer, sent after the last ack of that code. */
  unknownValues: Map<string, Map<string, unknown[]>>;
}

export function newLedger(slots: Slot[]): Ledger {
  return {
    initial: new Map(slots.map((s) => [s.id, s.version])),
    acked: new Map(slots.map((s) => [s.id, { saves: 0, version: s.version }])),
    ackedValues: new Map(slots.map((s) => [s.id, new Map()])),
    unknownValues: new Map(slots.map((s) => [s.id, new Map()])),
  };
}

export function recordSave(ledger: Ledger, slot: Slot, values: Record<string, unknown>, outcome: SaveOutcome): void {
  if (outcome.kind === "ok") {
    const a = ledger.acked.get(slot.id)!;
    a.saves++;
    a.version = Math.max(a.version, outcome.version);
    const vals = ledger.ackedValues.get(slot.id)!;
    const unknown = ledger.unknownValues.get(slot.id)!;
    for (const [k, v] of Object.entries(values)) {
      vals.set(k, v);
      unknown.delete(k);
    }
  } else if (outcome.kind === "failed") {
    const unknown = ledger.unknownValues.get(slot.id)!;
    for (const [k, v] of Object.entries(values)) unknown.set(k, [...(unknown.get(k) ?? []), v]);
  }
}

export interface LedgerCheck {
  assessments: number;
  ackedSaves: number;
  ackedValues: number;
  /** Saves in the database: Σ (version − seeded version). */
  dbSaves: number;
  auditEvents: number;
  /** Assessments whose stored version is below the highest acknowledged one. */
  versionsLost: number;
  /** Assessments with fewer audit events than acknowledged saves. */
  auditLost: number;
  /** Acknowledged values not in the database (neither the acked value nor a later unanswered one). */
  valuesLost: number;
  /** Values in the database from a save that got no usable answer (committed, never acknowledged). */
  unackedCommittedValues: number;
  samples: string[];
}

/** Compares the ledger with what the database holds (run with the API stopped or idle). */
export async function checkLedger(
  query: <T>(sql: string, params: unknown[]) => Promise<T[]>,
  ledger: Ledger,
): Promise<LedgerCheck> {
  const ids = [...ledger.initial.keys()];
  const versions = await query<{ id: string; version: number }>(
    `SELECT id, version FROM "Assessment" WHERE id = ANY($1)`,
    [ids],
  );
  const audits = await query<{ id: string; n: string | number }>(
    `SELECT "entityId" AS id, count(*) AS n FROM "AuditEvent" WHERE action = 'assessment.saveValues' AND "entityId" = ANY($1) GROUP BY 1`,
    [ids],
  );
  const values = await query<{ a: string; c: string; v: unknown }>(
    `SELECT "assessmentId" AS a, "criterionCode" AS c, value AS v FROM "IndicatorValue" WHERE "assessmentId" = ANY($1)`,
    [ids],
  );
  const auditBy = new Map(audits.map((r) => [r.id, Number(r.n)]));
  const valueBy = new Map(values.map((r) => [`${r.a}|${r.c}`, r.v]));
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const out: LedgerCheck = {
    assessments: ids.length,
    ackedSaves: 0,
    ackedValues: 0,
    dbSaves: 0,
    auditEvents: 0,
    versionsLost: 0,
    auditLost: 0,
    valuesLost: 0,
    unackedCommittedValues: 0,
    samples: [],
  };
  for (const v of versions) {
    const a = ledger.acked.get(v.id)!;
    const stored = v.version - ledger.initial.get(v.id)!;
    const audited = auditBy.get(v.id) ?? 0;
    out.ackedSaves += a.saves;
    out.dbSaves += stored;
    out.auditEvents += audited;
    if (v.version < a.version) {
      out.versionsLost++;
      if (out.samples.length < 5) out.samples.push(`${v.id}: version ${v.version} < acknowledged ${a.version}`);
    }
    if (audited < a.saves) {
      out.auditLost++;
      if (out.samples.length < 5) out.samples.push(`${v.id}: ${audited} audit events < ${a.saves} acknowledged saves`);
    }
    const unknown = ledger.unknownValues.get(v.id)!;
    for (const [code, want] of ledger.ackedValues.get(v.id)!) {
      out.ackedValues++;
      const got = valueBy.get(`${v.id}|${code}`);
      if (same(got, want)) continue;
      if ((unknown.get(code) ?? []).some((u) => same(u, got))) {
        out.unackedCommittedValues++;
        continue;
      }
      out.valuesLost++;
      if (out.samples.length < 5)
        out.samples.push(`${v.id} ${code}: ${JSON.stringify(got)} ≠ acknowledged ${JSON.stringify(want)}`);
    }
  }
  if (versions.length !== ids.length) out.samples.push(`${ids.length - versions.length} assessments missing`);
  return out;
}
