import { QueryClientProvider, useQuery } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AppShell,
  createQueryClient,
  csrfToken,
  I18nProvider,
  onSignOut,
  setCsrfToken,
  sharedEn,
  sharedVi,
  useMe,
} from "./index.ts";
import { capabilities } from "./testing/index.ts";

const ME = {
  id: "u1",
  name: "UBND xã Khánh Thiện",
  email: "xa.khanhthien@ninhbinh.gov.vn",
  roles: [],
  capabilities: capabilities(),
};

/** The API as the browser sees it: signed in until `logout`, then anonymous. */
function fakeServer() {
  let signedIn = true;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      const op = /(?:query|mutation)\s+(\w+)/.exec(String(init.body))?.[1] ?? "";
      const data =
        op === "Me"
          ? { me: signedIn ? ME : null }
          : op === "Logout"
            ? ((signedIn = false), { logout: { __typename: "MutationLogoutSuccess" } })
            : op === "Private"
              ? { secret: signedIn ? "Số liệu nội bộ của xã" : null }
              : null;
      return new Response(JSON.stringify({ data }), { status: 200, headers: { "content-type": "application/json" } });
    }),
  );
}

/** A screen with the user's data, as the apps have them (a query that stays in the cache). */
function PrivateScreen() {
  const secret = useQuery({
    queryKey: ["private"],
    queryFn: () =>
      fetch("/graphql", { method: "POST", body: "query Private { secret }" }).then(
        async (r) => (await r.json()).data.secret as string,
      ),
  });
  return <p>{secret.data}</p>;
}

function App() {
  const me = useMe();
  return (
    <AppShell title="Cổng đánh giá" nav={[]} me={me.data}>
      {me.data ? <PrivateScreen /> : <p>Trang công khai</p>}
    </AppShell>
  );
}

beforeEach(() => {
  window.scrollTo = () => undefined;
  window.history.replaceState(null, "", "/assessments/A1");
  setCsrfToken("csrf-of-this-session");
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderApp(qc: ReturnType<typeof createQueryClient>) {
  render(
    <QueryClientProvider client={qc}>
      <I18nProvider catalogs={{ vi: sharedVi, en: sharedEn }}>
        <App />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe("sign-out", () => {
  it("clears every screen at once, without a reload: user data, CSRF token, the apps' own data, and goes to the public page", async () => {
    fakeServer();
    const drafts = vi.fn();
    const stop = onSignOut(drafts);
    const qc = createQueryClient({ test: true });
    renderApp(qc);
    await screen.findByText("Số liệu nội bộ của xã");
    expect(screen.getByText(ME.name)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Đăng xuất" }));

    await screen.findByText("Trang công khai");
    expect(screen.queryByText("Số liệu nội bộ của xã")).toBeNull();
    expect(screen.queryByText(ME.name)).toBeNull();
    expect(qc.getQueryData(["private"])).toBeUndefined();
    expect(csrfToken()).toBeNull();
    expect(drafts).toHaveBeenCalledOnce();
    expect(window.location.pathname).toBe("/");
    stop();
  });

  it("follows a sign-out made in another tab", async () => {
    fakeServer();
    const qc = createQueryClient({ test: true });
    renderApp(qc);
    await screen.findByText("Số liệu nội bộ của xã");
    const otherTab = new BroadcastChannel("cds.session");
    otherTab.postMessage({ signedOut: "another-tab" });
    otherTab.close();
    await waitFor(() => expect(screen.queryByText("Số liệu nội bộ của xã")).toBeNull());
    expect(screen.getByText("Trang công khai")).toBeTruthy();
    expect(csrfToken()).toBeNull();
  });
});
