import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stubGraphql } from "@cds/ui/testing";
import { assessment, savedOver, valuesOf } from "./test-fixtures.ts";
import { renderAssessmentPage } from "./test-harness.tsx";

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("AssessmentPage", () => {
  it("generates the right input for each measure kind", async () => {
    stubGraphql({ PortalAssessment: () => ({ assessment: assessment() }) });
    renderAssessmentPage();
    // The first test loads the workspace chunk: more than findBy's second on a busy machine.
    await screen.findByTestId("criterion-CQS-02", {}, { timeout: 5000 });
    expect(screen.getByLabelText("CQS-02 tử số")).toBeTruthy();
    expect(screen.getByLabelText("CQS-02 mẫu số")).toBeTruthy();
    expect((screen.getByLabelText("CQS-12 có") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("CQS-12 không") as HTMLInputElement).type).toBe("radio");
    expect((screen.getByLabelText("CQS-07 số lượng") as HTMLInputElement).value).toBe("1");
    expect((screen.getByLabelText("KTS-04 số đạt") as HTMLInputElement).value).toBe("1");
    expect((screen.getByLabelText("KTS-04 tổng số") as HTMLInputElement).value).toBe("4");
    // "nếu có" criteria offer "không có đối tượng"; others do not.
    expect((screen.getByLabelText("KTS-05 không có đối tượng") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByLabelText("KTS-03 không có đối tượng")).toBeTruthy();
    expect(screen.queryByLabelText("CQS-02 không có đối tượng")).toBeNull();
    // childLevels is computed, never typed.
    const auto = screen.getByTestId("criterion-CHUNG-01");
    expect(within(auto).getByText(/Tính tự động/)).toBeTruthy();
    expect(within(auto).queryAllByRole("textbox")).toHaveLength(0);
    // Method and legal basis are there as help.
    expect(within(screen.getByTestId("criterion-CQS-02")).getByText("Phương pháp tính")).toBeTruthy();
  });

  it("updates the live level, the computed % and the gap message as values are typed", async () => {
    stubGraphql({ PortalAssessment: () => ({ assessment: assessment() }) });
    renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-02");
    expect(screen.getByTestId("live-level").dataset.level).toBe("0");
    expect(screen.getByTestId("gaps").textContent).toContain("CQS-02: cần ≥ 50%, chưa nhập số liệu");

    type("CQS-02 tử số", "21");
    type("CQS-02 mẫu số", "50");
    expect(screen.getByTestId("live-level").dataset.level).toBe("2");
    expect(screen.getByTestId("live-level").textContent).toContain("Kết nối");
    expect(screen.getByTestId("percent-CQS-02").textContent).toContain("42%");
    expect(screen.getByTestId("gaps").textContent).toContain("CQS-02: cần ≥ 50%, hiện 42% (21/50) — thêm 4 hồ sơ");

    type("CQS-02 tử số", "25");
    expect(screen.getByTestId("live-level").dataset.level).toBe("3");

    // A numerator above the denominator is refused on its field and judged as missing.
    type("CQS-02 tử số", "60");
    expect(screen.getByTestId("criterion-CQS-02").textContent).toContain("Tử số không được lớn hơn mẫu số");
    expect(screen.getByTestId("live-level").dataset.level).toBe("0");
  });

  it('refuses "1.2.3" as a whole number on its field and accepts thousands groups ("1.234")', async () => {
    stubGraphql({ PortalAssessment: () => ({ assessment: assessment() }) });
    renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-02");
    type("CQS-02 mẫu số", "2.000");
    type("CQS-02 tử số", "1.2.3");
    expect(screen.getByTestId("criterion-CQS-02").textContent).toContain("Tử số phải là số nguyên không âm");
    type("CQS-02 tử số", "1.234");
    expect(screen.getByTestId("criterion-CQS-02").textContent).not.toContain("Tử số phải là số nguyên không âm");
    expect(screen.getByTestId("percent-CQS-02").textContent).toContain("61,7%");
  });

  it("shows the days left to the deadline as the API counts them (the whole last day is on time)", async () => {
    const a = { ...assessment(), submitDeadline: { date: "2026-10-31", daysLeft: 0, state: "DUE_TODAY" } };
    stubGraphql({ PortalAssessment: () => ({ assessment: a }) });
    renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-02");
    expect(screen.getByText("31/10/2026").closest("dd")!.textContent).toBe("31/10/2026 (hạn cuối là hôm nay)");
  });

  it("shows a conflict with the other values and never overwrites them", async () => {
    let server = assessment();
    const { calls } = stubGraphql({
      PortalAssessment: () => ({ assessment: server }),
      PortalSaveValues: (v) => {
        if (v.version === 7) {
          // Someone else saved CQS-02 = 30/50 meanwhile.
          server = assessment({
            version: 8,
            values: {
              ...valuesOf(server),
              "CQS-02": { numerator: 30, denominator: 50 },
            },
          });
          return {
            saveIndicatorValues: {
              __typename: "ConflictError",
              code: "CONFLICT",
              message: "Hồ sơ đã được người khác cập nhật",
              messageEn: "conflict",
              currentVersion: 8,
            },
          };
        }
        server = savedOver(server, v.values, 9);
        return { saveIndicatorValues: { __typename: "MutationSaveIndicatorValuesSuccess", data: server } };
      },
    });
    renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-02");
    type("CQS-02 tử số", "21");
    type("CQS-02 mẫu số", "50");

    const dialog = await screen.findByRole("alertdialog", {}, { timeout: 4000 });
    expect(screen.getByTestId("save-status").textContent).toContain("Chưa lưu");
    await waitFor(() => expect(within(dialog).getByText(/30\/50/)).toBeTruthy());
    expect(within(dialog).getByText(/21\/50/)).toBeTruthy();
    // Mine is still in the form and in the local draft; nothing was sent again on its own.
    expect((screen.getByLabelText("CQS-02 tử số") as HTMLInputElement).value).toBe("21");
    expect(calls.filter((c) => c.operation === "PortalSaveValues")).toHaveLength(1);
    expect(Object.keys(localStorage).some((k) => k.startsWith("cds.draft.A1."))).toBe(true);

    fireEvent.click(within(dialog).getByRole("button", { name: "Giữ số liệu của tôi và lưu lại" }));
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toMatch(/Đã lưu lúc \d\d:\d\d/));
    const saves = calls.filter((c) => c.operation === "PortalSaveValues");
    expect(saves).toHaveLength(2);
    expect(saves[1]!.variables.version).toBe(8);
    expect(saves[1]!.variables.values).toEqual({ "CQS-02": { numerator: 21, denominator: 50 } });
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  it("keeps unsaved changes in localStorage and restores them", async () => {
    stubGraphql({
      PortalAssessment: () => ({ assessment: assessment() }),
      PortalSaveValues: () => {
        throw new TypeError("Failed to fetch");
      },
    });
    const first = renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-02");
    type("CQS-02 tử số", "21");
    type("CQS-02 mẫu số", "50");
    const stored = JSON.parse(localStorage.getItem("cds.draft.A1.v7") ?? "null") as { fields: Record<string, unknown> };
    expect(stored.fields["CQS-02"]).toMatchObject({ numerator: "21", denominator: "50" });
    await waitFor(
      () =>
        expect(screen.getByTestId("save-status").textContent).toBe("Chưa lưu — mất kết nối (sẽ tự gửi khi có mạng)"),
      { timeout: 4000 },
    );
    first.unmount();

    renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-02");
    expect((screen.getByLabelText("CQS-02 tử số") as HTMLInputElement).value).toBe("21");
    expect((screen.getByLabelText("CQS-02 mẫu số") as HTMLInputElement).value).toBe("50");
    expect(screen.getByText(/Đã khôi phục các thay đổi chưa lưu/)).toBeTruthy();
    expect(screen.getByTestId("live-level").dataset.level).toBe("2");
  });

  it("says when the server's database is unavailable (503) and sends the same values again by itself", async () => {
    let server = assessment();
    const { byName } = stubGraphql({
      PortalAssessment: () => ({ assessment: server }),
      PortalSaveValues: (v, n) => {
        if (n === 0)
          return new Response(
            JSON.stringify({
              errors: [
                {
                  message: "Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại sau ít giây",
                  extensions: { code: "DATABASE_UNAVAILABLE", messageEn: "The database is unavailable just now" },
                },
              ],
            }),
            { status: 503, headers: { "content-type": "application/json", "retry-after": "5" } },
          );
        server = savedOver(server, v.values, 8);
        return { saveIndicatorValues: { __typename: "MutationSaveIndicatorValuesSuccess", data: server } };
      },
    });
    renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-02");
    type("CQS-02 tử số", "25");
    type("CQS-02 mẫu số", "50");
    await waitFor(
      () =>
        expect(screen.getByTestId("save-status").textContent).toBe(
          "Chưa lưu — máy chủ tạm thời chưa lưu được (sẽ tự gửi lại sau ít giây)",
        ),
      { timeout: 4000 },
    );
    expect(Object.keys(localStorage).some((k) => k.startsWith("cds.draft.A1."))).toBe(true);
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toMatch(/Đã lưu lúc/), { timeout: 8000 });
    const saves = byName("PortalSaveValues");
    expect(saves).toHaveLength(2);
    expect(saves[1]!.variables).toEqual(saves[0]!.variables);
    expect(Object.keys(localStorage).filter((k) => k.startsWith("cds.draft."))).toHaveLength(0);
  }, 15_000);

  it("clears the draft after a successful save", async () => {
    let server = assessment();
    stubGraphql({
      PortalAssessment: () => ({ assessment: server }),
      PortalSaveValues: (v) => {
        server = savedOver(server, v.values, 8);
        return { saveIndicatorValues: { __typename: "MutationSaveIndicatorValuesSuccess", data: server } };
      },
    });
    renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-02");
    type("CQS-02 tử số", "25");
    type("CQS-02 mẫu số", "50");
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toMatch(/Đã lưu lúc/), { timeout: 4000 });
    expect(Object.keys(localStorage).filter((k) => k.startsWith("cds.draft."))).toHaveLength(0);
    expect(screen.getByTestId("server-level").dataset.level).toBe("3");
    expect(screen.getByTestId("live-level").dataset.level).toBe("3");
    expect(screen.queryByTestId("level-mismatch")).toBeNull();
  });

  it("refuses to submit with missing values and lists them", async () => {
    const { calls } = stubGraphql({ PortalAssessment: () => ({ assessment: assessment() }) });
    renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-02");
    fireEvent.click(screen.getByRole("button", { name: "Nộp hồ sơ" }));
    const box = screen.getByTestId("submit-missing");
    expect(box.textContent).toContain("Chưa thể nộp hồ sơ");
    expect(box.textContent).toContain("CQS-02 — Tỷ lệ hồ sơ trực tuyến toàn trình");
    expect(calls.some((c) => c.operation === "PortalSubmit")).toBe(false);
  });

  it("lists what the server refuses on submission", async () => {
    const values = {
      ...valuesOf(assessment()),
      "CQS-02": { numerator: 25, denominator: 50 },
    };
    stubGraphql({
      PortalAssessment: () => ({ assessment: assessment({ values }) }),
      PortalSubmit: () => ({
        submitAssessment: {
          __typename: "InputError",
          code: "INVALID_INPUT",
          message: "Dữ liệu không hợp lệ",
          messageEn: "Invalid input",
          issues: [{ field: "values.CQS-07", message: "chưa nhập số liệu", messageEn: "no value entered" }],
        },
      }),
    });
    renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-02");
    fireEvent.click(screen.getByRole("button", { name: "Nộp hồ sơ" }));
    fireEvent.click(
      within(screen.getByRole("alertdialog", { name: "Xác nhận nộp hồ sơ" })).getByRole("button", {
        name: "Nộp hồ sơ",
      }),
    );
    const refusal = (await screen.findByText(/Máy chủ từ chối/)).closest("div")!;
    expect(refusal.textContent).toContain("CQS-07 — Nhân sự chuyên trách");
  });

  it("asks for confirmation, says what will be locked, and sends nothing before Nộp hồ sơ", async () => {
    const values = {
      ...valuesOf(assessment()),
      "CQS-02": { numerator: 25, denominator: 50 },
    };
    const file = (id: string, criterionCode: string) => ({
      id,
      criterionCode,
      fileName: `${id}.pdf`,
      mimeType: "application/pdf",
      size: 2048,
      createdAt: "2026-03-01T02:00:00Z",
    });
    const { calls } = stubGraphql({
      PortalAssessment: () => ({
        assessment: { ...assessment({ values }), evidence: [file("E1", "CQS-02"), file("E2", "CQS-07")] },
      }),
      PortalSubmit: () => ({
        submitAssessment: {
          __typename: "MutationSubmitAssessmentSuccess",
          data: { id: "A1", version: 2, status: "SUBMITTED" },
        },
      }),
    });
    renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-02");
    fireEvent.click(screen.getByRole("button", { name: "Nộp hồ sơ" }));
    const dialog = screen.getByRole("alertdialog", { name: "Xác nhận nộp hồ sơ" });
    expect(dialog.textContent).toContain(
      "Sau khi nộp, số liệu và minh chứng sẽ bị khoá cho đến khi cấp trên trả lại hồ sơ",
    );
    // The registered level, the level the values reach, the criteria entered and the evidence files.
    expect(dialog.textContent).toMatch(
      /Mức đăng ký: mức 3 \(.+\); số liệu hiện đạt mức 3 \(.+\)\. Đã nhập số liệu \d+\/\d+ tiêu chí, kèm 2 tệp minh chứng\./,
    );
    expect(within(dialog).getByRole("button", { name: "Huỷ" })).toBeTruthy();
    expect(calls.some((c) => c.operation === "PortalSubmit")).toBe(false);

    fireEvent.click(within(dialog).getByRole("button", { name: "Huỷ" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(calls.some((c) => c.operation === "PortalSubmit")).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: "Nộp hồ sơ" }));
    fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Nộp hồ sơ" }));
    await waitFor(() => expect(calls.some((c) => c.operation === "PortalSubmit")).toBe(true));
  });

  it('marks a criterion the review asks more evidence for: "Cần bổ sung minh chứng"', async () => {
    const comment = (id: string, criterionCode: string, needsEvidence: boolean) => ({
      id,
      criterionCode,
      body: `Ý kiến ${id}`,
      createdAt: "2026-10-01T02:00:00Z",
      needsEvidence,
    });
    const a = {
      ...assessment({ status: "RETURNED" }),
      comments: [comment("c1", "CQS-07", true), comment("c2", "CQS-12", false)],
    };
    stubGraphql({ PortalAssessment: () => ({ assessment: a }) });
    renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-07", {}, { timeout: 5000 });
    expect(screen.getByTestId("needs-evidence-CQS-07").textContent).toBe("Cần bổ sung minh chứng");
    expect(screen.queryByTestId("needs-evidence-CQS-12")).toBeNull();
    expect(screen.getByTestId("criterion-CQS-12").textContent).toContain("Ý kiến c2");
  });

  it("is read-only once submitted and shows the recognised level and decision", async () => {
    const a = {
      ...assessment({ status: "RECOGNISED" }),
      recognisedLevel: 3,
      recognitionDecision: "314/QĐ-UBND",
      recognitionDate: "2026-11-20",
    };
    stubGraphql({ PortalAssessment: () => ({ assessment: a }) });
    renderAssessmentPage();
    await screen.findByTestId("criterion-CQS-02");
    expect((screen.getByLabelText("CQS-02 tử số") as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole("button", { name: "Nộp hồ sơ" })).toBeNull();
    expect(screen.getByText(/Quyết định số 314\/QĐ-UBND ngày 20\/11\/2026/)).toBeTruthy();
  });
});
