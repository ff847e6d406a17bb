/**
 * The national framework of Decision 2361/QĐ-BTTTT (Phụ lục I and II) as data.
 * The expected tables below were written independently from the decision,
 * row by row, and are compared with the data files.
 */
import { describe, it, expect } from "vitest";
import { vn2361Commune } from "./national/vn-2361-commune.ts";
import { vn2361District } from "./national/vn-2361-district.ts";
import { ZCriteriaSet } from "./schema.ts";

const N = null;
const T = true;

type Row = readonly [code: string, measure: string, unit: string, targets: readonly unknown[]];

const COMMUNE_KTS_04_TARGETS = [
  null,
  null,
  { min: 1, orAll: false },
  { min: 2, orAll: false },
  { min: 3, orAll: true },
];

const DISTRICT_CHUNG_01_TARGETS = [
  { allAtLeast: 1, share: null },
  { allAtLeast: 1, share: { atLeast: 2, percent: 50 } },
  { allAtLeast: 2, share: { atLeast: 3, percent: 50 } },
  { allAtLeast: 3, share: { atLeast: 4, percent: 50 } },
  { allAtLeast: 4, share: { atLeast: 5, percent: 50 } },
];

// Phụ lục I — cấp xã.
const COMMUNE_ROWS: readonly Row[] = [
  ["CQS-01", "percentage", "%", [50, 60, 70, 100, 100]],
  ["CQS-02", "percentage", "%", [20, 30, 50, 80, 90]],
  ["CQS-03", "percentage", "%", [60, 70, 80, 90, 100]],
  ["CQS-04", "boolean", "Chế độ báo cáo", [N, N, T, T, T]],
  ["CQS-05", "boolean", "Nền tảng", [N, N, N, T, T]],
  ["CQS-06", "percentage", "%", [50, 60, 80, 100, 100]],
  ["CQS-07", "minCount", "Nhân sự", [1, 1, 1, 1, 2]],
  ["CQS-08", "percentage", "%", [50, 60, 70, 80, 90]],
  ["CQS-09", "percentage", "%", [N, N, 100, 100, 100]],
  ["CQS-10", "percentage", "%", [N, N, 50, 70, 100]],
  ["CQS-11", "percentage", "%", [N, 40, 60, 80, 100]],
  ["CQS-12", "boolean", "Hệ thống", [N, N, T, T, T]],
  ["CQS-13", "boolean", "Hệ thống", [N, N, T, T, T]],
  ["CQS-14", "boolean", "Điểm phục vụ", [N, T, T, T, T]],
  ["CQS-15", "boolean", "Kết nối", [N, N, T, T, T]],
  ["CQS-16", "boolean", "Trang", [N, N, T, T, T]],
  ["CQS-17", "boolean", "Hệ thống", [N, N, T, T, T]],
  ["CQS-18", "boolean", "Hệ thống", [N, N, T, T, T]],
  ["CQS-19", "boolean", "Nền tảng", [N, N, T, T, T]],
  ["CQS-20", "boolean", "Chương trình, kế hoạch", [N, N, T, T, T]],
  ["CQS-21", "boolean", "Diễn đàn", [N, N, T, T, T]],
  ["CQS-22", "boolean", "Hệ thống", [N, N, N, T, T]],
  ["CQS-23", "boolean", "Nền tảng", [N, N, N, T, T]],
  ["CQS-24", "boolean", "Nền tảng", [N, N, N, T, T]],
  ["KTS-01", "percentage", "%", [20, 30, 40, 50, 70]],
  ["KTS-02", "percentage", "%", [30, 40, 50, 70, 90]],
  ["KTS-03", "boolean", "Sản phẩm", [N, T, T, T, T]],
  ["KTS-04", "countOrAll", "Doanh nghiệp, hợp tác xã", COMMUNE_KTS_04_TARGETS],
  ["KTS-05", "percentage", "%", [N, N, 50, 70, 100]],
  ["XHS-01", "percentage", "%", [50, 60, 70, 80, 100]],
  ["XHS-02", "percentage", "%", [50, 60, 70, 80, 100]],
  ["XHS-03", "percentage", "%", [20, 30, 40, 50, 60]],
  ["XHS-04", "percentage", "%", [40, 50, 60, 70, 80]],
  ["XHS-05", "percentage", "%", [10, 30, 50, 70, 90]],
  ["XHS-06", "percentage", "%", [60, 70, 80, 90, 100]],
  ["XHS-07", "percentage", "%", [N, 80, 90, 100, 100]],
  ["XHS-08", "boolean", "Hệ thống", [N, N, T, T, T]],
  ["XHS-09", "boolean", "Mô hình", [N, N, T, T, T]],
];

