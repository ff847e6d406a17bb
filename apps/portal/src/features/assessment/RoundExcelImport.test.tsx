import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Me } from "@cds/ui";
import { renderWithProviders, stubGraphql, stubUploads } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { MyAssessmentsPage } from "./MyAssessmentsPage.tsx";
import { me } from "./test-fixtures.ts";

const round = { id: "R1", name: "Đánh giá năm 2026", year: 2026, submitDueAt: "2026-12-25", judgedBy: "levels" };
const mine = (code: string, name: string, status: string, allowedActions: string[]) => ({
  id: `A-${code}`,
  status,
  allowedActions,
  registeredLevel: null,
  computedLevel: null,
  recognisedLevel: null,
  unit: { id: `U-${code}`, code, name, parent: null },
  round,
  score: null,
});
const officer: Me = {
  ...me,
  roles: ["14563", "14566", "14569"].map((code) => ({
    role: "UNIT_EDITOR",
    tenantId: "ninh-binh",
    unit: { id: `U-${code}`, code, name: code, path: `37/${code}`, kind: { code: "commune" } },
  })),
};
const ASSESSMENTS: Record<string, ReturnType<typeof mine>> = {
  "14563": mine("14563", "Xã Khánh Thiện", "DRAFT", ["saveValues", "submit"]),
  "14566": mine("14566", "Xã Khánh Hội", "RETURNED", ["saveValues", "submit"]),
  "14569": mine("14569", "Xã Khánh Cường", "SUBMITTED", []),
};
const xlsx = (name: string) =>
  new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], name, {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
const success = (data: Record<string, unknown>) => ({
  importRoundValues: { __typename: "MutationImportRoundValuesSuccess", data: { issues: [], units: [], ...data } },
});
const unit = (code: string, name: string, version: number, row: number, changes: unknown[], saved = false) => ({
  row,
  saved,
  wouldBeLevel: 2,
  changes,
  assessment: { id: `A-${code}`, version, unit: { code, name } },
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("Excel in for many units on /my", () => {
  it("offers one template for the units the API lets the user enter, shows the dry run by unit, applies with its versions", async () => {
    stubGraphql({
      PortalMyAssessments: (v) => ({
        assessments: { edges: [{ node: ASSESSMENTS[v.unitCode as string] }] },
      }),
    });
    const change = { criterionCode: "CQS-02", before: null, after: { numerator: 21, denominator: 50 } };
    const sent = stubUploads((ops, file) => {
      if (file.name === "sai.xlsx")
        return success({
          dryRun: true,
          issues: [
            {
              sheet: "Số liệu",
              row: 5,
              column: "D",
              criterionCode: "CQS-02",
              field: "numerator",
              message: 'Trang "Số liệu", dòng 5, cột D, đơn vị 14566 (CQS-02 — Tử số): "ba mươi" không phải là số',
              messageEn: "…",
            },
          ],
        });
      if (ops.variables.dryRun)
        return success({
          dryRun: true,
          units: [unit("14563", "Xã Khánh Thiện", 3, 4, [change]), unit("14566", "Xã Khánh Hội", 9, 5, [])],
        });
      return success({
        dryRun: false,
        units: [unit("14563", "Xã Khánh Thiện", 4, 4, [change], true), unit("14566", "Xã Khánh Hội", 9, 5, [])],
      });
    });
    renderWithProviders(<MyAssessmentsPage me={officer} />, catalogs);
    const heading = await screen.findByRole("heading", { name: /Nhập số liệu nhiều đơn vị từ Excel/ });
    const section = heading.closest("section")!;
    // Two units are the user's to enter now (the submitted one is not): the template says so.
    const link = within(section).getByRole("link", { name: "Tải mẫu Excel (2 đơn vị)" });
    expect(link.getAttribute("href")).toBe("/templates/round/R1.xlsx");

    fireEvent.change(within(section).getByLabelText("Nhập tệp nhiều đơn vị"), {
      target: { files: [xlsx("sai.xlsx")] },
    });
    const issues = await within(section).findByTestId("excel-issues");
    expect(
      within(within(issues).getAllByRole("row")[1]!)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["Số liệu", "5", "D", "CQS-02", expect.stringContaining("đơn vị 14566")]);
    expect(within(section).queryByRole("button", { name: /Áp dụng/ })).toBeNull();
    fireEvent.click(within(section).getByRole("button", { name: "Huỷ" }));

    fireEvent.change(within(section).getByLabelText("Nhập tệp nhiều đơn vị"), {
      target: { files: [xlsx("cac-xa.xlsx")] },
    });
    const changes = await within(section).findByTestId("round-excel-changes");
    expect(within(section).getByText('Tệp "cac-xa.xlsx" sẽ thay đổi số liệu của 1 trong 2 đơn vị:')).toBeTruthy();
    expect(
      within(within(changes).getAllByRole("row")[1]!)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["4", "Xã Khánh Thiện (14563)", "CQS-02", "(trống)", "21/50 (42%)", expect.stringContaining("2")]);
    expect(sent.map((s) => s.variables.dryRun)).toEqual([true, true]);

    fireEvent.click(within(section).getByRole("button", { name: "Áp dụng cho 1 đơn vị" }));
    await waitFor(() => expect(within(section).getByText("Đã lưu số liệu của 1 đơn vị từ Excel.")).toBeTruthy());
    expect(sent.at(-1)!.variables).toEqual({
      roundId: "R1",
      dryRun: false,
      file: null,
      versions: [
        { assessmentId: "A-14563", version: 3 },
        { assessmentId: "A-14566", version: 9 },
      ],
    });
  });

  it("is not offered to a user who enters one unit only", async () => {
    stubGraphql({ PortalMyAssessments: () => ({ assessments: { edges: [{ node: ASSESSMENTS["14563"] }] } }) });
    renderWithProviders(<MyAssessmentsPage me={me} />, catalogs);
    await screen.findByText("Xã Khánh Thiện");
    expect(screen.queryByRole("heading", { name: /nhiều đơn vị/ })).toBeNull();
  });
});
