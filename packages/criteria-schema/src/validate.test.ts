import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  BUILT_IN_SETS,
  InvalidCriteriaSetError,
  NATIONAL_UNIT_KINDS,
  parseCriteriaSet,
  validateCriteriaSet,
  type SetIssue,
} from "./index.ts";

const fixturesDir = new URL("./__fixtures__/", import.meta.url);
const fixtures = readdirSync(fixturesDir).filter((f) => f.endsWith(".json"));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- documents are mutated freely to break them
type Doc = any;

function national(id = "vn-2361-commune"): Doc {
  return structuredClone(BUILT_IN_SETS[id]);
}

function issuesOf(doc: unknown, ctx = {}): SetIssue[] {
  const r = validateCriteriaSet(doc, ctx);
  return r.ok ? [] : r.issues;
}

describe("fixtures every schema version must parse", () => {
  it("has fixtures", () => expect(fixtures.length).toBeGreaterThanOrEqual(2));
  it.each(fixtures)("%s is valid", (f) => {
    const doc = JSON.parse(readFileSync(new URL(f, fixturesDir), "utf8")) as unknown;
    expect(issuesOf(doc, { unitKinds: NATIONAL_UNIT_KINDS })).toEqual([]);
  });
});

describe("national sets", () => {
  it.each(Object.keys(BUILT_IN_SETS))("%s is valid against the national unit kinds", (id) => {
    expect(issuesOf(national(id), { unitKinds: NATIONAL_UNIT_KINDS })).toEqual([]);
  });
});

describe("shape errors carry their JSON path", () => {
  it("a percentage over 100 at /criteria/0/targets/0", () => {
    const doc = national();
    doc.criteria[0].targets[0] = 101;
    const issues = issuesOf(doc);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "shape",
      pointer: "/criteria/0/targets/0",
      path: ["criteria", 0, "targets", 0],
    });
    expect(issues[0]!.message).toMatch(/^CQS-01: .*100/);
    expect(issues[0]!.messageEn).toMatch(/^CQS-01: /);
  });

  it("a negative count", () => {
    const doc = national();
    const i = doc.criteria.findIndex((c: Doc) => c.code === "CQS-07");
    doc.criteria[i].targets[0] = -1;
    expect(issuesOf(doc).map((x) => x.pointer)).toEqual([`/criteria/${i}/targets/0`]);
  });

  it("an unknown field (documents are strict)", () => {
    const doc = national();
    doc.criteria[2].weight = 3;
    expect(issuesOf(doc).map((x) => x.pointer)).toEqual(["/criteria/2"]);
  });

  it("a wrong schemaVersion and a bad id", () => {
    const doc = national();
    doc.schemaVersion = 2;
    doc.id = "Bộ tiêu chí";
    expect(
      issuesOf(doc)
        .map((x) => x.pointer)
        .sort(),
    ).toEqual(["/id", "/schemaVersion"]);
  });

  it("an impossible decision date", () => {
    const doc = national();
    doc.issuer.decisionDate = "2024-02-30";
    expect(issuesOf(doc).map((x) => x.pointer)).toEqual(["/issuer/decisionDate"]);
  });

  it("never throws on any input", () => {
    for (const input of [null, 1, "x", [], {}, { criteria: "no" }, { criteria: [null] }]) {
      const r = validateCriteriaSet(input);
      expect(r.ok).toBe(false);
    }
  });
});

