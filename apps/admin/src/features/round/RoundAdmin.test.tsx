/**
 * Running rounds in the admin app (issue 11): the province opens, edits, closes and reopens its rounds and
 * extends a unit's deadline; the dashboard shows late units; "Cần xử lý" is what the API says the viewer may do.
 */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Me } from "@cds/ui";
import { renderWithProviders, stubGraphql, type Answer } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { ministry, officer, provinceAdmin } from "../../test-users.ts";
import { RoundsPage } from "./RoundsPage.tsx";
import { actionablePage, kinds, page, ROUND_ID, roundFixture, summaryAnswer, unitRow } from "./rounds-fixtures.ts";
import type { RoundRow } from "./rounds-queries.ts";

function renderRounds(me: Me, answers: Record<string, Answer>, year = 2026) {
  window.history.replaceState(null, "", `/rounds?year=${year}`);
  const api = stubGraphql({
    AdminRoundSummary: summaryAnswer(),
    AdminRoundAssessments: page([]),
    AdminActionableAssessments: actionablePage([]),
    AdminRoundDecisions: page([]),
    ...answers,
  });
  renderWithProviders(<RoundsPage me={me} />, catalogs);
  return api;
}

const roundsAnswer = (...rounds: RoundRow[]) => ({ rounds, unitKinds: kinds });

const type = (label: string | RegExp, value: string, root: HTMLElement) =>
  fireEvent.change(within(root).getByLabelText(label), { target: { value } });

/** The error shown under a field: the element the field is described by. */
function errorOf(field: HTMLElement): string | null {
  const id = field.getAttribute("aria-describedby");
  return field.getAttribute("aria-invalid") === "true" && id
    ? (document.getElementById(id)?.textContent ?? null)
    : null;
}

/** The API's refusal naming the fields at fault (an InputError of the result union). */
const inputError = (issues: { field: string; message: string }[]) => ({
  __typename: "InputError",
  code: "BAD_INPUT",
  message: "Dữ liệu không hợp lệ",
  messageEn: "Invalid input",
  issues: issues.map((i) => ({ ...i, messageEn: i.message })),
});

const changed = (over: Partial<RoundRow> = {}) => {
  const r = roundFixture(over);
  return {
    id: r.id,
    year: r.year,
    name: r.name,
    registerDueAt: r.registerDueAt,
    submitDueAt: r.submitDueAt,
    reviewDueAt: r.reviewDueAt,
    latePolicy: r.latePolicy,
    closedAt: r.closedAt,
  };
};

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const CHOICES = {
  own: [
    {
      id: "set-nb",
      code: "ninh-binh-commune",
      title: "Bộ tiêu chí cấp xã tỉnh Ninh Bình",
      unitKind: "commune",
      tenant: { code: "ninh-binh", name: "Ninh Bình" },
      versions: [
        {
          id: "ver-nb-3",
          status: "DRAFT",
          version: "3.0",
          title: "Bộ tiêu chí cấp xã tỉnh Ninh Bình",
          judgedBy: "levels",
          unitKind: "commune",
          decisionNumber: null,
          decisionDate: null,
        },
        {
          id: "ver-nb-2",
          status: "PUBLISHED",
          version: "2.0",
          title: "Bộ tiêu chí cấp xã tỉnh Ninh Bình",
          judgedBy: "levels",
          unitKind: "commune",
          decisionNumber: "215/QĐ-UBND",
          decisionDate: "2025-02-14",
        },
      ],
    },
  ],
  national: [
    {
      id: "set-dti",
      code: "vn-dti-commune",
      title: "Chỉ số chuyển đổi số cấp xã",
      unitKind: "commune",
      tenant: { code: "vn", name: "Bộ Khoa học và Công nghệ" },
      versions: [
        {
          id: "ver-dti",
          status: "PUBLISHED",
          version: "1.0",
          title: "Chỉ số chuyển đổi số cấp xã",
          judgedBy: "points",
          unitKind: "commune",
          decisionNumber: null,
          decisionDate: null,
        },
      ],
    },
  ],
  adminMaps: [
    {
      id: "2025-03",
      name: "Bản đồ hành chính 3 cấp (01/03/2025)",
      validFrom: null,
      validTo: "2025-06-30",
      kinds: ["province", "district", "commune"],
    },
    {
      id: "2025-07",
      name: "Bản đồ hành chính 2 cấp (từ 01/07/2025)",
      validFrom: "2025-07-01",
      validTo: null,
      kinds: ["province", "commune"],
    },
  ],
};

