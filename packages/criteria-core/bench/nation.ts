/**
 * National-scale benchmark of criteria-core: judges every commune (10,047,
 * vn-2361-commune) and district (696, vn-2361-district) of the 01/03/2025 map
 * on deterministic synthetic values, three ways over the identical inputs:
 *   (a) criteria-core evaluate (the real engine, full result),
 *   (b) a hand-written loop (the floor; same information, no value validation),
 *   (c) json-rules-engine with the same rules (async; may run on a subset).
 * Checks that all three agree on every unit's achieved level, prints the level
 * distribution and a timing table, and exits 1 on any disagreement.
 *
 *   pnpm bench                      # from packages/criteria-core
 *   (the map comes from @cds/admin-units)
 *   BENCH_ROUNDS=9 BENCH_JRE=full|subset|auto pnpm bench
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import type { TCriteriaSet } from "@cds/criteria-schema";
import { evaluate, type Evaluation, type IndicatorValues } from "../src/index.ts";
import { compileHand, judgeHand, type HandResult } from "./hand.ts";
import { buildJre, judgeJre } from "./jre.ts";
import { buildInputs } from "./inputs.ts";
import { fmt, median, pad, padR, ROUNDS, TARGET_RATIO, timeRounds } from "./report.ts";

const JRE_MODE = process.env.BENCH_JRE ?? "auto";
/** json-rules-engine runs on the whole nation only if a round is estimated under this. */
const JRE_FULL_ROUND_BUDGET_MS = 2500;
const SUBSET_COMMUNES = 1000;
const SUBSET_DISTRICTS = 100;

function distribution(levels: ArrayLike<number>, from: number, to: number): number[] {
  const d = [0, 0, 0, 0, 0, 0];
  for (let i = from; i < to; i++) d[levels[i]!]! += 1;
  return d;
}

