import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders, stubGraphql } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { UnitResultPage } from "./UnitResultPage.tsx";

const RULE =
  "Mức xuất phát của đơn vị mới sáp nhập: mức thấp nhất trong các mức đã được công nhận của các đơn vị cũ (kèm phân bố các mức); đơn vị cũ chưa được công nhận không được tính và được nêu riêng";

const old = (code: string, name: string, last: { level: number; year: number; decision: string } | null) => ({
  code,
  name,
  validTo: "2025-06-30",
  lastRecognition: last && {
    recognisedLevel: last.level,
    recognitionDecision: last.decision,
    recognitionDate: `${last.year}-11-20`,
    round: { year: last.year },
  },
});

/** Xã Khánh Thiện on today's map: formed on 01/07/2025 from three communes of the three-tier map. */
const mergedUnit = {
  code: "14563",
  name: "Xã Khánh Thiện",
  type: "Xã",
  path: "37/14563",
  kind: { code: "commune", name: "Xã" },
  parent: { code: "37", name: "Tỉnh Ninh Bình" },
  tenant: { name: "Tỉnh Ninh Bình" },
  validFrom: "2025-07-01",
  validTo: null,
  predecessors: [
    { kind: "FULL", unit: old("14563", "Xã Khánh Thiện", { level: 3, year: 2025, decision: "360/QĐ-UBND" }) },
    { kind: "PARTIAL", unit: old("14566", "Xã Khánh Hội", { level: 2, year: 2024, decision: "215/QĐ-UBND" }) },
    { kind: "FULL", unit: old("14569", "Xã Khánh Lợi", null) },
  ],
  successors: [],
  baseline: {
    rule: "LOWEST_OF_PREDECESSORS",
    ruleText: RULE,
    level: 2,
    distribution: [0, 0, 1, 1, 0, 0],
    recognised: 2,
    unrecognised: 1,
  },
  scoreHistory: [],
};

