/**
 * `valuesFor` keeps exactly the values a set can judge, each taken alone (its definition), however it gets there:
 * stored values of every shape against the 2361 commune set and the scored template, some of another shape.
 */
import { describe, expect, it } from "vitest";
import { tryEvaluate, type IndicatorValues } from "@cds/criteria-core";
import { BUILT_IN_SETS, type TCriteriaSet } from "@cds/criteria-schema";
import { seedOf, valuesAtLevel } from "../seed/values.ts";
import { valuesFor } from "./summaries.ts";

/** The definition: a value stays when the set judges it alone without an issue. */
function definition(set: TCriteriaSet, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of set.criteria) {
    const v = values[c.code];
    if (v === undefined || v === null) continue;
    if (tryEvaluate(set, { [c.code]: v } as IndicatorValues).ok) out[c.code] = v;
  }
  return out;
}

const WRONG: unknown[] = ["85%", { count: -1 }, { numerator: 5, denominator: 2 }, true, 120, { points: 7 }, [1, 2]];

describe("valuesFor", () => {
  const commune = BUILT_IN_SETS["vn-2361-commune"]!;
  const district = BUILT_IN_SETS["vn-2361-district"]!;
  it("keeps every value the set reads, drops unknown codes and values of another shape", () => {
    for (let k = 0; k < 60; k++) {
      const values: Record<string, unknown> = { ...valuesAtLevel(commune, k % 6, seedOf(`vf:${k}`), 0) };
      // Some values of another shape, an unknown code, a null.
      const codes = Object.keys(values);
      for (let j = 0; j < k % 5; j++) values[codes[(k * 7 + j * 13) % codes.length]!] = WRONG[(k + j) % WRONG.length];
      values["NO-SUCH-CODE"] = 1;
      if (codes[0]) values[codes[0]] = null;
      for (const set of [commune, district])
        expect(valuesFor(set, values), `case ${k}, ${set.id}`).toEqual(definition(set, values));
    }
  });
});
