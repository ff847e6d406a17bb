/**
 * evaluate / tryEvaluate: statuses per criterion and level, achieved level,
 * exact percentage arithmetic, every measure kind, exemptions and the typed
 * errors for values that cannot be judged. Expected values are worked out by
 * hand from Decision 2361/QĐ-BTTTT (Phụ lục I and II), not copied from the engine.
 */
import { allPass as allPassN, COMMUNE_LEVEL_1 } from "./__fixtures__/values.ts";
import { testDocument, testLevels } from "@cds/criteria-schema/fixtures/documents.ts";
import { describe, expect, it } from "vitest";
import { BUILT_IN_SETS, parseCriteriaSet, type TCriteriaSet, type TCriteriaSetInput } from "@cds/criteria-schema";
import {
  InvalidValuesError,
  childLevelsValue,
  evaluate,
  tryEvaluate,
  type Evaluation,
  type IndicatorValue,
  type IndicatorValues,
  type Status,
  type ValueIssue,
} from "./index.ts";

/** Every criterion passes; a district has two communes at the top level. */
const allPass = (set: TCriteriaSet) => allPassN(set, 2);
const COMMUNE = BUILT_IN_SETS["vn-2361-commune"]!;
const DISTRICT = BUILT_IN_SETS["vn-2361-district"]!;

type CriterionInput = NonNullable<TCriteriaSetInput["criteria"]>[number];

/** A small custom set with `nLevels` levels; validated by parseCriteriaSet so tests never run on an invalid set. */
function customSet(
  criteria: { code: string; measure: string; targets: unknown[]; exemptWhenNoSubjects?: boolean; subject?: string }[],
  nLevels: number,
  childUnitKind: string | null = null,
): TCriteriaSet {
  return parseCriteriaSet({
    ...testDocument({ unitKind: childUnitKind ? "district" : "commune" }),
    childUnitKind,
    levels: testLevels(nLevels),
    groups: [{ code: "G", name: "Nhóm" }],
    criteria: criteria.map(
      (c) =>
        ({
          group: "G",
          name: `Tiêu chí ${c.code}`,
          unit: "%",
          method: "Thử",
          legalBasis: [],
          ...c,
        }) as unknown as CriterionInput,
    ),
  } satisfies TCriteriaSetInput);
}

function resultsOf(e: Evaluation, code: string): Status[] {
  const c = e.criteria.find((x) => x.code === code);
  if (!c) throw new Error(`no criterion ${code} in evaluation`);
  return c.results;
}

function issuesOf(set: TCriteriaSet, values: unknown): ValueIssue[] {
  try {
    evaluate(set, values as IndicatorValues);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidValuesError);
    expect(e).toBeInstanceOf(Error);
    return (e as InvalidValuesError).issues;
  }
  throw new Error("evaluate did not throw");
}

/** Every number anywhere in `x` is finite (JSON.stringify alone would turn NaN into null and hide it). */
function assertNoNaN(x: unknown, path = "$"): void {
  if (typeof x === "number") {
    expect(Number.isFinite(x), `${path} = ${x}`).toBe(true);
  } else if (Array.isArray(x)) {
    x.forEach((v, i) => assertNoNaN(v, `${path}[${i}]`));
  } else if (typeof x === "object" && x !== null) {
    for (const [k, v] of Object.entries(x)) assertNoNaN(v, `${path}.${k}`);
  }
}

describe("national sets, sanity of the fixtures", () => {
  it("have the expected sizes", () => {
    expect(COMMUNE.criteria).toHaveLength(38);
    expect(DISTRICT.criteria).toHaveLength(33);
    expect(COMMUNE.levels).toHaveLength(5);
  });
});

