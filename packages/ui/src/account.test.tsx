import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AccountPage, sharedEn, sharedVi } from "./index.ts";
import { renderWithProviders, stubGraphql } from "./testing/index.ts";

const session = (id: string, userAgent: string, current: boolean) => ({
  id,
  createdAt: "2026-11-30T01:00:00Z",
  lastSeenAt: "2026-11-30T02:00:00Z",
  userAgent,
  address: "203.0.113.9",
  current,
});

function renderPage() {
  renderWithProviders(<AccountPage />, { vi: sharedVi, en: sharedEn });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("account page", () => {
  it("lists the sessions, marks this one, and signs out another", async () => {
    let sessions = [
      session("s1", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", true),
      session(
        "s2",
        "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        false,
      ),
    ];
    const { calls } = stubGraphql({
      MySessions: () => ({ me: { id: "u1", sessions } }),
      RevokeSession: (v) => {
        sessions = sessions.filter((s) => s.id !== v.id);
        return { revokeSession: { __typename: "MutationRevokeSessionSuccess", data: true } };
      },
    });
    renderPage();
    const items = await screen.findAllByTestId("session");
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByText("(phiên này)")).toBeTruthy();
    // The browser as a person knows it; the whole user-agent string stays in the tooltip.
    expect(within(items[0]!).getByText("Firefox · Windows").getAttribute("title")).toContain("Firefox/133.0");
    expect(within(items[1]!).getByText("Chrome · Android")).toBeTruthy();
    fireEvent.click(within(items[1]!).getByRole("button", { name: /Đăng xuất phiên này/ }));
    await waitFor(() => expect(screen.getAllByTestId("session")).toHaveLength(1));
    expect(calls.find((c) => c.operation === "RevokeSession")?.variables).toEqual({ id: "s2" });
  });

  it("changes the password, refusing two different new passwords before sending anything", async () => {
    const { calls } = stubGraphql({
      MySessions: () => ({ me: { id: "u1", sessions: [] } }),
      ChangePassword: () => ({
        changePassword: { __typename: "MutationChangePasswordSuccess", data: { endedSessions: 2 } },
      }),
    });
    renderPage();
    const type = (label: string, value: string) =>
      fireEvent.change(screen.getByLabelText(label), { target: { value } });
    type("Mật khẩu hiện tại", "demo1234");
    type("Mật khẩu mới", "mat-khau-moi-2026");
    type("Nhập lại mật khẩu mới", "mat-khau-khac");
    fireEvent.click(screen.getByRole("button", { name: "Đổi mật khẩu" }));
    expect(screen.getByRole("alert").textContent).toContain("không khớp");
    expect(calls.filter((c) => c.operation === "ChangePassword")).toHaveLength(0);

    type("Nhập lại mật khẩu mới", "mat-khau-moi-2026");
    fireEvent.click(screen.getByRole("button", { name: "Đổi mật khẩu" }));
    await screen.findByText("Đã đổi mật khẩu; 2 phiên khác đã bị đăng xuất.");
    expect(calls.find((c) => c.operation === "ChangePassword")?.variables).toEqual({
      currentPassword: "demo1234",
      newPassword: "mat-khau-moi-2026",
    });
  });
});
