/** Debian's Chromium driven by playwright-core (never a downloaded browser), and screenshots of key screens. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";

export const SCREENSHOTS = fileURLToPath(new URL("../screenshots/", import.meta.url));
export const PASSWORD = "demo1234";

export function baseUrl(): string {
  return inject("baseUrl");
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function newContext(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  // The platform works on an intranet: no request may leave the loopback address.
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  return context;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** Signs in through the app's own form. */
export async function signIn(page: Page, url: string, email: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
}

/** Calls the GraphQL API directly (as another user would), keeping the session cookie and CSRF token. */
export async function apiAs(email: string, base: string = baseUrl()) {
  const url = `${base}/graphql`;
  let cookie = "";
  let csrf = "";
  const call = async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie, "x-csrf-token": csrf } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const set = res.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0]!;
    const json = (await res.json()) as { data: T; errors?: unknown[] };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data;
  };
  const login = await call<{ login: { data: { csrfToken: string } } }>(
    `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ... on MutationLoginSuccess { data { csrfToken } } } }`,
    { e: email, p: PASSWORD },
  );
  csrf = login.login.data.csrfToken;
  return call;
}

/**
 * Takes an assessment through review steps over the API, as the reviewers would: each step by its user
 * ("verifyAssessment", "appraiseAssessment", or "recogniseAssessment" with a decision), each with the version
 * just read, and each expected to succeed.
 */
export async function reviewThroughApi(
  assessmentId: string,
  steps: (
    | { as: string; step: "verifyAssessment" | "appraiseAssessment" }
    | { as: string; step: "recogniseAssessment"; decisionNumber: string; decisionDate: string }
  )[],
): Promise<void> {
  for (const s of steps) {
    const call = await apiAs(s.as);
    const { assessment } = await call<{ assessment: { version: number } }>(
      `query ($id: ID!) { assessment(id: $id) { version } }`,
      { id: assessmentId },
    );
    const decision = s.step === "recogniseAssessment" ? ", decisionNumber: $n, decisionDate: $d" : "";
    const defs = s.step === "recogniseAssessment" ? ", $n: String!, $d: Date!" : "";
    const r = await call<{ r: { __typename: string } }>(
      `mutation ($id: ID!, $v: Int!${defs}) { r: ${s.step}(assessmentId: $id, version: $v${decision}) { __typename } }`,
      {
        id: assessmentId,
        v: assessment.version,
        ...(s.step === "recogniseAssessment" ? { n: s.decisionNumber, d: s.decisionDate } : {}),
      },
    );
    if (!r.r.__typename.endsWith("Success")) throw new Error(`${s.step} as ${s.as}: ${r.r.__typename}`);
  }
}
