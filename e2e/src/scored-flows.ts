/**
 * The browser tests of issue 10 (Bộ chỉ số, scored indices) on today's demo, run by the fresh-copy suite
 * against the platform it started:
 * - a commune fills the template index and watches its score (portal, desktop and phone);
 * - the province publishes a changed index and sees rank changes in the preview (admin), then anyone reads
 *   the published ranking (portal /rankings).
 * Every score and rank is checked against criteria-core or the API, never against a number written here.
 */
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { formatPoints, pointsGaps, score, type ComponentValues } from "@cds/criteria-core";
import { parseCriteriaSet, scoreComponents, type TCriteriaSet } from "@cds/criteria-schema";
import { apiAs, newContext, shot, signIn } from "./browser.ts";
import { chooseEntries, leadingInt, scrollsSideways, tableCells, todayVn } from "./scored.ts";

const COMMUNE_EDITOR = "xa.khanhthien@ninhbinh.gov.vn";
const PROVINCE = "so@ninhbinh.gov.vn";
const KHANH_THIEN = "14563";
const INDEX_SET = "ninh-binh-dti-xa";
const PHONE = { width: 390, height: 844 };

type Api = Awaited<ReturnType<typeof apiAs>>;

interface ScoredAssessment {
  id: string;
  status: string;
  version: number;
  setVersion: { document: unknown };
  values: { criterionCode: string; value: unknown; effectiveValue: unknown }[];
  score: { scoreText: string } | null;
}

/** Xã Khánh Thiện's assessment in this year's scored round (the portal's /my lists it beside the level round's). */
async function khanhThienScored(api: Api, year: number): Promise<{ id: string; roundName: string }> {
  const r = await api<{
    assessments: {
      edges: { node: { id: string; round: { judgedBy: string; name: string }; unit: { map: { id: string } } } }[];
    };
  }>(
    `query ($y: Int) { assessments(unitCode: "${KHANH_THIEN}", year: $y, first: 10) {
      edges { node { id round { judgedBy name } unit { map { id } } } } } }`,
    { y: year },
  );
  const scored = r.assessments.edges.map((e) => e.node).filter((n) => n.round.judgedBy !== "levels");
  expect(scored, "one scored assessment of Xã Khánh Thiện this year").toHaveLength(1);
  expect(scored[0]!.unit.map.id).toBe("2025-07");
  return { id: scored[0]!.id, roundName: scored[0]!.round.name };
}

async function readAssessment(api: Api, id: string): Promise<ScoredAssessment> {
  const r = await api<{ assessment: ScoredAssessment }>(
    `query ($id: ID!) { assessment(id: $id) { id status version setVersion { document }
      values { criterionCode value effectiveValue } score { scoreText } } }`,
    { id },
  );
  return r.assessment;
}

/** The values the form shows for the saved data: effective values, as the portal scores them. */
function effectiveValues(a: ScoredAssessment): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of a.values) {
    const x = v.effectiveValue ?? v.value;
    if (x !== null && x !== undefined) out[v.criterionCode] = x;
  }
  return out;
}

const liveScore = (page: Page) => page.getByTestId("bar-score").getAttribute("data-score");

/** The messages of "Cách để được thêm điểm" (the folded ones too), in order. */
const gapTexts = (page: Page) =>
  page
    .getByTestId("points-gaps")
    .locator("li")
    .evaluateAll((lis) => lis.map((li) => (li.textContent ?? "").replace(/\s+/g, " ").trim()));

/** criteria-core's gaps for the values, as the panel lists them: biggest missing points first (stable). */
function engineGaps(set: TCriteriaSet, values: Record<string, unknown>): string[] {
  return pointsGaps(set, values as ComponentValues)
    .map((g, i) => ({ g, i }))
    .sort((a, b) => b.g.missingPoints - a.g.missingPoints || a.i - b.i)
    .map((x) => x.g.message.replace(/\s+/g, " ").trim());
}

async function noSidewaysScroll(page: Page, where: string): Promise<void> {
  const w = await scrollsSideways(page);
  expect(
    w.scrollWidth,
    `${where}: no horizontal scroll on a phone (${w.scrollWidth} > ${w.innerWidth})`,
  ).toBeLessThanOrEqual(w.innerWidth);
}

