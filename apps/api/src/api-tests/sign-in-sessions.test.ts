/**
 * Sign-in throttled per account and per address in the database (so it holds
 * across aliases in one request and across processes), password change, and
 * a user's own sessions listed and revoked.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpHandler } from "../http.ts";
import { startPlatform } from "../platform.ts";
import { DEMO_PASSWORD } from "../seed/demo.ts";
import { LOGIN_THROTTLE } from "../services/auth.ts";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import { createUnitEditor, ERR, expectError, expectSuccess, mutate, query } from "./helpers.ts";

let api: TestApi;

beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

const LOGIN_FIELDS = `__typename ... on MutationLoginSuccess { data { csrfToken } } ${ERR} ... on RateLimitError { retryAfterSeconds }`;

interface LoginOutcome {
  __typename: string;
  code?: string;
  message?: string;
  retryAfterSeconds?: number | null;
  data?: { csrfToken: string };
}

/** One login through `fetch` of an app (the harness's, or a second platform's), from an address. */
async function loginVia(
  fetchApp: (r: Request) => Promise<Response> | Response,
  email: string,
  password: string,
  address: string,
): Promise<LoginOutcome> {
  const res = await fetchApp(
    new Request("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "x-cds-client-ip": address },
      body: JSON.stringify({
        query: `mutation ($e: String!, $p: String!) { r: login(email: $e, password: $p) { ${LOGIN_FIELDS} } }`,
        variables: { e: email, p: password },
      }),
    }),
  );
  const body = (await res.json()) as { data?: { r: LoginOutcome }; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!.r;
}
const login = (email: string, password: string, address = "203.0.113.1") =>
  loginVia((r) => api.platform.app.fetch(r), email, password, address);

describe("sign-in throttle", () => {
  it("30 aliased guesses in one request: only the first few are evaluated, the rest are RATE_LIMITED", async () => {
    const email = await createUnitEditor(api, "14566");
    const aliases = Array.from(
      { length: 30 },
      (_, i) => `a${i}: login(email: "${email}", password: "doan-${i}") { ${LOGIN_FIELDS} }`,
    ).join("\n");
    const res = await api.anon.gql<Record<string, LoginOutcome>>(
      `mutation { ${aliases} }`,
      {},
      { "x-cds-client-ip": "203.0.113.7" },
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const outcomes = Object.values(res.data!);
    expect(outcomes).toHaveLength(30);
    expect(outcomes.filter((o) => o.__typename === "InputError")).toHaveLength(LOGIN_THROTTLE.perAccount);
    const limited = outcomes.filter((o) => o.__typename === "RateLimitError");
    expect(limited).toHaveLength(30 - LOGIN_THROTTLE.perAccount);
    expect(limited[0]).toMatchObject({ code: "RATE_LIMITED" });
    expect(limited[0]!.message).toMatch(/thử lại sau \d+ phút/);
    expect(limited[0]!.retryAfterSeconds).toBeGreaterThan(0);
    // Even the right password waits out the window.
    expect((await login(email, DEMO_PASSWORD, "203.0.113.8")).__typename).toBe("RateLimitError");
  });

  it("holds across two platform instances on the same database, and lifts when the window has passed", async () => {
    const email = await createUnitEditor(api, "14569");
    const second = await startPlatform(api.platform.services.env, {
      db: api.platform.db,
      now: () => api.platform.services.now(),
    });
    for (let i = 0; i < LOGIN_THROTTLE.perAccount; i++) {
      const via = i % 2 === 0 ? api.platform.app : second.app;
      expect((await loginVia((r) => via.fetch(r), email, `sai-${i}`, `198.51.100.${i}`)).__typename).toBe("InputError");
    }
    expect((await loginVia((r) => second.app.fetch(r), email, DEMO_PASSWORD, "198.51.100.99")).__typename).toBe(
      "RateLimitError",
    );
    expect((await login(email, DEMO_PASSWORD, "198.51.100.98")).__typename).toBe("RateLimitError");

    api.setNow(new Date(Date.now() + (LOGIN_THROTTLE.windowMinutes + 1) * 60_000));
    try {
      expect((await login(email, DEMO_PASSWORD)).__typename).toBe("MutationLoginSuccess");
    } finally {
      api.setNow(new Date());
    }
  });

  it("counts failures per address across accounts; another address is not affected", async () => {
    const address = "192.0.2.50";
    for (let i = 0; i < LOGIN_THROTTLE.perAddress; i++) {
      expect((await login(`khong-co-${i}@example.vn`, "x", address)).__typename).toBe("InputError");
    }
    const r = await login("so@ninhbinh.gov.vn", DEMO_PASSWORD, address);
    expect(r).toMatchObject({ __typename: "RateLimitError", code: "RATE_LIMITED" });
    expect((await login("so@ninhbinh.gov.vn", DEMO_PASSWORD, "192.0.2.51")).__typename).toBe("MutationLoginSuccess");
  });

  it("over a real socket the address is the socket's, whatever x-cds-client-ip the client sends", async () => {
    const server: Server = createServer(createHttpHandler(api.platform));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const r = await loginVia(
        (req) => fetch(`http://127.0.0.1:${port}/graphql`, req),
        "xem@ninhbinh.gov.vn",
        DEMO_PASSWORD,
        "10.9.9.9",
      );
      expect(r.__typename).toBe("MutationLoginSuccess");
      const attempt = await api.prisma.loginAttempt.findFirstOrThrow({
        where: { email: "xem@ninhbinh.gov.vn" },
        orderBy: { at: "desc" },
      });
      expect(attempt.address).toMatch(/127\.0\.0\.1/);
    } finally {
      server.close();
    }
  });
});

