import { QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createQueryClient,
  I18nProvider,
  landingPath,
  LoginForm,
  sharedEn,
  sharedVi,
  type AppKind,
  type Me,
} from "./index.ts";
import { capabilities } from "./testing/index.ts";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function answer(login: unknown) {
  vi.stubGlobal(
    "fetch",
    vi.fn(
      async () =>
        new Response(JSON.stringify({ data: { login } }), {
          status: 200,
          headers: { "content-type": "application/json" },
        }),
    ),
  );
}

function renderForm(app?: AppKind) {
  render(
    <QueryClientProvider client={createQueryClient({ test: true })}>
      <I18nProvider catalogs={{ vi: sharedVi, en: sharedEn }}>
        <LoginForm app={app} />
      </I18nProvider>
    </QueryClientProvider>,
  );
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "xa.khanhthien@ninhbinh.gov.vn" } });
  fireEvent.change(screen.getByLabelText("Mật khẩu"), { target: { value: "sai" } });
  fireEvent.click(screen.getByRole("button", { name: "Đăng nhập" }));
}

describe("LoginForm", () => {
  it("shows a refusal under its field, without the field key, described by the field", async () => {
    answer({
      __typename: "InputError",
      code: "BAD_INPUT",
      message: "password: Email hoặc mật khẩu không đúng",
      messageEn: "password: Wrong email or password",
      issues: [{ field: "password", message: "Email hoặc mật khẩu không đúng", messageEn: "Wrong email or password" }],
    });
    renderForm();
    const msg = await screen.findByText("Email hoặc mật khẩu không đúng");
    const input = screen.getByLabelText("Mật khẩu");
    expect(input.getAttribute("aria-describedby")).toBe(msg.id);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(document.body.textContent).not.toContain("password:");
    expect(document.body.textContent).not.toMatch(/\bpassword\b/);
    expect(screen.getByLabelText("Email").getAttribute("aria-describedby")).toBeNull();
  });

  it("an argument refused before the API's resolver (no issues, 'field: …' message) goes under its field too", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              errors: [
                { message: "Validation error: password: tối đa 200 ký tự", extensions: { code: "BAD_USER_INPUT" } },
              ],
            }),
            { status: 200, headers: { "content-type": "application/json" } },
          ),
      ),
    );
    renderForm();
    const msg = await screen.findByText("tối đa 200 ký tự");
    expect(screen.getByLabelText("Mật khẩu").getAttribute("aria-describedby")).toBe(msg.id);
    expect(document.body.textContent).not.toContain("password:");
  });

  it("shows an error that names no field in the error box", async () => {
    answer({
      __typename: "RateLimitError",
      code: "RATE_LIMITED",
      message: "Thử lại sau 15 phút",
      messageEn: "Try again in 15 minutes",
    });
    renderForm();
    expect((await screen.findByRole("alert")).textContent).toContain("Thử lại sau 15 phút");
  });
});

/** A user as `me` answers: the roles, and where the API's capabilities land them in each app. */
const user = (role: string, adminLanding: string, portalLanding = "/"): Me =>
  ({
    id: "u1",
    name: "Người dùng",
    email: "u@example.vn",
    roles: [{ role, tenantId: "ninh-binh", unit: null }],
    capabilities: capabilities({ adminLanding, portalLanding }),
  }) as unknown as Me;

describe("landing after sign-in", () => {
  // Which role lands where is the API's rule (apps/api capabilities tests); each app reads its own landing.
  it("is the API's capabilities, each app its own", () => {
    expect(landingPath(user("UNIT_EDITOR", "/portal", "/my"), "portal")).toBe("/my");
    expect(landingPath(user("UNIT_EDITOR", "/portal", "/my"), "admin")).toBe("/portal");
    expect(landingPath(user("MINISTRY_ADMIN", "/national"), "admin")).toBe("/national");
    expect(landingPath(user("MINISTRY_ADMIN", "/national"), "portal")).toBe("/");
  });

  function signIn(me: Me) {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (_url: string, init: RequestInit) => {
        const op = /(?:query|mutation)\s+(\w+)/.exec(String(init.body))?.[1] ?? "";
        const data =
          op === "Login" ? { login: { __typename: "MutationLoginSuccess", data: { csrfToken: "t" } } } : { me };
        return new Response(JSON.stringify({ data }), { status: 200, headers: { "content-type": "application/json" } });
      }),
    );
  }

  it("takes the ministry from the admin entry page to the national page", async () => {
    window.scrollTo = () => undefined;
    window.history.replaceState(null, "", "/");
    signIn(user("MINISTRY_ADMIN", "/national"));
    renderForm("admin");
    await waitFor(() => expect(window.location.pathname).toBe("/national"));
  });

  it("keeps a deep link: an appraiser opening an assessment stays on it", async () => {
    window.scrollTo = () => undefined;
    window.history.replaceState(null, "", "/assessments/A1");
    signIn(user("APPRAISER", "/rounds"));
    renderForm("admin");
    await new Promise((r) => setTimeout(r, 50));
    expect(window.location.pathname).toBe("/assessments/A1");
  });

  it("keeps commune staff on their assessments in the portal", async () => {
    window.scrollTo = () => undefined;
    window.history.replaceState(null, "", "/my");
    signIn(user("UNIT_EDITOR", "/portal", "/my"));
    renderForm("portal");
    await new Promise((r) => setTimeout(r, 50));
    expect(window.location.pathname).toBe("/my");
  });
});
