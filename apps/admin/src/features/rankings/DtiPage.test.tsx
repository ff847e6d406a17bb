import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders, stubGraphql } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { ministry } from "../../test-users.ts";
import { DtiPage } from "./DtiPage.tsx";
import { withDtiNav } from "./nav.ts";
import type { Ranking } from "./queries.ts";

const MAIN: [string, string, number][] = [
  ["NTS", "Chuyển đổi nhận thức", 100],
  ["TCS", "Kiến tạo thể chế", 75],
  ["HTS", "Phát triển hạ tầng và nền tảng số", 150],
  ["DTTM", "Đô thị thông minh", 0],
];

const dtiDocument = {
  id: "vn-dti-province-2022",
  title: "Bộ chỉ số đánh giá chuyển đổi số cấp tỉnh",
  judgedBy: "points",
  scoring: {
    total: { max: 1, method: "weighted" },
    decimals: 4,
    indexDecimals: 4,
    groups: MAIN.map(([code, name, weight]) => ({ code, name, max: 1, weight, groups: [], components: [] })),
    rankingGroups: [],
  },
};

const rounds = [
  { id: "Um91bmQ6ZDI1", name: "Xếp hạng DTI cấp tỉnh năm 2025", year: 2025, unitKind: "province", judgedBy: "points" },
  { id: "Um91bmQ6ZDI0", name: "Xếp hạng DTI cấp tỉnh năm 2024", year: 2024, unitKind: "province", judgedBy: "points" },
  // A national round judged by levels is not a DTI.
  { id: "Um91bmQ6bDI1", name: "Đánh giá mức độ 2025", year: 2025, unitKind: "province", judgedBy: "levels" },
].map((r) => ({ ...r, map: { id: "2025-07" } }));

const province = (code: string, name: string, scoreText: string, rank: number, idx: string[]) => ({
  assessmentId: `a-${code}`,
  unitCode: code,
  unitName: name,
  scoreText,
  rank,
  status: "RECOGNISED",
  previous: null,
  rankChange: null,
  indexTexts: idx,
});

