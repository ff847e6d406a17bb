import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppShell, InboxBell, InboxPage, sharedEn, sharedVi } from "../index.ts";
import { capabilities, renderWithProviders, stubGraphql } from "../testing/index.ts";

const CATALOGS = { vi: sharedVi, en: sharedEn };

interface Row {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

function rows(): Row[] {
  return [
    {
      id: "n3",
      kind: "RECOGNISED",
      title: "Hồ sơ đã được công nhận: Xã Khánh Thiện — Mức 3 (Quyết định 215/QĐ-UBND)",
      body: "Xã Khánh Thiện được công nhận Mức 3 trong Đợt đánh giá 2026, theo Quyết định số 215/QĐ-UBND ngày 20/11/2026.",
      link: "/assessments/a1",
      createdAt: "2026-11-20T03:00:00Z",
      readAt: null,
    },
    {
      id: "n2",
      kind: "RETURNED",
      title: "Hồ sơ bị trả lại: Xã Khánh Thiện",
      body: "Phòng VH&TT Yên Khánh đã trả lại hồ sơ:\n- CQS-02: Chưa khớp số liệu.",
      link: "/assessments/a1",
      createdAt: "2026-11-10T02:00:00Z",
      readAt: null,
    },
    {
      id: "n1",
      kind: "SET_PUBLISHED",
      title: "Ban hành phiên bản mới: Bộ tiêu chí cấp xã — phiên bản 2.0",
      body: "Sở KH&CN Ninh Bình đã ban hành phiên bản 2.0.",
      link: "/sets",
      createdAt: "2026-10-01T02:00:00Z",
      readAt: "2026-10-02T02:00:00Z",
    },
  ];
}

/** The API as the inbox sees it: the user's notifications, marked read by the mutation. */
function fakeInbox(list: Row[]) {
  const unread = () => list.filter((n) => n.readAt === null).length;
  return stubGraphql({
    InboxUnread: () => ({ inbox: { unread: unread() } }),
    Inbox: (v) => ({
      inbox: { unread: unread(), notifications: v.unreadOnly ? list.filter((n) => n.readAt === null) : list },
    }),
    MarkNotificationsRead: (v) => {
      let marked = 0;
      for (const n of list)
        if (n.readAt === null && (v.all || (v.ids as string[]).includes(n.id))) {
          n.readAt = "2026-11-21T01:00:00Z";
          marked++;
        }
      return {
        markNotificationsRead: {
          __typename: "MutationMarkNotificationsReadSuccess",
          data: { marked, unread: unread() },
        },
      };
    },
  });
}

beforeEach(() => {
  window.scrollTo = () => undefined;
  window.history.replaceState(null, "", "/inbox");
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("inbox page", () => {
  it("lists the notifications newest first, unread in bold, each linking to its page", async () => {
    fakeInbox(rows());
    renderWithProviders(<InboxPage />, CATALOGS);
    const items = await screen.findAllByTestId("notification");
    expect(items.map((li) => within(li).getByRole("heading").textContent)).toEqual([
      "Hồ sơ đã được công nhận: Xã Khánh Thiện — Mức 3 (Quyết định 215/QĐ-UBND)",
      "Hồ sơ bị trả lại: Xã Khánh Thiện",
      "Ban hành phiên bản mới: Bộ tiêu chí cấp xã — phiên bản 2.0",
    ]);
    expect(screen.getByRole("heading", { name: "Hộp thư" })).toBeTruthy();
    expect(screen.getByTestId("inbox-unread").textContent).toBe("2 thông báo chưa đọc");
    // Unread: bold, marked "Mới", with its own button; read: plain, no button.
    expect(within(items[0]!).getByText(/Hồ sơ đã được công nhận/).tagName).toBe("STRONG");
    expect(within(items[0]!).getByText("Mới")).toBeTruthy();
    expect(within(items[0]!).getByText("Đã công nhận")).toBeTruthy();
    expect(within(items[0]!).getByRole("button", { name: "Đánh dấu đã đọc" })).toBeTruthy();
    expect(within(items[2]!).queryByRole("button", { name: "Đánh dấu đã đọc" })).toBeNull();
    expect(within(items[2]!).getByText(/Ban hành phiên bản mới/).tagName).not.toBe("STRONG");
    expect(within(items[1]!).getByRole("link").getAttribute("href")).toBe("/assessments/a1");
    expect(within(items[2]!).getByRole("link").getAttribute("href")).toBe("/sets");
    // Dates in Vietnam time (UTC+7); the body keeps its lines.
    expect(within(items[0]!).getByText("20/11/2026 10:00")).toBeTruthy();
    expect(within(items[1]!).getByText(/CQS-02: Chưa khớp số liệu\./).textContent).toContain("\n- CQS-02");
  });

  it("'Đánh dấu đã đọc' marks one, then 'Đánh dấu tất cả đã đọc' the rest", async () => {
    const { byName } = fakeInbox(rows());
    renderWithProviders(<InboxPage />, CATALOGS);
    const items = await screen.findAllByTestId("notification");
    fireEvent.click(within(items[1]!).getByRole("button", { name: "Đánh dấu đã đọc" }));
    await waitFor(() => expect(screen.getByTestId("inbox-unread").textContent).toBe("1 thông báo chưa đọc"));
    expect(byName("MarkNotificationsRead")[0]!.variables).toEqual({ ids: ["n2"], all: null });
    expect(
      within(screen.getAllByTestId("notification")[1]!).queryByRole("button", { name: "Đánh dấu đã đọc" }),
    ).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Đánh dấu tất cả đã đọc" }));
    await waitFor(() => expect(screen.getByTestId("inbox-unread").textContent).toBe("0 thông báo chưa đọc"));
    expect(byName("MarkNotificationsRead")[1]!.variables).toEqual({ ids: null, all: true });
    expect(screen.queryAllByRole("button", { name: "Đánh dấu đã đọc" })).toEqual([]);
    expect((screen.getByRole("button", { name: "Đánh dấu tất cả đã đọc" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("opening an unread notification marks it read and goes to its page", async () => {
    const { byName } = fakeInbox(rows());
    renderWithProviders(<InboxPage />, CATALOGS);
    const items = await screen.findAllByTestId("notification");
    fireEvent.click(within(items[0]!).getByRole("link"));
    await waitFor(() => expect(window.location.pathname).toBe("/assessments/a1"));
    expect(byName("MarkNotificationsRead")[0]!.variables).toEqual({ ids: ["n3"], all: null });
  });

  it("unread only, and an empty inbox", async () => {
    fakeInbox(rows());
    renderWithProviders(<InboxPage />, CATALOGS);
    await screen.findAllByTestId("notification");
    fireEvent.click(screen.getByLabelText("Chỉ hiện thông báo chưa đọc"));
    await waitFor(() => expect(screen.getAllByTestId("notification")).toHaveLength(2));
    cleanup();
    fakeInbox([]);
    renderWithProviders(<InboxPage />, CATALOGS);
    expect(await screen.findByText("Chưa có thông báo nào.")).toBeTruthy();
  });
});

describe("the bell", () => {
  it("shows the unread count and leads to the inbox", async () => {
    fakeInbox(rows());
    window.history.replaceState(null, "", "/my");
    renderWithProviders(<InboxBell />, CATALOGS);
    const bell = await screen.findByRole("link", { name: "Hộp thư: 2 thông báo chưa đọc" });
    expect(bell.getAttribute("href")).toBe("/inbox");
    expect(screen.getByTestId("inbox-count").textContent).toBe("2");
    fireEvent.click(bell);
    expect(window.location.pathname).toBe("/inbox");
  });

  it("has no count when all is read, and is in the header of a signed-in user", async () => {
    fakeInbox(rows().map((n) => ({ ...n, readAt: "2026-11-21T01:00:00Z" })));
    const me = { id: "u1", name: "UBND xã Khánh Thiện", email: "x@y.vn", roles: [], capabilities: capabilities() };
    renderWithProviders(
      <AppShell title="Cổng đánh giá" nav={[]} me={me as never}>
        <p>Trang</p>
      </AppShell>,
      CATALOGS,
    );
    const bell = await screen.findByRole("link", { name: "Hộp thư" });
    expect(bell.closest("header")).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId("inbox-count")).toBeNull());
  });
});
