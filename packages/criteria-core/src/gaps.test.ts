/**
 * gaps(set, values, targetLevel): what each failing or missing criterion
 * still needs to reach a level, with exact messages and an exact shortfall.
 */
import { allPass, COMMUNE_LEVEL_1 } from "./__fixtures__/values.ts";
import { testDocument, testLevels } from "@cds/criteria-schema/fixtures/documents.ts";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BUILT_IN_SETS, parseCriteriaSet, type TCriteriaSet, type TCriteriaSetInput } from "@cds/criteria-schema";
import { InvalidValuesError, evaluate, gaps, type Gap } from "./index.ts";

const COMMUNE = BUILT_IN_SETS["vn-2361-commune"]!;
const DISTRICT = BUILT_IN_SETS["vn-2361-district"]!;

function percentSet(targets: (number | null)[], subject = "hồ sơ"): TCriteriaSet {
  return parseCriteriaSet({
    ...testDocument({}),
    levels: testLevels(targets.length),
    groups: [{ code: "G", name: "Nhóm" }],
    criteria: [
      {
        code: "P-01",
        group: "G",
        name: "Tỷ lệ thử",
        unit: "%",
        measure: "percentage",
        subject,
        method: "Thử",
        legalBasis: [],
        targets,
      },
    ],
  } satisfies TCriteriaSetInput);
}

const only = (gs: Gap[], code: string): Gap => {
  const g = gs.filter((x) => x.code === code);
  expect(g).toHaveLength(1);
  return g[0]!;
};

describe("gaps: the worked example from the issue", () => {
  it("commune CQS-02 at 21/50 towards level 3", () => {
    const gs = gaps(COMMUNE, { ...allPass(COMMUNE), "CQS-02": { numerator: 21, denominator: 50 } }, 3);
    expect(gs).toEqual([
      {
        code: "CQS-02",
        name: "Tỷ lệ hồ sơ thủ tục hành chính được thực hiện trực tuyến toàn trình",
        level: 3,
        status: "fail",
        target: "≥ 50%",
        targetEn: "≥ 50%",
        current: "42% (21/50)",
        currentEn: "42% (21/50)",
        shortfall: 4,
        message: "CQS-02: cần ≥ 50%, hiện 42% (21/50) — thêm 4 hồ sơ",
        messageEn: "CQS-02: ≥ 50%, have 42% (21/50): 4 more",
      },
    ]);
  });

  it("the same value has no gap towards level 1 or 2 (42% ≥ 20%, 30%) and a level-5 gap towards 5", () => {
    const values = { ...allPass(COMMUNE), "CQS-02": { numerator: 21, denominator: 50 } };
    expect(gaps(COMMUNE, values, 1)).toEqual([]);
    expect(gaps(COMMUNE, values, 2)).toEqual([]);
    const g4 = only(gaps(COMMUNE, values, 4), "CQS-02");
    expect([g4.level, g4.target, g4.shortfall]).toEqual([4, "≥ 80%", 19]); // 40 of 50 needed
    const g5 = only(gaps(COMMUNE, values, 5), "CQS-02");
    expect([g5.level, g5.target, g5.shortfall]).toEqual([5, "≥ 90%", 24]); // 45 of 50 needed
    expect(g5.message).toBe("CQS-02: cần ≥ 90%, hiện 42% (21/50) — thêm 24 hồ sơ");
  });

  it("numbers are formatted per locale (thousands, decimals)", () => {
    const g = only(
      gaps(COMMUNE, { ...allPass(COMMUNE), "CQS-02": { numerator: 1234, denominator: 5000 } }, 3),
      "CQS-02",
    );
    expect(g.shortfall).toBe(1266);
    expect(g.message).toBe("CQS-02: cần ≥ 50%, hiện 24,68% (1.234/5.000) — thêm 1.266 hồ sơ");
    expect(g.messageEn).toBe("CQS-02: ≥ 50%, have 24.68% (1,234/5,000): 1,266 more");
  });
});

