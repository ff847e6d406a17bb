/** Test data and a fetch stub that answers GraphQL operations by name and records every call. */
import { stubGraphql } from "@cds/ui/testing";
import type { AssessmentDetail } from "./queries.ts";

export type { Call } from "@cds/ui/testing";

/** Stubs fetch: each operation name maps to a function returning `data`. Unknown operations fail the test loudly. */
export const mockApi = (handlers: Record<string, (variables: Record<string, unknown>, n: number) => unknown>) =>
  stubGraphql(handlers).calls;

export { ministry, officer } from "../../test-users.ts";

const levels = (met: number) =>
  [1, 2, 3, 4, 5].map((l) => ({
    level: l,
    name: ["Khởi động", "Kết nối", "Cơ bản", "Nâng cao", "Toàn diện"][l - 1]!,
    met: l <= met,
    failing: l <= met ? [] : ["CQS-02"],
    missing: [],
    exempt: [],
  }));

/** What the API answers as `allowedActions` for the fixture's user, Yên Khánh's district officer, by status. */
const OFFICER_ACTIONS: Record<string, AssessmentDetail["allowedActions"]> = {
  SUBMITTED: ["return", "verifyValue", "verify"],
  VERIFIED: ["return"],
  APPRAISED: ["return", "recognise"],
};

export function assessment(over: Partial<AssessmentDetail> = {}): AssessmentDetail {
  const status = over.status ?? "SUBMITTED";
  return {
    allowedActions: OFFICER_ACTIONS[status] ?? [],
    id: "QXNzZXNzbWVudDph",
    status: "SUBMITTED",
    version: 5,
    registeredLevel: 3,
    computedLevel: 2,
    selfAssessedLevel: 2,
    appraisedLevel: null,
    recognisedLevel: null,
    recognitionDecision: null,
    recognitionDate: null,
    submittedAt: "2025-10-02T03:00:00.000Z",
    recognisedAt: null,
    late: false,
    submitDeadline: { date: "2025-10-31" },
    extensions: [],
    selfScore: null,
    score: null,
    finalScore: null,
    unit: {
      id: "VW5pdDp1XzE0NTY2",
      code: "14566",
      name: "Khánh Hội",
      type: "Xã",
      path: "37/375/14566",
      parent: { name: "Huyện Yên Khánh", path: "37/375" },
      tenant: { code: "ninh-binh", name: "Ninh Bình" },
      validFrom: null,
      validTo: null,
      predecessors: [],
      successors: [],
      baseline: null,
    },
    round: {
      id: "Um91bmQ6cg==",
      name: "Đánh giá cấp xã năm 2025",
      year: 2025,
      unitKind: "commune",
      submitDueAt: "2025-10-31",
      reviewDueAt: "2025-12-15",
    },
    setVersion: {
      id: "VmVyc2lvbjp2",
      judgedBy: "levels",
      title: "Bộ tiêu chí cấp xã tỉnh Ninh Bình",
      version: "1.0",
      decisionNumber: "215/QĐ-UBND",
      decisionDate: "2025-02-14",
      criteria: [
        {
          code: "CQS-02",
          group: "CQS",
          name: "Tỷ lệ hồ sơ trực tuyến toàn trình",
          measure: "percentage",
          unit: "%",
          targetLabels: ["≥ 30%", "≥ 40%", "≥ 60%", "≥ 80%", "≥ 90%"],
          exemptWhenNoSubjects: false,
          local: false,
        },
        {
          code: "CQS-12",
          group: "CQS",
          name: "Có hệ thống họp trực tuyến",
          measure: "boolean",
          unit: "",
          targetLabels: ["Có", "Có", "Có", "Có", "Có"],
          exemptWhenNoSubjects: false,
          local: false,
        },
        {
          code: "CQS-07",
          group: "CQS",
          name: "Nhân sự chuyên trách CĐS",
          measure: "minCount",
          unit: "người",
          targetLabels: ["Tối thiểu 1", "Tối thiểu 1", "Tối thiểu 1", "Tối thiểu 2", "Tối thiểu 2"],
          exemptWhenNoSubjects: false,
          local: false,
        },
        {
          code: "KTS-04",
          group: "KTS",
          name: "Doanh nghiệp dùng hoá đơn điện tử",
          measure: "countOrAll",
          unit: "",
          targetLabels: ["Không áp dụng", "Có 1", "Có 3", "Có 5", "Có 7"],
          exemptWhenNoSubjects: false,
          local: false,
        },
      ],
    },
    values: [
      {
        criterionCode: "CQS-02",
        value: { numerator: 21, denominator: 50 },
        verifiedValue: null,
        verifierComment: null,
        verifiedAt: null,
        effectiveValue: { numerator: 21, denominator: 50 },
        note: null,
      },
      {
        criterionCode: "CQS-12",
        value: true,
        verifiedValue: null,
        verifierComment: null,
        verifiedAt: null,
        effectiveValue: true,
        note: null,
      },
      {
        criterionCode: "CQS-07",
        value: { count: 1 },
        verifiedValue: null,
        verifierComment: null,
        verifiedAt: null,
        effectiveValue: { count: 1 },
        note: null,
      },
      {
        criterionCode: "KTS-04",
        value: { count: 1, total: 4 },
        verifiedValue: null,
        verifierComment: null,
        verifiedAt: null,
        effectiveValue: { count: 1, total: 4 },
        note: null,
      },
    ],
    evidence: [
      {
        id: "ev1",
        criterionCode: "CQS-02",
        fileName: "bao-cao-dvc.pdf",
        mimeType: "application/pdf",
        size: 20480,
        createdAt: "2025-09-30T03:00:00.000Z",
      },
    ],
    comments: [],
    commentFlags: [],
    history: [
      {
        id: "1",
        at: "2025-10-02T03:00:00.000Z",
        action: "assessment.submit",
        actorId: "user-xa",
        actorKind: "user",
        before: { status: "DRAFT" },
        after: { status: "SUBMITTED", registeredLevel: 3 },
      },
    ],
    evaluation: {
      level: 2,
      levelName: "Kết nối",
      levelNameEn: "Connected",
      levels: levels(2),
      criteria: [
        { code: "CQS-02", results: ["pass", "pass", "fail", "fail", "fail"] },
        { code: "CQS-12", results: ["pass", "pass", "pass", "pass", "pass"] },
        { code: "CQS-07", results: ["pass", "pass", "pass", "fail", "fail"] },
        { code: "KTS-04", results: ["na", "pass", "fail", "fail", "fail"] },
      ],
    },
    ...over,
  };
}

/** What `AdminAssessmentGaps` answers for the fixture: CQS-02 short of the registered level 3. */
export const gapsAnswer = () => ({
  assessment: {
    id: "QXNzZXNzbWVudDph",
    gaps: [
      {
        code: "CQS-02",
        name: "Tỷ lệ hồ sơ trực tuyến toàn trình",
        level: 3,
        status: "fail",
        current: "42% (21/50)",
        target: "≥ 60%",
        message: "CQS-02: cần ≥ 60%, hiện 42% (21/50) — thêm 9 hồ sơ",
        messageEn: "",
      },
    ],
  },
});
