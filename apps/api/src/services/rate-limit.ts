/** A fixed-window counter per API key: at most `perMinute` requests in each minute. In memory, per process. */
export interface RateLimiter {
  take(key: string): boolean;
}

export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key) {
      const t = now();
      const w = windows.get(key);
      if (!w || t - w.start >= 60_000) {
        windows.set(key, { start: t, count: 1 });
        return true;
      }
      if (w.count >= perMinute) return false;
      w.count++;
      return true;
    },
  };
}
