/**
 * Exact rationals for scored indices: a numerator and a denominator in BigInt,
 * always normalised (gcd 1, denominator > 0). The language checks with them
 * that maxima add up, and the engine computes every point with them; rounding
 * happens once, for display (`toFixedHalfUp`). No zod here: the engine and the
 * browser import this file without the schemas.
 *
 * Sums and products follow Knuth (TAOCP 4.5.1): the gcds are taken of small
 * factors, so adding a small fraction to a large one stays cheap.
 */

export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

const ZERO_R: Rational = Object.freeze({ n: 0n, d: 1n });
const ONE_R: Rational = Object.freeze({ n: 1n, d: 1n });
export const ZERO = ZERO_R;
export const ONE = ONE_R;

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

export function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  // Small operands: Euclid on doubles is exact below 2^53 and much faster than BigInt division.
  while (b !== 0n) {
    if (a <= 9007199254740991n && b <= 9007199254740991n) {
      let x = Number(a);
      let y = Number(b);
      while (y !== 0) {
        const t = x % y;
        x = y;
        y = t;
      }
      return BigInt(x);
    }
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** n/d normalised. Throws on a zero denominator (a bug in the caller, never a user value). */
export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError("rational: mẫu số bằng 0 / zero denominator");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (n === 0n) return ZERO_R;
  const g = gcd(n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

export function fromInt(n: number | bigint): Rational {
  return typeof n === "bigint" ? { n, d: 1n } : { n: BigInt(n), d: 1n };
}

/**
 * The exact value a person meant by a JavaScript number: its shortest decimal
 * form ("0.7233" → 7233/10000), never the binary double behind it.
 */
export function fromDecimal(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`fromDecimal: ${x} không phải số hữu hạn / not finite`);
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return { n: BigInt(x), d: 1n };
  const s = String(x);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(s);
  if (!m) throw new RangeError(`fromDecimal: không đọc được ${s}`);
  const frac = m[3] ?? "";
  let n = BigInt(m[2]! + frac);
  let scale = frac.length - Number(m[4] ?? 0);
  if (scale < 0) {
    n *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return rational(m[1] === "-" ? -n : n, 10n ** BigInt(scale));
}

export function add(a: Rational, b: Rational): Rational {
  if (a.n === 0n) return b;
  if (b.n === 0n) return a;
  if (a.d === b.d) return rational(a.n + b.n, a.d);
  const g = gcd(a.d, b.d);
  if (g === 1n) return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
  const t = a.n * (b.d / g) + b.n * (a.d / g);
  if (t === 0n) return ZERO_R;
  const g2 = gcd(t, g);
  return { n: t / g2, d: (a.d / g) * (b.d / g2) };
}

export function sub(a: Rational, b: Rational): Rational {
  return add(a, { n: -b.n, d: b.d });
}

export function mul(a: Rational, b: Rational): Rational {
  if (a.n === 0n || b.n === 0n) return ZERO_R;
  const g1 = gcd(a.n, b.d);
  const g2 = gcd(b.n, a.d);
  return { n: (a.n / g1) * (b.n / g2), d: (a.d / g2) * (b.d / g1) };
}

export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError("div: chia cho 0 / division by zero");
  return mul(a, b.n < 0n ? { n: -b.d, d: -b.n } : { n: b.d, d: b.n });
}

/** −1, 0 or 1 as a < b, a = b, a > b. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  if (a.d === b.d) return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function equals(a: Rational, b: Rational): boolean {
  return a.n === b.n && a.d === b.d;
}

export function min(a: Rational, b: Rational): Rational {
  return compare(a, b) <= 0 ? a : b;
}

/**
 * The exact value rounded half-up (half away from zero) to `decimals`, as a
 * decimal string with exactly that many decimals: 692395/1000000 → "0.6924".
 */
const SCALES: bigint[] = Array.from({ length: 18 }, (_, i) => 10n ** BigInt(i));

export function toFixedHalfUp(x: Rational, decimals: number): string {
  const neg = x.n < 0n;
  const n = neg ? -x.n : x.n;
  const scale = SCALES[decimals] ?? 10n ** BigInt(decimals);
  // Whole numbers (most points) need no division.
  const q = x.d === 1n ? n * scale : (2n * n * scale + x.d) / (2n * x.d);
  const digits = q.toString();
  if (decimals === 0) return (neg && q !== 0n ? "-" : "") + digits;
  const padded = digits.padStart(decimals + 1, "0");
  const out = `${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
  return neg && q !== 0n ? `-${out}` : out;
}

/** The nearest double (for sorting charts and the like; never for deciding anything). */
export function toNumber(x: Rational): number {
  return Number(toFixedHalfUp(x, 17));
}

/** JSON-safe form of an exact value, e.g. { numerator: "138479", denominator: "200000" }. */
export interface ExactValue {
  numerator: string;
  denominator: string;
}

export function toExact(x: Rational): ExactValue {
  return { numerator: x.n.toString(), denominator: x.d.toString() };
}

export function fromExact(x: ExactValue): Rational {
  return rational(BigInt(x.numerator), BigInt(x.denominator));
}

/** Guard digits of `meanHalfUp`'s fixed-point sum. */
const MEAN_GUARD = 10n ** 30n;

/**
 * The mean of exact values rounded half-up to `decimals` places: exactly `toFixedHalfUp(sum ÷ count, decimals)`,
 * without building the exact sum, whose denominator is the lcm of every term's (thousands of digits for a nation's
 * indices). Each term is floored at 30 more places than asked, so the mean lies in a known interval narrower than
 * count × 10^-30 of a unit in the last place; when that interval straddles a half (or a value is negative), the
 * exact sum decides. null when there is no value.
 */
export function meanHalfUp(values: readonly ExactValue[], decimals: number): string | null {
  if (values.length === 0) return null;
  const quick = meanByDoubles(values, decimals);
  if (quick !== null) return quick;
  const m = BigInt(values.length);
  const scale = (SCALES[decimals] ?? 10n ** BigInt(decimals)) * MEAN_GUARD;
  let s = 0n;
  for (const v of values) {
    const n = BigInt(v.numerator);
    const d = BigInt(v.denominator);
    if (n < 0n || d <= 0n) return exactMean(values, decimals);
    s += (n * scale) / d; // floor: n ≥ 0, d > 0
  }
  // mean × 10^decimals × GUARD lies in [s/m, (s+m)/m); rounded half-up at `decimals`: ⌊x / GUARD + 1/2⌋.
  const twice = 2n * m * MEAN_GUARD;
  const lo = (2n * s + m * MEAN_GUARD) / twice;
  const hi = (2n * (s + m) + m * MEAN_GUARD) / twice;
  if (lo !== hi) return exactMean(values, decimals);
  return toFixedHalfUp({ n: lo, d: SCALES[decimals] ?? 10n ** BigInt(decimals) }, decimals);
}

/**
 * The mean rounded half-up from doubles, when they decide it: each term n/d is within a few units of 2^-53 of
 * itself, so the scaled mean is within (count + 5) × 2^-52 of itself relatively; when that (widened 4,096-fold)
 * reaches the rounding's half, or a term is negative or beyond a double, null (the caller decides exactly). A
 * national ranking's eight main-index averages are 26,568 terms: no BigInt for any of them, mostly.
 */
function meanByDoubles(values: readonly ExactValue[], decimals: number): string | null {
  let sum = 0;
  for (const v of values) {
    const t = Number(v.numerator) / Number(v.denominator);
    if (!(t >= 0 && t < Infinity)) return null; // negative, 0/0, n/0 or beyond a double: decided exactly
    sum += t;
  }
  const x = (sum / values.length) * 10 ** decimals;
  if (!(x < 2 ** 50)) return null;
  const y = x + 0.5;
  const q = Math.floor(y);
  const slack = (x + 1) * (values.length + 5) * 2 ** -40;
  if (y - q <= slack || q + 1 - y <= slack) return null;
  return toFixedHalfUp({ n: BigInt(q), d: SCALES[decimals] ?? 10n ** BigInt(decimals) }, decimals);
}

function exactMean(values: readonly ExactValue[], decimals: number): string {
  let sum = ZERO_R;
  for (const v of values) sum = add(sum, fromExact(v));
  return toFixedHalfUp(div(sum, fromInt(values.length)), decimals);
}