describe("gaps: statuses and measures", () => {
  it("met criteria give no gap", () => {
    for (let l = 1; l <= 5; l++) {
      expect(gaps(COMMUNE, allPass(COMMUNE), l)).toEqual([]);
      expect(gaps(DISTRICT, allPass(DISTRICT), l)).toEqual([]);
    }
  });

  it("missing values give status missing, no current, no shortfall", () => {
    const gs = gaps(COMMUNE, {}, 1);
    expect(gs.map((g) => g.code)).toEqual(COMMUNE_LEVEL_1);
    expect(gs.every((g) => g.status === "missing" && g.current === null && g.shortfall === null && g.level === 1)).toBe(
      true,
    );
    expect(only(gs, "CQS-01").message).toBe("CQS-01: cần ≥ 50%, chưa nhập số liệu");
    expect(only(gs, "CQS-01").messageEn).toBe("CQS-01: ≥ 50%, no value entered");
  });

  it("a missing value is reported at the highest applicable level ≤ the target", () => {
    const { ["CQS-04"]: _drop, ...values } = allPass(COMMUNE);
    expect(gaps(COMMUNE, values, 2)).toEqual([]); // CQS-04 does not apply at levels 1–2
    const g = only(gaps(COMMUNE, values, 4), "CQS-04");
    expect(g).toMatchObject({ level: 4, status: "missing", target: "Có sử dụng hệ thống", targetEn: "Yes" });
    expect(g.message).toBe("CQS-04: cần Có sử dụng hệ thống, chưa nhập số liệu");
    expect(g.messageEn).toBe("CQS-04: Yes, no value entered");
  });

  it("exempt criteria give no gap", () => {
    expect(gaps(COMMUNE, { ...allPass(COMMUNE), "KTS-03": { noSubjects: true } }, 5)).toEqual([]);
    expect(gaps(DISTRICT, { ...allPass(DISTRICT), "KTS-05": { numerator: 0, denominator: 0 } }, 5)).toEqual([]);
  });

  it("boolean: no shortfall", () => {
    const g = only(gaps(COMMUNE, { ...allPass(COMMUNE), "CQS-12": false }, 3), "CQS-12");
    expect(g).toMatchObject({ level: 3, status: "fail", current: "chưa có", currentEn: "no", shortfall: null });
    expect(g.message).toBe("CQS-12: cần Có hệ thống, hiện chưa có");
    expect(g.messageEn).toBe("CQS-12: Yes, have no");
  });

  it("minCount: CQS-07 with 0 staff", () => {
    const g = only(gaps(COMMUNE, { ...allPass(COMMUNE), "CQS-07": { count: 0 } }, 1), "CQS-07");
    expect(g.shortfall).toBe(1);
    expect(g.message).toBe("CQS-07: cần Tối thiểu 1 nhân sự, hiện 0 — thêm 1 nhân sự");
    expect(g.messageEn).toBe("CQS-07: At least 1, have 0: 1 more");
    const g5 = only(gaps(COMMUNE, { ...allPass(COMMUNE), "CQS-07": { count: 1 } }, 5), "CQS-07");
    expect([g5.level, g5.shortfall]).toEqual([5, 1]);
  });

  it("countOrAll: KTS-04 needs 3 or all of them at level 5", () => {
    const g = only(gaps(COMMUNE, { ...allPass(COMMUNE), "KTS-04": { count: 1, total: 10 } }, 5), "KTS-04");
    expect(g.shortfall).toBe(2);
    expect(g.current).toBe("1/10");
    expect(g.message).toBe(
      "KTS-04: cần Có 3 doanh nghiệp, hợp tác xã trở lên hoặc 100% doanh nghiệp, hợp tác xã trên địa bàn, hiện 1/10 — thêm 2 doanh nghiệp, hợp tác xã",
    );
    expect(g.messageEn).toBe("KTS-04: At least 3 or 100% of them, have 1/10: 2 more");
    // 1 of 2: one more makes it 100%.
    expect(only(gaps(COMMUNE, { ...allPass(COMMUNE), "KTS-04": { count: 1, total: 2 } }, 5), "KTS-04").shortfall).toBe(
      1,
    );
    // level 4 has no "or 100%": 1 of 2 still needs 1 more (2 ≥ 2); 1 of 1 needs 1 more and a bigger total.
    const g4 = only(gaps(COMMUNE, { ...allPass(COMMUNE), "KTS-04": { count: 1, total: 1 } }, 5), "KTS-04");
    expect([g4.level, g4.shortfall]).toEqual([4, 1]);
  });

  it("childLevels: district CHUNG-01 with 49 of 100 communes at level 2", () => {
    const childLevels = [...Array.from({ length: 49 }, () => 2), ...Array.from({ length: 51 }, () => 1)];
    const g = only(gaps(DISTRICT, { ...allPass(DISTRICT), "CHUNG-01": { childLevels } }, 2), "CHUNG-01");
    expect(g).toMatchObject({
      level: 2,
      status: "fail",
      shortfall: 1,
      current: "100 đơn vị cấp dưới",
      currentEn: "100 child units",
    });
    expect(g.message).toBe(
      "CHUNG-01: cần 100% xã, phường, thị trấn đạt từ mức 1 trở lên, trong đó tối thiểu 50% đạt mức 2, hiện 100 đơn vị cấp dưới — thêm 1 xã, phường, thị trấn",
    );
    // Towards level 3: all 51 at level 1 must rise to ≥ 2, and 50 must reach 3 → 51 units at least.
    const g3 = only(gaps(DISTRICT, { ...allPass(DISTRICT), "CHUNG-01": { childLevels } }, 3), "CHUNG-01");
    expect([g3.level, g3.shortfall]).toEqual([3, 51]);
    expect(gaps(DISTRICT, { ...allPass(DISTRICT), "CHUNG-01": { childLevels } }, 1)).toEqual([]);
  });

  it("a bare percent value has a current but no countable shortfall", () => {
    const g = only(gaps(COMMUNE, { ...allPass(COMMUNE), "CQS-02": 42.5 }, 3), "CQS-02");
    expect([g.current, g.currentEn, g.shortfall]).toEqual(["42,5%", "42.5%", null]);
    expect(g.message).toBe("CQS-02: cần ≥ 50%, hiện 42,5%");
  });

  it("gaps are listed in set order and only for unmet criteria", () => {
    const values = {
      ...allPass(COMMUNE),
      "XHS-06": { numerator: 1, denominator: 2 },
      "CQS-01": { numerator: 1, denominator: 2 },
      "CQS-17": false,
    };
    expect(gaps(COMMUNE, values, 3).map((g) => [g.code, g.level])).toEqual([
      ["CQS-01", 3],
      ["CQS-17", 3],
      ["XHS-06", 3],
    ]);
    expect(gaps(COMMUNE, values, 1).map((g) => [g.code, g.level])).toEqual([["XHS-06", 1]]);
  });
});

