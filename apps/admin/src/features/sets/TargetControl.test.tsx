/**
 * What a civil servant types in a target cell: a number ("80", "85,5" with the
 * Vietnamese decimal comma) becomes the target; letters, a thousands separator
 * or an emptied cell stay as typed with a note under the input saying why, the
 * checks panel lists them by criterion and level, and publishing says it waits
 * for them (issue 11: the panel said "hợp lệ" while publishing was disabled).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { readTargetNumber, TargetControl, type PendingInput } from "./TargetControl.tsx";
import { renderDraftEditor, renderWithProviders } from "./test-utils.tsx";

// The whole district set (33 criteria × 5 levels) renders in jsdom: slow on a busy 2-core machine.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe("readTargetNumber", () => {
  it("reads a decimal comma or point, and a percent sign in a percentage cell", () => {
    expect(readTargetNumber("85,5", "vi")).toEqual({ value: 85.5 });
    expect(readTargetNumber(" 85.5 ", "vi")).toEqual({ value: 85.5 });
    expect(readTargetNumber("80%", "vi", true)).toEqual({ value: 80 });
    expect(readTargetNumber("80%", "vi")).toEqual({ problem: "notNumber" });
  });

  it("says why other text is not a target", () => {
    expect(readTargetNumber("  ", "vi")).toEqual({ problem: "empty" });
    expect(readTargetNumber("abc", "vi")).toEqual({ problem: "notNumber" });
    expect(readTargetNumber("80 người", "vi")).toEqual({ problem: "notNumber" });
    expect(readTargetNumber("1.000", "vi")).toEqual({ problem: "thousands" });
    expect(readTargetNumber("1,000", "en")).toEqual({ problem: "thousands" });
    expect(readTargetNumber("85,5,5", "vi")).toEqual({ problem: "format" });
    expect(readTargetNumber("85,", "vi")).toEqual({ problem: "format" });
    // Hundreds of digits read as Infinity, which JSON would write as null: not a target.
    expect(readTargetNumber("9".repeat(400), "vi")).toEqual({ problem: "format" });
  });
});

describe("TargetControl", () => {
  function renderCell(target: unknown = 80, measure = "percentage") {
    const onChange = vi.fn();
    const onProblem = vi.fn<(p: PendingInput | null) => void>();
    renderWithProviders(
      <TargetControl
        measure={measure}
        target={target}
        label="CQS-01, mức 2 (Kết nối)"
        disabled={false}
        fallback={() => 50}
        onChange={onChange}
        pending={null}
        onProblem={onProblem}
      />,
    );
    const input = screen.getByLabelText("Chỉ tiêu CQS-01, mức 2 (Kết nối)") as HTMLInputElement;
    return { input, onChange, onProblem };
  }

  const note = (input: HTMLElement) => {
    const id = input.getAttribute("aria-describedby");
    return id ? document.getElementById(id)?.textContent : null;
  };

  it("explains letters under the input, keeps them on blur and does not change the target", () => {
    const { input, onChange, onProblem } = renderCell();
    fireEvent.change(input, { target: { value: "abc" } });
    fireEvent.blur(input);
    expect(input.value).toBe("abc");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(note(input)).toContain("Chỉ nhập số, vd. 80 hoặc 85,5.");
    expect(note(input)).toContain("Bộ tiêu chí vẫn giữ 80");
    expect(screen.getByText("Chỉ nhập số, vd. 80 hoặc 85,5.")).toBeTruthy();
    expect(onChange).not.toHaveBeenCalled();
    expect(onProblem).toHaveBeenLastCalledWith({ text: "abc", kind: "notNumber", against: 80 });

    // Esc puts the set's value back.
    fireEvent.keyDown(input, { key: "Escape" });
    expect(input.value).toBe("80");
    expect(input.getAttribute("aria-invalid")).toBeNull();
    expect(onProblem).toHaveBeenLastCalledWith(null);
  });

  it("takes 85,5 as 85.5", () => {
    const { input, onChange, onProblem } = renderCell();
    fireEvent.change(input, { target: { value: "85,5" } });
    expect(onChange).toHaveBeenLastCalledWith(85.5);
    expect(input.getAttribute("aria-invalid")).toBeNull();
    expect(input.getAttribute("aria-describedby")).toBeNull();
    expect(onProblem).not.toHaveBeenCalledWith(expect.objectContaining({ text: "85,5" }));
  });

  it("says an emptied cell has no target, and a thousands separator is not 1", () => {
    const { input, onChange } = renderCell(3, "minCount");
    fireEvent.change(input, { target: { value: "" } });
    expect(note(input)).toContain("Chưa nhập chỉ tiêu");
    fireEvent.change(input, { target: { value: "1.000" } });
    expect(note(input)).toContain("Không dùng dấu chấm ngăn cách hàng nghìn");
    expect(onChange).not.toHaveBeenCalled();
  });

  it('"Không áp dụng" clears the typed text\'s problem', () => {
    const { input, onChange, onProblem } = renderCell();
    fireEvent.change(input, { target: { value: "abc" } });
    fireEvent.click(screen.getByLabelText("Không áp dụng — CQS-01, mức 2 (Kết nối)"));
    expect(onProblem).toHaveBeenLastCalledWith(null);
    expect(onChange).toHaveBeenLastCalledWith(null);
  });
});

describe("the table's typed text in the editor", { timeout: 60_000 }, () => {
  function setup() {
    return renderDraftEditor();
  }
  const input = (code: string, level: number) =>
    within(screen.getByTestId(`target-${code}-${level}`)).getByRole("textbox") as HTMLInputElement;

  it("lists letters and empty cells in the panel, never says valid over them, and says why publishing waits", async () => {
    setup();
    await screen.findByTestId("target-CQS-01-2");
    const panel = screen.getByTestId("validation-panel");
    const publish = screen.getByTestId("publish-button") as HTMLButtonElement;
    expect(within(panel).getByText("Không có lỗi. Bộ tiêu chí hợp lệ.")).toBeTruthy();
    expect(publish.disabled).toBe(false);

    fireEvent.change(input("CQS-01", 2), { target: { value: "abc" } });
    fireEvent.change(input("CQS-02", 1), { target: { value: "" } });

    // Under the cells.
    expect(within(screen.getByTestId("target-CQS-01-2")).getByText("Chỉ nhập số, vd. 80 hoặc 85,5.")).toBeTruthy();
    expect(within(screen.getByTestId("target-CQS-02-1")).getByText(/Chưa nhập chỉ tiêu/)).toBeTruthy();
    expect(screen.getByTestId("target-CQS-01-2").className).toContain("has-error");

    // In the panel, counted and named by criterion and level.
    await waitFor(() => expect(within(panel).getByText("2 lỗi")).toBeTruthy());
    expect(within(panel).queryByText(/hợp lệ\./)).toBeNull();
    const section = within(panel).getByRole("region", {
      name: "Ô chỉ tiêu chưa hợp lệ trong bảng (chưa vào bộ tiêu chí)",
    });
    expect(
      within(section).getByText("CQS-01, mức 2 (Kết nối): Chỉ nhập số, vd. 80 hoặc 85,5. Đang nhập “abc”."),
    ).toBeTruthy();
    expect(within(section).getByText(/^CQS-02, mức 1 \(Khởi động\): Chưa nhập chỉ tiêu/)).toBeTruthy();
    expect(within(section).getByText("Bộ tiêu chí vẫn giữ: 80")).toBeTruthy();
    expect(within(section).queryByRole("button", { name: "Xem trong JSON" })).toBeNull();

    // The publish button says why it is disabled.
    const why = "Chưa công bố được: còn 2 ô chỉ tiêu chưa hợp lệ trong bảng";
    expect(publish.disabled).toBe(true);
    expect(publish.title).toContain(why);
    expect(document.getElementById(publish.getAttribute("aria-describedby")!)!.textContent).toContain(why);

    // The text survives a trip to the JSON view, where the panel still lists it.
    fireEvent.click(screen.getByRole("tab", { name: /JSON/ }));
    expect(within(screen.getByTestId("validation-panel")).getByText("2 lỗi")).toBeTruthy();
    fireEvent.click(screen.getByRole("tab", { name: /Bảng chỉ tiêu/ }));
    expect(input("CQS-01", 2).value).toBe("abc");

    // Fixed: a decimal comma is a number, Esc puts the old value back.
    fireEvent.change(input("CQS-01", 2), { target: { value: "85,5" } });
    fireEvent.keyDown(input("CQS-02", 1), { key: "Escape" });
    expect(input("CQS-02", 1).value).toBe("20");
    await waitFor(() => expect(screen.getByTestId("validation-panel").textContent).toContain("hợp lệ"));
    fireEvent.click(screen.getByRole("tab", { name: /JSON/ }));
    const json = JSON.parse((screen.getByRole("textbox", { name: "JSON" }) as HTMLTextAreaElement).value) as {
      criteria: { code: string; targets: unknown[] }[];
    };
    expect(json.criteria.find((c) => c.code === "CQS-01")!.targets).toEqual([70, 85.5, 90, 100, 100]);
    expect((screen.getByTestId("publish-button") as HTMLButtonElement).title).toBe(
      "Hãy lưu thay đổi trước khi công bố.",
    );
  });

  it("the add-criterion form refuses a level whose cell holds letters", async () => {
    setup();
    await screen.findByTestId("target-CQS-01-1");
    fireEvent.click(screen.getByRole("button", { name: "+ Thêm tiêu chí địa phương" }));
    const form = screen.getByRole("form", { name: "Thêm tiêu chí đặc thù của địa phương" });
    fireEvent.change(within(form).getByLabelText("Nhóm"), { target: { value: "CQS" } });
    fireEvent.change(within(form).getByLabelText("Tên chỉ tiêu"), {
      target: { value: "Tỷ lệ thôn có tổ công nghệ số" },
    });
    fireEvent.change(within(form).getByLabelText("Phương pháp tính / nguồn số liệu"), {
      target: { value: "Báo cáo của UBND cấp xã" },
    });
    fireEvent.click(within(form).getByLabelText("Không áp dụng — CQS-23, mức 3 (Cơ bản)"));
    const level3 = within(form).getByLabelText("Chỉ tiêu CQS-23, mức 3 (Cơ bản)");
    fireEvent.change(level3, { target: { value: "năm mươi" } });
    expect(within(form).getByText("Chỉ nhập số, vd. 80 hoặc 85,5.")).toBeTruthy();
    fireEvent.click(within(form).getByRole("button", { name: "Thêm vào bộ tiêu chí" }));
    expect(within(form).getByRole("alert").textContent).toContain("Chỉ tiêu mức 3: ô chưa phải là một số");
    expect(screen.queryByTestId("target-CQS-23-3")).toBeNull();
  });
});