const SESSIONS = `{ me { sessions { id createdAt lastSeenAt userAgent address current } } }`;

/** A client of its own (cookie, CSRF), signed in from a given browser and address. */
async function signIn(email: string, userAgent: string, address: string): Promise<Client> {
  const res = await api.platform.app.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": userAgent, "x-cds-client-ip": address },
    body: JSON.stringify({
      query: `mutation ($e: String!, $p: String!) { r: login(email: $e, password: $p) { ${LOGIN_FIELDS} } }`,
      variables: { e: email, p: DEMO_PASSWORD },
    }),
  });
  const body = (await res.json()) as { data: { r: LoginOutcome } };
  expect(body.data.r.__typename, JSON.stringify(body)).toBe("MutationLoginSuccess");
  const client: Client = {
    cookie: res.headers.get("set-cookie")!.split(";")[0]!,
    csrf: body.data.r.data!.csrfToken,
    async gql(q, variables = {}) {
      const r = await api.platform.app.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", cookie: client.cookie!, "x-csrf-token": client.csrf! },
        body: JSON.stringify({ query: q, variables }),
      });
      return { ...((await r.json()) as object), status: r.status };
    },
    upload: () => Promise.reject(new Error("not used by these tests")),
  };
  return client;
}

describe("client address behind a proxy", () => {
  it("with TRUST_PROXY=1 the address is the x-forwarded-for entry the proxy appended, not one the client forged", async () => {
    const behindProxy = await startPlatform({ ...api.platform.services.env, TRUST_PROXY: 1 }, { db: api.platform.db });
    const server: Server = createServer(createHttpHandler(behindProxy));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": "10.0.0.1, 198.51.100.77",
          "x-cds-client-ip": "10.9.9.9",
        },
        body: JSON.stringify({
          query: `mutation { r: login(email: "khong-ai@example.vn", password: "x") { __typename } }`,
        }),
      });
      expect(((await res.json()) as { data: { r: { __typename: string } } }).data.r.__typename).toBe("InputError");
      const attempt = await api.prisma.loginAttempt.findFirstOrThrow({ where: { email: "khong-ai@example.vn" } });
      expect(attempt.address).toBe("198.51.100.77");
    } finally {
      server.close();
    }
  });
});