export async function communeFillsTemplateIndex(browser: Browser, baseUrl: string): Promise<void> {
  const { year } = todayVn();
  const api = await apiAs(COMMUNE_EDITOR, baseUrl);
  const { id, roundName } = await khanhThienScored(api, year);
  expect(roundName).toMatch(/^Chấm điểm /);
  const saved = await readAssessment(api, id);
  expect(saved.status).toBe("DRAFT");
  const set = parseCriteriaSet(saved.setVersion.document);
  const values = effectiveValues(saved);
  const first = score(set, values as ComponentValues);
  // The seed left about half the components empty; the API's score is criteria-core's.
  expect(first.missing.length).toBeGreaterThan(0);
  expect(saved.score?.scoreText).toBe(first.scoreText);

  const page = await (await newContext(browser)).newPage();
  await signIn(page, `${baseUrl}/my`, COMMUNE_EDITOR);
  // /my lists both of this year's assessments: the scored one shows its score, the level one its levels.
  const card = page.locator("a.pa-my-card", { hasText: roundName });
  await card.waitFor();
  expect(await card.textContent()).toContain(formatPoints(first.scoreText, "vi"));
  await card.click();
  await page.waitForURL(`**/assessments/${encodeURIComponent(id)}`);
  await page.getByRole("heading", { name: "Kết quả tự chấm điểm (tính ngay)" }).waitFor();
  await expect.poll(() => liveScore(page)).toBe(first.scoreText);
  expect(await page.getByTestId("live-score").textContent()).toBe(
    `${formatPoints(first.scoreText, "vi")} / ${formatPoints(String(first.maxScore), "vi")} điểm`,
  );
  await page.getByRole("heading", { name: "Cách để được thêm điểm" }).waitFor();
  const gapsBefore = await gapTexts(page);
  expect(gapsBefore.length).toBeGreaterThan(0);
  expect(gapsBefore.every((m) => m.length > 10)).toBe(true);
  expect(gapsBefore).toEqual(engineGaps(set, values));
  await shot(page, "scored-portal-before");

  // One component of each kind: yes/no, a ratio, a count band, points the council will appraise.
  const entries = chooseEntries(set, values);
  expect(entries.map((e) => e.kind)).toEqual(["yesNo", "ratio", "countBand", "appraised"]);
  // The seed's empty half changes with the year: yes/no and ratio components always have empty ones; the two
  // appraised and four count-band components may all be filled, and then one of them is changed instead.
  expect(entries.filter((e) => e.wasEmpty).length, "empty components to fill").toBeGreaterThanOrEqual(2);
  let previous = first.scoreText;
  for (const e of entries) {
    await page.getByTestId(`component-${e.code}`).scrollIntoViewIfNeeded();
    await e.fill(page);
    values[e.code] = e.value;
    const now = score(set, values as ComponentValues);
    expect(now.scoreText, `${e.code}: the engine's total moves`).not.toBe(previous);
    // The live total is criteria-core's score of the values typed, before anything is saved.
    await expect.poll(() => liveScore(page), { message: `live total after ${e.code}` }).toBe(now.scoreText);
    const c = now.components.find((x) => x.code === e.code)!;
    await expect
      .poll(() => page.getByTestId(`points-${e.code}`).locator("strong").textContent())
      .toBe(`${formatPoints(c.pointsText, "vi")} / ${formatPoints(String(c.max), "vi")}`);
    expect(await page.getByTestId(`points-${e.code}`).getAttribute("data-status")).toBe("scored");
    previous = now.scoreText;
  }
  const expected = score(set, values as ComponentValues);
  await expect.poll(() => gapTexts(page)).toEqual(engineGaps(set, values));
  const gapsAfter = await gapTexts(page);
  expect(gapsAfter.length).toBeGreaterThan(0);

  // Autosave: the server scores the saved values as the browser did, and the panel shows the server's score.
  await expect
    .poll(async () => (await readAssessment(api, id)).score?.scoreText, { timeout: 30_000, interval: 500 })
    .toBe(expected.scoreText);
  await expect
    .poll(() => page.getByTestId("server-score").getAttribute("data-score"), { timeout: 30_000 })
    .toBe(expected.scoreText);
  expect(await page.getByTestId("score-mismatch").count()).toBe(0);
  await expect
    .poll(() => page.getByTestId("save-status").textContent())
    .toMatch(/^(Đã lưu lúc|Mọi thay đổi đã được lưu)/);
  const after = await readAssessment(api, id);
  const stored = new Map(after.values.map((v) => [v.criterionCode, v.value]));
  for (const e of entries) expect(stored.get(e.code), `${e.code} saved`).toEqual(e.value);
  expect(await page.getByTestId("live-score").getAttribute("data-score")).toBe(expected.scoreText);

  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "scored-portal-desktop");
  await page.getByTestId(`component-${entries[1]!.code}`).scrollIntoViewIfNeeded();
  await shot(page, "scored-portal-desktop-component");

  // On a phone: the same score, nothing wider than the screen.
  const phone = await (await newContext(browser, PHONE)).newPage();
  await signIn(phone, `${baseUrl}/my`, COMMUNE_EDITOR);
  await phone.goto(`${baseUrl}/assessments/${encodeURIComponent(id)}`);
  await expect.poll(() => liveScore(phone)).toBe(expected.scoreText);
  await expect.poll(() => phone.getByTestId("live-score").getAttribute("data-score")).toBe(expected.scoreText);
  await noSidewaysScroll(phone, "the scored assessment, top");
  await shot(phone, "scored-portal-phone");
  await phone.getByTestId(`component-${entries[1]!.code}`).scrollIntoViewIfNeeded();
  await noSidewaysScroll(phone, `the scored assessment, ${entries[1]!.code}`);
  await shot(phone, "scored-portal-phone-component");
  await phone.getByTestId("points-gaps").scrollIntoViewIfNeeded();
  await shot(phone, "scored-portal-phone-gaps");
  await phone.context().close();
  await page.context().close();
}