describe("evaluate: achieved level and per-level results (commune set)", () => {
  it("all criteria met → level 5, every level met, no failing or missing", () => {
    const e = evaluate(COMMUNE, allPass(COMMUNE));
    expect(e.level).toBe(5);
    expect(e.levelName).toBe("Toàn diện");
    expect(e.levelNameEn).toBe("Comprehensive");
    expect(e.setId).toBe("vn-2361-commune");
    expect(e.setVersion).toBe("1.0");
    expect(e.levels.map((l) => [l.level, l.code, l.met, l.failing, l.missing, l.exempt])).toEqual([
      [1, "khoi-dong", true, [], [], []],
      [2, "ket-noi", true, [], [], []],
      [3, "co-ban", true, [], [], []],
      [4, "nang-cao", true, [], [], []],
      [5, "toan-dien", true, [], [], []],
    ]);
    expect(e.criteria.map((c) => c.code)).toEqual(COMMUNE.criteria.map((c) => c.code));
    expect(resultsOf(e, "CQS-01")).toEqual(["pass", "pass", "pass", "pass", "pass"]);
    expect(resultsOf(e, "CQS-04")).toEqual(["na", "na", "pass", "pass", "pass"]);
    expect(resultsOf(e, "CQS-05")).toEqual(["na", "na", "na", "pass", "pass"]);
    expect(resultsOf(e, "KTS-04")).toEqual(["na", "na", "pass", "pass", "pass"]);
    const kts04 = e.criteria.find((c) => c.code === "KTS-04")!;
    expect(kts04.group).toBe("KTS");
    expect(kts04.measure).toBe("countOrAll");
  });

  it("no values at all → level 0; statuses are missing (never fail) where applicable, na elsewhere", () => {
    const e = evaluate(COMMUNE, {});
    expect(e.level).toBe(0);
    expect(e.levelName).toBe("Chưa đạt mức Khởi động");
    expect(e.levelNameEn).toBe("Below Starting");
    for (const c of e.criteria) {
      const targets = COMMUNE.criteria.find((x) => x.code === c.code)!.targets;
      expect(c.results).toEqual(targets.map((t) => (t === null ? "na" : "missing")));
    }
    // Level 1 of the commune set: the criteria whose level-1 target is not null.
    expect(e.levels[0]!.missing).toEqual(COMMUNE_LEVEL_1);
    expect(e.levels.every((l) => l.failing.length === 0 && !l.met)).toBe(true);
    expect(e.levels[4]!.missing).toHaveLength(38);
  });

  it("null counts as missing, exactly like an absent key", () => {
    const values = { ...allPass(COMMUNE), "CQS-01": null };
    const e = evaluate(COMMUNE, values);
    expect(resultsOf(e, "CQS-01")).toEqual(["missing", "missing", "missing", "missing", "missing"]);
    expect(e.level).toBe(0);
    expect(e.levels[0]!.met).toBe(false);
    expect(e.levels[0]!.missing).toEqual(["CQS-01"]);
    expect(e.levels[0]!.failing).toEqual([]);
    const { ["CQS-01"]: _drop, ...without } = allPass(COMMUNE);
    expect(evaluate(COMMUNE, without)).toEqual(e);
  });

  it("a criterion missing only from level 3 on caps the level at 2", () => {
    const { ["CQS-04"]: _drop, ...values } = allPass(COMMUNE);
    const e = evaluate(COMMUNE, values);
    expect(resultsOf(e, "CQS-04")).toEqual(["na", "na", "missing", "missing", "missing"]);
    expect(e.level).toBe(2);
    expect(e.levelName).toBe("Kết nối");
    expect(e.levels[2]!.missing).toEqual(["CQS-04"]);
  });

  it("CQS-04 is not applicable at levels 1–2: a 'no' there still allows level 2, not 3", () => {
    const e = evaluate(COMMUNE, { ...allPass(COMMUNE), "CQS-04": false });
    expect(resultsOf(e, "CQS-04")).toEqual(["na", "na", "fail", "fail", "fail"]);
    expect(e.level).toBe(2);
    expect(e.levels.map((l) => l.met)).toEqual([true, true, false, false, false]);
    expect(e.levels[2]!.failing).toEqual(["CQS-04"]);
    expect(e.levels[1]!.failing).toEqual([]);
  });

  it("CQS-02 at 29/50 = 58% passes 20/30/50 and fails 80/90 → level 3", () => {
    const e = evaluate(COMMUNE, { ...allPass(COMMUNE), "CQS-02": { numerator: 29, denominator: 50 } });
    expect(resultsOf(e, "CQS-02")).toEqual(["pass", "pass", "pass", "fail", "fail"]);
    expect(e.level).toBe(3);
    expect(e.levelName).toBe("Cơ bản");
    expect(e.levels[3]!.failing).toEqual(["CQS-02"]);
    expect(e.levels[4]!.failing).toEqual(["CQS-02"]);
  });

  it("the level is the count of leading met levels: a higher level met alone does not count", () => {
    // CQS-07 needs 1 at levels 1–4, 2 at level 5; XHS-05 10/30/50/70/90.
    // XHS-05 at 20% fails level 2 and above; CQS-07 fine. A lower failure caps everything.
    const e = evaluate(COMMUNE, {
      ...allPass(COMMUNE),
      "XHS-05": { numerator: 1, denominator: 5 },
    });
    expect(resultsOf(e, "XHS-05")).toEqual(["pass", "fail", "fail", "fail", "fail"]);
    expect(e.level).toBe(1);
    // KTS-04 at count 1 of total 1: level 3 ok (≥1), level 4 fails (needs 2, no "or 100%"), level 5 ok (100%).
    const e2 = evaluate(COMMUNE, { ...allPass(COMMUNE), "KTS-04": { count: 1, total: 1 } });
    expect(resultsOf(e2, "KTS-04")).toEqual(["na", "na", "pass", "fail", "pass"]);
    expect(e2.levels.map((l) => l.met)).toEqual([true, true, true, false, true]);
    expect(e2.level).toBe(3);
  });

  it("does not mutate or require mutable values", () => {
    const values = Object.freeze({ ...allPass(COMMUNE), "CQS-02": Object.freeze({ numerator: 29, denominator: 50 }) });
    const before = JSON.stringify(values);
    expect(evaluate(COMMUNE, values).level).toBe(3);
    expect(JSON.stringify(values)).toBe(before);
  });
});

