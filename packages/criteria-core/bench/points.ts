/**
 * Points benchmark of criteria-core: scores and ranks all 3,321 communes of
 * the two-tier map (01/07/2025) with the `mau-dti-xa` template on
 * deterministic synthetic values, three ways over the identical inputs:
 *   (a) criteria-core `score` for every commune, then `rank` (exact, full result),
 *   (b) a hand-written exact loop (the floor: the same numbers and texts, flat
 *       arrays, BigInt fractions inline, no value validation),
 *   (c) a float loop (doubles: what exactness costs, and what it changes).
 * Checks that (a) and (b) agree on every score text, exact value and rank,
 * counts where (c) ranks differently, prints a timing table; exits 1 on any
 * disagreement between (a) and (b).
 *
 *   pnpm --filter @cds/criteria-core bench:points      BENCH_ROUNDS=9 to change the rounds
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { loadTwoTierMap, TWO_TIER_FILE } from "@cds/admin-units";
import { BUILT_IN_INDEX_SETS, compareVietnamese, scoreComponents, type TCriteriaSet } from "@cds/criteria-schema";
import { rank, score, type ComponentValue, type RankInput, type RankRow, type Score } from "../src/index.ts";
import { logInt, rngFor, type Rng } from "./synth.ts";
import { fmt, median, pad, padR, ROUNDS, TARGET_RATIO, timeRounds } from "./report.ts";

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

interface Unit {
  unit: string;
  group: string | null;
  values: Record<string, ComponentValue>;
}

/** Values for one commune around a latent maturity m (0..1): most near it, some missing, some not applicable. */
function synth(set: TCriteriaSet, rng: Rng): Record<string, ComponentValue> {
  const m = Math.min(1, Math.max(0, 0.35 + 0.5 * rng() + 0.15 * (rng() - 0.5)));
  const out: Record<string, ComponentValue> = {};
  for (const { component: c } of scoreComponents(set.scoring!.groups)) {
    const r = rng();
    if (r < 0.01) continue; // missing
    if (c.mayNotApply && r < 0.05) {
      const fraction = c.rule.kind === "ratio" || (c.rule.kind === "bands" && c.rule.on === "percentage");
      out[c.code] = fraction && rng() < 0.5 ? { numerator: 0, denominator: 0 } : { notApplicable: true };
      continue;
    }
    const share = Math.min(1, Math.max(0, m + 0.3 * (rng() - 0.5)));
    switch (c.rule.kind) {
      case "yesNo":
        out[c.code] = rng() < share;
        break;
      case "ratio":
      case "bands":
        if (c.rule.kind === "bands" && c.rule.on === "count") {
          out[c.code] = { count: Math.round(share * 2 * (c.rule.bands[0]!.atLeast + 1)) };
        } else if (rng() < 0.03) {
          out[c.code] = Math.round(share * 10_000) / 100; // a plain percent
        } else {
          const d = logInt(rng, 3, 40_000);
          out[c.code] = { numerator: Math.round(share * d), denominator: d };
        }
        break;
      case "indexValue":
        out[c.code] = Math.round(share * 10_000) / 10_000;
        break;
      case "appraised": {
        const step = c.rule.step ?? 1;
        out[c.code] = { points: Math.round((share * c.max) / step) * step };
        break;
      }
    }
  }
  return out;
}

function buildUnits(set: TCriteriaSet): { units: Unit[]; provinces: number } {
  const map = loadTwoTierMap();
  const units: Unit[] = [];
  const groupOf: Record<string, string> = { Xã: "xa", Phường: "phuong", "Đặc khu": "dac-khu" };
  for (const p of map.provinces) {
    for (const c of p.communes) {
      const values = synth(set, rngFor("commune-2025", c.code));
      // As an API or a database would hand them over: plain JSON-parsed objects.
      units.push({
        unit: `${c.name}, ${p.name}`,
        group: groupOf[c.type] ?? null,
        values: JSON.parse(JSON.stringify(values)) as Unit["values"],
      });
    }
  }
  return { units, provinces: map.provinces.length };
}

// ---------------------------------------------------------------------------
// (b) The hand-written exact loop
// ---------------------------------------------------------------------------

