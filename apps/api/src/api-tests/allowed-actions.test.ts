// `allowedActions` is what the screens offer: it must say exactly what the API accepts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApi, type TestApi } from "../testing/harness.ts";

let api: TestApi;
const ids: Record<string, string> = {};

beforeAll(async () => {
  api = await setupApi();
  const officer = await api.as("phong.yenkhanh@ninhbinh.gov.vn");
  const r = await officer.gql(`{ assessments(unitCode: "375", first: 50) { edges { node { id unit { code } } } } }`);
  for (const e of r.data!.assessments.edges) ids[e.node.unit.code] = e.node.id;
});
afterAll(async () => {
  await api?.close();
});

async function actions(email: string | null, code: string): Promise<string[]> {
  const c = email ? await api.as(email) : api.anon;
  const r = await c.gql(`query ($id: ID!) { assessment(id: $id) { allowedActions } }`, { id: ids[code] });
  expect(r.errors).toBeUndefined();
  return r.data!.assessment.allowedActions;
}

describe("allowedActions", () => {
  it.each([
    [
      "xa.khanhthien@ninhbinh.gov.vn",
      "14563",
      ["registerLevel", "saveValues", "uploadEvidence", "deleteEvidence", "replaceEvidence", "submit"],
    ], // own DRAFT commune
    ["phong.yenkhanh@ninhbinh.gov.vn", "14563", []], // the officer does not edit a commune's values
    ["huyen.yenkhanh@ninhbinh.gov.vn", "14563", []], // a district editor edits the district, not its communes
    ["phong.yenkhanh@ninhbinh.gov.vn", "14566", ["return", "verifyValue", "verify"]], // SUBMITTED
    ["thamdinh.yenkhanh@ninhbinh.gov.vn", "14566", []], // an appraiser does not return
    ["thamdinh.yenkhanh@ninhbinh.gov.vn", "14572", ["appraise"]], // VERIFIED
    ["phong.yenkhanh@ninhbinh.gov.vn", "14572", ["return"]],
    ["phong.yenkhanh@ninhbinh.gov.vn", "14575", ["return", "recognise"]], // APPRAISED
    ["phong.yenkhanh@ninhbinh.gov.vn", "14560", []], // RECOGNISED: nothing, for anyone
    ["so@ninhbinh.gov.vn", "14566", []], // the province reviews districts, not communes
    [null, "14560", []], // anonymous on a public (recognised) assessment
  ])("%s on %s → %j", async (email, code, expected) => {
    expect(await actions(email, code)).toEqual(expected);
  });

  it("an action it does not list is refused by the API", async () => {
    const appraiser = await api.as("thamdinh.yenkhanh@ninhbinh.gov.vn");
    const v = (await appraiser.gql(`query ($id: ID!) { assessment(id: $id) { version } }`, { id: ids["14566"] })).data!
      .assessment.version;
    const r = await appraiser.gql(
      `mutation ($id: ID!, $v: Int!) { returnAssessment(assessmentId: $id, version: $v, comments: [{ body: "x" }]) { __typename } }`,
      { id: ids["14566"], v },
    );
    expect(r.data!.returnAssessment.__typename).toBe("ForbiddenError");
  });
});
