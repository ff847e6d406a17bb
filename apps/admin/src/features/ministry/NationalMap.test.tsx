import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { recentYears } from "@cds/ui";
import { renderWithProviders, stubGraphql } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { ministry } from "../../test-users.ts";
import { NationalPage } from "./NationalPage.tsx";

const RULE =
  "Quy đổi: cộng số đơn vị, số được đánh giá và số được công nhận theo mức của các tỉnh cũ đã hợp nhất; tỷ lệ tính lại trên tổng";

const row = (tenantId: string, name: string, mapId: string, units: number, byLevel: number[], over = {}) => ({
  tenantId,
  name,
  units,
  assessed: units,
  recognised: byLevel.reduce((s, n) => s + n, 0),
  byLevel,
  basicOrAbove: { numerator: byLevel[3]! + byLevel[4]! + byLevel[5]!, denominator: units },
  reportSubmittedAt: "2025-12-10T02:00:00.000Z",
  reportOnTime: true,
  reportDeadline: "2025-12-24T17:00:00.000Z",
  mapId,
  successorId: null,
  convertedFrom: null,
  conversionRule: null,
  ...over,
});

/** The three-tier map: Hà Nam and Nam Định merged into Ninh Bình on 01/07/2025; Hà Nội did not merge. */
const OLD = [
  row("ha-nam", "Tỉnh Hà Nam", "2025-03", 98, [0, 10, 20, 30, 5, 0], { successorId: "ninh-binh" }),
  row("ha-noi", "Thành phố Hà Nội", "2025-03", 579, [3, 40, 120, 210, 90, 12]),
  row("nam-dinh", "Tỉnh Nam Định", "2025-03", 175, [2, 30, 40, 50, 10, 0], { successorId: "ninh-binh" }),
  row("ninh-binh", "Tỉnh Ninh Bình", "2025-03", 119, [0, 10, 30, 40, 12, 1]),
];
/** The same year added up into today's provinces, as the API answers asToday. */
const CONVERTED = [
  OLD[1]!,
  row("ninh-binh", "Tỉnh Ninh Bình", "2025-03", 392, [2, 50, 90, 120, 27, 1], {
    reportSubmittedAt: null,
    reportOnTime: null,
    convertedFrom: ["ha-nam", "nam-dinh", "ninh-binh"],
    conversionRule: RULE,
  }),
];
const TODAY = [
  row("ha-noi", "Thành phố Hà Nội", "2025-07", 126, [0, 10, 40, 60, 16, 0]),
  row("ninh-binh", "Tỉnh Ninh Bình", "2025-07", 129, [0, 5, 30, 60, 20, 4]),
];

const MAPS = [
  {
    id: "2025-03",
    name: "Bản đồ hành chính 3 cấp (01/03/2025)",
    asOf: "2025-03-01",
    validFrom: null,
    validTo: "2025-06-30",
    kinds: ["province", "district", "commune"],
  },
  {
    id: "2025-07",
    name: "Bản đồ hành chính 2 cấp (từ 01/07/2025)",
    asOf: "2025-07-01",
    validFrom: "2025-07-01",
    validTo: null,
    kinds: ["province", "commune"],
  },
];
const tenant = (code: string, name: string, validTo: string | null = null, kind = "PROVINCE") => ({
  code,
  name,
  kind,
  validTo,
});
const TENANTS = [
  tenant("vn", "Bộ Khoa học và Công nghệ", null, "MINISTRY"),
  tenant("ha-nam", "Tỉnh Hà Nam", "2025-06-30"),
  tenant("ha-noi", "Thành phố Hà Nội"),
  tenant("nam-dinh", "Tỉnh Nam Định", "2025-06-30"),
  tenant("ninh-binh", "Tỉnh Ninh Bình"),
];

/**
 * Answers like the API: by default the map the year's rounds used (here: old up to 2025, unless `roundsMap`
 * says), converted when asked on the old map.
 */
function renderPage(year: number, roundsMap: string | null = null) {
  window.history.replaceState(null, "", `/national?year=${String(year)}&kind=commune`);
  const api = stubGraphql({
    MinistryUnitKinds: { unitKinds: [{ code: "commune", name: "Cấp xã", nameEn: "Commune", parentCode: "province" }] },
    MinistryAdminMaps: { adminMaps: MAPS },
    MinistryTenantNames: { tenants: TENANTS },
    MinistryNationalSummary: (v) => {
      const map = (v.mapId as string | null) ?? roundsMap ?? ((v.year as number) <= 2025 ? "2025-03" : "2025-07");
      if (map === "2025-07") return { nationalSummary: TODAY };
      return { nationalSummary: v.asToday ? CONVERTED : OLD };
    },
    MinistryPassRates: { criterionPassRates: [] },
    MinistryDeviations: { setDeviations: [] },
  });
  renderWithProviders(<NationalPage me={ministry} />, catalogs);
  return api;
}

const provinceTable = () => screen.getAllByRole("table")[0]!;
const bodyRows = () => within(provinceTable()).getAllByRole("row").slice(1);