type Q = [bigint, bigint];

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) {
    if (a <= 9007199254740991n && b <= 9007199254740991n) {
      let x = Number(a);
      let y = Number(b);
      while (y !== 0) [x, y] = [y, x % y];
      return BigInt(x);
    }
    [a, b] = [b, a % b];
  }
  return a;
}
function norm(n: bigint, d: bigint): Q {
  if (n === 0n) return [0n, 1n];
  const g = gcd(n, d);
  return g === 1n ? [n, d] : [n / g, d / g];
}
/** Knuth's sum (TAOCP 4.5.1): gcds of the small factors only, as the engine does. */
function addQ(a: Q, b: Q): Q {
  if (a[0] === 0n) return b;
  if (b[0] === 0n) return a;
  if (a[1] === b[1]) return norm(a[0] + b[0], a[1]);
  const g = gcd(a[1], b[1]);
  if (g === 1n) return [a[0] * b[1] + b[0] * a[1], a[1] * b[1]];
  const t = a[0] * (b[1] / g) + b[0] * (a[1] / g);
  if (t === 0n) return [0n, 1n];
  const g2 = gcd(t, g);
  return [t / g2, (a[1] / g) * (b[1] / g2)];
}
function fixed(x: Q, d: number, scale: bigint): string {
  const q = (2n * x[0] * scale + x[1]) / (2n * x[1]);
  const t = q.toString().padStart(d + 1, "0");
  return d === 0 ? t : `${t.slice(0, -d)}.${t.slice(-d)}`;
}

interface HandSet {
  codes: string[];
  kind: Uint8Array; // 0 yesNo, 1 ratio, 2 pct bands, 3 count bands, 4 index, 5 appraised
  maxN: bigint[];
  maxD: bigint[];
  maxNum: number[];
  group: Int32Array;
  floorH: Float64Array;
  capH: Float64Array;
  bandAt: number[][];
  bandPct: number[][];
  bandPts: Q[][];
  groupMax: Q[];
  groupMaxNum: number[];
  nGroups: number;
  total: Q;
  decimals: number;
  indexDecimals: number;
}

function toQ(x: number): Q {
  const s = String(x);
  const [i, f = ""] = s.split(".");
  return norm(BigInt(i! + f), 10n ** BigInt(f.length));
}

function compileHand(set: TCriteriaSet): HandSet {
  const sc = set.scoring!;
  const comps = scoreComponents(sc.groups);
  const groupIndex = new Map(sc.groups.map((g, i) => [g.code, i]));
  return {
    codes: comps.map((p) => p.component.code),
    kind: Uint8Array.from(comps, ({ component: c }) =>
      c.rule.kind === "yesNo"
        ? 0
        : c.rule.kind === "ratio"
          ? 1
          : c.rule.kind === "bands"
            ? c.rule.on === "percentage"
              ? 2
              : 3
            : c.rule.kind === "indexValue"
              ? 4
              : 5,
    ),
    maxN: comps.map((p) => toQ(p.component.max)[0]),
    maxD: comps.map((p) => toQ(p.component.max)[1]),
    maxNum: comps.map((p) => p.component.max),
    group: Int32Array.from(comps, (p) => groupIndex.get(p.groupPath[0]!)!),
    floorH: Float64Array.from(comps, ({ component: c }) =>
      c.rule.kind === "ratio" && c.rule.floor !== undefined ? Math.round(c.rule.floor * 100) : -1,
    ),
    capH: Float64Array.from(comps, ({ component: c }) =>
      c.rule.kind === "ratio" && c.rule.cap !== undefined ? Math.round(c.rule.cap * 100) : 10_000,
    ),
    bandAt: comps.map(({ component: c }) =>
      c.rule.kind === "bands"
        ? c.rule.bands.map((b) =>
            c.rule.kind === "bands" && c.rule.on === "percentage" ? Math.round(b.atLeast * 100) : b.atLeast,
          )
        : [],
    ),
    bandPct: comps.map(({ component: c }) => (c.rule.kind === "bands" ? c.rule.bands.map((b) => b.atLeast) : [])),
    bandPts: comps.map(({ component: c }) => (c.rule.kind === "bands" ? c.rule.bands.map((b) => toQ(b.points)) : [])),
    groupMax: sc.groups.map((g) => toQ(g.max)),
    groupMaxNum: sc.groups.map((g) => g.max),
    nGroups: sc.groups.length,
    total: toQ(sc.total.max),
    decimals: sc.decimals,
    indexDecimals: sc.indexDecimals,
  };
}

