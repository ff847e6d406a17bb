import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Me } from "@cds/ui";
import { renderWithProviders, stubGraphql, type Answer } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { officer, provinceAdmin } from "../../test-users.ts";
import { AccountsPage } from "./AccountsPage.tsx";
import { PortalHandoffPage } from "./PortalHandoffPage.tsx";

const admin: Me = {
  ...provinceAdmin,
  capabilities: { ...provinceAdmin.capabilities, adminSections: ["ROUNDS", "SETS", "REPORT", "ACCOUNTS"] },
};

const KHANH_THIEN = { id: "VW5pdDp1XzE0NTYz", code: "14563", name: "Xã Khánh Thiện" };
const account = (over: Record<string, unknown>) => ({
  id: "user-x",
  email: "x@ninhbinh.gov.vn",
  name: "X",
  status: "ACTIVE",
  createdAt: "2026-11-01T01:00:00Z",
  disabledAt: null,
  lastSeenAt: null,
  sharedElsewhere: false,
  roles: [],
  ...over,
});
const SO = account({
  id: "u1",
  email: "so@ninhbinh.gov.vn",
  name: "Sở KH&CN Ninh Bình",
  lastSeenAt: "2026-11-30T02:00:00Z",
  roles: [{ id: "r-so", role: "PROVINCE_ADMIN", unit: { id: "unit-37", code: "37", name: "Tỉnh Ninh Bình" } }],
});
const EDITOR = account({
  id: "u2",
  email: "xa.khanhthien@ninhbinh.gov.vn",
  name: "UBND xã Khánh Thiện",
  roles: [{ id: "r-ed", role: "UNIT_EDITOR", unit: KHANH_THIEN }],
});
const NEW = account({
  id: "u3",
  email: "can-bo.moi@ninhbinh.gov.vn",
  name: "Cán bộ mới",
  status: "MUST_CHANGE_PASSWORD",
  roles: [{ id: "r-new", role: "VIEWER", unit: null }],
});
const OFF = account({ id: "u4", email: "nghi@ninhbinh.gov.vn", name: "Đã nghỉ", status: "DISABLED" });

const GRANTABLE = ["PROVINCE_ADMIN", "PROVINCE_LEADER", "DISTRICT_OFFICER", "UNIT_EDITOR", "APPRAISER", "VIEWER"];
const success = (field: string, data: unknown) => ({
  [field]: { __typename: `Mutation${field[0]!.toUpperCase()}${field.slice(1)}Success`, data },
});

function renderPage(answers: Record<string, Answer> = {}, accounts = [SO, EDITOR, NEW, OFF]) {
  const api = stubGraphql({
    TenantAccounts: { tenantAccounts: { tenantId: "ninh-binh", grantableRoles: GRANTABLE, accounts } },
    AccountUnitSearch: { units: { edges: [{ node: { ...KHANH_THIEN, kind: { name: "Cấp xã" }, parent: null } }] } },
    ...answers,
  });
  renderWithProviders(<AccountsPage me={admin} />, catalogs);
  return api;
}

const type = (label: string | RegExp, value: string, within_: HTMLElement = document.body) =>
  fireEvent.change(within(within_).getByLabelText(label), { target: { value } });

