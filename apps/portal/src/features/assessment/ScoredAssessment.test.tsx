/** The self-assessment workspace of a scored index (Bộ chỉ số), on the built-in mau-dti-xa template. */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { formatPoints, pointsGaps, score, type ComponentValues, type Score } from "@cds/criteria-core";
import { formatRule, scoreComponents, type TCriteriaSet } from "@cds/criteria-schema";
import { stubGraphql, stubUploads } from "@cds/ui/testing";
import { scoredAssessment, scoredSavedOver, scoredSet, scoredValues, valuesOf } from "./test-fixtures.ts";
import { renderAssessmentPage } from "./test-harness.tsx";

/**
 * The input labelled `label` (its aria-label): found directly, since label queries over the 47 cards of the form
 * are slow in jsdom.
 */
const queryField = (label: string) => document.querySelector<HTMLInputElement>(`[aria-label="${label}"]`);
const input = (label: string): HTMLInputElement => {
  const el = queryField(label);
  if (!el) throw new Error(`no input labelled "${label}"`);
  return el;
};
const type = (label: string, value: string) => fireEvent.change(input(label), { target: { value } });
/** Waits for the form (the workspace is loaded lazily; the first render of 47 cards is slow in jsdom). */
const opened = (code: string) => screen.findByTestId(`component-${code}`, {}, { timeout: 10_000 });
const submitButton = () =>
  within(document.querySelector<HTMLElement>(".pa-submit")!).getByRole("button", { name: "Nộp hồ sơ" });
const scoreOf = (values: Record<string, unknown>, set: TCriteriaSet = scoredSet): Score =>
  score(set, values as ComponentValues);
/** The total as the panel writes it: criteria-core's scoreText in Vietnamese separators. */
const total = (s: Score) => `${formatPoints(s.scoreText, "vi")} / 1.000 điểm`;
const components = scoreComponents(scoredSet.scoring!.groups).map((p) => p.component);