describe("gaps: errors", () => {
  it.each([0, 6, 1.5, -1, NaN])("targetLevel %s is a RangeError", (l) => {
    expect(() => gaps(COMMUNE, {}, l)).toThrow(RangeError);
  });

  it("invalid values throw InvalidValuesError like evaluate", () => {
    expect(() => gaps(COMMUNE, { "CQS-02": { numerator: 60, denominator: 50 } }, 3)).toThrow(InvalidValuesError);
    expect(() => gaps(COMMUNE, { NOPE: 1 }, 3)).toThrow(InvalidValuesError);
  });
});

describe("gaps: the shortfall is exact", () => {
  /** Whether numerator/denominator passes P-01 at `level` of `set`. */
  const passes = (set: TCriteriaSet, numerator: number, denominator: number, level: number) =>
    evaluate(set, { "P-01": { numerator, denominator } }).criteria[0]!.results[level - 1] === "pass";

  it("99.99% of 999_999_999_999 (products beyond 2^53)", () => {
    const set = percentSet([99.99]);
    const g = only(gaps(set, { "P-01": { numerator: 0, denominator: 999_999_999_999 } }, 1), "P-01");
    // 9999 × 999_999_999_999 = 9_998_999_999_990_001 → ⌈… / 10000⌉ = 999_900_000_000.
    expect(passes(set, 999_899_999_999, 999_999_999_999, 1)).toBe(false);
    expect(passes(set, 999_900_000_000, 999_999_999_999, 1)).toBe(true);
    expect(g.shortfall).toBe(999_900_000_000);
  });

  it("property: adding the shortfall to the numerator passes; one less does not", () => {
    const hundredths = fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 9_000, max: 10_000 }));
    const denominator = fc.oneof(
      fc.integer({ min: 1, max: 1000 }),
      fc.integer({ min: 1, max: 1_000_000_000_000 }),
      fc.integer({ min: 999_000_000_000, max: 1_000_000_000_000 }),
    );
    const arb = fc
      .tuple(hundredths, denominator)
      .chain(([h, d]) => fc.tuple(fc.constant(h), fc.constant(d), fc.integer({ min: 0, max: d })));
    fc.assert(
      fc.property(arb, ([h, d, n]) => {
        const set = percentSet([h / 100]);
        const gs = gaps(set, { "P-01": { numerator: n, denominator: d } }, 1);
        if (passes(set, n, d, 1)) {
          expect(gs).toEqual([]);
          return;
        }
        const g = only(gs, "P-01");
        const s = g.shortfall!;
        expect(Number.isSafeInteger(s)).toBe(true);
        expect(s).toBeGreaterThan(0);
        expect(n + s).toBeLessThanOrEqual(d);
        expect(passes(set, n + s, d, 1)).toBe(true);
        expect(passes(set, n + s - 1, d, 1)).toBe(false);
      }),
      {
        numRuns: 300,
        // the known-hard case: an odd product just above a multiple of 10000 beyond 2^53
        examples: [[[9999, 999_999_999_999, 0]], [[5000, 50, 21]]],
      },
    );
  });

  it("property on the commune set: the shortfall of each failing percentage gap is exact at its level", () => {
    const pct = COMMUNE.criteria.filter((c) => c.measure === "percentage");
    const arb = fc.record(
      Object.fromEntries(
        pct.map((c) => [
          c.code,
          fc
            .integer({ min: 1, max: 100_000 })
            .chain((d) => fc.record({ numerator: fc.integer({ min: 0, max: d }), denominator: fc.constant(d) })),
        ]),
      ),
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 5 }), (ratios, target) => {
        const values = { ...allPass(COMMUNE), ...ratios };
        for (const g of gaps(COMMUNE, values, target)) {
          const v = ratios[g.code];
          if (!v) continue; // not a percentage gap
          const at = (n: number) =>
            evaluate(COMMUNE, { ...values, [g.code]: { numerator: n, denominator: v.denominator } }).criteria.find(
              (c) => c.code === g.code,
            )!.results[g.level - 1];
          expect(at(v.numerator + g.shortfall!)).toBe("pass");
          expect(at(v.numerator + g.shortfall! - 1)).toBe("fail");
        }
      }),
      { numRuns: 100 },
    );
  });
});
