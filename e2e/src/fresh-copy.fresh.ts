/**
 * The platform runs from a copy of the repository with nothing beside it: the
 * repository's files (as git would clone them) are copied into an empty
 * temporary folder, installed from the lockfile and started with the README's
 * own `pnpm start`. It must seed itself (the administrative map included) and
 * serve the portal, the admin app and GraphQL. A file read from outside the
 * repository (a sibling folder of reference data, say) would make this start fail.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { apiAs, launch, newContext, PASSWORD, shot, signIn } from "./browser.ts";
import { meetLevel3, type Criterion } from "./form.ts";
import { anyoneReadsTheRanking, communeFillsTemplateIndex, provincePublishesChangedIndex } from "./scored-flows.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const pnpm = process.env.npm_execpath?.includes("pnpm") ? [process.execPath, process.env.npm_execpath] : ["pnpm"];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function run(cmd: string[], cwd: string): void {
  execFileSync(cmd[0]!, cmd.slice(1), {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "true" },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The repository's files as a clone would have them (tracked, plus new files git does not ignore), copied and committed afresh. */
function copyRepository(to: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repo,
    encoding: "utf8",
  }).split("\0");
  for (const f of files) {
    if (!f || !existsSync(path.join(repo, f))) continue;
    mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
    copyFileSync(path.join(repo, f), path.join(to, f));
  }
  // turbo hashes through git: the copy is a repository of its own, as a clone is.
  const git = ["-c", "user.name=fresh", "-c", "user.email=fresh@localhost", "-c", "commit.gpgsign=false"];
  run(["git", "init", "-q"], to);
  run(["git", ...git, "add", "-A"], to);
  run(["git", ...git, "commit", "-q", "-m", "copy"], to);
}

/** This process's environment less anything that points the platform elsewhere: the copy runs on its embedded defaults. */
function embeddedDefaults(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const k of ["DATABASE_URL", "TEST_DATABASE_URL", "CDS_TEST_POSTGRES_URL", "DATA_DIR", "NODE_ENV"]) delete env[k];
  return env;
}

/** The API server's pid, from the lock it holds on its embedded data directory (apps/api/.data by default). */
function serverPid(): number | null {
  const lock = path.join(folder, "platform", "apps", "api", ".data", "cds.lock");
  return existsSync(lock) ? Number.parseInt(readFileSync(lock, "utf8"), 10) || null : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(done: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 200)))
    if (done()) return true;
  return done();
}

let folder: string;
let server: ChildProcess | undefined;
let baseUrl: string;
let output = "";

