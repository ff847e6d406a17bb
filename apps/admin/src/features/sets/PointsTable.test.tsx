import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { formatRule, scoreComponents, type TCriteriaSet } from "@cds/criteria-schema";
import { indexTemplate, provinceDti, renderDraftEditor, scoredVersionData } from "./test-utils.tsx";

// The template's 47 components render in jsdom: slow on a busy 2-core machine.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

function setup(version = scoredVersionData()) {
  return renderDraftEditor(version);
}

async function savedDocument(api: ReturnType<typeof setup>): Promise<TCriteriaSet> {
  fireEvent.click(screen.getByRole("button", { name: "Lưu bản nháp" }));
  await waitFor(() => expect(api.byName("UpdateCriteriaSetDraft")).toHaveLength(1));
  await screen.findByText("Đã lưu bản nháp.");
  return api.byName("UpdateCriteriaSetDraft")[0]!.variables.document as TCriteriaSet;
}

const component = (doc: TCriteriaSet, code: string) =>
  scoreComponents(doc.scoring!.groups).find((p) => p.component.code === code)!.component;
const templateComponent = (code: string) => component(indexTemplate, code);
const panel = () => screen.getByTestId("validation-panel");

describe("the points table of a scored draft (Bộ chỉ số)", { timeout: 60_000 }, () => {
  it("shows the scoring: total, method, rounding, groups with maxima, components with their rules", async () => {
    setup();
    const row = await screen.findByTestId("component-NT-04");
    expect(screen.getByRole("tab", { name: /Bảng điểm/ }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("total-max").textContent).toContain("1.000 điểm");
    expect(screen.getByTestId("total-method").textContent).toContain("Cộng điểm các nhóm");
    expect(screen.getByTestId("not-applicable").textContent).toContain("Bỏ khỏi điểm tối đa");
    expect(screen.getByTestId("decimals").textContent).toContain("2 chữ số thập phân");
    expect(screen.getByText("Xã, Phường, Đặc khu")).toBeTruthy();
    // No weight column: the template's total is a sum.
    expect(screen.queryByRole("columnheader", { name: "Trọng số" })).toBeNull();

    const group = screen.getByTestId("group-NTS");
    expect(group.textContent).toContain("Nhóm NTS — Nhận thức số");
    expect(within(group).getByLabelText("Điểm tối đa nhóm NTS")).toHaveProperty("value", "80");
    expect(within(row).getByLabelText("Điểm tối đa NT-04")).toHaveProperty("value", "15");
    // The rule reads as criteria-schema reads it.
    expect(within(row).getByTestId("rule-NT-04").textContent).toContain(formatRule(templateComponent("NT-04")));
    expect(within(row).getByTestId("rule-NT-04").textContent).toContain("Theo khung ngưỡng");
    expect(within(screen.getByTestId("component-TC-03")).getByTestId("rule-TC-03").textContent).toContain(
      "tỷ lệ × 20 điểm (dưới 50%: 0)",
    );
    // Method and data source are there to read.
    expect(within(row).getByText(templateComponent("NT-04").method)).toBeTruthy();
    expect(within(panel()).getByText("Không có lỗi. Bộ tiêu chí hợp lệ.")).toBeTruthy();
  });

  it("moves points between components; the saved document carries them and the diff shows the move", async () => {
    const api = setup();
    await screen.findByTestId("component-NT-02");
    fireEvent.change(screen.getByLabelText("Điểm tối đa NT-02"), { target: { value: "5" } });
    // Halfway the group does not add up: the check names the group and the field.
    expect(within(panel()).getByText("Nhóm NTS › điểm tối đa")).toBeTruthy();
    expect(screen.getByTestId("group-NTS").querySelector("td.col-max")!.className).toContain("has-error");
    fireEvent.change(screen.getByLabelText("Điểm tối đa NT-03"), { target: { value: "25" } });
    expect(within(panel()).getByText("Không có lỗi. Bộ tiêu chí hợp lệ.")).toBeTruthy();
    // Differs from the template: marked.
    expect(screen.getByTestId("component-NT-02").querySelector("td.col-max")!.className).toContain("changed");

    const doc = await savedDocument(api);
    expect(component(doc, "NT-02").max).toBe(5);
    expect(component(doc, "NT-03").max).toBe(25);
    expect(doc.scoring!.groups[0]!.max).toBe(80);

    fireEvent.click(screen.getByRole("tab", { name: /So sánh/ }));
    expect(screen.getByRole("heading", { name: "Khác biệt về điểm" })).toBeTruthy();
    expect(screen.getByTestId("pdiff-max-NT-02").textContent).toBe("15 → 5 (−10)");
    expect(screen.getByTestId("pdiff-max-NT-03").textContent).toBe("15 → 25 (+10)");
    expect(screen.getByText("điểm được cộng thêm").parentElement!.textContent).toContain("10");
    expect(screen.getByText("điểm bị bớt đi").parentElement!.textContent).toContain("10");
  });

  it("edits the bands of a rule: a threshold, points, a band added and one removed", async () => {
    const api = setup();
    const cell = await screen.findByTestId("rule-NT-04");
    fireEvent.click(within(cell).getByRole("button", { name: "Sửa cách tính điểm NT-04" }));
    const threshold = within(cell).getByLabelText("NT-04, khung 1: ngưỡng");
    expect(threshold).toHaveProperty("value", "12");
    fireEvent.change(threshold, { target: { value: "14" } });
    fireEvent.change(within(cell).getByLabelText("NT-04, khung 3: điểm"), { target: { value: "4" } });
    // The rule's reading follows the edit.
    expect(cell.textContent).toContain("≥ 14 hoạt động: 15 điểm");
    fireEvent.click(within(cell).getByRole("button", { name: "+ Thêm khung" }));
    expect(within(cell).getByLabelText("NT-04, khung 4: ngưỡng")).toHaveProperty("value", "0");
    expect(within(cell).getByLabelText("NT-04, khung 4: điểm")).toHaveProperty("value", "2");
    fireEvent.click(within(cell).getByRole("button", { name: "Bỏ khung 2 của NT-04" }));
    expect(within(cell).queryByLabelText("NT-04, khung 4: ngưỡng")).toBeNull();

    const doc = await savedDocument(api);
    expect(component(doc, "NT-04").rule).toEqual({
      kind: "bands",
      on: "count",
      bands: [
        { atLeast: 14, points: 15 },
        { atLeast: 1, points: 4 },
        { atLeast: 0, points: 2 },
      ],
    });

    fireEvent.click(screen.getByRole("tab", { name: /So sánh/ }));
    // 12 activities earn less than before, none earns more than before (2 points): not simply stricter.
    const rule = screen.getByTestId("pdiff-rule-NT-04");
    expect(rule.className).toContain("diff-changed");
    expect(rule.textContent).toContain(`${formatRule(templateComponent("NT-04"))} → ≥ 14 hoạt động: 15 điểm`);
  });

  it("a ratio's floor and an appraisal's step: set, and removed by leaving them empty", async () => {
    const api = setup();
    const ratio = await screen.findByTestId("rule-TC-03");
    fireEvent.click(within(ratio).getByRole("button", { name: "Sửa cách tính điểm TC-03" }));
    fireEvent.change(within(ratio).getByLabelText("Sàn TC-03"), { target: { value: "" } });
    fireEvent.change(within(ratio).getByLabelText("Trần TC-03"), { target: { value: "80" } });
    const appraised = screen.getByTestId("rule-NT-01");
    fireEvent.click(within(appraised).getByRole("button", { name: "Sửa cách tính điểm NT-01" }));
    expect(within(appraised).getByLabelText("Bước điểm NT-01")).toHaveProperty("value", "5");
    fireEvent.change(within(appraised).getByLabelText("Bước điểm NT-01"), { target: { value: "2,5" } });

    const doc = await savedDocument(api);
    expect(component(doc, "TC-03").rule).toEqual({ kind: "ratio", cap: 80 });
    expect(component(doc, "NT-01").rule).toEqual({ kind: "appraised", step: 2.5 });
  });

  it("names a problem inside the scoring by where it is, and leads to its cell", async () => {
    setup();
    const cell = await screen.findByTestId("rule-NT-04");
    fireEvent.click(within(cell).getByRole("button", { name: "Sửa cách tính điểm NT-04" }));
    fireEvent.change(within(cell).getByLabelText("NT-04, khung 1: điểm"), { target: { value: "30" } });
    // Close the editor: the panel's link opens it again.
    fireEvent.click(within(cell).getByRole("button", { name: "Sửa cách tính điểm NT-04" }));
    expect(within(cell).queryByLabelText("NT-04, khung 1: điểm")).toBeNull();

    const issue = within(panel()).getByText("Nhóm NTS › NT-04 › khung 1 › điểm").closest("li")!;
    expect(issue.textContent).toContain(
      "Nhóm NTS › NT-04 › khung 1 › điểm: khung ≥ 12 cho 30 điểm, vượt điểm tối đa 15",
    );
    expect(within(issue).getByText("/scoring/groups/0/components/3/rule/bands/0/points")).toBeTruthy();
    expect(cell.className).toContain("has-error");
    expect((screen.getByTestId("publish-button") as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(within(issue).getByRole("button", { name: "Xem ô trong bảng" }));
    await waitFor(() => expect(screen.getByTestId("rule-NT-04").className).toContain("highlight"));
    expect(within(screen.getByTestId("rule-NT-04")).getByLabelText("NT-04, khung 1: điểm")).toHaveProperty(
      "value",
      "30",
    );
  });

  it("a weighted index: edits a main index's weight; the diff lists the weight change", async () => {
    const api = setup(scoredVersionData(provinceDti, "ninh-binh-dti-tinh"));
    const group = await screen.findByTestId("group-CQS");
    expect(screen.getByTestId("total-method").textContent).toContain("Theo trọng số");
    expect(screen.getByRole("columnheader", { name: "Trọng số" })).toBeTruthy();
    const weight = within(group).getByLabelText("Trọng số nhóm CQS");
    expect(weight).toHaveProperty("value", "200");
    fireEvent.change(weight, { target: { value: "250" } });
    // A component whose value is the published index: nothing to edit but its maximum.
    expect(
      within(screen.getByTestId("component-CQS")).queryByRole("button", { name: "Sửa cách tính điểm CQS" }),
    ).toBeNull();

    const doc = await savedDocument(api);
    expect(doc.scoring!.groups.find((g) => g.code === "CQS")!.weight).toBe(250);
    fireEvent.click(screen.getByRole("tab", { name: /So sánh/ }));
    expect(screen.getByTestId("pdiff-weight-CQS").textContent).toBe("200 → 250");
    expect(screen.getByText("trọng số thay đổi").parentElement!.textContent).toContain("1");
  });

  it("a published scored set is read-only: no inputs to change, no rule editors", async () => {
    const v = scoredVersionData();
    setup({
      ...v,
      status: "PUBLISHED",
      allowedActions: ["CLONE"],
      decisionNumber: "99/QĐ-UBND",
      decisionDate: "2025-11-20",
    });
    const row = await screen.findByTestId("component-NT-04");
    expect(within(row).getByLabelText("Điểm tối đa NT-04")).toHaveProperty("disabled", true);
    expect(within(row).queryByRole("button", { name: "Sửa cách tính điểm NT-04" })).toBeNull();
  });
});