beforeEach(() => {
  Object.defineProperty(navigator, "clipboard", {
    value: { writeText: vi.fn(async () => undefined) },
    configurable: true,
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("accounts page", () => {
  it("lists the tenant's accounts with their roles and units, and their status", async () => {
    const { byName } = renderPage();
    const row = (await screen.findByText("xa.khanhthien@ninhbinh.gov.vn")).closest("tr")!;
    expect(row.textContent).toContain("Cán bộ nhập số liệu của đơn vị — Xã Khánh Thiện (14563)");
    expect(row.textContent).toContain("Đang hoạt động");
    expect(screen.getByText("Cán bộ mới").closest("tr")!.textContent).toContain("Người xem — toàn tỉnh");
    expect(screen.getByText("Chờ đổi mật khẩu")).toBeTruthy();
    expect(screen.getByText("Đã khoá")).toBeTruthy();
    // Search and export come with the table.
    expect(screen.getByRole("button", { name: "Xuất Excel (.xlsx)" })).toBeTruthy();
    // One's own account is not reset or disabled from here.
    const own = screen.getByText("so@ninhbinh.gov.vn").closest("tr")!;
    expect(within(own).queryByRole("button", { name: /^Khoá:/ })).toBeNull();
    expect(within(own).queryByRole("button", { name: /^Đặt lại mật khẩu:/ })).toBeNull();
    type("Lọc (không cần dấu)…", "khanh thien");
    expect(screen.queryByText("Cán bộ mới")).toBeNull();
    expect(byName("TenantAccounts")[0]!.variables).toEqual({ tenantId: "ninh-binh" });
  });

  it("creates an account on a unit found by search and shows the temporary password once, with a copy button", async () => {
    const { byName } = renderPage({
      CreateAccount: success("createAccount", {
        temporaryPassword: "k7dq-wm3x-p9ta",
        account: account({
          id: "u9",
          email: "moi@ninhbinh.gov.vn",
          name: "Cán bộ xã mới",
          status: "MUST_CHANGE_PASSWORD",
        }),
      }),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Tạo tài khoản" }));
    const dialog = screen.getByRole("dialog", { name: "Tạo tài khoản" });
    type("Email", "moi@ninhbinh.gov.vn", dialog);
    type("Họ tên hoặc tên cơ quan", "Cán bộ xã mới", dialog);
    expect((within(dialog).getByLabelText("Vai trò") as HTMLSelectElement).value).toBe("UNIT_EDITOR");
    type("Tìm đơn vị (không cần dấu)", "khanh", dialog);
    fireEvent.click(await within(dialog).findByRole("button", { name: "Xã Khánh Thiện (14563)" }));
    expect(within(dialog).getByText("Đơn vị: Xã Khánh Thiện (14563)", { exact: false })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Tạo tài khoản" }));

    expect((await within(dialog).findByTestId("temporary-password")).textContent).toBe("k7dq-wm3x-p9ta");
    expect(within(dialog).getByText(/Chỉ hiện một lần/).textContent).toContain("Cán bộ xã mới");
    fireEvent.click(within(dialog).getByRole("button", { name: "Sao chép" }));
    expect(await within(dialog).findByText("Đã sao chép.")).toBeTruthy();
    expect(navigator.clipboard.writeText).toHaveBeenCalledWith("k7dq-wm3x-p9ta");
    expect(byName("CreateAccount")[0]!.variables).toEqual({
      input: {
        tenantId: "ninh-binh",
        email: "moi@ninhbinh.gov.vn",
        name: "Cán bộ xã mới",
        role: "UNIT_EDITOR",
        unitId: KHANH_THIEN.id,
        password: null,
      },
    });
    // The list is read again; closing forgets the password.
    await waitFor(() => expect(byName("TenantAccounts").length).toBe(2));
    fireEvent.click(within(dialog).getByRole("button", { name: "Đóng" }));
    expect(screen.queryByTestId("temporary-password")).toBeNull();
  });

  it("puts a refusal under its field, without the field key (duplicate email, unknown unit)", async () => {
    renderPage({
      CreateAccount: {
        createAccount: {
          __typename: "InputError",
          code: "BAD_INPUT",
          message: "email: đã có tài khoản với email này; unitId: vai trò này cần một đơn vị (xã, huyện, sở, ngành)",
          messageEn: "email: an account has this email; unitId: this role needs a unit",
          issues: [
            { field: "email", message: "đã có tài khoản với email này", messageEn: "an account has this email" },
            {
              field: "unitId",
              message: "vai trò này cần một đơn vị (xã, huyện, sở, ngành)",
              messageEn: "this role needs a unit",
            },
          ],
        },
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Tạo tài khoản" }));
    const dialog = screen.getByRole("dialog", { name: "Tạo tài khoản" });
    type("Email", "so@ninhbinh.gov.vn", dialog);
    type("Họ tên hoặc tên cơ quan", "Trùng", dialog);
    fireEvent.click(within(dialog).getByRole("button", { name: "Tạo tài khoản" }));
    const msg = await within(dialog).findByText("đã có tài khoản với email này");
    const email = within(dialog).getByLabelText("Email");
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect(email.getAttribute("aria-describedby")).toBe(msg.id);
    expect(within(dialog).getByText("vai trò này cần một đơn vị (xã, huyện, sở, ngành)")).toBeTruthy();
    expect(dialog.textContent).not.toMatch(/email:|unitId/);
  });

  it("grants a role over the whole province and revokes one", async () => {
    const { byName } = renderPage({
      GrantRole: success("grantRole", EDITOR),
      RevokeRole: success("revokeRole", EDITOR),
    });
    const row = (await screen.findByText("xa.khanhthien@ninhbinh.gov.vn")).closest("tr")!;
    fireEvent.click(within(row).getByRole("button", { name: "Vai trò: xa.khanhthien@ninhbinh.gov.vn" }));
    const dialog = screen.getByRole("dialog", { name: "Vai trò của UBND xã Khánh Thiện" });
    fireEvent.change(within(dialog).getByLabelText("Vai trò"), { target: { value: "APPRAISER" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Cấp vai trò" }));
    expect(await within(dialog).findByText("Đã cấp vai trò.")).toBeTruthy();
    expect(byName("GrantRole")[0]!.variables).toEqual({
      input: { tenantId: "ninh-binh", userId: "u2", role: "APPRAISER", unitId: null },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: /^Thu hồi: Cán bộ nhập số liệu/ }));
    expect(await within(dialog).findByText("Đã thu hồi vai trò.")).toBeTruthy();
    expect(byName("RevokeRole")[0]!.variables).toEqual({ roleId: "r-ed" });
  });

  it("resets a password (the new temporary one shown once) and disables an account after asking", async () => {
    const { byName } = renderPage({
      ResetAccountPassword: success("resetAccountPassword", { temporaryPassword: "abcd-efgh-jkmn", account: EDITOR }),
      SetAccountDisabled: success("setAccountDisabled", { ...EDITOR, status: "DISABLED" }),
    });
    const row = (await screen.findByText("xa.khanhthien@ninhbinh.gov.vn")).closest("tr")!;
    fireEvent.click(within(row).getByRole("button", { name: "Đặt lại mật khẩu: xa.khanhthien@ninhbinh.gov.vn" }));
    let dialog = screen.getByRole("dialog", { name: "Đặt lại mật khẩu của UBND xã Khánh Thiện" });
    expect(byName("ResetAccountPassword")).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole("button", { name: "Đặt lại mật khẩu" }));
    expect((await within(dialog).findByTestId("temporary-password")).textContent).toBe("abcd-efgh-jkmn");
    expect(byName("ResetAccountPassword")[0]!.variables).toEqual({ tenantId: "ninh-binh", userId: "u2" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Đóng" }));

    fireEvent.click(within(row).getByRole("button", { name: "Khoá: xa.khanhthien@ninhbinh.gov.vn" }));
    dialog = screen.getByRole("dialog", { name: "Khoá tài khoản UBND xã Khánh Thiện" });
    expect(dialog.textContent).toContain("không đăng nhập được");
    fireEvent.click(within(dialog).getByRole("button", { name: "Khoá" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(byName("SetAccountDisabled")[0]!.variables).toEqual({ tenantId: "ninh-binh", userId: "u2", disabled: true });
    // A disabled account is enabled from the same place.
    const off = screen.getByText("nghi@ninhbinh.gov.vn").closest("tr")!;
    expect(within(off).getByRole("button", { name: "Mở khoá: nghi@ninhbinh.gov.vn" })).toBeTruthy();
  });

  it("tells a role without the right that accounts are the province admin's", async () => {
    stubGraphql({});
    renderWithProviders(<AccountsPage me={officer} />, catalogs);
    expect(screen.getByText(/Chỉ quản trị của tỉnh/)).toBeTruthy();
  });
});

describe("the admin app's page for a unit's own staff", () => {
  it("sends them to the portal's /my, not the set list", () => {
    const editor = {
      ...officer,
      capabilities: { ...officer.capabilities, adminLanding: "/portal", portalLanding: "/my", adminSections: [] },
    } as Me;
    renderWithProviders(<PortalHandoffPage me={editor} />, catalogs);
    expect(screen.getByRole("link", { name: "Đến hồ sơ của tôi" }).getAttribute("href")).toBe("/my");
  });
});
