/**
 * Deterministic indicator values that reach a chosen level of a set, for the
 * demo and the whole-nation benchmark seed. Whether they do is always checked
 * by criteria-core, never assumed.
 */
import { evaluate, type IndicatorValues } from "@cds/criteria-core";
import { fnv1a, mulberry32 } from "@cds/criteria-core/prng";
import { scoreComponents, type TCriteriaSet, type TCriterion } from "@cds/criteria-schema";

/** A seeded PRNG, so every seed run gives the same data. */
export const prng = mulberry32;

/** The seed of a string (FNV-1a). */
export const seedOf = (s: string): number => fnv1a(s);

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

/**
 * Values of a scored set (Bộ chỉ số) for a unit of latent maturity `m` (0..1): each component near it, as the
 * unit would enter them (a ratio as numerator and denominator, a count, yes/no, an index on 0..1, proposed
 * points for an appraised one); `missing` leaves that share empty. The score is criteria-core's business.
 */
export function scoredValues(set: TCriteriaSet, m: number, seed: number, missing = 0): Record<string, unknown> {
  const rnd = prng(seed);
  const out: Record<string, unknown> = {};
  for (const { component: c } of scoreComponents(set.scoring?.groups ?? [])) {
    if (missing > 0 && rnd() < missing) continue;
    const share = Math.min(1, Math.max(0, m + 0.35 * (rnd() - 0.5)));
    const rule = c.rule;
    switch (rule.kind) {
      case "yesNo":
        out[c.code] = rnd() < share;
        break;
      case "ratio":
      case "bands":
        if (rule.kind === "bands" && rule.on === "count") {
          out[c.code] = { count: Math.round(share * 1.3 * rule.bands[0]!.atLeast) };
        } else {
          const denominator = 20 + Math.floor(rnd() * 980);
          out[c.code] = { numerator: Math.round(share * denominator), denominator };
        }
        break;
      case "indexValue":
        out[c.code] = Math.round(share * 10_000) / 10_000;
        break;
      case "appraised": {
        const step = rule.step ?? 1;
        out[c.code] = { points: Math.min(c.max, Math.round((share * c.max) / step) * step) };
        break;
      }
    }
  }
  return out;
}
