/**
 * What a save judges: the effective values (the verifier's where given, else the unit's). A commune of Huyện Yên
 * Khánh (14590, DRAFT in the demo) submits values at level 4; the district's officer corrects CQS-01 (level 3)
 * and returns the file; the commune saves another criterion, and the level stays the one of the corrected value,
 * not of its own; saving CQS-01 itself drops the correction, and the level is its own again. Each level is checked
 * against criteria-core's `evaluate` query of the values the API says it judged.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import {
  assessmentChange,
  assessmentOf,
  createUnitEditor,
  expectSuccess,
  query,
  valuesAtLevel,
  type Json,
  type SetDoc,
} from "./helpers.ts";

let api: TestApi;
let editor: Client;
let officer: Client;

const FIELDS = `id version status computedLevel setVersion { id document }
  values { criterionCode value verifiedValue effectiveValue }`;
const EVALUATE = `query ($versionId: ID, $values: JSON!) { evaluate(versionId: $versionId, values: $values) { __typename ... on Evaluation { level } } }`;

const save = assessmentChange("saveIndicatorValues", FIELDS, [["values", "values", "JSON!"]]);
const register = assessmentChange("registerLevel", FIELDS, [["level", "level", "Int!"]]);
const submit = assessmentChange("submitAssessment", FIELDS);
const verifyValue = assessmentChange("verifyIndicatorValue", FIELDS, [
  ["criterionCode", "code", "String!"],
  ["value", "value", "JSON"],
]);
const returnIt = assessmentChange("returnAssessment", FIELDS, [["comments", "comments", "[ReviewCommentInput!]!"]]);

/** The values by code, as entered (`value`) or as judged (`effectiveValue`). */
const valuesOf = (a: Json, key: "value" | "effectiveValue"): Record<string, unknown> =>
  Object.fromEntries(a.values.filter((v: Json) => v[key] !== null).map((v: Json) => [v.criterionCode, v[key]]));

const levelOf = async (a: Json, values: Record<string, unknown>): Promise<number> =>
  (await query(editor, EVALUATE, { versionId: a.setVersion.id, values })).evaluate.level;

beforeAll(async () => {
  api = await setupApi();
  editor = await api.as(await createUnitEditor(api, "14590"));
  officer = await api.as("phong.yenkhanh@ninhbinh.gov.vn");
});
afterAll(async () => {
  await api?.close();
});

it("a save judges the verifier's corrections it did not touch, and drops the one it changes", async () => {
  let a = await assessmentOf(editor, "14590", FIELDS);
  expect(a.status).toBe("DRAFT");
  const doc = a.setVersion.document as SetDoc;
  const at4 = valuesAtLevel(doc, 4);
  a = expectSuccess(await register(editor, { id: a.id, version: a.version, level: 3 }));
  a = expectSuccess(await save(editor, { id: a.id, version: a.version, values: at4 }));
  expect(a.computedLevel).toBe(4);
  a = expectSuccess(await submit(editor, { id: a.id, version: a.version }));
  const corrected = { numerator: 80, denominator: 100 };
  a = expectSuccess(await verifyValue(officer, { id: a.id, version: a.version, code: "CQS-01", value: corrected }));
  expect(a.computedLevel).toBe(3);
  a = expectSuccess(
    await returnIt(officer, {
      id: a.id,
      version: a.version,
      comments: [{ criterionCode: "CQS-03", body: "Xem lại." }],
    }),
  );
  expect(a.status).toBe("RETURNED");

  // Another criterion saved: CQS-01's correction still counts (its own value would give level 4).
  a = expectSuccess(await save(editor, { id: a.id, version: a.version, values: { "CQS-03": at4["CQS-03"] } }));
  expect(a.values.find((v: Json) => v.criterionCode === "CQS-01")).toMatchObject({
    verifiedValue: corrected,
    effectiveValue: corrected,
  });
  expect(a.computedLevel).toBe(3);
  expect(await levelOf(a, valuesOf(a, "effectiveValue"))).toBe(3);
  expect(await levelOf(a, valuesOf(a, "value"))).toBe(4);

  // CQS-01 saved by the unit: a changed value needs verifying again, so its own value is judged.
  a = expectSuccess(await save(editor, { id: a.id, version: a.version, values: { "CQS-01": at4["CQS-01"] } }));
  expect(a.values.find((v: Json) => v.criterionCode === "CQS-01")).toMatchObject({
    verifiedValue: null,
    effectiveValue: at4["CQS-01"],
  });
  expect(a.computedLevel).toBe(4);
  expect(await levelOf(a, valuesOf(a, "effectiveValue"))).toBe(4);
});
