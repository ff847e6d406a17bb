// Scored indices: the Cần Thơ check, every scoring rule at its boundaries,
// non-applicable and missing components, bad values, gaps, diff and ranks.
import { describe, expect, it } from "vitest";
import { BUILT_IN_INDEX_SETS, BUILT_IN_SETS, parseCriteriaSet, type TCriteriaSet } from "@cds/criteria-schema";
import {
  InvalidValuesError,
  NotJudgedByLevelsError,
  NotScoredError,
  diffPoints,
  evaluate,
  gaps,
  pointsGaps,
  rank,
  rankUnits,
  rankingGroupFor,
  score,
  scoreDifference,
  tryScore,
  type RankInput,
} from "./index.ts";
import {
  CAN_THO_2022,
  miniIndexDoc,
  testComponent,
  testDocument,
  type Doc,
} from "@cds/criteria-schema/fixtures/documents.ts";

const DTI = BUILT_IN_INDEX_SETS["vn-dti-province-2022"]!;
const XA = BUILT_IN_INDEX_SETS["mau-dti-xa"]!;

const mini = (edit: (d: Doc) => void = () => {}): TCriteriaSet => {
  const d = miniIndexDoc();
  edit(d);
  return parseCriteriaSet(d);
};
const MINI = mini();
const pts = (set: TCriteriaSet, values: Record<string, unknown>, code: string) =>
  score(set, values as never).components.find((c) => c.code === code)!.pointsText;

describe("the national provincial DTI (922/QĐ-BTTTT)", () => {
  it("Cần Thơ 2022: Σ weight × main index / 1000 is exactly 0.692395 and prints 0.6924", () => {
    const s = score(DTI, CAN_THO_2022);
    expect(s.exact).toEqual({ numerator: "138479", denominator: "200000" }); // = 0.692395
    expect(Number(s.exact.numerator) / Number(s.exact.denominator)).toBe(0.692395);
    expect(s.scoreText).toBe("0.6924");
    expect(s.score).toBe(0.6924);
    expect(s.maxScore).toBe(1);
    expect(s.missing).toEqual(["DTTM"]); // Đô thị thông minh: not scored in 2022 (weight 0)
    expect(s.groups.find((g) => g.code === "CQS")).toMatchObject({
      points: 0.7325,
      index: 0.7325,
      indexText: "0.7325",
      weight: 200,
      max: 1,
    });
    // Đô thị thông minh weighs 0: whatever it is, the DTI does not move.
    expect(score(DTI, { ...CAN_THO_2022, DTTM: 1 }).exact).toEqual(s.exact);
  });

  it("half-up on the exact value: 0.69235 prints 0.6924, 0.692349 prints 0.6923", () => {
    // all indices equal to x give DTI = x exactly
    const all = (x: number) => Object.fromEntries(DTI.scoring!.groups.map((g) => [g.code, x]));
    expect(score(DTI, all(0.69235)).scoreText).toBe("0.6924");
    expect(score(DTI, all(0.692349)).scoreText).toBe("0.6923");
    expect(score(DTI, all(1)).scoreText).toBe("1.0000");
  });

  it("ties share a rank and the next rank is skipped (15, 15, 17)", () => {
    const entries: RankInput[] = [];
    for (let i = 0; i < 18; i++) {
      const x = i === 15 ? 0.5 - 14 * 0.01 : 0.5 - i * 0.01; // the 15th and 16th best tie
      const v = Object.fromEntries(DTI.scoring!.groups.map((g) => [g.code, Number(x.toFixed(4))]));
      entries.push({ unit: `Tỉnh ${String.fromCharCode(90 - i)}`, score: score(DTI, v) });
    }
    const rows = rank(entries);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15, 17, 18]);
    // the tied pair is listed in Vietnamese order of the name
    expect(rows.slice(14, 16).map((r) => r.unit)).toEqual(["Tỉnh K", "Tỉnh L"]);
  });

  it("refuses an index outside 0..1, naming the component", () => {
    const r = tryScore(DTI, { ...CAN_THO_2022, HTS: 1.2, KTS: "0.7" } as never);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => [i.field, i.reason])).toEqual([
        ["HTS", "index_over_1"],
        ["KTS", "wrong_shape"],
      ]);
  });
});