/** Component maxima moved within one group (its maximum unchanged): a ratio gains what a yes/no loses. */
const MOVES: { group: string; from: string; to: string; points: number }[] = [
  { group: "CQS", from: "CQ-04", to: "CQ-01", points: 20 },
  { group: "XHS", from: "XH-05", to: "XH-04", points: 15 },
];

interface SetRow {
  code: string;
  versions: { id: string; status: string; version: string }[];
}

export async function provincePublishesChangedIndex(browser: Browser, baseUrl: string): Promise<void> {
  const today = todayVn();
  const api = await apiAs(PROVINCE, baseUrl);
  const sets = await api<{ criteriaSets: SetRow[] }>(
    `{ criteriaSets(tenant: "ninh-binh") { code versions { id status version } } }`,
  );
  const published = sets.criteriaSets
    .find((s) => s.code === INDEX_SET)!
    .versions.filter((v) => v.status === "PUBLISHED");
  expect(published).toHaveLength(1);
  const current = await api<{ criteriaSetVersion: { document: unknown } }>(
    `query ($id: ID!) { criteriaSetVersion(id: $id) { document } }`,
    { id: published[0]!.id },
  );
  const before = parseCriteriaSet(current.criteriaSetVersion.document);
  const maxOf = (code: string) =>
    scoreComponents(before.scoring!.groups).find((p) => p.component.code === code)!.component.max;

  const page = await (await newContext(browser)).newPage();
  await signIn(page, `${baseUrl}/admin/`, PROVINCE);
  await page.goto(`${baseUrl}/admin/sets`);
  const card = page.locator("section.set-card", { has: page.getByText(INDEX_SET, { exact: true }) });
  await card.waitFor();
  // The published version, then "Tạo phiên bản mới" in its read-only banner: a draft to edit.
  await card.getByRole("link", { name: "Mở", exact: true }).first().click();
  await page.getByText("Đã công bố", { exact: true }).first().waitFor();
  await page.getByRole("button", { name: "Tạo phiên bản mới" }).click();
  await page.getByTestId("publish-button").waitFor({ timeout: 30_000 });
  const draftId = decodeURIComponent(new URL(page.url()).pathname.split("/sets/")[1]!);
  expect(draftId).not.toBe(published[0]!.id);
  await page.getByRole("tab", { name: "Bảng điểm" }).waitFor();
  expect(await page.getByRole("tab", { name: "Bảng điểm" }).getAttribute("aria-selected")).toBe("true");

  for (const m of MOVES) {
    expect(maxOf(m.from)).toBeGreaterThan(m.points);
    const from = page.getByLabel(`Điểm tối đa ${m.from}`, { exact: true });
    const to = page.getByLabel(`Điểm tối đa ${m.to}`, { exact: true });
    await from.fill(String(maxOf(m.from) - m.points));
    await to.fill(String(maxOf(m.to) + m.points));
    // Marked as different from the published version; the group's maximum is unchanged.
    await expect.poll(() => page.locator(`[data-cell="c:${m.to}/max"]`).getAttribute("class")).toMatch(/\bchanged\b/);
  }
  await page.getByTestId(`component-${MOVES[0]!.to}`).scrollIntoViewIfNeeded();
  await shot(page, "scored-admin-points-table");
  await page.getByRole("button", { name: "Lưu bản nháp" }).click();
  await page.getByText("Đã lưu bản nháp.").waitFor({ timeout: 30_000 });
  // Valid as changed: publishing is open.
  await expect.poll(() => page.getByTestId("publish-button").isDisabled(), { timeout: 30_000 }).toBe(false);

  // The impact preview on this year's scored round.
  await page.getByRole("tab", { name: "Ảnh hưởng" }).click();
  const picker = page.locator(".round-picker select");
  await picker.waitFor();
  const options = await picker
    .locator("option")
    .evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? "" })));
  const round = options.find((o) => o.text.startsWith("Chấm điểm") && o.text.endsWith(`(${today.year})`));
  expect(round, `a scored round of ${today.year} among ${JSON.stringify(options.map((o) => o.text))}`).toBeTruthy();
  await picker.selectOption(round!.value);
  const summary = page.getByTestId("rank-summary");
  await summary.waitFor({ timeout: 60_000 });
  const text = (await summary.textContent())!.trim();
  const m = /^(\d+) đơn vị thay đổi thứ hạng$/.exec(text);
  expect(m, text).not.toBeNull();
  const changed = Number(m![1]);
  expect(changed).toBeGreaterThan(0);
  // The table: Đơn vị | Điểm hiện nay | Điểm theo bản nháp | Hạng hiện nay | Hạng theo bản nháp.
  const table = page.locator(".score-impact table");
  const headers = await table.locator("thead th").allTextContents();
  expect(headers.map((h) => h.trim())).toEqual([
    "Đơn vị",
    "Điểm hiện nay",
    "Điểm theo bản nháp",
    "Hạng hiện nay",
    "Hạng theo bản nháp",
  ]);
  const rows = await tableCells(table);
  expect(rows.length).toBeGreaterThan(changed);
  const moved = rows.filter((r) => leadingInt(r[3]!) !== null && leadingInt(r[3]!) !== leadingInt(r[4]!));
  expect(moved.length).toBe(changed);
  // The biggest moves first; scores as a civil servant reads them ("825,61").
  expect(leadingInt(rows[0]![3]!)).not.toBe(leadingInt(rows[0]![4]!));
  for (const r of rows.slice(0, 10)) {
    expect(r[1]).toMatch(/^(—|\d{1,3}(\.\d{3})*,\d{2})$/);
    expect(r[2]).toMatch(/^\d{1,3}(\.\d{3})*,\d{2}$/);
  }
  const impact = await api<{ impactPreview: { rankChanged: number; scored: boolean } }>(
    `query ($r: ID!, $v: ID!) { impactPreview(roundId: $r, versionId: $v) { rankChanged scored } }`,
    { r: round!.value, v: draftId },
  );
  expect(impact.impactPreview).toEqual({ rankChanged: changed, scored: true });
  await summary.evaluate((el) => {
    el.scrollIntoView({ block: "start" });
    window.scrollBy(0, -120);
  });
  await shot(page, "scored-admin-impact");

  // Published with its decision.
  const decision = "2412/QĐ-UBND";
  await page.getByTestId("publish-button").click();
  const dialog = page.getByTestId("publish-dialog");
  await dialog.getByLabel("Số quyết định ban hành").fill(decision);
  await dialog.getByLabel("Ngày quyết định (dd/mm/yyyy)").fill(today.typed);
  await dialog.getByRole("button", { name: "Công bố" }).click();
  await page.getByText("Đã công bố phiên bản").waitFor({ timeout: 30_000 });
  await page.getByRole("button", { name: "Tạo phiên bản mới" }).waitFor();
  await shot(page, "scored-admin-published");
  const after = await api<{
    criteriaSetVersion: { status: string; decisionNumber: string; decisionDate: string; document: unknown };
  }>(`query ($id: ID!) { criteriaSetVersion(id: $id) { status decisionNumber decisionDate document } }`, {
    id: draftId,
  });
  expect(after.criteriaSetVersion).toMatchObject({
    status: "PUBLISHED",
    decisionNumber: decision,
    decisionDate: today.iso,
  });
  const doc = parseCriteriaSet(after.criteriaSetVersion.document);
  const all = scoreComponents(doc.scoring!.groups).map((p) => p.component);
  for (const mv of MOVES) {
    expect(all.find((c) => c.code === mv.from)!.max).toBe(maxOf(mv.from) - mv.points);
    expect(all.find((c) => c.code === mv.to)!.max).toBe(maxOf(mv.to) + mv.points);
    expect(doc.scoring!.groups.find((g) => g.code === mv.group)!.max).toBe(
      before.scoring!.groups.find((g) => g.code === mv.group)!.max,
    );
  }
  await page.context().close();
}