async function main(): Promise<void> {
  // Production-like: nothing here reads it at import time; set for anything that may read it later.
  process.env.NODE_ENV ??= "production";
  const { map, communeSet, districtSet, communes, communeIds, districts, noCommunes, stats, genMs } = buildInputs();

  const nC = communes.length;
  const nD = districts.length;
  const units = nC + nD;
  const all: { set: TCriteriaSet; values: IndicatorValues }[] = [
    ...communes.map((values) => ({ set: communeSet, values })),
    ...districts.map((values) => ({ set: districtSet, values })),
  ];

  console.log(`criteria-core national benchmark`);
  console.log(
    `map       ${map.file}\n          ${map.provinces} provinces, ${nD} districts, ${fmt(nC)} communes` +
      ` (${noCommunes} districts without communes: CHUNG-01 missing)`,
  );
  console.log(
    `inputs    ${fmt(units)} units, ${fmt(stats.values + nD)} values generated in ${fmt(genMs)} ms;` +
      ` missing ${((100 * stats.missing) / stats.values).toFixed(1)}%, exempt ${stats.exempt},` +
      ` plain percents ${stats.plainPercent}`,
  );

  // ---- Methods --------------------------------------------------------------
  const hC = compileHand(communeSet);
  const hD = compileHand(districtSet);
  const levelsA = new Int8Array(units);
  const levelsB = new Int8Array(units);
  const levelsC = new Int8Array(units).fill(-1);
  let sink = 0;

  const runCore = (): number => {
    const t0 = performance.now();
    for (let i = 0; i < nC; i++) {
      const e = evaluate(communeSet, communes[i]!);
      levelsA[i] = e.level;
      sink ^= e.criteria.length;
    }
    for (let i = 0; i < nD; i++) {
      const e = evaluate(districtSet, districts[i]!);
      levelsA[nC + i] = e.level;
      sink ^= e.criteria.length;
    }
    return performance.now() - t0;
  };
  const runHand = (): number => {
    const t0 = performance.now();
    for (let i = 0; i < nC; i++) {
      const r = judgeHand(hC, communes[i]!);
      levelsB[i] = r.level;
      sink ^= r.statuses.length;
    }
    for (let i = 0; i < nD; i++) {
      const r = judgeHand(hD, districts[i]!);
      levelsB[nC + i] = r.level;
      sink ^= r.statuses.length;
    }
    return performance.now() - t0;
  };

  const tBuild = performance.now();
  const jC = buildJre(communeSet);
  const jD = buildJre(districtSet);
  const buildMs = performance.now() - tBuild;
  const runJre = async (cN: number, dN: number): Promise<number> => {
    const t0 = performance.now();
    for (let i = 0; i < cN; i++) levelsC[i] = await judgeJre(jC, communes[i]!);
    for (let i = 0; i < dN; i++) levelsC[nC + i] = await judgeJre(jD, districts[i]!);
    return performance.now() - t0;
  };

  // ---- Rounds ---------------------------------------------------------------
  // (a) and (b) alternate within each round, order flipped every round; one warm-up round discarded.
  const { msA, msB } = timeRounds(runCore, runHand);

  // (c): warm-up on the subset, then the whole nation if it fits the budget, else the subset.
  const subC = Math.min(SUBSET_COMMUNES, nC);
  const subD = Math.min(SUBSET_DISTRICTS, nD);
  const warmMs = await runJre(subC, subD);
  const estFull = (warmMs * units) / (subC + subD);
  const jreFull = JRE_MODE === "full" || (JRE_MODE === "auto" && estFull <= JRE_FULL_ROUND_BUDGET_MS);
  const cN = jreFull ? nC : subC;
  const dN = jreFull ? nD : subD;
  if (jreFull) await runJre(cN, dN); // warm-up at full size, discarded
  const msC: number[] = [];
  for (let r = 0; r < ROUNDS; r++) msC.push(await runJre(cN, dN));
  const unitsC = cN + dN;

  // ---- Agreement ------------------------------------------------------------
  let disagreeAB = 0;
  let disagreeAC = 0;
  let checkedC = 0;
  const examples: string[] = [];
  const unitName = (i: number) => (i < nC ? `commune ${communeIds[i]}` : `district ${map.districts[i - nC]!.id}`);
  for (let i = 0; i < units; i++) {
    if (levelsA[i] !== levelsB[i]) {
      disagreeAB++;
      if (examples.length < 5) examples.push(`${unitName(i)}: core ${levelsA[i]} hand ${levelsB[i]}`);
    }
    if (levelsC[i] !== -1) {
      checkedC++;
      if (levelsA[i] !== levelsC[i]) {
        disagreeAC++;
        if (examples.length < 10) examples.push(`${unitName(i)}: core ${levelsA[i]} json-rules-engine ${levelsC[i]}`);
      }
    }
  }
  // Beyond the level: (a) and (b) must agree on every status and every per-level code list.
  let detailMismatch = 0;
  for (const u of all) {
    const e: Evaluation = evaluate(u.set, u.values);
    const h: HandResult = judgeHand(u.set === communeSet ? hC : hD, u.values);
    const nL = u.set.levels.length;
    let same = e.level === h.level;
    e.criteria.forEach((c, ci) => c.results.forEach((s, li) => (same &&= s === h.statuses[ci * nL + li])));
    e.levels.forEach((l, li) => {
      same &&= l.failing.join() === h.failing[li]!.join();
      same &&= l.missing.join() === h.missing[li]!.join();
      same &&= l.exempt.join() === h.exempt[li]!.join();
    });
    if (!same) detailMismatch++;
  }

  const distC = distribution(levelsA, 0, nC);
  const distD = distribution(levelsA, nC, units);
  console.log(`\nlevel distribution (criteria-core)   0      1      2      3      4      5`);
  console.log(`  communes  ${pad(fmt(nC), 6)}        ${distC.map((n) => pad(fmt(n), 6)).join(" ")}`);
  console.log(`  districts ${pad(fmt(nD), 6)}        ${distD.map((n) => pad(fmt(n), 6)).join(" ")}`);

  console.log(`\nagreement on achieved level`);
  console.log(`  core vs hand               ${fmt(units)} units, ${disagreeAB} disagreements`);
  console.log(
    `  core vs json-rules-engine  ${fmt(checkedC)} units${jreFull ? "" : " (subset)"}, ${disagreeAC} disagreements`,
  );
  console.log(`  core vs hand, every status and code list: ${detailMismatch} units differ`);
  for (const x of examples) console.log(`    ${x}`);

  // ---- Table ----------------------------------------------------------------
  const mA = median(msA);
  const mB = median(msB);
  const mC = median(msC);
  const perUnitB = mB / units;
  const rows: [string, number, number, number[]][] = [
    ["(b) hand loop (floor)", units, mB, msB],
    ["(a) criteria-core evaluate", units, mA, msA],
    [`(c) json-rules-engine${jreFull ? "" : " *"}`, unitsC, mC, msC],
  ];
  console.log(
    `\n${ROUNDS} timed rounds after 1 warm-up (discarded); median per round` +
      `\n${padR("method", 28)} ${pad("units", 7)} ${pad("ms/round", 10)} ${pad("µs/unit", 8)} ${pad("units/s", 11)} ${pad("vs hand", 9)}   rounds ms`,
  );
  for (const [name, n, ms, all_] of rows) {
    const ratio = ms / n / perUnitB;
    console.log(
      `${padR(name, 28)} ${pad(fmt(n), 7)} ${pad(fmt(ms, 1), 10)} ${pad(fmt((1000 * ms) / n, 2), 8)} ` +
        `${pad(fmt(n / (ms / 1000)), 11)} ${pad(`${ratio.toFixed(2)}×`, 9)}   ${all_.map((x) => x.toFixed(0)).join(" ")}`,
    );
  }
  if (!jreFull) {
    console.log(
      `* json-rules-engine timed on the first ${fmt(subC)} communes + ${subD} districts only` +
        ` (estimated ${fmt(estFull / 1000, 1)} s per full round); units/s scaled per unit.`,
    );
  }
  console.log(
    `json-rules-engine: ${jC.rules} + ${jD.rules} rules, engines built in ${fmt(buildMs, 1)} ms (not timed in rounds)`,
  );
  const ratioA = mA / mB;
  console.log(
    `\ntarget: criteria-core within ${TARGET_RATIO.toFixed(1)}× of the hand loop: ` +
      `${ratioA <= TARGET_RATIO ? "MET" : "NOT MET"} (${ratioA.toFixed(2)}×)`,
  );
  console.log(
    `node ${process.version} via tsx (NODE_ENV=${process.env.NODE_ENV}), ${os.cpus()[0]?.model ?? "unknown CPU"}, ` +
      `${os.cpus().length} cores, ${new Date().toISOString()}  [sink ${sink & 1}]`,
  );

  if (disagreeAB + disagreeAC + detailMismatch > 0) {
    console.error(`\nFAIL: the three methods disagree (see above)`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
