import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stubGraphql, stubUploads } from "@cds/ui/testing";
import { assessment, initialValues } from "./test-fixtures.ts";
import { renderAssessmentPage } from "./test-harness.tsx";

const xlsx = (name: string) =>
  new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], name, {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
const success = (data: Record<string, unknown>) => ({
  importIndicatorValues: {
    __typename: "MutationImportIndicatorValuesSuccess",
    data: { assessment: null, issues: [], changes: [], wouldBeLevel: null, ...data },
  },
});

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("Excel in on the assessment form", () => {
  it("links the template, shows a bad file's issues, then a good file's changes, and applies them", async () => {
    let applied = false;
    const imported = { ...initialValues, "CQS-02": { numerator: 21, denominator: 50 } };
    const { calls } = stubGraphql({
      PortalAssessment: () => ({ assessment: applied ? assessment({ version: 8, values: imported }) : assessment() }),
    });
    const sent = stubUploads((ops, file) => {
      const v = ops.variables;
      if (file.name === "sai.xlsx") {
        return success({
          dryRun: true,
          issues: [
            {
              sheet: "Số liệu",
              row: 4,
              column: "D",
              criterionCode: "CQS-02",
              field: "numerator",
              message: 'Trang "Số liệu", dòng 4, cột D, đơn vị 14563 (CQS-02 — Tử số): "năm mươi" không phải là số',
              messageEn: "…",
            },
            {
              sheet: "Số liệu",
              row: 4,
              column: "E",
              criterionCode: "CQS-02",
              field: "denominator",
              message: "tử số lớn hơn mẫu số",
              messageEn: "…",
            },
          ],
        });
      }
      if (v.dryRun)
        return success({
          dryRun: true,
          changes: [{ criterionCode: "CQS-02", before: null, after: { numerator: 21, denominator: 50 } }],
          wouldBeLevel: 2,
        });
      applied = true;
      return success({
        dryRun: false,
        changes: [{ criterionCode: "CQS-02", before: null, after: { numerator: 21, denominator: 50 } }],
        wouldBeLevel: 2,
        assessment: { id: "A1", version: 8, computedLevel: 2 },
      });
    });
    renderAssessmentPage();
    const section = (await screen.findByRole("heading", { name: "Excel" })).closest("section")!;
    expect(within(section).getByRole("link", { name: "Tải mẫu Excel" }).getAttribute("href")).toBe(
      "/templates/assessment/A1.xlsx",
    );
    expect((screen.getByLabelText("CQS-02 tử số") as HTMLInputElement).value).toBe("");

    // A bad file: the issues as a table, nothing to apply.
    fireEvent.change(within(section).getByLabelText("Nhập từ Excel"), { target: { files: [xlsx("sai.xlsx")] } });
    const issues = await within(section).findByTestId("excel-issues");
    expect(
      within(issues)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Trang tính", "Dòng", "Cột", "Tiêu chí", "Lỗi"]);
    const rows = within(issues).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(
      within(rows[0]!)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["Số liệu", "4", "D", "CQS-02", expect.stringContaining("không phải là số")]);
    expect(within(section).queryByRole("button", { name: "Áp dụng" })).toBeNull();
    fireEvent.click(within(section).getByRole("button", { name: "Huỷ" }));
    expect(within(section).queryByTestId("excel-issues")).toBeNull();

    // A good file: the changes and the level, then "Áp dụng" with the version the dry run was made on.
    fireEvent.change(within(section).getByLabelText("Nhập từ Excel"), { target: { files: [xlsx("so-lieu.xlsx")] } });
    const changes = await within(section).findByTestId("excel-changes");
    expect(
      within(changes)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Tiêu chí", "Trước", "Sau"]);
    expect(
      within(within(changes).getAllByRole("row")[1]!)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["CQS-02", "(trống)", "21/50 (42%)"]);
    expect(within(section).getByText(/Mức độ đạt được sau khi nhập/)).toBeTruthy();
    expect(sent.map((s) => s.variables.dryRun)).toEqual([true, true]);
    expect(calls.filter((c) => c.operation === "PortalSaveValues")).toHaveLength(0);

    fireEvent.click(within(section).getByRole("button", { name: "Áp dụng" }));
    await waitFor(() => expect((screen.getByLabelText("CQS-02 tử số") as HTMLInputElement).value).toBe("21"));
    expect((screen.getByLabelText("CQS-02 mẫu số") as HTMLInputElement).value).toBe("50");
    expect(within(section).getByText("Đã nhập 1 số liệu từ Excel.")).toBeTruthy();
    expect(sent.at(-1)!.variables).toEqual({ assessmentId: "A1", version: 7, dryRun: false, file: null });
    expect(sent.at(-1)!.file.name).toBe("so-lieu.xlsx");
    expect(within(section).queryByTestId("excel-changes")).toBeNull();
  });

  it("is not offered to someone who may not save values", async () => {
    stubGraphql({ PortalAssessment: () => ({ assessment: assessment({ status: "SUBMITTED" }) }) });
    renderAssessmentPage();
    await screen.findByText("Xã Khánh Thiện", { selector: "h1" });
    expect(screen.queryByRole("heading", { name: "Excel" })).toBeNull();
  });
});
