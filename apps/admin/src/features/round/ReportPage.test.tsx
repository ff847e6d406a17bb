import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { provinceAdmin } from "../../test-users.ts";
import { stubGraphql } from "@cds/ui/testing";
import { renderWithProviders } from "../sets/test-utils.tsx";
import { ReportPage } from "./ReportPage.tsx";
import { kinds, roundFixture, summaryAnswer } from "./rounds-fixtures.ts";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderReport(due: { date: string; daysLeft: number; state: string }) {
  const api = stubGraphql({
    AdminRounds: { rounds: [], unitKinds: [] },
    AdminProvinceReports: { provinceReports: [] },
    AdminReportDue: { reportDue: due },
  });
  renderWithProviders(<ReportPage me={provinceAdmin} />);
  return api;
}

describe("the yearly report's deadline", () => {
  // The page counted days to 25/12 itself while the API's calendar makes 24/12 the last day:
  // it now shows the API's reportDue, so the last day is 24/12 and sending on it is on time.
  it("is the API's: the whole last day, 24/12, is on time", async () => {
    const api = renderReport({ date: "2025-12-24", daysLeft: 0, state: "DUE_TODAY" });
    expect(await screen.findByText(/Hạn gửi: hết ngày 24\/12\/2025\./)).toBeTruthy();
    expect(screen.getByText("Hôm nay là ngày cuối: gửi trong hôm nay vẫn đúng hạn.")).toBeTruthy();
    expect(api.byName("AdminReportDue")[0]!.variables).toEqual({ year: new Date().getFullYear() });
  });

  it("counts the days left and says when it is late, as the API does", async () => {
    renderReport({ date: "2025-12-24", daysLeft: 3, state: "OPEN" });
    expect(await screen.findByText("Gửi bây giờ: đúng hạn (còn 3 ngày).")).toBeTruthy();
    cleanup();
    renderReport({ date: "2025-12-24", daysLeft: -1, state: "OVERDUE" });
    expect(await screen.findByText("Đã quá hạn: gửi bây giờ sẽ được ghi nhận là gửi muộn.")).toBeTruthy();
  });
});

describe("the yearly report as a document", () => {
  it("links the API's draft PDF of the year's report, with its annexes, once the year has a round", async () => {
    const year = new Date().getFullYear();
    stubGraphql({
      AdminRounds: { rounds: [{ ...roundFixture(), year }], unitKinds: kinds },
      AdminRoundSummary: summaryAnswer(),
      AdminProvinceReports: { provinceReports: [] },
      AdminReportDue: { reportDue: { date: `${year}-12-24`, daysLeft: 10, state: "OPEN" } },
    });
    renderWithProviders(<ReportPage me={provinceAdmin} />);
    const link = await screen.findByRole("link", { name: `Dự thảo báo cáo năm ${year} kèm phụ lục (PDF)` });
    expect(link.getAttribute("href")).toBe(`/documents/province-report/ninh-binh-${year}.pdf`);
  });

  it("is not offered for a year without a round", async () => {
    renderReport({ date: "2025-12-24", daysLeft: 3, state: "OPEN" });
    await screen.findByText(/Gửi bây giờ/);
    expect(screen.queryByRole("link", { name: /Dự thảo báo cáo năm/ })).toBeNull();
  });
});
