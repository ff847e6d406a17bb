/**
 * When the database cannot be reached (a PostgreSQL server restarting, the network cut), the API says so — code
 * DATABASE_UNAVAILABLE, HTTP 503 with Retry-After, a Vietnamese message — instead of an unexplained INTERNAL, and
 * answers again by itself once the database is back. The outage is real: the platform reaches the server through
 * a TCP relay in this process, and the test cuts every relayed connection and refuses new ones, then reopens.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { InputError, isDatabaseUnavailable } from "../errors.ts";
import { loadEnv } from "../env.ts";
import { startPlatform, type Platform } from "../platform.ts";

const template = inject("template");
const onPostgres = template.kind === "postgres";

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe("isDatabaseUnavailable", () => {
  it("knows a refused connection and a session the server ended; not a wrong query or a refused input", async () => {
    const refused = new pg.Client({ connectionString: `postgresql://u:p@127.0.0.1:${await closedPort()}/none` });
    const e = await refused.connect().then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeTruthy();
    expect(isDatabaseUnavailable(e)).toBe(true);
    // Wrapped the way GraphQL and Prisma's driver adapter wrap it.
    expect(isDatabaseUnavailable({ message: "masked", originalError: { message: "x", cause: e } })).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error at or near "SELEC"'), { code: "42601" }))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(InputError.field("year", "năm không hợp lệ", "invalid year"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe.skipIf(!onPostgres)("the database cut off under a running API (needs CDS_TEST_POSTGRES_URL)", () => {
  const database = `cds_unavailable_${randomBytes(5).toString("hex")}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "cds-unavailable-"));
  let admin: pg.Client;
  let relay: net.Server;
  let open = true;
  const sockets = new Set<net.Socket>();
  let platform: Platform;

  beforeAll(async () => {
    if (template.kind !== "postgres") return;
    admin = new pg.Client({ connectionString: template.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${template.database}`);
    const server = new URL(template.url);
    relay = net.createServer((client) => {
      if (!open) return client.destroy();
      const upstream = net.connect(Number(server.port || 5432), server.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    const viaRelay = new URL(template.url);
    viaRelay.hostname = "127.0.0.1";
    viaRelay.port = String((relay.address() as net.AddressInfo).port);
    viaRelay.pathname = `/${database}`;
    platform = await startPlatform(loadEnv({ NODE_ENV: "test", DATA_DIR: dataDir, DATABASE_URL: viaRelay.toString() }));
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    relay?.close();
    for (const s of sockets) s.destroy();
    await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin?.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A sign-in with a wrong password: it reads and writes the database (the account, the throttle). */
  async function wrongSignIn() {
    const res = await platform.app.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation { login(email: "so@ninhbinh.gov.vn", password: "sai-mat-khau-1") { __typename } }`,
      }),
    });
    const body = (await res.json()) as {
      data?: { login?: { __typename: string } } | null;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body };
  }

  it("answers 503 DATABASE_UNAVAILABLE while the database is cut off, and answers again once it is back", async () => {
    const before = await wrongSignIn();
    expect(before.status).toBe(200);
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data?.login?.__typename).toMatch(/Error$/);

    open = false;
    for (const s of sockets) s.destroy();
    const during = await wrongSignIn();
    expect(during.status).toBe(503);
    expect(during.retryAfter).toBe("5");
    expect(during.body.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");
    expect(during.body.errors?.[0]?.message).toMatch(/^Cơ sở dữ liệu tạm thời không truy cập được/);

    open = true;
    const after = await wrongSignIn();
    expect(after.status).toBe(200);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data?.login?.__typename).toMatch(/Error$/);
  });

  it("a connection cut while a transaction holds it fails that transaction, not the process", async () => {
    // Checked out by Prisma's adapter, the client has no listener of the pool's: its 'error' used to end the process.
    // Prisma then never gives it back (its ROLLBACK fails, so it skips the release): the pool takes it back itself,
    // or closing the platform below (afterAll: the pool waits for every client) would never end.
    const tx = platform.db.prisma.$transaction(async (t) => {
      await t.$queryRawUnsafe("SELECT 1");
      open = false;
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await t.$queryRawUnsafe("SELECT 1");
    });
    const refused = await tx.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(refused)).toBe(true);
    open = true;
    const after = await wrongSignIn();
    expect(after.status).toBe(200);
    expect(after.body.data?.login?.__typename).toMatch(/Error$/);
  });
});
