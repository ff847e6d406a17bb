/**
 * Deterministic indicator values that reach a chosen level of a set, for the
 * demo and the whole-nation benchmark seed. Whether they do is always checked
 * by criteria-core, never assumed.
 */
import { evaluate, type IndicatorValues } from "@cds/criteria-core";
import type { TCriteriaSet, TCriterion } from "@cds/criteria-schema";

/** mulberry32: a small seeded PRNG, so every seed run gives the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The target a value must meet: the one at `level`, or the nearest applicable one below it. */
function targetAt(c: TCriterion, level: number): { li: number; t: unknown } | null {
  for (let li = level - 1; li >= 0; li--)
    if (c.targets[li] !== null && c.targets[li] !== undefined) return { li, t: c.targets[li] };
  return null;
}

function valueFor(c: TCriterion, level: number, rnd: () => number): unknown {
  const hit = level > 0 ? targetAt(c, level) : null;
  switch (c.measure) {
    case "percentage": {
      const denominator = 20 + Math.floor(rnd() * 380);
      if (!hit) return { numerator: Math.floor(denominator * 0.05), denominator };
      const t = hit.t as number;
      const need = Math.ceil((t * denominator) / 100);
      const extra = Math.floor(rnd() * 3);
      return { numerator: Math.min(denominator, need + extra), denominator };
    }
    case "boolean":
      return hit !== null;
    case "minCount":
      return { count: hit ? (hit.t as number) : 0 };
    case "countOrAll": {
      const total = 3 + Math.floor(rnd() * 6);
      return { count: hit ? Math.min(total, (hit.t as { min: number }).min) : 0, total };
    }
    case "childLevels":
      return undefined;
  }
}

/**
 * Values with which a unit reaches `level` (0–5) of `set`; `missing` leaves
 * that share of criteria empty (a unit still entering data).
 */
export function valuesAtLevel(set: TCriteriaSet, level: number, seed: number, missing = 0): Record<string, unknown> {
  const rnd = prng(seed);
  const out: Record<string, unknown> = {};
  for (const c of set.criteria) {
    if (missing > 0 && rnd() < missing) continue;
    const v = valueFor(c, level, rnd);
    if (v !== undefined) out[c.code] = v;
  }
  // Lower one criterion that applies above `level`, so the unit stops exactly there.
  if (level < set.levels.length) {
    const above = set.criteria.find(
      (c) =>
        c.measure === "percentage" &&
        c.targets[level] !== null &&
        (c.targets[level] as number) > ((targetAt(c, level)?.t as number) ?? -1),
    );
    if (above && level > 0) {
      const t = targetAt(above, level)!.t as number;
      out[above.code] = { numerator: Math.ceil(t), denominator: 100 };
    }
  }
  return out;
}

/** The level criteria-core gives the values (the truth the seed relies on). */
export function levelOf(set: TCriteriaSet, values: Record<string, unknown>): number {
  return evaluate(set, values as IndicatorValues).level;
}