describe("percentage: exact arithmetic", () => {
  // Targets rise 33.33 → 33.34 → 57 → 58, so one value is judged against all four at once.
  const set = customSet([{ code: "P-01", measure: "percentage", targets: [33.33, 33.34, 57, 58] }], 4);
  const results = (v: IndicatorValue) => resultsOf(evaluate(set, { "P-01": v }), "P-01");

  it("29/50 meets 58% (29/50×100 is 57.99999999999999 in floating point)", () => {
    expect((29 / 50) * 100).toBeLessThan(58); // the trap the engine must avoid
    expect(results({ numerator: 29, denominator: 50 })).toEqual(["pass", "pass", "pass", "pass"]);
  });

  it("28/50 = 56% fails 57% and 58%", () => {
    expect(results({ numerator: 28, denominator: 50 })).toEqual(["pass", "pass", "fail", "fail"]);
  });

  it("57/100 meets 57% but not 58%", () => {
    expect(results({ numerator: 57, denominator: 100 })).toEqual(["pass", "pass", "pass", "fail"]);
  });

  it("1/3 meets 33.33% but not 33.34%", () => {
    expect(results({ numerator: 1, denominator: 3 })).toEqual(["pass", "fail", "fail", "fail"]);
  });

  it("0/n fails, n/n passes everything", () => {
    expect(results({ numerator: 0, denominator: 7 })).toEqual(["fail", "fail", "fail", "fail"]);
    expect(results({ numerator: 7, denominator: 7 })).toEqual(["pass", "pass", "pass", "pass"]);
  });

  it("large denominators near 1e12 are still exact", () => {
    // 33.33% of 1e12 is exactly 333_300_000_000.
    expect(results({ numerator: 333_300_000_000, denominator: 1_000_000_000_000 })).toEqual([
      "pass",
      "fail",
      "fail",
      "fail",
    ]);
    expect(results({ numerator: 333_299_999_999, denominator: 1_000_000_000_000 })).toEqual([
      "fail",
      "fail",
      "fail",
      "fail",
    ]);
    // 58% of 999_999_999_999 = 579_999_999_999.42 → 580_000_000_000 needed.
    expect(results({ numerator: 580_000_000_000, denominator: 999_999_999_999 })).toEqual([
      "pass",
      "pass",
      "pass",
      "pass",
    ]);
    expect(results({ numerator: 579_999_999_999, denominator: 999_999_999_999 })).toEqual([
      "pass",
      "pass",
      "pass",
      "fail",
    ]);
    expect(results({ numerator: 1_000_000_000_000, denominator: 1_000_000_000_000 })).toEqual([
      "pass",
      "pass",
      "pass",
      "pass",
    ]);
  });

  it("99.99% of 999_999_999_989: products beyond 2^53 are compared exactly", () => {
    const s = customSet([{ code: "P-01", measure: "percentage", targets: [99.99] }], 1);
    // 9999 × 999_999_999_989 = 9_998_999_999_890_011 → numerator ≥ 999_899_999_989.0011 → 999_899_999_990.
    expect(
      resultsOf(evaluate(s, { "P-01": { numerator: 999_899_999_990, denominator: 999_999_999_989 } }), "P-01"),
    ).toEqual(["pass"]);
    expect(
      resultsOf(evaluate(s, { "P-01": { numerator: 999_899_999_989, denominator: 999_999_999_989 } }), "P-01"),
    ).toEqual(["fail"]);
  });

  it("a bare percent number is compared with the target directly", () => {
    expect(results(58)).toEqual(["pass", "pass", "pass", "pass"]);
    expect(results(57.99)).toEqual(["pass", "pass", "pass", "fail"]);
    expect(results(33.33)).toEqual(["pass", "fail", "fail", "fail"]);
    expect(results(0)).toEqual(["fail", "fail", "fail", "fail"]);
    expect(results(100)).toEqual(["pass", "pass", "pass", "pass"]);
  });

  it("a 0% target is met by 0/n and by 0", () => {
    const s = customSet([{ code: "P-01", measure: "percentage", targets: [0, 100] }], 2);
    expect(resultsOf(evaluate(s, { "P-01": { numerator: 0, denominator: 5 } }), "P-01")).toEqual(["pass", "fail"]);
    expect(resultsOf(evaluate(s, { "P-01": 0 }), "P-01")).toEqual(["pass", "fail"]);
  });
});

