import { performance } from "node:perf_hooks";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadEnv } from "../src/env.ts";
import { startPlatform } from "../src/platform.ts";
import { viewerFromSession, hashPassword } from "../src/services/auth.ts";
import { roundRanking } from "../src/services/rankings.ts";
process.env.NODE_ENV = "production";
const env = loadEnv({ ...process.env, DATABASE_URL: "postgresql://postgres:postgres@localhost:5432/cds_bench_6708", DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "r-")), PORT: "0" });
const platform = await startPlatform(env);
const { prisma, sql } = platform.db;
const [r26] = await sql.query<{ id: string }>(`SELECT id FROM "Round" WHERE "tenantId" = 'vn' AND year = 2026 AND "judgedBy" <> 'levels'`);
const res = await platform.app.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { __typename ... on MutationLoginSuccess { data { csrfToken } } } }`, variables: { e: "bench_ministry@bench.localhost", p: "bench-password-1" } }) });
const body = (await res.json()) as any;
const csrf = body.data.login.data.csrfToken;
const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
const viewer = await viewerFromSession(prisma, platform.services, cookie.slice("cds_session=".length), csrf);
const Q = `query RoundRanking($id: ID!, $final: Boolean) { node(id: $id) { __typename ... on Round { id ranking(final: $final) {
        roundId year final maxScore decimals previousYear mainIndices { code name average averageText }
        groups { code name entries { assessmentId unitId unitCode unitName unitKind unitType group score scoreText rank status
          previous { year rank score scoreText } rankChange indices { code name index indexText } } } } } } }`;
const gid = Buffer.from(`Round:${r26!.id}`).toString("base64");
const mode = process.argv[2] ?? "both";
const N = Number(process.argv[3] ?? 20);
const times: Record<string, number[]> = { service: [], graphql: [] };
for (let i = 0; i < N + 5; i++) {
  if (mode !== "graphql") {
    const t = performance.now();
    await roundRanking(platform.db, viewer, r26!.id, { final: false });
    if (i >= 5) times.service!.push(performance.now() - t);
  }
  if (mode !== "service") {
    const t = performance.now();
    const r = await platform.app.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf }, body: JSON.stringify({ query: Q, variables: { id: gid, final: false } }) });
    const text = await r.text();
    if (i >= 5) times.graphql!.push(performance.now() - t);
    if (i === 0) console.log("bytes", text.length, text.slice(0, 100));
  }
}
for (const [k, v] of Object.entries(times)) if (v.length) { v.sort((a, b) => a - b); console.log(k, "p50", v[Math.floor(v.length / 2)]!.toFixed(1), "min", v[0]!.toFixed(1)); }
await platform.close();