describe("opening a round", () => {
  it("offers the published versions grouped with how they judge, today's map, and shows the API's field error under its field", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-03-15T03:00:00Z") });
    const opened = roundFixture({ id: "Um91bmQ6bmV3", name: "Đánh giá mức độ chuyển đổi số cấp xã năm 2026" });
    const api = renderRounds(provinceAdmin, {
      AdminRounds: (_v, n) => (n === 0 ? roundsAnswer() : roundsAnswer(opened)),
      AdminOpenRoundChoices: CHOICES,
      AdminOpenRound: (_v, n) => ({
        openRound:
          n === 0
            ? inputError([{ field: "reviewDueAt", message: "hạn thẩm định phải sau hạn nộp" }])
            : { __typename: "MutationOpenRoundSuccess", data: changed({ id: opened.id, name: opened.name }) },
      }),
    });
    expect(await screen.findByText("Chưa có đợt đánh giá nào trong năm 2026.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Mở đợt đánh giá" }));
    const dialog = await screen.findByRole("dialog", { name: "Mở đợt đánh giá" });

    // The current year; the sets of the province and the national ones, published versions only.
    expect((within(dialog).getByLabelText("Năm đánh giá") as HTMLSelectElement).value).toBe("2026");
    const own = await within(dialog).findByRole("group", { name: "Bộ tiêu chí, bộ chỉ số của tỉnh" });
    const ownChoice = within(own).getByRole("radio", { name: /Bộ tiêu chí cấp xã tỉnh Ninh Bình, phiên bản 2\.0/ });
    expect(ownChoice.closest("label")!.textContent).toContain("Mức độ");
    expect(ownChoice.closest("label")!.textContent).toContain("Cấp xã");
    expect(within(own).queryByRole("radio", { name: /phiên bản 3\.0/ })).toBeNull();
    const national = within(dialog).getByRole("group", { name: "Bộ tiêu chí, bộ chỉ số quốc gia" });
    expect(
      within(national)
        .getByRole("radio", { name: /Chỉ số chuyển đổi số cấp xã/ })
        .closest("label")!.textContent,
    ).toContain("Chấm điểm");

    // Today's map; the three-tier map only for a year it was in force (up to 2025).
    const map = within(dialog).getByLabelText("Bản đồ hành chính") as HTMLSelectElement;
    expect([...map.options].map((o) => o.value)).toEqual(["2025-07"]);
    type("Năm đánh giá", "2025", dialog);
    expect([...map.options].map((o) => o.value)).toEqual(["2025-03", "2025-07"]);
    expect(map.value).toBe("2025-07");
    type("Năm đánh giá", "2026", dialog);

    // Nothing chosen, no deadline: said under each field before anything is sent.
    fireEvent.click(within(dialog).getByRole("button", { name: "Mở đợt" }));
    expect(within(dialog).getByText("Chọn một phiên bản bộ tiêu chí đã công bố")).toBeTruthy();
    expect(errorOf(within(dialog).getByLabelText("Hạn nộp hồ sơ tự đánh giá"))).toBe("Nhập ngày theo dạng dd/mm/yyyy");
    expect(errorOf(within(dialog).getByLabelText("Hạn đăng ký mức độ (không bắt buộc)"))).toBeNull();
    expect(api.byName("AdminOpenRound")).toHaveLength(0);

    fireEvent.click(ownChoice);
    // The default name the API gives when none is typed.
    expect(within(dialog).getByLabelText("Tên đợt (không bắt buộc)").getAttribute("placeholder")).toBe(
      "Đánh giá mức độ chuyển đổi số cấp xã năm 2026",
    );
    type("Hạn nộp hồ sơ tự đánh giá", "31/10/2026", dialog);
    type("Hạn thẩm định, công nhận", "15/10/2026", dialog);
    fireEvent.click(within(dialog).getByRole("radio", { name: /Không nhận hồ sơ nộp muộn/ }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Mở đợt" }));

    // The API names the field at fault: its message stands under that field.
    const review = within(dialog).getByLabelText("Hạn thẩm định, công nhận");
    await waitFor(() => expect(errorOf(review)).toBe("hạn thẩm định phải sau hạn nộp"));
    expect(errorOf(within(dialog).getByLabelText("Hạn nộp hồ sơ tự đánh giá"))).toBeNull();
    expect(api.byName("AdminOpenRound")[0]!.variables).toEqual({
      tenantId: "ninh-binh",
      year: 2026,
      setVersionId: "ver-nb-2",
      mapId: "2025-07",
      name: null,
      registerDueAt: null,
      submitDueAt: "2026-10-31",
      reviewDueAt: "2026-10-15",
      latePolicy: "REFUSE",
    });

    type("Hạn thẩm định, công nhận", "15/12/2026", dialog);
    fireEvent.click(within(dialog).getByRole("button", { name: "Mở đợt" }));
    expect(await screen.findByText("Đã mở đợt “Đánh giá mức độ chuyển đổi số cấp xã năm 2026”.")).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(api.byName("AdminOpenRound")[1]!.variables.reviewDueAt).toBe("2026-12-15");
    // The new round is selected.
    expect(new URLSearchParams(window.location.search).get("round")).toBe(opened.id);
    expect(await screen.findByRole("heading", { name: opened.name })).toBeTruthy();
  });

  it("is the ministry's for the national rounds; a district officer opens nothing", async () => {
    const ministryApi = renderRounds(ministry, { AdminRounds: roundsAnswer() });
    expect(await screen.findByText("Phạm vi: các đợt đánh giá cấp quốc gia (Bộ)")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Mở đợt đánh giá" })).toBeTruthy();
    expect(ministryApi.byName("AdminRounds")[0]!.variables).toEqual({ tenant: "vn" });
    cleanup();
    vi.unstubAllGlobals();

    renderRounds(officer, {
      AdminRounds: roundsAnswer(roundFixture()),
      AdminRoundAssessments: page([unitRow("14566", "Xã Khánh Hội", "DRAFT")]),
    });
    await screen.findByText("Xã Khánh Hội");
    expect(screen.queryByRole("button", { name: "Mở đợt đánh giá" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Sửa đợt" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Đóng đợt" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Gia hạn/ })).toBeNull();
  });
});

describe("a round's own administration", () => {
  it("edits the name, deadlines and late policy; shows the registration deadline with the others", async () => {
    const before = roundFixture({ registerDueAt: "2026-06-30" });
    const after = roundFixture({ submitDueAt: "2026-11-15", latePolicy: "REFUSE" });
    const api = renderRounds(provinceAdmin, {
      AdminRounds: (_v, n) => (n === 0 ? roundsAnswer(before) : roundsAnswer(after)),
      AdminUpdateRound: { updateRound: { __typename: "MutationUpdateRoundSuccess", data: changed(after) } },
    });
    await screen.findByRole("heading", { name: before.name });
    expect(screen.getByText(/Hạn đăng ký mức độ:/).textContent).toContain("30/06/2026");
    expect(screen.getByText("Hồ sơ nộp sau hạn của đơn vị: Nhận và đánh dấu trễ hạn")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Sửa đợt" }));
    const dialog = screen.getByRole("dialog", { name: "Sửa đợt đánh giá" });
    expect((within(dialog).getByLabelText("Tên đợt") as HTMLInputElement).value).toBe(before.name);
    expect((within(dialog).getByLabelText("Hạn đăng ký mức độ (không bắt buộc)") as HTMLInputElement).value).toBe(
      "30/06/2026",
    );
    expect((within(dialog).getByLabelText("Hạn nộp hồ sơ tự đánh giá") as HTMLInputElement).value).toBe("31/10/2026");
    expect((within(dialog).getByRole("radio", { name: /Nhận và đánh dấu trễ hạn/ }) as HTMLInputElement).checked).toBe(
      true,
    );

    // No such day: said under the field, nothing sent.
    type("Hạn nộp hồ sơ tự đánh giá", "31/11/2026", dialog);
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu thay đổi" }));
    expect(errorOf(within(dialog).getByLabelText("Hạn nộp hồ sơ tự đánh giá"))).toBe("Không có ngày 31/11/2026");
    expect(api.byName("AdminUpdateRound")).toHaveLength(0);

    type("Hạn nộp hồ sơ tự đánh giá", "15/11/2026", dialog);
    type("Hạn đăng ký mức độ (không bắt buộc)", "", dialog);
    fireEvent.click(within(dialog).getByRole("radio", { name: /Không nhận hồ sơ nộp muộn/ }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu thay đổi" }));
    expect(await screen.findByText("Đã lưu thay đổi của đợt.")).toBeTruthy();
    expect(api.byName("AdminUpdateRound")[0]!.variables).toEqual({
      roundId: ROUND_ID,
      name: before.name,
      registerDueAt: null,
      submitDueAt: "2026-11-15",
      reviewDueAt: "2026-12-15",
      latePolicy: "REFUSE",
    });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(await screen.findByText("Hồ sơ nộp sau hạn của đơn vị: Không nhận hồ sơ nộp muộn")).toBeTruthy();
    expect(screen.queryByText(/Hạn đăng ký mức độ:/)).toBeNull();
  });

  it("closes the round after saying what closing means, and reopens it", async () => {
    const open = roundFixture();
    const closed = roundFixture({ closedAt: "2026-11-02T03:00:00.000Z" });
    const api = renderRounds(provinceAdmin, {
      AdminRounds: (_v, n) => roundsAnswer(n === 0 ? open : n === 1 ? closed : open),
      AdminCloseRound: (v) => ({
        closeRound: { __typename: "MutationCloseRoundSuccess", data: changed(v.closed ? closed : open) },
      }),
    });
    await screen.findByRole("heading", { name: open.name });
    expect(screen.queryByTestId("round-closed")).toBeNull();

    // Cancelled: nothing sent.
    fireEvent.click(screen.getByRole("button", { name: "Đóng đợt" }));
    let dialog = screen.getByRole("dialog", { name: "Đóng đợt đánh giá?" });
    expect(dialog.textContent).toContain("các đơn vị không nhập, sửa số liệu hay nộp hồ sơ được nữa");
    expect(dialog.textContent).toContain("Việc xác minh, thẩm định và công nhận các hồ sơ đã nộp vẫn tiếp tục");
    fireEvent.click(within(dialog).getByRole("button", { name: "Huỷ" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(api.byName("AdminCloseRound")).toHaveLength(0);

    fireEvent.click(screen.getByRole("button", { name: "Đóng đợt" }));
    dialog = screen.getByRole("dialog", { name: "Đóng đợt đánh giá?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Đóng đợt" }));
    expect(
      await screen.findByText("Đã đóng đợt: các đơn vị không nhập số liệu, không nộp hồ sơ được nữa."),
    ).toBeTruthy();
    expect(api.byName("AdminCloseRound")[0]!.variables).toEqual({ roundId: ROUND_ID, closed: true });
    const heading = await screen.findByRole("heading", { name: open.name });
    await waitFor(() => expect(within(heading.parentElement!).getByTestId("round-closed").textContent).toBe("Đã đóng"));
    expect(screen.getByText(/Đợt đã đóng lúc 02\/11\/2026 10:00/)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Mở lại đợt" }));
    dialog = screen.getByRole("dialog", { name: "Mở lại đợt đánh giá?" });
    expect(dialog.textContent).toContain("các đơn vị lại nhập số liệu và nộp hồ sơ được");
    fireEvent.click(within(dialog).getByRole("button", { name: "Mở lại đợt" }));
    expect(await screen.findByText("Đã mở lại đợt: các đơn vị lại nhập số liệu và nộp hồ sơ được.")).toBeTruthy();
    expect(api.byName("AdminCloseRound")[1]!.variables).toEqual({ roundId: ROUND_ID, closed: false });
    await waitFor(() => expect(screen.queryByTestId("round-closed")).toBeNull());
  });

  it("extends a unit's deadline with a reason (required); the list then shows the unit's own deadline", async () => {
    const rows = (extendedTo?: string) => [
      unitRow("14566", "Xã Khánh Hội", "DRAFT", { late: true, extendedTo }),
      unitRow("14569", "Xã Khánh Lợi", "SUBMITTED"),
      unitRow("14572", "Xã Khánh Cường", "RETURNED", { extendedTo: "2026-11-20" }),
    ];
    const api = renderRounds(provinceAdmin, {
      AdminRounds: roundsAnswer(roundFixture()),
      AdminRoundAssessments: (_v, n) => page(rows(n === 0 ? undefined : "2026-12-15")),
      AdminExtendDeadline: (_v, n) => ({
        extendDeadline:
          n === 0
            ? inputError([{ field: "dueAt", message: "hạn mới đã qua" }])
            : {
                __typename: "MutationExtendDeadlineSuccess",
                data: {
                  id: "a-14566",
                  late: false,
                  submitDeadline: { date: "2026-12-15", daysLeft: 14, state: "OPEN" },
                },
              },
      }),
    });
    await screen.findByText("Xã Khánh Hội");
    // A unit that has not submitted (being entered or returned) may be given more time; one that submitted may not.
    expect(screen.getByRole("button", { name: "Gia hạn nộp hồ sơ cho Xã Khánh Cường" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Gia hạn nộp hồ sơ cho Xã Khánh Lợi" })).toBeNull();
    expect(screen.getByText("gia hạn đến 20/11/2026")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Gia hạn nộp hồ sơ cho Xã Khánh Hội" }));
    // The button opens the dialog, not the assessment (the row's click).
    expect(window.location.pathname).toBe("/rounds");
    const dialog = screen.getByRole("dialog", { name: "Gia hạn nộp hồ sơ: Xã Khánh Hội" });
    expect(dialog.textContent).toContain("Hạn nộp hiện tại: 31/10/2026 (hạn của đợt).");

    type("Hạn nộp mới", "15/12/2026", dialog);
    fireEvent.click(within(dialog).getByRole("button", { name: "Gia hạn" }));
    expect(errorOf(within(dialog).getByLabelText("Lý do gia hạn"))).toBe("Nêu lý do gia hạn");
    expect(api.byName("AdminExtendDeadline")).toHaveLength(0);

    type("Lý do gia hạn", "Xã mới sáp nhập, cán bộ đang bàn giao", dialog);
    fireEvent.click(within(dialog).getByRole("button", { name: "Gia hạn" }));
    await waitFor(() => expect(errorOf(within(dialog).getByLabelText("Hạn nộp mới"))).toBe("hạn mới đã qua"));
    fireEvent.click(within(dialog).getByRole("button", { name: "Gia hạn" }));
    expect(await screen.findByText("Đã gia hạn nộp hồ sơ cho Xã Khánh Hội đến hết ngày 15/12/2026.")).toBeTruthy();
    expect(api.byName("AdminExtendDeadline")[1]!.variables).toEqual({
      assessmentId: "a-14566",
      dueAt: "2026-12-15",
      reason: "Xã mới sáp nhập, cán bộ đang bàn giao",
    });
    expect(await screen.findByText("gia hạn đến 15/12/2026")).toBeTruthy();
  });
});

describe("the round's dashboard", () => {
  it("shows the late units: the KPI, a badge on each, and a filter", async () => {
    renderRounds(provinceAdmin, {
      AdminRounds: roundsAnswer(roundFixture()),
      AdminRoundSummary: summaryAnswer(
        [
          { status: "DRAFT", count: 2 },
          { status: "SUBMITTED", count: 1 },
        ],
        2,
      ),
      AdminRoundAssessments: page([
        unitRow("14566", "Xã Khánh Hội", "DRAFT", { late: true }),
        unitRow("14569", "Xã Khánh Lợi", "SUBMITTED", { late: true }),
        unitRow("14572", "Xã Khánh Cường", "DRAFT"),
      ]),
    });
    expect((await screen.findByTestId("kpi-late")).textContent).toBe("2");
    expect(screen.getByTestId("kpi-late").parentElement!.textContent).toContain("Trễ hạn");
    await screen.findByText("Xã Khánh Hội");
    const badgeOf = (name: string) => within(screen.getByText(name).closest("tr")!).queryByTestId("late");
    expect(badgeOf("Xã Khánh Hội")?.textContent).toBe("Trễ hạn");
    expect(badgeOf("Xã Khánh Lợi")?.textContent).toBe("Trễ hạn");
    expect(badgeOf("Xã Khánh Cường")).toBeNull();

    fireEvent.change(screen.getByLabelText("Lọc theo trạng thái"), { target: { value: "late" } });
    await waitFor(() => expect(screen.queryByText("Xã Khánh Cường")).toBeNull());
    expect(screen.getByText("Xã Khánh Hội")).toBeTruthy();
    expect(screen.getByText("Xã Khánh Lợi")).toBeTruthy();
  });

  it("lists under 'Cần xử lý' what the API says the viewer may act on now (actionable: true)", async () => {
    const api = renderRounds(officer, {
      AdminRounds: roundsAnswer(roundFixture()),
      AdminRoundAssessments: page([
        unitRow("14566", "Xã Khánh Hội", "SUBMITTED"),
        unitRow("14569", "Xã Khánh Lợi", "SUBMITTED"),
        unitRow("14572", "Xã Khánh Cường", "DRAFT"),
      ]),
      // Khánh Lợi is in the review queue's statuses too, but not this officer's to act on.
      AdminActionableAssessments: actionablePage(["a-14566"]),
      AdminRoundDecisions: page([]),
    });
    expect(await screen.findByText("Xã Khánh Hội")).toBeTruthy();
    expect((screen.getByLabelText("Lọc theo trạng thái") as HTMLSelectElement).value).toBe("queue");
    expect(screen.queryByText("Xã Khánh Lợi")).toBeNull();
    expect(screen.queryByText("Xã Khánh Cường")).toBeNull();
    const [call] = api.byName("AdminActionableAssessments");
    expect(call!.query).toMatch(/actionable: true/);
    expect(call!.variables).toMatchObject({ roundId: ROUND_ID, unitCode: "375" });
    expect(screen.getByRole("option", { name: "Cần xử lý (hồ sơ bạn được thao tác ngay)" })).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Lọc theo trạng thái"), { target: { value: "all" } });
    expect(await screen.findByText("Xã Khánh Lợi")).toBeTruthy();
    expect(screen.getByText("Xã Khánh Cường")).toBeTruthy();
  });
});
