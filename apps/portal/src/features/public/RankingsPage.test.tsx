import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders, stubGraphql } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { RankingPage } from "./RankingPage.tsx";
import { RankingsPage } from "./RankingsPage.tsx";

const tenant = (code: string, name: string, kind = "PROVINCE") => ({ code, name, kind });
const ROUNDS = [
  {
    id: "Um91bmQ6bmIyNg==",
    name: "Bộ chỉ số cấp xã năm 2026",
    year: 2026,
    unitKind: "commune",
    judgedBy: "points",
    tenant: tenant("ninh-binh", "Tỉnh Ninh Bình"),
  },
  {
    id: "Um91bmQ6bmIyNQ==",
    name: "Bộ chỉ số cấp xã năm 2025",
    year: 2025,
    unitKind: "commune",
    judgedBy: "points",
    tenant: tenant("ninh-binh", "Tỉnh Ninh Bình"),
  },
  {
    id: "Um91bmQ6YWcyNQ==",
    name: "Bộ chỉ số sở, ban, ngành năm 2025",
    year: 2025,
    unitKind: "agency",
    judgedBy: "both",
    tenant: tenant("an-giang", "Tỉnh An Giang"),
  },
  {
    id: "Um91bmQ6ZHRpMjU=",
    name: "Xếp hạng DTI cấp tỉnh năm 2025",
    year: 2025,
    unitKind: "province",
    judgedBy: "points",
    tenant: tenant("vn", "Bộ Khoa học và Công nghệ", "MINISTRY"),
  },
  // A round judged by levels has no ranking.
  {
    id: "Um91bmQ6bGV2",
    name: "Đánh giá mức độ chuyển đổi số cấp xã năm 2025",
    year: 2025,
    unitKind: "commune",
    judgedBy: "levels",
    tenant: tenant("ninh-binh", "Tỉnh Ninh Bình"),
  },
];

const entry = (code: string, name: string, scoreText: string, rank: number, prev: number | null, idx: string[]) => ({
  assessmentId: `a-${code}`,
  unitCode: code,
  unitName: name,
  scoreText,
  rank,
  previous: prev === null ? null : { rank: prev },
  rankChange: prev === null ? null : prev - rank,
  indexTexts: idx,
});

