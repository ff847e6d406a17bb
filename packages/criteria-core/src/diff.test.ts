/**
 * diff(a, b): how set b differs from set a, criterion by criterion.
 */
import { describe, expect, it } from "vitest";
import { BUILT_IN_SETS, parseCriteriaSet, type TCriteriaSet, type TCriterion } from "@cds/criteria-schema";
import { diff, type CriterionDiff } from "./index.ts";

const COMMUNE = BUILT_IN_SETS["vn-2361-commune"]!;
const DISTRICT = BUILT_IN_SETS["vn-2361-district"]!;

/** A deep copy of `base`, changed by `edit`, and validated again (so every variant is a valid set). */
function variant(base: TCriteriaSet, edit: (s: TCriteriaSet) => void): TCriteriaSet {
  const copy = JSON.parse(JSON.stringify(base)) as TCriteriaSet;
  edit(copy);
  return parseCriteriaSet(copy);
}

function crit(s: TCriteriaSet, code: string): TCriterion {
  const c = s.criteria.find((x) => x.code === code);
  if (!c) throw new Error(`no ${code}`);
  return c;
}

function setTargets(s: TCriteriaSet, code: string, targets: unknown[]): void {
  (crit(s, code) as { targets: unknown[] }).targets = targets;
}

function onlyChanged(d: ReturnType<typeof diff>): CriterionDiff {
  expect(d.changed).toHaveLength(1);
  return d.changed[0]!;
}

/** The commune set with one criterion's targets replaced. */
const retargeted = (code: string, targets: unknown[]) => variant(COMMUNE, (s) => setTargets(s, code, targets));

/** The one change from the commune set to `retargeted(code, targets)`. */
const changeTo = (code: string, targets: unknown[]) => onlyChanged(diff(COMMUNE, retargeted(code, targets)));

/** KTS-04's targets at levels 3–5: at least `min` units, or all of them where `orAll`. */
const kts04 = (...levels: [number, boolean][]) => [null, null, ...levels.map(([min, orAll]) => ({ min, orAll }))];

describe("diff: identity", () => {
  it.each([
    ["commune", COMMUNE],
    ["district", DISTRICT],
  ])("diff(a, a) is empty (%s)", (_n, s) => {
    expect(diff(s, s)).toEqual({
      from: { id: s.id, version: "1.0" },
      to: { id: s.id, version: "1.0" },
      levels: [],
      added: [],
      removed: [],
      changed: [],
      summary: { added: 0, removed: 0, changed: 0, stricter: 0, looser: 0 },
    });
  });

  it("diff of a deep copy is empty too (compares content, not identity)", () => {
    const copy = variant(COMMUNE, () => {});
    const d = diff(COMMUNE, copy);
    expect([d.added, d.removed, d.changed, d.levels, d.title]).toEqual([[], [], [], [], undefined]);
  });
});