// Phụ lục II — cấp huyện.
const DISTRICT_ROWS: readonly Row[] = [
  ["CHUNG-01", "childLevels", "%", DISTRICT_CHUNG_01_TARGETS],
  ["CQS-01", "percentage", "%", [70, 80, 90, 100, 100]],
  ["CQS-02", "percentage", "%", [20, 30, 40, 80, 90]],
  ["CQS-03", "percentage", "%", [75, 85, 95, 100, 100]],
  ["CQS-04", "boolean", "Chế độ báo cáo", [N, N, N, T, T]],
  ["CQS-05", "boolean", "Nền tảng", [N, N, N, T, T]],
  ["CQS-06", "percentage", "%", [50, 60, 80, 100, 100]],
  ["CQS-07", "boolean", "Kết nối", [N, N, T, T, T]],
  ["CQS-08", "percentage", "%", [50, 60, 70, 80, 90]],
  ["CQS-09", "percentage", "%", [50, 70, 90, 100, 100]],
  ["CQS-10", "percentage", "%", [10, 20, 30, 50, 70]],
  ["CQS-11", "percentage", "%", [20, 40, 60, 80, 100]],
  ["CQS-12", "boolean", "Có/ không", [T, T, T, T, T]],
  ["CQS-13", "minCount", "Hệ thống", [N, N, N, 1, 3]],
  ["CQS-14", "minCount", "Hệ thống", [N, N, N, 1, 3]],
  ["CQS-15", "boolean", "Đài truyền thanh, truyền hình", [N, N, T, T, T]],
  ["CQS-16", "percentage", "%", [N, 50, 60, 70, 80]],
  ["CQS-17", "boolean", "Điểm", [N, N, T, T, T]],
  ["CQS-18", "boolean", "Trang TTĐT", [T, T, T, T, T]],
  ["CQS-19", "boolean", "Hệ thống", [N, N, T, T, T]],
  ["CQS-20", "boolean", "Hệ thống", [N, N, N, T, T]],
  ["CQS-21", "boolean", "Hệ thống", [N, N, T, T, T]],
  ["CQS-22", "boolean", "Nền tảng", [N, N, T, T, T]],
  ["KTS-01", "percentage", "%", [30, 50, 70, 80, 90]],
  ["KTS-02", "percentage", "%", [20, 40, 60, 70, 80]],
  ["KTS-03", "percentage", "%", [10, 20, 30, 40, 50]],
  ["KTS-04", "percentage", "%", [N, 50, 60, 70, 100]],
  ["KTS-05", "percentage", "%", [60, 70, 80, 90, 100]],
  ["KTS-06", "boolean", "Nền tảng", [N, N, N, T, T]],
  ["XHS-01", "percentage", "%", [70, 80, 90, 100, 100]],
  ["XHS-02", "percentage", "%", [10, 30, 50, 60, 80]],
  ["XHS-03", "percentage", "%", [N, N, 50, 60, 80]],
  ["XHS-04", "percentage", "%", [N, N, 50, 100, 100]],
];

