/**
 * "Cập nhật theo khung quốc gia mới" in the set editor: the banner when a newer national version exists, the
 * dialog with what applies automatically and each conflict side by side, a choice per conflict, and the rebase
 * that opens the new draft.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import SetEditorPage from "./SetEditorPage.tsx";
import {
  DRAFT_ID,
  draftDocument,
  mockGraphql,
  national,
  provinceAdmin,
  renderWithProviders,
  stubEditors,
  versionData,
} from "./test-utils.tsx";

configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  window.history.replaceState(null, "", "/");
});

const NEW_DRAFT_ID = "Q3JpdGVyaWFTZXRWZXJzaW9uOm5ldy1kcmFmdA==";
const NATIONAL_2 = "Q3JpdGVyaWFTZXRWZXJzaW9uOnZfdm4tMjM2MS1kaXN0cmljdF8yLjA=";

const cqs01 = national.criteria.find((c) => c.code === "CQS-01")!;
const withTargets = (targets: number[]) => ({ ...structuredClone(cqs01), targets });

const update = (over: Record<string, unknown> = {}) => ({
  nationalUpdate: {
    available: true,
    canRebase: true,
    descendsFrom: { id: "base", version: "1.0" },
    latest: { id: NATIONAL_2, version: "2.0", decisionNumber: "100/QĐ-BKHCN", set: { code: "vn-2361-district" } },
    ...over,
  },
});

const preview = {
  rebasePreview: {
    base: { id: "base", version: "1.0" },
    onto: { id: NATIONAL_2, version: "2.0", document: national },
    applied: [
      {
        key: "criteria/CQS-03",
        section: "CRITERIA",
        code: "CQS-03",
        kind: "MODIFIED",
        message: "Sửa tiêu chí CQS-03 (khung quốc gia mới): chỉ tiêu mức Cơ bản: ≥ 70% → ≥ 75%",
        messageEn: "Changed criterion CQS-03 (the new national version)",
      },
    ],
    kept: [
      {
        key: "title",
        section: "DOCUMENT",
        code: "title",
        kind: "MODIFIED",
        message: "Tên bộ tiêu chí (tỉnh)",
        messageEn: "Title (the province)",
      },
    ],
    conflicts: [
      {
        key: "criteria/CQS-01",
        path: ["criteria", "CQS-01"],
        section: "CRITERIA",
        code: "CQS-01",
        kind: "BOTH_MODIFIED",
        base: withTargets([70, 80, 90, 100, 100]),
        ours: withTargets([72, 80, 90, 100, 100]),
        theirs: withTargets([75, 85, 90, 100, 100]),
        message:
          "Tiêu chí CQS-01: tỉnh và khung quốc gia mới cùng sửa, khác nhau — chọn giữ của tỉnh hoặc theo khung quốc gia mới",
        messageEn: "Criterion CQS-01: both changed it, differently",
      },
    ],
    issues: [],
  },
};

function setup(answers: Record<string, unknown> = {}) {
  vi.stubGlobal("scrollTo", vi.fn());
  return mockGraphql({
    CriteriaSetVersion: (vars) => ({
      criteriaSetVersion: vars.id === DRAFT_ID ? versionData(draftDocument(), "PUBLISHED") : versionData(),
    }),
    CriteriaSets: { criteriaSets: [], unitKinds: [] },
    NationalUpdate: update(),
    RebasePreview: preview,
    RebaseVersion: {
      rebaseVersion: {
        __typename: "MutationRebaseVersionSuccess",
        data: { id: NEW_DRAFT_ID, version: "2.0", status: "DRAFT" },
      },
    },
    ...(answers as Record<string, Record<string, unknown>>),
  });
}

const open = () =>
  renderWithProviders(<SetEditorPage me={provinceAdmin} versionId={DRAFT_ID} components={stubEditors} />);

describe("rebase onto a new national version, from the set editor", { timeout: 60_000 }, () => {
  it("shows the banner, lists the changes and the conflict side by side, and rebases with the choice", async () => {
    const api = setup();
    open();
    const banner = await screen.findByTestId("rebase-banner");
    expect(banner.textContent).toContain("Bộ khung quốc gia có phiên bản mới 2.0 — Cập nhật theo (rebase)");
    expect(api.byName("NationalUpdate")[0]!.variables).toEqual({ versionId: DRAFT_ID });

    fireEvent.click(within(banner).getByRole("button", { name: "Cập nhật theo (rebase)" }));
    const dialog = await screen.findByRole("dialog", { name: "Cập nhật theo khung quốc gia vn-2361-district 2.0" });
    await within(dialog).findByText("Tự động áp dụng từ khung quốc gia mới (1)");
    expect(api.byName("RebasePreview")[0]!.variables).toEqual({ versionId: DRAFT_ID, ontoVersionId: NATIONAL_2 });
    expect(
      within(dialog).getByText("Sửa tiêu chí CQS-03 (khung quốc gia mới): chỉ tiêu mức Cơ bản: ≥ 70% → ≥ 75%"),
    ).toBeTruthy();
    expect(within(dialog).getByText("Giữ nguyên thay đổi riêng của tỉnh (1)")).toBeTruthy();
    expect(within(dialog).getByText("Xung đột cần quyết định (1)")).toBeTruthy();

    // The conflict: old national | province | new national, level by level.
    const conflict = within(dialog).getByTestId("rebase-conflict-criteria/CQS-01");
    const headers = within(conflict)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    expect(headers).toEqual(["Nội dung", "Bản gốc quốc gia cũ", "Của tỉnh", "Quốc gia mới"]);
    const level1 = within(conflict).getByRole("rowheader", {
      name: `Mức 1 (${national.levels[0]!.name})`,
    }).parentElement!;
    expect(
      within(level1)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["≥ 70%", "≥ 72%", "≥ 75%"]);
    const level2 = within(conflict).getByRole("rowheader", {
      name: `Mức 2 (${national.levels[1]!.name})`,
    }).parentElement!;
    expect(
      within(level2)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["≥ 80%", "≥ 80%", "≥ 85%"]);

    // No choice yet: refused here, nothing sent.
    fireEvent.click(within(dialog).getByRole("button", { name: "Cập nhật theo phiên bản 2.0" }));
    expect(within(conflict).getByText("CQS-01: chưa chọn giữ của tỉnh hay theo quốc gia mới")).toBeTruthy();
    expect(api.byName("RebaseVersion")).toHaveLength(0);

    fireEvent.click(within(conflict).getByRole("radio", { name: "Theo quốc gia mới" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Cập nhật theo phiên bản 2.0" }));
    await waitFor(() => expect(api.byName("RebaseVersion")).toHaveLength(1));
    // A published version: a new draft, no revision sent.
    expect(api.byName("RebaseVersion")[0]!.variables).toEqual({
      input: {
        versionId: DRAFT_ID,
        ontoVersionId: NATIONAL_2,
        decisions: [{ key: "criteria/CQS-01", choice: "THEIRS" }],
      },
    });
    await waitFor(() => expect(window.location.pathname).toBe(`/sets/${encodeURIComponent(NEW_DRAFT_ID)}`));
    expect(screen.queryByTestId("rebase-dialog")).toBeNull();
  });

  it("shows the API's refusal of a decision at its conflict", async () => {
    const api = setup({
      RebaseVersion: {
        rebaseVersion: {
          __typename: "InputError",
          code: "BAD_INPUT",
          message: "decisions.criteria/CQS-01: Chưa chọn cách xử lý xung đột ở tiêu chí CQS-01",
          messageEn: "decisions.criteria/CQS-01: No decision",
          issues: [
            {
              field: "decisions.criteria/CQS-01",
              message: "Chưa chọn cách xử lý xung đột ở tiêu chí CQS-01",
              messageEn: "No decision for the conflict at criterion CQS-01",
            },
          ],
        },
      },
    });
    open();
    fireEvent.click(await screen.findByRole("button", { name: "Cập nhật theo (rebase)" }));
    const dialog = await screen.findByTestId("rebase-dialog");
    const conflict = await within(dialog).findByTestId("rebase-conflict-criteria/CQS-01");
    fireEvent.click(within(conflict).getByRole("radio", { name: "Giữ của tỉnh" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Cập nhật theo phiên bản 2.0" }));
    await within(conflict).findByText("Chưa chọn cách xử lý xung đột ở tiêu chí CQS-01");
    expect(api.byName("RebaseVersion")[0]!.variables).toMatchObject({
      input: { decisions: [{ key: "criteria/CQS-01", choice: "OURS" }] },
    });
    expect(window.location.pathname).toBe("/");
  });

  it("rebases a draft in place with its revision, and the editor shows the rebased document", async () => {
    let rebased = false;
    const after = draftDocument();
    after.criteria = after.criteria.map((c) =>
      c.code === "CQS-01" ? (withTargets([75, 85, 90, 100, 100]) as typeof c) : c,
    );
    const api = setup({
      CriteriaSetVersion: () => ({
        criteriaSetVersion: rebased ? { ...versionData(after), revision: 4 } : versionData(),
      }),
      RebaseVersion: () => {
        rebased = true;
        return {
          rebaseVersion: {
            __typename: "MutationRebaseVersionSuccess",
            data: { id: DRAFT_ID, version: "1.0", status: "DRAFT" },
          },
        };
      },
    });
    open();
    expect(within(await screen.findByTestId("target-CQS-01-1")).getByRole("textbox")).toHaveProperty("value", "70");
    fireEvent.click(await screen.findByRole("button", { name: "Cập nhật theo (rebase)" }));
    const dialog = await screen.findByTestId("rebase-dialog");
    fireEvent.click(await within(dialog).findByRole("radio", { name: "Giữ của tỉnh" }));
    expect(within(dialog).getByText(/^Bản nháp 1.0 sẽ được cập nhật theo kết quả này; thay đổi chưa lưu/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Cập nhật theo phiên bản 2.0" }));
    await waitFor(() => expect(api.byName("RebaseVersion")).toHaveLength(1));
    expect(api.byName("RebaseVersion")[0]!.variables).toMatchObject({ input: { versionId: DRAFT_ID, revision: 3 } });
    await waitFor(() =>
      expect(within(screen.getByTestId("target-CQS-01-1")).getByRole("textbox")).toHaveProperty("value", "75"),
    );
    expect(screen.queryByTestId("rebase-dialog")).toBeNull();
  });

  it("shows no banner when nothing newer is published, or to whoever may not rebase", async () => {
    for (const answer of [update({ available: false }), update({ canRebase: false }), { nationalUpdate: null }]) {
      const api = setup({ NationalUpdate: answer });
      const view = open();
      await screen.findByText("Bảng chỉ tiêu", { exact: false });
      await waitFor(() => expect(api.byName("NationalUpdate")).toHaveLength(1));
      expect(screen.queryByTestId("rebase-banner")).toBeNull();
      view.unmount();
    }
  });
});
