/** What the benchmarks share: the number of timed rounds, the target, and how a timing table is printed. */

/** Timed rounds after one warm-up (BENCH_ROUNDS, default 5). */
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5) || 5);
/** criteria-core must stay within this factor of the hand-written loop. */
export const TARGET_RATIO = 1.5;

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const fmt = (n: number, d = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
export const pad = (s: string, w: number) => (s.length >= w ? s : " ".repeat(w - s.length) + s);
export const padR = (s: string, w: number) => (s.length >= w ? s : s + " ".repeat(w - s.length));

/**
 * Times (a) criteria-core against (b) the hand loop: one warm-up run of each, discarded, then ROUNDS
 * rounds in which (a) and (b) alternate, the order flipped every round. `other`, if given, is warmed up
 * with them and timed once per round after the pair. Returns the milliseconds of each, round by round.
 */
export function timeRounds(
  core: () => number,
  hand: () => number,
  other?: () => number,
): { msA: number[]; msB: number[]; msC: number[] } {
  core();
  hand();
  other?.();
  const msA: number[] = [];
  const msB: number[] = [];
  const msC: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      msA.push(core());
      msB.push(hand());
    } else {
      msB.push(hand());
      msA.push(core());
    }
    if (other) msC.push(other());
  }
  return { msA, msB, msC };
}