const renderPage = (unit: unknown) => {
  const api = stubGraphql({
    PublicUnit: () => ({ unit }),
    PublicRecognised: () => ({ assessments: { edges: [], pageInfo: { hasNextPage: false } } }),
  });
  renderWithProviders(<UnitResultPage code="14563" />, catalogs);
  return api;
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("UnitResultPage", () => {
  it("shows a merged commune's predecessors with their last recognition and the declared baseline", async () => {
    const api = renderPage(mergedUnit);
    const section = await screen.findByRole("region", { name: "Hình thành từ (sáp nhập 01/07/2025)" });
    // Not yet recognised itself: the history is what the public can read.
    expect(screen.getByText("Đơn vị chưa được công nhận mức độ chuyển đổi số.")).toBeTruthy();
    const items = within(section)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(items).toEqual([
      "Xã Khánh Thiện toàn bộ — Mức 3 (Cơ bản) — năm 2025, QĐ 360/QĐ-UBND ngày 20/11/2025",
      "Xã Khánh Hội một phần — Mức 2 (Kết nối) — năm 2024, QĐ 215/QĐ-UBND ngày 20/11/2024",
      "Xã Khánh Lợi toàn bộ — chưa được công nhận",
    ]);
    expect(within(section).getByText("Mức xuất phát: Mức 2 (Kết nối)")).toBeTruthy();
    expect(within(section).getByText(RULE)).toBeTruthy();
    expect(
      within(section).getByText("Các đơn vị cũ theo mức đã công nhận: Mức 2: 1 · Mức 3: 1 · chưa được công nhận: 1"),
    ).toBeTruthy();
    // The page asks the API for the lineage in the unit's own query.
    expect(api.byName("PublicUnit")[0]!.query).toContain("predecessors");
  });

  it('prints the page with "In trang"', async () => {
    const print = vi.fn();
    vi.stubGlobal("print", print);
    renderPage({ ...mergedUnit, validFrom: null, predecessors: [], successors: [], baseline: null });
    await screen.findByRole("heading", { name: "Xã Khánh Thiện" });
    const button = screen.getByRole("button", { name: "In trang" });
    // Not on paper itself.
    expect(button.closest(".no-print")).toBeTruthy();
    fireEvent.click(button);
    expect(print).toHaveBeenCalledTimes(1);
  });

  it("shows no lineage for a unit the reform did not touch", async () => {
    renderPage({ ...mergedUnit, validFrom: null, predecessors: [], successors: [], baseline: null });
    expect(await screen.findByRole("heading", { name: "Xã Khánh Thiện" })).toBeTruthy();
    expect(screen.queryByText(/Hình thành từ/)).toBeNull();
    expect(screen.queryByText(/Mức xuất phát/)).toBeNull();
  });

  it("shows a scored unit's recognised score, its rank, the radar of its main indices and its scores across the years", async () => {
    const groups = (idx: string[]) =>
      [
        ["NTS", "Nhận thức số"],
        ["TCS", "Thể chế số"],
        ["HTS", "Hạ tầng số"],
      ].map(([code, name], k) => ({
        code,
        name,
        parent: null,
        index: Number(idx[k]),
        indexText: idx[k],
        notApplicable: false,
      }));
    const year = (y: number, scoreText: string, final: boolean, idx: string[]) => ({
      assessmentId: `a${y}`,
      roundId: `r${y}`,
      roundName: `Bộ chỉ số chuyển đổi số cấp xã năm ${y}`,
      year: y,
      final,
      score: {
        scoreText,
        maxScore: 1000,
        groups: [
          ...groups(idx),
          // A sub-group is not a main index.
          { code: "NTS1", name: "Tuyên truyền", parent: "NTS", index: 0.5, indexText: "0.5000", notApplicable: false },
        ],
      },
    });
    const unit = {
      ...mergedUnit,
      id: "u-14563",
      validFrom: null,
      predecessors: [],
      successors: [],
      baseline: null,
      map: { id: "2025-07" },
      scoreHistory: [
        year(2024, "790.00", true, ["0.7000", "0.6000", "0.8000"]),
        year(2025, "812.50", true, ["0.8000", "0.7500", "0.9000"]),
        // Working figures never show on the public page (the API gives them only to the unit's reviewers).
        year(2026, "901.00", false, ["0.9000", "0.9000", "0.9000"]),
      ],
    };
    const api = stubGraphql({
      PublicUnit: () => ({ unit }),
      // The scored recognition is among the recognised assessments, with no level: not a level recognition.
      PublicRecognised: () => ({
        assessments: {
          edges: [
            {
              node: {
                id: "a2025",
                recognisedLevel: null,
                recognitionDecision: "2210/QĐ-UBND",
                recognitionDate: "2025-12-10",
                round: { year: 2025, judgedBy: "points" },
                unit: {
                  id: "u-14563",
                  code: "14563",
                  name: "Xã Khánh Thiện",
                  path: "37/14563",
                  map: { id: "2025-07" },
                  parent: { code: "37", name: "Tỉnh Ninh Bình", kind: { code: "province" } },
                  tenant: { code: "ninh-binh", name: "Tỉnh Ninh Bình" },
                },
              },
            },
          ],
          pageInfo: { hasNextPage: false },
        },
      }),
      PublicScoredAssessmentRound: (v) => ({ assessment: { id: v.id, round: { id: "Um91bmQ6cjIwMjU=" } } }),
      PublicRanking: () => ({
        node: {
          __typename: "Round",
          id: "Um91bmQ6cjIwMjU=",
          name: "Bộ chỉ số chuyển đổi số cấp xã năm 2025",
          year: 2025,
          judgedBy: "points",
          tenant: { name: "Tỉnh Ninh Bình" },
          map: { id: "2025-07" },
          ranking: {
            year: 2025,
            final: true,
            maxScore: 1000,
            previousYear: 2024,
            mainIndices: [
              { code: "NTS", name: "Nhận thức số", average: 0.6, averageText: "0.6000" },
              { code: "TCS", name: "Thể chế số", average: 0.55, averageText: "0.5500" },
              { code: "HTS", name: "Hạ tầng số", average: 0.7125, averageText: "0.7125" },
            ],
            groups: [
              {
                code: "xa",
                name: "Xã",
                entries: ["a-x", "a2025", "a-y"].map((assessmentId, k) => ({
                  assessmentId,
                  unitCode: assessmentId,
                  unitName: assessmentId,
                  scoreText: "800.00",
                  rank: k === 0 ? 1 : 2,
                  previous: null,
                  rankChange: null,
                  indices: [],
                })),
              },
            ],
          },
        },
      }),
    });
    renderWithProviders(<UnitResultPage code="14563" mapId="2025-07" />, catalogs);
    const section = await screen.findByRole("region", { name: "Điểm chuyển đổi số" });
    // Scored only: neither a level recognition nor a "not recognised" notice about levels.
    expect(screen.queryByText("Đơn vị chưa được công nhận mức độ chuyển đổi số.")).toBeNull();
    expect(screen.queryByText(/Mức được công nhận/)).toBeNull();
    expect(within(section).getByText(/Điểm năm 2025:/).textContent).toBe("Điểm năm 2025: 812,50 / 1.000 điểm");
    expect(await within(section).findByText(/Hạng 2 \/ 3 trong nhóm Xã\./)).toBeTruthy();
    expect(within(section).getByRole("link", { name: "Xem bảng xếp hạng" }).getAttribute("href")).toBe(
      "/rankings/Um91bmQ6cjIwMjU%3D",
    );
    // The round is found from the recognised assessment.
    expect(api.byName("PublicScoredAssessmentRound")[0]!.variables).toEqual({ id: "a2025" });

    const radar = within(section).getByRole("img", { name: "Các chỉ số chính của Xã Khánh Thiện năm 2025" });
    expect(radar.querySelectorAll('[data-series="0"] .radar-point')).toHaveLength(3);
    await waitFor(() =>
      expect(radar.querySelector("desc")!.textContent).toBe(
        "Nhận thức số: 0,8000 (Trung bình 0,6000); Thể chế số: 0,7500 (Trung bình 0,5500); Hạ tầng số: 0,9000 (Trung bình 0,7125)",
      ),
    );
    const indices = within(section).getByRole("table", { name: "Các chỉ số chính (0 đến 1)" });
    expect(
      within(indices)
        .getAllByRole("row")
        .map((r) => r.textContent),
    ).toEqual([
      "Chỉ số chínhXã Khánh ThiệnTrung bình",
      "Nhận thức số0,80000,6000",
      "Thể chế số0,75000,5500",
      "Hạ tầng số0,90000,7125",
    ]);

    const years = within(section).getAllByRole("table")[1]!;
    expect(
      within(years)
        .getAllByRole("row")
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual([
      "2025Bộ chỉ số chuyển đổi số cấp xã năm 2025812,50 / 1.000+22,50",
      "2024Bộ chỉ số chuyển đổi số cấp xã năm 2024790,00 / 1.000—",
    ]);
    expect(within(section).queryByText(/901/)).toBeNull();
  });
});
