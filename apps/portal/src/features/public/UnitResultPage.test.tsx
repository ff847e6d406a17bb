import { cleanup, screen, within } from "@testing-library/react";
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

  it("shows no lineage for a unit the reform did not touch", async () => {
    renderPage({ ...mergedUnit, validFrom: null, predecessors: [], successors: [], baseline: null });
    expect(await screen.findByRole("heading", { name: "Xã Khánh Thiện" })).toBeTruthy();
    expect(screen.queryByText(/Hình thành từ/)).toBeNull();
    expect(screen.queryByText(/Mức xuất phát/)).toBeNull();
  });
});