describe("diff: targets", () => {
  it("a raised percentage target is stricter", () => {
    const b = retargeted("CQS-02", [20, 30, 60, 80, 90]);
    const d = diff(COMMUNE, b);
    expect(onlyChanged(d)).toEqual({
      code: "CQS-02",
      name: crit(COMMUNE, "CQS-02").name,
      targets: [{ level: 3, from: "≥ 50%", to: "≥ 60%", change: "stricter" }],
      direction: "stricter",
    });
    expect(d.summary).toEqual({ added: 0, removed: 0, changed: 1, stricter: 1, looser: 0 });
  });

  it("a lowered target is looser", () => {
    const b = retargeted("CQS-07", [1, 1, 1, 1, 1]);
    const c = onlyChanged(diff(COMMUNE, b));
    expect(c.targets).toEqual([{ level: 5, from: "Tối thiểu 2 nhân sự", to: "Tối thiểu 1 nhân sự", change: "looser" }]);
    expect(c.direction).toBe("looser");
    expect(diff(COMMUNE, b).summary).toMatchObject({ stricter: 0, looser: 1 });
  });

  it("null → value is stricter, value → null is looser", () => {
    const b = retargeted("CQS-04", [null, true, true, true, true]);
    const c = onlyChanged(diff(COMMUNE, b));
    expect(c.targets).toEqual([{ level: 2, from: "Không áp dụng", to: "Có sử dụng hệ thống", change: "stricter" }]);
    expect(c.direction).toBe("stricter");
    // and back
    const back = onlyChanged(diff(b, COMMUNE));
    expect(back.targets).toEqual([{ level: 2, from: "Có sử dụng hệ thống", to: "Không áp dụng", change: "looser" }]);
    expect(back.direction).toBe("looser");
    // a percentage that stops applying at level 1
    const c2 = changeTo("CQS-01", [null, 60, 70, 100, 100]);
    expect(c2.targets).toEqual([{ level: 1, from: "≥ 50%", to: "Không áp dụng", change: "looser" }]);
  });

  it("one level up and another down is mixed", () => {
    const b = retargeted("CQS-02", [25, 30, 45, 80, 90]);
    const c = onlyChanged(diff(COMMUNE, b));
    expect(c.targets).toEqual([
      { level: 1, from: "≥ 20%", to: "≥ 25%", change: "stricter" },
      { level: 3, from: "≥ 50%", to: "≥ 45%", change: "looser" },
    ]);
    expect(c.direction).toBe("mixed");
    expect(diff(COMMUNE, b).summary).toMatchObject({ changed: 1, stricter: 0, looser: 0 });
  });

  it("countOrAll: dropping 'or 100%' is stricter, a lower minimum is looser", () => {
    const stricter = changeTo("KTS-04", kts04([1, false], [2, false], [3, false]));
    expect(stricter.targets).toEqual([
      {
        level: 5,
        from: "Có 3 doanh nghiệp, hợp tác xã trở lên hoặc 100% doanh nghiệp, hợp tác xã trên địa bàn",
        to: "Có 3 doanh nghiệp, hợp tác xã",
        change: "stricter",
      },
    ]);
    const looser = changeTo("KTS-04", kts04([1, false], [1, false], [3, true]));
    expect(looser.targets.map((t) => [t.level, t.change])).toEqual([[4, "looser"]]);
    // at an equal minimum, gaining "or 100%" is looser
    const a2 = retargeted("KTS-04", kts04([1, false], [2, false], [3, false]));
    expect(onlyChanged(diff(a2, COMMUNE)).targets.map((t) => [t.level, t.change])).toEqual([[5, "looser"]]);
  });

  it("childLevels: a share needing a higher level but a lower percent is 'changed'", () => {
    const b = variant(DISTRICT, (s) => {
      const t = crit(s, "CHUNG-01").targets as unknown[];
      t[1] = { allAtLeast: 1, share: { atLeast: 3, percent: 40 } };
    });
    const c = onlyChanged(diff(DISTRICT, b));
    expect(c.targets).toEqual([
      {
        level: 2,
        from: "100% xã, phường, thị trấn đạt từ mức 1 trở lên, trong đó tối thiểu 50% đạt mức 2",
        to: "100% xã, phường, thị trấn đạt từ mức 1 trở lên, trong đó tối thiểu 40% đạt mức 3",
        change: "changed",
      },
    ]);
    expect(c.direction).toBe("mixed");
  });
});