// How the decision words each "yes" target.
const COMMUNE_YES_LABELS: Record<string, string> = {
  "CQS-04": "Có sử dụng hệ thống",
  "CQS-05": "Có triển khai nền tảng",
  "CQS-12": "Có hệ thống",
  "CQS-13": "Có hệ thống",
  "CQS-14": "Có điểm phục vụ",
  "CQS-15": "Có kết nối",
  "CQS-16": "Có trang thông tin điện tử",
  "CQS-17": "Có hệ thống",
  "CQS-18": "Có ứng dụng hệ thống",
  "CQS-19": "Có nền tảng",
  "CQS-20": "Có kế hoạch",
  "CQS-21": "Có diễn đàn, nhóm công tác",
  "CQS-22": "Có ứng dụng hệ thống",
  "CQS-23": "Có nền tảng",
  "CQS-24": "Có nền tảng",
  "KTS-03": "Có sản phẩm",
  "XHS-08": "Có hệ thống",
  "XHS-09": "Có mô hình",
};

const DISTRICT_YES_LABELS: Record<string, string> = {
  "CQS-04": "Có sử dụng hệ thống",
  "CQS-05": "Có triển khai nền tảng",
  "CQS-07": "Có kết nối",
  "CQS-12": "Có",
  "CQS-15": "Đài truyền thanh, truyền hình có ứng dụng",
  "CQS-17": "Có điểm",
  "CQS-18": "Có Trang TTĐT",
  "CQS-19": "Có hệ thống",
  "CQS-20": "Có hệ thống",
  "CQS-21": "Có hệ thống",
  "CQS-22": "Có nền tảng",
  "KTS-06": "Có triển khai nền tảng",
};

