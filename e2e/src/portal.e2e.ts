/**
 * Portal, as a commune's staff member and the public see it: fill values
 * until the live level reaches Cơ bản, upload evidence, submit; the district
 * recognises through the API; the public page shows the recognised level.
 * The browser's evaluation (criteria-core in the page) equals the API's.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, baseUrl, launch, newContext, reviewThroughApi, shot, signIn } from "./browser.ts";
import { meetLevel3, type Criterion } from "./form.ts";

let browser: Browser;
let page: Page;
let assessmentId: string;
let versionId: string;
let criteria: Criterion[];

const COMMUNE = "14563"; // Xã Khánh Thiện, DRAFT in the demo
const EDITOR = "xa.khanhthien@ninhbinh.gov.vn";

beforeAll(async () => {
  browser = await launch();
  const api = await apiAs(EDITOR);
  const r = await api<{
    assessments: { edges: { node: { id: string; setVersion: { id: string; document: { criteria: Criterion[] } } } }[] };
  }>(`{ assessments(unitCode: "${COMMUNE}", first: 1) { edges { node { id setVersion { id document } } } } }`);
  const node = r.assessments.edges[0]!.node;
  assessmentId = node.id;
  versionId = node.setVersion.id;
  criteria = node.setVersion.document.criteria;
});

afterAll(async () => {
  await browser?.close();
});

describe("portal: a commune self-assesses", () => {
  it("registers Cơ bản, fills values until the live level reaches it, and the server agrees", async () => {
    const context = await newContext(browser);
    page = await context.newPage();
    await signIn(page, `${baseUrl()}/my`, EDITOR);
    await page.goto(`${baseUrl()}/assessments/${assessmentId}`);
    await page.getByLabel("Mức đăng ký").selectOption("3");
    await page.getByRole("button", { name: "Đăng ký mức" }).click();
    await page.getByText("Mức đã đăng ký:").waitFor();

    for (const c of criteria) await meetLevel3(page, c);
    await page.locator('[data-testid="live-level"][data-level="3"]').waitFor();
    // Autosave sends the values; the server judges them with the same engine.
    await page.locator('[data-testid="server-level"][data-level="3"]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId("level-mismatch").count()).resolves.toBe(0);
    await shot(page, "portal-form-level3-desktop");
  });

  it("the browser's evaluation equals the API's for the same values", async () => {
    const api = await apiAs(EDITOR);
    const a = await api<{
      assessment: { computedLevel: number; values: { criterionCode: string; effectiveValue: unknown }[] };
    }>(`query ($id: ID!) { assessment(id: $id) { computedLevel values { criterionCode effectiveValue } } }`, {
      id: assessmentId,
    });
    const values = Object.fromEntries(
      a.assessment.values.filter((v) => v.effectiveValue !== null).map((v) => [v.criterionCode, v.effectiveValue]),
    );
    const e = await api<{ evaluate: { level: number; levels: { met: boolean }[] } }>(
      `query ($v: ID!, $values: JSON!) { evaluate(versionId: $v, values: $values) { ... on Evaluation { level levels { met } } } }`,
      { v: versionId, values },
    );
    const live = Number(await page.getByTestId("live-level").getAttribute("data-level"));
    expect(live).toBe(3);
    expect(e.evaluate.level).toBe(live);
    expect(a.assessment.computedLevel).toBe(live);
  });

  it("uploads evidence with progress and lists the file", async () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    await page
      .getByLabel("CQS-01 tải minh chứng")
      .setInputFiles({ name: "bien-ban-kiem-tra.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.getByTestId("criterion-CQS-01").getByText("bien-ban-kiem-tra.pdf").waitFor();
  });

  it("a phone-sized screenshot of the form", async () => {
    const phone = await (await newContext(browser, { width: 360, height: 800 })).newPage();
    await signIn(phone, `${baseUrl()}/my`, EDITOR);
    await phone.goto(`${baseUrl()}/assessments/${assessmentId}`);
    await phone.getByTestId("criterion-CQS-02").waitFor();
    await shot(phone, "portal-form-phone-360");
    await phone.getByTestId("criterion-CQS-02").scrollIntoViewIfNeeded();
    await shot(phone, "portal-form-phone-360-criterion");
    // Nothing is wider than the screen.
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });

  it("submits, the district recognises it through the API, and the public page shows the level", async () => {
    await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
    // The portal says what submitting locks, and sends nothing until the commune confirms.
    const confirm = page.getByRole("alertdialog", { name: "Xác nhận nộp hồ sơ" });
    await confirm.getByText("số liệu và minh chứng sẽ bị khoá").waitFor();
    await shot(page, "portal-submit-confirm");
    await confirm.getByRole("button", { name: "Nộp hồ sơ", exact: true }).click();
    await page.getByText("Đã nộp").first().waitFor();
    await shot(page, "portal-submitted");

    await reviewThroughApi(assessmentId, [
      { as: "phong.yenkhanh@ninhbinh.gov.vn", step: "verifyAssessment" },
      { as: "thamdinh.yenkhanh@ninhbinh.gov.vn", step: "appraiseAssessment" },
      {
        as: "phong.yenkhanh@ninhbinh.gov.vn",
        step: "recogniseAssessment",
        decisionNumber: "512/QĐ-UBND",
        decisionDate: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10),
      },
    ]);

    const anon = await (await newContext(browser)).newPage();
    // The demo commune of this suite is on the three-tier map (the code names a different unit today).
    await anon.goto(`${baseUrl()}/units/${COMMUNE}?map=2025-03`);
    await anon.getByText("512/QĐ-UBND").first().waitFor();
    await expect(anon.locator(".badge.level-3").first().textContent()).resolves.toContain("Cơ bản");
    await shot(anon, "portal-public-unit");

    await anon.goto(`${baseUrl()}/`);
    await anon.getByRole("searchbox").first().fill("khanh thien");
    await anon.getByText("Xã Khánh Thiện").first().waitFor();
    await shot(anon, "portal-public-results");
  });
});