function dtiRanking(year: number): Ranking {
  return {
    roundId: `d${year}`,
    year,
    final: true,
    maxScore: 1,
    decimals: 4,
    previousYear: null,
    mainIndices: MAIN.map(([code, name], k) => ({
      code,
      name,
      average: 0.5 + k / 100,
      averageText: (0.5 + k / 100).toFixed(4),
    })),
    groups: [
      {
        code: null,
        name: "Tất cả đơn vị",
        entries: [
          province("01", "Thành phố Hà Nội", "0.7812", 1, ["0.8000", "0.7000", "0.9000", "0.5000"]),
          province("79", "Thành phố Hồ Chí Minh", "0.7812", 1, ["0.7500", "0.8000", "0.8500", "0.6000"]),
          province("37", "Tỉnh Ninh Bình", "0.6124", 3, ["0.6000", "0.6000", "0.6500", "0.2000"]),
        ],
      },
    ],
  };
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("DtiPage", () => {
  it("lists the ministry's scored national rounds by year and ranks the provinces, with the main indices' weights", async () => {
    window.history.replaceState(null, "", "/national/dti");
    const api = stubGraphql({
      DtiRounds: { rounds },
      DtiRoundSet: (v) => ({
        node: {
          __typename: "Round",
          id: v.id,
          setVersion: {
            id: "v1",
            title: dtiDocument.title,
            version: "2022",
            decisionNumber: "922/QĐ-BTTTT",
            decisionDate: "2022-05-20",
            document: dtiDocument,
          },
        },
      }),
      RoundRanking: (v) => ({
        node: {
          __typename: "Round",
          id: v.id,
          ranking: dtiRanking(v.id === "Um91bmQ6ZDI1" ? 2025 : 2024),
        },
      }),
    });
    renderWithProviders(<DtiPage me={ministry} />, catalogs);
    expect(await screen.findByRole("heading", { name: "Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2025" })).toBeTruthy();
    expect(api.byName("DtiRounds")[0]!.variables).toEqual({ tenant: "vn" });
    // The years of the scored rounds only (the levels round is not one).
    const year = screen.getByRole("combobox", { name: "Năm" });
    expect([...(year as HTMLSelectElement).options].map((o) => o.value)).toEqual(["2025", "2024"]);
    expect(screen.queryByRole("group", { name: "Đợt xếp hạng" })).toBeNull();

    const weights = await screen.findByRole("table", { name: "Các chỉ số chính và trọng số" });
    expect(
      within(weights)
        .getAllByRole("row")
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual([
      "NTSChuyển đổi nhận thức100",
      "TCSKiến tạo thể chế75",
      "HTSPhát triển hạ tầng và nền tảng số150",
      "DTTMĐô thị thông minh0",
    ]);
    expect(screen.getByText(/Quyết định số 922\/QĐ-BTTTT ngày 20\/05\/2022/)).toBeTruthy();

    const section = await screen.findByRole("region", { name: /^Tất cả đơn vị/ });
    const table = within(section).getByRole("table");
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual([
      "Hạng",
      "Đơn vị",
      "Điểm",
      "Hạng năm trước",
      "Thay đổi",
      "Chuyển đổi nhận thức (100)",
      "Kiến tạo thể chế (75)",
      "Phát triển hạ tầng và nền tảng số (150)",
      "Đô thị thông minh (0)",
    ]);
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole("cell")
          .slice(0, 3)
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ["1 (đồng hạng)", "Thành phố Hà Nội", "0,7812"],
      ["1 (đồng hạng)", "Thành phố Hồ Chí Minh", "0,7812"],
      ["3", "Tỉnh Ninh Bình", "0,6124"],
    ]);

    // The provinces' radar is against the national average.
    stubGraphql({
      RoundRanking: (v) => ({ node: { __typename: "Round", id: v.id, ranking: dtiRanking(2025) } }),
      RankingUnitHistory: { unit: { id: "x", code: "37", name: "Tỉnh Ninh Bình", scoreHistory: [] } },
    });
    fireEvent.click(within(table).getByRole("button", { name: "Tỉnh Ninh Bình" }));
    const panel = await screen.findByRole("complementary", { name: "Tỉnh Ninh Bình" });
    expect([...panel.querySelectorAll(".radar-legend li")].map((li) => li.textContent)).toEqual([
      "Tỉnh Ninh Bình",
      "Trung bình cả nước",
    ]);
    fireEvent.click(within(panel).getByRole("button", { name: "Đóng" }));
  });

  it("changes year: the ranking of that year's round", async () => {
    window.history.replaceState(null, "", "/national/dti");
    const api = stubGraphql({
      DtiRounds: { rounds },
      DtiRoundSet: (v) => ({ node: { __typename: "Round", id: v.id, setVersion: null } }),
      RoundRanking: (v) => ({
        node: { __typename: "Round", id: v.id, ranking: dtiRanking(v.id === "Um91bmQ6ZDI1" ? 2025 : 2024) },
      }),
    });
    vi.stubGlobal("scrollTo", vi.fn());
    renderWithProviders(<DtiPage me={ministry} />, catalogs);
    await screen.findByRole("region", { name: /^Tất cả đơn vị/ });
    fireEvent.change(screen.getByRole("combobox", { name: "Năm" }), { target: { value: "2024" } });
    expect(await screen.findByRole("heading", { name: "Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2024" })).toBeTruthy();
    await waitFor(() => expect(api.byName("RoundRanking").map((c) => c.variables.id)).toContain("Um91bmQ6ZDI0"));
    expect(window.location.search).toBe("?year=2024");
  });

  it("says when there is no DTI round yet", async () => {
    window.history.replaceState(null, "", "/national/dti");
    stubGraphql({ DtiRounds: { rounds: rounds.filter((r) => r.judgedBy === "levels") } });
    renderWithProviders(<DtiPage me={ministry} />, catalogs);
    expect(await screen.findByText("Chưa có đợt xếp hạng DTI cấp tỉnh nào.")).toBeTruthy();
  });

  it("sits in the menu right after the national pages, the active entry on its own page", () => {
    const national = { to: "/national", label: "Toàn quốc", active: true };
    expect(withDtiNav(national, "/national/dti", "vi")).toEqual([
      { to: "/national", label: "Toàn quốc", active: false },
      { to: "/national/dti", label: "DTI cấp tỉnh", active: true },
    ]);
    expect(withDtiNav({ ...national, active: true }, "/national", "en")).toEqual([
      { to: "/national", label: "Toàn quốc", active: true },
      { to: "/national/dti", label: "Provincial DTI", active: false },
    ]);
  });
});
