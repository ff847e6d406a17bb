// The API-key rate limiter counts in the database: the same window for every limiter (every process) on it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApi, type TestApi } from "../testing/harness.ts";
import { createRateLimiter } from "./rate-limit.ts";

let api: TestApi;

beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

const takes = async (take: () => Promise<boolean>, n: number) => {
  const out: boolean[] = [];
  for (let i = 0; i < n; i++) out.push(await take());
  return out;
};

describe("createRateLimiter (in the database)", () => {
  it("a fixed window per key: perMinute requests, then refused until a minute after the window's first request", async () => {
    let t = Date.UTC(2026, 0, 5, 8, 0, 30);
    const limiter = createRateLimiter(api.platform.db.sql, 3, () => t);
    expect(await takes(() => limiter.take("k1"), 5)).toEqual([true, true, true, false, false]);
    // Another key has its own window.
    expect(await limiter.take("k2")).toBe(true);
    t += 59_999;
    expect(await limiter.take("k1")).toBe(false);
    t += 1; // a minute after the window began: a new window, from this request
    expect(await takes(() => limiter.take("k1"), 4)).toEqual([true, true, true, false]);
    t += 30_000;
    expect(await limiter.take("k1")).toBe(false);
    // One row per key, reused: nothing piles up; a refused request never pushes the count past the limit + 1.
    const rows = await api.platform.db.sql.query<{ key: string; count: number }>(
      `SELECT key, count FROM "RateLimitWindow" WHERE key IN ('k1', 'k2') ORDER BY key`,
    );
    expect(rows.map((r) => [r.key, Number(r.count)])).toEqual([
      ["k1", 4],
      ["k2", 1],
    ]);
  });

  it("two limiters on one database (two processes) share the window, also under concurrent requests", async () => {
    const a = createRateLimiter(api.platform.db.sql, 5);
    const b = createRateLimiter(api.platform.db.sql, 5);
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).take("shared")));
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await a.take("shared")).toBe(false);
    expect(await b.take("shared")).toBe(false);
  });

  it("without an injected clock the database's clock opens the window", async () => {
    const limiter = createRateLimiter(api.platform.db.sql, 2);
    expect(await takes(() => limiter.take("db-clock"), 3)).toEqual([true, true, false]);
    const [row] = await api.platform.db.sql.query<{ age: number }>(
      `SELECT extract(epoch FROM clock_timestamp() - "windowStart") AS age FROM "RateLimitWindow" WHERE key = 'db-clock'`,
    );
    expect(Number(row!.age)).toBeGreaterThanOrEqual(0);
    expect(Number(row!.age)).toBeLessThan(60);
  });
});