describe("scoring rules at their boundaries", () => {
  it("yes/no: full or nothing", () => {
    expect(pts(MINI, { "A-01": true }, "A-01")).toBe("20.00");
    expect(pts(MINI, { "A-01": false }, "A-01")).toBe("0.00");
  });

  it("percentage bands: exactly at a threshold earns it, just below does not", () => {
    expect(pts(MINI, { "A-02": { numerator: 9, denominator: 10 } }, "A-02")).toBe("40.00");
    expect(pts(MINI, { "A-02": { numerator: 899_999, denominator: 1_000_000 } }, "A-02")).toBe("20.00");
    expect(pts(MINI, { "A-02": { numerator: 7, denominator: 10 } }, "A-02")).toBe("20.00");
    expect(pts(MINI, { "A-02": { numerator: 69, denominator: 100 } }, "A-02")).toBe("0.00");
    expect(pts(MINI, { "A-02": 90 }, "A-02")).toBe("40.00");
    expect(pts(MINI, { "A-02": 89.99 }, "A-02")).toBe("20.00");
    expect(score(MINI, { "A-02": 75 }).components[1]!.band).toBe(1);
  });

  it("ratio: 0 below the floor, max × ratio ÷ cap between, full from the cap", () => {
    expect(pts(MINI, { "B-01": { numerator: 19, denominator: 100 } }, "B-01")).toBe("0.00");
    expect(pts(MINI, { "B-01": { numerator: 20, denominator: 100 } }, "B-01")).toBe("7.50"); // 30 × 0.2 / 0.8
    expect(pts(MINI, { "B-01": { numerator: 1, denominator: 3 } }, "B-01")).toBe("12.50"); // 30 × (1/3) / 0.8
    expect(pts(MINI, { "B-01": { numerator: 2, denominator: 3 } }, "B-01")).toBe("25.00");
    expect(pts(MINI, { "B-01": { numerator: 8, denominator: 10 } }, "B-01")).toBe("30.00");
    expect(pts(MINI, { "B-01": 100 }, "B-01")).toBe("30.00");
    expect(pts(MINI, { "B-01": 19.99 }, "B-01")).toBe("0.00");
    expect(score(MINI, { "B-01": { numerator: 1, denominator: 3 } }).components[2]!.exact).toEqual({
      numerator: "25",
      denominator: "2",
    });
  });

  it("count bands", () => {
    const set = mini(
      (d) =>
        (d.scoring.groups[0].components[1].rule = {
          kind: "bands",
          on: "count",
          bands: [
            { atLeast: 3, points: 40 },
            { atLeast: 1, points: 10 },
          ],
        }),
    );
    expect(pts(set, { "A-02": { count: 3 } }, "A-02")).toBe("40.00");
    expect(pts(set, { "A-02": { count: 2 } }, "A-02")).toBe("10.00");
    expect(pts(set, { "A-02": { count: 0 } }, "A-02")).toBe("0.00");
  });

  it("appraised: within 0..max, on the declared step", () => {
    expect(pts(MINI, { "B-02": { points: 7.5 } }, "B-02")).toBe("7.50");
    const bad = tryScore(MINI, { "B-02": { points: 11 } });
    const offStep = tryScore(MINI, { "B-02": { points: 3 } });
    expect(bad.ok || bad.issues.map((i) => [i.field, i.reason])).toEqual([["B-02.points", "points_over_max"]]);
    expect(offStep.ok || offStep.issues.map((i) => [i.field, i.reason])).toEqual([
      ["B-02.points", "points_not_a_step"],
    ]);
  });

  it("every bad value is listed with its component and field; unknown codes too", () => {
    try {
      score(MINI, {
        "A-01": 1,
        "A-02": { numerator: 5, denominator: 4 },
        "B-01": { numerator: 1, denominator: 0 },
        "Z-9": true,
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidValuesError);
      expect((e as InvalidValuesError).issues.map((i) => [i.field, i.reason])).toEqual([
        ["A-01", "wrong_shape"],
        ["A-02.numerator", "numerator_exceeds_denominator"],
        ["B-01.denominator", "zero_denominator"],
        ["Z-9", "unknown_criterion"],
      ]);
    }
  });
});

describe("missing and non-applicable components", () => {
  const full = { "A-01": true, "A-02": 95, "B-01": 80, "B-02": { points: 10 } };

  it("a missing value earns 0 and is listed, never skipped", () => {
    const s = score(MINI, { ...full, "B-02": null });
    expect([s.scoreText, s.missing]).toEqual(["90.00", ["B-02"]]);
    expect(s.components[3]!.status).toBe("missing");
  });

  it("removeFromMax: the group is re-normalised over what applies (A-01 out: 40/40 → A keeps 60)", () => {
    const s = score(MINI, { ...full, "A-01": { notApplicable: true }, "A-02": 75 });
    // A: 20 of the 40 that apply → index 0.5 → 30 of A's 60
    expect(s.groups[0]).toMatchObject({ code: "A", points: 30, index: 0.5, notApplicable: false });
    expect([s.scoreText, s.notApplicable]).toEqual(["70.00", ["A-01"]]);
  });

  it("scoreZero: a non-applicable component scores 0 and keeps its maximum", () => {
    const set = mini((d) => (d.scoring.notApplicable = "scoreZero"));
    const s = score(set, { ...full, "A-01": { notApplicable: true }, "A-02": 75 });
    expect(s.groups[0]).toMatchObject({ points: 20, index: 0.3333 });
    expect(s.scoreText).toBe("60.00");
  });

  it("a whole group not applicable leaves the total re-normalised over the other groups", () => {
    const set = mini((d) => {
      d.scoring.groups[1].components[0].mayNotApply = true;
      d.scoring.groups[1].components[1].mayNotApply = true;
    });
    const s = score(set, {
      "A-01": true,
      "A-02": 75,
      "B-01": { notApplicable: true },
      "B-02": { notApplicable: true },
    });
    expect(s.groups[1]).toMatchObject({ code: "B", notApplicable: true, index: null });
    expect(s.scoreText).toBe(((40 / 60) * 100).toFixed(2)); // 40 of the 60 that apply, on 100
  });

  it("0/0 is not applicable where the component may not apply, an error elsewhere", () => {
    const set = mini((d) => (d.scoring.groups[0].components[1].mayNotApply = true));
    expect(score(set, { "A-02": { numerator: 0, denominator: 0 } }).notApplicable).toEqual(["A-02"]);
    expect(tryScore(MINI, { "A-02": { numerator: 0, denominator: 0 } }).ok).toBe(false);
    const r = tryScore(MINI, { "B-01": { notApplicable: true } });
    expect(r.ok || r.issues.map((i) => [i.field, i.reason])).toEqual([
      ["B-01.notApplicable", "not_applicable_not_allowed"],
    ]);
  });
});

describe("both: levels derived from score bands", () => {
  const set = mini((d) => {
    d.judgedBy = "both";
    d.levels = [
      { rank: 1, code: "trung-binh", name: "Trung bình", minScore: 50 },
      { rank: 2, code: "kha", name: "Khá", minScore: 65 },
      { rank: 3, code: "tot", name: "Tốt", minScore: 80 },
    ];
  });
  it("the highest band whose minScore the exact score reaches", () => {
    expect(score(set, { "A-01": true, "A-02": 95, "B-01": 80 })).toMatchObject({
      score: 90,
      level: 3,
      levelName: "Tốt",
    });
    expect(score(set, { "A-01": true, "A-02": 95 })).toMatchObject({ score: 60, level: 1, levelName: "Trung bình" });
    expect(score(set, {})).toMatchObject({ score: 0, level: 0, levelName: "Chưa xếp loại" });
    // 64.99… is not 65: the exact value decides
    expect(
      score(set, { "A-01": true, "A-02": 95, "B-01": { numerator: 1_599_999, denominator: 100_000_000 } }).level,
    ).toBe(1);
  });
});

describe("nested groups (pillars of main indices)", () => {
  const comp = testComponent;
  const set = parseCriteriaSet({
    ...testDocument({ id: "thu-so-nganh", title: "Sở, ngành thử" }),
    judgedBy: "both",
    unitKind: "agency",
    levels: [
      { rank: 1, code: "trung-binh", name: "Trung bình", minScore: 250 },
      { rank: 2, code: "kha", name: "Khá", minScore: 325 },
    ],
    scoring: {
      total: { max: 450, method: "sum" },
      notApplicable: "removeFromMax",
      decimals: 2,
      groups: [
        {
          code: "NT",
          name: "Nền tảng",
          max: 150,
          groups: [
            {
              code: "NTS",
              name: "Nhận thức số",
              max: 50,
              components: [comp("NTS-01", 25, { kind: "yesNo" }), comp("NTS-02", 25, { kind: "appraised", step: 5 })],
            },
            {
              code: "HTS",
              name: "Hạ tầng số",
              max: 100,
              components: [comp("HTS-01", 100, { kind: "ratio" }, { mayNotApply: true })],
            },
          ],
        },
        {
          code: "HD",
          name: "Hoạt động",
          max: 300,
          components: [
            comp("HD-01", 200, { kind: "ratio", floor: 20, cap: 80 }),
            comp("HD-02", 100, { kind: "indexValue" }),
          ],
        },
      ],
    },
  });
  it("a pillar's points are its main indices' points; the level comes from the score", () => {
    const s = score(set, {
      "NTS-01": true,
      "NTS-02": { points: 15 },
      "HTS-01": { numerator: 7, denominator: 10 },
      "HD-01": 60,
      "HD-02": 0.8,
    });
    expect(s.groups.map((g) => [g.code, g.parent, g.pointsText, g.indexText])).toEqual([
      ["NT", null, "110.00", "0.7333"],
      ["NTS", "NT", "40.00", "0.8000"],
      ["HTS", "NT", "70.00", "0.7000"],
      ["HD", null, "230.00", "0.7667"],
    ]);
    expect([s.scoreText, s.level, s.levelName]).toEqual(["340.00", 2, "Khá"]);
  });
  it("a main index that does not apply leaves its pillar re-scaled over the other", () => {
    const s = score(set, {
      "NTS-01": true,
      "NTS-02": { points: 15 },
      "HTS-01": { notApplicable: true },
      "HD-01": 60,
      "HD-02": 0.8,
    });
    expect(s.groups.map((g) => [g.code, g.pointsText, g.notApplicable])).toEqual([
      ["NT", "120.00", false], // 40 of the 50 that apply → 0.8 × 150
      ["NTS", "40.00", false],
      ["HTS", "0.00", true],
      ["HD", "230.00", false],
    ]);
    expect(s.scoreText).toBe("350.00");
  });
});

describe("levels and points stay apart", () => {
  it("evaluate and gaps refuse a scored set; score refuses a levels set", () => {
    expect(() => evaluate(XA, {})).toThrow(NotJudgedByLevelsError);
    expect(() => gaps(XA, {}, 1)).toThrow(NotJudgedByLevelsError);
    expect(() => score(BUILT_IN_SETS["vn-2361-commune"]!, {})).toThrow(NotScoredError);
  });
});

describe("pointsGaps: the points missing and what earns the next band", () => {
  it("percentage bands: the next band and how many more subjects", () => {
    const g = pointsGaps(MINI, {
      "A-01": true,
      "A-02": { numerator: 83, denominator: 100 },
      "B-01": 80,
      "B-02": { points: 10 },
    });
    expect(g).toHaveLength(1);
    expect(g[0]).toMatchObject({
      code: "A-02",
      status: "partial",
      points: 20,
      max: 40,
      missingPoints: 20,
      next: { target: "≥ 90%", shortfall: 7, points: 40 },
      message: "A-02: 20/40 điểm; đạt ≥ 90% (cần thêm 7 hộ) để được 40",
      messageEn: "A-02: 20/40 points; reach ≥ 90% (7 more) to earn 40",
    });
    // and the shortfall is exact: 7 more earns the band, 6 more does not
    expect(pts(MINI, { "A-02": { numerator: 90, denominator: 100 } }, "A-02")).toBe("40.00");
    expect(pts(MINI, { "A-02": { numerator: 89, denominator: 100 } }, "A-02")).toBe("20.00");
  });

  it("ratio below its floor, ratio below its cap, yes/no, missing, appraised", () => {
    const g = pointsGaps(MINI, {
      "A-01": false,
      "A-02": null,
      "B-01": { numerator: 3, denominator: 20 },
      "B-02": { points: 5 },
    });
    expect(g.map((x) => x.message)).toEqual([
      "A-01: 0/20 điểm; cần có để được 20",
      "A-02: 0/40 điểm; chưa nhập số liệu (≥ 90%: 40 điểm; ≥ 70%: 20 điểm; còn lại 0)",
      "B-01: 0/30 điểm; đạt ≥ 20% (cần thêm 1 hồ sơ) để được 7,5",
      "B-02: 5/10 điểm; do hội đồng thẩm định chấm",
    ]);
    const above = pointsGaps(MINI, { "B-01": { numerator: 50, denominator: 100 } }).find((x) => x.code === "B-01")!;
    expect(above.message).toBe("B-01: 18,75/30 điểm; đạt ≥ 80% (cần thêm 30 hồ sơ) để được 30");
  });

  it("non-applicable and full components have no gap", () => {
    expect(
      pointsGaps(MINI, { "A-01": { notApplicable: true }, "A-02": 100, "B-01": 90, "B-02": { points: 10 } }),
    ).toEqual([]);
  });
});

describe("diffPoints", () => {
  it("points moved between components, bands stricter or looser, weights changed", () => {
    const b = mini((d) => {
      d.id = "mini-index-2";
      const [a01, a02] = d.scoring.groups[0].components;
      a01.max = 10; // 10 points move from A-01 …
      a02.max = 50; // … to A-02, whose top band rises
      a02.rule.bands = [
        { atLeast: 95, points: 50 },
        { atLeast: 70, points: 25 },
      ];
      d.scoring.groups[1].components[0].rule = { kind: "ratio", cap: 80 }; // no floor: looser
    });
    const d = diffPoints(MINI, b);
    expect(d.changed.map((c) => [c.code, c.max?.delta ?? 0, c.rule?.change ?? "same"])).toEqual([
      ["A-01", -10, "same"],
      ["A-02", 10, "stricter"],
      ["B-01", 0, "looser"],
    ]);
    expect(d.summary).toMatchObject({ pointsAdded: 10, pointsRemoved: 10, stricter: 1, looser: 1, weightsChanged: 0 });

    const w = JSON.parse(JSON.stringify(DTI));
    w.scoring.groups[5].weight = 50; // Đô thị thông minh gets weight
    w.scoring.groups[6].weight = 150;
    const dw = diffPoints(DTI, parseCriteriaSet(w));
    expect(dw.groups.map((g) => [g.code, g.weight])).toEqual([
      ["DTTM", { from: 0, to: 50 }],
      ["CQS", { from: 200, to: 150 }],
    ]);
    expect(dw.summary.weightsChanged).toBe(2);
  });

  it("components added and removed, and an identical set has no change", () => {
    const b = mini((d) => {
      d.scoring.groups[1].components[1].code = "B-03";
    });
    const d = diffPoints(MINI, b);
    expect([d.added.map((x) => x.code), d.removed.map((x) => x.code), d.changed]).toEqual([["B-03"], ["B-02"], []]);
    expect(diffPoints(XA, XA)).toMatchObject({
      added: [],
      removed: [],
      changed: [],
      groups: [],
      summary: { pointsAdded: 0, pointsRemoved: 0 },
    });
  });
});

describe("ranking groups", () => {
  it("mau-dti-xa ranks xã, phường and đặc khu apart, each from 1", () => {
    expect(rankingGroupFor(XA, "commune", "Phường")).toBe("phuong");
    expect(rankingGroupFor(XA, "commune", "Thị trấn")).toBeNull();
    const v = (x: boolean) =>
      Object.fromEntries([
        ["NT-02", x],
        ["NT-03", x],
      ]);
    const rows = rankUnits(XA, [
      { unit: "Phường Ba Đình", values: v(true), unitType: "Phường" },
      { unit: "Xã Bát Tràng", values: v(false), unitType: "Xã" },
      { unit: "Phường Hoàn Kiếm", values: v(false), unitType: "Phường" },
      { unit: "Xã Sóc Sơn", values: v(true), unitType: "Xã" },
      { unit: "Đặc khu Côn Đảo", values: v(true), unitType: "Đặc khu" },
    ]);
    expect(rows.map((r) => [r.group, r.rank, r.unit])).toEqual([
      ["xa", 1, "Xã Sóc Sơn"],
      ["xa", 2, "Xã Bát Tràng"],
      ["phuong", 1, "Phường Ba Đình"],
      ["phuong", 2, "Phường Hoàn Kiếm"],
      ["dac-khu", 1, "Đặc khu Côn Đảo"],
    ]);
  });

  it("bad values of several units are all reported, each with its unit", () => {
    expect(() =>
      rankUnits(XA, [
        { unit: "Xã A", values: { "NT-02": 2 } },
        { unit: "Xã B", values: { "ZZ-01": true } },
      ]),
    ).toThrow(/Xã A: NT-02.*Xã B: ZZ-01/);
  });
});

describe("scoreDifference: two rounded scores subtracted exactly", () => {
  it("keeps the larger number of decimals and a sign", () => {
    expect(scoreDifference("825.60", "813.25")).toBe("+12.35");
    expect(scoreDifference("0.6824", "0.6924")).toBe("-0.0100");
    expect(scoreDifference("700", "700.00")).toBe("0.00");
    expect(scoreDifference("0.3", "0.1")).toBe("+0.2"); // not 0.19999999999999998
    expect(scoreDifference("12345678901234567.89", "0.01")).toBe("+12345678901234567.88");
  });
  it("refuses a text that is not a rounded decimal", () => {
    expect(() => scoreDifference("1e3", "0")).toThrow(RangeError);
    expect(() => scoreDifference("", "0")).toThrow(RangeError);
  });
});
