/**
 * The yearly cycle leaves the screen (issue 11), in Chromium: the province opens a round in the admin app; the
 * commune downloads its XLSX template, fills it (written here with exceljs, as a user's Excel would), uploads it,
 * reads the dry run, applies it and submits; the district verifies and appraises (through the API), then
 * recognises in the admin app and downloads the draft decision PDF, whose text is read back; the commune's inbox
 * shows the recognition, and the email reached the tests' SMTP server.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readPdf } from "../../packages/documents/src/pdf-text.ts";
import { col, open, save } from "../../packages/workbook/src/test-utils.ts";
import { apiAs, baseUrl, launch, newContext, reviewThroughApi, shot, signIn } from "./browser.ts";
import type { Criterion } from "./form.ts";

const SO = "so@ninhbinh.gov.vn";
const EDITOR = "xa.khanhthien@ninhbinh.gov.vn"; // Xã Khánh Thiện (14563, three-tier map)
const OFFICER = "phong.yenkhanh@ninhbinh.gov.vn"; // verifies and recognises Yên Khánh's communes
const APPRAISER = "thamdinh.yenkhanh@ninhbinh.gov.vn";
const COMMUNE = "14563";
/** A year the suites' fixture has no round in: the province opens it here (the three-tier map is in force). */
const YEAR = 2025;
const DECISION = "731/QĐ-UBND";

let browser: Browser;
let roundId: string;
let assessmentId: string;
let criteria: Criterion[];