describe("boolean, minCount, countOrAll", () => {
  it("boolean: true passes, false fails (commune CQS-14 from level 2)", () => {
    expect(resultsOf(evaluate(COMMUNE, { "CQS-14": true }), "CQS-14")).toEqual(["na", "pass", "pass", "pass", "pass"]);
    expect(resultsOf(evaluate(COMMUNE, { "CQS-14": false }), "CQS-14")).toEqual(["na", "fail", "fail", "fail", "fail"]);
  });

  it("minCount: commune CQS-07 'Tối thiểu 01 nhân sự' (2 at level 5)", () => {
    const r = (count: number) => resultsOf(evaluate(COMMUNE, { "CQS-07": { count } }), "CQS-07");
    expect(r(0)).toEqual(["fail", "fail", "fail", "fail", "fail"]);
    expect(r(1)).toEqual(["pass", "pass", "pass", "pass", "fail"]);
    expect(r(2)).toEqual(["pass", "pass", "pass", "pass", "pass"]);
    expect(evaluate(COMMUNE, { ...allPass(COMMUNE), "CQS-07": { count: 1 } }).level).toBe(4);
    expect(evaluate(COMMUNE, { ...allPass(COMMUNE), "CQS-07": { count: 0 } }).level).toBe(0);
  });

  it("countOrAll: commune KTS-04 (≥1, ≥2, ≥3 or 100%)", () => {
    const r = (count: number, total: number) => resultsOf(evaluate(COMMUNE, { "KTS-04": { count, total } }), "KTS-04");
    expect(r(3, 10)).toEqual(["na", "na", "pass", "pass", "pass"]);
    expect(r(2, 5)).toEqual(["na", "na", "pass", "pass", "fail"]);
    expect(r(2, 2)).toEqual(["na", "na", "pass", "pass", "pass"]); // all of them
    expect(r(1, 1)).toEqual(["na", "na", "pass", "fail", "pass"]);
    expect(r(0, 5)).toEqual(["na", "na", "fail", "fail", "fail"]);
    expect(r(0, 0)).toEqual(["na", "na", "fail", "fail", "fail"]); // "100%" of nothing is not met
  });

  it("countOrAll without orAll is met only by the count", () => {
    const s = customSet(
      [
        {
          code: "C-01",
          measure: "countOrAll",
          targets: [
            { min: 2, orAll: false },
            { min: 2, orAll: false },
          ],
        },
      ],
      2,
    );
    expect(resultsOf(evaluate(s, { "C-01": { count: 1, total: 1 } }), "C-01")).toEqual(["fail", "fail"]);
    expect(resultsOf(evaluate(s, { "C-01": { count: 2, total: 9 } }), "C-01")).toEqual(["pass", "pass"]);
  });
});

