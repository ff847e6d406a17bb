// Scored indices in the language: the built-in index sets, every validation
// rule with its path, exact decimals, and what "stricter" means for a rule.
import { describe, expect, it } from "vitest";
import {
  BUILT_IN_INDEX_SETS,
  BUILT_IN_SETS,
  NATIONAL_UNIT_KINDS,
  builtInSet,
  builtInSetIds,
  compareRules,
  exact,
  formatRule,
  judgedBy,
  scoreComponents,
  validateCriteriaSet,
  type SetIssue,
  type TScoreRule,
} from "./index.ts";
import { miniIndexDoc, type Doc } from "./__fixtures__/documents.ts";

function issuesOf(doc: unknown, ctx = {}): SetIssue[] {
  const r = validateCriteriaSet(doc, ctx);
  return r.ok ? [] : r.issues;
}
const codesAndPointers = (doc: unknown, ctx = {}) => issuesOf(doc, ctx).map((i) => [i.code, i.pointer]);

const mini = miniIndexDoc;

describe("built-in scored indices", () => {
  it("are listed next to the level frameworks, and every one is valid against the platform's unit kinds", () => {
    expect(builtInSetIds()).toEqual(["vn-2361-commune", "vn-2361-district", "vn-dti-province-2022", "mau-dti-xa"]);
    for (const id of Object.keys(BUILT_IN_INDEX_SETS)) {
      expect(issuesOf(structuredClone(builtInSet(id)), { unitKinds: NATIONAL_UNIT_KINDS })).toEqual([]);
      expect(judgedBy(builtInSet(id)!)).toBe("points");
    }
    // The level frameworks keep judging by levels without saying so.
    for (const s of Object.values(BUILT_IN_SETS)) expect([s.judgedBy, judgedBy(s)]).toEqual([undefined, "levels"]);
  });

  it("vn-dti-province-2022: the nine main indices of 922/QĐ-BTTTT with their weights of 1,000, 4 decimals", () => {
    const s = BUILT_IN_INDEX_SETS["vn-dti-province-2022"]!;
    expect(s.unitKind).toBe("province");
    expect(s.scoring).toMatchObject({ total: { max: 1, method: "weighted" }, decimals: 4 });
    expect(s.scoring!.groups.map((g) => [g.name, g.weight])).toEqual([
      ["Nhận thức số", 100],
      ["Thể chế số", 100],
      ["Hạ tầng số", 100],
      ["Nhân lực số", 100],
      ["An toàn thông tin mạng", 100],
      ["Đô thị thông minh", 0],
      ["Hoạt động chính quyền số", 200],
      ["Hoạt động kinh tế số", 150],
      ["Hoạt động xã hội số", 150],
    ]);
    for (const g of s.scoring!.groups) expect(g.components.map((c) => c.rule.kind)).toEqual(["indexValue"]);
  });

  it("mau-dti-xa: a template (mẫu) with Hà Nội's commune structure, 47 components in 8 groups on 1,000 points", () => {
    const s = BUILT_IN_INDEX_SETS["mau-dti-xa"]!;
    expect(s.title).toMatch(/^Mẫu /);
    expect(s.title).toContain("không phải văn bản chính thức của tỉnh nào");
    expect(s.description).toContain("Mẫu — không phải văn bản chính thức của tỉnh nào");
    expect(s.description).toMatch(/điểm từng chỉ số là của mẫu/);
    expect(s.scoring!.total).toEqual({ max: 1000, method: "sum" });
    expect(s.scoring!.groups.map((g) => [g.name, g.components.length])).toEqual([
      ["Nhận thức số", 5],
      ["Thể chế số", 3],
      ["Hạ tầng số", 5],
      ["Nhân lực số", 6],
      ["An toàn thông tin mạng", 4],
      ["Hoạt động chính quyền số", 10],
      ["Hoạt động kinh tế số", 6],
      ["Hoạt động xã hội số", 8],
    ]);
    const all = scoreComponents(s.scoring!.groups);
    expect(all).toHaveLength(47);
    expect(
      exact.equals(
        exact.add(exact.fromInt(0), { n: BigInt(all.reduce((a, p) => a + p.component.max, 0)), d: 1n }),
        exact.fromInt(1000),
      ),
    ).toBe(true);
    for (const { component: c } of all) {
      expect(c.method.length, c.code).toBeGreaterThan(10);
      expect(c.dataSource.length, c.code).toBeGreaterThan(5);
    }
  });

  it("mau-dti-xa reuses Decision 2361's commune criteria verbatim where it draws on them", () => {
    const commune = new Map(BUILT_IN_SETS["vn-2361-commune"]!.criteria.map((c) => [c.code, c]));
    const derived = scoreComponents(BUILT_IN_INDEX_SETS["mau-dti-xa"]!.scoring!.groups).filter(
      (p) => p.component.derivedFrom,
    );
    expect(derived.length).toBeGreaterThanOrEqual(30);
    const used = new Set<string>();
    for (const { component: c } of derived) {
      expect(c.derivedFrom!.set).toBe("vn-2361-commune");
      const src = commune.get(c.derivedFrom!.code)!;
      expect(src, c.code).toBeDefined();
      expect([c.name, c.unit, c.method, c.legalBasis]).toEqual([src.name, src.unit, src.method, src.legalBasis]);
      // The measure fits the rule: percentages are ratios or percentage bands, yes/no stays yes/no.
      const fits = {
        percentage: ["ratio", "bands"],
        boolean: ["yesNo"],
        minCount: ["bands"],
        countOrAll: ["bands"],
        childLevels: [],
      };
      expect(fits[src.measure], c.code).toContain(c.rule.kind);
      expect(used.has(src.code), `${src.code} used twice`).toBe(false);
      used.add(src.code);
    }
  });
});

