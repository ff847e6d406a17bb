/**
 * Admin, as a district officer and as the ministry: a reviewer returns an
 * assessment, then recognises one; the ministry's summary shows the same
 * counts as the API.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, baseUrl, launch, newContext, shot, signIn } from "./browser.ts";

/** Today as dd/mm/yyyy in Vietnam time: a recognition decision cannot be dated in the future. */
function todayVn(): string {
  const d = new Date(Date.now() + 7 * 3600_000);
  return `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
}

let browser: Browser;
let page: Page;
const OFFICER = "phong.yenkhanh@ninhbinh.gov.vn";

async function assessmentIdOf(unitCode: string): Promise<string> {
  const api = await apiAs(OFFICER);
  const r = await api<{ assessments: { edges: { node: { id: string } }[] } }>(
    `{ assessments(unitCode: "${unitCode}", first: 1) { edges { node { id } } } }`,
  );
  return r.assessments.edges[0]!.node.id;
}

beforeAll(async () => {
  browser = await launch();
  page = await (await newContext(browser)).newPage();
  await signIn(page, `${baseUrl()}/admin/`, OFFICER);
});

afterAll(async () => {
  await browser?.close();
});

describe("admin: review and recognition", () => {
  it("the district officer's dashboard lists the round's assessments", async () => {
    await page.goto(`${baseUrl()}/admin/rounds`);
    await page.getByText("Xã Khánh Phú").first().waitFor();
    await shot(page, "admin-rounds-dashboard");
  });

  it("returns a submitted assessment with a comment", async () => {
    const id = await assessmentIdOf("14566"); // Xã Khánh Phú, SUBMITTED in the demo
    await page.goto(`${baseUrl()}/admin/assessments/${id}`);
    await page.locator('[data-testid="review-status"][data-status="SUBMITTED"]').waitFor();
    await shot(page, "admin-review-submitted");
    await page.getByRole("button", { name: "Trả lại" }).click();
    await page.getByLabel("Ý kiến chung").fill("Đề nghị bổ sung biên bản kiểm tra hệ thống thông tin.");
    await shot(page, "admin-return-dialog");
    await page.getByRole("button", { name: "Trả lại" }).click();
    await page.locator('[data-testid="review-status"][data-status="RETURNED"]').waitFor();
    await page.getByText("Đề nghị bổ sung biên bản kiểm tra hệ thống thông tin.").first().waitFor();

    const api = await apiAs(OFFICER);
    const r = await api<{ assessment: { status: string; comments: { body: string }[] } }>(
      `query ($id: ID!) { assessment(id: $id) { status comments { body } } }`,
      { id },
    );
    expect(r.assessment.status).toBe("RETURNED");
    expect(r.assessment.comments.map((c) => c.body)).toContain("Đề nghị bổ sung biên bản kiểm tra hệ thống thông tin.");
  });

  it("refuses to recognise without a decision number, then recognises an appraised assessment", async () => {
    const id = await assessmentIdOf("14575"); // Xã Khánh An, APPRAISED in the demo
    await page.goto(`${baseUrl()}/admin/assessments/${id}`);
    await page.locator('[data-testid="review-status"][data-status="APPRAISED"]').waitFor();
    const form = page.getByRole("form", { name: "Công nhận mức độ" });
    await form.getByLabel("Ngày quyết định").fill(todayVn());
    await form.getByRole("button", { name: "Công nhận" }).click();
    await page.getByText("Số quyết định").first().waitFor();
    await expect(page.locator('[data-testid="review-status"]').getAttribute("data-status")).resolves.toBe("APPRAISED");
    await shot(page, "admin-recognise-missing-number");

    await form.getByLabel("Số quyết định").fill("620/QĐ-UBND");
    await form.getByRole("button", { name: "Công nhận" }).click();
    await page.locator('[data-testid="review-status"][data-status="RECOGNISED"]').waitFor();
    await shot(page, "admin-recognised");

    const api = await apiAs(OFFICER);
    const r = await api<{
      assessment: { status: string; recognisedLevel: number; recognitionDecision: string; appraisedLevel: number };
    }>(`query ($id: ID!) { assessment(id: $id) { status recognisedLevel appraisedLevel recognitionDecision } }`, {
      id,
    });
    expect(r.assessment).toMatchObject({ status: "RECOGNISED", recognitionDecision: "620/QĐ-UBND" });
    expect(r.assessment.recognisedLevel).toBe(r.assessment.appraisedLevel);
  });

  it("the ministry's national summary shows the same counts as the API", async () => {
    const ministry = await (await newContext(browser)).newPage();
    await signIn(ministry, `${baseUrl()}/admin/`, "bo@cds.gov.vn");
    await ministry.goto(`${baseUrl()}/admin/national`);
    const total = ministry.getByTestId("national-total-recognised");
    await total.waitFor();

    const api = await apiAs("bo@cds.gov.vn");
    const year = new Date().getUTCFullYear();
    const r = await api<{ nationalSummary: { tenantId: string; recognised: number; byLevel: number[] }[] }>(
      `query ($y: Int!) { nationalSummary(year: $y, unitKind: "commune") { tenantId recognised byLevel } }`,
      { y: year },
    );
    const recognised = r.nationalSummary.reduce((s, p) => s + p.recognised, 0);
    expect(recognised).toBeGreaterThan(0);
    await expect
      .poll(async () => (await total.textContent())?.replace(/\D/g, "").startsWith(String(recognised)))
      .toBe(true);
    const ninhBinh = r.nationalSummary.find((p) => p.tenantId === "ninh-binh")!;
    const row = ministry.getByRole("row").filter({ hasText: "Tỉnh Ninh Bình" }).first();
    await expect(row.textContent()).resolves.toContain(String(ninhBinh.recognised));
    await shot(ministry, "admin-national-summary");
  });
});
