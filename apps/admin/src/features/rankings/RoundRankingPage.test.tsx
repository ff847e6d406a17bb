import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders, stubGraphql } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { RoundRankingPage } from "./RoundRankingPage.tsx";
import { history, ranking, refuseWorking, round, ROUND_ID } from "./test-fixtures.ts";

const renderPage = (url = `/rounds/${ROUND_ID}/ranking`) => {
  window.history.replaceState(null, "", url);
  return renderWithProviders(<RoundRankingPage roundId={ROUND_ID} />, catalogs);
};

/** The cells of each body row of the table under a heading, as text. */
function tableRows(heading: string): string[][] {
  const section = screen.getByRole("region", { name: new RegExp(`^${heading}`) });
  return within(within(section).getByRole("table"))
    .getAllByRole("row")
    .slice(1)
    .map((tr) =>
      within(tr)
        .getAllByRole("cell")
        .map((td) => td.textContent ?? ""),
    );
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("RoundRankingPage", () => {
  it('prints the ranking with "In trang"', async () => {
    stubGraphql({
      RankingRound: { node: round },
      RoundRanking: (v) => ({ node: { __typename: "Round", id: ROUND_ID, ranking: ranking(v.final !== false) } }),
    });
    const print = vi.fn();
    vi.stubGlobal("print", print);
    renderPage();
    await screen.findByRole("region", { name: /^Xã/ });
    const button = screen.getByRole("button", { name: "In trang" });
    expect(button.closest(".no-print")).toBeTruthy();
    fireEvent.click(button);
    expect(print).toHaveBeenCalledTimes(1);
  });

  it("shows the API's ranking per group: ties share a rank, the rank change as ▲/▼/—, scores and indices in Vietnamese", async () => {
    // A viewer outside the province: the API's default reading is the published one.
    const api = stubGraphql({
      RankingRound: { node: round },
      RoundRanking: (v) => ({ node: { __typename: "Round", id: ROUND_ID, ranking: ranking(v.final !== false) } }),
    });
    renderPage();
    expect(
      await screen.findByRole("heading", { name: "Xếp hạng: Bộ chỉ số chuyển đổi số cấp xã năm 2026" }),
    ).toBeTruthy();
    expect(screen.getByText("Tỉnh Ninh Bình · năm 2026")).toBeTruthy();
    await screen.findByRole("region", { name: /^Xã/ });
    // Asked with the API's default (no `final`), which was the published ranking: no working reading offered.
    expect(api.byName("RoundRanking")[0]!.variables.final).toBeNull();
    expect(screen.queryByRole("button", { name: "Điểm đang chấm" })).toBeNull();
    expect(screen.getByText("Kết quả đã công nhận (công khai).")).toBeTruthy();

    const headers = within(screen.getByRole("table"))
      .getAllByRole("columnheader")
      .map((th) => th.textContent);
    expect(headers).toEqual([
      "Hạng",
      "Đơn vị",
      "Điểm",
      "Hạng năm 2025",
      "Thay đổi",
      "Nhận thức số",
      "Thể chế số",
      "Hạ tầng số",
    ]);
    expect(tableRows("Xã")).toEqual([
      ["1", "Xã Khánh Thiện", "825,61", "4", "▲3tăng 3 hạng", "0,8000", "0,7500", "0,9000"],
      ["2 (đồng hạng)", "Xã Yên Mỹ", "800,00", "1", "▼1giảm 1 hạng", "0,7000", "0,6000", "0,8000"],
      ["2 (đồng hạng)", "Xã Gia Hưng", "800,00", "—", "—chưa có hạng năm trước", "0,6000", "0,5000", "0,7000"],
      ["4", "Xã Gia Vân", "700,50", "4", "—giữ nguyên hạng", "0,3000", "0,3500", "0,4500"],
    ]);
    expect(screen.getByText(/Trung bình các chỉ số chính/).parentElement!.textContent).toBe(
      "Trung bình các chỉ số chính: Nhận thức số 0,6000 · Thể chế số 0,5500 · Hạ tầng số 0,7125",
    );
    // Export comes with DataTable.
    expect(screen.getByRole("button", { name: "Xuất Excel (.xlsx)" })).toBeTruthy();
  });

  it("offers both readings to a viewer the API gives the working ranking, and switches to the published one", async () => {
    const api = stubGraphql({
      RankingRound: { node: round },
      // The province's own staff: the API's default is the working ranking.
      RoundRanking: (v) => ({ node: { __typename: "Round", id: ROUND_ID, ranking: ranking(v.final === true) } }),
    });
    renderPage();
    const working = await screen.findByRole("button", { name: "Điểm đang chấm" });
    const published = screen.getByRole("button", { name: "Kết quả đã công nhận" });
    expect(working.getAttribute("aria-pressed")).toBe("true");
    expect(published.getAttribute("aria-pressed")).toBe("false");
    // The working reading shows each assessment's status.
    expect(screen.getByRole("columnheader", { name: "Trạng thái" })).toBeTruthy();
    expect(screen.getByText("Đã thẩm định")).toBeTruthy();

    fireEvent.click(published);
    await waitFor(() => expect(api.byName("RoundRanking").map((c) => c.variables.final)).toEqual([null, true]));
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Kết quả đã công nhận" }).getAttribute("aria-pressed")).toBe("true"),
    );
    // Still offered: the viewer may read both.
    expect(screen.getByRole("button", { name: "Điểm đang chấm" }).getAttribute("aria-pressed")).toBe("false");
    expect(screen.queryByRole("columnheader", { name: "Trạng thái" })).toBeNull();
  });

  it("falls back to the published ranking when the API refuses the working one, and stops offering it", async () => {
    stubGraphql({
      RankingRound: { node: round },
      RoundRanking: (v) => ({ node: { __typename: "Round", id: ROUND_ID, ranking: ranking(v.final !== false) } }),
    });
    const fetchMock = refuseWorking();
    renderPage(`/rounds/${ROUND_ID}/ranking?view=working`);
    expect(
      await screen.findByText("Bạn chỉ xem được kết quả đã công nhận; đang hiện kết quả đã công nhận."),
    ).toBeTruthy();
    const asked = fetchMock.mock.calls
      .map(([, init]) => JSON.parse(String(init.body)) as { query: string; variables: { final?: boolean } })
      .filter((b) => /query RoundRanking/.test(b.query))
      .map((b) => b.variables.final);
    expect(asked).toEqual([false, true]);
    expect(screen.queryByRole("button", { name: "Điểm đang chấm" })).toBeNull();
    expect(screen.getByText("Kết quả đã công nhận (công khai).")).toBeTruthy();
    expect(tableRows("Xã").map((r) => r[1])).toEqual(["Xã Khánh Thiện", "Xã Yên Mỹ", "Xã Gia Hưng", "Xã Gia Vân"]);
  });

  it("opens a unit's panel: its radar against the average, the same numbers in a table, its scores across the years", async () => {
    const api = stubGraphql({
      RankingRound: { node: round },
      RoundRanking: (v) => ({ node: { __typename: "Round", id: ROUND_ID, ranking: ranking(v.final !== false) } }),
      RankingUnitHistory: { unit: history },
    });
    renderPage();
    await screen.findByRole("region", { name: /^Xã/ });
    fireEvent.click(screen.getByRole("button", { name: "Xã Khánh Thiện" }));
    const panel = await screen.findByRole("complementary", { name: "Xã Khánh Thiện" });
    expect(within(panel).getByText("Hạng 1 / 4 trong nhóm Xã · 825,61 điểm")).toBeTruthy();
    const radar = within(panel).getByRole("img", { name: "Các chỉ số chính của Xã Khánh Thiện so với trung bình" });
    expect(radar.querySelector("desc")!.textContent).toBe(
      "Nhận thức số: 0,8000 (Trung bình 0,6000); Thể chế số: 0,7500 (Trung bình 0,5500); Hạ tầng số: 0,9000 (Trung bình 0,7125)",
    );
    expect([...panel.querySelectorAll(".radar-legend li")].map((li) => li.textContent)).toEqual([
      "Xã Khánh Thiện",
      "Trung bình",
    ]);
    const indices = within(panel).getByRole("table", { name: "Các chỉ số chính (0 đến 1)" });
    expect(
      within(indices)
        .getAllByRole("row")
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(["Nhận thức số0,80000,6000", "Thể chế số0,75000,5500", "Hạ tầng số0,90000,7125"]);

    // Scores across the years, read on the round's map, with the change from the year before.
    await within(panel).findByText("Bộ chỉ số cấp xã năm 2025");
    expect(api.byName("RankingUnitHistory")[0]!.variables).toEqual({ code: "14563", mapId: "2025-07" });
    const years = within(panel).getAllByRole("table")[1]!;
    expect(
      within(years)
        .getAllByRole("row")
        .slice(1)
        .map((r) =>
          within(r)
            .getAllByRole("cell")
            .map((c) => c.textContent),
        ),
    ).toEqual([
      ["Bộ chỉ số cấp xã năm 2026 (đang chấm)", "825,61 / 1.000", "+12,35"],
      ["Bộ chỉ số cấp xã năm 2025", "813,26 / 1.000", "—"],
    ]);

    fireEvent.click(within(panel).getByRole("button", { name: "Đóng" }));
    expect(screen.queryByRole("complementary")).toBeNull();
  });

  it("says a round judged by levels has no ranking", async () => {
    stubGraphql({ RankingRound: { node: { ...round, judgedBy: "levels" } } });
    renderPage();
    expect(
      await screen.findByText("Đợt này đánh giá theo mức độ, không chấm điểm nên không có bảng xếp hạng."),
    ).toBeTruthy();
  });
});
