/**
 * The API is stateless: two real API processes (`src/index.ts`, each its own port) on ONE PostgreSQL database,
 * as behind a load balancer, spoken to over HTTP. A session signed in on one is accepted by the other (its CSRF
 * token too); the sign-in throttle and the API-key rate limit count requests sent to both; two saves of one
 * assessment with the same version, one to each process, end in one success and one ConflictError.
 *
 * PostgreSQL only (PGlite is one process's file): runs when CDS_TEST_POSTGRES_URL is set (`scripts/test-pg.ts`
 * sets it from TEST_DATABASE_URL), on a database of its own copied from the suite's seeded template.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../seed/demo.ts";
import { LOGIN_THROTTLE } from "../services/auth.ts";
import { multipartForm, type Client, type GqlResult } from "../testing/harness.ts";
import { assessmentOf, expectError, expectSuccess, mutate, query, type Json } from "./helpers.ts";

const apiDir = fileURLToPath(new URL("../..", import.meta.url));
const template = inject("template");
const onPostgres = template.kind === "postgres";
if (!onPostgres)
  console.warn(
    "two-processes.test.ts skipped: two API processes need a PostgreSQL server; set CDS_TEST_POSTGRES_URL=postgresql://… (or run `pnpm test`, which passes TEST_DATABASE_URL)",
  );

const RATE = 5;

interface Proc {
  name: string;
  child: ChildProcess;
  out: string[];
  err: string[];
  exited: Promise<number | null>;
  url: string;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** `src/index.ts` as its own node process on the database, on a free port; resolves once it says it is ready. */