describe("childLevels: district CHUNG-01", () => {
  const r = (levels: number[]) => resultsOf(evaluate(DISTRICT, { "CHUNG-01": { childLevels: levels } }), "CHUNG-01");
  const repeat = (level: number, n: number) => Array.from({ length: n }, () => level);

  it("exactly 50 of 100 communes at level ≥ 2 meets level 2; 49 does not", () => {
    expect(r([...repeat(2, 50), ...repeat(1, 50)])).toEqual(["pass", "pass", "fail", "fail", "fail"]);
    expect(r([...repeat(2, 49), ...repeat(1, 51)])).toEqual(["pass", "fail", "fail", "fail", "fail"]);
  });

  it("level 3 needs all at ≥ 2 and half at ≥ 3", () => {
    expect(r([...repeat(3, 50), ...repeat(2, 50)])).toEqual(["pass", "pass", "pass", "fail", "fail"]);
    expect(r([...repeat(3, 49), ...repeat(2, 51)])).toEqual(["pass", "pass", "fail", "fail", "fail"]);
    // 60 at level 3 but one commune at level 1: level 3 fails on the "100% at ≥ 2" part.
    expect(r([...repeat(3, 60), ...repeat(2, 39), 1])).toEqual(["pass", "pass", "fail", "fail", "fail"]);
  });

  it("a single commune at level 0 fails level 1 (100% must be at ≥ 1), and so every level", () => {
    expect(r([...repeat(5, 99), 0])).toEqual(["fail", "fail", "fail", "fail", "fail"]);
    expect(r([0])).toEqual(["fail", "fail", "fail", "fail", "fail"]);
  });

  it("all at level 5 passes everything; all at 1 passes only level 1", () => {
    expect(r(repeat(5, 3))).toEqual(["pass", "pass", "pass", "pass", "pass"]);
    expect(r(repeat(1, 3))).toEqual(["pass", "fail", "fail", "fail", "fail"]);
    expect(r([2, 2, 1])).toEqual(["pass", "pass", "fail", "fail", "fail"]);
  });

  it("childLevelsValue counts an unrecognised child as level 0", () => {
    expect(childLevelsValue([2, null, undefined, 3])).toEqual({ childLevels: [2, 0, 0, 3] });
    expect(r(childLevelsValue([2, 2, null]).childLevels)).toEqual(["fail", "fail", "fail", "fail", "fail"]);
  });

  it("share percentages with decimals are compared exactly (1 of 3 is below 33.34%)", () => {
    const s = customSet(
      [
        {
          code: "CH-01",
          measure: "childLevels",
          targets: [
            { allAtLeast: 1, share: { atLeast: 2, percent: 33.33 } },
            { allAtLeast: 1, share: { atLeast: 2, percent: 33.34 } },
          ],
        },
      ],
      2,
      "commune",
    );
    // 1/3 = 33.333…% ≥ 33.33% but < 33.34%.
    expect(resultsOf(evaluate(s, { "CH-01": { childLevels: [2, 1, 1] } }), "CH-01")).toEqual(["pass", "fail"]);
  });

  it("a share percent with a third decimal is refused by the schema, so the engine never rounds one", () => {
    expect(() =>
      customSet(
        [
          {
            code: "CH-01",
            measure: "childLevels",
            targets: [{ allAtLeast: 1, share: { atLeast: 2, percent: 33.334 } }],
          },
        ],
        1,
        "commune",
      ),
    ).toThrow(/2 chữ số thập phân/);
  });
});