describe("documents judged by levels stay valid unchanged", () => {
  it("judgedBy is optional; levels, groups and criteria are still required of a levels set, by path", () => {
    const doc = structuredClone(BUILT_IN_SETS["vn-2361-commune"]) as Doc;
    expect(issuesOf(doc)).toEqual([]);
    doc.judgedBy = "levels";
    expect(issuesOf(doc)).toEqual([]);
    delete doc.criteria;
    delete doc.levels;
    expect(codesAndPointers(doc)).toEqual([
      ["levels_missing", "/levels"],
      ["criteria_missing", "/criteria"],
    ]);
  });

  it("a levels set carries no scoring and no minScore", () => {
    const doc = structuredClone(BUILT_IN_SETS["vn-2361-commune"]) as Doc;
    doc.scoring = mini().scoring;
    doc.levels[1].minScore = 10;
    expect(codesAndPointers(doc)).toEqual([
      ["scoring_unused", "/scoring"],
      ["min_score_unused", "/levels/1/minScore"],
    ]);
  });
});

describe("validation of a scored set names each problem by path", () => {
  it("the small set is valid", () => expect(issuesOf(mini())).toEqual([]));

  it("a points set needs scoring, and no level criteria nor levels", () => {
    const doc = mini();
    delete doc.scoring;
    doc.criteria = structuredClone(BUILT_IN_SETS["vn-2361-commune"]!.criteria.slice(0, 1));
    doc.levels = structuredClone(BUILT_IN_SETS["vn-2361-commune"]!.levels);
    doc.groups = structuredClone(BUILT_IN_SETS["vn-2361-commune"]!.groups);
    expect(codesAndPointers(doc)).toEqual([
      ["scoring_missing", "/scoring"],
      ["criteria_in_points_set", "/criteria"],
      ["criteria_in_points_set", "/groups"],
      ["levels_in_points_set", "/levels"],
    ]);
  });

  it("maxima that do not add up to the group's maximum or the declared total", () => {
    const doc = mini();
    doc.scoring.groups[0].components[1].max = 35; // 20 + 35 ≠ 60
    doc.scoring.groups[0].components[1].rule.bands[0].points = 35;
    doc.scoring.groups[1].max = 45; // 30 + 10 ≠ 45, and 60 + 45 ≠ 100
    const issues = issuesOf(doc);
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ["max_sum_mismatch", "/scoring/groups/0/max"],
      ["max_sum_mismatch", "/scoring/groups/1/max"],
      ["max_sum_mismatch", "/scoring/total/max"],
    ]);
    expect(issues[0]!.message).toBe("A: điểm tối đa 60 nhưng các thành phần cộng lại 55");
    expect(issues[2]!.messageEn).toBe("The maximum score is 100 but the groups' maxima add up to 105");
  });

  it("maxima add up exactly, not through floating-point sums (0.1 + 0.2 = 0.3)", () => {
    const doc = mini();
    doc.scoring.total.max = 0.3;
    doc.scoring.groups = [
      { code: "A", name: "A", max: 0.1, components: [{ ...mini().scoring.groups[0].components[0], max: 0.1 }] },
      {
        code: "B",
        name: "B",
        max: 0.2,
        components: [{ ...mini().scoring.groups[0].components[0], code: "B-01", max: 0.2 }],
      },
    ];
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(issuesOf(doc)).toEqual([]);
  });

  it("weights: required on top groups of a weighted total, never negative, not all zero, unused elsewhere", () => {
    const doc = mini();
    doc.scoring.total.method = "weighted";
    doc.scoring.groups[0].weight = -1;
    expect(codesAndPointers(doc)).toEqual([
      ["negative_weight", "/scoring/groups/0/weight"],
      ["weight_missing", "/scoring/groups/1/weight"],
      ["weights_sum_zero", "/scoring/groups"],
    ]);
    const sum = mini();
    sum.scoring.groups[1].weight = 2;
    expect(codesAndPointers(sum)).toEqual([["weight_unused", "/scoring/groups/1/weight"]]);
  });

  it("overlapping bands, a band above the maximum, a lower band paying more, a threshold out of range", () => {
    const doc = mini();
    const bands = doc.scoring.groups[0].components[1].rule.bands;
    bands.push({ atLeast: 70, points: 10 }); // same threshold as the band before: overlaps
    bands.push({ atLeast: 50, points: 30 }); // lower threshold, more points
    bands[0].points = 45; // above the component's maximum 40
    expect(codesAndPointers(doc)).toEqual([
      ["band_above_max", "/scoring/groups/0/components/1/rule/bands/0/points"],
      ["bands_overlap", "/scoring/groups/0/components/1/rule/bands/2/atLeast"],
      ["bands_not_decreasing", "/scoring/groups/0/components/1/rule/bands/3/points"],
    ]);
    const pct = mini();
    pct.scoring.groups[0].components[1].rule.bands[0].atLeast = 120;
    expect(codesAndPointers(pct)).toEqual([
      ["band_threshold_invalid", "/scoring/groups/0/components/1/rule/bands/0/atLeast"],
    ]);
    const count = mini();
    count.scoring.groups[0].components[1].rule = { kind: "bands", on: "count", bands: [{ atLeast: 2.5, points: 40 }] };
    expect(codesAndPointers(count)).toEqual([
      ["band_threshold_invalid", "/scoring/groups/0/components/1/rule/bands/0/atLeast"],
    ]);
  });

  it("a floor above the cap, a step that does not divide the maximum", () => {
    const doc = mini();
    doc.scoring.groups[1].components[0].rule = { kind: "ratio", floor: 90, cap: 80 };
    doc.scoring.groups[1].components[1].rule.step = 3;
    expect(codesAndPointers(doc)).toEqual([
      ["floor_above_cap", "/scoring/groups/1/components/0/rule/floor"],
      ["step_does_not_divide_max", "/scoring/groups/1/components/1/rule/step"],
    ]);
  });

  it("negative or zero maxima are refused by shape, at their path", () => {
    const doc = mini();
    doc.scoring.groups[1].components[1].max = -10;
    expect(issuesOf(doc).map((i) => [i.code, i.pointer])).toEqual([["shape", "/scoring/groups/1/components/1/max"]]);
  });

  it("unique group and component codes across the tree, no empty group", () => {
    const doc = mini();
    doc.scoring.groups[1].code = "A";
    doc.scoring.groups[1].components[0].code = "A-01";
    doc.scoring.groups.push({ code: "C", name: "C", max: 5, components: [] });
    doc.scoring.total.max = 105;
    expect(codesAndPointers(doc)).toEqual([
      ["duplicate_score_group_code", "/scoring/groups/1/code"],
      ["duplicate_component_code", "/scoring/groups/1/components/0/code"],
      ["empty_score_group", "/scoring/groups/2"],
    ]);
  });

  it("nested groups: a pillar's main indices add up to the pillar", () => {
    const doc = mini();
    const [a, b] = doc.scoring.groups;
    doc.scoring.groups = [{ code: "P", name: "Trụ cột", max: 100, groups: [a, { ...b, max: 41 }] }];
    expect(codesAndPointers(doc)).toEqual([
      ["max_sum_mismatch", "/scoring/groups/0/max"],
      ["max_sum_mismatch", "/scoring/groups/0/groups/1/max"],
    ]);
  });

  it("both: levels derived from score bands that rise and stay within the total", () => {
    const doc = mini();
    doc.judgedBy = "both";
    doc.levels = [
      { rank: 1, code: "trung-binh", name: "Trung bình", minScore: 50 },
      { rank: 2, code: "kha", name: "Khá", minScore: 50 },
      { rank: 3, code: "tot", name: "Tốt" },
      { rank: 4, code: "xuat-sac", name: "Xuất sắc", minScore: 120 },
    ];
    expect(codesAndPointers(doc)).toEqual([
      ["level_bands_fall", "/levels/1/minScore"],
      ["min_score_missing", "/levels/2/minScore"],
      ["level_band_above_total", "/levels/3/minScore"],
    ]);
    doc.levels = doc.levels.slice(0, 1);
    expect(issuesOf(doc)).toEqual([]);
  });

  it("agencies are a unit kind; ranking groups name kinds the set applies to", () => {
    const doc = mini();
    doc.unitKind = "agency";
    doc.appliesTo = ["agency", "commune"];
    doc.scoring.rankingGroups = [
      { code: "so-nganh", name: "Sở, ban, ngành", unitKinds: ["agency"] },
      { code: "xa", name: "Xã", unitKinds: ["commune"], unitTypes: ["Xã"] },
    ];
    expect(issuesOf(doc, { unitKinds: NATIONAL_UNIT_KINDS })).toEqual([]);
    doc.scoring.rankingGroups.push({ code: "xa", name: "Phường", unitKinds: ["ward"] });
    doc.appliesTo = ["commune", "ward"];
    expect(codesAndPointers(doc, { unitKinds: NATIONAL_UNIT_KINDS })).toEqual([
      ["ranking_kind_not_applied", "/scoring/rankingGroups/0/unitKinds/0"],
      ["duplicate_ranking_group_code", "/scoring/rankingGroups/2/code"],
      ["applies_to_without_unit_kind", "/appliesTo"],
      ["unknown_unit_kind", "/appliesTo/1"],
      ["unknown_unit_kind", "/scoring/rankingGroups/2/unitKinds/0"],
    ]);
  });
});