interface HandResult {
  exact: Q;
  scoreText: string;
  componentTexts: string[];
  groupTexts: string[];
  indexTexts: (string | null)[];
  /** The exact points of every component and group, as decimal strings (numerator/denominator), like the engine's result. */
  exactTexts: string[];
}

type Raw = { numerator: number; denominator: number; count: number; points: number; notApplicable?: true };

/** Trusts the shapes (mau-dti-xa: one level of groups, sum total, removeFromMax). */
function scoreHand(hs: HandSet, values: Record<string, ComponentValue>): HandResult {
  const n = hs.codes.length;
  const scale = 10n ** BigInt(hs.decimals);
  const iscale = 10n ** BigInt(hs.indexDecimals);
  const earned: Q[] = [];
  const maxA: Q[] = [];
  const anyNa: boolean[] = [];
  for (let g = 0; g < hs.nGroups; g++) {
    earned.push([0n, 1n]);
    maxA.push([0n, 1n]);
    anyNa.push(false);
  }
  const componentTexts = new Array<string>(n);
  const exactTexts: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[hs.codes[i]!];
    const g = hs.group[i]!;
    const max: Q = [hs.maxN[i]!, hs.maxD[i]!];
    let p: Q = [0n, 1n];
    const o = v as Raw;
    if (v !== undefined && v !== null && typeof v === "object" && (o.notApplicable === true || o.denominator === 0)) {
      anyNa[g] = true;
      componentTexts[i] = fixed(p, hs.decimals, scale);
      exactTexts.push(p[0].toString(), p[1].toString());
      continue;
    }
    if (v !== undefined && v !== null) {
      switch (hs.kind[i]) {
        case 0:
          if (v === true) p = max;
          break;
        case 1: {
          const floor = hs.floorH[i]!;
          const cap = hs.capH[i]!;
          if (typeof v === "number") {
            const share = norm(BigInt(Math.round(v * 100)), 10_000n);
            const capQ = norm(BigInt(cap), 10_000n);
            if (floor >= 0 && share[0] * 10_000n < BigInt(floor) * share[1]) break;
            if (share[0] * capQ[1] >= capQ[0] * share[1]) p = max;
            else p = norm(max[0] * share[0] * capQ[1], max[1] * share[1] * capQ[0]);
          } else {
            if (floor >= 0 && o.numerator * 10_000 < floor * o.denominator) break;
            if (o.numerator * 10_000 >= cap * o.denominator) p = max;
            else p = norm(max[0] * BigInt(o.numerator) * 10_000n, max[1] * BigInt(o.denominator) * BigInt(cap));
          }
          break;
        }
        case 2: {
          const at = hs.bandAt[i]!;
          for (let b = 0; b < at.length; b++) {
            if (typeof v === "number" ? v >= hs.bandPct[i]![b]! : o.numerator * 10_000 >= at[b]! * o.denominator) {
              p = hs.bandPts[i]![b]!;
              break;
            }
          }
          break;
        }
        case 3: {
          const at = hs.bandAt[i]!;
          for (let b = 0; b < at.length; b++) {
            if (o.count >= at[b]!) {
              p = hs.bandPts[i]![b]!;
              break;
            }
          }
          break;
        }
        case 4:
          p = norm(max[0] * BigInt(Math.round((v as number) * 10_000)), max[1] * 10_000n);
          break;
        default:
          p = toQ(o.points);
      }
    }
    componentTexts[i] = fixed(p, hs.decimals, scale);
    exactTexts.push(p[0].toString(), p[1].toString());
    earned[g] = addQ(earned[g]!, p);
    maxA[g] = addQ(maxA[g]!, max);
  }
  let total: Q = [0n, 1n];
  const groupTexts = new Array<string>(hs.nGroups);
  const indexTexts = new Array<string | null>(hs.nGroups);
  let liveMax: Q = [0n, 1n];
  let naGroup = false;
  for (let g = 0; g < hs.nGroups; g++) {
    const M = hs.groupMax[g]!;
    if (anyNa[g] && maxA[g]![0] === 0n) {
      naGroup = true;
      groupTexts[g] = fixed([0n, 1n], hs.decimals, scale);
      indexTexts[g] = null;
      continue;
    }
    const e = earned[g]!;
    const pts = anyNa[g] ? norm(e[0] * M[0] * maxA[g]![1], e[1] * M[1] * maxA[g]![0]) : e;
    groupTexts[g] = fixed(pts, hs.decimals, scale);
    exactTexts.push(pts[0].toString(), pts[1].toString());
    indexTexts[g] = fixed(norm(pts[0] * M[1], pts[1] * M[0]), hs.indexDecimals, iscale);
    total = addQ(total, pts);
    liveMax = addQ(liveMax, M);
  }
  if (naGroup)
    total =
      liveMax[0] === 0n ? [0n, 1n] : norm(total[0] * hs.total[0] * liveMax[1], total[1] * hs.total[1] * liveMax[0]);
  return {
    exact: total,
    scoreText: fixed(total, hs.decimals, scale),
    componentTexts,
    groupTexts,
    indexTexts,
    exactTexts,
  };
}