/** A value earning every component's maximum. */
function fullValues(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of components) {
    const r = c.rule;
    out[c.code] =
      r.kind === "yesNo"
        ? true
        : r.kind === "appraised"
          ? { points: c.max }
          : r.kind === "indexValue"
            ? 1
            : r.kind === "bands" && r.on === "count"
              ? { count: 100 }
              : { numerator: 10, denominator: 10 };
  }
  return out;
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// The form has 47 components: rendering it in jsdom takes a few seconds.
describe("AssessmentPage for a scored index", { timeout: 30_000 }, () => {
  it("lists the scoring tree: each group with its points and index, each component with its rule and input", async () => {
    stubGraphql({ PortalAssessment: () => ({ assessment: scoredAssessment() }) });
    renderAssessmentPage();
    await opened("NT-01");
    const s = scoreOf(scoredValues);

    // Every group of the set, with its points and index as criteria-core rounds them.
    for (const g of scoredSet.scoring!.groups) {
      const section = screen.getByTestId(`group-${g.code}`);
      expect(section.querySelector("h3")!.textContent).toContain(`${g.code} — ${g.name}`);
      const gs = s.groups.find((x) => x.code === g.code)!;
      expect(screen.getByTestId(`group-points-${g.code}`).textContent).toBe(
        `(${formatPoints(gs.pointsText, "vi")} / ${formatPoints(String(g.max), "vi")} điểm · chỉ số ${formatPoints(gs.indexText!, "vi")})`,
      );
    }
    expect(screen.getByTestId("group-points-TCS").textContent).toBe("(12 / 60 điểm · chỉ số 0,2)");
    // Every component, in the set's order.
    expect(screen.getAllByTestId(/^component-/).map((e) => e.dataset.testid)).toEqual(
      components.map((c) => `component-${c.code}`),
    );

    // Its name, code, maximum, rule in words and unit; method and data source to open.
    const ht01 = screen.getByTestId("component-HT-01");
    const c = components.find((x) => x.code === "HT-01")!;
    expect(ht01.textContent).toContain(`HT-01 ${c.name}`);
    expect(ht01.textContent).toContain(`Tối đa 24 điểm · Cách tính điểm: ${formatRule(c, "vi")}`);
    expect(ht01.textContent).toContain("≥ 90%: 24 điểm; ≥ 70%: 12 điểm; còn lại 0");
    expect(within(ht01).getByText("Phương pháp tính, nguồn số liệu và căn cứ")).toBeTruthy();
    expect(within(ht01).getByText(c.dataSource)).toBeTruthy();
    // The points it earns now.
    expect(screen.getByTestId("points-HT-01").textContent).toBe("Điểm hiện tại: 12 / 24 điểm");
    expect(screen.getByTestId("points-NT-03").textContent).toBe("Điểm hiện tại: 0 / 15 điểm · chưa nhập");
    expect(screen.getByTestId("points-NL-04").textContent).toBe("Không áp dụng");

    // The input its rule asks for, with the phone keypad it needs.
    expect(input("NT-01 điểm đề xuất").value).toBe("15");
    expect(input("NT-01 điểm đề xuất").inputMode).toBe("numeric");
    expect(within(screen.getByTestId("component-NT-01")).getByText("Điểm đề xuất (0–20, bước 5)")).toBeTruthy();
    expect(input("NT-02 có").checked).toBe(true);
    expect(input("NT-03 không").type).toBe("radio");
    expect(input("NT-04 số lượng").value).toBe("7");
    expect(input("NT-04 số lượng").inputMode).toBe("numeric");
    expect(input("TC-03 tử số").value).toBe("6");
    expect(input("TC-03 mẫu số").value).toBe("10");
    expect(screen.getByTestId("percent-TC-03").textContent).toContain("60%");
    // "Không áp dụng" only where the component may not apply.
    expect(input("NL-04 không áp dụng").checked).toBe(true);
    expect(input("NL-04 tử số").disabled).toBe(true);
    expect(input("KT-02 không áp dụng").checked).toBe(false);
    expect(queryField("NT-02 không áp dụng")).toBeNull();

    // No level to register for a scored index.
    expect(screen.queryByText("Đăng ký mức độ phấn đấu")).toBeNull();
    expect(queryField("Mức đăng ký")).toBeNull();
    expect(screen.queryByTestId("live-level")).toBeNull();
  });

  it("updates the live score exactly as criteria-core's score() says as values are typed", async () => {
    stubGraphql({ PortalAssessment: () => ({ assessment: scoredAssessment() }) });
    renderAssessmentPage();
    await opened("NT-01");
    const before = scoreOf(scoredValues);
    expect(screen.getByTestId("live-score").textContent).toBe(total(before));
    expect(screen.getByTestId("bar-score").dataset.score).toBe(before.scoreText);

    type("HT-03 tử số", "91");
    type("HT-03 mẫu số", "100");
    const after = scoreOf({ ...scoredValues, "HT-03": { numerator: 91, denominator: 100 } });
    expect(after.scoreText).not.toBe(before.scoreText);
    expect(screen.getByTestId("live-score").textContent).toBe(total(after));
    expect(screen.getByTestId("live-score").dataset.score).toBe(after.scoreText);
    expect(screen.getByTestId("points-HT-03").textContent).toBe("Điểm hiện tại: 24 / 24 điểm");
    const hts = after.groups.find((g) => g.code === "HTS")!;
    expect(screen.getByTestId("group-points-HTS").textContent).toContain(`${formatPoints(hts.pointsText, "vi")} / 120`);

    // Points with decimals read with a decimal comma: 1/7 × 24 = 3,43 (the set's 2 decimals).
    type("HT-04 tử số", "1");
    type("HT-04 mẫu số", "7");
    expect(screen.getByTestId("points-HT-04").textContent).toBe("Điểm hiện tại: 3,43 / 24 điểm");
    const more = scoreOf({
      ...scoredValues,
      "HT-03": { numerator: 91, denominator: 100 },
      "HT-04": { numerator: 1, denominator: 7 },
    });
    expect(screen.getByTestId("live-score").textContent).toBe(total(more));
    expect(screen.getByTestId("live-score").textContent).toMatch(/^\d+,\d+ \/ 1\.000 điểm$/);

    // Proposed points off the rule's step or over the maximum: refused on the field (named), scored as missing.
    type("NT-01 điểm đề xuất", "17");
    expect(screen.getByTestId("component-NT-01").textContent).toContain("Điểm đề xuất phải theo bước 5 điểm");
    const withoutNt01: Record<string, unknown> = {
      ...scoredValues,
      "HT-03": { numerator: 91, denominator: 100 },
      "HT-04": { numerator: 1, denominator: 7 },
    };
    delete withoutNt01["NT-01"];
    expect(screen.getByTestId("live-score").textContent).toBe(total(scoreOf(withoutNt01)));
    type("NT-01 điểm đề xuất", "25");
    expect(screen.getByTestId("component-NT-01").textContent).toContain(
      "Điểm đề xuất không được lớn hơn điểm tối đa (20)",
    );
    type("NT-01 điểm đề xuất", "mười");
    expect(screen.getByTestId("component-NT-01").textContent).toContain("Điểm đề xuất phải là một số không âm");
    type("NT-01 điểm đề xuất", "20");
    expect(screen.getByTestId("points-NT-01").textContent).toBe("Điểm hiện tại: 20 / 20 điểm");

    // A numerator above its denominator: criteria-core's check, on the field.
    type("TC-03 tử số", "12");
    expect(screen.getByTestId("component-TC-03").textContent).toContain("Tử số không được lớn hơn mẫu số");
  });

  it("shows how to earn more points from pointsGaps, biggest missing points first", async () => {
    stubGraphql({ PortalAssessment: () => ({ assessment: scoredAssessment() }) });
    renderAssessmentPage();
    await opened("NT-01");
    const list = screen.getByTestId("points-gaps");
    const items = [...list.querySelectorAll("li")].map((li) => li.textContent);
    const expected = pointsGaps(scoredSet, scoredValues as ComponentValues)
      .sort((a, b) => b.missingPoints - a.missingPoints)
      .map((g) => g.message);
    expect(items).toEqual(expected);
    expect(items).toContain("XH-03: 10/20 điểm; đạt ≥ 80% (cần thêm 17 người dân) để được 20");
    expect(items).toContain("NT-04: 10/15 điểm; đạt ≥ 12 (cần thêm 5 hoạt động) để được 15");
    // The missing points never grow down the list.
    const missing = pointsGaps(scoredSet, scoredValues as ComponentValues).map((g) => g.missingPoints);
    expect(items[0]).toContain(`/${Math.max(...missing)} điểm`);
    expect(list.querySelector("a")!.getAttribute("href")).toMatch(/^#criterion-/);
    // The five biggest are open; the rest are folded (on a phone the panel comes before the form).
    expect(list.querySelector("ol")!.children).toHaveLength(5);
    expect(list.querySelector("details summary")!.textContent).toBe(
      `Xem thêm ${expected.length - 5} chỉ số thành phần`,
    );

    // Typing moves a component out of the list once it earns its maximum.
    type("XH-03 tử số", "80");
    expect(screen.getByTestId("points-gaps").textContent).not.toContain("XH-03");
  });

  it("declares a component not applicable and saves it by its code; the server's score is shown after save", async () => {
    let server = scoredAssessment();
    const { calls } = stubGraphql({
      PortalAssessment: () => ({ assessment: server }),
      PortalSaveValues: (v) => {
        server = scoredSavedOver(server, v.values, 8);
        return { saveIndicatorValues: { __typename: "MutationSaveIndicatorValuesSuccess", data: server } };
      },
    });
    renderAssessmentPage();
    await opened("KT-02");
    fireEvent.click(input("KT-02 không áp dụng"));
    expect(input("KT-02 có").disabled).toBe(true);
    expect(screen.getByTestId("points-KT-02").textContent).toBe("Không áp dụng");
    const expected = scoreOf({ ...scoredValues, "KT-02": { notApplicable: true } });
    expect(screen.getByTestId("live-score").textContent).toBe(total(expected));
    // Removed from the maximum: the group's points are re-scaled to its maximum by criteria-core.
    const kts = expected.groups.find((g) => g.code === "KTS")!;
    expect(screen.getByTestId("group-points-KTS").textContent).toContain(`${formatPoints(kts.pointsText, "vi")} / 150`);

    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toMatch(/Đã lưu lúc \d\d:\d\d/), {
      timeout: 4000,
    });
    const saves = calls.filter((c) => c.operation === "PortalSaveValues");
    expect(saves).toHaveLength(1);
    expect(saves[0]!.variables).toMatchObject({ version: 7, values: { "KT-02": { notApplicable: true } } });
    expect(screen.getByTestId("server-score").dataset.score).toBe(expected.scoreText);
    expect(screen.getByTestId("live-score").dataset.score).toBe(expected.scoreText);
    expect(screen.queryByTestId("score-mismatch")).toBeNull();
    expect(Object.keys(localStorage).filter((k) => k.startsWith("cds.draft."))).toHaveLength(0);

    // Unticking brings the inputs back; an empty yes/no clears the value.
    fireEvent.click(input("KT-02 không áp dụng"));
    expect(input("KT-02 có").disabled).toBe(false);
  });

  it("warns when the server's score of the saved values differs from the browser's", async () => {
    const wrong = { ...scoredAssessment(), score: scoreOf({}) };
    stubGraphql({ PortalAssessment: () => ({ assessment: wrong }) });
    renderAssessmentPage();
    await opened("NT-01");
    expect(screen.getByTestId("score-mismatch").textContent).toContain("khác điểm máy chủ tính");
  });

  it("offers a percent instead of a numerator and denominator while nothing is typed", async () => {
    const { calls } = stubGraphql({ PortalAssessment: () => ({ assessment: scoredAssessment() }) });
    renderAssessmentPage();
    await opened("HT-03");
    expect(
      within(screen.getByTestId("component-TC-03")).queryByRole("button", { name: "Nhập theo tỷ lệ %" }),
    ).toBeNull();
    fireEvent.click(within(screen.getByTestId("component-HT-03")).getByRole("button", { name: "Nhập theo tỷ lệ %" }));
    expect(queryField("HT-03 tử số")).toBeNull();
    expect(input("HT-03 tỷ lệ phần trăm").inputMode).toBe("decimal");
    // Choosing the way to type is not a change to save.
    expect(screen.getByTestId("save-status").textContent).toBe("Mọi thay đổi đã được lưu");
    type("HT-03 tỷ lệ phần trăm", "90,5");
    expect(screen.getByTestId("live-score").textContent).toBe(total(scoreOf({ ...scoredValues, "HT-03": 90.5 })));
    expect(screen.getByTestId("points-HT-03").textContent).toBe("Điểm hiện tại: 24 / 24 điểm");
    expect(calls.some((c) => c.operation === "PortalSaveValues")).toBe(false);
  });

  it("takes an index value 0..1 on a decimal keypad and names the field when it is wrong", async () => {
    const set = structuredClone(scoredSet);
    const nt05 = set.scoring!.groups[0]!.components.find((c) => c.code === "NT-05")!;
    nt05.rule = { kind: "indexValue" };
    stubGraphql({ PortalAssessment: () => ({ assessment: scoredAssessment({ set }) }) });
    renderAssessmentPage();
    await opened("NT-05");
    expect(input("NT-05 giá trị chỉ số").inputMode).toBe("decimal");
    type("NT-05 giá trị chỉ số", "0,75");
    expect(screen.getByTestId("points-NT-05").textContent).toBe("Điểm hiện tại: 11,25 / 15 điểm");
    expect(screen.getByTestId("live-score").textContent).toBe(total(scoreOf({ ...scoredValues, "NT-05": 0.75 }, set)));
    type("NT-05 giá trị chỉ số", "1,2");
    expect(screen.getByTestId("component-NT-05").textContent).toContain("Giá trị chỉ số không được lớn hơn 1");
    type("NT-05 giá trị chỉ số", "ba phần tư");
    expect(screen.getByTestId("component-NT-05").textContent).toContain("Giá trị chỉ số phải là một số từ 0 đến 1");
    expect(screen.getByTestId("save-status").textContent).toContain("1 chỉ số thành phần cần sửa");
  });

  it("refuses to submit while components are missing, listing them by code and name", async () => {
    const { calls } = stubGraphql({ PortalAssessment: () => ({ assessment: scoredAssessment() }) });
    renderAssessmentPage();
    await opened("NT-01");
    fireEvent.click(submitButton());
    const box = screen.getByTestId("submit-missing");
    const missing = scoreOf(scoredValues).missing;
    expect(box.textContent).toContain(`Còn ${missing.length} chỉ số thành phần chưa nhập số liệu`);
    const nt03 = components.find((c) => c.code === "NT-03")!;
    expect(box.textContent).toContain(`NT-03 — ${nt03.name}`);
    expect(within(box).getAllByRole("listitem")).toHaveLength(missing.length);
    // Never "register a level first".
    expect(screen.queryByText(/đăng ký mức độ phấn đấu trước/)).toBeNull();
    expect(calls.some((c) => c.operation === "PortalSubmit")).toBe(false);

    // While edits are unsaved, the live score previews what submitProblems will say.
    fireEvent.click(input("NT-03 có"));
    fireEvent.click(submitButton());
    expect(screen.getByTestId("submit-missing").textContent).toContain(
      `Còn ${missing.length - 1} chỉ số thành phần chưa nhập số liệu`,
    );
    expect(screen.getByTestId("submit-missing").textContent).not.toContain("NT-03");
  });

  it("submits a complete scored assessment after confirmation, saying the score", async () => {
    const values = fullValues();
    const { calls } = stubGraphql({
      PortalAssessment: () => ({ assessment: scoredAssessment({ values }) }),
      PortalSubmit: () => ({
        submitAssessment: {
          __typename: "MutationSubmitAssessmentSuccess",
          data: { id: "A1", version: 8, status: "SUBMITTED" },
        },
      }),
    });
    renderAssessmentPage();
    await opened("NT-01");
    expect(screen.getByTestId("live-score").textContent).toBe("1.000 / 1.000 điểm");
    expect(screen.getByText("Mọi chỉ số thành phần đều đã đạt điểm tối đa.")).toBeTruthy();
    fireEvent.click(submitButton());
    const dialog = document.querySelector<HTMLElement>(".pa-submit-confirm")!;
    expect(dialog.getAttribute("role")).toBe("alertdialog");
    expect(dialog.textContent).toContain(
      "Điểm tự đánh giá: 1.000 / 1.000 điểm. Đã nhập số liệu 47/47 chỉ số thành phần, kèm 0 tệp minh chứng.",
    );
    fireEvent.click(within(dialog).getByRole("button", { name: "Nộp hồ sơ" }));
    await waitFor(() => expect(calls.some((c) => c.operation === "PortalSubmit")).toBe(true));
  });

  it('marks a component the review asks more evidence for: "Cần bổ sung minh chứng"', async () => {
    const comments = [
      {
        id: "c1",
        criterionCode: "HT-01",
        body: "Thiếu biên bản rà soát thiết bị",
        createdAt: "2026-10-01T02:00:00Z",
        needsEvidence: true,
      },
      {
        id: "c2",
        criterionCode: "NT-02",
        body: "Đường dẫn chưa mở được",
        createdAt: "2026-10-01T02:00:00Z",
        needsEvidence: false,
      },
    ];
    stubGraphql({ PortalAssessment: () => ({ assessment: scoredAssessment({ status: "RETURNED", comments }) }) });
    renderAssessmentPage();
    await opened("HT-01");
    expect(screen.getByTestId("needs-evidence-HT-01").textContent).toBe("Cần bổ sung minh chứng");
    expect(screen.getByTestId("component-HT-01").textContent).toContain("Thiếu biên bản rà soát thiết bị");
    expect(screen.queryByTestId("needs-evidence-NT-02")).toBeNull();
    expect(screen.getByTestId("component-NT-02").textContent).toContain("Đường dẫn chưa mở được");
  });

  it("is read-only once recognised and says the final score, its decision and the score submitted", async () => {
    const a = {
      ...scoredAssessment({ status: "RECOGNISED" }),
      recognisedLevel: null,
      recognitionDecision: "1502/QĐ-UBND",
      recognitionDate: "2026-11-20",
      finalScore: { scoreText: "785.15", maxScore: 1000, levelName: null },
      history: [
        { id: "h1", at: "2026-10-20T03:00:00Z", action: "assessment.submit", after: { score: "785.15" } },
        {
          id: "h2",
          at: "2026-11-20T03:00:00Z",
          action: "assessment.recognise",
          after: { score: "1234.5", decisionNumber: "1502/QĐ-UBND" },
        },
      ],
    };
    stubGraphql({ PortalAssessment: () => ({ assessment: a }) });
    renderAssessmentPage();
    await opened("NT-01");
    expect(screen.getByTestId("final-score").textContent).toBe("785,15 / 1.000 điểm");
    expect(screen.getByText(/Quyết định số 1502\/QĐ-UBND ngày 20\/11\/2026/)).toBeTruthy();
    expect(input("NT-01 điểm đề xuất").disabled).toBe(true);
    expect(input("NL-04 không áp dụng").disabled).toBe(true);
    expect(document.querySelector(".pa-submit")).toBeNull();
    const timeline = document.querySelector(".pa-timeline")!.textContent;
    expect(timeline).toContain("Đã nộp hồ sơ (điểm tự đánh giá 785,15)");
    expect(timeline).toContain("Đã công nhận, điểm 1.234,5 — Quyết định số 1502/QĐ-UBND");
  });

  it("keeps unsaved component values offline and restores them, keyed by component code", async () => {
    stubGraphql({
      PortalAssessment: () => ({ assessment: scoredAssessment() }),
      PortalSaveValues: () => {
        throw new TypeError("Failed to fetch");
      },
    });
    const first = renderAssessmentPage();
    await opened("NT-01");
    type("NT-01 điểm đề xuất", "10");
    fireEvent.click(input("KT-02 không áp dụng"));
    const stored = JSON.parse(localStorage.getItem("cds.draft.A1.v7") ?? "null") as { fields: Record<string, unknown> };
    expect(stored.fields["NT-01"]).toMatchObject({ kind: "points", points: "10" });
    expect(stored.fields["KT-02"]).toMatchObject({ notApplicable: true });
    await waitFor(
      () =>
        expect(screen.getByTestId("save-status").textContent).toBe("Chưa lưu — mất kết nối (sẽ tự gửi khi có mạng)"),
      { timeout: 4000 },
    );
    first.unmount();

    renderAssessmentPage();
    await opened("NT-01");
    expect(input("NT-01 điểm đề xuất").value).toBe("10");
    expect(input("KT-02 không áp dụng").checked).toBe(true);
    expect(screen.getByText(/Đã khôi phục các thay đổi chưa lưu/)).toBeTruthy();
    const expected = scoreOf({ ...scoredValues, "NT-01": { points: 10 }, "KT-02": { notApplicable: true } });
    expect(screen.getByTestId("live-score").textContent).toBe(total(expected));
  });

  it("shows a conflict with the other values, read by the component's rule, and keeps mine", async () => {
    let server = scoredAssessment();
    const { calls } = stubGraphql({
      PortalAssessment: () => ({ assessment: server }),
      PortalSaveValues: (v) => {
        if (v.version === 7) {
          server = scoredAssessment({ version: 8, values: { ...valuesOf(server as never), "NT-01": { points: 5 } } });
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
        server = scoredSavedOver(server, v.values, 9);
        return { saveIndicatorValues: { __typename: "MutationSaveIndicatorValuesSuccess", data: server } };
      },
    });
    renderAssessmentPage();
    await opened("NT-01");
    type("NT-01 điểm đề xuất", "20");
    const dialog = await waitFor(() => document.querySelector<HTMLElement>(".pa-conflict") ?? Promise.reject(), {
      timeout: 4000,
    });
    await waitFor(() => expect(within(dialog).getByText("5 điểm")).toBeTruthy());
    expect(within(dialog).getByText("20 điểm")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Giữ số liệu của tôi và lưu lại" }));
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toMatch(/Đã lưu lúc/));
    const saves = calls.filter((c) => c.operation === "PortalSaveValues");
    expect(saves[1]!.variables).toMatchObject({ version: 8, values: { "NT-01": { points: 20 } } });
    expect(screen.getByTestId("server-score").dataset.score).toBe(
      scoreOf({ ...scoredValues, "NT-01": { points: 20 } }).scoreText,
    );
  });

  it("previews an Excel import of component values with the score criteria-core gives them", async () => {
    stubGraphql({ PortalAssessment: () => ({ assessment: scoredAssessment() }) });
    stubUploads(() => ({
      importIndicatorValues: {
        __typename: "MutationImportIndicatorValuesSuccess",
        data: {
          dryRun: true,
          wouldBeLevel: 0,
          issues: [],
          assessment: null,
          changes: [
            { criterionCode: "NT-01", before: { points: 15 }, after: { points: 20 } },
            { criterionCode: "KT-02", before: null, after: { notApplicable: true } },
          ],
        },
      },
    }));
    renderAssessmentPage();
    await opened("NT-01");
    const file = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], "so-lieu.xlsx", {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    fireEvent.change(input("Nhập từ Excel"), { target: { files: [file] } });
    const changes = await screen.findByTestId("excel-changes");
    expect(changes.textContent).toContain("15 điểm");
    expect(changes.textContent).toContain("20 điểm");
    expect(changes.textContent).toContain("Không áp dụng");
    const expected = scoreOf({ ...scoredValues, "NT-01": { points: 20 }, "KT-02": { notApplicable: true } });
    expect(screen.getByTestId("excel-score").textContent).toBe(total(expected));
    expect(screen.queryByText(/Mức độ đạt được sau khi nhập/)).toBeNull();
  });
});
