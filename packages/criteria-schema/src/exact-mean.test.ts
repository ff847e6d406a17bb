import { describe, expect, it } from "vitest";
import { add, div, fromExact, fromInt, meanHalfUp, toFixedHalfUp, ZERO, type ExactValue } from "./exact.ts";

/** The definition: the exact sum, divided, rounded once. */
function exactMean(values: ExactValue[], decimals: number): string {
  let sum = ZERO;
  for (const v of values) sum = add(sum, fromExact(v));
  return toFixedHalfUp(div(sum, fromInt(values.length)), decimals);
}

const ex = (n: bigint | number, d: bigint | number): ExactValue => ({ numerator: String(n), denominator: String(d) });

/** mulberry32: the same draws on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("meanHalfUp", () => {
  it("is the exact mean rounded half-up, for a nation's worth of indices with unrelated denominators", () => {
    const rnd = prng(2361);
    for (let round = 0; round < 40; round++) {
      const count = 1 + Math.floor(rnd() * (round < 5 ? 3321 : 60));
      const values: ExactValue[] = [];
      for (let i = 0; i < count; i++) {
        const d = 1 + Math.floor(rnd() * 30_000_000);
        values.push(ex(Math.floor(rnd() * (d + 1)), d));
      }
      for (const decimals of [0, 2, 4])
        expect(meanHalfUp(values, decimals), `round ${round}, ${decimals} decimals`).toBe(exactMean(values, decimals));
    }
  });

  it("rounds a mean exactly on a half up, and one a hair below it down (the exact sum decides)", () => {
    expect(meanHalfUp([ex(1, 3), ex(2, 3)], 4)).toBe("0.5000");
    expect(meanHalfUp([ex(5, 100_000)], 4)).toBe("0.0001");
    expect(meanHalfUp([ex(1, 100_000), ex(9, 100_000)], 4)).toBe("0.0001");
    const below = ex(5n * 10n ** 35n - 1n, 10n ** 40n); // 0.00005 − 10^-40
    expect(meanHalfUp([below], 4)).toBe("0.0000");
    expect(meanHalfUp([below, below, below], 4)).toBe(exactMean([below, below, below], 4));
    const above = ex(5n * 10n ** 35n + 1n, 10n ** 40n);
    expect(meanHalfUp([above], 4)).toBe("0.0001");
  });

  it("takes negative values and whole numbers, and gives null for no value", () => {
    expect(meanHalfUp([ex(-1, 3), ex(-1, 3)], 2)).toBe(exactMean([ex(-1, 3), ex(-1, 3)], 2));
    expect(meanHalfUp([ex(-1, 8), ex(0, 1)], 4)).toBe("-0.0625");
    expect(meanHalfUp([ex(7, 1), ex(8, 1)], 0)).toBe("8");
    expect(meanHalfUp([], 4)).toBeNull();
  });
});