describe("exact decimals", () => {
  it("reads a number as the decimal it was written as, and rounds half-up once", () => {
    expect(exact.fromDecimal(0.7233)).toEqual({ n: 7233n, d: 10000n });
    expect(exact.fromDecimal(1e-7)).toEqual({ n: 1n, d: 10000000n });
    expect(exact.fromDecimal(2.5e21)).toEqual({ n: 2500000000000000000000n, d: 1n });
    expect(exact.toFixedHalfUp(exact.rational(692395n, 1000000n), 4)).toBe("0.6924");
    expect(exact.toFixedHalfUp(exact.rational(5n, 1000n), 2)).toBe("0.01"); // half-up on the exact value
    expect(exact.toFixedHalfUp(exact.rational(1n, 3n), 0)).toBe("0");
    expect(exact.toFixedHalfUp(exact.rational(2n, 3n), 3)).toBe("0.667");
    expect(exact.toFixedHalfUp(exact.rational(-1n, 8n), 2)).toBe("-0.13");
    expect((1.005).toFixed(2)).toBe("1.00"); // what a float would print…
    expect(exact.toFixedHalfUp(exact.fromDecimal(1.005), 2)).toBe("1.01"); // …and the exact value
  });
});

describe("what stricter means for a scoring rule (share of the maximum at every value)", () => {
  const bands = (...bs: [number, number][]): TScoreRule => ({
    kind: "bands",
    on: "percentage",
    bands: bs.map(([atLeast, points]) => ({ atLeast, points })),
  });
  it("a higher threshold or fewer points is stricter; both ways is changed", () => {
    expect(compareRules(bands([90, 10], [70, 5]), 10, bands([95, 10], [70, 5]), 10)).toBe("stricter");
    expect(compareRules(bands([90, 10], [70, 5]), 10, bands([90, 10], [70, 4]), 10)).toBe("stricter");
    expect(compareRules(bands([90, 10], [70, 5]), 10, bands([90, 10], [60, 5]), 10)).toBe("looser");
    expect(compareRules(bands([90, 10], [70, 5]), 10, bands([95, 10], [60, 5]), 10)).toBe("changed");
    expect(compareRules(bands([90, 10], [70, 5]), 10, bands([90, 20], [70, 10]), 20)).toBe("same");
  });
  it("ratio: raising the floor or the cap is stricter; another kind is changed", () => {
    expect(compareRules({ kind: "ratio" }, 10, { kind: "ratio", floor: 20 }, 10)).toBe("stricter");
    expect(compareRules({ kind: "ratio", cap: 80 }, 10, { kind: "ratio" }, 10)).toBe("stricter");
    expect(compareRules({ kind: "ratio", cap: 80 }, 10, { kind: "ratio", cap: 60 }, 10)).toBe("looser");
    expect(compareRules({ kind: "ratio" }, 10, bands([50, 10]), 10)).toBe("changed");
  });
  it("reads in Vietnamese and English", () => {
    const c = { max: 10, rule: bands([90, 10], [70, 5]) };
    expect(formatRule(c)).toBe("≥ 90%: 10 điểm; ≥ 70%: 5 điểm; còn lại 0");
    expect(formatRule(c, "en")).toBe("≥ 90%: 10 pt; ≥ 70%: 5 pt; otherwise 0");
    expect(formatRule({ max: 30, rule: { kind: "ratio", floor: 20, cap: 80 } })).toBe(
      "tỷ lệ × 30 điểm (dưới 20%: 0; đủ điểm từ 80%)",
    );
  });
});