interface RankingEntry {
  assessmentId: string;
  rank: number;
  unitName: string;
  scoreText: string;
}

type RankingGroups = { code: string | null; name: string; entries: RankingEntry[] }[];

async function publishedRanking(api: Api, roundId: string): Promise<RankingGroups> {
  const r = await api<{ node: { ranking: { groups: RankingGroups } } }>(
    `query ($id: ID!) { node(id: $id) { ... on Round { ranking(final: true) {
      groups { code name entries { assessmentId rank unitName scoreText } } } } } }`,
    { id: roundId },
  );
  return r.node.ranking.groups;
}

/** Runs one step of the review chain as `email` on the assessment's current version; returns the result's type. */
async function step(baseUrl: string, email: string, id: string, mutation: string, extra = ""): Promise<string> {
  const who = await apiAs(email, baseUrl);
  const { assessment } = await who<{ assessment: { version: number } }>(
    `query ($id: ID!) { assessment(id: $id) { version } }`,
    { id },
  );
  const r = await who<{ r: { __typename: string } }>(
    `mutation ($id: ID!, $v: Int!) { r: ${mutation}(assessmentId: $id, version: $v${extra}) { __typename } }`,
    { id, v: assessment.version },
  );
  return r.r.__typename;
}

/**
 * Xã Khánh Thiện enters exactly the values of a commune already recognised this year and goes through the
 * province's chain (submit, verify, appraise, UBND tỉnh recognises): two communes with one exact score, a tie
 * in the published ranking. Through the API, as the other tests' review steps are.
 */
