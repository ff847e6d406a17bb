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

  it("rounds means a hair from a half exactly, though doubles cannot tell them from it", () => {
    const rnd = prng(2025);
    for (let round = 0; round < 90; round++) {
      const count = 2 + Math.floor(rnd() * 400);
      const values: ExactValue[] = [];
      let sum = ZERO;
      for (let i = 0; i < count - 1; i++) {
        const d = 1 + Math.floor(rnd() * 1000);
        values.push(ex(Math.floor(rnd() * (d + 1)), d));
        sum = add(sum, fromExact(values.at(-1)!));
      }
      // The last value brings the mean to k.5 ten-thousandths, 10^-34 below or above it, or exactly on it.
      const k = BigInt(Math.floor(rnd() * 9000) + 1000);
      const hair = [-1n, 0n, 1n][round % 3]!;
      const target = { n: (2n * k + 1n) * 10n ** 30n + 2n * hair, d: 2n * 10n ** 34n }; // the mean
      const last = add(div({ n: target.n * BigInt(count), d: target.d }, fromInt(1)), { n: -sum.n, d: sum.d });
      if (last.n < 0n) continue;
      values.push(ex(last.n, last.d));
      expect(meanHalfUp(values, 4), `round ${round}`).toBe(exactMean(values, 4));
      expect(meanHalfUp(values, 4), `round ${round}`).toBe(toFixedHalfUp({ n: hair < 0n ? k : k + 1n, d: 10_000n }, 4));
    }
  });

  it("takes negative values and whole numbers, and gives null for no value", () => {
    expect(meanHalfUp([ex(-1, 3), ex(-1, 3)], 2)).toBe(exactMean([ex(-1, 3), ex(-1, 3)], 2));
    expect(meanHalfUp([ex(-1, 8), ex(0, 1)], 4)).toBe("-0.0625");
    expect(meanHalfUp([ex(7, 1), ex(8, 1)], 0)).toBe("8");
    expect(meanHalfUp([], 4)).toBeNull();
  });
});