function rankHand(
  units: Unit[],
  results: HandResult[],
  groupOrder: string[],
): { unit: string; group: string | null; rank: number }[] {
  const out: { unit: string; group: string | null; rank: number }[] = [];
  for (const g of [...groupOrder, null]) {
    const idx: number[] = [];
    for (let i = 0; i < units.length; i++) if (units[i]!.group === g) idx.push(i);
    const cmp = (a: number, b: number) => {
      const x = results[a]!.exact;
      const y = results[b]!.exact;
      const l = y[0] * x[1];
      const r = x[0] * y[1];
      return l < r
        ? -1
        : l > r
          ? 1
          : compareVietnamese(units[a]!.unit, units[b]!.unit) || (units[a]!.unit < units[b]!.unit ? -1 : 1);
    };
    idx.sort(cmp);
    let prev = 0;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k]!;
      const same =
        k > 0 &&
        results[i]!.exact[0] === results[idx[k - 1]!]!.exact[0] &&
        results[i]!.exact[1] === results[idx[k - 1]!]!.exact[1];
      prev = same ? prev : k + 1;
      out.push({ unit: units[i]!.unit, group: g, rank: prev });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// (c) Floats
// ---------------------------------------------------------------------------

function scoreFloat(set: TCriteriaSet, hs: HandSet, values: Record<string, ComponentValue>): number {
  const n = hs.codes.length;
  const earned = new Float64Array(hs.nGroups);
  const maxA = new Float64Array(hs.nGroups);
  const anyNa = new Uint8Array(hs.nGroups);
  for (let i = 0; i < n; i++) {
    const v = values[hs.codes[i]!];
    const o = v as Raw;
    const g = hs.group[i]!;
    const max = hs.maxNum[i]!;
    if (v !== undefined && v !== null && typeof v === "object" && (o.notApplicable === true || o.denominator === 0)) {
      anyNa[g] = 1;
      continue;
    }
    let p = 0;
    if (v !== undefined && v !== null) {
      switch (hs.kind[i]) {
        case 0:
          p = v === true ? max : 0;
          break;
        case 1: {
          const share = typeof v === "number" ? v / 100 : o.numerator / o.denominator;
          const cap = hs.capH[i]! / 10_000;
          p = hs.floorH[i]! >= 0 && share < hs.floorH[i]! / 10_000 ? 0 : (max * Math.min(share, cap)) / cap;
          break;
        }
        case 2: {
          const pct = typeof v === "number" ? v : (100 * o.numerator) / o.denominator;
          const b = hs.bandPct[i]!.findIndex((t) => pct >= t);
          p = b < 0 ? 0 : Number(hs.bandPts[i]![b]![0]) / Number(hs.bandPts[i]![b]![1]);
          break;
        }
        case 3: {
          const b = hs.bandAt[i]!.findIndex((t) => o.count >= t);
          p = b < 0 ? 0 : Number(hs.bandPts[i]![b]![0]) / Number(hs.bandPts[i]![b]![1]);
          break;
        }
        case 4:
          p = max * (v as number);
          break;
        default:
          p = o.points;
      }
    }
    earned[g]! += p;
    maxA[g]! += max;
  }
  let total = 0;
  let live = 0;
  for (let g = 0; g < hs.nGroups; g++) {
    if (anyNa[g] && maxA[g] === 0) continue;
    total += anyNa[g] ? (earned[g]! * hs.groupMaxNum[g]!) / maxA[g]! : earned[g]!;
    live += hs.groupMaxNum[g]!;
  }
  const totalMax = set.scoring!.total.max;
  return live === totalMax ? total : live === 0 ? 0 : (total * totalMax) / live;
}

// ---------------------------------------------------------------------------

function main(): void {
  process.env.NODE_ENV ??= "production";
  const set = BUILT_IN_INDEX_SETS["mau-dti-xa"]!;
  const t0 = performance.now();
  const { units, provinces } = buildUnits(set);
  const genMs = performance.now() - t0;
  const n = units.length;
  const groupOrder = set.scoring!.rankingGroups.map((g) => g.code);
  const nComponents = scoreComponents(set.scoring!.groups).length;
  let values = 0;
  for (const u of units) values += Object.keys(u.values).length;

  console.log("criteria-core points benchmark");
  console.log(`map       ${TWO_TIER_FILE}\n          ${provinces} provinces, ${fmt(n)} communes`);
  console.log(
    `set       ${set.id} ${set.version}: ${set.scoring!.groups.length} groups, ${nComponents} components, ${fmt(set.scoring!.total.max)} points; ` +
      `ranked in ${groupOrder.length} groups (${groupOrder.map((g) => `${g} ${units.filter((u) => u.group === g).length}`).join(", ")})`,
  );
  console.log(
    `inputs    ${fmt(values)} values generated in ${fmt(genMs)} ms (of ${fmt(n * nComponents)}: the rest missing)`,
  );

  const hs = compileHand(set);
  let scoresA: Score[] = [];
  let rowsA: RankRow[] = [];
  let resultsB: HandResult[] = [];
  let rowsB: { unit: string; group: string | null; rank: number }[] = [];
  const floats = new Float64Array(n);

  const runCore = (): number => {
    const t = performance.now();
    const scores: Score[] = new Array(n);
    const entries: RankInput[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const u = units[i]!;
      const s = score(set, u.values);
      scores[i] = s;
      entries[i] = { unit: u.unit, score: s, group: u.group };
    }
    rowsA = rank(entries, groupOrder);
    scoresA = scores;
    return performance.now() - t;
  };
  const runHand = (): number => {
    const t = performance.now();
    const results: HandResult[] = new Array(n);
    for (let i = 0; i < n; i++) results[i] = scoreHand(hs, units[i]!.values);
    rowsB = rankHand(units, results, groupOrder);
    resultsB = results;
    return performance.now() - t;
  };
  const runFloat = (): number => {
    const t = performance.now();
    for (let i = 0; i < n; i++) floats[i] = scoreFloat(set, hs, units[i]!.values);
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => floats[b]! - floats[a]! || compareVietnamese(units[a]!.unit, units[b]!.unit));
    return performance.now() - t;
  };

  const { msA, msB, msC } = timeRounds(runCore, runHand, runFloat);

  // ---- Agreement ------------------------------------------------------------
  let mismatch = 0;
  const examples: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = scoresA[i]!;
    const b = resultsB[i]!;
    let same =
      a.scoreText === b.scoreText &&
      a.exact.numerator === b.exact[0].toString() &&
      a.exact.denominator === b.exact[1].toString();
    a.components.forEach((c, ci) => (same &&= c.pointsText === b.componentTexts[ci]));
    a.groups.forEach((g, gi) => (same &&= g.pointsText === b.groupTexts[gi] && g.indexText === b.indexTexts[gi]));
    const exactA = [...a.components, ...a.groups.filter((g) => !g.notApplicable)].flatMap((x) => [
      x.exact.numerator,
      x.exact.denominator,
    ]);
    same &&= exactA.join() === b.exactTexts.join();
    if (!same) {
      mismatch++;
      if (examples.length < 5) examples.push(`${units[i]!.unit}: core ${a.scoreText} hand ${b.scoreText}`);
    }
  }
  const rankKey = (r: { unit: string; group: string | null; rank: number }) => `${r.group}|${r.rank}|${r.unit}`;
  const rankMismatch =
    rowsA.length !== rowsB.length ? n : rowsA.filter((r, i) => rankKey(r) !== rankKey(rowsB[i]!)).length;

  // Floats: rank within each group on doubles, compare with the exact ranks.
  const exactRank = new Map(rowsA.map((r) => [r.unit, r.rank]));
  let floatRankDiff = 0;
  let floatTextDiff = 0;
  for (const g of [...groupOrder, null]) {
    const idx = units
      .map((u, i) => [u, i] as const)
      .filter(([u]) => u.group === g)
      .map(([, i]) => i);
    idx.sort((a, b) => floats[b]! - floats[a]! || compareVietnamese(units[a]!.unit, units[b]!.unit));
    let prev = 0;
    idx.forEach((i, k) => {
      prev = k > 0 && floats[i] === floats[idx[k - 1]!] ? prev : k + 1;
      if (exactRank.get(units[i]!.unit) !== prev) floatRankDiff++;
    });
  }
  for (let i = 0; i < n; i++) if (floats[i]!.toFixed(set.scoring!.decimals) !== scoresA[i]!.scoreText) floatTextDiff++;
  const ties = rowsA.filter((r, i) => i > 0 && rowsA[i - 1]!.group === r.group && rowsA[i - 1]!.rank === r.rank).length;
  const best = rowsA.filter((r) => r.rank === 1).map((r) => `${r.group}: ${r.scoreText} ${r.unit}`);
  const all = scoresA.map((s) => s.score).sort((a, b) => a - b);

  console.log(
    `\nscores    min ${all[0]!.toFixed(2)}, median ${median(all).toFixed(2)}, max ${all[n - 1]!.toFixed(2)} of 1,000; ${ties} units tied with the one above`,
  );
  for (const b of best) console.log(`          best ${b}`);
  console.log(`\nagreement`);
  console.log(
    `  core vs hand: ${mismatch} of ${fmt(n)} units differ in any score, text or exact value; ${rankMismatch} ranking rows differ`,
  );
  for (const x of examples) console.log(`    ${x}`);
  console.log(
    `  floats vs exact: ${floatRankDiff} units ranked differently, ${floatTextDiff} score texts differ (toFixed on a double)`,
  );

  const mA = median(msA);
  const mB = median(msB);
  const mC = median(msC);
  console.log(
    `\n${ROUNDS} timed rounds after 1 warm-up (discarded); median per round; score + rank all ${fmt(n)} communes` +
      `\n${padR("method", 34)} ${pad("ms/round", 10)} ${pad("µs/unit", 8)} ${pad("units/s", 10)} ${pad("vs hand", 8)}   rounds ms`,
  );
  const rows: [string, number, number[]][] = [
    ["(b) hand-written exact loop", mB, msB],
    ["(a) criteria-core score + rank", mA, msA],
    ["(c) float loop (inexact)", mC, msC],
  ];
  for (const [name, ms, xs] of rows) {
    console.log(
      `${padR(name, 34)} ${pad(fmt(ms, 1), 10)} ${pad(fmt((1000 * ms) / n, 2), 8)} ${pad(fmt(n / (ms / 1000)), 10)} ${pad(`${(ms / mB).toFixed(2)}×`, 8)}   ${xs.map((x) => x.toFixed(0)).join(" ")}`,
    );
  }
  const ratio = mA / mB;
  console.log(
    `\ntarget: criteria-core within ${TARGET_RATIO.toFixed(1)}× of the hand loop: ${ratio <= TARGET_RATIO ? "MET" : "NOT MET"} (${ratio.toFixed(2)}×)`,
  );
  console.log(
    `node ${process.version} via tsx (NODE_ENV=${process.env.NODE_ENV}), ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${new Date().toISOString()}`,
  );
  if (mismatch + rankMismatch > 0) {
    console.error(`\nFAIL: criteria-core and the hand loop disagree (see above)`);
    process.exitCode = 1;
  }
}

main();
