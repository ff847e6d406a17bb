import { cleanup, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Me } from "@cds/ui";
import { renderWithProviders, stubGraphql } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { officer, provinceAdmin } from "../../test-users.ts";
import { RoundsPage } from "./RoundsPage.tsx";

const deadline = { daysLeft: 20, state: "OPEN" };
const round = (over: Record<string, unknown>) => ({
  id: "Um91bmQ6MjAyNg==",
  name: "Đánh giá cấp xã năm 2026",
  year: 2026,
  unitKind: "commune",
  submitDueAt: "2026-10-31",
  reviewDueAt: "2026-12-15",
  submitDeadline: deadline,
  reviewDeadline: deadline,
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
  },
  ...over,
});
const kinds = [
  { code: "province", name: "Cấp tỉnh", nameEn: "Province", parentCode: null },
  { code: "district", name: "Cấp huyện", nameEn: "District", parentCode: "province" },
  { code: "commune", name: "Cấp xã", nameEn: "Commune", parentCode: "district" },
];

function renderRounds(me: Me, r: ReturnType<typeof round>) {
  window.history.replaceState(null, "", `/rounds?year=${String(r.year)}`);
  stubGraphql({
    AdminRounds: { rounds: [r], unitKinds: kinds },
    AdminRoundSummary: {
      roundSummary: {
        units: 0,
        reviewQueue: 0,
        reviewQueueStatuses: ["SUBMITTED", "VERIFIED", "APPRAISED"],
        byStatus: [],
        byComputedLevel: [0, 0, 0, 0, 0, 0],
        byRecognisedLevel: [0, 0, 0, 0, 0, 0],
        recognisedBasicOrAbove: 0,
      },
    },
    AdminRoundAssessments: { assessments: { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } },
  });
  renderWithProviders(<RoundsPage me={me} />, catalogs);
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("a round's map and review chain", () => {
  it("names the two-tier map and its chain: the Sở verifies, the council appraises, UBND tỉnh recognises", async () => {
    renderRounds(provinceAdmin, round({}));
    expect(await screen.findByText("Đơn vị hành chính: Bản đồ hành chính 2 cấp (từ 01/07/2025)")).toBeTruthy();
    expect(screen.getByTestId("review-chain").textContent).toBe(
      "Xác minh: Sở KH&CN (cấp tỉnh) · Thẩm định: Hội đồng thẩm định (cấp tỉnh) · Công nhận: Lãnh đạo UBND tỉnh",
    );
  });

  it("names the three-tier map's chain: the level directly above the unit", async () => {
    const above = { roles: ["DISTRICT_OFFICER", "PROVINCE_ADMIN"], at: "PARENT" };
    renderRounds(
      officer,
      round({
        year: 2025,
        name: "Đánh giá cấp xã năm 2025",
        map: { id: "2025-03", name: "Bản đồ hành chính 3 cấp (01/03/2025)" },
        reviewChain: { verify: above, appraise: { roles: ["APPRAISER"], at: "PARENT" }, recognise: above },
      }),
    );
    expect(await screen.findByText("Đơn vị hành chính: Bản đồ hành chính 3 cấp (01/03/2025)")).toBeTruthy();
    expect(screen.getByTestId("review-chain").textContent).toBe(
      "Xác minh: Phòng VH&TT cấp huyện hoặc Sở KH&CN (cấp trên trực tiếp) · Thẩm định: Hội đồng thẩm định (cấp trên trực tiếp) · Công nhận: Phòng VH&TT cấp huyện hoặc Sở KH&CN (cấp trên trực tiếp)",
    );
  });
});
