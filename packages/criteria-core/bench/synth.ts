/**
 * Deterministic, realistic synthetic indicator values for the national sets.
 *
 * Every unit draws from its own mulberry32 stream, seeded from its GSO code,
 * so a unit's values never depend on run order. A unit first gets an "aim"
 * level (a latent maturity); each value is then drawn so that it meets the
 * targets up to that level and usually not much beyond, with small chances
 * of slipping short, of overachieving, of being missing, and (for "nếu có"
 * criteria) of having nothing to count.
 */
import type { TCriteriaSet, TCriterion } from "@cds/criteria-schema";
import type { IndicatorValue } from "../src/index.ts";
import { fnv1a, mulberry32 } from "../src/prng.ts";

/** Changing this reseeds every unit. */
export const BENCH_SEED = 2361;

export type Rng = () => number;

/** FNV-1a over "kind:gsoCode", mixed with BENCH_SEED: one stream per unit. */
export function rngFor(kind: string, gsoCode: string): Rng {
  return mulberry32(fnv1a(`${kind}:${gsoCode}`, 0x811c9dc5 ^ BENCH_SEED));
}

function pick(rng: Rng, weights: readonly number[]): number {
  let r = rng() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
/** Log-uniform integer in [lo, hi]: many small units, a few big ones. */
export const logInt = (rng: Rng, lo: number, hi: number) =>
  Math.min(hi, Math.floor(Math.exp(Math.log(lo) + rng() * (Math.log(hi + 1) - Math.log(lo)))));

/** Latent level a district aims at (0–5); urban districts lean higher. */
export function districtAim(rng: Rng, type: string): number {
  let aim = pick(rng, [0.05, 0.15, 0.28, 0.3, 0.16, 0.06]);
  if ((type === "Quận" || type === "Thành phố") && aim < 5 && rng() < 0.5) aim++;
  return aim;
}

/** All communes of a district at level ≥ this are needed for the district to reach level d (CHUNG-01). */
const ALL_AT_LEAST = [0, 1, 1, 2, 3, 4];

/** Latent level of a commune, around its district's aim; a few laggards fall below what the district needs. */
export function communeAim(rng: Rng, dAim: number): number {
  const floor = ALL_AT_LEAST[dAim]!;
  if (rng() < 0.01) return Math.max(0, floor - 1);
  const delta = pick(rng, [0.22, 0.45, 0.27, 0.06]) - 1;
  return Math.min(5, Math.max(floor, dAim + delta));
}

/** Denominator ranges by counted subject: [commune lo, hi, district lo, hi]. */
const DENOMINATORS: Record<string, [number, number, number, number]> = {
  "thủ tục hành chính": [80, 250, 200, 400],
  "hồ sơ": [20, 400, 200, 4000],
  "văn bản": [200, 3000, 2000, 20000],
  "cán bộ, công chức": [15, 30, 60, 200],
  "máy tính": [12, 35, 50, 200],
  "hệ thống thông tin": [1, 5, 3, 15],
  "doanh nghiệp": [3, 60, 50, 2000],
  "thành viên": [20, 400, 200, 4000],
  "tổ chức, doanh nghiệp": [10, 120, 100, 2500],
  "người dân": [2000, 40000, 40000, 400000],
  "hộ gia đình": [800, 12000, 15000, 120000],
  "nhà văn hóa": [3, 20, 30, 200],
  "điểm phục vụ": [1, 3, 5, 40],
  "doanh nghiệp, hợp tác xã": [3, 80, 50, 1500],
  "hộ kinh doanh cá thể, hợp tác xã": [50, 800, 500, 8000],
  "sản phẩm": [1, 6, 1, 30],
  "tổ công nghệ số": [3, 15, 20, 200],
  "cơ sở giáo dục": [2, 6, 20, 120],
  "trạm y tế": [1, 1, 5, 40],
  "cơ sở khám bệnh, chữa bệnh": [1, 5, 3, 30],
};

export interface SynthStats {
  values: number;
  missing: number;
  exempt: number;
  plainPercent: number;
}

export function newStats(): SynthStats {
  return { values: 0, missing: 0, exempt: 0, plainPercent: 0 };
}

/** First level index (0-based) whose target is not null, or -1. */
function firstApplicable(c: TCriterion): number {
  return c.targets.findIndex((t) => t !== null);
}

/** The highest applicable target at level index ≤ li, or null; and the next higher one above li, or null. */
function around<T>(targets: readonly (T | null)[], li: number): [T | null, T | null] {
  let lo: T | null = null;
  for (let i = Math.min(li, targets.length - 1); i >= 0 && lo === null; i--) lo = targets[i] ?? null;
  let hi: T | null = null;
  for (let i = li + 1; i < targets.length && hi === null; i++) hi = targets[i] ?? null;
  return [lo, hi];
}

/**
 * Values for one unit aiming at `aim` (0–5). childLevels criteria are left to
 * the caller (they come from the judged children). Keys of missing values are
 * either absent or null, half and half.
 */
export function synthValues(
  set: TCriteriaSet,
  aim: number,
  rng: Rng,
  scale: "commune" | "district",
  stats: SynthStats,
): Record<string, IndicatorValue> {
  const out: Record<string, IndicatorValue> = {};
  // A unit not yet at level 1 is drawn like a level-1 unit that slips often.
  const a = Math.max(aim, 1);
  const li = a - 1;
  // A slip falls just short of the aimed level (between its target and the level below's).
  const slip = aim === 0 ? 0.12 : 0.003;
  const maturity = aim / 5;
  for (const c of set.criteria) {
    if (c.measure === "childLevels") continue;
    stats.values++;
    const first = firstApplicable(c);
    const applies = first !== -1 && first <= li;
    // Values that matter at the aimed level are rarely left out; the others more often.
    if (rng() < (applies ? 0.001 : 0.06)) {
      stats.missing++;
      if (rng() < 0.5) out[c.code] = null;
      continue;
    }
    const short = applies && rng() < slip;
    switch (c.measure) {
      case "percentage": {
        if (c.exemptWhenNoSubjects && rng() < 0.08) {
          stats.exempt++;
          out[c.code] = rng() < 0.5 ? { noSubjects: true } : { numerator: 0, denominator: 0 };
          break;
        }
        const [lo0, hi0] = around(c.targets, li);
        const lo = applies ? (lo0 ?? 0) : 0;
        const hi = applies ? (hi0 ?? 100) : (c.targets[first] ?? 100);
        const range = DENOMINATORS[c.subject ?? ""] ?? [20, 400, 200, 4000];
        const den = scale === "commune" ? logInt(rng, range[0], range[1]) : logInt(rng, range[2], range[3]);
        let pct: number;
        let num: number;
        const fellShort = short && lo > 0;
        if (fellShort) {
          const below = li > 0 ? (around(c.targets, li - 1)[0] ?? 0) : Math.max(0, lo - 20);
          pct = below + rng() * (lo - below);
          num = Math.floor((pct * den) / 100);
          if (num * 10000 >= Math.round(lo * 100) * den) num = Math.max(0, num - 1);
        } else {
          if (!applies) pct = rng() * (hi + 10) * (0.5 + maturity / 2);
          else if (rng() < 0.25) pct = lo + rng() * (100 - lo);
          else pct = lo + rng() * Math.max(0, hi - lo);
          pct = Math.min(100, pct);
          num = pct >= 100 ? den : Math.min(den, Math.ceil((pct * den) / 100));
        }
        if (rng() < 0.03) {
          // Entered as a plain percent with two decimals, rounded towards the drawn side of the target.
          stats.plainPercent++;
          const p = fellShort
            ? Math.max(0, Math.min(Math.floor(pct * 100) / 100, lo - 0.01))
            : Math.min(100, Math.ceil(pct * 100) / 100);
          out[c.code] = p;
        } else {
          out[c.code] = { numerator: num, denominator: den };
        }
        break;
      }
      case "boolean": {
        if (c.exemptWhenNoSubjects && rng() < 0.08) {
          stats.exempt++;
          out[c.code] = { noSubjects: true };
          break;
        }
        out[c.code] = applies ? !short : rng() < 0.1 + 0.6 * maturity;
        break;
      }
      case "minCount": {
        const [lo0, hi0] = around(c.targets, li);
        const lo = applies ? (lo0 ?? 0) : 0;
        const hi = hi0 ?? lo + 2;
        let count: number;
        if (short && lo > 0) count = lo - 1;
        else if (!applies) count = rng() < 0.2 + 0.5 * maturity ? int(rng, 0, hi) : 0;
        else count = rng() < 0.7 ? int(rng, lo, Math.max(lo, hi - 1)) : int(rng, lo, hi + 2);
        out[c.code] = { count: Math.max(0, count) };
        break;
      }
      case "countOrAll": {
        const [lo0] = around(c.targets, li);
        const t = applies ? lo0 : null;
        const min = t?.min ?? 0;
        let total = rng() < (a < 3 ? 0.1 : 0) ? 0 : logInt(rng, 1, scale === "commune" ? 40 : 800);
        let count: number;
        if (short && min > 0) {
          count = Math.max(0, Math.min(min - 1, total - 1));
        } else if (total >= min) {
          count = Math.min(total, min + Math.floor(rng() * rng() * (total - min + 1)));
        } else if (t?.orAll) {
          count = total;
        } else {
          total = min + int(rng, 0, 5);
          count = min;
        }
        if (c.exemptWhenNoSubjects && total === 0) stats.exempt++;
        out[c.code] = { count, total };
        break;
      }
    }
  }
  return out;
}
