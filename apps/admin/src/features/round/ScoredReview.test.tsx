import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders, stubGraphql } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { ReviewPage } from "./ReviewPage.tsx";
import { scoredAssessment, scoredSetAnswer } from "./scored-fixtures.ts";
import { officer } from "./test-fixtures.ts";

// Every score below is criteria-core's `score(builtInSet("mau-dti-xa"), values)` (scored-fixtures.ts):
// the unit's values give 749,98; with the council's and the verifier's corrections, 708,48.

const renderPage = () => renderWithProviders(<ReviewPage me={officer} assessmentId="QXNzZXNzbWVudDph" />, catalogs);

const type = (label: string | RegExp, value: string, root: HTMLElement) =>
  fireEvent.change(within(root).getByLabelText(label), { target: { value } });

const cells = (row: HTMLElement) => [...row.querySelectorAll("td, th")].map((c) => c.textContent);

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// A commune's 47 components in 8 tables make a large page: queries are scoped to a row where they can be, and
// the tests get more time than the default on a busy machine.
describe("review of a scored index", { timeout: 20_000 }, () => {
  it("shows the totals on top and, per group, each component's three scores side by side with the difference", async () => {
    stubGraphql({
      AdminAssessment: () => ({ assessment: scoredAssessment({ status: "RECOGNISED" }) }),
      AdminScoredSet: scoredSetAnswer,
    });
    renderPage();
    expect((await screen.findByTestId("score-totals")).textContent).toBe(
      "Tự đánh giá 749,98 · Thẩm định 708,48 · Cuối cùng 708,48 · Chênh lệch −41,50 / 1.000 điểm",
    );
    expect(screen.getByTestId("judged-by").textContent).toBe("Chấm điểm");
    // A points-only index has no levels to show.
    expect(screen.queryByText("Mức độ", { selector: "dt" })).toBeNull();

    // One table per group; the group's row carries its points of its maximum and its index.
    const nts = await screen.findByRole("table", { name: "NTS — Nhận thức số" });
    expect(
      within(nts)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual([
      "Mã",
      "Chỉ số thành phần",
      "Cách tính điểm",
      "Đơn vị nhập",
      "Xác minh",
      "Tự đánh giá",
      "Thẩm định",
      "Cuối cùng",
      "Chênh lệch",
      "Minh chứng",
    ]);
    expect(cells(screen.getByTestId("group-NTS"))).toEqual([
      "NTS",
      "Cộng Nhận thức số",
      "70,00 / 80chỉ số 0,8750",
      "65,00 / 80chỉ số 0,8125",
      "65,00 / 80chỉ số 0,8125",
      "−5,00",
      "",
    ]);
    expect(screen.getByRole("table", { name: "CQS — Hoạt động chính quyền số" })).toBeTruthy();
    expect(screen.getAllByRole("table")).toHaveLength(8);

    // The council gave NT-01 15 of 20: the rule in words, the value entered and the correction, the three scores, −5.
    const nt01 = screen.getByTestId("component-NT-01");
    expect(cells(nt01).slice(2, 9)).toEqual([
      "hội đồng chấm 0–20 điểm, bước 5",
      "20 điểm",
      "Sửa thành 15 điểmChỉ đạo chưa thường xuyên",
      "20,00 / 20",
      "15,00 / 20",
      "15,00 / 20",
      "−5,00",
    ]);
    expect(within(nt01).getByText("−5,00").className).toBe("score-diff down");
    expect(within(nt01).getByRole("link", { name: "chi-thi-cds.pdf" })).toBeTruthy();
    // A component the review left as entered: no difference, not highlighted.
    const nt04 = screen.getByTestId("component-NT-04");
    expect(cells(nt04).slice(2, 9)).toEqual([
      "≥ 12 hoạt động: 15 điểm; ≥ 6 hoạt động: 10 điểm; ≥ 1 hoạt động: 5 điểm; còn lại 0",
      "4",
      "Chưa xác minh",
      "5,00 / 15",
      "5,00 / 15",
      "5,00 / 15",
      "0,00",
    ]);
    expect(within(nt04).getByText("0,00").className).toBe("score-diff");
    // The verifier's corrections of a yes/no and a ratio.
    expect(cells(screen.getByTestId("component-HT-02")).slice(3, 9)).toEqual([
      "Có",
      "Sửa thành KhôngChưa kết nối mạng truyền số liệu chuyên dùng",
      "24,00 / 24",
      "0,00 / 24",
      "0,00 / 24",
      "−24,00",
    ]);
    expect(cells(screen.getByTestId("component-CQ-02")).slice(3, 5)).toEqual([
      "60/100 (60%)",
      "Sửa thành 45/100 (45%)Theo số liệu Cổng dịch vụ công",
    ]);
    // A component left empty scores 0 and says so.
    expect(cells(screen.getByTestId("component-XH-08"))[5]).toBe("0,00 / 20chưa nhập");
  });

  it("shows no final score before recognition, and the group's difference highlighted", async () => {
    stubGraphql({
      AdminAssessment: () => ({ assessment: scoredAssessment() }),
      AdminScoredSet: scoredSetAnswer,
    });
    renderPage();
    expect((await screen.findByTestId("score-totals")).textContent).toBe(
      "Tự đánh giá 749,98 · Thẩm định 708,48 · Chênh lệch −41,50 / 1.000 điểm",
    );
    const hts = await screen.findByTestId("group-HTS");
    expect(cells(hts).slice(2)).toEqual(["81,60 / 120chỉ số 0,6800", "57,60 / 120chỉ số 0,4800", "−24,00", "", ""]);
    expect(within(hts).getByText("−24,00").className).toBe("score-diff down");
    expect(screen.queryByRole("columnheader", { name: "Cuối cùng" })).toBeNull();
  });

  it("lets the council give an appraised component points within 0..max on its step, refusing others naming the field", async () => {
    const { calls } = stubGraphql({
      AdminAssessment: () => ({ assessment: scoredAssessment() }),
      AdminScoredSet: scoredSetAnswer,
      AdminVerifyValue: () => ({
        verifyIndicatorValue: {
          __typename: "MutationVerifyIndicatorValueSuccess",
          data: { id: "QXNzZXNzbWVudDph", status: "VERIFIED", version: 6 },
        },
      }),
    });
    renderPage();
    fireEvent.click(
      within(await screen.findByTestId("component-NT-01")).getByRole("button", { name: "Chấm điểm NT-01" }),
    );
    const dialog = screen.getByRole("dialog", { name: "Chấm điểm NT-01" });
    expect(within(dialog).getByText("Cách tính điểm: hội đồng chấm 0–20 điểm, bước 5")).toBeTruthy();
    // Already corrected: the council's points are there to change; the bounds are shown.
    const points = within(dialog).getByLabelText("Số điểm") as HTMLInputElement;
    expect(points.value).toBe("15");
    expect(within(dialog).getByTestId("value-bounds").textContent).toBe("Từ 0 đến 20 điểm, bước 5 điểm.");
    expect(points.getAttribute("aria-describedby")).toBe(within(dialog).getByTestId("value-bounds").id);

    const save = () => fireEvent.click(within(dialog).getByRole("button", { name: "Lưu xác minh" }));
    type("Số điểm", "25", dialog);
    save();
    expect(within(dialog).getByRole("alert").textContent).toContain(
      "Số điểm: Số điểm không được lớn hơn điểm tối đa 20",
    );
    expect(points.getAttribute("aria-invalid")).toBe("true");
    type("Số điểm", "12,5", dialog);
    save();
    expect(within(dialog).getByRole("alert").textContent).toContain("Số điểm: Số điểm phải theo bước 5 điểm");
    type("Số điểm", "-5", dialog);
    save();
    expect(within(dialog).getByRole("alert").textContent).toContain("Số điểm: Số điểm không được âm");
    expect(calls.some((c) => c.operation === "AdminVerifyValue")).toBe(false);

    type("Số điểm", "10", dialog);
    type("Nhận xét của người xác minh", "Hội đồng thống nhất 10 điểm", dialog);
    save();
    await waitFor(() => expect(calls.some((c) => c.operation === "AdminVerifyValue")).toBe(true));
    expect(calls.find((c) => c.operation === "AdminVerifyValue")!.variables).toEqual({
      assessmentId: "QXNzZXNzbWVudDph",
      version: 5,
      criterionCode: "NT-01",
      value: { points: 10 },
      comment: "Hội đồng thống nhất 10 điểm",
    });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(screen.getByText("Đã chấm điểm NT-01; điểm đã được tính lại.")).toBeTruthy();
  });

  it("corrects a yes/no component with the input its rule takes", async () => {
    const { calls } = stubGraphql({
      AdminAssessment: () => ({ assessment: scoredAssessment() }),
      AdminScoredSet: scoredSetAnswer,
      AdminVerifyValue: () => ({
        verifyIndicatorValue: {
          __typename: "MutationVerifyIndicatorValueSuccess",
          data: { id: "QXNzZXNzbWVudDph", status: "VERIFIED", version: 6 },
        },
      }),
    });
    renderPage();
    fireEvent.click(
      within(await screen.findByTestId("component-NT-02")).getByRole("button", { name: "Xác minh số liệu NT-02" }),
    );
    const dialog = screen.getByRole("dialog", { name: "Xác minh số liệu NT-02" });
    fireEvent.click(within(dialog).getByLabelText("Sửa số liệu (nhập số liệu đúng)"));
    fireEvent.change(within(dialog).getByLabelText("Có / Không"), { target: { value: "false" } });
    type("Nhận xét của người xác minh", "Chưa có văn bản phổ biến", dialog);
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu xác minh" }));
    await waitFor(() => expect(calls.some((c) => c.operation === "AdminVerifyValue")).toBe(true));
    expect(calls.find((c) => c.operation === "AdminVerifyValue")!.variables).toMatchObject({
      criterionCode: "NT-02",
      value: false,
    });
  });

  it("returns the assessment asking for more evidence on a component, then shows the comment with that badge", async () => {
    const body = "Bổ sung biên bản xử lý sự cố an toàn thông tin năm 2026.";
    const { calls } = stubGraphql({
      AdminAssessment: (_v, n) => ({
        assessment:
          n === 0
            ? scoredAssessment()
            : scoredAssessment({
                status: "RETURNED",
                version: 6,
                allowedActions: [],
                comments: [{ id: "c1", criterionCode: "AT-04", body, createdAt: "2026-10-12T03:00:00.000Z" }],
                commentFlags: [{ id: "c1", needsEvidence: true }],
              }),
      }),
      AdminScoredSet: scoredSetAnswer,
      AdminReturn: () => ({
        returnAssessment: {
          __typename: "MutationReturnAssessmentSuccess",
          data: { id: "QXNzZXNzbWVudDph", status: "RETURNED", version: 6 },
        },
      }),
    });
    renderPage();
    await screen.findByTestId("group-NTS");
    fireEvent.click(screen.getByRole("button", { name: "Trả lại" }));
    const dialog = screen.getByRole("dialog", { name: "Trả lại hồ sơ để đơn vị bổ sung" });
    fireEvent.click(within(dialog).getByRole("button", { name: /Thêm ý kiến theo tiêu chí/ }));
    // The comment is about a component of the index.
    const pick = within(dialog).getByLabelText("Tiêu chí (ý kiến 1)") as HTMLSelectElement;
    expect(pick.options).toHaveLength(47);
    fireEvent.change(pick, { target: { value: "AT-04" } });
    type("Nội dung ý kiến 1", body, dialog);
    fireEvent.click(within(dialog).getByRole("checkbox", { name: "Cần bổ sung minh chứng (ý kiến 1)" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Trả lại" }));

    await waitFor(() => expect(screen.getByTestId("review-status").textContent).toBe("Bị trả lại"));
    expect(calls.find((c) => c.operation === "AdminReturn")!.variables).toEqual({
      assessmentId: "QXNzZXNzbWVudDph",
      version: 5,
      comments: [{ criterionCode: "AT-04", body, needsEvidence: true }],
    });
    const comments = screen.getByRole("region", { name: "Ý kiến đã gửi đơn vị" });
    const item = within(comments)
      .getByText(/Bổ sung biên bản xử lý sự cố/)
      .closest("li")!;
    expect(within(item).getByText("Cần bổ sung minh chứng").className).toContain("badge");
    expect(item.textContent).toContain("AT-04");
  });

  it("appraises a scored set without a level, confirming the score", async () => {
    const { calls } = stubGraphql({
      AdminAssessment: (_v, n) => ({
        assessment: scoredAssessment(n === 0 ? {} : { status: "APPRAISED", version: 6, allowedActions: [] }),
      }),
      AdminScoredSet: scoredSetAnswer,
      AdminAppraise: () => ({
        appraiseAssessment: {
          __typename: "MutationAppraiseAssessmentSuccess",
          data: { id: "QXNzZXNzbWVudDph", status: "APPRAISED", version: 6 },
        },
      }),
    });
    renderPage();
    const form = await screen.findByRole("form", { name: "Thẩm định hồ sơ" });
    expect(within(form).getByTestId("appraise-score").textContent).toBe("Xác nhận điểm thẩm định: 708,48 / 1.000 điểm");
    expect(within(form).queryByRole("combobox")).toBeNull();
    expect(within(form).queryByLabelText("Mức thẩm định")).toBeNull();
    fireEvent.click(within(form).getByRole("button", { name: "Thẩm định" }));
    await waitFor(() => expect(screen.getByTestId("review-status").textContent).toBe("Đã thẩm định"));
    // No level is sent: the API's level of a scored set follows from the score.
    expect(calls.find((c) => c.operation === "AdminAppraise")!.variables).toEqual({
      assessmentId: "QXNzZXNzbWVudDph",
      version: 5,
    });
  });

  it("recognises the appraised score (no level) and shows how a set judged by both grades it", async () => {
    const base = scoredAssessment({ status: "APPRAISED" });
    stubGraphql({
      AdminAssessment: () => ({
        assessment: {
          ...base,
          setVersion: { ...base.setVersion, judgedBy: "both" },
          selfScore: { ...base.selfScore!, level: 3, levelName: "Khá" },
          score: { ...base.score!, level: 2, levelName: "Trung bình" },
        },
      }),
      AdminScoredSet: scoredSetAnswer,
    });
    renderPage();
    const form = await screen.findByRole("form", { name: "Công nhận kết quả chấm điểm" });
    expect(form.textContent).toContain(
      "Điểm được công nhận (theo kết quả thẩm định): 708,48 / 1.000 điểm — Xếp loại Trung bình",
    );
    expect(screen.getByTestId("score-levels").textContent).toBe("Xếp loại: Tự đánh giá Khá · Thẩm định Trung bình");
    expect(screen.getByTestId("judged-by").textContent).toBe("Điểm và xếp loại");
  });
});