describe("exempt criteria (exemptWhenNoSubjects)", () => {
  it("commune KTS-03 (boolean, 'nếu có') with noSubjects is exempt and does not block level 5", () => {
    const e = evaluate(COMMUNE, { ...allPass(COMMUNE), "KTS-03": { noSubjects: true } });
    expect(resultsOf(e, "KTS-03")).toEqual(["na", "exempt", "exempt", "exempt", "exempt"]);
    expect(e.level).toBe(5);
    expect(e.levels.map((l) => l.exempt)).toEqual([[], ["KTS-03"], ["KTS-03"], ["KTS-03"], ["KTS-03"]]);
    expect(e.levels.every((l) => l.met && l.failing.length === 0 && l.missing.length === 0)).toBe(true);
  });

  it("district KTS-05 (percentage, 'nếu có'): 0/0 and noSubjects are exempt", () => {
    for (const v of [{ numerator: 0, denominator: 0 }, { noSubjects: true as const }]) {
      const e = evaluate(DISTRICT, { ...allPass(DISTRICT), "KTS-05": v });
      expect(resultsOf(e, "KTS-05")).toEqual(["exempt", "exempt", "exempt", "exempt", "exempt"]);
      expect(e.level).toBe(5);
      expect(e.levels[0]!.exempt).toEqual(["KTS-05"]);
    }
  });

  it("district KTS-05 with subjects is judged normally", () => {
    const e = evaluate(DISTRICT, { ...allPass(DISTRICT), "KTS-05": { numerator: 7, denominator: 10 } });
    expect(resultsOf(e, "KTS-05")).toEqual(["pass", "pass", "fail", "fail", "fail"]);
    expect(e.level).toBe(2);
  });

  it("district KTS-05 with 1/0 is still an error (numerator without subjects)", () => {
    const issues = issuesOf(DISTRICT, { "KTS-05": { numerator: 1, denominator: 0 } });
    expect(issues.map((i) => [i.criterion, i.field, i.reason])).toEqual([
      ["KTS-05", "KTS-05.denominator", "zero_denominator"],
    ]);
  });

  it("an exempt childLevels criterion with no children is exempt; a non-exempt one is an error", () => {
    const mk = (exempt: boolean) =>
      customSet(
        [
          {
            code: "CH-01",
            measure: "childLevels",
            targets: [{ allAtLeast: 1, share: null }],
            exemptWhenNoSubjects: exempt,
          },
        ],
        1,
        "commune",
      );
    expect(resultsOf(evaluate(mk(true), { "CH-01": { childLevels: [] } }), "CH-01")).toEqual(["exempt"]);
    expect(issuesOf(mk(false), { "CH-01": { childLevels: [] } }).map((i) => [i.criterion, i.field, i.reason])).toEqual([
      ["CH-01", "CH-01.childLevels", "no_children"],
    ]);
  });
});

