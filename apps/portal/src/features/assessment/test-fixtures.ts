/**
 * A small criteria set with every measure kind, a unit editor and the assessment the API answers, for the component
 * tests; and a scored index (the built-in mau-dti-xa template) with the assessment the API answers for it.
 */
import { deadline } from "@cds/calendar";
import { evaluate, score, type ComponentValues, type IndicatorValues } from "@cds/criteria-core";
import { builtInSet, type TCriteriaSet } from "@cds/criteria-schema";
import type { Me } from "@cds/ui";

const base = {
  unit: "%",
  method: "Số đạt / tổng số.",
  legalBasis: ["Quyết định 2361/QĐ-BTTTT"],
  local: false,
  exemptWhenNoSubjects: false,
};

export const testSet: TCriteriaSet = {
  schemaVersion: 1,
  id: "ninh-binh-commune",
  version: "1.0",
  title: "Bộ tiêu chí cấp xã tỉnh Ninh Bình",
  issuer: { tenant: "ninh-binh", name: "UBND tỉnh Ninh Bình" },
  basedOn: null,
  unitKind: "commune",
  childUnitKind: "village",
  levels: [
    { rank: 1, code: "khoi-dong", name: "Khởi động", nameEn: "Starting" },
    { rank: 2, code: "ket-noi", name: "Kết nối", nameEn: "Connected" },
    { rank: 3, code: "co-ban", name: "Cơ bản", nameEn: "Basic" },
    { rank: 4, code: "nang-cao", name: "Nâng cao", nameEn: "Advanced" },
    { rank: 5, code: "toan-dien", name: "Toàn diện", nameEn: "Comprehensive" },
  ],
  groups: [
    { code: "CHUNG", name: "Chỉ tiêu chung" },
    { code: "CQS", name: "Chính quyền số" },
    { code: "KTS", name: "Kinh tế số" },
  ],
  criteria: [
    {
      ...base,
      code: "CHUNG-01",
      group: "CHUNG",
      name: "Mức độ của đơn vị cấp dưới",
      unit: "Đơn vị",
      measure: "childLevels",
      targets: [1, 1, 1, 1, 1].map(() => ({ allAtLeast: 0, share: null })),
    },
    {
      ...base,
      code: "CQS-02",
      group: "CQS",
      name: "Tỷ lệ hồ sơ trực tuyến toàn trình",
      subject: "hồ sơ",
      measure: "percentage",
      targets: [20, 30, 50, 80, 90],
    },
    {
      ...base,
      code: "CQS-07",
      group: "CQS",
      name: "Nhân sự chuyên trách",
      unit: "Nhân sự",
      subject: "nhân sự",
      measure: "minCount",
      targets: [1, 1, 1, 1, 2],
    },
    {
      ...base,
      code: "CQS-12",
      group: "CQS",
      name: "Hệ thống camera giám sát",
      unit: "Hệ thống",
      measure: "boolean",
      targets: [null, null, true, true, true],
    },
    {
      ...base,
      code: "KTS-03",
      group: "KTS",
      name: "Sản phẩm OCOP trên sàn (nếu có)",
      unit: "Sản phẩm",
      measure: "boolean",
      exemptWhenNoSubjects: true,
      targets: [null, true, true, true, true],
    },
    {
      ...base,
      code: "KTS-04",
      group: "KTS",
      name: "Doanh nghiệp ứng dụng công nghệ số",
      unit: "Doanh nghiệp",
      subject: "doanh nghiệp",
      measure: "countOrAll",
      targets: [null, null, { min: 1, orAll: false }, { min: 2, orAll: false }, { min: 3, orAll: true }],
    },
    {
      ...base,
      code: "KTS-05",
      group: "KTS",
      name: "Tổ chức thanh toán không dùng tiền mặt (nếu có)",
      subject: "tổ chức",
      measure: "percentage",
      exemptWhenNoSubjects: true,
      targets: [null, null, 50, 70, 100],
    },
  ],
};

export const me: Me = {
  id: "u1",
  name: "UBND xã Khánh Thiện",
  email: "xa.khanhthien@ninhbinh.gov.vn",
  roles: [
    {
      role: "UNIT_EDITOR",
      tenantId: "ninh-binh",
      unit: { id: "un1", code: "14563", name: "Xã Khánh Thiện", path: "37/375/14563", kind: { code: "commune" } },
    },
  ],
  // What the API answers for a commune's editor.
  capabilities: {
    adminLanding: "/rounds",
    portalLanding: "/my",
    adminSections: [],
    ownTenant: "ninh-binh",
    manageSets: false,
    readNational: false,
    decisionDocuments: false,
    minutesDocuments: false,
  },
};

export const initialValues: Record<string, unknown> = {
  "CHUNG-01": { childLevels: [3, 4] },
  "CQS-07": { count: 1 },
  "CQS-12": true,
  "KTS-03": true,
  "KTS-04": { count: 1, total: 4 },
  "KTS-05": { noSubjects: true },
};

