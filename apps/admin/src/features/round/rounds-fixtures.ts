/** Test data of the rounds page: a round as `AdminRounds` answers it, the kinds, a summary, a list's rows. */
import type { RoundRow } from "./rounds-queries.ts";

const deadline = { daysLeft: 20, state: "OPEN" };

export const ROUND_ID = "Um91bmQ6MjAyNg==";

export const roundFixture = (over: Partial<RoundRow> = {}): RoundRow => ({
  id: ROUND_ID,
  name: "Đánh giá cấp xã năm 2026",
  year: 2026,
  unitKind: "commune",
  judgedBy: "levels",
  registerDueAt: null,
  submitDueAt: "2026-10-31",
  reviewDueAt: "2026-12-15",
  latePolicy: "FLAG",
  closedAt: null,
  submitDeadline: deadline as RoundRow["submitDeadline"],
  reviewDeadline: deadline as RoundRow["reviewDeadline"],
  setVersion: {
    id: "v",
    title: "Bộ tiêu chí cấp xã tỉnh Ninh Bình",
    version: "2.0",
    decisionNumber: null,
    decisionDate: null,
  },
  map: { id: "2025-07", name: "Bản đồ hành chính 2 cấp (từ 01/07/2025)" },
  reviewChain: {
    verify: { roles: ["PROVINCE_ADMIN"], at: "PROVINCE" },
    appraise: { roles: ["APPRAISER"], at: "PROVINCE" },
    recognise: { roles: ["PROVINCE_LEADER"], at: "PROVINCE" },
  } as RoundRow["reviewChain"],
  ...over,
});

export const kinds = [
  { code: "province", name: "Cấp tỉnh", nameEn: "Province", parentCode: null },
  { code: "district", name: "Cấp huyện", nameEn: "District", parentCode: "province" },
  { code: "commune", name: "Cấp xã", nameEn: "Commune", parentCode: "district" },
];

export const summaryAnswer = (byStatus: { status: string; count: number }[] = [], late = 0) => ({
  roundSummary: {
    units: byStatus.reduce((n, s) => n + s.count, 0),
    reviewQueue: 0,
    reviewQueueStatuses: ["SUBMITTED", "VERIFIED", "APPRAISED"],
    late,
    byStatus,
    byComputedLevel: [0, 0, 0, 0, 0, 0],
    byRecognisedLevel: [0, 0, 0, 0, 0, 0],
    recognisedBasicOrAbove: 0,
  },
});

/** One commune's row in a round's list (a level round; no extension, on time unless told). */
export function unitRow(
  code: string,
  name: string,
  status: string,
  over: { late?: boolean; extendedTo?: string; reason?: string; score?: unknown } = {},
) {
  const extensions = over.extendedTo
    ? [
        {
          id: `ext-${code}`,
          dueAt: over.extendedTo,
          reason: over.reason ?? "Đơn vị mới sáp nhập, cần thêm thời gian",
          createdAt: "2026-10-20T03:00:00.000Z",
        },
      ]
    : [];
  return {
    node: {
      id: `a-${code}`,
      status,
      registeredLevel: null,
      computedLevel: 0,
      appraisedLevel: null,
      recognisedLevel: null,
      submittedAt: status === "DRAFT" || status === "RETURNED" ? null : "2026-10-02T03:00:00.000Z",
      late: over.late ?? false,
      submitDeadline: { date: over.extendedTo ?? "2026-10-31", daysLeft: 20, state: "OPEN" },
      extensions,
      score: over.score ?? null,
      unit: { code, name, type: "Xã", parent: null },
    },
  };
}

/** A page of `assessments` (the list, or the ids "Cần xử lý"). */
export const page = (edges: unknown[]) => ({
  assessments: { pageInfo: { hasNextPage: false, endCursor: null }, edges },
});

/** The ids the API says the viewer may act on now. */
export const actionablePage = (ids: string[]) => page(ids.map((id) => ({ node: { id } })));

/** A signed decision's scan as the API answers it. */
export const decisionScan = (decisionNumber: string, over: Record<string, unknown> = {}) => ({
  id: `scan-${decisionNumber}`,
  decisionNumber,
  fileName: "qd-cong-nhan.pdf",
  mimeType: "application/pdf",
  size: 2048,
  createdAt: "2026-12-20T03:00:00.000Z",
  url: `/files/decision-scans/scan-${decisionNumber}.pdf`,
  ...over,
});

/** A recognised assessment as `AdminRoundDecisions` answers it: its decision number and day, its scan if any. */
export const recognisedRow = (
  id: string,
  recognitionDecision: string | null,
  recognitionDate: string | null,
  scan: ReturnType<typeof decisionScan> | null = null,
) => ({ node: { id, recognitionDecision, recognitionDate, decisionScan: scan } });
