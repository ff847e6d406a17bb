/**
 * The API as a test sees it: a fresh copy of the seeded database, the GraphQL
 * endpoint called through `app.fetch` (no socket), and clients that sign in
 * as a demo user (session cookie + CSRF token) or use an API key.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase } from "../db.ts";
import { loadEnv } from "../env.ts";
import { startPlatform, type Platform } from "../platform.ts";
import { DEMO_PASSWORD } from "../seed/demo.ts";

export interface GqlResult<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; messageEn?: string } }[];
  status: number;
}

// Tests read response data loosely (their assertions are the types); `any` keeps them short.
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Client {
  /** Runs a query or mutation; the CSRF token (if signed in) goes with it. */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResult<T>>;
  /** A GraphQL multipart request with one file in variable `file`. */
  upload<T = Record<string, any>>(query: string, variables: Record<string, unknown>, file: File): Promise<GqlResult<T>>;
  cookie: string | null;
  csrf: string | null;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface TestApi {
  platform: Platform;
  prisma: Platform["db"]["prisma"];
  anon: Client;
  /** Signs in as a demo (or test-created) user with the demo password. */
  as(email: string, password?: string): Promise<Client>;
  withApiKey(key: string): Client;
  /** Pins the clock ("now") for everything the API does from here on. */
  setNow(d: Date): void;
  close(): Promise<void>;
}

/** A GraphQL multipart request's body with one file in variable `file`. */
export function multipartForm(query: string, variables: Record<string, unknown>, file: File): FormData {
  const form = new FormData();
  form.set("operations", JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.set("map", JSON.stringify({ "0": ["variables.file"] }));
  form.set("0", file);
  return form;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** `env`: more environment variables for the platform (e.g. SMTP_HOST and SMTP_PORT of a mail server in the test). */
export async function setupApi(opts: { env?: Record<string, string> } = {}): Promise<TestApi> {
  const template = inject("template");
  const dataDir = mkdtempSync(path.join(tmpdir(), "cds-api-test-"));
  const env = loadEnv({ NODE_ENV: "test", DATA_DIR: dataDir, API_KEY_RATE_PER_MINUTE: "5", ...opts.env });
  let now: Date | null = null;
  let cleanup = async () => {};
  let db;
  if (template.kind === "postgres") {
    const database = `cds_t_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: template.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${template.database}`);
    db = await openDatabase({ url: withDatabase(template.url, database), poolSize: 10 });
    cleanup = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const blob = new Blob([readFileSync(template.file)]);
    db = await openDatabase({ pglite: new PGlite({ loadDataDir: blob }) });
  }
  const platform = await startPlatform(env, { db, now: () => now ?? new Date() });

  function client(init: { cookie?: string | null; csrf?: string | null; apiKey?: string } = {}): Client {
    const c: Client = {
      cookie: init.cookie ?? null,
      csrf: init.csrf ?? null,
      async gql(query, variables = {}, headers = {}) {
        const res = await platform.app.fetch("http://localhost/graphql", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(c.cookie ? { cookie: c.cookie } : {}),
            ...(c.csrf ? { "x-csrf-token": c.csrf } : {}),
            ...(init.apiKey ? { "x-api-key": init.apiKey } : {}),
            ...headers,
          },
          body: JSON.stringify({ query, variables }),
        });
        const setCookie = res.headers.get("set-cookie");
        if (setCookie) c.cookie = setCookie.split(";")[0]!;
        return { ...((await res.json()) as object), status: res.status };
      },
      async upload(query, variables, file) {
        const form = multipartForm(query, variables, file);
        const res = await platform.app.fetch("http://localhost/graphql", {
          method: "POST",
          headers: {
            ...(c.cookie ? { cookie: c.cookie } : {}),
            ...(c.csrf ? { "x-csrf-token": c.csrf } : {}),
            "graphql-require-preflight": "1",
          },
          body: form,
        });
        return { ...((await res.json()) as object), status: res.status };
      },
    };
    return c;
  }

  return {
    platform,
    prisma: db.prisma,
    anon: client(),
    async as(email, password = DEMO_PASSWORD) {
      const c = client();
      const r = await c.gql<{ login: { __typename: string; data?: { csrfToken: string }; message?: string } }>(
        `mutation ($email: String!, $password: String!) {
          login(email: $email, password: $password) {
            __typename
            ... on MutationLoginSuccess { data { csrfToken } }
            ... on Error { message }
          }
        }`,
        { email, password },
      );
      const token = r.data?.login.data?.csrfToken;
      if (!token) throw new Error(`login as ${email} failed: ${JSON.stringify(r)}`);
      c.csrf = token;
      return c;
    },
    withApiKey: (key) => client({ apiKey: key }),
    setNow(d) {
      now = d;
    },
    async close() {
      await platform.close(); // stops the email outbox, then closes the database
      await cleanup();
    },
  };
}
