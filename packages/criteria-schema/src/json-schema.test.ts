// Guards the JSON Schema Monaco loads: it is committed, generated from the zod
// source, strict, and carries Vietnamese descriptions for hover help.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { criteriaSetJsonSchema, CRITERIA_SET_SCHEMA_URI } from "./index.ts";

const committedPath = new URL("../criteria-set.schema.json", import.meta.url);

type Node = Record<string, unknown>;

function walk(node: unknown, visit: (n: Node, path: string) => void, path = "#"): void {
  if (Array.isArray(node)) node.forEach((n, i) => walk(n, visit, `${path}/${i}`));
  else if (node && typeof node === "object") {
    visit(node as Node, path);
    for (const [k, v] of Object.entries(node)) walk(v, visit, `${path}/${k}`);
  }
}

describe("criteria-set.schema.json", () => {
  const generated = criteriaSetJsonSchema();

  it("equals what the zod source generates (run `pnpm --filter @cds/criteria-schema build` to refresh)", () => {
    const committed = JSON.parse(readFileSync(committedPath, "utf8")) as unknown;
    expect(committed).toEqual(generated);
  });

  it("has an $id and named $defs for every part of the language", () => {
    expect(generated.$id).toBe(CRITERIA_SET_SCHEMA_URI);
    const defs = Object.keys(generated.$defs as Node).sort();
    expect(defs).toEqual(
      [
        "BooleanCriterion",
        "ChildLevelsCriterion",
        "ChildLevelsTarget",
        "CountOrAllCriterion",
        "CountOrAllTarget",
        "CriteriaSet",
        "Criterion",
        "Group",
        "Issuer",
        "Level",
        "MinCountCriterion",
        "PercentageCriterion",
        "SetRef",
        // scored indices
        "CriterionRef",
        "RankingGroup",
        "ScoreBand",
        "ScoreComponent",
        "ScoreGroup",
        "ScoreRule",
        "Scoring",
      ].sort(),
    );
  });

  it("is strict: every object forbids unknown properties", () => {
    const loose: string[] = [];
    walk(generated, (n, path) => {
      if (n.type === "object" && n.additionalProperties !== false) loose.push(path);
    });
    expect(loose).toEqual([]);
  });

  it("describes every property in Vietnamese for hover help", () => {
    const undescribed: string[] = [];
    walk(generated, (n, path) => {
      if (!n.properties) return;
      for (const [k, v] of Object.entries(n.properties as Record<string, Node>)) {
        if (!v.description && !v.$ref) undescribed.push(`${path}/properties/${k}`);
      }
    });
    expect(undescribed).toEqual([]);
    const criteriaSet = (generated.$defs as Record<string, Node>).CriteriaSet!;
    expect((criteriaSet.properties as Record<string, Node>).levels!.description).toMatch(/mức độ/);
  });

  it("keeps defaulted fields optional in the editor", () => {
    const pct = (generated.$defs as Record<string, Node>).PercentageCriterion!;
    expect(pct.required).not.toContain("local");
    expect(pct.required).not.toContain("exemptWhenNoSubjects");
    expect(pct.required).toContain("targets");
  });
});