describe("invalid values → InvalidValuesError naming criterion and field", () => {
  const cases: [label: string, set: TCriteriaSet, values: unknown, expected: [string, string, string]][] = [
    [
      "negative numerator",
      COMMUNE,
      { "CQS-02": { numerator: -1, denominator: 50 } },
      ["CQS-02", "CQS-02.numerator", "negative"],
    ],
    [
      "negative denominator",
      COMMUNE,
      { "CQS-02": { numerator: 0, denominator: -5 } },
      ["CQS-02", "CQS-02.denominator", "negative"],
    ],
    ["negative percent", COMMUNE, { "CQS-02": -0.5 }, ["CQS-02", "CQS-02", "negative"]],
    ["negative count", COMMUNE, { "CQS-07": { count: -1 } }, ["CQS-07", "CQS-07.count", "negative"]],
    [
      "numerator > denominator",
      COMMUNE,
      { "CQS-02": { numerator: 51, denominator: 50 } },
      ["CQS-02", "CQS-02.numerator", "numerator_exceeds_denominator"],
    ],
    [
      "denominator 0 on a non-exempt criterion",
      COMMUNE,
      { "CQS-02": { numerator: 0, denominator: 0 } },
      ["CQS-02", "CQS-02.denominator", "zero_denominator"],
    ],
    ["boolean given as a string", COMMUNE, { "CQS-04": "true" }, ["CQS-04", "CQS-04", "wrong_shape"]],
    ["boolean given as 1", COMMUNE, { "CQS-04": 1 }, ["CQS-04", "CQS-04", "wrong_shape"]],
    ["percentage given as boolean", COMMUNE, { "CQS-02": true }, ["CQS-02", "CQS-02", "wrong_shape"]],
    [
      "percentage with an extra key",
      COMMUNE,
      { "CQS-02": { numerator: 1, denominator: 2, x: 1 } },
      ["CQS-02", "CQS-02", "wrong_shape"],
    ],
    ["percentage without denominator", COMMUNE, { "CQS-02": { numerator: 1 } }, ["CQS-02", "CQS-02", "wrong_shape"]],
    ["percentage given as an array", COMMUNE, { "CQS-02": [1, 2] }, ["CQS-02", "CQS-02", "wrong_shape"]],
    ["minCount given as a number", COMMUNE, { "CQS-07": 1 }, ["CQS-07", "CQS-07", "wrong_shape"]],
    ["countOrAll without total", COMMUNE, { "KTS-04": { count: 1 } }, ["KTS-04", "KTS-04", "wrong_shape"]],
    [
      "countOrAll count > total",
      COMMUNE,
      { "KTS-04": { count: 3, total: 2 } },
      ["KTS-04", "KTS-04.count", "count_exceeds_total"],
    ],
    ["childLevels given as array", DISTRICT, { "CHUNG-01": [1, 2] }, ["CHUNG-01", "CHUNG-01", "wrong_shape"]],
    ["unknown criterion code", COMMUNE, { "CQS-99": true }, ["CQS-99", "CQS-99", "unknown_criterion"]],
    [
      "district-only code in commune values",
      COMMUNE,
      { "CHUNG-01": { childLevels: [1] } },
      ["CHUNG-01", "CHUNG-01", "unknown_criterion"],
    ],
    [
      "NaN numerator",
      COMMUNE,
      { "CQS-02": { numerator: NaN, denominator: 50 } },
      ["CQS-02", "CQS-02.numerator", "not_a_number"],
    ],
    [
      "Infinity denominator",
      COMMUNE,
      { "CQS-02": { numerator: 1, denominator: Infinity } },
      ["CQS-02", "CQS-02.denominator", "not_a_number"],
    ],
    ["NaN percent", COMMUNE, { "CQS-02": NaN }, ["CQS-02", "CQS-02", "not_a_number"]],
    ["Infinity percent", COMMUNE, { "CQS-02": Infinity }, ["CQS-02", "CQS-02", "not_a_number"]],
    [
      "string numerator",
      COMMUNE,
      { "CQS-02": { numerator: "21", denominator: 50 } },
      ["CQS-02", "CQS-02.numerator", "not_a_number"],
    ],
    ["NaN count", COMMUNE, { "CQS-07": { count: NaN } }, ["CQS-07", "CQS-07.count", "not_a_number"]],
    ["non-integer count", COMMUNE, { "CQS-07": { count: 1.5 } }, ["CQS-07", "CQS-07.count", "not_integer"]],
    [
      "non-integer numerator",
      COMMUNE,
      { "CQS-02": { numerator: 20.5, denominator: 50 } },
      ["CQS-02", "CQS-02.numerator", "not_integer"],
    ],
    ["non-integer total", COMMUNE, { "KTS-04": { count: 1, total: 2.5 } }, ["KTS-04", "KTS-04.total", "not_integer"]],
    ["count above MAX_COUNT", COMMUNE, { "CQS-07": { count: 1e13 } }, ["CQS-07", "CQS-07.count", "too_large"]],
    ["percent > 100", COMMUNE, { "CQS-02": 100.01 }, ["CQS-02", "CQS-02", "percent_over_100"]],
    [
      "noSubjects on a non-exempt criterion",
      COMMUNE,
      { "CQS-02": { noSubjects: true } },
      ["CQS-02", "CQS-02.noSubjects", "not_exempt"],
    ],
    ["noSubjects: false", COMMUNE, { "KTS-03": { noSubjects: false } }, ["KTS-03", "KTS-03", "wrong_shape"]],
    [
      "noSubjects with another key",
      COMMUNE,
      { "KTS-03": { noSubjects: true, x: 1 } },
      ["KTS-03", "KTS-03", "wrong_shape"],
    ],
    [
      "childLevels empty (non-exempt)",
      DISTRICT,
      { "CHUNG-01": { childLevels: [] } },
      ["CHUNG-01", "CHUNG-01.childLevels", "no_children"],
    ],
    [
      "childLevels above the number of levels",
      DISTRICT,
      { "CHUNG-01": { childLevels: [1, 6] } },
      ["CHUNG-01", "CHUNG-01.childLevels[1]", "level_out_of_range"],
    ],
    [
      "childLevels negative",
      DISTRICT,
      { "CHUNG-01": { childLevels: [-1] } },
      ["CHUNG-01", "CHUNG-01.childLevels[0]", "level_out_of_range"],
    ],
    [
      "childLevels non-integer",
      DISTRICT,
      { "CHUNG-01": { childLevels: [2, 1.5] } },
      ["CHUNG-01", "CHUNG-01.childLevels[1]", "level_out_of_range"],
    ],
    [
      "childLevels string entry",
      DISTRICT,
      { "CHUNG-01": { childLevels: ["2"] } },
      ["CHUNG-01", "CHUNG-01.childLevels[0]", "level_out_of_range"],
    ],
  ];

  it.each(cases)("%s", (_label, set, values, [criterion, field, reason]) => {
    const issues = issuesOf(set, values);
    expect(issues).toHaveLength(1);
    const i = issues[0]!;
    expect([i.criterion, i.field, i.reason]).toEqual([criterion, field, reason]);
    expect(i.message.startsWith(`${field}: `)).toBe(true);
    expect(i.messageEn.startsWith(`${field}: `)).toBe(true);
    // tryEvaluate returns the same issues instead of throwing
    const t = tryEvaluate(set, values as IndicatorValues);
    expect(t).toEqual({ ok: false, issues });
  });

  it.each([[null], [undefined], [[]], [[1, 2]], ["CQS-01"], [42], [true]])(
    "values that are not an object (%j)",
    (values) => {
      const issues = issuesOf(COMMUNE, values);
      expect(issues.map((i) => [i.criterion, i.field, i.reason])).toEqual([["", "values", "not_an_object"]]);
    },
  );

  it("collects every issue, not just the first", () => {
    const issues = issuesOf(COMMUNE, {
      ...allPass(COMMUNE),
      "CQS-01": { numerator: -1, denominator: NaN },
      "CQS-07": { count: 1.5 },
      "KTS-04": { count: 5, total: 4 },
      "XHS-99": 1,
      "CQS-12": "yes",
    });
    const got = issues.map((i) => `${i.field}:${i.reason}`).sort();
    expect(got).toEqual(
      [
        "CQS-01.numerator:negative",
        "CQS-01.denominator:not_a_number",
        "CQS-07.count:not_integer",
        "KTS-04.count:count_exceeds_total",
        "XHS-99:unknown_criterion",
        "CQS-12:wrong_shape",
      ].sort(),
    );
    const err = (() => {
      try {
        evaluate(COMMUNE, { "CQS-07": { count: 1.5 }, "XHS-99": 1 });
      } catch (e) {
        return e as InvalidValuesError;
      }
      throw new Error("no throw");
    })();
    expect(err.name).toBe("InvalidValuesError");
    expect(err.message).toContain("CQS-07.count");
    expect(err.message).toContain("XHS-99");
  });
});