/** A day from today in Vietnam, as the admin's date fields take it (dd/mm/yyyy) and as ISO. */
function vnDay(plusDays: number): { vn: string; iso: string } {
  const iso = new Date(Date.now() + 7 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
  const [y, m, d] = iso.split("-");
  return { vn: `${d}/${m}/${y}`, iso };
}

/** The template with the unit's row (row 4) filled so that every criterion meets its level-3 target. */
async function fillTemplate(bytes: Uint8Array): Promise<Uint8Array> {
  const wb = await open(bytes);
  const ws = wb.getWorksheet("Số liệu")!;
  const put = (code: string, label: string, v: string | number) => (ws.getCell(`${col(ws, code, label)}4`).value = v);
  for (const c of criteria) {
    const t = [c.targets[2], c.targets[1], c.targets[0]].find((x) => x !== null && x !== undefined);
    if (t === undefined) continue;
    switch (c.measure) {
      case "percentage":
        put(c.code, "Tử số", Math.ceil(t as number));
        put(c.code, "Mẫu số", 100);
        break;
      case "boolean":
        put(c.code, "Có/Không", "Có");
        break;
      case "minCount":
        put(c.code, "Số lượng", t as number);
        break;
      case "countOrAll":
        put(c.code, "Số đạt", (t as { min: number }).min);
        put(c.code, "Tổng số", (t as { min: number }).min + 2);
        break;
    }
  }
  return save(wb);
}

/** The emails the tests' SMTP server received so far (each written as a JSON file by the global setup). */
function mails(): { to: string[]; subject: string | null; text: string }[] {
  const dir = inject("mailDir");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as { to: string[]; subject: string; text: string });
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const [d] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: d.suggestedFilename(), bytes: new Uint8Array(readFileSync((await d.path())!)) };
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("the yearly cycle, from opening a round to the emailed recognition", () => {
  it("the province opens a round in the admin app", async () => {
    // The set version the province's current commune round uses: its own published clone of 2361.
    const so = await apiAs(SO);
    const rounds = (
      await so<{ rounds: { year: number; unitKind: string; judgedBy: string; setVersion: { id: string } }[] }>(
        `{ rounds(tenant: "ninh-binh") { year unitKind judgedBy setVersion { id } } }`,
      )
    ).rounds;
    const current = rounds.find((r) => r.unitKind === "commune" && r.judgedBy === "levels")!;
    expect(rounds.some((r) => r.year === YEAR && r.unitKind === "commune" && r.judgedBy === "levels")).toBe(false);

    const page = await (await newContext(browser)).newPage();
    await signIn(page, `${baseUrl()}/admin/`, SO);
    await page.goto(`${baseUrl()}/admin/rounds`);
    await page.getByRole("button", { name: "Mở đợt đánh giá" }).click();
    const form = page.getByRole("form", { name: "Mở đợt đánh giá" });
    await form.getByLabel("Năm đánh giá").selectOption(String(YEAR));
    await form.locator(`input[name="open-version"][value="${current.setVersion.id}"]`).check();
    // 2025 had two maps: the communes of this suite are on the three-tier one (until 30/06/2025).
    const threeTier = await form.locator("#open-map option", { hasText: "3 cấp" }).getAttribute("value");
    await form.getByLabel("Bản đồ hành chính").selectOption(threeTier!);
    await form.getByLabel("Hạn nộp hồ sơ tự đánh giá").fill(vnDay(14).vn);
    await form.getByLabel("Hạn thẩm định, công nhận").fill(vnDay(30).vn);
    await shot(page, "workflow-open-round");
    await form.getByRole("button", { name: "Mở đợt" }).click();
    await page.getByRole("status").filter({ hasText: "Đã mở đợt" }).waitFor();
    await shot(page, "workflow-round-opened");

    const editor = await apiAs(EDITOR);
    const mine = (
      await editor<{
        assessments: {
          edges: {
            node: {
              id: string;
              status: string;
              round: { id: string; year: number; submitDueAt: string };
              setVersion: { id: string; document: { criteria: Criterion[] } };
            };
          }[];
        };
      }>(
        `{ assessments(unitCode: "${COMMUNE}", first: 10) { edges { node {
            id status round { id year submitDueAt } setVersion { id document } } } } }`,
      )
    ).assessments.edges.map((e) => e.node);
    const fresh = mine.find((a) => a.round.year === YEAR)!;
    expect(fresh.status).toBe("DRAFT");
    expect(fresh.setVersion.id).toBe(current.setVersion.id);
    expect(fresh.round.submitDueAt).toBe(vnDay(14).iso);
    roundId = fresh.round.id;
    assessmentId = fresh.id;
    criteria = fresh.setVersion.document.criteria;
  });

  it("the commune downloads its XLSX template, fills it, reads the dry run, applies it and submits", async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, `${baseUrl()}/my`, EDITOR);
    await page.goto(`${baseUrl()}/assessments/${assessmentId}`);
    await page.getByLabel("Mức đăng ký").selectOption("3");
    await page.getByRole("button", { name: "Đăng ký mức" }).click();
    await page.getByText("Mức đã đăng ký:").waitFor();

    const template = await download(page, () => page.getByRole("link", { name: "Tải mẫu Excel" }).click());
    expect(template.name).toMatch(/\.xlsx$/);
    const ws = (await open(template.bytes)).getWorksheet("Số liệu")!;
    expect([ws.getCell("A4").value, ws.getCell("B4").value]).toEqual([COMMUNE, "Xã Khánh Thiện"]);
    const filled = await fillTemplate(template.bytes);

    await page.getByLabel("Nhập từ Excel").setInputFiles({
      name: "so-lieu-khanh-thien.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from(filled),
    });
    const changes = page.getByTestId("excel-changes");
    await changes.waitFor();
    // The dry run lists a change per criterion filled, and saves nothing yet.
    const rows = await changes.locator("tbody tr").count();
    expect(rows).toBeGreaterThan(10);
    const editor = await apiAs(EDITOR);
    const before = await editor<{ assessment: { version: number; computedLevel: number | null } }>(
      `query ($id: ID!) { assessment(id: $id) { version computedLevel } }`,
      { id: assessmentId },
    );
    await changes.scrollIntoViewIfNeeded();
    await shot(page, "workflow-excel-dry-run");
    await page.getByRole("button", { name: "Áp dụng" }).click();
    await page.getByText(`Đã nhập ${rows} số liệu từ Excel.`).waitFor();
    await page.locator('[data-testid="server-level"][data-level="3"]').waitFor({ timeout: 30_000 });
    const after = await editor<{ assessment: { version: number; computedLevel: number | null } }>(
      `query ($id: ID!) { assessment(id: $id) { version computedLevel } }`,
      { id: assessmentId },
    );
    expect(after.assessment.version).toBe(before.assessment.version + 1);
    expect(after.assessment.computedLevel).toBe(3);

    await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Xác nhận nộp hồ sơ" });
    await confirm.getByRole("button", { name: "Nộp hồ sơ", exact: true }).click();
    await page.getByText("Đã nộp").first().waitFor();
    await shot(page, "workflow-submitted");
  });

  it("the district recognises in the admin app and downloads the draft decision, whose text names the commune", async () => {
    await reviewThroughApi(assessmentId, [
      { as: OFFICER, step: "verifyAssessment" },
      { as: APPRAISER, step: "appraiseAssessment" },
    ]);

    const page = await (await newContext(browser)).newPage();
    await signIn(page, `${baseUrl()}/admin/`, OFFICER);
    await page.goto(`${baseUrl()}/admin/assessments/${assessmentId}`);
    await page.locator('[data-testid="review-status"][data-status="APPRAISED"]').waitFor();
    const form = page.getByRole("form", { name: "Công nhận mức độ" });
    await form.getByLabel("Số quyết định").fill(DECISION);
    await form.getByLabel("Ngày quyết định").fill(vnDay(0).vn);
    await form.getByRole("button", { name: "Công nhận" }).click();
    await page.locator('[data-testid="review-status"][data-status="RECOGNISED"]').waitFor();
    await shot(page, "workflow-recognised");

    // The link is the draft decision of the round just opened.
    const link = page.getByRole("link", { name: "Dự thảo quyết định công nhận (PDF)" }).first();
    expect(await link.getAttribute("href")).toBe(`/documents/recognition-decision/${encodeURIComponent(roundId)}.pdf`);
    const pdf = await download(page, () => link.click());
    expect(pdf.name).toMatch(/\.pdf$/);
    const text = (await readPdf(pdf.bytes)).map((p) => p.text).join("\n");
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(text).toContain("QUYẾT ĐỊNH");
    expect(text).toContain("Xã Khánh Thiện");
    expect(text).toMatch(/Điều 1/);
    expect(text).toContain(String(YEAR));
  });

  it("the commune's inbox shows the recognition, and the email reached the SMTP server", async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, `${baseUrl()}/my`, EDITOR);
    await page.goto(`${baseUrl()}/inbox`);
    const subject = `Hồ sơ đã được công nhận: Xã Khánh Thiện — Mức 3 (Quyết định ${DECISION})`;
    await page.getByText(subject).first().waitFor();
    await shot(page, "workflow-inbox");

    const until = Date.now() + 30_000;
    let mail = mails().find((m) => m.subject === subject && m.to.includes(EDITOR));
    while (!mail && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      mail = mails().find((m) => m.subject === subject && m.to.includes(EDITOR));
    }
    expect(mail, `no email "${subject}" among ${mails().length}`).toBeDefined();
    expect(mail!.text).toContain(`theo Quyết định số ${DECISION}`);
  });
});