beforeEach(() => {
  localStorage.clear();
  vi.stubGlobal("scrollTo", vi.fn());
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the national page across the reform", () => {
  it("counts 2025 on the year's map, the 63 old provinces, as measured, and offers the conversion", async () => {
    const api = renderPage(2025);
    const select = await screen.findByLabelText<HTMLSelectElement>("Bản đồ");
    await waitFor(() =>
      expect(select.selectedOptions[0]!.textContent).toBe("63 tỉnh cũ (3 cấp) — bản đồ của năm 2025"),
    );
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["63 tỉnh cũ (3 cấp) — bản đồ của năm 2025", "34 tỉnh hiện nay (2 cấp)"]);
    await waitFor(() => expect(bodyRows()).toHaveLength(4));
    // The API's default (the map of 1 January), measured: no map named, nothing converted, nothing marked.
    expect(api.byName("MinistryNationalSummary")[0]!.variables).toMatchObject({
      year: 2025,
      mapId: null,
      asToday: null,
    });
    expect(screen.queryByTestId("converted-badge")).toBeNull();
    expect(screen.queryByTestId("conversion-note")).toBeNull();
    expect((screen.getByLabelText("Quy đổi về 34 tỉnh hiện nay (2 cấp)") as HTMLInputElement).checked).toBe(false);
  });

  it("adds the old provinces up into today's when asked: the row marked, its old provinces named, the rule once", async () => {
    const api = renderPage(2025);
    fireEvent.click(await screen.findByLabelText("Quy đổi về 34 tỉnh hiện nay (2 cấp)"));
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
    expect(api.byName("MinistryNationalSummary").at(-1)!.variables).toMatchObject({ year: 2025, asToday: true });
    expect(window.location.search).toContain("conv=1");

    const [haNoi, ninhBinh] = bodyRows();
    // Hà Nội did not merge: as measured, not marked.
    expect(within(haNoi!).queryByTestId("converted-badge")).toBeNull();
    const name = within(ninhBinh!).getAllByRole("cell")[0]!;
    expect(within(name).getByTestId("converted-badge").textContent).toBe("Quy đổi");
    expect(within(name).getByText("từ Tỉnh Hà Nam, Tỉnh Nam Định, Tỉnh Ninh Bình")).toBeTruthy();
    expect(name.querySelector("[title]")!.getAttribute("title")).toBe(
      "quy đổi từ Tỉnh Hà Nam, Tỉnh Nam Định, Tỉnh Ninh Bình",
    );
    // A converted row has no report of its own, and is not counted as "not sent".
    expect(within(ninhBinh!).getByText("Theo tỉnh cũ")).toBeTruthy();
    expect(screen.queryByText(/tỉnh chưa gửi báo cáo/)).toBeNull();
    // The rule in the API's words, once, under the table.
    const note = screen.getByTestId("conversion-note");
    expect(within(note).getAllByText(RULE)).toHaveLength(1);
    expect(screen.getAllByText(RULE)).toHaveLength(1);
    expect(note.textContent).toContain("1 dòng đánh dấu «Quy đổi»");
  });

  it("shows 2025 on today's map when chosen, where there is nothing to convert", async () => {
    const api = renderPage(2025);
    const select = await screen.findByLabelText<HTMLSelectElement>("Bản đồ");
    await waitFor(() => expect(select.options).toHaveLength(2));
    fireEvent.change(select, { target: { value: "2025-07" } });
    await waitFor(() => expect(api.byName("MinistryNationalSummary").at(-1)!.variables.mapId).toBe("2025-07"));
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
    expect(screen.queryByLabelText(/Quy đổi về/)).toBeNull();
    expect(api.byName("MinistryPassRates").at(-1)!.variables.mapId).toBe("2025-07");
  });

  it("defaults 2026 to today's map, without a conversion to offer", async () => {
    renderPage(2026);
    const select = await screen.findByLabelText<HTMLSelectElement>("Bản đồ");
    await waitFor(() =>
      expect(select.selectedOptions[0]!.textContent).toBe("34 tỉnh hiện nay (2 cấp) — bản đồ của năm 2026"),
    );
    expect(screen.queryByLabelText(/Quy đổi về/)).toBeNull();
  });

  it("shows the map the API counted on by default, even when the year's rounds ran on the old map", async () => {
    renderPage(2026, "2025-03");
    const select = await screen.findByLabelText<HTMLSelectElement>("Bản đồ");
    await waitFor(() =>
      expect(select.selectedOptions[0]!.textContent).toBe("63 tỉnh cũ (3 cấp) — bản đồ của năm 2026"),
    );
    expect(screen.getByLabelText("Quy đổi về 34 tỉnh hiện nay (2 cấp)")).toBeTruthy();
  });

  it("puts one of today's provinces side by side over the years: converted years name the old provinces", async () => {
    const api = renderPage(2026);
    const section = await screen.findByRole("region", { name: "Một tỉnh qua các năm (theo tỉnh hiện nay)" });
    const pick = within(section).getByLabelText<HTMLSelectElement>("Tỉnh, thành phố hiện nay");
    // Today's provinces only, not the merged ones.
    await waitFor(() => expect(pick.options).toHaveLength(3));
    expect([...pick.options].map((o) => o.textContent)).toEqual([
      "Chọn một tỉnh…",
      "Thành phố Hà Nội",
      "Tỉnh Ninh Bình",
    ]);
    fireEvent.change(pick, { target: { value: "ninh-binh" } });

    const years = recentYears(4).reverse();
    const line = await within(section).findByTestId("province-history-line");
    const from = "quy đổi từ Tỉnh Hà Nam, Tỉnh Nam Định, Tỉnh Ninh Bình";
    expect(line.textContent).toBe(
      `Tỉnh Ninh Bình: ${years.map((y) => (y <= 2025 ? `${y} (${from})` : String(y))).join(" | ")}`,
    );
    // Every year asked converted into today's provinces.
    const asked = api.byName("MinistryNationalSummary").filter((c) => c.variables.asToday === true);
    expect(asked.map((c) => c.variables.year).sort()).toEqual([...years].sort());
    // Units per year, side by side: 392 added up on the old map, 129 measured on today's.
    const units = within(section).getByRole("row", { name: /^Số đơn vị/ });
    expect(
      within(units)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(years.map((y) => (y <= 2025 ? "392" : "129")));
    expect(within(section).getByText(RULE)).toBeTruthy();
  });
});