const seq = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(2, "0")}`);

const COMMUNE_CODES = [...seq("CQS", 24), ...seq("KTS", 5), ...seq("XHS", 9)];
const DISTRICT_CODES = [...seq("CHUNG", 1), ...seq("CQS", 22), ...seq("KTS", 6), ...seq("XHS", 4)];

const cases = [
  {
    label: "commune (Phụ lục I)",
    set: vn2361Commune,
    id: "vn-2361-commune",
    unitKind: "commune",
    childUnitKind: null,
    groupCounts: { CQS: 24, KTS: 5, XHS: 9 },
    total: 38,
    codes: COMMUNE_CODES,
    rows: COMMUNE_ROWS,
    yesLabels: COMMUNE_YES_LABELS,
    exempt: ["KTS-03"],
  },
  {
    label: "district (Phụ lục II)",
    set: vn2361District,
    id: "vn-2361-district",
    unitKind: "district",
    childUnitKind: "commune",
    groupCounts: { CHUNG: 1, CQS: 22, KTS: 6, XHS: 4 },
    total: 33,
    codes: DISTRICT_CODES,
    rows: DISTRICT_ROWS,
    yesLabels: DISTRICT_YES_LABELS,
    exempt: ["KTS-05"],
  },
] as const;

describe.each(cases)("national framework 2361 — $label", (c) => {
  const parsed = ZCriteriaSet.safeParse(c.set);

  it("parses with ZCriteriaSet", () => {
    expect(parsed.error).toBeUndefined();
    expect(parsed.success).toBe(true);
  });

  it("has the expected header", () => {
    expect(c.set.id).toBe(c.id);
    expect(c.set.schemaVersion).toBe(1);
    expect(c.set.version).toBe("1.0");
    expect(c.set.unitKind).toBe(c.unitKind);
    expect(c.set.childUnitKind).toBe(c.childUnitKind);
    expect(c.set.basedOn).toBeNull();
    expect(c.set.levels).toHaveLength(5);
    expect(c.set.groups.map((g) => g.code)).toEqual(Object.keys(c.groupCounts));
  });

  it("has the expected number of criteria per group", () => {
    const counts: Record<string, number> = {};
    for (const cr of c.set.criteria) counts[cr.group] = (counts[cr.group] ?? 0) + 1;
    expect(counts).toEqual(c.groupCounts);
    expect(c.set.criteria).toHaveLength(c.total);
  });

  it("has the expected codes, in order, unique, matching their group", () => {
    const codes = c.set.criteria.map((cr) => cr.code);
    expect(codes).toEqual(c.codes);
    expect(new Set(codes).size).toBe(codes.length);
    for (const cr of c.set.criteria) expect(cr.code.startsWith(`${cr.group}-`)).toBe(true);
  });

  it("matches the decision row by row: measure, unit and all five targets", () => {
    expect(c.rows.map((r) => r[0])).toEqual(c.codes);
    const actual = c.set.criteria.map((cr) => [cr.code, cr.measure, cr.unit, cr.targets]);
    expect(actual).toEqual(c.rows.map((r) => [r[0], r[1], r[2], r[3]]));
  });

  it("keeps the decision's wording of yes-type targets", () => {
    const labels: Record<string, string | undefined> = {};
    for (const cr of c.set.criteria) if (cr.measure === "boolean") labels[cr.code] = cr.yesLabel;
    expect(labels).toEqual(c.yesLabels);
  });

  it("marks only the '(nếu có)' criteria exempt and none local", () => {
    expect(parsed.success).toBe(true);
    const criteria = parsed.data?.criteria ?? [];
    expect(criteria.filter((cr) => cr.exemptWhenNoSubjects).map((cr) => cr.code)).toEqual(c.exempt);
    for (const cr of criteria) {
      expect(cr.exemptWhenNoSubjects).toBe(cr.name.includes("(nếu có)"));
      expect(cr.local).toBe(false);
    }
  });

  it("has non-empty text for every criterion", () => {
    for (const cr of c.set.criteria) {
      for (const s of [cr.name, cr.unit, cr.method, ...cr.legalBasis]) {
        expect(s.trim()).toBe(s);
        expect(s).not.toMatch(/\s{2,}|\n/);
        expect(s.length).toBeGreaterThan(0);
      }
      expect(cr.legalBasis.length).toBeGreaterThan(0);
    }
  });
});

describe("special targets", () => {
  it("commune KTS-04: 1, 2, then 3 or 100% of enterprises and cooperatives", () => {
    const cr = vn2361Commune.criteria.find((x) => x.code === "KTS-04");
    expect(cr?.measure).toBe("countOrAll");
    expect(cr?.subject).toBe("doanh nghiệp, hợp tác xã");
    expect(cr?.targets).toEqual([
      null,
      null,
      { min: 1, orAll: false },
      { min: 2, orAll: false },
      { min: 3, orAll: true },
    ]);
  });

  it("district CHUNG-01: computed from the recognised levels of its communes", () => {
    const cr = vn2361District.criteria.find((x) => x.code === "CHUNG-01");
    expect(cr?.measure).toBe("childLevels");
    expect(cr?.unit).toBe("%");
    expect(cr?.subject).toBe("xã, phường, thị trấn");
    expect(cr?.targets).toEqual([
      { allAtLeast: 1, share: null },
      { allAtLeast: 1, share: { atLeast: 2, percent: 50 } },
      { allAtLeast: 2, share: { atLeast: 3, percent: 50 } },
      { allAtLeast: 3, share: { atLeast: 4, percent: 50 } },
      { allAtLeast: 4, share: { atLeast: 5, percent: 50 } },
    ]);
    expect(cr?.method).toBe(
      "Tính từ mức độ chuyển đổi số đã được công nhận của các xã, phường, thị trấn thuộc địa bàn.",
    );
    expect(cr?.legalBasis).toEqual([
      "Quyết định số 2361/QĐ-BTTTT ngày 31/12/2024 của Bộ trưởng Bộ Thông tin và Truyền thông.",
    ]);
  });

  it("exempt flags are set exactly on commune KTS-03 and district KTS-05", () => {
    const exemptOf = (set: { criteria: readonly { code: string; exemptWhenNoSubjects?: boolean }[] }) =>
      set.criteria.filter((x) => x.exemptWhenNoSubjects === true).map((x) => x.code);
    expect(exemptOf(vn2361Commune)).toEqual(["KTS-03"]);
    expect(exemptOf(vn2361District)).toEqual(["KTS-05"]);
  });
});
