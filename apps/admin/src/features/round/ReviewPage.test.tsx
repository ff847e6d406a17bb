import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Me } from "@cds/ui";
import { renderWithProviders, stubGraphql } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { ReviewPage } from "./ReviewPage.tsx";
import { assessment, gapsAnswer, officer } from "./test-fixtures.ts";

const renderPage = (me: Me = officer) =>
  renderWithProviders(<ReviewPage me={me} assessmentId="QXNzZXNzbWVudDph" />, catalogs);

const type = (label: string | RegExp, value: string, root: HTMLElement = document.body) =>
  fireEvent.change(within(root).getByLabelText(label), { target: { value } });

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("ReviewPage", () => {
  it("shows entered values as a reviewer reads them, evidence links and the per-level results", async () => {
    stubGraphql({
      AdminAssessmentGaps: gapsAnswer,
      AdminAssessment: () => ({ assessment: assessment() }),
    });
    renderPage();
    expect((await screen.findByTestId("review-status")).textContent).toBe("Đã nộp");
    expect(screen.getByText("21/50 (42%)")).toBeTruthy();
    expect(screen.getByText("1/4")).toBeTruthy();
    const link = screen.getByRole("link", { name: "bao-cao-dvc.pdf" });
    expect(link.getAttribute("href")).toBe("/evidence/ev1");
    // What is missing for the registered level is read apart (a scored index has no levels to miss).
    expect(await screen.findByText(/CQS-02: cần ≥ 60%, hiện 42%/)).toBeTruthy();
    // The version the reviewer acts on, and the pinned set's decision.
    expect(screen.getByText("Phiên bản hồ sơ: 5")).toBeTruthy();
    expect(screen.getByText(/215\/QĐ-UBND ngày 14\/02\/2025/)).toBeTruthy();
  });

  it("shows the unit's own deadline, its extension's reason and a late submission", async () => {
    stubGraphql({
      AdminAssessmentGaps: gapsAnswer,
      AdminAssessment: () => ({
        assessment: assessment({
          late: true,
          submitDeadline: { date: "2025-11-10" },
          extensions: [{ id: "x1", dueAt: "2025-11-10", reason: "Mất điện do bão số 3" }],
        }),
      }),
    });
    renderPage();
    await screen.findByTestId("review-status");
    expect(screen.getByText("Hạn nộp của đơn vị")).toBeTruthy();
    expect(screen.getByText(/10\/11\/2025/)).toBeTruthy();
    expect(screen.getByText("(đã gia hạn: Mất điện do bão số 3)")).toBeTruthy();
    expect(screen.getByTestId("late").textContent).toBe("Trễ hạn");
  });

  it("shows a merged commune's predecessors in a closed section: last recognitions, baseline and its rule", async () => {
    const rule =
      "Mức xuất phát của đơn vị mới sáp nhập: mức thấp nhất trong các mức đã được công nhận của các đơn vị cũ";
    const old = (code: string, name: string, level: number | null) => ({
      code,
      name,
      validTo: "2025-06-30",
      lastRecognition:
        level === null
          ? null
          : {
              recognisedLevel: level,
              recognitionDecision: "360/QĐ-UBND",
              recognitionDate: null,
              round: { year: 2025 },
            },
    });
    const base = assessment();
    stubGraphql({
      AdminAssessmentGaps: gapsAnswer,
      AdminAssessment: () => ({
        assessment: {
          ...base,
          unit: {
            ...base.unit,
            validFrom: "2025-07-01",
            predecessors: [
              { kind: "FULL", unit: old("14566", "Xã Khánh Hội", 3) },
              { kind: "PARTIAL", unit: old("14569", "Xã Khánh Lợi", null) },
            ],
            baseline: {
              rule: "LOWEST_OF_PREDECESSORS",
              ruleText: rule,
              level: 3,
              distribution: [0, 0, 0, 1, 0, 0],
              recognised: 1,
              unrecognised: 1,
            },
          },
        },
      }),
    });
    renderPage();
    const summary = await screen.findByText("Hình thành từ (sáp nhập 01/07/2025)");
    const details = summary.closest("details")!;
    expect(details.open).toBe(false);
    expect([...details.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      "Xã Khánh Hội toàn bộ — Mức 3 (Cơ bản) — năm 2025, QĐ 360/QĐ-UBND",
      "Xã Khánh Lợi một phần — chưa được công nhận",
    ]);
    expect(within(details).getByText("Mức xuất phát: Mức 3 (Cơ bản)")).toBeTruthy();
    expect(within(details).getByText(rule)).toBeTruthy();
  });

  it("has no lineage section for a unit the reform did not touch", async () => {
    stubGraphql({
      AdminAssessmentGaps: gapsAnswer,
      AdminAssessment: () => ({ assessment: assessment() }),
    });
    renderPage();
    await screen.findByTestId("review-status");
    expect(screen.queryByText(/Hình thành từ/)).toBeNull();
  });

  it("opens the return dialog and sends the overall and per-criterion comments, then shows the new status", async () => {
    const { calls } = stubGraphql({
      AdminAssessmentGaps: gapsAnswer,
      AdminAssessment: (_v, n) => ({ assessment: assessment(n === 0 ? {} : { status: "RETURNED", version: 6 }) }),
      AdminReturn: () => ({
        returnAssessment: {
          __typename: "MutationReturnAssessmentSuccess",
          data: { id: "QXNzZXNzbWVudDph", status: "RETURNED", version: 6 },
        },
      }),
    });
    renderPage();
    fireEvent.click(await screen.findByRole("button", { name: "Trả lại" }));
    const dialog = screen.getByRole("dialog", { name: "Trả lại hồ sơ để đơn vị bổ sung" });

    // Nothing written: the dialog says why before calling the API.
    fireEvent.click(within(dialog).getByRole("button", { name: "Trả lại" }));
    expect(within(dialog).getByRole("alert").textContent).toContain("Ý kiến: Nêu lý do trả lại");
    expect(calls.some((c) => c.operation === "AdminReturn")).toBe(false);

    type("Ý kiến chung", "Bổ sung minh chứng nhóm Xã hội số.", dialog);
    fireEvent.click(within(dialog).getByRole("button", { name: /Thêm ý kiến theo tiêu chí/ }));
    fireEvent.change(within(dialog).getByLabelText("Tiêu chí (ý kiến 1)"), { target: { value: "CQS-02" } });
    type("Nội dung ý kiến 1", "Số hồ sơ chưa khớp báo cáo của Trung tâm phục vụ hành chính công.", dialog);
    fireEvent.click(within(dialog).getByRole("button", { name: "Trả lại" }));

    await waitFor(() => expect(screen.getByTestId("review-status").textContent).toBe("Bị trả lại"));
    const sent = calls.find((c) => c.operation === "AdminReturn")!;
    expect(sent.variables).toEqual({
      assessmentId: "QXNzZXNzbWVudDph",
      version: 5,
      comments: [
        { criterionCode: null, body: "Bổ sung minh chứng nhóm Xã hội số." },
        {
          criterionCode: "CQS-02",
          body: "Số hồ sơ chưa khớp báo cáo của Trung tâm phục vụ hành chính công.",
          needsEvidence: false,
        },
      ],
    });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByText("Đã trả lại hồ sơ kèm ý kiến.")).toBeTruthy();
  });

  it("refuses to recognise without a decision number, naming the field in Vietnamese, before calling the API", async () => {
    const { calls } = stubGraphql({
      AdminAssessmentGaps: gapsAnswer,
      AdminAssessment: () => ({ assessment: assessment({ status: "APPRAISED", appraisedLevel: 2 }) }),
    });
    renderPage();
    const button = await screen.findByRole("button", { name: "Công nhận" });
    type("Ngày quyết định", "20/11/2025");
    fireEvent.click(button);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Số quyết định: Nhập số quyết định công nhận");
    expect(screen.getByLabelText("Số quyết định").getAttribute("aria-invalid")).toBe("true");
    expect(calls.some((c) => c.operation === "AdminRecognise")).toBe(false);
  });

  it("sends the decision date as yyyy-mm-dd and shows the API's refusal in Vietnamese", async () => {
    const { calls } = stubGraphql({
      AdminAssessmentGaps: gapsAnswer,
      AdminAssessment: () => ({ assessment: assessment({ status: "APPRAISED", appraisedLevel: 2 }) }),
      AdminRecognise: () => ({
        recogniseAssessment: {
          __typename: "WorkflowError",
          code: "WORKFLOW",
          message: "Hồ sơ đã công nhận, không thể sửa",
          messageEn: "Recognised: it can no longer change",
        },
      }),
    });
    renderPage();
    await screen.findByRole("button", { name: "Công nhận" });
    type("Số quyết định", "412/QĐ-UBND");
    type("Ngày quyết định", "20/11/2025");
    fireEvent.click(screen.getByRole("button", { name: "Công nhận" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Hồ sơ đã công nhận, không thể sửa");
    expect(calls.find((c) => c.operation === "AdminRecognise")!.variables).toMatchObject({
      decisionNumber: "412/QĐ-UBND",
      decisionDate: "2025-11-20",
      version: 5,
    });
    // A workflow refusal means the assessment changed: it is read again.
    await waitFor(() => expect(calls.filter((c) => c.operation === "AdminAssessment").length).toBe(2));
  });

  it("explains a conflict and reloads the assessment", async () => {
    const { calls } = stubGraphql({
      AdminAssessmentGaps: gapsAnswer,
      AdminAssessment: (_v, n) => ({ assessment: assessment({ version: 5 + n }) }),
      AdminVerify: () => ({
        verifyAssessment: {
          __typename: "ConflictError",
          code: "CONFLICT",
          message: "Hồ sơ đã được người khác cập nhật (phiên bản 6)",
          messageEn: "",
          currentVersion: 6,
        },
      }),
    });
    renderPage();
    fireEvent.click(await screen.findByRole("button", { name: "Xác nhận đã xác minh" }));
    expect((await screen.findByRole("alert")).textContent).toContain("phiên bản 6");
    await waitFor(() => expect(screen.getByText("Phiên bản hồ sơ: 6")).toBeTruthy());
    expect(calls.filter((c) => c.operation === "AdminAssessment").length).toBe(2);
  });

  it("corrects a value in the shape the unit entered, with a comment", async () => {
    const { calls } = stubGraphql({
      AdminAssessmentGaps: gapsAnswer,
      AdminAssessment: () => ({ assessment: assessment() }),
      AdminVerifyValue: () => ({
        verifyIndicatorValue: {
          __typename: "MutationVerifyIndicatorValueSuccess",
          data: { id: "x", status: "SUBMITTED", version: 6 },
        },
      }),
    });
    renderPage();
    fireEvent.click(await screen.findByRole("button", { name: "Xác minh số liệu CQS-02" }));
    const dialog = screen.getByRole("dialog");
    fireEvent.click(within(dialog).getByLabelText("Sửa số liệu (nhập số liệu đúng)"));
    type("Tử số", "18", dialog);
    type("Nhận xét của người xác minh", "Theo báo cáo của Trung tâm PVHCC", dialog);
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu xác minh" }));
    await waitFor(() => expect(calls.some((c) => c.operation === "AdminVerifyValue")).toBe(true));
    expect(calls.find((c) => c.operation === "AdminVerifyValue")!.variables).toMatchObject({
      criterionCode: "CQS-02",
      value: { numerator: 18, denominator: 50 },
      comment: "Theo báo cáo của Trung tâm PVHCC",
    });
  });

  it('refuses a correction that is not a whole number as staff type it ("1.2.3"), like the portal\'s form', async () => {
    const { calls } = stubGraphql({
      AdminAssessmentGaps: gapsAnswer,
      AdminAssessment: () => ({ assessment: assessment() }),
    });
    renderPage();
    fireEvent.click(await screen.findByRole("button", { name: "Xác minh số liệu CQS-02" }));
    const dialog = screen.getByRole("dialog");
    fireEvent.click(within(dialog).getByLabelText("Sửa số liệu (nhập số liệu đúng)"));
    type("Tử số", "1.2.3", dialog);
    type("Nhận xét của người xác minh", "Theo báo cáo", dialog);
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu xác minh" }));
    expect(within(dialog).getByRole("alert").textContent).toContain("Tử số: Tử số phải là số nguyên không âm");
    expect(within(dialog).getByLabelText("Tử số").getAttribute("aria-invalid")).toBe("true");
    // Thousands groups of exactly three digits are a whole number: "1.234" is sent as 1234.
    type("Mẫu số", "2.000", dialog);
    type("Tử số", "1.234", dialog);
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu xác minh" }));
    await waitFor(() => expect(calls.some((c) => c.operation === "AdminVerifyValue")).toBe(true));
    expect(calls.find((c) => c.operation === "AdminVerifyValue")!.variables).toMatchObject({
      value: { numerator: 1234, denominator: 2000 },
    });
  });
});
