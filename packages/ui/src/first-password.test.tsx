import { QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppShell, createQueryClient, I18nProvider, sharedEn, sharedVi, useMe } from "./index.ts";
import { capabilities, stubGraphql } from "./testing/index.ts";

/** A new commune officer whose account the province created: signed in on the temporary password. */
const me = (mustChangePassword: boolean) => ({
  me: {
    id: "u9",
    name: "Cán bộ mới",
    email: "can-bo.moi@ninhbinh.gov.vn",
    mustChangePassword,
    roles: [],
    capabilities: capabilities({ adminLanding: "/portal", portalLanding: "/my" }),
  },
});

function App() {
  const m = useMe();
  return (
    <AppShell title="Cổng đánh giá" nav={[{ to: "/my", label: "Hồ sơ của tôi" }]} me={m.data}>
      <p>Hồ sơ đánh giá của xã</p>
    </AppShell>
  );
}

function renderApp() {
  render(
    <QueryClientProvider client={createQueryClient({ test: true })}>
      <I18nProvider catalogs={{ vi: sharedVi, en: sharedEn }}>
        <App />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

beforeEach(() => {
  window.scrollTo = () => undefined;
  window.history.replaceState(null, "", "/my");
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("first sign-in on a temporary password", () => {
  it("shows 'Đổi mật khẩu' before anything else, then the page the user landed on", async () => {
    let changed = false;
    const { byName } = stubGraphql({
      Me: () => me(!changed),
      ChangePassword: () => {
        changed = true;
        return { changePassword: { __typename: "MutationChangePasswordSuccess", data: { endedSessions: 0 } } };
      },
    });
    renderApp();
    expect(await screen.findByRole("heading", { name: "Đổi mật khẩu" })).toBeTruthy();
    expect(screen.getByText(/mật khẩu tạm do quản trị cấp/)).toBeTruthy();
    // Neither the page nor the menu until the password is changed; signing out stays possible.
    expect(screen.queryByText("Hồ sơ đánh giá của xã")).toBeNull();
    expect(screen.queryByRole("link", { name: "Hồ sơ của tôi" })).toBeNull();
    expect(screen.getByRole("button", { name: "Đăng xuất" })).toBeTruthy();

    type("Mật khẩu tạm", "k7dq-wm3x-p9ta");
    type("Mật khẩu mới", "mat-khau-cua-toi");
    type("Nhập lại mật khẩu mới", "mat-khau-cua-toi");
    fireEvent.click(screen.getByRole("button", { name: "Đổi mật khẩu" }));
    expect(await screen.findByText("Hồ sơ đánh giá của xã")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Hồ sơ của tôi" })).toBeTruthy();
    expect(window.location.pathname).toBe("/my");
    expect(byName("ChangePassword")[0]!.variables).toEqual({
      currentPassword: "k7dq-wm3x-p9ta",
      newPassword: "mat-khau-cua-toi",
    });
  });

  it("shows a refusal under its field, without the field key", async () => {
    stubGraphql({
      Me: () => me(true),
      ChangePassword: () => ({
        changePassword: {
          __typename: "InputError",
          code: "BAD_INPUT",
          message: "currentPassword: mật khẩu hiện tại không đúng",
          messageEn: "currentPassword: the current password is wrong",
          issues: [
            {
              field: "currentPassword",
              message: "mật khẩu hiện tại không đúng",
              messageEn: "the current password is wrong",
            },
          ],
        },
      }),
    });
    renderApp();
    await screen.findByRole("heading", { name: "Đổi mật khẩu" });
    type("Mật khẩu tạm", "sai-mat-khau");
    type("Mật khẩu mới", "mat-khau-cua-toi");
    type("Nhập lại mật khẩu mới", "mat-khau-cua-toi");
    fireEvent.click(screen.getByRole("button", { name: "Đổi mật khẩu" }));
    const msg = await screen.findByText("mật khẩu hiện tại không đúng");
    const input = screen.getByLabelText("Mật khẩu tạm");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toBe(msg.id);
    expect(document.body.textContent).not.toContain("currentPassword");
    await waitFor(() => expect(screen.queryByText("Hồ sơ đánh giá của xã")).toBeNull());
  });
});