async function recogniseKhanhThienAsTwinOf(
  baseUrl: string,
  year: number,
): Promise<{ roundId: string; twin: RankingEntry }> {
  const editor = await apiAs(COMMUNE_EDITOR, baseUrl);
  const r = await editor<{
    assessments: { edges: { node: { id: string; round: { id: string; judgedBy: string } } }[] };
  }>(
    `query ($y: Int) { assessments(unitCode: "${KHANH_THIEN}", year: $y, first: 10) { edges { node { id round { id judgedBy } } } } }`,
    { y: year },
  );
  const mine = r.assessments.edges.map((e) => e.node).find((n) => n.round.judgedBy !== "levels")!;
  const so = await apiAs(PROVINCE, baseUrl);
  const xa = (await publishedRanking(so, mine.round.id)).find((g) => g.code === "xa")!;
  expect(xa.entries.length).toBeGreaterThan(2);
  // One in the middle of the table: a rank after the tie shows the skipped rank.
  const twin = xa.entries[Math.floor(xa.entries.length / 2)]!;
  const twinValues = await so<{ assessment: { values: { criterionCode: string; effectiveValue: unknown }[] } }>(
    `query ($id: ID!) { assessment(id: $id) { values { criterionCode effectiveValue } } }`,
    { id: twin.assessmentId },
  );
  const values: Record<string, unknown> = {};
  const own = await readAssessment(editor, mine.id);
  for (const v of own.values) values[v.criterionCode] = null;
  for (const v of twinValues.assessment.values) values[v.criterionCode] = v.effectiveValue;
  const saved = await editor<{ r: { __typename: string } }>(
    `mutation ($id: ID!, $v: Int!, $values: JSON!) { r: saveIndicatorValues(assessmentId: $id, version: $v, values: $values) { __typename } }`,
    { id: mine.id, v: own.version, values },
  );
  expect(saved.r.__typename).toMatch(/Success$/);
  expect((await readAssessment(editor, mine.id)).score?.scoreText).toBe(twin.scoreText);
  expect(await step(baseUrl, COMMUNE_EDITOR, mine.id, "submitAssessment")).toMatch(/Success$/);
  expect(await step(baseUrl, PROVINCE, mine.id, "verifyAssessment")).toMatch(/Success$/);
  expect(await step(baseUrl, "thamdinh@ninhbinh.gov.vn", mine.id, "appraiseAssessment")).toMatch(/Success$/);
  const decision = `, decisionNumber: "2413/QĐ-UBND", decisionDate: "${todayVn().iso}"`;
  expect(await step(baseUrl, "lanhdao@ninhbinh.gov.vn", mine.id, "recogniseAssessment", decision)).toMatch(/Success$/);
  return { roundId: mine.round.id, twin };
}

