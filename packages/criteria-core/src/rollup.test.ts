/**
 * rollup(set, evaluations) and levelDistribution(levels, nLevels).
 */
import { allPass } from "./__fixtures__/values.ts";
import { describe, expect, it } from "vitest";
import { BUILT_IN_SETS } from "@cds/criteria-schema";
import {
  evaluate,
  levelDistribution,
  predecessorBaseline,
  PREDECESSOR_BASELINE_RULE,
  rollup,
  type Evaluation,
} from "./index.ts";

const COMMUNE = BUILT_IN_SETS["vn-2361-commune"]!;
const DISTRICT = BUILT_IN_SETS["vn-2361-district"]!;

function tally(r: ReturnType<typeof rollup>, code: string, level: number) {
  const c = r.criteria.find((x) => x.code === code);
  if (!c) throw new Error(`no ${code}`);
  return c.levels[level - 1]!;
}

describe("rollup over commune evaluations", () => {
  const units: Evaluation[] = [
    evaluate(COMMUNE, allPass(COMMUNE)), // level 5
    evaluate(COMMUNE, { ...allPass(COMMUNE), "CQS-02": { numerator: 29, denominator: 50 } }), // level 3
    evaluate(COMMUNE, {}), // level 0, everything missing
    evaluate(COMMUNE, { ...allPass(COMMUNE), "KTS-03": { noSubjects: true }, "CQS-07": { count: 1 } }), // level 4
  ];
  const r = rollup(COMMUNE, units);

  it("counts units per achieved level and cumulatively", () => {
    expect(units.map((u) => u.level)).toEqual([5, 3, 0, 4]);
    expect(r.units).toBe(4);
    expect(r.byLevel).toEqual([1, 0, 0, 1, 1, 1]);
    expect(r.atLeast).toEqual([4, 3, 3, 3, 2, 1]);
  });

  it("tallies every criterion at every level, in set order", () => {
    expect(r.criteria.map((c) => c.code)).toEqual(COMMUNE.criteria.map((c) => c.code));
    expect(r.criteria.every((c) => c.levels.map((l) => l.level).join() === "1,2,3,4,5")).toBe(true);
  });

  it("pass rate is pass / (pass + fail); missing, exempt and na are kept apart", () => {
    /** A tally's counts as [pass, fail, missing, exempt, na] and its pass rate as [numerator, denominator]. */
    const counts = ([pass, fail, missing, exempt, na]: number[], [numerator, denominator]: number[]) => ({
      pass,
      fail,
      missing,
      exempt,
      na,
      passRate: { numerator, denominator },
    });
    // CQS-02: pass, pass(58% ≥ 20), missing, pass at level 1; at level 4: pass, fail, missing, pass.
    expect(tally(r, "CQS-02", 1)).toEqual({ level: 1, ...counts([3, 0, 1, 0, 0], [3, 3]) });
    expect(tally(r, "CQS-02", 4)).toEqual({ level: 4, ...counts([2, 1, 1, 0, 0], [2, 3]) });
    // KTS-03 (nếu có): na at level 1 for all; exempt for one unit at 2–5.
    expect(tally(r, "KTS-03", 1)).toMatchObject(counts([0, 0, 0, 0, 4], [0, 0]));
    expect(tally(r, "KTS-03", 2)).toMatchObject(counts([2, 0, 1, 1, 0], [2, 2]));
    // CQS-07 at level 5: pass, pass, missing, fail (1 < 2).
    expect(tally(r, "CQS-07", 5)).toMatchObject({
      pass: 2,
      fail: 1,
      missing: 1,
      passRate: { numerator: 2, denominator: 3 },
    });
  });

  it("every unit is counted once per criterion and level", () => {
    for (const c of r.criteria) {
      for (const l of c.levels) expect(l.pass + l.fail + l.missing + l.exempt + l.na).toBe(4);
    }
    expect(r.byLevel.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it("accepts any iterable, e.g. a generator", () => {
    function* gen() {
      yield* units;
    }
    expect(rollup(COMMUNE, gen())).toEqual(r);
  });
});

describe("rollup edge cases", () => {
  it("no evaluations → zeros and 0/0 rates, no NaN", () => {
    const r = rollup(DISTRICT, []);
    expect(r.units).toBe(0);
    expect(r.byLevel).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r.atLeast).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r.criteria).toHaveLength(33);
    expect(tally(r, "CHUNG-01", 1).passRate).toEqual({ numerator: 0, denominator: 0 });
    expect(JSON.stringify(r)).not.toMatch(/NaN|null/);
  });

  it("rejects an evaluation made against another set", () => {
    const e = evaluate(DISTRICT, allPass(DISTRICT));
    expect(() => rollup(COMMUNE, [e])).toThrow(/vn-2361-district/);
  });

  it("district rollup counts childLevels results", () => {
    const half = (n: number) => [...Array.from({ length: n }, () => 2), ...Array.from({ length: 100 - n }, () => 1)];
    const es = [50, 49].map((n) => evaluate(DISTRICT, { ...allPass(DISTRICT), "CHUNG-01": { childLevels: half(n) } }));
    const r = rollup(DISTRICT, es);
    expect(r.byLevel).toEqual([0, 1, 1, 0, 0, 0]);
    expect(tally(r, "CHUNG-01", 2)).toMatchObject({ pass: 1, fail: 1, passRate: { numerator: 1, denominator: 2 } });
    expect(tally(r, "CHUNG-01", 1)).toMatchObject({ pass: 2, fail: 0 });
  });
});

describe("levelDistribution", () => {
  it("counts per level; null and undefined count as 0", () => {
    expect(levelDistribution([0, 1, 5, 5, null, undefined, 3], 5)).toEqual([3, 1, 0, 1, 0, 2]);
    expect(levelDistribution([], 5)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(levelDistribution([2, 2], 2)).toEqual([0, 0, 2]);
  });

  it("accepts any iterable", () => {
    expect(levelDistribution(new Set([1, 2, 3]), 3)).toEqual([0, 1, 1, 1]);
  });

  it.each([6, -1, 1.5, NaN])("rejects level %s", (l) => {
    expect(() => levelDistribution([1, l], 5)).toThrow(RangeError);
  });

  it("agrees with rollup().byLevel", () => {
    const es = [
      evaluate(COMMUNE, allPass(COMMUNE)),
      evaluate(COMMUNE, {}),
      evaluate(COMMUNE, { ...allPass(COMMUNE), "CQS-04": false }),
    ];
    expect(
      levelDistribution(
        es.map((e) => e.level),
        5,
      ),
    ).toEqual(rollup(COMMUNE, es).byLevel);
    expect(rollup(COMMUNE, es).byLevel).toEqual([1, 0, 1, 0, 0, 1]);
  });
});

describe("predecessorBaseline", () => {
  it("is the lowest recognised level, with the distribution, and counts the never-recognised apart", () => {
    expect(predecessorBaseline([3, null, 2, 4], 5)).toEqual({
      rule: PREDECESSOR_BASELINE_RULE,
      level: 2,
      distribution: [0, 0, 1, 1, 1, 0],
      recognised: 3,
      unrecognised: 1,
    });
  });
  it("says nothing when no predecessor was recognised", () => {
    expect(predecessorBaseline([null, null], 5)).toMatchObject({ level: null, recognised: 0, unrecognised: 2 });
    expect(predecessorBaseline([], 5)).toMatchObject({ level: null, distribution: [0, 0, 0, 0, 0, 0] });
  });
});