describe("tryEvaluate", () => {
  it("returns ok with the same evaluation as evaluate", () => {
    const values = { ...allPass(COMMUNE), "CQS-02": { numerator: 29, denominator: 50 } };
    const t = tryEvaluate(COMMUNE, values);
    expect(t.ok).toBe(true);
    if (t.ok) {
      expect(t.evaluation).toEqual(evaluate(COMMUNE, values));
      expect(t.evaluation.level).toBe(3);
    }
  });

  it("returns ok:false with issues instead of throwing", () => {
    const t = tryEvaluate(COMMUNE, { "CQS-02": { numerator: 60, denominator: 50 }, "CQS-07": { count: -2 } });
    expect(t.ok).toBe(false);
    if (!t.ok) {
      expect(t.issues.map((i) => [i.criterion, i.field, i.reason])).toEqual([
        ["CQS-02", "CQS-02.numerator", "numerator_exceeds_denominator"],
        ["CQS-07", "CQS-07.count", "negative"],
      ]);
    }
  });
});

describe("no NaN in output", () => {
  it("extreme but valid values give finite numbers and no null/NaN in JSON", () => {
    const values: Record<string, IndicatorValue> = {
      ...allPass(DISTRICT),
      "CQS-01": { numerator: 0, denominator: 1_000_000_000_000 },
      "CQS-02": { numerator: 1_000_000_000_000, denominator: 1_000_000_000_000 },
      "CQS-03": 0,
      "KTS-05": { numerator: 0, denominator: 0 },
      "CQS-13": { count: 0 },
    };
    const e = evaluate(DISTRICT, values);
    assertNoNaN(e);
    const json = JSON.stringify(e);
    expect(json).not.toContain("NaN");
    expect(json).not.toContain("null");
    expect(e.level).toBe(0);
  });
});

describe("checkValue: one value, the engine's own checks", () => {
  it("reports what evaluate would, naming the field", async () => {
    const { checkValue } = await import("./index.ts");
    const cqs02 = COMMUNE.criteria.find((c) => c.code === "CQS-02")!;
    expect(checkValue(cqs02, { numerator: 21, denominator: 50 })).toEqual([]);
    expect(checkValue(cqs02, { numerator: 60, denominator: 50 }).map((i) => [i.field, i.reason])).toEqual([
      ["CQS-02.numerator", "numerator_exceeds_denominator"],
    ]);
    expect(checkValue(cqs02, { numerator: 0, denominator: 0 }).map((i) => i.reason)).toEqual(["zero_denominator"]);
    expect(checkValue(cqs02, 101).map((i) => i.reason)).toEqual(["percent_over_100"]);
    expect(checkValue(cqs02, { noSubjects: true }).map((i) => i.reason)).toEqual(["not_exempt"]);
  });
});
