/**
 * The real HTTP server in production mode, over a socket: compression,
 * security headers, /health and /ready, JSON request logs, masked errors,
 * GraphiQL without outside origins, query limits and unstorable strings,
 * graceful shutdown; and `src/index.ts` itself as a process: one per data
 * directory, a stale lock taken over after kill -9, SIGTERM exits 0.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { LOCK_FILE } from "../data-lock.ts";
import { loadEnv } from "../env.ts";
import { GRAPHIQL_CSP } from "../graphiql.ts";
import { APP_CSP, listen, type HttpServer } from "../http.ts";
import { createLogger } from "../log.ts";
import { startPlatform, type Platform } from "../platform.ts";
import { DEMO_PASSWORD } from "../seed/demo.ts";
import { setupApi, type TestApi } from "../testing/harness.ts";

type Line = Record<string, unknown> & { msg?: string; level?: number; reqId?: string };

/** A logger whose lines the test reads back. */
function capturedLog() {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n")) if (l.trim()) lines.push(JSON.parse(l) as Line);
      done();
    },
  });
  return { lines, log: createLogger({ level: "info", destination: stream }) };
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request with node:http: bytes as sent (fetch would decode them). */
function raw(
  base: string,
  p: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(p, base), { method: init.method ?? "GET", headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const decode = (r: Raw) =>
  r.headers["content-encoding"] === "br"
    ? brotliDecompressSync(r.body)
    : r.headers["content-encoding"] === "gzip"
      ? gunzipSync(r.body)
      : r.body;

function gqlRaw(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return raw(base, "/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

async function gql(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const r = await gqlRaw(base, query, variables, headers);
  return {
    ...r,
    json: JSON.parse(decode(r).toString()) as {
      data?: Record<string, unknown>;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}

// A pretend build of the two apps: the server's static roots are configurable.
const webRoot = mkdtempSync(path.join(tmpdir(), "cds-web-"));
const appJs = `console.log(${JSON.stringify("Bộ tiêu chí ".repeat(400))});\n`;
const png = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(4000, 7)]);
for (const app of ["admin", "portal"]) {
  mkdirSync(path.join(webRoot, app, "assets"), { recursive: true });
  writeFileSync(
    path.join(webRoot, app, "index.html"),
    `<!doctype html><title>${app}</title><script type="module" src="/${app}/assets/app-1a2b3c.js"></script>`,
  );
  writeFileSync(path.join(webRoot, app, "assets", "app-1a2b3c.js"), appJs);
  writeFileSync(path.join(webRoot, app, "assets", "logo-1a2b3c.png"), png);
}
const staticRoots = { admin: path.join(webRoot, "admin"), portal: path.join(webRoot, "portal") };

let api: TestApi;
let prod: Platform;
let http: HttpServer;
let base: string;
const { lines, log } = capturedLog();

beforeAll(async () => {
  api = await setupApi();
  // The same seeded database, served as `pnpm start` serves it: production mode.
  const env = loadEnv({ NODE_ENV: "production", DATA_DIR: mkdtempSync(path.join(tmpdir(), "cds-server-")) });
  prod = await startPlatform(env, { db: api.platform.db, log });
  http = await listen(prod, { host: "127.0.0.1", port: 0 }, { staticRoots });
  base = http.url;
});
afterAll(async () => {
  await http?.close(1000);
  await api?.close();
});

describe("compression", () => {
  it("is negotiated by Accept-Encoding (br, gzip, none) and decodes to the same bytes; Vary says so", async () => {
    for (const [accept, expected] of [
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
      ["br;q=0, gzip;q=0.5", "gzip"],
      ["identity", undefined],
      ["", undefined],
    ] as const) {
      const r = await raw(base, "/admin/assets/app-1a2b3c.js", {
        headers: accept ? { "accept-encoding": accept } : {},
      });
      expect(r.status).toBe(200);
      expect(r.headers["content-encoding"], accept).toBe(expected);
      expect(r.headers.vary).toMatch(/accept-encoding/i);
      expect(decode(r).toString()).toBe(appJs);
      if (expected) expect(r.body.length).toBeLessThan(appJs.length / 5);
    }
  });

  it("hashed assets are immutable for a year, index.html revalidates (ETag → 304)", async () => {
    const asset = await raw(base, "/assets/app-1a2b3c.js");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const index = await raw(base, "/admin/some/page", { headers: { "accept-encoding": "br" } });
    expect(index.headers["cache-control"]).toBe("no-cache");
    expect(decode(index).toString()).toContain("<title>admin</title>");
    const again = await raw(base, "/admin/", { headers: { "if-none-match": String(index.headers.etag) } });
    expect(again.status).toBe(304);
  });

  it("leaves PNGs and tiny bodies alone", async () => {
    const img = await raw(base, "/assets/logo-1a2b3c.png", { headers: { "accept-encoding": "br, gzip" } });
    expect(img.headers["content-encoding"]).toBeUndefined();
    expect(img.body.equals(png)).toBe(true);
    const tiny = await raw(base, "/health", { headers: { "accept-encoding": "br, gzip" } });
    expect(tiny.headers["content-encoding"]).toBeUndefined();
  });

  it("GraphQL responses are compressed too", async () => {
    const q = `{ units(first: 60) { edges { node { code name } } } }`;
    const br = await gql(base, q, {}, { "accept-encoding": "br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    const gz = await gql(base, q, {}, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    const plain = await gql(base, q);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(br.json).toEqual(plain.json);
    expect(gz.json).toEqual(plain.json);
    expect((plain.json.data!.units as { edges: unknown[] }).edges).toHaveLength(60);
  });
});

describe("security headers", () => {
  it("are on the portal, the admin app, GraphQL, GraphiQL assets, health and 404s", async () => {
    const responses = {
      "/": await raw(base, "/"),
      "/admin/": await raw(base, "/admin/"),
      "/graphql": await gqlRaw(base, "{ me { id } }"),
      "/health": await raw(base, "/health"),
      "/evidence/nope": await raw(base, "/evidence/nope"),
      "/graphql/graphiql/nope.js": await raw(base, "/graphql/graphiql/nope.js"),
    };
    expect(responses["/evidence/nope"].status).toBe(404);
    for (const [p, r] of Object.entries(responses)) {
      expect(r.headers["x-content-type-options"], p).toBe("nosniff");
      expect(r.headers["referrer-policy"], p).toBe("strict-origin-when-cross-origin");
      const csp = String(r.headers["content-security-policy"]);
      expect(csp, p).toMatch(/frame-ancestors 'none'/);
      expect(csp, p).toMatch(/default-src '(self|none)'/);
      expect(csp, p).not.toMatch(/unsafe-eval|https?:|\*/);
    }
    expect(responses["/"].headers["content-security-policy"]).toBe(APP_CSP);
    expect(APP_CSP).toMatch(/script-src 'self';/);
  });
});

describe("health and readiness", () => {
  it("/health is 200 while the process lives; /ready is 200 with the database migrated", async () => {
    const h = await raw(base, "/health");
    expect([h.status, JSON.parse(h.body.toString())]).toEqual([200, { status: "ok" }]);
    const r = await raw(base, "/ready");
    expect([r.status, JSON.parse(r.body.toString())]).toEqual([200, { status: "ready" }]);
  });

  it("/ready is 503 naming the migration when one is not applied", async () => {
    const [last] = await prod.db.sql.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`,
    );
    await prod.db.sql.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [
      last!.migration_name,
    ]);
    try {
      const r = await raw(base, "/ready");
      expect(r.status).toBe(503);
      expect(JSON.parse(r.body.toString()).reason).toContain(last!.migration_name);
    } finally {
      await prod.db.sql.query(`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = $1`, [
        last!.migration_name,
      ]);
    }
    expect((await raw(base, "/ready")).status).toBe(200);
  });
});

describe("a server whose database has closed (production mode)", () => {
  let broken: Platform;
  let srv: HttpServer;
  beforeAll(async () => {
    broken = await startPlatform(
      loadEnv({ NODE_ENV: "production", DATA_DIR: mkdtempSync(path.join(tmpdir(), "cds-broken-")) }),
      { memory: true, log },
    );
    srv = await listen(broken, { host: "127.0.0.1", port: 0 }, { staticRoots });
    await broken.db.close();
  });
  afterAll(async () => {
    await srv?.close(1000);
  });

  it("/ready is 503 with the reason, /health still 200", async () => {
    const r = await raw(srv.url, "/ready");
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body.toString())).toMatchObject({
      status: "not ready",
      reason: expect.stringMatching(/^database: /),
    });
    expect((await raw(srv.url, "/health")).status).toBe(200);
  });

  it("an unexpected error reaches the client as 'Unexpected error.' only, and the log with its stack and request id", async () => {
    const r = await gql(
      srv.url,
      `query Broken { units(first: 1) { edges { node { code } } } }`,
      {},
      { "x-request-id": "masked-1" },
    );
    expect(r.json.errors).toEqual([{ message: "Unexpected error.", extensions: { code: "INTERNAL" } }]);
    expect(decode(r).toString()).not.toMatch(/stack|at .*\.ts|PGlite|closed/i);
    const masked = lines.find((l) => l.reqId === "masked-1" && l.msg === "masked error");
    expect(masked, JSON.stringify(lines.filter((l) => l.reqId === "masked-1"))).toBeDefined();
    expect(masked!.level).toBe(50);
    const err = masked!.err as { message: string; stack: string };
    expect(err.stack).toMatch(/\n\s+at /);
    const line = lines.find((l) => l.reqId === "masked-1" && l.msg === "request");
    expect(line).toMatchObject({ status: 200, operation: "Broken", user: "anonymous" });
  });
});

describe("request logs", () => {
  it("one JSON line per request: request id (given or generated, echoed), user, operation, status, duration", async () => {
    const r = await gql(base, `query WhoAmI { me { id } }`, {}, { "x-request-id": "req-abc.1" });
    expect(r.headers["x-request-id"]).toBe("req-abc.1");
    const line = lines.find((l) => l.reqId === "req-abc.1" && l.msg === "request");
    expect(line).toMatchObject({
      method: "POST",
      path: "/graphql",
      status: 200,
      user: "anonymous",
      operation: "WhoAmI",
    });
    expect(typeof line!.durationMs).toBe("number");
    expect(typeof line!.time).toBe("string");

    const generated = await raw(base, "/admin/");
    const id = String(generated.headers["x-request-id"]);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.find((l) => l.reqId === id && l.msg === "request")).toMatchObject({ path: "/admin/", status: 200 });

    // A proxy's id that is not a plain token is not trusted into logs and headers.
    const odd = await raw(base, "/health", { headers: { "x-request-id": "a b{}" } });
    expect(odd.headers["x-request-id"]).not.toBe("a b{}");
  });

  it("names the signed-in user and the operation from the document when the request does not", async () => {
    const login = await gql(
      base,
      `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { ... on MutationLoginSuccess { data { csrfToken } } } }`,
      { email: "so@ninhbinh.gov.vn", password: DEMO_PASSWORD },
    );
    const data = (login.json.data!.login as { data: { csrfToken: string } }).data;
    const cookie = String((login.headers["set-cookie"] as string[])[0]).split(";")[0]!;
    await gql(
      base,
      `query Mine { me { id } }`,
      {},
      { cookie, "x-csrf-token": data.csrfToken, "x-request-id": "signed-in-1" },
    );
    const userId = (await api.prisma.user.findUniqueOrThrow({ where: { email: "so@ninhbinh.gov.vn" } })).id;
    expect(lines.find((l) => l.reqId === "signed-in-1" && l.msg === "request")).toMatchObject({
      user: `user:${userId}`,
      operation: "Mine",
    });
  });
});

describe("production mode", () => {
  it("gives no field suggestions", async () => {
    const r = await gql(base, `{ mee { id } }`);
    expect(r.json.errors?.[0]?.message).toMatch(/mee/);
    expect(JSON.stringify(r.json)).not.toMatch(/Did you mean/i);
  });
});

describe("limits and unstorable strings, over the socket", () => {
  it("a query nested 3,000 deep is refused before parsing with QUERY_TOO_DEEP", async () => {
    let sel = "code";
    for (let i = 0; i < 3000; i++) sel = `parent { ${sel} }`;
    const r = await gql(base, `{ unit(code: "00172") { ${sel} } }`);
    expect(r.json.errors).toHaveLength(1);
    expect(r.json.errors![0]!.extensions?.code).toBe("QUERY_TOO_DEEP");
    // graphql-armor's own depth limit (12) says the same code.
    let thirteen = "code";
    for (let i = 0; i < 13; i++) thirteen = `parent { ${thirteen} }`;
    expect((await gql(base, `{ unit(code: "00172") { ${thirteen} } }`)).json.errors![0]!.extensions?.code).toBe(
      "QUERY_TOO_DEEP",
    );
  });

  it("armor's alias and token limits answer with their own codes", async () => {
    const aliases = await gql(base, `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(" ")} }`);
    expect(aliases.json.errors![0]!.extensions?.code).toBe("TOO_MANY_ALIASES");
    const tokens = await gql(base, `{ ${Array.from({ length: 2600 }, () => `me { id }`).join(" ")} }`);
    expect(tokens.json.errors![0]!.extensions?.code).toBe("TOO_MANY_TOKENS");
  });

  it("NUL and lone surrogates in a variable or a literal argument are BAD_USER_INPUT naming it", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [`query ($code: String!) { unit(code: $code) { id } }`, { code: "00172\u0000" }, "$code"],
      [`query ($code: String!) { unit(code: $code) { id } }`, { code: "00172\ud800" }, "$code"],
      [`query ($code: String!) { unit(code: $code) { id } }`, { code: "\udc00" }, "$code"],
      [`{ unit(code: "00172\\u0000") { id } }`, {}, "code"],
    ];
    for (const [q, vars, where] of cases) {
      const r = await gql(base, q, vars);
      expect(r.json.errors, JSON.stringify(vars)).toHaveLength(1);
      expect(r.json.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: where });
      expect(r.json.errors![0]!.message).toContain(where);
    }
    // A well-formed pair (an emoji) is fine.
    const ok = await gql(base, `query ($code: String!) { unit(code: $code) { id } }`, { code: "😀" });
    expect(ok.json).toEqual({ data: { unit: null } });
  });
});

describe("GraphiQL", () => {
  it("is served from this origin only: no inline script, no outside origin, its own CSP", async () => {
    const page = await raw(base, "/graphql", { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers["content-security-policy"]).toBe(GRAPHIQL_CSP);
    const html = decode(page).toString();
    expect(html).toContain("Bộ tiêu chí chuyển đổi số — GraphQL");
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(3);
    for (const ref of refs) {
      const r = await raw(base, ref, { headers: { "accept-encoding": "br" } });
      expect(r.status, ref).toBe(200);
    }
    const js = await raw(base, "/graphql/graphiql/graphiql.js", { headers: { "accept-encoding": "gzip" } });
    expect(js.headers["content-encoding"]).toBe("gzip");
    expect(decode(js).toString()).toContain("renderYogaGraphiQL");
  });
});

describe("graceful shutdown", () => {
  it("stops accepting connections, lets a slow request in flight finish, then closes", async () => {
    const srv = await listen(prod, { host: "127.0.0.1", port: 0 }, { staticRoots });
    const body = JSON.stringify({ query: `query Slow { units(first: 2) { edges { node { code } } } }` });
    // A client that sends half its request, then the rest after the shutdown began.
    const slow = new Promise<Raw>((resolve, reject) => {
      const req = request(
        `${srv.url}/graphql`,
        {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 600);
    });
    await new Promise((r) => setTimeout(r, 100));
    let closed = false;
    const closing = srv.close(5000).then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 100));
    await expect(raw(srv.url, "/health")).rejects.toThrow(/ECONNREFUSED/);
    expect(closed).toBe(false);
    const r = await slow;
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body.toString()).data.units.edges).toHaveLength(2);
    await closing;
    expect(closed).toBe(true);
  });
});

// ---- the process: src/index.ts --------------------------------------------

const apiDir = fileURLToPath(new URL("../../", import.meta.url));

interface Proc {
  child: ChildProcess;
  out: string[];
  err: string[];
  exited: Promise<number | null>;
}

/** `src/index.ts` as one node process (tsx as its loader), or through the package's `start` script as `pnpm start` runs it. */
function startIndex(dataDir: string, how: "node" | "start script" = "node"): Proc {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "0" };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  let child: ChildProcess;
  if (how === "start script") {
    const script = (
      JSON.parse(readFileSync(path.join(apiDir, "package.json"), "utf8")) as { scripts: { start: string } }
    ).scripts.start;
    env.PATH = `${path.join(apiDir, "node_modules", ".bin")}${path.delimiter}${env.PATH}`;
    child = spawn("sh", ["-c", script], { cwd: apiDir, env, stdio: ["ignore", "pipe", "pipe"] });
  } else {
    child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
      cwd: apiDir,
      env: { ...env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  }
  const out: string[] = [];
  const err: string[] = [];
  child.stdout!.on("data", (c: Buffer) => out.push(...String(c).split("\n").filter(Boolean)));
  child.stderr!.on("data", (c: Buffer) => err.push(String(c)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, out, err, exited };
}

async function readyUrl(p: Proc): Promise<string> {
  for (let i = 0; i < 1200; i++) {
    const ready = p.out
      .map((l) => JSON.parse(l) as Line)
      .find((l) => typeof l.url === "string" && String(l.msg).startsWith("Sẵn sàng"));
    if (ready) return String(ready.url);
    if (p.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready: ${p.out.join("\n")}\n${p.err.join("")}`);
}

describe.skipIf(inject("template").kind !== "pglite")("one process per data directory (src/index.ts)", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cds-lock-"));
  const running: Proc[] = [];
  afterAll(() => {
    for (const p of running) if (p.child.exitCode === null) p.child.kill("SIGKILL");
    // A server left by a failed run (the start script's grandchild) is the one named in this directory's lock.
    try {
      process.kill(Number(readFileSync(path.join(dataDir, LOCK_FILE), "utf8")), "SIGKILL");
    } catch {
      // no lock, or its process is gone
    }
  });

  beforeAll(async () => {
    // The seeded template as the directory's database, so the process starts without seeding the map.
    const template = inject("template");
    if (template.kind !== "pglite") return;
    const lite = new PGlite(path.join(dataDir, "pglite"), { loadDataDir: new Blob([readFileSync(template.file)]) });
    await lite.waitReady;
    await lite.close();
  });

  it("a second process is refused before it opens the database; after kill -9 of the first the directory opens again; SIGTERM exits 0", async () => {
    // The first as `pnpm start` runs it: production mode without anyone setting NODE_ENV.
    const first = startIndex(dataDir, "start script");
    running.push(first);
    const url = await readyUrl(first);
    expect((await raw(url, "/health")).status).toBe(200);
    expect(
      first.out.map((l) => JSON.parse(l) as Line).find((l) => String(l.msg).startsWith("Cơ sở dữ liệu")),
    ).toMatchObject({ mode: "production" });
    // The server is a child of the start script's shell and tsx: the lock names the server's own pid.
    const ownerPid = Number(readFileSync(path.join(dataDir, LOCK_FILE), "utf8").trim());
    expect(ownerPid).toBeGreaterThan(0);

    const second = startIndex(dataDir);
    running.push(second);
    const code = await second.exited;
    expect(code).not.toBe(0);
    const said = second.err.join("");
    expect(said).toContain(`Thư mục dữ liệu ${dataDir}`);
    expect(said).toContain(`Data directory ${dataDir} is in use by process ${ownerPid}`);
    expect(second.out.join("\n")).not.toMatch(/database|Cơ sở dữ liệu/);
    // The first one still serves.
    expect((await raw(url, "/ready")).status).toBe(200);

    process.kill(ownerPid, "SIGKILL");
    await first.exited;
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(true); // stale now

    const third = startIndex(dataDir);
    running.push(third);
    const url3 = await readyUrl(third);
    expect((await raw(url3, "/ready")).status).toBe(200);
    third.child.kill("SIGTERM");
    expect(await third.exited).toBe(0);
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    expect(third.out.join("\n")).toContain("Đã dừng / stopped");
  }, 180_000);
});
