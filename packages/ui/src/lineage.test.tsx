import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  reviewChainText,
  ROLES,
  sharedEn,
  sharedVi,
  UnitLineage,
  type ReviewChainData,
  type UnitLineageData,
} from "./index.ts";
import { renderWithProviders } from "./testing/index.ts";

const RULE =
  "Mức xuất phát của đơn vị mới sáp nhập: mức thấp nhất trong các mức đã được công nhận của các đơn vị cũ (kèm phân bố các mức); đơn vị cũ chưa được công nhận không được tính và được nêu riêng";

const recognition = (level: number, year: number, decision: string, day: string) => ({
  recognisedLevel: level,
  recognitionDecision: decision,
  recognitionDate: day,
  round: { year },
});

const merged: UnitLineageData = {
  validFrom: "2025-07-01",
  validTo: null,
  predecessors: [
    {
      kind: "FULL",
      unit: {
        code: "14563",
        name: "Xã Khánh Thiện",
        validTo: "2025-06-30",
        lastRecognition: recognition(3, 2025, "360/QĐ-UBND", "2025-05-20"),
      },
    },
    {
      kind: "PARTIAL",
      unit: {
        code: "14566",
        name: "Xã Khánh Hội",
        validTo: "2025-06-30",
        lastRecognition: recognition(2, 2024, "215/QĐ-UBND", "2024-12-10"),
      },
    },
    { kind: "FULL", unit: { code: "14569", name: "Xã Khánh Lợi", validTo: "2025-06-30", lastRecognition: null } },
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

const vi = { vi: sharedVi, en: sharedEn };

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe("UnitLineage", () => {
  it("names each old unit, whole or in part, with its last recognition, then the baseline, its rule and distribution", () => {
    renderWithProviders(<UnitLineage unit={merged} />, vi);
    const section = screen.getByRole("region", { name: "Hình thành từ (sáp nhập 01/07/2025)" });
    const items = within(section).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual([
      "Xã Khánh Thiện toàn bộ — Mức 3 (Cơ bản) — năm 2025, QĐ 360/QĐ-UBND ngày 20/05/2025",
      "Xã Khánh Hội một phần — Mức 2 (Kết nối) — năm 2024, QĐ 215/QĐ-UBND ngày 10/12/2024",
      "Xã Khánh Lợi toàn bộ — chưa được công nhận",
    ]);
    const baseline = screen.getByTestId("lineage-baseline");
    const lines = [...baseline.querySelectorAll("p")].map((p) => p.textContent);
    expect(lines).toEqual([
      "Mức xuất phát: Mức 2 (Kết nối)",
      RULE,
      "Các đơn vị cũ theo mức đã công nhận: Mức 2: 1 · Mức 3: 1 · chưa được công nhận: 1",
    ]);
    // The rule is small print under the level, as the API words it.
    expect(within(baseline).getByText(RULE).tagName).toBe("SMALL");
  });

  it("says the baseline is undetermined when no old unit was recognised", () => {
    renderWithProviders(
      <UnitLineage
        unit={{
          ...merged,
          predecessors: [merged.predecessors[2]!],
          baseline: { ...merged.baseline!, level: null, distribution: [0, 0, 0, 0, 0, 0], recognised: 0 },
        }}
      />,
      vi,
    );
    expect(screen.getByText(/^Mức xuất phát: chưa xác định/)).toBeTruthy();
    expect(screen.getByText("Các đơn vị cũ theo mức đã công nhận: chưa được công nhận: 1")).toBeTruthy();
  });

  it("is a closed <details> when collapsible, and nothing at all for a unit without lineage", () => {
    const { container } = renderWithProviders(<UnitLineage unit={merged} collapsible />, vi);
    const details = container.querySelector("details")!;
    expect(details.open).toBe(false);
    expect(details.querySelector("summary")!.textContent).toBe("Hình thành từ (sáp nhập 01/07/2025)");
    cleanup();
    const empty = renderWithProviders(
      <UnitLineage unit={{ ...merged, predecessors: [], successors: [], baseline: null }} />,
      vi,
    );
    expect(empty.container.innerHTML).toBe("");
  });

  it("shows an old unit what it was merged into", () => {
    renderWithProviders(
      <UnitLineage
        unit={{
          validFrom: null,
          validTo: "2025-06-30",
          predecessors: [],
          baseline: null,
          successors: [{ kind: "PARTIAL", unit: { code: "14563", name: "Xã Khánh Thiện" } }],
        }}
      />,
      vi,
    );
    const section = screen.getByRole("region", { name: "Đã sáp nhập vào (đơn vị có đến ngày 30/06/2025)" });
    expect(within(section).getByRole("listitem").textContent).toBe("Xã Khánh Thiện một phần");
  });
});

describe("review chain in words", () => {
  const t = (key: string) => sharedVi[key] ?? key;
  it("names the two-tier chain as the province does it", () => {
    const chain: ReviewChainData = {
      verify: { roles: ["PROVINCE_ADMIN"], at: "PROVINCE" },
      appraise: { roles: ["APPRAISER"], at: "PROVINCE" },
      recognise: { roles: ["PROVINCE_LEADER"], at: "PROVINCE" },
    };
    expect(reviewChainText(t, chain)).toBe(
      "Xác minh: Sở KH&CN (cấp tỉnh) · Thẩm định: Hội đồng thẩm định (cấp tỉnh) · Công nhận: Lãnh đạo UBND tỉnh",
    );
  });

  it("names the three-tier chain: the level directly above, either of its roles", () => {
    const above = { roles: ["DISTRICT_OFFICER", "PROVINCE_ADMIN"], at: "PARENT" };
    expect(
      reviewChainText(t, { verify: above, appraise: { roles: ["APPRAISER"], at: "PARENT" }, recognise: above }),
    ).toBe(
      "Xác minh: Phòng VH&TT cấp huyện hoặc Sở KH&CN (cấp trên trực tiếp) · Thẩm định: Hội đồng thẩm định (cấp trên trực tiếp) · Công nhận: Phòng VH&TT cấp huyện hoặc Sở KH&CN (cấp trên trực tiếp)",
    );
  });

  it("has a name for every role of the API in both languages", () => {
    expect(ROLES).toContain("PROVINCE_LEADER");
    for (const role of ROLES) {
      expect(sharedVi[`role.${role}`], role).toBeTruthy();
      expect(sharedEn[`role.${role}`], role).toBeTruthy();
    }
  });
});