describe("diff: fields, added and removed", () => {
  it("renamed, method and unit changes", () => {
    const b = variant(COMMUNE, (s) => {
      const c = crit(s, "CQS-13");
      c.name = "Đài truyền thanh thông minh";
      c.method = "Kiểm tra thực tế.";
      c.unit = "Đài";
    });
    const c = onlyChanged(diff(COMMUNE, b));
    expect(c).toEqual({
      code: "CQS-13",
      name: "Đài truyền thanh thông minh",
      renamed: { from: crit(COMMUNE, "CQS-13").name, to: "Đài truyền thanh thông minh" },
      method: { from: crit(COMMUNE, "CQS-13").method, to: "Kiểm tra thực tế." },
      unit: { from: "Hệ thống", to: "Đài" },
      targets: [],
      direction: "unchanged",
    });
    expect(diff(COMMUNE, b).summary).toEqual({ added: 0, removed: 0, changed: 1, stricter: 0, looser: 0 });
  });

  it("legal basis, group, flags", () => {
    const b = variant(COMMUNE, (s) => {
      const c = crit(s, "KTS-03");
      c.legalBasis = ["Văn bản mới."];
      c.exemptWhenNoSubjects = false;
      c.local = true;
      c.group = "XHS";
    });
    const c = onlyChanged(diff(COMMUNE, b));
    expect(c.legalBasis).toEqual({ from: crit(COMMUNE, "KTS-03").legalBasis, to: ["Văn bản mới."] });
    expect(c.exemptWhenNoSubjects).toEqual({ from: true, to: false });
    expect(c.local).toEqual({ from: false, to: true });
    expect(c.group).toEqual({ from: "KTS", to: "XHS" });
    expect(c.targets).toEqual([]);
  });

  it("a measure change is reported with 'changed' targets", () => {
    const b = variant(COMMUNE, (s) => {
      const c = crit(s, "CQS-12") as unknown as Record<string, unknown>;
      c.measure = "minCount";
      c.subject = "camera";
      delete c.yesLabel;
      c.targets = [null, null, 1, 1, 2];
    });
    const c = onlyChanged(diff(COMMUNE, b));
    expect(c.measure).toEqual({ from: "boolean", to: "minCount" });
    expect(c.targets).toEqual([
      { level: 3, from: "Có hệ thống", to: "Tối thiểu 1 camera", change: "changed" },
      { level: 4, from: "Có hệ thống", to: "Tối thiểu 1 camera", change: "changed" },
      { level: 5, from: "Có hệ thống", to: "Tối thiểu 2 camera", change: "changed" },
    ]);
    expect(c.direction).toBe("mixed");
  });

  it("added and removed criteria, title and level names", () => {
    const b = variant(COMMUNE, (s) => {
      s.id = "ninh-binh-commune";
      s.version = "2.0";
      s.title = "Bộ tiêu chí cấp xã tỉnh Ninh Bình";
      s.levels[0]!.name = "Bắt đầu";
      s.criteria = s.criteria.filter((c) => c.code !== "XHS-09");
      s.criteria.push({
        code: "DP-01",
        group: "CQS",
        name: "Tỷ lệ hộ dùng ứng dụng du lịch số",
        unit: "%",
        measure: "percentage",
        subject: "hộ",
        method: "Khảo sát.",
        legalBasis: [],
        local: true,
        exemptWhenNoSubjects: false,
        targets: [null, null, 10, 20, 30],
      });
    });
    const d = diff(COMMUNE, b);
    expect(d.from).toEqual({ id: "vn-2361-commune", version: "1.0" });
    expect(d.to).toEqual({ id: "ninh-binh-commune", version: "2.0" });
    expect(d.title).toEqual({ from: COMMUNE.title, to: "Bộ tiêu chí cấp xã tỉnh Ninh Bình" });
    expect(d.levels).toEqual([{ level: 1, renamed: { from: "Khởi động", to: "Bắt đầu" } }]);
    expect(d.added).toEqual([{ code: "DP-01", name: "Tỷ lệ hộ dùng ứng dụng du lịch số", local: true }]);
    expect(d.removed).toEqual([{ code: "XHS-09", name: crit(COMMUNE, "XHS-09").name }]);
    expect(d.changed).toEqual([]);
    expect(d.summary).toEqual({ added: 1, removed: 1, changed: 0, stricter: 0, looser: 0 });
  });

  it("is antisymmetric: swapping a and b swaps added/removed and stricter/looser", () => {
    const b = variant(COMMUNE, (s) => {
      setTargets(s, "CQS-02", [20, 30, 60, 80, 90]);
      setTargets(s, "CQS-07", [1, 1, 1, 1, 1]);
      setTargets(s, "CQS-03", [65, 70, 75, 90, 100]);
      s.criteria = s.criteria.filter((c) => c.code !== "XHS-09");
    });
    const ab = diff(COMMUNE, b);
    const ba = diff(b, COMMUNE);
    expect(ab.summary).toEqual({ added: 0, removed: 1, changed: 3, stricter: 1, looser: 1 });
    expect(ba.summary).toEqual({ added: 1, removed: 0, changed: 3, stricter: 1, looser: 1 });
    const flip = { stricter: "looser", looser: "stricter", changed: "changed" } as const;
    for (const c of ab.changed) {
      const r = ba.changed.find((x) => x.code === c.code)!;
      expect(r.targets).toEqual(
        c.targets.map((t) => ({ level: t.level, from: t.to, to: t.from, change: flip[t.change] })),
      );
    }
    expect(ab.changed.map((c) => [c.code, c.direction])).toEqual([
      ["CQS-02", "stricter"],
      ["CQS-03", "mixed"],
      ["CQS-07", "looser"],
    ]);
  });
});
