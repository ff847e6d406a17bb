import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stubGraphql } from "@cds/ui/testing";
import { assessment } from "./test-fixtures.ts";
import { renderAssessmentPage } from "./test-harness.tsx";

const source = {
  year: 2025,
  lineage: "SELF",
  valueCount: 5,
  assessment: {
    id: "A0",
    status: "DRAFT",
    unit: { code: "14563", name: "Xã Khánh Thiện" },
    setVersion: { version: "1.0" },
  },
};

const item = (criterionCode: string, name: string, status: string, value: unknown, extra: object = {}) => ({
  criterionCode,
  name,
  status,
  value,
  reason: null,
  reasonMessage: null,
  reasonMessageEn: null,
  issues: [],
  changes: [],
  ...extra,
});

const preview = (over: object = {}) => ({
  carryForwardPreview: {
    allowed: true,
    refusal: null,
    refusalEn: null,
    candidates: [source],
    source,
    items: [
      item(
        "CQS-02",
        "Tỷ lệ hồ sơ trực tuyến toàn trình",
        "COPIED",
        { numerator: 21, denominator: 50 },
        {
          changes: [{ field: "targets", level: 3, from: "≥ 50%", to: "≥ 60%", review: false }],
        },
      ),
      item(
        "CQS-07",
        "Nhân sự chuyên trách",
        "CHANGED",
        { count: 1 },
        {
          changes: [{ field: "method", level: null, from: "Đếm cán bộ", to: "Đếm cán bộ có chứng chỉ", review: true }],
        },
      ),
      item("CQS-12", "Hệ thống camera giám sát", "SKIPPED", null, {
        reason: "NO_VALUE",
        reasonMessage: "hồ sơ trước không có số liệu",
        reasonMessageEn: "the earlier assessment has no value",
      }),
      item("KTS-05", "Tổ chức thanh toán không dùng tiền mặt (nếu có)", "NEW", null),
      item("CQS-30", "Tiêu chí cũ đã bỏ", "DROPPED", true),
    ],
    ...over,
  },
});

