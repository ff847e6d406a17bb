/** Small helpers for the API benchmark: percentiles and fixed-width formatting. */

/** Nearest-rank percentile (p in 0–100) of unsorted samples. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(s.length, rank) - 1]!;
}

export const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

export const fmt = (n: number, d = 0): string =>
  n.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
export const pad = (s: string, w: number): string => (s.length >= w ? s : " ".repeat(w - s.length) + s);
export const padR = (s: string, w: number): string => (s.length >= w ? s : s + " ".repeat(w - s.length));