const rankingRound = {
  __typename: "Round",
  id: "Um91bmQ6bmIyNQ==",
  name: "Bộ chỉ số cấp xã năm 2025",
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
        entries: [
          entry("14563", "Xã Khánh Thiện", "825.61", 1, 3, ["0.8000", "0.7500", "0.9000"]),
          entry("14566", "Xã Yên Mỹ", "800.00", 2, 1, ["0.7000", "0.6000", "0.8000"]),
          entry("14569", "Xã Gia Hưng", "800.00", 2, null, ["0.6000", "0.5000", "0.7000"]),
          entry("14572", "Xã Gia Vân", "1700.50", 4, 4, ["0.3000", "0.3500", "0.4500"]),
        ],
      },
      {
        code: "phuong",
        name: "Phường",
        entries: [entry("14400", "Phường Hoa Lư", "900.10", 1, null, ["0.9000", "0.8000", "0.9500"])],
      },
    ],
  },
};

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("RankingsPage", () => {
  it("lists the scored rounds for anyone, by year, the ministry's first, then the provinces in Vietnamese order", async () => {
    const api = stubGraphql({ PublicScoredRounds: { rounds: ROUNDS } });
    renderWithProviders(<RankingsPage />, catalogs);
    const y2025 = await screen.findByRole("region", { name: "Năm 2025" });
    const y2026 = screen.getByRole("region", { name: "Năm 2026" });
    // Newest year first.
    expect(y2026.compareDocumentPosition(y2025) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const links = within(y2025).getAllByRole("link");
    expect(links.map((a) => a.textContent)).toEqual([
      "Toàn quốcXếp hạng DTI cấp tỉnh năm 2025",
      "Tỉnh An GiangBộ chỉ số sở, ban, ngành năm 2025",
      "Tỉnh Ninh BìnhBộ chỉ số cấp xã năm 2025",
    ]);
    expect(links[2]!.getAttribute("href")).toBe("/rankings/Um91bmQ6bmIyNQ%3D%3D");
    expect(screen.queryByText(/Đánh giá mức độ/)).toBeNull();
    // No sign-in: the query asks nothing of the viewer.
    expect(api.byName("PublicScoredRounds")[0]!.variables).toEqual({});
  });

  it("says when there is no ranking yet", async () => {
    stubGraphql({ PublicScoredRounds: { rounds: ROUNDS.filter((r) => r.judgedBy === "levels") } });
    renderWithProviders(<RankingsPage />, catalogs);
    expect(await screen.findByText("Chưa có bảng xếp hạng nào.")).toBeTruthy();
  });
});

describe("RankingPage", () => {
  it("shows the published ranking per group with ties, rank changes and main indices; units link to their page", async () => {
    const api = stubGraphql({ PublicRanking: { node: rankingRound } });
    renderWithProviders(<RankingPage roundId="Um91bmQ6bmIyNQ==" />, catalogs);
    expect(await screen.findByRole("heading", { name: "Bộ chỉ số cấp xã năm 2025" })).toBeTruthy();
    expect(screen.getByText("Tỉnh Ninh Bình · năm 2025 · kết quả đã công nhận")).toBeTruthy();
    // The published ranking, asked for by name.
    expect(api.byName("PublicRanking")[0]!.query).toContain("ranking(final: true)");

    const xa = screen.getByRole("region", { name: /^Xã/ });
    const table = within(xa).getByRole("table");
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Hạng", "Đơn vị", "Điểm", "Hạng năm 2024", "Thay đổi", "Nhận thức số", "Thể chế số", "Hạ tầng số"]);
    expect(
      within(table)
        .getAllByRole("row")
        .slice(1)
        .map((r) =>
          within(r)
            .getAllByRole("cell")
            .map((c) => c.textContent),
        ),
    ).toEqual([
      ["1", "Xã Khánh Thiện", "825,61", "3", "▲2tăng 2 hạng", "0,8000", "0,7500", "0,9000"],
      ["2 (đồng hạng)", "Xã Yên Mỹ", "800,00", "1", "▼1giảm 1 hạng", "0,7000", "0,6000", "0,8000"],
      ["2 (đồng hạng)", "Xã Gia Hưng", "800,00", "—", "—chưa có hạng năm trước", "0,6000", "0,5000", "0,7000"],
      ["4", "Xã Gia Vân", "1.700,50", "4", "—giữ nguyên hạng", "0,3000", "0,3500", "0,4500"],
    ]);
    // Each unit links to its public page on the round's map.
    expect(within(table).getByRole("link", { name: "Xã Khánh Thiện" }).getAttribute("href")).toBe(
      "/units/14563?map=2025-07",
    );
    // Export: XLSX and both CSVs, per group.
    expect(within(xa).getByRole("button", { name: "Xuất Excel (.xlsx)" })).toBeTruthy();
    expect(screen.getByRole("region", { name: /^Phường/ })).toBeTruthy();
    expect(screen.getByText(/Trung bình các chỉ số chính/).parentElement!.textContent).toBe(
      "Trung bình các chỉ số chính: Nhận thức số 0,6000 · Thể chế số 0,5500 · Hạ tầng số 0,7125",
    );
  });

  it("says when nothing is recognised yet", async () => {
    stubGraphql({ PublicRanking: { node: { ...rankingRound, ranking: { ...rankingRound.ranking, groups: [] } } } });
    renderWithProviders(<RankingPage roundId="Um91bmQ6bmIyNQ==" />, catalogs);
    expect(await screen.findByText("Chưa có đơn vị nào được công nhận trong đợt này.")).toBeTruthy();
  });
});
