import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Me } from "@cds/ui";
import { renderWithProviders, stubGraphql } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { officer, provinceAdmin } from "../../test-users.ts";
import { score, type ComponentValues } from "@cds/criteria-core";
import { RoundsPage } from "./RoundsPage.tsx";
import { actionablePage, kinds, page, roundFixture, summaryAnswer } from "./rounds-fixtures.ts";
import type { RoundRow } from "./rounds-queries.ts";
import { DTI_SET, enteredValues } from "./scored-fixtures.ts";

const round = (over: Record<string, unknown>) => roundFixture(over as Partial<RoundRow>);
const summary = (byStatus: { status: string; count: number }[] = []) => summaryAnswer(byStatus);

function renderRounds(me: Me, r: ReturnType<typeof round>, edges: unknown[] = [], byStatus = summary()) {
  window.history.replaceState(null, "", `/rounds?year=${String(r.year)}`);
  stubGraphql({
    AdminRounds: { rounds: [r], unitKinds: kinds },
    AdminRoundSummary: byStatus,
    AdminRoundAssessments: page(edges),
    AdminActionableAssessments: actionablePage([]),
    AdminRoundDecisions: page([]),
  });
  renderWithProviders(<RoundsPage me={me} />, catalogs);
}

/** A commune's row in a round's list, with its current score as criteria-core gives it for `values`. */
function row(code: string, name: string, status: string, values: Record<string, unknown> | null) {
  const s = values && score(DTI_SET, values as ComponentValues);
  return {
    node: {
      id: `a-${code}`,
      status,
      registeredLevel: null,
      computedLevel: 0,
      appraisedLevel: null,
      recognisedLevel: null,
      submittedAt: status === "DRAFT" ? null : "2026-10-02T03:00:00.000Z",
      late: false,
      submitDeadline: { date: "2026-10-31", daysLeft: 20, state: "OPEN" },
      extensions: [],
      score: s && {
        score: s.score,
        scoreText: s.scoreText,
        maxScore: s.maxScore,
        level: s.level,
        levelName: s.levelName,
      },
      unit: { code, name, type: "Xã", parent: null },
    },
  };
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

describe("how a round judges", () => {
  it("badges a level round 'Mức độ' and keeps its level charts", async () => {
    renderRounds(provinceAdmin, round({}));
    expect(
      (await screen.findByRole("heading", { name: "Đánh giá cấp xã năm 2026" })).parentElement!.textContent,
    ).toContain("Mức độ");
    expect(screen.getByRole("button", { name: "Cấp xã Mức độ" }).getAttribute("aria-pressed")).toBe("true");
    expect(await screen.findByText("Theo mức số liệu đạt được (tự tính)")).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Xếp hạng" })).toBeNull();
    expect(screen.getByRole("columnheader", { name: /Mức đăng ký/ })).toBeTruthy();
  });

  it("badges a scored round 'Chấm điểm', links its ranking, shows the spread of current scores and no level charts", async () => {
    // The current scores are criteria-core's: the entered values give 749,98; with NT-01 and AT-04 at 0 of 20 and HT-02 (24) not met, 685,98.
    const entered = enteredValues();
    const lower = { ...entered, "NT-01": { points: 0 }, "AT-04": { points: 0 }, "HT-02": false };
    renderRounds(
      provinceAdmin,
      round({ name: "Chỉ số chuyển đổi số cấp xã năm 2026", judgedBy: "points" }),
      [
        row("14566", "Xã Khánh Hội", "SUBMITTED", entered),
        row("14569", "Xã Khánh Lợi", "RECOGNISED", lower),
        row("14572", "Xã Khánh Cường", "VERIFIED", {}),
        // Neither a draft's score nor a returned one's is counted (the units "submitted" counts).
        row("14575", "Xã Khánh Thiện", "DRAFT", { "NT-02": true }),
        row("14578", "Xã Khánh Trung", "RETURNED", { "NT-02": false }),
      ],
      summary([
        { status: "DRAFT", count: 1 },
        { status: "SUBMITTED", count: 1 },
        { status: "RETURNED", count: 1 },
        { status: "VERIFIED", count: 1 },
        { status: "RECOGNISED", count: 1 },
      ]),
    );
    const heading = await screen.findByRole("heading", { name: "Chỉ số chuyển đổi số cấp xã năm 2026" });
    expect(within(heading.parentElement!).getByTestId("judged-by").textContent).toBe("Chấm điểm");
    expect(screen.getByRole("button", { name: "Cấp xã Chấm điểm" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Xếp hạng" }).getAttribute("href")).toBe(
      "/rounds/Um91bmQ6MjAyNg%3D%3D/ranking",
    );
    expect(
      await screen.findByText("Điểm hiện tại của các đơn vị đã nộp hồ sơ (3 đơn vị, trên 1.000 điểm)"),
    ).toBeTruthy();
    expect(screen.getByTestId("spread-min").textContent).toBe("0,00");
    expect(screen.getByTestId("spread-median").textContent).toBe("685,98");
    expect(screen.getByTestId("spread-max").textContent).toBe("749,98");
    // Units by status stay; a points round has no levels to chart.
    expect(screen.getByText("Đơn vị theo trạng thái hồ sơ")).toBeTruthy();
    expect(screen.queryByText("Theo mức số liệu đạt được (tự tính)")).toBeNull();
    expect(screen.queryByText(/Theo mức đã công nhận/)).toBeNull();
    // The list shows each unit's current score instead of levels.
    await screen.findByText("Xã Khánh Hội");
    expect(screen.queryByRole("columnheader", { name: /Mức đăng ký/ })).toBeNull();
    expect(screen.getByRole("columnheader", { name: /Điểm hiện tại/ })).toBeTruthy();
  });
});