describe("sessions and password", () => {
  let email: string;
  beforeAll(async () => {
    email = await createUnitEditor(api, "14572");
  });

  it("lists the user's own sessions with browser, address and which one is current; revokes another one, audited", async () => {
    const phone = await signIn(email, "Điện thoại / Mobile Safari", "203.0.113.20");
    const laptop = await signIn(email, "Máy tính / Firefox", "203.0.113.21");
    const seen = (await query(laptop, SESSIONS)).me.sessions as {
      id: string;
      userAgent: string;
      address: string;
      current: boolean;
    }[];
    const current = seen.filter((s) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ userAgent: "Máy tính / Firefox", address: "203.0.113.21" });
    const phoneSession = seen.find((s) => s.userAgent === "Điện thoại / Mobile Safari")!;
    expect(phoneSession).toMatchObject({ address: "203.0.113.20", current: false });

    // Another user cannot end it.
    const stranger = await api.as("xem@ninhbinh.gov.vn");
    expectError(await revoke(stranger, phoneSession.id), "NotFoundError");
    expect((await query(phone, `{ me { email } }`)).me).toEqual({ email });

    expect((await revoke(laptop, phoneSession.id)).__typename).toBe("MutationRevokeSessionSuccess");
    expect((await query(phone, `{ me { email } }`)).me).toBeNull();
    expect((await query(laptop, SESSIONS)).me.sessions.map((s: { id: string }) => s.id)).not.toContain(phoneSession.id);
    const user = await api.prisma.user.findUniqueOrThrow({ where: { email } });
    const events = await api.prisma.auditEvent.findMany({
      where: { entityType: "User", entityId: user.id, action: "user.revokeSession" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.before).toMatchObject({ session: phoneSession.id, address: "203.0.113.20" });
  });

  it("changes the password: checks the current one and the length, ends the other sessions, audited", async () => {
    const other = await signIn(email, "Máy khác", "203.0.113.30");
    const me = await signIn(email, "Máy này", "203.0.113.31");
    const change = (c: Client, currentPassword: string, newPassword: string) =>
      mutate(c, "changePassword", "$c: String!, $n: String!", "currentPassword: $c, newPassword: $n", "endedSessions", {
        c: currentPassword,
        n: newPassword,
      });

    const wrong = expectError(await change(me, "khong-phai", "mat-khau-moi-2026"), "InputError");
    expect(wrong.issues!.map((i) => i.field)).toEqual(["currentPassword"]);
    const short = expectError(await change(me, DEMO_PASSWORD, "ngan"), "InputError");
    expect(short.issues).toEqual([
      expect.objectContaining({ field: "newPassword", message: expect.stringContaining("8 ký tự") }),
    ]);
    expect((await query(other, `{ me { email } }`)).me).toEqual({ email });

    const done = expectSuccess(await change(me, DEMO_PASSWORD, "mat-khau-moi-2026"));
    expect(done.endedSessions).toBeGreaterThanOrEqual(1);
    expect((await query(other, `{ me { email } }`)).me).toBeNull();
    expect((await query(me, `{ me { email } }`)).me).toEqual({ email });
    expect((await login(email, DEMO_PASSWORD, "203.0.113.32")).__typename).toBe("InputError");
    expect((await login(email, "mat-khau-moi-2026", "203.0.113.33")).__typename).toBe("MutationLoginSuccess");
    const user = await api.prisma.user.findUniqueOrThrow({ where: { email } });
    const event = await api.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "User", entityId: user.id, action: "user.changePassword" },
    });
    expect(event.after).toEqual({ endedSessions: done.endedSessions });
    expect(JSON.stringify([event.before, event.after])).not.toContain("mat-khau-moi");
  });
});

async function revoke(c: Client, id: string) {
  const res = await c.gql(`mutation ($id: ID!) { r: revokeSession(id: $id) { __typename ${ERR} } }`, { id });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.r as { __typename: string; code?: string; message?: string; messageEn?: string };
}
