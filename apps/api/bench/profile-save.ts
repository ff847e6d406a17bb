/**
 * Where a GraphQL save's time goes: sequential saveIndicatorValues through
 * app.fetch on a small database (seedBase + one fresh commune round), with
 * Prisma's query events counted, versus the bare handler's work. Prints per
 * save: wall time, SQL statements and their summed duration as Prisma reports
 * them, and the statements by kind.
 *
 *   npx tsx bench/profile-save.ts                       # PGlite in memory
 *   DATABASE_URL=postgresql://… npx tsx bench/profile-save.ts
 */
import "./production.ts";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { PrismaPg } from "@prisma/adapter-pg";
import { BUILT_IN_SETS } from "@cds/criteria-schema";
import { openDatabase, type Database } from "../src/db.ts";
import { PrismaClient } from "../src/generated/prisma/client.ts";
import { startPlatform } from "../src/platform.ts";
import type { Viewer } from "../src/services/access.ts";
import { hashPassword } from "../src/services/auth.ts";
import { openRound } from "../src/services/rounds.ts";
import { seedBase, versionId } from "../src/seed/base.ts";
import { seedOf, valuesAtLevel } from "../src/seed/values.ts";
import { freshDatabase } from "./database.ts";
import { fmt, percentile } from "./stats.ts";

const SAVES = Number(process.env.BENCH_SAVES ?? 60) || 60;

async function main() {
  const bench = await freshDatabase();
  const base = await openDatabase(bench.env.DATABASE_URL ? { url: bench.env.DATABASE_URL } : {});
  const log = [{ emit: "event", level: "query" }] as const;
  const prisma =
    base.kind === "postgres"
      ? new PrismaClient({
          adapter: new PrismaPg({ connectionString: bench.env.DATABASE_URL!, max: 20 }),
          log: [...log],
        })
      : null; // PGlite: the platform's own client (no statement counts)
  let db: Database = base;
  if (prisma) {
    db = {
      ...base,
      prisma,
      async close() {
        await prisma.$disconnect();
        await base.close();
      },
    };
  }
  const events: { query: string; duration: number }[] = [];
  if (prisma)
    (prisma as unknown as { $on(e: "query", cb: (e: { query: string; duration: number }) => void): void }).$on(
      "query",
      (e) => events.push(e),
    );
  const platform = await startPlatform(bench.env, { db });
  try {
    await seedBase(platform.db.prisma);
    const tenantId = "ha-noi";
    const year = platform.services.now().getUTCFullYear();
    const admin: Viewer = {
      kind: "user",
      userId: "bench",
      email: "b",
      name: "b",
      grants: [{ role: "PROVINCE_ADMIN", tenantId, unitId: null, unitPath: null }],
      sessionId: "b",
      csrfOk: true,
    };
    const set = BUILT_IN_SETS["vn-2361-commune"]!;
    const round = await openRound(platform.db.prisma, admin, {
      tenantId,
      year,
      setVersionId: versionId(set.id, set.version),
      submitDueAt: `${year}-10-31`,
      reviewDueAt: `${year}-12-15`,
    });
    // One commune's own editor, saving its assessment again and again (the version tracked).
    const target = await platform.db.prisma.assessment.findFirstOrThrow({
      where: { roundId: round.id },
      select: { id: true, version: true, unitId: true, unit: { select: { code: true } } },
    });
    await platform.db.prisma.user.create({
      data: {
        email: "p@localhost",
        name: "p",
        passwordHash: await hashPassword("pw-123456"),
        roles: { create: { role: "UNIT_EDITOR", tenantId, unitId: target.unitId } },
      },
    });
    const login = await platform.app.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation { login(email: "p@localhost", password: "pw-123456") { ... on MutationLoginSuccess { data { csrfToken } } } }`,
      }),
    });
    const csrf = ((await login.json()) as { data: { login: { data: { csrfToken: string } } } }).data.login.data
      .csrfToken;
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    let version = target.version;
    const codes = set.criteria.filter((c) => c.measure !== "childLevels").map((c) => c.code);
    // BENCH_CPUPROF=file.cpuprofile: a V8 CPU profile of the save loop only.
    const inspector = process.env.BENCH_CPUPROF ? new Session() : null;
    const post = (method: string, params?: object) =>
      new Promise<unknown>((resolve, reject) =>
        inspector!.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))),
      );
    if (inspector) {
      inspector.connect();
      await post("Profiler.enable");
      await post("Profiler.start");
    }
    const wall: number[] = [];
    const perSave: { n: number; ms: number; kinds: Map<string, number> }[] = [];
    const byKindMs = new Map<string, number>();
    for (let i = 0; i < SAVES; i++) {
      const all = valuesAtLevel(set, i % 6, seedOf(target.unit.code), 0);
      const values = Object.fromEntries(codes.slice(0, 5).map((c) => [c, all[c]]));
      events.length = 0;
      const t = performance.now();
      const res = await platform.app.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf },
        body: JSON.stringify({
          query: `mutation S($id: ID!, $v: Int!, $values: JSON!) { saveIndicatorValues(assessmentId: $id, version: $v, values: $values) { __typename ... on MutationSaveIndicatorValuesSuccess { data { version computedLevel } } } }`,
          variables: { id: target.id, v: version, values },
        }),
      });
      const body = (await res.json()) as {
        data: { saveIndicatorValues: { __typename: string; data?: { version: number } } };
      };
      if (body.data.saveIndicatorValues.__typename !== "MutationSaveIndicatorValuesSuccess")
        throw new Error(JSON.stringify(body));
      version = body.data.saveIndicatorValues.data!.version;
      wall.push(performance.now() - t);
      const kinds = new Map<string, number>();
      for (const e of events) {
        const k = /^\s*(\w+)(?:.*?\b(?:FROM|INTO|UPDATE)\s+"public"\."(\w+)")?/is.exec(e.query);
        const key = `${k?.[1]?.toUpperCase() ?? "?"} ${k?.[2] ?? ""}`.trim();
        kinds.set(key, (kinds.get(key) ?? 0) + 1);
        if (i >= 10) byKindMs.set(key, (byKindMs.get(key) ?? 0) + e.duration);
      }
      perSave.push({ n: events.length, ms: events.reduce((s, e) => s + e.duration, 0), kinds });
    }
    if (inspector) {
      const { profile } = (await post("Profiler.stop")) as { profile: unknown };
      writeFileSync(process.env.BENCH_CPUPROF!, JSON.stringify(profile));
      inspector.disconnect();
    }
    const w = wall.slice(10);
    const p = perSave.slice(10);
    console.log(`database: ${bench.label}; ${w.length} sequential GraphQL saves timed (10 warm-up)`);
    console.log(`wall per save: p50 ${fmt(percentile(w, 50), 1)} ms, p95 ${fmt(percentile(w, 95), 1)} ms`);
    if (prisma) {
      console.log(
        `Prisma statements per save: ${fmt(p.reduce((s, x) => s + x.n, 0) / p.length, 1)}, their duration summed ${fmt(p.reduce((s, x) => s + x.ms, 0) / p.length, 1)} ms`,
      );
      console.log(`statements by kind (per save): count, summed ms`);
      for (const [k, n] of p[0]!.kinds)
        console.log(`  ${k.padEnd(28)} ×${n}  ${fmt((byKindMs.get(k) ?? 0) / p.length, 1)} ms`);
    }
  } finally {
    await platform.close();
    await bench.cleanup();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
