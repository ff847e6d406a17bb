/**
 * Admin criteria-set editor, as the province (Sở TT&TT Ninh Bình): clone the
 * national framework, change a target in the table view, see it as stricter
 * in the diff, publish, and the version is read-only. Invalid JSON in Monaco
 * shows a marker and blocks publishing. Monaco comes from the bundle: no
 * request leaves 127.0.0.1.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, baseUrl, launch, newContext, shot, signIn } from "./browser.ts";

let browser: Browser;
let page: Page;
let draftUrl: string;
const outside: string[] = [];

beforeAll(async () => {
  browser = await launch();
  const context = await newContext(browser);
  page = await context.newPage();
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (!["data:", "blob:"].includes(u.protocol) && u.hostname !== "127.0.0.1") outside.push(r.url());
  });
  await signIn(page, `${baseUrl()}/admin/`, "so@ninhbinh.gov.vn");
});

afterAll(async () => {
  await browser?.close();
});

describe("admin: the criteria-set editor", () => {
  it("clones the national district framework for the province", async () => {
    await page.goto(`${baseUrl()}/admin/sets`);
    await page.getByRole("heading", { name: "Bộ tiêu chí", exact: true }).waitFor();
    await shot(page, "admin-sets-list");
    const district = page.locator("section.set-card", { has: page.getByText("vn-2361-district", { exact: true }) });
    await district.getByRole("button", { name: "Nhân bản cho tỉnh" }).first().click();
    await page.waitForURL(/\/admin\/sets\/.+/);
    await page.getByTestId("target-CQS-02-3").waitFor();
    draftUrl = page.url();
  });

  it("changes a target in the table view and the diff shows it as stricter", async () => {
    // District CQS-02 at level 3 (Cơ bản): 40% nationally; the province asks 55%.
    await page.getByTestId("target-CQS-02-3").getByRole("textbox").fill("55");
    await shot(page, "admin-editor-table");
    await page.getByRole("button", { name: "Lưu bản nháp" }).click();
    await page.getByText("Đã lưu bản nháp.").waitFor();
    await page.getByRole("tab", { name: "So sánh với bản gốc" }).click();
    const diff = page.getByTestId("semantic-diff");
    await diff.waitFor();
    const row = diff.getByRole("row").filter({ hasText: "CQS-02" }).first();
    await expect(row.textContent()).resolves.toMatch(/55/);
    await expect(row.textContent()).resolves.toMatch(/chặt hơn/i);
    await shot(page, "admin-editor-diff");

    // The API agrees: the saved draft differs from its base by exactly this, stricter.
    const api = await apiAs("so@ninhbinh.gov.vn");
    const id = decodeURIComponent(draftUrl.split("/sets/")[1]!);
    const r = await api<{
      criteriaSetVersion: {
        diffFromBase: { changed: { code: string; targets: { level: number; change: string }[] }[] };
      };
    }>(
      `query ($id: ID!) { criteriaSetVersion(id: $id) { diffFromBase { changed { code targets { level change } } } } }`,
      { id },
    );
    expect(r.criteriaSetVersion.diffFromBase.changed).toEqual([
      { code: "CQS-02", targets: [{ level: 3, change: "stricter" }] },
    ]);
  });

  it("invalid JSON in Monaco shows a marker and blocks publishing", async () => {
    await page.getByRole("tab", { name: /JSON/ }).click();
    await page.locator(".monaco-editor").first().waitFor({ timeout: 30_000 });
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("End");
    await page.keyboard.type(" x");
    await page.locator(".monaco-editor .squiggly-error").first().waitFor({ timeout: 20_000 });
    await expect(page.getByTestId("publish-button").isDisabled()).resolves.toBe(true);
    await shot(page, "admin-editor-invalid-json");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await expect.poll(() => page.getByTestId("publish-button").isDisabled(), { timeout: 20_000 }).toBe(false);
  });

  it("publishes with a decision number and date; the version is then read-only", async () => {
    await page.getByTestId("publish-button").click();
    const dialog = page.getByTestId("publish-dialog");
    await dialog.getByLabel("Số quyết định ban hành").fill("318/QĐ-UBND");
    await dialog.getByLabel("Ngày quyết định (dd/mm/yyyy)").fill("14/03/2026");
    await dialog.getByRole("button", { name: "Công bố" }).click();
    await page.getByText("Đã công bố phiên bản").waitFor({ timeout: 20_000 });
    await page.getByRole("tab", { name: /Bảng chỉ tiêu/ }).click();
    await expect(page.getByTestId("target-CQS-02-3").getByRole("textbox").isDisabled()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: "Tạo phiên bản mới" }).first().isVisible()).resolves.toBe(true);
    await shot(page, "admin-editor-published");

    const api = await apiAs("so@ninhbinh.gov.vn");
    const id = decodeURIComponent(draftUrl.split("/sets/")[1]!);
    const r = await api<{ criteriaSetVersion: { status: string; decisionNumber: string; decisionDate: string } }>(
      `query ($id: ID!) { criteriaSetVersion(id: $id) { status decisionNumber decisionDate } }`,
      { id },
    );
    expect(r.criteriaSetVersion).toEqual({
      status: "PUBLISHED",
      decisionNumber: "318/QĐ-UBND",
      decisionDate: "2026-03-14",
    });
  });

  it("loaded Monaco from the bundle: no request left 127.0.0.1", () => {
    expect(outside).toEqual([]);
  });
});
