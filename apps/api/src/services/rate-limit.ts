/**
 * A fixed-window counter per API key: at most `perMinute` requests in each minute. The window lives in the
 * database (table "RateLimitWindow", one row per key), so every API process behind a load balancer counts
 * against the same limit. One statement per request, atomic under concurrency: the row lock of
 * `INSERT … ON CONFLICT DO UPDATE` orders the increments of one key, whichever process sends them.
 *
 * A key's window starts with its first request and lasts a minute; the first request after that starts the
 * next one, in the same row (so there are no old windows to clean up: one small row per key ever used).
 */
import type { SqlRunner } from "../db.ts";

export interface RateLimiter {
  /** Counts one request of `key`; false when the key has used up its window. */
  take(key: string): Promise<boolean>;
}

/**
 * `now` (milliseconds) is for tests; without it the database's clock decides, one clock for every process
 * whatever the machines' clocks say.
 */
export function createRateLimiter(sql: SqlRunner, perMinute: number, now?: () => number): RateLimiter {
  return {
    async take(key) {
      // The count is capped at perMinute + 1: a refused request is counted, but cannot grow it further.
      const rows = await sql.query<{ count: number }>(
        `INSERT INTO "RateLimitWindow" AS w ("key", "windowStart", "count")
         VALUES ($1, coalesce(to_timestamp($2::double precision / 1000), clock_timestamp()), 1)
         ON CONFLICT ("key") DO UPDATE SET
           "windowStart" = CASE WHEN w."windowStart" <= EXCLUDED."windowStart" - interval '1 minute'
                                THEN EXCLUDED."windowStart" ELSE w."windowStart" END,
           "count" = CASE WHEN w."windowStart" <= EXCLUDED."windowStart" - interval '1 minute'
                          THEN 1 ELSE least(w."count" + 1, $3::int + 1) END
         RETURNING "count"`,
        [key, now ? now() : null, perMinute],
      );
      return Number(rows[0]!.count) <= perMinute;
    },
  };
}
