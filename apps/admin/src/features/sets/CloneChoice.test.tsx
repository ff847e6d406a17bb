/**
 * A province that already has its own set chooses what a new draft starts
 * from ("Nhân bản cho tỉnh"), and publishing a version that drops a local
 * criterion of the version in force needs an explicit confirmation.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { BUILT_IN_SETS, type TCriteriaSet } from "@cds/criteria-schema";
import SetEditorPage from "./SetEditorPage.tsx";
import { SetsPage } from "./SetsPage.tsx";
import {
  DRAFT_ID,
  draftDocument,
  mockGraphql,
  provinceAdmin,
  renderWithProviders,
  stubEditors,
  versionData,
} from "./test-utils.tsx";

configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const LOCAL = {
  code: "CQS-25",
  group: "CQS",
  name: "Tỷ lệ thôn có tổ công nghệ số cộng đồng hoạt động thường xuyên",
  unit: "%",
  subject: "thôn, tổ dân phố",
  measure: "percentage",
  targets: [null, 50, 70, 90, 100],
  method: "Báo cáo của UBND cấp xã",
  legalBasis: ["Thực tế tại địa phương."],
  local: true,
  exemptWhenNoSubjects: false,
} as const;

const nationalCommune = BUILT_IN_SETS["vn-2361-commune"]!;

function ownCommune(): TCriteriaSet {
  const doc = structuredClone(nationalCommune) as TCriteriaSet;
  doc.id = "ninh-binh-commune";
  doc.basedOn = { id: nationalCommune.id, version: nationalCommune.version };
  doc.criteria = doc.criteria.map((c) =>
    c.code === "CQS-02" ? ({ ...c, targets: [30, 40, 60, 80, 90] } as typeof c) : c,
  );
  doc.criteria.push(structuredClone(LOCAL) as unknown as TCriteriaSet["criteria"][number]);
  return doc;
}

const row = (id: string, version: string, basedOn: unknown = null) => ({
  id,
  version,
  status: "PUBLISHED",
  decisionNumber: "215/QĐ-UBND",
  decisionDate: "2025-02-14",
  publishedAt: "2025-02-15T02:00:00.000Z",
  updatedAt: "2025-02-15T02:00:00.000Z",
  basedOn,
});

function setsPageApi(withOwnSet: boolean) {
  const national = {
    id: "set-vn",
    code: "vn-2361-commune",
    title: nationalCommune.title,
    unitKind: "commune",
    tenant: { id: "t-vn", code: "vn", name: "Bộ Khoa học và Công nghệ", kind: "MINISTRY" },
    versions: [row("NAT", "1.0")],
  };
  const own = {
    id: "set-nb",
    code: "ninh-binh-commune",
    title: "Bộ tiêu chí cấp xã tỉnh Ninh Bình",
    unitKind: "commune",
    tenant: { id: "t-nb", code: "ninh-binh", name: "Ninh Bình", kind: "PROVINCE" },
    versions: [
      row("OWN1", "1.0", { id: "NAT", version: "1.0", set: { code: "vn-2361-commune", title: nationalCommune.title } }),
    ],
  };
  return mockGraphql({
    CriteriaSets: {
      criteriaSets: withOwnSet ? [national, own] : [national],
      unitKinds: [{ code: "commune", name: "Cấp xã", nameEn: "Commune" }],
    },
    CriteriaSetVersion: (vars: Record<string, unknown>) => ({
      criteriaSetVersion: {
        ...versionData(vars.id === "NAT" ? nationalCommune : ownCommune(), "PUBLISHED"),
        id: vars.id,
        version: "1.0",
      },
    }),
    CloneCriteriaSet: {
      cloneCriteriaSet: {
        __typename: "MutationCloneCriteriaSetSuccess",
        data: { id: "NEW", version: "2.0", set: { code: "ninh-binh-commune" } },
      },
    },
  });
}

async function openChoice() {
  fireEvent.click(await screen.findByRole("button", { name: "Nhân bản cho tỉnh" }));
  return screen.findByRole("dialog", { name: "Nhân bản cho tỉnh: Tỉnh Ninh Bình đã có bộ tiêu chí riêng" });
}

describe("Nhân bản cho tỉnh when the province has its own set", { timeout: 60_000 }, () => {
  it("asks what to start from; the default keeps the province's version (its local criterion), with no change against it", async () => {
    const api = setsPageApi(true);
    renderWithProviders(<SetsPage me={provinceAdmin} />);
    const dialog = await openChoice();
    const own = within(dialog).getByRole("radio", {
      name: "Phiên bản mới của bộ tiêu chí của tỉnh",
    }) as HTMLInputElement;
    const restart = within(dialog).getByRole("radio", {
      name: "Bắt đầu lại từ bộ tiêu chí quốc gia",
    }) as HTMLInputElement;
    expect(own.checked).toBe(true);
    expect(restart.checked).toBe(false);
    expect(within(dialog).getByRole("group", { name: "Bản nháp mới bắt đầu từ" })).toBeTruthy();
    expect((await within(dialog).findByTestId("semantic-diff")).textContent).toBe(
      "Chưa có khác biệt nào so với bản gốc.",
    );
    expect(within(dialog).queryByTestId("clone-drops-local")).toBeNull();

    fireEvent.click(within(dialog).getByRole("button", { name: "Tạo bản nháp" }));
    await waitFor(() => expect(api.byName("CloneCriteriaSet")).toHaveLength(1));
    expect(api.byName("CloneCriteriaSet")[0]!.variables).toEqual({ sourceVersionId: "OWN1", tenantId: "ninh-binh" });
  });

  it("starting over from the national set shows what is dropped against the province's version and says so to the API", async () => {
    const api = setsPageApi(true);
    renderWithProviders(<SetsPage me={provinceAdmin} />);
    const dialog = await openChoice();
    await within(dialog).findByTestId("semantic-diff");
    fireEvent.click(within(dialog).getByRole("radio", { name: "Bắt đầu lại từ bộ tiêu chí quốc gia" }));

    const warning = within(dialog).getByTestId("clone-drops-local");
    expect(warning.textContent).toContain("bỏ 1 tiêu chí địa phương");
    expect(warning.textContent).toContain("CQS-25");
    const diff = within(dialog).getByTestId("semantic-diff");
    expect(diff.querySelector('tr.diff-removed[data-code="CQS-25"]')).not.toBeNull();
    expect(diff.querySelector('tr[data-code="CQS-02"]')?.className).toContain("diff-looser");

    fireEvent.click(within(dialog).getByRole("button", { name: "Tạo bản nháp" }));
    await waitFor(() => expect(api.byName("CloneCriteriaSet")).toHaveLength(1));
    expect(api.byName("CloneCriteriaSet")[0]!.variables).toEqual({
      sourceVersionId: "NAT",
      tenantId: "ninh-binh",
      startOver: true,
    });
  });

  it("a province without its own set clones at once, without a choice", async () => {
    const api = setsPageApi(false);
    renderWithProviders(<SetsPage me={provinceAdmin} />);
    fireEvent.click(await screen.findByRole("button", { name: "Nhân bản cho tỉnh" }));
    await waitFor(() => expect(api.byName("CloneCriteriaSet")).toHaveLength(1));
    expect(api.byName("CloneCriteriaSet")[0]!.variables).toEqual({ sourceVersionId: "NAT", tenantId: "ninh-binh" });
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});

describe("publishing a version that drops a local criterion of the version in force", { timeout: 60_000 }, () => {
  const CURRENT = "Q3JpdGVyaWFTZXRWZXJzaW9uOmN1cnJlbnQ=";

  function setup() {
    // The draft (national targets, no CQS-25) is a new version of a set whose 1.0 in force has local CQS-25.
    const current = { ...draftDocument(), criteria: [...draftDocument().criteria, { ...LOCAL, code: "CQS-25" }] };
    const draft = { ...versionData(), version: "2.0", document: { ...draftDocument(), version: "2.0" } };
    draft.set = {
      ...draft.set,
      versions: [
        { id: DRAFT_ID, version: "2.0", status: "DRAFT" },
        { id: CURRENT, version: "1.0", status: "PUBLISHED" },
      ],
    };
    const api = mockGraphql({
      CriteriaSetVersion: (vars: Record<string, unknown>) => ({
        criteriaSetVersion: vars.id === CURRENT ? { ...versionData(current, "PUBLISHED"), id: CURRENT } : draft,
      }),
      PublishCriteriaSetVersion: {
        publishCriteriaSetVersion: {
          __typename: "MutationPublishCriteriaSetVersionSuccess",
          data: { id: DRAFT_ID, status: "PUBLISHED" },
        },
      },
      CriteriaSets: { criteriaSets: [], unitKinds: [] },
    });
    renderWithProviders(<SetEditorPage me={provinceAdmin} versionId={DRAFT_ID} components={stubEditors} />);
    return api;
  }

  it("names the dropped criterion and publishes only once the user confirms, the confirmation named when missing", async () => {
    const api = setup();
    await screen.findByTestId("target-CQS-01-1");
    fireEvent.click(screen.getByTestId("publish-button"));
    const dialog = await screen.findByTestId("publish-dialog");
    const warning = await within(dialog).findByTestId("publish-drops-local");
    expect(warning.textContent).toContain("bỏ 1 tiêu chí địa phương mà phiên bản đang áp dụng (1.0) có");
    expect(warning.textContent).toContain("CQS-25");

    fireEvent.change(within(dialog).getByLabelText("Số quyết định ban hành"), { target: { value: "300/QĐ-UBND" } });
    fireEvent.change(within(dialog).getByLabelText("Ngày quyết định (dd/mm/yyyy)"), {
      target: { value: "14/02/2025" },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Công bố" }));
    expect(within(dialog).getByRole("alert").textContent).toContain(
      "Xác nhận bỏ tiêu chí địa phương: hãy đánh dấu ô xác nhận trước khi công bố",
    );
    const confirm = within(dialog).getByLabelText(
      "Tôi xác nhận công bố phiên bản không còn các tiêu chí địa phương trên",
    );
    expect(confirm.getAttribute("aria-invalid")).toBe("true");
    expect(api.byName("PublishCriteriaSetVersion")).toHaveLength(0);

    fireEvent.click(confirm);
    fireEvent.click(within(dialog).getByRole("button", { name: "Công bố" }));
    await waitFor(() => expect(api.byName("PublishCriteriaSetVersion")).toHaveLength(1));
    expect(api.byName("PublishCriteriaSetVersion")[0]!.variables).toEqual({
      versionId: DRAFT_ID,
      decisionNumber: "300/QĐ-UBND",
      decisionDate: "2025-02-14",
    });
  });
});
