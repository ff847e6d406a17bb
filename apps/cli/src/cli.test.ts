// Runs the real `cds` command in a child process, as a user would, on both national sets.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "cds-cli-"));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cds(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", require.resolve("tsx"), main, ...args],
      { cwd: dir, env: { ...process.env, INIT_CWD: dir } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function file(name: string, content: unknown): string {
  writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  return name;
}

interface ExportedSet {
  id: string;
  criteria: { code: string; measure: string; targets: unknown[] }[];
}

describe("cds export", () => {
  it.each([
    ["vn-2361-commune", 38],
    ["vn-2361-district", 33],
  ])("prints %s as JSON with %i criteria", async (id, n) => {
    const r = await cds("export", id);
    expect(r.code).toBe(0);
    const set = JSON.parse(r.stdout) as ExportedSet;
    expect(set.id).toBe(id);
    expect(set.criteria).toHaveLength(n);
  });

  it("exits 2 naming the unknown id", async () => {
    const r = await cds("export", "vn-9999");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"vn-9999"');
  });
});

describe("cds validate", () => {
  it("accepts an exported national set", async () => {
    const exported = await cds("export", "vn-2361-district");
    const r = await cds("validate", file("district.json", exported.stdout));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("33 tiêu chí");
  });

  it("exits 1 listing each error with its JSON path", async () => {
    const set = JSON.parse((await cds("export", "vn-2361-commune")).stdout) as ExportedSet;
    set.criteria[1]!.code = "CQS-01"; // duplicate
    set.criteria[2]!.targets[3] = 50; // CQS-03: 80% at level 3, 50% at level 4 — falls
    const r = await cds("validate", file("bad.json", set));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("/criteria/1/code");
    expect(r.stderr).toContain("duplicate_criterion_code");
    expect(r.stderr).toContain("/criteria/2/targets/3");
    expect(r.stderr).toContain("target_falls");
  });

  it("reports a shape error at its path, naming the criterion", async () => {
    const set = JSON.parse((await cds("export", "vn-2361-commune")).stdout) as ExportedSet;
    set.criteria[0]!.targets[0] = 150;
    const r = await cds("validate", file("shape.json", set));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\/criteria\/0\/targets\/0: CQS-01: /);
  });

  it("exits 2 on a file that is not JSON", async () => {
    const r = await cds("validate", file("broken.json", "{ not json"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("không phải JSON hợp lệ");
  });
});

describe("cds evaluate", () => {
  it("prints level, levels and criteria for a district", async () => {
    const values = {
      "CHUNG-01": { childLevels: [1, 1, 2, 2] },
      "CQS-01": { numerator: 35, denominator: 50 },
      "CQS-02": 20,
      "CQS-03": { numerator: 75, denominator: 100 },
      "CQS-06": { numerator: 1, denominator: 2 },
      "CQS-08": { numerator: 1, denominator: 2 },
      "CQS-09": { numerator: 1, denominator: 2 },
      "CQS-10": { numerator: 1, denominator: 10 },
      "CQS-11": { numerator: 1, denominator: 5 },
      "CQS-12": true,
      "CQS-18": true,
      "KTS-01": 30,
      "KTS-02": 20,
      "KTS-03": 10,
      "KTS-05": { numerator: 0, denominator: 0 },
      "XHS-01": 70,
      "XHS-02": 10,
    };
    const r = await cds("evaluate", "vn-2361-district", file("d-values.json", values));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      level: number;
      levelName: string;
      levels: { level: number; met: boolean; failing: string[]; missing: string[] }[];
      criteria: { code: string; results: string[] }[];
    };
    expect(out.level).toBe(1);
    expect(out.levelName).toBe("Khởi động");
    expect(out.levels[0]).toMatchObject({ level: 1, met: true, failing: [], missing: [] });
    expect(out.levels[1]!.met).toBe(false);
    expect(out.criteria.find((c) => c.code === "KTS-05")!.results).toEqual(["exempt", "exempt", "exempt", "exempt", "exempt"]);
    expect(out.criteria.find((c) => c.code === "CQS-04")!.results).toEqual(["na", "na", "na", "missing", "missing"]);
    expect(out.criteria.find((c) => c.code === "CHUNG-01")!.results).toEqual(["pass", "pass", "fail", "fail", "fail"]);
  });

  it("exits 2 naming the criterion and field of every bad value", async () => {
    const r = await cds(
      "evaluate",
      "vn-2361-commune",
      file("bad-values.json", { "CQS-01": { numerator: 60, denominator: 50 }, "CQS-02": -1, "ZZZ-01": true }),
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("CQS-01.numerator");
    expect(r.stderr).toContain("CQS-02");
    expect(r.stderr).toContain("ZZZ-01");
  });

  it("accepts a set given as a file", async () => {
    const exported = await cds("export", "vn-2361-commune");
    const r = await cds("evaluate", file("commune.json", exported.stdout), file("empty.json", {}));
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { level: number }).level).toBe(0);
  });
});

describe("cds diff", () => {
  it("marks a raised target stricter and a local criterion added", async () => {
    const set = JSON.parse((await cds("export", "vn-2361-commune")).stdout) as ExportedSet & Record<string, unknown>;
    set.id = "ninh-binh-commune";
    set.basedOn = { id: "vn-2361-commune", version: "1.0" };
    set.criteria[1]!.targets[2] = 55; // CQS-02 level 3: 50% → 55%
    set.criteria.push({ ...set.criteria[0]!, code: "CQS-25", local: true } as ExportedSet["criteria"][number]);
    const r = await cds("diff", "vn-2361-commune", file("nb.json", set), "--json");
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as {
      added: { code: string; local: boolean }[];
      changed: { code: string; targets: { level: number; change: string; from: string; to: string }[] }[];
    };
    expect(d.added).toEqual([expect.objectContaining({ code: "CQS-25", local: true })]);
    expect(d.changed).toEqual([
      expect.objectContaining({ code: "CQS-02", targets: [{ level: 3, change: "stricter", from: "≥ 50%", to: "≥ 55%" }] }),
    ]);
    const text = await cds("diff", "vn-2361-commune", "nb.json");
    expect(text.stdout).toContain("mức 3: ≥ 50% → ≥ 55% (chặt hơn)");
  });

  it("exits 2 when an argument is missing", async () => {
    const r = await cds("diff", "vn-2361-commune");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cds diff <a> <b>");
  });
});