describe("semantic rules", () => {
  it("criterion codes are unique", () => {
    const doc = national();
    doc.criteria[5].code = "CQS-01";
    expect(issuesOf(doc)).toEqual([
      expect.objectContaining({ code: "duplicate_criterion_code", pointer: "/criteria/5/code" }),
    ]);
  });

  it("every criterion belongs to a declared group", () => {
    const doc = national();
    doc.criteria[0].group = "XYZ";
    expect(issuesOf(doc)).toEqual([expect.objectContaining({ code: "unknown_group", pointer: "/criteria/0/group" })]);
  });

  it("one target per level", () => {
    const doc = national();
    doc.criteria[0].targets.pop();
    expect(issuesOf(doc)).toEqual([
      expect.objectContaining({ code: "targets_length", pointer: "/criteria/0/targets" }),
    ]);
  });

  it("targets never fall from one level to the next", () => {
    const doc = national();
    doc.criteria[0].targets = [50, 60, 55, 100, 100];
    expect(issuesOf(doc)).toEqual([
      expect.objectContaining({ code: "target_falls", pointer: "/criteria/0/targets/2" }),
    ]);
  });

  it("equal targets on consecutive levels are allowed", () => {
    const doc = national();
    doc.criteria[0].targets = [50, 50, 50, 50, 50];
    expect(issuesOf(doc)).toEqual([]);
  });

  it("a criterion that applies cannot stop applying at a higher level", () => {
    const doc = national();
    doc.criteria[0].targets = [50, 60, null, 100, 100];
    expect(issuesOf(doc)).toEqual([
      expect.objectContaining({ code: "applicability_falls", pointer: "/criteria/0/targets/2" }),
    ]);
  });

  it("count-or-all: a lower minimum falls, losing 'or 100%' at the same minimum is stricter", () => {
    const doc = national();
    const i = doc.criteria.findIndex((c: Doc) => c.code === "KTS-04");
    doc.criteria[i].targets = [null, null, { min: 2, orAll: true }, { min: 2, orAll: false }, { min: 1, orAll: true }];
    expect(issuesOf(doc)).toEqual([
      expect.objectContaining({ code: "target_falls", pointer: `/criteria/${i}/targets/4` }),
    ]);
  });

  it("every level has at least one applicable criterion", () => {
    const doc = national();
    for (const c of doc.criteria) c.targets = [null, ...c.targets.slice(1).map(() => null)];
    doc.criteria[0].targets = [null, 10, 20, 30, 40];
    expect(issuesOf(doc)).toEqual([expect.objectContaining({ code: "level_without_criteria", pointer: "/levels/0" })]);
  });

  it("levels are ranked 1, 2, 3… with unique codes", () => {
    const doc = national();
    doc.levels[2].rank = 4;
    doc.levels[3].code = "khoi-dong";
    expect(issuesOf(doc).map((i) => [i.code, i.pointer])).toEqual([
      ["level_ranks", "/levels/2/rank"],
      ["duplicate_level_code", "/levels/3/code"],
    ]);
  });

  it("a child-level criterion needs a unit kind with children", () => {
    const doc = national("vn-2361-district");
    doc.childUnitKind = null;
    expect(issuesOf(doc)).toEqual([
      expect.objectContaining({ code: "child_levels_without_children", pointer: "/criteria/0/measure" }),
    ]);
  });

  it("child levels refer to levels that exist", () => {
    const doc = national("vn-2361-district");
    doc.criteria[0].targets[4] = { allAtLeast: 6, share: null };
    expect(issuesOf(doc).map((i) => i.code)).toContain("child_level_out_of_range");
  });

  it("unit kinds are data: checked against the platform's kinds when given", () => {
    const doc = national("vn-2361-district");
    doc.unitKind = "ward";
    expect(issuesOf(doc, { unitKinds: NATIONAL_UNIT_KINDS })).toEqual([
      expect.objectContaining({ code: "unknown_unit_kind", pointer: "/unitKind" }),
    ]);
    const twoTier = [
      { code: "province", childKinds: ["commune"] },
      { code: "commune", childKinds: [] },
    ];
    const district = national("vn-2361-district");
    expect(issuesOf(district, { unitKinds: twoTier }).map((i) => i.code)).toEqual(["unknown_unit_kind"]);
    district.unitKind = "province";
    expect(issuesOf(district, { unitKinds: twoTier })).toEqual([]);
    district.unitKind = "commune";
    expect(issuesOf(district, { unitKinds: twoTier })).toEqual([
      expect.objectContaining({ code: "not_a_child_kind", pointer: "/childUnitKind" }),
    ]);
  });

  it("parseCriteriaSet throws a typed error listing the issues", () => {
    const doc = national();
    doc.criteria[5].code = "CQS-01";
    expect(() => parseCriteriaSet(doc)).toThrow(InvalidCriteriaSetError);
    try {
      parseCriteriaSet(doc);
    } catch (e) {
      expect((e as InvalidCriteriaSetError).issues[0]!.code).toBe("duplicate_criterion_code");
    }
  });
});