async function waitUntilServing(url: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`pnpm start exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`pnpm start did not serve ${url} within ${ms / 1000} s:\n${output.slice(-4000)}`);
}

describe("a copy of the repository with nothing beside it", () => {
  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), "cds-fresh-"));
    const copy = path.join(folder, "platform");
    copyRepository(copy);
    expect(readdirSync(folder)).toEqual(["platform"]);
    run([...pnpm, "install", "--offline", "--frozen-lockfile", "--reporter=append-only"], copy);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(pnpm[0]!, [...pnpm.slice(1), "start"], {
      cwd: copy,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: embeddedDefaults({ PORT: String(port), HOST: "127.0.0.1" }),
    });
    server.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    server.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    await waitUntilServing(`${baseUrl}/admin/`, server, 540_000);
  }, 600_000);

  afterAll(async () => {
    // turbo runs the API in a process group of its own: stop the server by the pid in its data-directory
    // lock, then whatever is left of pnpm and turbo.
    const pid = serverPid();
    if (pid && alive(pid)) {
      process.kill(pid, "SIGKILL");
      await until(() => !alive(pid), 5_000);
    }
    if (server?.pid && server.exitCode === null) {
      try {
        process.kill(-server.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    if (folder) rmSync(folder, { recursive: true, force: true });
  }, 30_000);

  it("serves the portal", async () => {
    const r = await fetch(`${baseUrl}/`);
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).not.toContain("/admin/assets/");
  });

  it("serves the admin app", async () => {
    const r = await fetch(`${baseUrl}/admin/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain("/admin/assets/");
  });

  it("answers GraphQL from the seeded database: the map of 01/03/2025 and the national sets", async () => {
    const r = await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: '{ nationalSummary(unitKind: "commune", year: 2025) { tenantId } criteriaSets { code } }',
      }),
    });
    expect(r.status).toBe(200);
    const body = (await r.json()) as {
      data?: { nationalSummary: unknown[]; criteriaSets: { code: string }[] };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data!.nationalSummary).toHaveLength(63);
    expect(body.data!.criteriaSets.map((s) => s.code)).toEqual(
      expect.arrayContaining(["vn-2361-commune", "vn-2361-district"]),
    );
  });

  it("seeds the demo on today's map: this year's round on the two-tier map, last year's on the three-tier map", async () => {
    const year = Number(
      new Intl.DateTimeFormat("en", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date()),
    );
    const body = (await (
      await fetch(`${baseUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `query ($y: Int!) { now: nationalSummary(unitKind: "commune", year: $y) { tenantId mapId }
            rounds(tenant: "ninh-binh") { year unitKind map { id } reviewChain { recognise { roles } } } }`,
          variables: { y: year },
        }),
      })
    ).json()) as {
      data: {
        now: { tenantId: string; mapId: string }[];
        rounds: {
          year: number;
          unitKind: string;
          map: { id: string };
          reviewChain: { recognise: { roles: string[] } };
        }[];
      };
    };
    expect(body.data.now).toHaveLength(34);
    expect(body.data.rounds.map((r) => [r.year, r.unitKind, r.map.id])).toEqual(
      expect.arrayContaining([
        [year, "commune", "2025-07"],
        [year - 1, "commune", "2025-03"],
        [year - 1, "district", "2025-03"],
      ]),
    );
    expect(body.data.rounds.find((r) => r.year === year)!.reviewChain.recognise.roles).toEqual(["PROVINCE_LEADER"]);
  });

  describe("in the browser, on today's map", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("the public page of the new Xã Khánh Thiện shows its predecessors and the declared baseline", async () => {
      const page = await (await newContext(browser)).newPage();
      await page.goto(`${baseUrl}/units/14563`);
      await page.getByText("Hình thành từ (sáp nhập 01/07/2025)").waitFor();
      for (const name of ["Xã Khánh Thiện", "Xã Khánh Lợi", "Xã Khánh Cường"])
        await page.getByText(name).first().waitFor();
      await page.getByTestId("lineage-baseline").waitFor();
      expect(await page.getByTestId("lineage-baseline").textContent()).toContain("thấp nhất");
      await shot(page, "today-public-predecessors");
    });

    it("the new Xã Khánh Thiện self-assesses in the portal and submits; the province's chain takes it to recognition", async () => {
      const editor = "xa.khanhthien@ninhbinh.gov.vn";
      const api = await apiAs(editor, baseUrl);
      const found = await api<{
        assessments: {
          edges: {
            node: {
              id: string;
              status: string;
              unit: { map: { id: string } };
              setVersion: { document: { criteria: Criterion[] } };
            };
          }[];
        };
      }>(
        `{ assessments(unitCode: "14563", first: 5) { edges { node { id status unit { map { id } } setVersion { document } } } } }`,
      );
      const a = found.assessments.edges.map((e) => e.node).find((n) => n.unit.map.id === "2025-07")!;
      expect(a.status).toBe("DRAFT");
      const page = await (await newContext(browser)).newPage();
      await signIn(page, `${baseUrl}/my`, editor);
      await page.goto(`${baseUrl}/assessments/${a.id}`);
      // The workspace names where the commune came from.
      await page.getByText("Hình thành từ (sáp nhập 01/07/2025)").waitFor();
      await page.getByLabel("Mức đăng ký").selectOption("3");
      await page.getByRole("button", { name: "Đăng ký mức" }).click();
      await page.getByText("Mức đã đăng ký:").waitFor();
      for (const c of a.setVersion.document.criteria) await meetLevel3(page, c);
      await page.locator('[data-testid="server-level"][data-level="3"]').waitFor({ timeout: 30_000 });
      await shot(page, "today-portal-level3");
      await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
      await page
        .getByRole("alertdialog", { name: "Xác nhận nộp hồ sơ" })
        .getByRole("button", { name: "Nộp hồ sơ", exact: true })
        .click();
      await page.getByText("Đã nộp").first().waitFor();

      // The Sở verifies, the provincial council appraises, UBND tỉnh recognises (the district officer has no part).
      const step = async (email: string, mutation: string, extra = "") => {
        const who = await apiAs(email, baseUrl);
        const { assessment } = await who<{ assessment: { version: number } }>(
          `query ($id: ID!) { assessment(id: $id) { version } }`,
          { id: a.id },
        );
        const r = await who<{ r: { __typename: string } }>(
          `mutation ($id: ID!, $v: Int!) { r: ${mutation}(assessmentId: $id, version: $v${extra}) { __typename } }`,
          { id: a.id, v: assessment.version },
        );
        return r.r.__typename;
      };
      expect(await step("so@ninhbinh.gov.vn", "verifyAssessment")).toMatch(/Success$/);
      expect(await step("thamdinh@ninhbinh.gov.vn", "appraiseAssessment")).toMatch(/Success$/);
      const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
      const decision = `, decisionNumber: "1521/QĐ-UBND", decisionDate: "${day}"`;
      expect(await step("so@ninhbinh.gov.vn", "recogniseAssessment", decision)).toBe("ForbiddenError");
      expect(await step("lanhdao@ninhbinh.gov.vn", "recogniseAssessment", decision)).toMatch(/Success$/);

      const anon = await (await newContext(browser)).newPage();
      await anon.goto(`${baseUrl}/units/14563`);
      await anon.getByText("1521/QĐ-UBND").first().waitFor();
      await shot(anon, "today-public-recognised");
    });

    it("UBND tỉnh recognises an appraised new commune (Lãnh đạo UBND tỉnh signs in to the admin app)", async () => {
      const page = await (await newContext(browser)).newPage();
      await page.goto(`${baseUrl}/admin/`);
      await page.getByLabel("Email").fill("lanhdao@ninhbinh.gov.vn");
      await page.getByLabel("Mật khẩu").fill(PASSWORD);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
      const found = await page.evaluate(async () => {
        const r = await fetch("/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            query: `{ assessments(unitCode: "14614", status: [APPRAISED], first: 5) { edges { node { id unit { name map { id } } } } } }`,
          }),
        });
        return (
          (await r.json()) as {
            data: { assessments: { edges: { node: { id: string; unit: { name: string; map: { id: string } } } }[] } };
          }
        ).data.assessments.edges;
      });
      const target = found.find((e) => e.node.unit.map.id === "2025-07")!.node;
      expect(target.unit.name).toBe("Xã Khánh Hội");
      await page.goto(`${baseUrl}/admin/assessments/${target.id}`);
      await page.locator('[data-testid="review-status"][data-status="APPRAISED"]').waitFor();
      await shot(page, "today-leader-appraised");
      const form = page.getByRole("form", { name: "Công nhận mức độ" });
      const d = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
      await form.getByLabel("Ngày quyết định").fill(d);
      await form.getByLabel("Số quyết định").fill("1520/QĐ-UBND");
      await form.getByRole("button", { name: "Công nhận" }).click();
      await page.locator('[data-testid="review-status"][data-status="RECOGNISED"]').waitFor();
      await shot(page, "today-leader-recognised");
    });

    // Issue 10, scored indices (Bộ chỉ số): Ninh Bình's commune index cloned from the template mau-dti-xa.
    it(
      "a commune fills the template index and watches its score",
      () => communeFillsTemplateIndex(browser, baseUrl),
      180_000,
    );

    it(
      "the province publishes a changed index and sees rank changes in the preview",
      () => provincePublishesChangedIndex(browser, baseUrl),
      180_000,
    );

    it(
      "anyone reads the published ranking of this year's commune index: ranks shown, ties share a rank",
      () => anyoneReadsTheRanking(browser, baseUrl),
      120_000,
    );
  });

  it("holds its data directory and stops cleanly on SIGTERM (production server)", async () => {
    const pid = serverPid();
    expect(pid, "apps/api/.data/cds.lock names the server").not.toBeNull();
    expect(alive(pid!)).toBe(true);
    process.kill(pid!, "SIGTERM");
    expect(await until(() => !alive(pid!), 20_000), "the server exits within 20 s of SIGTERM").toBe(true);
    expect(existsSync(path.join(folder, "platform", "apps", "api", ".data", "cds.lock")), "the lock is released").toBe(
      false,
    );
  }, 30_000);
});