export function assessment(
  opts: { version?: number; values?: Record<string, unknown>; status?: string; registeredLevel?: number | null } = {},
) {
  const values = opts.values ?? initialValues;
  const e = evaluate(testSet, values as IndicatorValues);
  const registeredLevel = opts.registeredLevel === undefined ? 3 : opts.registeredLevel;
  return {
    id: "A1",
    version: opts.version ?? 7,
    status: opts.status ?? "DRAFT",
    // What the API answers for the fixture's user, the commune's own editor.
    allowedActions: ["DRAFT", "RETURNED"].includes(opts.status ?? "DRAFT")
      ? ["registerLevel", "saveValues", "uploadEvidence", "deleteEvidence", "replaceEvidence", "submit"]
      : [],
    registeredLevel,
    computedLevel: e.level,
    selfAssessedLevel: null,
    appraisedLevel: null,
    recognisedLevel: null,
    recognitionDecision: null,
    recognitionDate: null,
    submittedAt: null,
    evaluation: e,
    values: Object.entries(values).map(([criterionCode, value]) => ({
      criterionCode,
      value,
      effectiveValue: value,
      note: null,
      verifiedValue: null,
      verifierComment: null,
      verifiedAt: null,
    })),
    evidence: [],
    comments: [],
    history: [],
    unit: {
      id: "un1",
      code: "14563",
      name: "Xã Khánh Thiện",
      type: "Xã",
      path: "37/375/14563",
      parent: { name: "Huyện Yên Khánh" },
      tenant: { code: "ninh-binh", name: "Ninh Bình" },
      // Untouched by the reform in this fixture: no lineage to show.
      validFrom: null,
      validTo: null,
      predecessors: [],
      successors: [],
      baseline: null,
    },
    round: { id: "r1", name: "Đánh giá năm 2026", year: 2026 },
    submitDeadline: deadline("2026-10-31"),
    // What the API answers: the criteria without a value that the registered level needs.
    submitProblems:
      registeredLevel === null
        ? [{ criterion: "", field: "registeredLevel", reason: "no_level", message: "", messageEn: "" }]
        : [...new Set(e.levels.slice(0, registeredLevel).flatMap((l) => l.missing))].map((code) => ({
            criterion: code,
            field: `values.${code}`,
            reason: "missing",
            message: "chưa nhập số liệu",
            messageEn: "no value entered",
          })),
    setVersion: {
      id: "v1",
      version: "1.0",
      decisionNumber: "215/QĐ-UBND",
      decisionDate: "2026-02-14",
      document: testSet,
      set: { title: testSet.title, tenant: { name: "Ninh Bình" } },
    },
  };
}

type AssessmentFixture = ReturnType<typeof assessment>;

/** An assessment's stored values by criterion code. */
export const valuesOf = (a: AssessmentFixture): Record<string, unknown> =>
  Object.fromEntries(a.values.map((x) => [x.criterionCode, x.value]));

/** The assessment once `values` are saved over its own, at `version`. */
export const savedOver = (a: AssessmentFixture, values: unknown, version: number) =>
  assessment({ version, values: { ...valuesOf(a), ...(values as object) } });

// ---------------------------------------------------------------------------
// A scored index (Bộ chỉ số): the built-in template mau-dti-xa, scored by criteria-core as the API does
// ---------------------------------------------------------------------------

/** The built-in commune index template: 47 components in 8 groups on 1,000 points. */
export const scoredSet: TCriteriaSet = builtInSet("mau-dti-xa")!;

export const scoredValues: Record<string, unknown> = {
  "NT-01": { points: 15 },
  "NT-02": true,
  "NT-04": { count: 7 },
  "TC-03": { numerator: 6, denominator: 10 },
  "HT-01": { numerator: 80, denominator: 100 },
  "NL-04": { notApplicable: true },
  "XH-03": { numerator: 63, denominator: 100 },
};

/** The assessment the API answers for a scored set: values by component, its score, no level, no evaluation. */
export function scoredAssessment(
  opts: {
    version?: number;
    values?: Record<string, unknown>;
    status?: string;
    set?: TCriteriaSet;
    comments?: { id: string; criterionCode: string | null; body: string; createdAt: string; needsEvidence: boolean }[];
  } = {},
) {
  const set = opts.set ?? scoredSet;
  const values = opts.values ?? scoredValues;
  const s = score(set, values as ComponentValues);
  const base = assessment({ version: opts.version, status: opts.status, values: {}, registeredLevel: null });
  return {
    ...base,
    registeredLevel: null,
    computedLevel: s.level ?? 0,
    evaluation: null,
    score: s,
    finalScore: null,
    values: Object.entries(values).map(([criterionCode, value]) => ({
      criterionCode,
      value,
      effectiveValue: value,
      note: null,
      verifiedValue: null,
      verifierComment: null,
      verifiedAt: null,
    })),
    comments: opts.comments ?? [],
    // What the API answers: every component without a value (none is registered for a scored index).
    submitProblems: s.missing.map((code) => ({
      criterion: code,
      field: `values.${code}`,
      reason: "missing",
      message: "chưa nhập số liệu",
      messageEn: "no value entered",
    })),
    setVersion: {
      ...base.setVersion,
      id: "v-dti",
      document: set,
      set: { title: set.title, tenant: { name: "Ninh Bình" } },
    },
  };
}

type ScoredFixture = ReturnType<typeof scoredAssessment>;

/** The scored assessment once `values` are saved over its own, at `version`. */
export const scoredSavedOver = (a: ScoredFixture, values: unknown, version: number, set?: TCriteriaSet) => {
  const merged: Record<string, unknown> = { ...valuesOf(a as unknown as AssessmentFixture), ...(values as object) };
  for (const k of Object.keys(merged)) if (merged[k] === null) delete merged[k];
  return scoredAssessment({ version, values: merged, set });
};
