import { QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createQueryClient, I18nProvider } from "@cds/ui";
import { catalogs } from "../../messages.ts";
import { ministry, mockApi } from "../round/test-fixtures.ts";
import { NationalPage } from "./NationalPage.tsx";

const row = (tenantId: string, name: string, units: number, byLevel: number[], report: boolean | null) => ({
  tenantId,
  name,
  units,
  assessed: units,
  recognised: byLevel.reduce((s, n) => s + n, 0),
  byLevel,
  basicOrAbove: { numerator: byLevel[3]! + byLevel[4]! + byLevel[5]!, denominator: units },
  reportSubmittedAt: report === null ? null : report ? "2025-12-10T02:00:00.000Z" : "2025-12-27T02:00:00.000Z",
  reportOnTime: report,
  reportDeadline: "2025-12-24T17:00:00.000Z",
  mapId: "2025-03",
  successorId: null,
  convertedFrom: null,
  conversionRule: null,
});

const ROWS = [
  row("ha-noi", "Thành phố Hà Nội", 579, [3, 40, 120, 210, 90, 12], true),
  row("ninh-binh", "Tỉnh Ninh Bình", 119, [0, 10, 30, 40, 12, 1], false),
  row("dak-lak", "Tỉnh Đắk Lắk", 184, [5, 60, 50, 20, 2, 0], null),
];

function renderPage() {
  window.history.replaceState(null, "", "/national?year=2025&kind=commune");
  mockApi({
    MinistryUnitKinds: () => ({
      unitKinds: [
        { code: "province", name: "Cấp tỉnh", nameEn: "Province", parentCode: null },
        { code: "district", name: "Cấp huyện", nameEn: "District", parentCode: "province" },
        { code: "commune", name: "Cấp xã", nameEn: "Commune", parentCode: "district" },
      ],
    }),
    MinistryAdminMaps: () => ({ adminMaps: [] }),
    MinistryTenantNames: () => ({ tenants: [] }),
    MinistryNationalSummary: () => ({ nationalSummary: ROWS }),
    MinistryPassRates: () => ({ criterionPassRates: [] }),
    MinistryDeviations: () => ({ setDeviations: [] }),
  });
  const qc = createQueryClient({ test: true });
  return render(
    <QueryClientProvider client={qc}>
      <I18nProvider catalogs={catalogs}>
        <NationalPage me={ministry} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("NationalPage", () => {
  it("shows national totals equal to the sum of the province rows", async () => {
    renderPage();
    const recognised = await screen.findByTestId("national-total-recognised");
    const sum = ROWS.reduce((s, r) => s + r.recognised, 0);
    expect(recognised.textContent).toBe(new Intl.NumberFormat("vi-VN").format(sum));
    expect(screen.getByTestId("national-total-units").textContent).toBe(
      new Intl.NumberFormat("vi-VN").format(ROWS.reduce((s, r) => s + r.units, 0)),
    );
    // Per level, the totals line adds up the table's columns.
    const perLevel = [0, 1, 2, 3, 4, 5].map((l) => ROWS.reduce((s, r) => s + r.byLevel[l]!, 0));
    const line = screen.getByTestId("national-level-totals").textContent;
    perLevel.forEach((n, l) => expect(line).toContain(`M${l}: ${new Intl.NumberFormat("vi-VN").format(n)}`));
    // And the table shows one row per province, recognised column included.
    const table = screen.getAllByRole("table")[0]!;
    const body = within(table).getAllByRole("row").slice(1);
    expect(body).toHaveLength(3);
    const cellSum = body.reduce(
      (s, tr) => s + Number(within(tr).getAllByRole("cell")[3]!.textContent.replace(/\./g, "")),
      0,
    );
    expect(cellSum).toBe(sum);
  });

  it('exports the province table as CSV for Excel in Vietnamese (UTF-8 with BOM, ";", decimal comma, what is shown, shares as percentages)', async () => {
    let blob: Blob | null = null;
    URL.createObjectURL = vi.fn((b: Blob) => {
      blob = b;
      return "blob:stub";
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    renderPage();
    await screen.findByTestId("national-total-recognised");
    // Filter first (without diacritics): the export holds exactly the rows shown.
    fireEvent.change(screen.getAllByLabelText("Lọc (không cần dấu)…")[0]!, { target: { value: "dak lak" } });
    fireEvent.click(screen.getAllByRole("button", { name: "Xuất CSV (Excel, dấu ;)" })[0]!);
    await waitFor(() => expect(blob).not.toBeNull());
    const bytes = await new Promise<Uint8Array>((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
      r.readAsArrayBuffer(blob!);
    });
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "Tỉnh, thành phố;Số đơn vị;Có hồ sơ;Đã công nhận;M0;M1;M2;M3;M4;M5;Từ Cơ bản trở lên;Báo cáo",
    );
    expect(lines.slice(1)).toEqual(["Tỉnh Đắk Lắk;184;184;137;5;60;50;20;2;0;11,96;Chưa gửi"]);
  });
});