async function startIndex(name: string, databaseUrl: string, dataDir: string): Promise<Proc> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: "0",
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    API_KEY_RATE_PER_MINUTE: String(RATE),
  };
  delete env.DATABASE_READ_URL;
  for (const k of Object.keys(env)) if (k.startsWith("SMTP_")) delete env[k];
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: apiDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out: string[] = [];
  const err: string[] = [];
  child.stdout!.on("data", (c: Buffer) => out.push(...String(c).split("\n").filter(Boolean)));
  child.stderr!.on("data", (c: Buffer) => err.push(String(c)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  for (let i = 0; i < 1800; i++) {
    for (const l of out) {
      try {
        const line = JSON.parse(l) as { msg?: string; url?: string };
        if (typeof line.url === "string" && String(line.msg).startsWith("Sẵn sàng"))
          return { name, child, out, err, exited, url: line.url };
      } catch {
        // not a log line
      }
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`${name} not ready:\n${out.join("\n")}\n${err.join("")}`);
}

/** A client of one process over HTTP, with the harness's Client shape (so helpers.ts works with it). */
function httpClient(
  proc: Proc,
  init: { cookie?: string | null; csrf?: string | null; apiKey?: string } = {},
): Client & { last: number } {
  const c: Client & { last: number } = {
    cookie: init.cookie ?? null,
    csrf: init.csrf ?? null,
    last: 0,
    async gql(q, variables = {}, headers = {}) {
      const res = await fetch(`${proc.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(c.cookie ? { cookie: c.cookie } : {}),
          ...(c.csrf ? { "x-csrf-token": c.csrf } : {}),
          ...(init.apiKey ? { "x-api-key": init.apiKey } : {}),
          ...headers,
        },
        body: JSON.stringify({ query: q, variables }),
      });
      c.last = res.status;
      const setCookie = res.headers.get("set-cookie");
      if (setCookie) c.cookie = setCookie.split(";")[0]!;
      return { ...((await res.json()) as object), status: res.status } as GqlResult<never>;
    },
    async upload(q, variables, file) {
      const res = await fetch(`${proc.url}/graphql`, {
        method: "POST",
        headers: {
          ...(c.cookie ? { cookie: c.cookie } : {}),
          ...(c.csrf ? { "x-csrf-token": c.csrf } : {}),
          "graphql-require-preflight": "1",
        },
        body: multipartForm(q, variables, file),
      });
      return { ...((await res.json()) as object), status: res.status } as GqlResult<never>;
    },
  };
  return c;
}

interface LoginOutcome {
  __typename: string;
  code?: string;
  data?: { csrfToken: string };
}

/** One sign-in on a process; returns the outcome and the client (cookie set on success). */
async function login(proc: Proc, email: string, password = DEMO_PASSWORD) {
  const c = httpClient(proc);
  const r = await mutate(c, "login", "$e: String!, $p: String!", "email: $e, password: $p", "csrfToken", {
    e: email,
    p: password,
  });
  if (r.__typename === "MutationLoginSuccess") c.csrf = (r.data as { csrfToken: string }).csrfToken;
  return { outcome: r as LoginOutcome, client: c };
}

async function signIn(proc: Proc, email: string): Promise<Client> {
  const { outcome, client } = await login(proc, email);
  expect(outcome.__typename, JSON.stringify(outcome)).toBe("MutationLoginSuccess");
  return client;
}

describe.skipIf(!onPostgres)("two API processes on one PostgreSQL database (needs CDS_TEST_POSTGRES_URL)", () => {
  const database = `cds_2p_${randomBytes(5).toString("hex")}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "cds-2p-"));
  let admin: pg.Client;
  let A: Proc;
  let B: Proc;

  beforeAll(async () => {
    if (template.kind !== "postgres") return;
    admin = new pg.Client({ connectionString: template.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${template.database}`);
    const url = withDatabase(template.url, database);
    // One after the other: the second finds the database migrated and seeded.
    A = await startIndex("A", url, dataDir);
    B = await startIndex("B", url, dataDir);
  }, 300_000);

  afterAll(async () => {
    const procs = [A, B].filter(Boolean);
    for (const p of procs) if (p.child.exitCode === null) p.child.kill("SIGTERM");
    await Promise.race([Promise.all(procs.map((p) => p.exited)), new Promise((r) => setTimeout(r, 15_000))]);
    for (const p of procs) if (p.child.exitCode === null) p.child.kill("SIGKILL");
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("two processes, two ports, one database", () => {
    expect(A.url).not.toBe(B.url);
    expect(A.child.pid).not.toBe(B.child.pid);
  });

  it("(a) a session signed in on A is accepted on B, its CSRF token too; without the token B refuses the write", async () => {
    const onA = await signIn(A, "so@ninhbinh.gov.vn");
    const onB = httpClient(B, { cookie: onA.cookie, csrf: onA.csrf });
    const meA = (await query(onA, `{ me { id email } }`)).me;
    const meB = (await query(onB, `{ me { id email } }`)).me;
    expect(meB).toEqual(meA);
    expect(meB.email).toBe("so@ninhbinh.gov.vn");

    const createKey = (c: Client, name: string) =>
      mutate(c, "createApiKey", "$t: String!, $n: String!", "tenantId: $t, name: $n", "key apiKey { id name }", {
        t: "ninh-binh",
        n: name,
      });
    // The same cookie without the session's CSRF token: refused on B.
    const noCsrf = httpClient(B, { cookie: onA.cookie });
    expectError(await createKey(noCsrf, "Khoá không có CSRF"), "ForbiddenError");
    // With it, B accepts the write of A's session; A lists what B wrote.
    const made = expectSuccess(await createKey(onB, "Khoá tạo trên B"));
    const listed = (await query(onA, `{ apiKeys(tenantId: "ninh-binh") { id name } }`)).apiKeys as Json[];
    expect(listed).toContainEqual({ id: made.apiKey.id, name: "Khoá tạo trên B" });

    // Signed out on B: the session is gone on A too.
    const out = await onB.gql<{ logout: { __typename: string } }>(`mutation { logout { __typename } }`);
    expect(out.data?.logout.__typename, JSON.stringify(out)).toBe("MutationLogoutSuccess");
    const anonA = httpClient(A, { cookie: onA.cookie, csrf: onA.csrf });
    expect((await query(anonA, `{ me { id } }`)).me).toBeNull();
  });

  it("(b) the API key's per-minute limit is reached by requests split between A and B", async () => {
    const so = await signIn(B, "so@ninhbinh.gov.vn");
    const r = expectSuccess(
      await mutate(so, "createApiKey", "$t: String!, $n: String!", "tenantId: $t, name: $n", "key", {
        t: "ninh-binh",
        n: "Khoá đếm trên hai tiến trình",
      }),
    );
    const onA = httpClient(A, { apiKey: r.key });
    const onB = httpClient(B, { apiKey: r.key });
    // RATE requests alternating A, B, A, B, A: all served (each process alone has seen fewer than RATE).
    const order = Array.from({ length: RATE }, (_, i) => (i % 2 === 0 ? onA : onB));
    for (const c of order) {
      const res = await c.gql(`{ criteriaSets(tenant: "ninh-binh") { id } }`);
      expect(res.errors, JSON.stringify(res)).toBeUndefined();
      expect(res.status).toBe(200);
    }
    // The next one is over the limit on either process: 429 RATE_LIMITED.
    for (const c of [onB, onA]) {
      const res = await c.gql(`{ criteriaSets(tenant: "ninh-binh") { id } }`);
      expect(res.status).toBe(429);
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res)).toBe("RATE_LIMITED");
    }
  });

  it("(b) failed sign-ins of one account are counted across A and B: the right password is then refused on either", async () => {
    const email = "so@hanoi.gov.vn";
    for (let i = 0; i < LOGIN_THROTTLE.perAccount; i++) {
      const { outcome } = await login(i % 2 === 0 ? A : B, email, "sai mật khẩu");
      expect(outcome.__typename, JSON.stringify(outcome)).toBe("InputError");
    }
    for (const p of [B, A]) {
      const { outcome } = await login(p, email, DEMO_PASSWORD);
      expect(outcome, p.name).toMatchObject({ __typename: "RateLimitError", code: "RATE_LIMITED" });
    }
  });

  it("(c) two saves of one assessment with the same version, one to A and one to B: one succeeds, the other conflicts", async () => {
    const email = "xa.khanhthien@ninhbinh.gov.vn";
    const [alice, bob] = await Promise.all([signIn(A, email), signIn(B, email)]);
    const FIELDS = "id version status values { criterionCode value }";
    const start = await assessmentOf(alice, "14563", FIELDS);
    expect(start.status).toBe("DRAFT");
    const save = (c: Client, version: number, values: Record<string, unknown>) =>
      mutate(
        c,
        "saveIndicatorValues",
        "$id: ID!, $version: Int!, $values: JSON!",
        "assessmentId: $id, version: $version, values: $values",
        "id version values { criterionCode value }",
        { id: start.id, version, values },
      );
    const mine = { "CQS-01": { numerator: 71, denominator: 100 } };
    const theirs = { "CQS-01": { numerator: 29, denominator: 100 } };
    const results = await Promise.all([save(alice, start.version, mine), save(bob, start.version, theirs)]);
    expect(results.map((r) => r.__typename).sort(), JSON.stringify(results)).toEqual([
      "ConflictError",
      "MutationSaveIndicatorValuesSuccess",
    ]);
    const winner = results.findIndex((r) => r.__typename === "MutationSaveIndicatorValuesSuccess");
    const conflict = results[1 - winner]!;
    expect(conflict).toMatchObject({ code: "CONFLICT", currentVersion: start.version + 1 });
    // Both processes read the winner's values at the new version.
    const won = winner === 0 ? mine : theirs;
    for (const c of [alice, bob]) {
      const now = await assessmentOf(c, "14563", FIELDS);
      expect(now.version).toBe(start.version + 1);
      expect(now.values.find((v: Json) => v.criterionCode === "CQS-01").value).toEqual(won["CQS-01"]);
    }
    // The loser retries on its own process with the fresh version: saved.
    const loser = winner === 0 ? bob : alice;
    const retry = expectSuccess(await save(loser, start.version + 1, winner === 0 ? theirs : mine));
    expect(retry.version).toBe(start.version + 2);
  });
});