const carried = { "CQS-02": { numerator: 21, denominator: 50 }, "CQS-07": { count: 1 } };

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("Lấy số liệu từ hồ sơ trước", () => {
  it("previews each criterion on an empty draft and copies the kept ones plus the ticked changed one", async () => {
    let done = false;
    const { byName } = stubGraphql({
      PortalAssessment: () => ({
        assessment: done ? assessment({ version: 8, values: carried }) : assessment({ values: {} }),
      }),
      PortalCarryForwardPreview: () => preview(),
      PortalCarryForward: () => {
        done = true;
        return {
          carryForward: {
            __typename: "MutationCarryForwardSuccess",
            data: { copied: ["CQS-02", "CQS-07"], assessment: { id: "A1", version: 8, computedLevel: 0 } },
          },
        };
      },
    });
    renderAssessmentPage();
    const open = await screen.findByRole("button", { name: "Lấy số liệu từ hồ sơ trước" }, { timeout: 4000 });
    const section = open.closest("section")!;
    expect(within(section).getByRole("heading").textContent).toBe("Lấy số liệu từ hồ sơ trước");
    expect(within(section).getByText(/hồ sơ năm 2025 \(Xã Khánh Thiện\)/)).toBeTruthy();
    expect(within(section).queryByTestId("carry-preview")).toBeNull();

    fireEvent.click(open);
    const table = within(section).getByTestId("carry-preview");
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Tiêu chí", "Giá trị cũ", "Trạng thái", "Chuyển"]);
    const rows = within(table).getAllByRole("row").slice(1);
    const cells = (r: HTMLElement) =>
      within(r)
        .getAllByRole("cell")
        .map((c) => c.textContent);
    expect(rows.map((r) => cells(r)[0])).toEqual([
      "CQS-02 Tỷ lệ hồ sơ trực tuyến toàn trình",
      "CQS-07 Nhân sự chuyên trách",
      "CQS-12 Hệ thống camera giám sát",
      "KTS-05 Tổ chức thanh toán không dùng tiền mặt (nếu có)",
      "CQS-30 Tiêu chí cũ đã bỏ",
    ]);
    expect(cells(rows[0]!).slice(1, 3)).toEqual(["21/50 (42%)", "Giữ nguyên"]);
    expect(cells(rows[1]!)[2]).toBe("Đã thay đổi — cần xem lạiPhương pháp tính: Đếm cán bộ → Đếm cán bộ có chứng chỉ");
    expect(cells(rows[2]!)[2]).toBe("Giữ nguyên — không chuyển (hồ sơ trước không có số liệu)");
    expect(cells(rows[3]!).slice(1, 3)).toEqual(["—", "Mới — chưa có số liệu"]);
    expect(cells(rows[4]!).slice(1, 3)).toEqual(["Có", "Không còn trong bộ"]);
    // Only the changed criterion can be ticked; it is not ticked by default.
    expect(within(table).getAllByRole("checkbox")).toHaveLength(1);
    const tick = within(table).getByRole("checkbox", { name: "Chuyển cả số liệu cũ của CQS-07" }) as HTMLInputElement;
    expect(tick.checked).toBe(false);
    expect(within(section).getByText(/đánh giá theo bộ tiêu chí của hồ sơ này/)).toBeTruthy();
    expect(within(section).getByRole("button", { name: "Chuyển 1 số liệu" })).toBeTruthy();

    fireEvent.click(tick);
    fireEvent.click(within(section).getByRole("button", { name: "Chuyển 2 số liệu" }));
    await waitFor(() => expect((screen.getByLabelText("CQS-02 tử số") as HTMLInputElement).value).toBe("21"));
    expect((screen.getByLabelText("CQS-07 số lượng") as HTMLInputElement).value).toBe("1");
    expect(byName("PortalCarryForward").map((c) => c.variables)).toEqual([
      { input: { assessmentId: "A1", fromAssessmentId: "A0", version: 7, includeChanged: ["CQS-07"] } },
    ]);
    expect(screen.getByText(/Đã chuyển 2 số liệu từ hồ sơ năm 2025/)).toBeTruthy();
    expect(screen.queryByTestId("carry-preview")).toBeNull();
    expect(byName("PortalSaveValues")).toHaveLength(0);
  });

  it("shows the API's refusal and keeps the preview (nothing copied)", async () => {
    stubGraphql({
      PortalAssessment: () => ({ assessment: assessment({ values: {} }) }),
      PortalCarryForwardPreview: () => preview(),
      PortalCarryForward: () => ({
        carryForward: {
          __typename: "ConflictError",
          code: "CONFLICT",
          message: "Hồ sơ đã được người khác cập nhật (phiên bản 8); hãy tải lại rồi lưu lại",
          messageEn: "Someone else saved this first",
          currentVersion: 8,
        },
      }),
    });
    renderAssessmentPage();
    fireEvent.click(await screen.findByRole("button", { name: "Lấy số liệu từ hồ sơ trước" }, { timeout: 4000 }));
    fireEvent.click(screen.getByRole("button", { name: "Chuyển 1 số liệu" }));
    expect((await screen.findByRole("alert")).textContent).toContain("người khác cập nhật");
    expect(screen.getByTestId("carry-preview")).toBeTruthy();
    expect((screen.getByLabelText("CQS-02 tử số") as HTMLInputElement).value).toBe("");
  });

  it("offers several earlier assessments and previews the one chosen", async () => {
    const merged = {
      year: 2024,
      lineage: "FULL",
      valueCount: 3,
      assessment: {
        id: "B0",
        status: "RECOGNISED",
        unit: { code: "14566", name: "Xã Khánh Hồng" },
        setVersion: { version: "1.0" },
      },
    };
    const { byName } = stubGraphql({
      PortalAssessment: () => ({ assessment: assessment({ values: {} }) }),
      PortalCarryForwardPreview: (v) =>
        preview({ candidates: [source, merged], source: v.fromAssessmentId === "B0" ? merged : source }),
    });
    renderAssessmentPage();
    fireEvent.click(await screen.findByRole("button", { name: "Lấy số liệu từ hồ sơ trước" }, { timeout: 4000 }));
    const select = screen.getByLabelText("Hồ sơ nguồn") as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      "Năm 2025 — Xã Khánh Thiện (bộ tiêu chí phiên bản 1.0, 5 số liệu)",
      "Năm 2024 — Xã Khánh Hồng (bộ tiêu chí phiên bản 1.0, 3 số liệu)",
    ]);
    fireEvent.change(select, { target: { value: "B0" } });
    expect(await screen.findByText(/Xã Khánh Hồng là đơn vị cũ đã nhập vào đơn vị này/)).toBeTruthy();
    expect(byName("PortalCarryForwardPreview").at(-1)!.variables).toEqual({
      assessmentId: "A1",
      fromAssessmentId: "B0",
    });
  });

  it("is not offered once the draft has values, nor without an earlier assessment", async () => {
    const first = stubGraphql({
      PortalAssessment: () => ({ assessment: assessment() }),
      PortalCarryForwardPreview: () => preview(),
    });
    renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-02");
    expect(screen.queryByRole("heading", { name: "Lấy số liệu từ hồ sơ trước" })).toBeNull();
    expect(first.byName("PortalCarryForwardPreview")).toHaveLength(0);
    cleanup();

    const second = stubGraphql({
      PortalAssessment: () => ({ assessment: assessment({ values: {} }) }),
      PortalCarryForwardPreview: () => preview({ candidates: [], source: null, items: [] }),
    });
    renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-02");
    await waitFor(() => expect(second.byName("PortalCarryForwardPreview")).toHaveLength(1));
    expect(screen.queryByRole("heading", { name: "Lấy số liệu từ hồ sơ trước" })).toBeNull();
  });
});