export async function anyoneReadsTheRanking(browser: Browser, baseUrl: string): Promise<void> {
  const { year } = todayVn();
  const { roundId, twin } = await recogniseKhanhThienAsTwinOf(baseUrl, year);

  const page = await (await newContext(browser)).newPage();
  await page.goto(`${baseUrl}/rankings`);
  await page.getByRole("heading", { name: "Xếp hạng chuyển đổi số" }).waitFor();
  const years = page.locator("section", { has: page.locator(`#pr-year-${year}`) });
  const link = years.locator("a.pr-round", { hasText: "cấp xã tỉnh Ninh Bình" });
  await link.waitFor();
  await shot(page, "scored-public-rankings");
  await link.click();
  await page.waitForURL(/\/rankings\/.+/);
  expect(decodeURIComponent(new URL(page.url()).pathname.split("/rankings/")[1]!)).toBe(roundId);
  await page.getByText("Đơn vị bằng điểm cùng hạng; hạng sau bị bỏ qua (vd. 15, 15, 17).").waitFor();

  // The page shows the API's published ranking (criteria-core ranks on the exact score).
  const groups = await publishedRanking(await apiAs(PROVINCE, baseUrl), roundId);
  expect(groups.length).toBeGreaterThan(0);
  let ties = 0;
  for (const g of groups) {
    const section = page.locator(`section[aria-labelledby="pr-group-${g.code ?? "_all"}"]`);
    await section.locator("tbody tr").first().waitFor();
    const rows = await tableCells(section.locator("table"));
    expect(rows.map((x) => [leadingInt(x[0]!), x[1]])).toEqual(g.entries.map((e) => [e.rank, e.unitName]));
    for (let i = 0; i < g.entries.length; i++) {
      const e = g.entries[i]!;
      expect(rows[i]![2]).toBe(formatPoints(e.scoreText, "vi", true));
      if (i === 0) {
        expect(e.rank).toBe(1);
        continue;
      }
      const prev = g.entries[i - 1]!;
      expect(Number(e.scoreText)).toBeLessThanOrEqual(Number(prev.scoreText));
      // Ties share a rank and the next rank is skipped (15, 15, 17).
      if (e.rank === prev.rank) {
        ties++;
        expect(e.scoreText).toBe(prev.scoreText);
        expect(rows[i]![0]).toContain("đồng hạng");
        expect(rows[i - 1]![0]).toContain("đồng hạng");
      } else expect(e.rank).toBe(i + 1);
    }
  }
  // Xã Khánh Thiện shares its twin's rank; the next commune's rank skips one.
  const xa = groups.find((g) => g.code === "xa")!;
  const kt = xa.entries.find((e) => e.unitName === "Xã Khánh Thiện")!;
  expect(kt, "Xã Khánh Thiện in the published ranking").toBeTruthy();
  const tied = xa.entries.filter((e) => e.rank === kt.rank);
  expect(tied.map((e) => e.assessmentId).sort()).toEqual([kt.assessmentId, twin.assessmentId].sort());
  expect(kt.scoreText).toBe(twin.scoreText);
  // The twin sits mid-table, so a commune follows the tie.
  const next = xa.entries[xa.entries.indexOf(tied.at(-1)!) + 1];
  expect(next, "a commune ranked after the tie").toBeDefined();
  expect(next!.rank).toBe(kt.rank + 2);
  expect(ties).toBeGreaterThanOrEqual(1);
  const row = page.locator(`section[aria-labelledby="pr-group-xa"] tbody tr`, { hasText: "Xã Khánh Thiện" });
  await row.evaluate((el) => {
    el.scrollIntoView({ block: "center" });
  });
  await shot(page, "scored-public-ranking");
  await page.context().close();
}
