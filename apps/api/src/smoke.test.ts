import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApi, type TestApi } from "./testing/harness.ts";

let api: TestApi;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

describe("harness", () => {
  it("serves the seeded demo through yoga.fetch", async () => {
    const officer = await api.as("phong.yenkhanh@ninhbinh.gov.vn");
    const r = await officer.gql(
      `{ me { email roles { role } } assessments(unitCode: "375", first: 50) { edges { node { status } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.me.email).toBe("phong.yenkhanh@ninhbinh.gov.vn");
    const statuses = new Set(r.data!.assessments.edges.map((e: { node: { status: string } }) => e.node.status));
    expect([...statuses].sort()).toEqual(["APPRAISED", "DRAFT", "RECOGNISED", "RETURNED", "SUBMITTED", "VERIFIED"]);
  });
});
