// Runs the real `cds` command in a child process, as a user would, on both national sets.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { CAN_THO_2022 } from "@cds/criteria-schema/fixtures/documents.ts";

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

/** A built-in set as `cds export` prints it, parsed (to change and give back as a file). */
async function exported<T = ExportedSet>(id: string): Promise<T> {
  return JSON.parse((await cds("export", id)).stdout) as T;
}

/** A run that failed with `code`, printing nothing on stdout and naming each of `expected` on stderr. */
function expectFailure(r: Run, code: number, ...expected: string[]): void {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe("");
  for (const e of expected) expect(r.stderr).toContain(e);
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
    const set = await exported("vn-2361-commune");
    set.criteria[1]!.code = "CQS-01"; // duplicate
    set.criteria[2]!.targets[3] = 50; // CQS-03: 80% at level 3, 50% at level 4 — falls
    const r = await cds("validate", file("bad.json", set));
    expectFailure(r, 1, "/criteria/1/code", "duplicate_criterion_code", "/criteria/2/targets/3", "target_falls");
  });

  it("reports a shape error at its path, naming the criterion", async () => {
    const set = await exported("vn-2361-commune");
    set.criteria[0]!.targets[0] = 150;
    const r = await cds("validate", file("shape.json", set));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\/criteria\/0\/targets\/0: CQS-01: /);
  });

  it("exits 2 on a file that is not JSON", async () => {
    expectFailure(await cds("validate", file("broken.json", "{ not json")), 2, "không phải JSON hợp lệ");
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
    expect(out.criteria.find((c) => c.code === "KTS-05")!.results).toEqual([
      "exempt",
      "exempt",
      "exempt",
      "exempt",
      "exempt",
    ]);
    expect(out.criteria.find((c) => c.code === "CQS-04")!.results).toEqual(["na", "na", "na", "missing", "missing"]);
    expect(out.criteria.find((c) => c.code === "CHUNG-01")!.results).toEqual(["pass", "pass", "fail", "fail", "fail"]);
  });

  it("exits 2 naming the criterion and field of every bad value", async () => {
    const r = await cds(
      "evaluate",
      "vn-2361-commune",
      file("bad-values.json", { "CQS-01": { numerator: 60, denominator: 50 }, "CQS-02": -1, "ZZZ-01": true }),
    );
    expectFailure(r, 2, "CQS-01.numerator", "CQS-02", "ZZZ-01");
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
    const set = await exported<ExportedSet & Record<string, unknown>>("vn-2361-commune");
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
      expect.objectContaining({
        code: "CQS-02",
        targets: [{ level: 3, change: "stricter", from: "≥ 50%", to: "≥ 55%" }],
      }),
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

// ---------------------------------------------------------------------------
// Scored indices (Bộ chỉ số)
// ---------------------------------------------------------------------------

interface ScoreOut {
  score: number;
  scoreText: string;
  maxScore: number;
  exact: { numerator: string; denominator: string };
  groups: { code: string; points: number; max: number; index: number | null }[];
  components: { code: string; points: number; pointsText: string; max: number; status: string }[];
  missing: string[];
}

describe("cds on scored indices", () => {
  it("exports the built-in indices next to the level frameworks", async () => {
    const help = await cds("help");
    expect(help.stdout).toContain("vn-2361-commune, vn-2361-district, vn-dti-province-2022, mau-dti-xa");
    const r = await cds("export", "mau-dti-xa");
    expect(r.code).toBe(0);
    const set = JSON.parse(r.stdout) as {
      title: string;
      judgedBy: string;
      scoring: { groups: { components: unknown[] }[] };
    };
    expect(set.judgedBy).toBe("points");
    expect(set.title).toContain("Mẫu");
    expect(set.scoring.groups.flatMap((g) => g.components)).toHaveLength(47);
    const v = await cds("validate", file("mau.json", r.stdout));
    expect(v.code).toBe(0);
    expect(v.stdout).toContain("47 chỉ số thành phần, tổng 1.000 điểm");
  });

  it("evaluate --json: Cần Thơ 2022 scores exactly 0.692395, printed 0.6924, with groups and components", async () => {
    const r = await cds("evaluate", "vn-dti-province-2022", file("can-tho.json", CAN_THO_2022), "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as ScoreOut;
    expect(s.score).toBe(0.6924);
    expect(s.scoreText).toBe("0.6924");
    expect(s.maxScore).toBe(1);
    expect(BigInt(s.exact.numerator) * 1_000_000n).toBe(692_395n * BigInt(s.exact.denominator));
    expect(s.groups).toHaveLength(9);
    expect(s.groups[6]).toMatchObject({ code: "CQS", points: 0.7325, max: 1, index: 0.7325 });
    expect(s.components.find((c) => c.code === "XHS")).toMatchObject({
      points: 0.2947,
      pointsText: "0.2947",
      max: 1,
      status: "scored",
    });
    expect(s.missing).toEqual(["DTTM"]);
  });

  it("evaluate without --json prints a readable Vietnamese score sheet", async () => {
    const r = await cds("evaluate", "vn-dti-province-2022", "can-tho.json");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Điểm: 0,6924 / 1");
    expect(r.stdout).toMatch(/CQS\s+Hoạt động chính quyền số\s+0,7325 \/ 1\s+chỉ số 0,7325\s+trọng số 200/);
    expect(r.stdout).toContain("Chưa nhập số liệu (1, tính 0 điểm): DTTM");
  });

  it("evaluate exits 2 naming the component and field of every bad value", async () => {
    const r = await cds(
      "evaluate",
      "mau-dti-xa",
      file("bad-xa.json", { "CQ-01": { numerator: 5, denominator: 4 }, "NT-01": { points: 7 }, "XX-01": true }),
      "--json",
    );
    expectFailure(r, 2, "CQ-01.numerator", "NT-01.points", "XX-01");
  });

  it("rank --json: best first, ties share a rank and the next is skipped", async () => {
    const v = (x: number) => Object.fromEntries(Object.keys(CAN_THO_2022).map((k) => [k, x]));
    const units = {
      "Tỉnh Huế": v(0.6),
      "Tỉnh Cà Mau": v(0.6),
      "Thành phố Cần Thơ": CAN_THO_2022,
      "Tỉnh Điện Biên": v(0.4),
    };
    const r = await cds("rank", "vn-dti-province-2022", file("units.json", units), "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { unit: string; score: number; scoreText: string; rank: number }[];
    expect(rows.map((x) => [x.unit, x.score, x.rank])).toEqual([
      ["Thành phố Cần Thơ", 0.6924, 1],
      ["Tỉnh Cà Mau", 0.6, 2],
      ["Tỉnh Huế", 0.6, 2],
      ["Tỉnh Điện Biên", 0.4, 4],
    ]);
    const text = await cds("rank", "vn-dti-province-2022", "units.json");
    expect(text.stdout).toMatch(
      /1\s+0,6924\s+Thành phố Cần Thơ\n\s+2\s+0,6000\s+Tỉnh Cà Mau\n\s+2\s+0,6000\s+Tỉnh Huế/,
    );
  });

  it("rank puts units in the set's ranking groups when their kind and type are given", async () => {
    const units = {
      "Phường Ba Đình": { values: { "CQ-04": true }, unitType: "Phường" },
      "Xã Sóc Sơn": { values: { "CQ-04": false }, unitType: "Xã" },
      "Phường Hoàn Kiếm": { values: { "CQ-04": true, "CQ-05": true }, unitType: "Phường" },
    };
    const r = await cds("rank", "mau-dti-xa", file("xa.json", units), "--json");
    expect(r.code).toBe(0);
    expect(
      (JSON.parse(r.stdout) as { unit: string; group: string; rank: number }[]).map((x) => [x.group, x.rank, x.unit]),
    ).toEqual([
      ["xa", 1, "Xã Sóc Sơn"],
      ["phuong", 1, "Phường Hoàn Kiếm"],
      ["phuong", 2, "Phường Ba Đình"],
    ]);
  });

  it("rank exits 2 on a levels set, on a file that is not an object, and names the unit of a bad value", async () => {
    expect((await cds("rank", "vn-2361-commune", "units.json")).code).toBe(2);
    expect((await cds("rank", "mau-dti-xa", file("list.json", [1, 2]))).code).toBe(2);
    const r = await cds("rank", "mau-dti-xa", file("bad-units.json", { "Xã A": { "CQ-04": "có" } }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Xã A: CQ-04");
  });

  it("validate exits 1 naming each scoring problem by its path", async () => {
    const set = await exported<{
      scoring: { groups: { max: number; components: { max: number; rule: { bands?: { points: number }[] } }[] }[] };
    }>("mau-dti-xa");
    set.scoring.groups[0]!.max = 90; // components add up to 80
    set.scoring.groups[2]!.components[0]!.rule.bands![0]!.points = 30; // HT-01: band above its maximum 24
    const r = await cds("validate", file("bad-mau.json", set));
    expectFailure(
      r,
      1,
      "/scoring/groups/0/max",
      "max_sum_mismatch",
      "/scoring/groups/2/components/0/rule/bands/0/points",
      "band_above_max",
    );
  });

  it("gaps on a scored set: points missing and what earns the next band", async () => {
    const r = await cds("gaps", "mau-dti-xa", file("gap.json", { "XH-02": { numerator: 45, denominator: 100 } }));
    expect(r.code).toBe(0);
    const g = (JSON.parse(r.stdout) as { code: string; message: string }[]).find((x) => x.code === "XH-02")!;
    expect(g.message).toBe("XH-02: 10/20 điểm; đạt ≥ 60% (cần thêm 15 người dân) để được 20");
  });

  it("diff of two scored sets: points moved, bands stricter, weights changed", async () => {
    const set = await exported<{ id: string; scoring: { groups: { weight: number }[] } }>("vn-dti-province-2022");
    set.id = "dti-thu";
    set.scoring.groups[5]!.weight = 50;
    set.scoring.groups[6]!.weight = 150;
    const r = await cds("diff", "vn-dti-province-2022", file("dti2.json", set));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("trọng số đổi 2");
    expect(r.stdout).toContain("~ nhóm CQS Hoạt động chính quyền số: trọng số 200 → 150");
  });
});

describe("cds template and evaluate from Excel", () => {
  /** Opens a template the CLI wrote, types into row 4 by column header like a user, saves it under a new name. */
  async function fill(
    from: string,
    to: string,
    cells: Record<string, Record<string, ExcelJS.CellValue>>,
  ): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, from)) as never);
    const ws = wb.getWorksheet("Số liệu")!;
    for (const [code, fields] of Object.entries(cells)) {
      for (const [label, v] of Object.entries(fields)) {
        let c = 1;
        while (
          c <= ws.columnCount &&
          !(String(ws.getCell(1, c).value).startsWith(`${code} `) && ws.getCell(2, c).value === label)
        )
          c++;
        ws.getCell(4, c).value = v;
      }
    }
    writeFileSync(join(dir, to), new Uint8Array(await wb.xlsx.writeBuffer()));
    return to;
  }

  it("writes a one-unit template; the empty template evaluates like {}", async () => {
    const t = await cds("template", "vn-2361-commune", "--xlsx", "commune.xlsx");
    expect(t.code).toBe(0);
    expect(t.stdout).toContain("vn-2361-commune 1.0");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, "commune.xlsx")) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Số liệu", "Hướng dẫn", "_cds"]);
    const fromXlsx = await cds("evaluate", "vn-2361-commune", "commune.xlsx");
    const fromJson = await cds("evaluate", "vn-2361-commune", file("empty.json", {}));
    expect(fromXlsx.code).toBe(0);
    expect(fromXlsx.stdout).toBe(fromJson.stdout);
  });

  it("evaluates a filled template exactly as the same values in JSON", async () => {
    await cds("template", "vn-2361-commune", "--xlsx", "commune.xlsx");
    const filled = await fill("commune.xlsx", "filled.xlsx", {
      "CQS-01": { "Tử số": 30, "Mẫu số": 50 },
      "CQS-02": { "Hoặc tỷ lệ (%)": "85,5" },
      "CQS-07": { "Số lượng": 1 },
      "CQS-14": { "Có/Không": "Có" },
      "XHS-07": { "Tử số": 9, "Mẫu số": "10" },
    });
    const json = file("filled.json", {
      "CQS-01": { numerator: 30, denominator: 50 },
      "CQS-02": 85.5,
      "CQS-07": { count: 1 },
      "CQS-14": true,
      "XHS-07": { numerator: 9, denominator: 10 },
    });
    const a = await cds("evaluate", "vn-2361-commune", filled);
    const b = await cds("evaluate", "vn-2361-commune", json);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect((JSON.parse(a.stdout) as { criteria: { code: string; results: string[] }[] }).criteria[1]!.results).toEqual([
      "pass",
      "pass",
      "pass",
      "pass",
      "fail",
    ]);
  });

  it("exits 2 listing each bad cell with its sheet, row, column and criterion", async () => {
    await cds("template", "vn-2361-commune", "--xlsx", "commune.xlsx");
    const bad = await fill("commune.xlsx", "bad.xlsx", {
      "CQS-01": { "Tử số": 60, "Mẫu số": 50 },
      "CQS-04": { "Có/Không": "Coo" },
      "CQS-07": { "Số lượng": -1 },
    });
    const r = await cds("evaluate", "vn-2361-commune", bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("(3 lỗi)");
    expect(r.stderr).toContain('Trang "Số liệu", dòng 4, cột C (CQS-01 — Tử số): tử số lớn hơn mẫu số');
    expect(r.stderr).toMatch(/dòng 4, cột [A-Z]+ \(CQS-04 — Có\/Không\): "Coo" không hợp lệ/);
    expect(r.stderr).toMatch(/dòng 4, cột [A-Z]+ \(CQS-07 — Số lượng\): không được âm/);
  });

  it("exits 2 on a template of another set, and on a missing --xlsx", async () => {
    await cds("template", "vn-2361-district", "--xlsx", "district.xlsx");
    const r = await cds("evaluate", "vn-2361-commune", "district.xlsx");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "mẫu được tạo cho bộ vn-2361-district phiên bản 1.0, không phải bộ vn-2361-commune phiên bản 1.0",
    );
    const u = await cds("template", "vn-2361-commune");
    expect(u.code).toBe(2);
    expect(u.stderr).toContain("--xlsx");
  });
});

