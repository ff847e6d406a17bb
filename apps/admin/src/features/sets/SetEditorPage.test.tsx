import { afterEach, describe, expect, it } from "vitest";
import { cleanup, configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { vi } from "vitest";
import { DRAFT_ID, renderDraftEditor } from "./test-utils.tsx";

// The whole district set (33 criteria × 5 levels) renders in jsdom: slow on a busy 2-core machine.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

type Doc = { criteria: { code: string; targets: unknown[]; local?: boolean; name: string; group: string }[] };

function setup() {
  return renderDraftEditor();
}

async function savedDocument(api: ReturnType<typeof setup>): Promise<Doc> {
  fireEvent.click(screen.getByRole("button", { name: "Lưu bản nháp" }));
  await waitFor(() => expect(api.byName("UpdateCriteriaSetDraft")).toHaveLength(1));
  const sent = api.byName("UpdateCriteriaSetDraft")[0]!;
  expect(sent.variables.revision).toBe(3);
  expect(sent.variables.versionId).toBe(DRAFT_ID);
  await screen.findByText("Đã lưu bản nháp.");
  return sent.variables.document as Doc;
}

const criterion = (doc: Doc, code: string) => doc.criteria.find((c) => c.code === code)!;

describe("SetEditorPage (table view, checks, save) without Monaco", { timeout: 60_000 }, () => {
  it("changes a target in the table and the saved document carries it", async () => {
    const api = setup();
    const cell = await screen.findByTestId("target-CQS-01-2");
    const input = within(cell).getByLabelText("Chỉ tiêu CQS-01, mức 2 (Kết nối)");
    expect(input).toHaveProperty("value", "80");
    fireEvent.change(input, { target: { value: "85" } });
    expect(screen.getByText("Có thay đổi chưa lưu")).toBeTruthy();

    // The JSON view shows the same document.
    fireEvent.click(screen.getByRole("tab", { name: /JSON/ }));
    const json = JSON.parse((screen.getByRole("textbox", { name: "JSON" }) as HTMLTextAreaElement).value) as Doc;
    expect(criterion(json, "CQS-01").targets).toEqual([70, 85, 90, 100, 100]);

    const doc = await savedDocument(api);
    expect(criterion(doc, "CQS-01").targets).toEqual([70, 85, 90, 100, 100]);
    expect(screen.getByText("Không có thay đổi chưa lưu")).toBeTruthy();
  });

  it('marks a level "Không áp dụng" and back', async () => {
    const api = setup();
    const cell = await screen.findByTestId("target-CQS-02-1");
    fireEvent.click(within(cell).getByLabelText("Không áp dụng — CQS-02, mức 1 (Khởi động)"));
    expect(within(cell).queryByRole("textbox")).toBeNull();
    expect(within(cell).getAllByText("Không áp dụng").length).toBeGreaterThan(0);
    const doc = await savedDocument(api);
    expect(criterion(doc, "CQS-02").targets[0]).toBeNull();

    // Unticking puts the earlier target back.
    fireEvent.click(within(cell).getByLabelText("Không áp dụng — CQS-02, mức 1 (Khởi động)"));
    expect(within(cell).getByRole("textbox")).toHaveProperty("value", "20");
  });

  it("adds a local criterion, then removes it", async () => {
    const api = setup();
    await screen.findByTestId("target-CQS-01-1");
    fireEvent.click(screen.getByRole("button", { name: "+ Thêm tiêu chí địa phương" }));
    const form = screen.getByRole("form", { name: "Thêm tiêu chí đặc thù của địa phương" });

    // Nothing filled in: each field at fault is named.
    fireEvent.click(within(form).getByRole("button", { name: "Thêm vào bộ tiêu chí" }));
    const alert = within(form).getByRole("alert");
    expect(alert.textContent).toContain("Tên chỉ tiêu: không được để trống");
    expect(alert.textContent).toContain("Phương pháp tính: không được để trống");
    expect(alert.textContent).toContain("Chỉ tiêu: cần áp dụng ở ít nhất một mức");

    fireEvent.change(within(form).getByLabelText("Nhóm"), { target: { value: "CQS" } });
    expect(within(form).getByLabelText("Mã tiêu chí")).toHaveProperty("value", "CQS-23");
    fireEvent.change(within(form).getByLabelText("Tên chỉ tiêu"), {
      target: { value: "Tỷ lệ thôn có tổ công nghệ số cộng đồng" },
    });
    fireEvent.change(within(form).getByLabelText("Phương pháp tính / nguồn số liệu"), {
      target: { value: "Báo cáo của UBND cấp xã" },
    });
    for (const level of [3, 4, 5]) {
      const levelName = ["", "Khởi động", "Kết nối", "Cơ bản", "Nâng cao", "Toàn diện"][level];
      fireEvent.click(within(form).getByLabelText(`Không áp dụng — CQS-23, mức ${level} (${levelName})`));
    }
    fireEvent.click(within(form).getByRole("button", { name: "Thêm vào bộ tiêu chí" }));

    expect(screen.queryByRole("form", { name: "Thêm tiêu chí đặc thù của địa phương" })).toBeNull();
    const added = screen.getByTestId("target-CQS-23-3");
    expect(within(added).getByRole("textbox")).toHaveProperty("value", "50");
    expect(within(screen.getByTestId("target-CQS-23-1")).getAllByText("Không áp dụng").length).toBeGreaterThan(0);

    const doc = await savedDocument(api);
    const c = criterion(doc, "CQS-23");
    expect(c).toMatchObject({
      group: "CQS",
      local: true,
      measure: "percentage",
      unit: "%",
      targets: [null, null, 50, 50, 50],
    });
    // Inserted after the group's last criterion, before the next group.
    const codes = doc.criteria.map((x) => x.code);
    expect(codes.indexOf("CQS-23")).toBe(codes.indexOf("CQS-22") + 1);

    fireEvent.click(screen.getByRole("button", { name: "Xoá CQS-23" }));
    fireEvent.click(screen.getByRole("button", { name: "Xoá tiêu chí" }));
    expect(screen.queryByTestId("target-CQS-23-3")).toBeNull();
  });

  it("lists a falling target in the validation panel with its pointer, and blocks publishing", async () => {
    setup();
    const cell = await screen.findByTestId("target-CQS-01-3");
    expect(within(screen.getByTestId("validation-panel")).getByText("Không có lỗi. Bộ tiêu chí hợp lệ.")).toBeTruthy();
    fireEvent.change(within(cell).getByRole("textbox"), { target: { value: "10" } });

    const panel = screen.getByTestId("validation-panel");
    expect(
      within(panel).getByText("CQS-01: chỉ tiêu mức 3 thấp hơn mức 2 (chỉ tiêu phải tăng dần theo mức độ)"),
    ).toBeTruthy();
    expect(within(panel).getByText("/criteria/1/targets/2")).toBeTruthy();
    expect(cell.className).toContain("has-error");

    // The panel leads back to the cell.
    fireEvent.click(within(panel).getByRole("button", { name: "Xem ô trong bảng" }));
    expect(screen.getByTestId("target-CQS-01-3").className).toContain("highlight");
    expect((screen.getByTestId("publish-button") as HTMLButtonElement).disabled).toBe(true);
  });

  it("disables saving and publishing while the JSON does not parse, and says why", async () => {
    setup();
    await screen.findByTestId("target-CQS-01-1");
    fireEvent.click(screen.getByRole("tab", { name: /JSON/ }));
    const editor = screen.getByRole("textbox", { name: "JSON" }) as HTMLTextAreaElement;
    fireEvent.change(editor, { target: { value: editor.value.replace('"schemaVersion": 1,', '"schemaVersion": 1') } });

    const save = screen.getByRole("button", { name: "Lưu bản nháp" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect((screen.getByTestId("publish-button") as HTMLButtonElement).disabled).toBe(true);
    expect(document.getElementById("editor-blocked")!.textContent).toMatch(/JSON sai cú pháp \(dòng 3, cột \d+\)/);
    expect(within(screen.getByTestId("validation-panel")).getByText("Thiếu dấu phẩy")).toBeTruthy();

    // The table stays visible, read-only, until the JSON is fixed.
    fireEvent.click(screen.getByRole("tab", { name: /Bảng chỉ tiêu/ }));
    expect(within(screen.getByTestId("target-CQS-01-1")).getByRole("textbox")).toHaveProperty("disabled", true);
  });
});
