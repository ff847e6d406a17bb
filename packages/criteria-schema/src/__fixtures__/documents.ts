/**
 * Test documents shared by the language's and the engine's tests (exported as
 * "@cds/criteria-schema/fixtures/documents.ts"): the fields every set needs, a small points set, and
 * the published values of one province in the national DTI.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- documents are built and broken loosely in tests
export type Doc = any;

/**
 * Cần Thơ 2022 (rank 5) in the national provincial DTI (vn-dti-province-2022): its main indices as
 * published on dti.gov.vn (CONTEXT-2026.md §2); DTTM not given. It scores exactly 0.692395.
 */
export const CAN_THO_2022 = {
  NTS: 0.9,
  TCS: 0.8,
  HTS: 0.7233,
  NLS: 0.7376,
  ATTT: 0.7226,
  CQS: 0.7325,
  KTS: 0.7556,
  XHS: 0.2947,
};

/** A set document with what every set needs; `fields` gives its own (id, unitKind, criteria or scoring…). */
export function testDocument(fields: Record<string, unknown>): Doc {
  return {
    schemaVersion: 1,
    id: "test-set",
    version: "1.0",
    title: "Bộ thử",
    issuer: { tenant: "test", name: "Test" },
    basedOn: null,
    unitKind: "commune",
    ...fields,
  };
}

/** Levels 1…n, coded muc-i and named "Mức i". */
export const testLevels = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ rank: i + 1, code: `muc-${i + 1}`, name: `Mức ${i + 1}` }));

/** A scored component with the method and data source every component needs. */
export const testComponent = (code: string, max: number, rule: unknown, extra: Record<string, unknown> = {}) => ({
  code,
  name: code,
  max,
  rule,
  method: "m",
  dataSource: "d",
  ...extra,
});

/**
 * A small valid points set: A (yes/no 20, may not apply + percentage bands 40) and
 * B (ratio 30 with floor and cap + appraised 10): 60 + 40 = 100.
 */
export function miniIndexDoc(): Doc {
  return testDocument({
    id: "mini-index",
    title: "Bộ chỉ số thử",
    issuer: { tenant: "thu", name: "UBND tỉnh Thử" },
    judgedBy: "points",
    scoring: {
      total: { max: 100, method: "sum" },
      notApplicable: "removeFromMax",
      decimals: 2,
      groups: [
        {
          code: "A",
          name: "Nhóm A",
          max: 60,
          components: [
            testComponent("A-01", 20, { kind: "yesNo" }, { name: "Có hệ thống", mayNotApply: true }),
            testComponent(
              "A-02",
              40,
              {
                kind: "bands",
                on: "percentage",
                bands: [
                  { atLeast: 90, points: 40 },
                  { atLeast: 70, points: 20 },
                ],
              },
              { name: "Tỷ lệ hộ có cáp quang", subject: "hộ" },
            ),
          ],
        },
        {
          code: "B",
          name: "Nhóm B",
          max: 40,
          components: [
            testComponent("B-01", 30, { kind: "ratio", floor: 20, cap: 80 }, { name: "Tỷ lệ hồ sơ", subject: "hồ sơ" }),
            testComponent("B-02", 10, { kind: "appraised", step: 2.5 }, { name: "Chấm" }),
          ],
        },
      ],
    },
  });
}