describe("cds units", () => {
  it("counts the two-tier map's units on a day after 01/07/2025, as JSON", async () => {
    const r = await cds("units", "--at", "2026-01-01", "--stats", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      map: { id: string; validFrom: string | null };
      counts: Record<string, number>;
      lineage: { commune: Record<string, number>; province: Record<string, number> };
      unresolved: { predecessorsNotCommunes: { oldCode: string }[]; communesWithoutSuccessor: string[] };
    };
    expect(out.map).toMatchObject({ id: "2025-07", validFrom: "2025-07-01" });
    expect(out.counts).toEqual({ province: 34, commune: 3_321 });
    expect(out.lineage).toEqual({ province: { FULL: 63, PARTIAL: 0 }, commune: { FULL: 9_592, PARTIAL: 1_012 } });
    expect(out.unresolved.predecessorsNotCommunes.map((p) => p.oldCode)).toEqual(["318", "471", "498", "536", "755"]);
    expect(out.unresolved.communesWithoutSuccessor).toEqual([]);
  });

  it("counts the three-tier map on its last day, in Vietnamese", async () => {
    const r = await cds("units", "--at", "2025-06-30", "--stats");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Bản đồ hành chính 3 cấp");
    expect(r.stdout).toMatch(/Cấp tỉnh:\s+63\n/);
    expect(r.stdout).toMatch(/Cấp huyện:\s+696\n/);
    expect(r.stdout).toMatch(/Cấp xã:\s+10\.047\n/);
    expect(r.stdout).toContain("318 Huyện Bạch Long Vĩ");
  });

  it("refuses a day that does not exist, and a missing --stats, naming them", async () => {
    expectFailure(await cds("units", "--at", "2025-02-30", "--stats"), 2, "--at", "yyyy-mm-dd");
    expectFailure(await cds("units", "--at", "2025-06-30"), 2, "--stats");
  });
});
