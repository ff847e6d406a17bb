// What the apps ask instead of deriving it: capabilities, set version actions, deadlines, submit problems.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApi, type TestApi } from "../testing/harness.ts";
import { DEMO_PASSWORD } from "../seed/demo.ts";
import { ERR } from "./helpers.ts";

let api: TestApi;

beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

const CAPABILITIES = `{ me { capabilities {
  adminLanding portalLanding adminSections ownTenant manageSets readNational decisionDocuments minutesDocuments
} } }`;

describe("me.capabilities", () => {
  // The values the admin's menu and landing, the session's landing and the document links computed from roles.
  it.each([
    [
      "bo@cds.gov.vn",
      "/national",
      "/",
      ["NATIONAL", "COMPARE", "ROUNDS", "SETS", "ACCOUNTS"],
      "vn",
      true,
      true,
      false,
      false,
    ],
    [
      "so@ninhbinh.gov.vn",
      "/rounds",
      "/",
      ["ROUNDS", "SETS", "REPORT", "ACCOUNTS"],
      "ninh-binh",
      true,
      false,
      true,
      true,
    ],
    ["phong.yenkhanh@ninhbinh.gov.vn", "/rounds", "/", ["ROUNDS", "SETS"], null, false, false, true, true],
    ["thamdinh.yenkhanh@ninhbinh.gov.vn", "/rounds", "/", ["ROUNDS", "SETS"], null, false, false, false, true],
    ["xa.khanhthien@ninhbinh.gov.vn", "/portal", "/my", ["ROUNDS", "SETS"], null, false, false, false, false],
    ["xem@ninhbinh.gov.vn", "/rounds", "/", ["ROUNDS", "SETS"], null, false, false, false, false],
  ])("%s", async (email, admin, portal, sections, own, manageSets, national, decision, minutes) => {
    const r = await (await api.as(email)).gql(CAPABILITIES);
    expect(r.errors).toBeUndefined();
    expect(r.data!.me.capabilities).toEqual({
      adminLanding: admin,
      portalLanding: portal,
      adminSections: sections,
      ownTenant: own,
      manageSets,
      readNational: national,
      decisionDocuments: decision,
      minutesDocuments: minutes,
    });
  });

  it("comes with the login result too", async () => {
    const r = await api.anon.gql(
      `mutation ($p: String!) { login(email: "so@ninhbinh.gov.vn", password: $p) {
        ... on MutationLoginSuccess { data { me { capabilities { ownTenant adminLanding } } } } } }`,
      { p: DEMO_PASSWORD },
    );
    expect(r.errors).toBeUndefined();
    api.anon.cookie = null; // the anonymous client stays anonymous for the other tests
    expect(r.data!.login.data.me.capabilities).toEqual({ ownTenant: "ninh-binh", adminLanding: "/rounds" });
  });
});

describe("CriteriaSetVersion.allowedActions", () => {
  async function actionsByTenant(email: string | null): Promise<Record<string, string[]>> {
    const c = email ? await api.as(email) : api.anon;
    const r = await c.gql(`{ criteriaSets { tenant { code } versions { status allowedActions } } }`);
    expect(r.errors).toBeUndefined();
    const out: Record<string, string[]> = {};
    for (const s of r.data!.criteriaSets)
      for (const v of s.versions) out[`${s.tenant.code}/${v.status}`] = v.allowedActions;
    return out;
  }

  it("the ministry clones the national framework; a province clones it into its own sets", async () => {
    expect((await actionsByTenant("bo@cds.gov.vn"))["vn/PUBLISHED"]).toEqual(["CLONE"]);
    const province = await actionsByTenant("so@ninhbinh.gov.vn");
    expect(province["vn/PUBLISHED"]).toEqual(["CLONE"]);
    for (const [k, v] of Object.entries(province))
      if (k.startsWith("ninh-binh/PUBLISHED")) expect(v).toEqual(["CLONE"]);
  });

  it("readers may do nothing", async () => {
    for (const who of [null, "xem@ninhbinh.gov.vn", "xa.khanhthien@ninhbinh.gov.vn"]) {
      for (const [k, v] of Object.entries(await actionsByTenant(who))) expect([who, k, v]).toEqual([who, k, []]);
    }
  });

  it("the owner edits and publishes its draft; another province may not", async () => {
    const so = await api.as("so@ninhbinh.gov.vn");
    const sets = await so.gql(`{ criteriaSets(tenant: "vn") { versions { id status } } }`);
    const source = sets.data!.criteriaSets[0].versions.find((v: { status: string }) => v.status === "PUBLISHED");
    const r = await so.gql(
      `mutation ($id: ID!) { cloneCriteriaSet(sourceVersionId: $id, tenantId: "ninh-binh", setId: "nb-caps-test") {
        __typename ... on MutationCloneCriteriaSetSuccess { data { id allowedActions } } ${ERR} } }`,
      { id: source.id },
    );
    expect(r.data!.cloneCriteriaSet.data.allowedActions).toEqual(["EDIT", "PUBLISH"]);
    const draftId = r.data!.cloneCriteriaSet.data.id;
    const other = await api.as("so@hanoi.gov.vn");
    const seen = await other.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: draftId });
    expect(seen.data!.node).toBeNull();
    const ministry = await api.as("bo@cds.gov.vn");
    const m = await ministry.gql(`query ($id: ID!) { criteriaSetVersion(id: $id) { allowedActions } }`, {
      id: draftId,
    });
    expect(m.data!.criteriaSetVersion.allowedActions).toEqual([]);
  });
});

describe("deadlines", () => {
  const DEADLINES = `{ rounds(tenant: "ninh-binh") { unitKind submitDueAt reviewDueAt
    submitDeadline { date daysLeft state } reviewDeadline { date daysLeft state } } }`;

  it("the whole last day in Vietnam is on time", async () => {
    const rounds = (await api.anon.gql(DEADLINES)).data!.rounds;
    const commune = rounds.find((r: { unitKind: string }) => r.unitKind === "commune");
    const due: string = commune.submitDueAt;
    try {
      // 23:59 in Vietnam on the last day: due today.
      api.setNow(new Date(`${due}T16:59:00Z`));
      let r = (await api.anon.gql(DEADLINES)).data!.rounds.find((x: { unitKind: string }) => x.unitKind === "commune");
      expect(r.submitDeadline).toEqual({ date: due, daysLeft: 0, state: "DUE_TODAY" });
      // 10:00 on the last day: due today, 0 days left. (The portal counted hours to 23:59:59 and rounded up,
      // showing "1 day left" that morning; the calendar's whole-day rule is the one kept.)
      api.setNow(new Date(`${due}T03:00:00Z`));
      r = (await api.anon.gql(DEADLINES)).data!.rounds.find((x: { unitKind: string }) => x.unitKind === "commune");
      expect(r.submitDeadline).toEqual({ date: due, daysLeft: 0, state: "DUE_TODAY" });
      // 00:00 the next day in Vietnam (still the last day in UTC): one day late.
      api.setNow(new Date(`${due}T17:00:00Z`));
      r = (await api.anon.gql(DEADLINES)).data!.rounds.find((x: { unitKind: string }) => x.unitKind === "commune");
      expect(r.submitDeadline).toEqual({ date: due, daysLeft: -1, state: "OVERDUE" });
      // 06:00 in Vietnam two days before: two days left.
      api.setNow(new Date(Date.parse(`${due}T06:00:00+07:00`) - 2 * 86_400_000));
      r = (await api.anon.gql(DEADLINES)).data!.rounds.find((x: { unitKind: string }) => x.unitKind === "commune");
      expect(r.submitDeadline).toEqual({ date: due, daysLeft: 2, state: "OPEN" });
      expect(r.reviewDeadline.date).toBe(commune.reviewDueAt);
      expect(r.reviewDeadline.state).toBe("OPEN");
    } finally {
      api.setNow(null as unknown as Date);
    }
  });

  it("an assessment's deadline is its round's", async () => {
    const c = await api.as("xa.khanhthien@ninhbinh.gov.vn");
    const r = await c.gql(`{ assessments(unitCode: "14563", first: 1) { edges { node {
      submitDeadline { date daysLeft state } round { submitDeadline { date daysLeft state } } } } } }`);
    const node = r.data!.assessments.edges[0].node;
    expect(node.submitDeadline).toEqual(node.round.submitDeadline);
  });

  it("reportDue: the yearly report's last day is 24/12", async () => {
    try {
      api.setNow(new Date("2026-12-20T03:00:00Z"));
      const q = `{ reportDue(year: 2026) { date daysLeft state } }`;
      expect((await api.anon.gql(q)).data!.reportDue).toEqual({ date: "2026-12-24", daysLeft: 4, state: "OPEN" });
      api.setNow(new Date("2026-12-24T16:30:00Z"));
      expect((await api.anon.gql(q)).data!.reportDue).toEqual({ date: "2026-12-24", daysLeft: 0, state: "DUE_TODAY" });
      api.setNow(new Date("2026-12-24T17:00:00Z"));
      expect((await api.anon.gql(q)).data!.reportDue.state).toBe("OVERDUE");
    } finally {
      api.setNow(null as unknown as Date);
    }
  });

  it("a year outside the platform's years is a bad input naming year, never NaN or an internal error", async () => {
    for (const q of [
      `{ reportDue(year: 0) { date daysLeft state } }`,
      `{ reportDeadline(year: 99999) }`,
      `{ nationalSummary(year: -1, unitKind: "commune") { tenantId } }`,
    ]) {
      const r = await api.anon.gql(q);
      expect(r.errors?.[0]?.extensions?.code, JSON.stringify(r)).toBe("BAD_INPUT");
      expect(r.errors?.[0]?.message, JSON.stringify(r)).toContain("year");
    }
  });
});

describe("Assessment.submitProblems", () => {
  const PROBLEMS = `query ($code: String!) { assessments(unitCode: $code, first: 1) { edges { node {
    id version registeredLevel submitProblems { criterion field reason message messageEn } } } } }`;

  async function node(email: string, code: string) {
    const r = await (await api.as(email)).gql(PROBLEMS, { code });
    expect(r.errors).toBeUndefined();
    return r.data!.assessments.edges[0].node;
  }

  it("someone other than the unit's staff is told they may not submit, and nothing more", async () => {
    const a = await node("phong.yenkhanh@ninhbinh.gov.vn", "14563");
    expect(a.submitProblems).toHaveLength(1);
    expect(a.submitProblems[0]).toMatchObject({ reason: "forbidden", criterion: "", field: "" });
  });

  it("a submitted assessment cannot be submitted again", async () => {
    const a = await node("phong.yenkhanh@ninhbinh.gov.vn", "14566");
    expect(a.submitProblems.map((p: { reason: string }) => p.reason)).toEqual(["forbidden"]);
  });

  it("lists exactly what submitAssessment refuses", async () => {
    const editor = await api.as("xa.khanhthien@ninhbinh.gov.vn");
    let a = await node("xa.khanhthien@ninhbinh.gov.vn", "14563");
    if (!a.registeredLevel) {
      expect(a.submitProblems.map((p: { reason: string; field: string }) => [p.reason, p.field])).toEqual([
        ["no_level", "registeredLevel"],
      ]);
      const reg = await editor.gql(
        `mutation ($id: ID!, $v: Int!) { registerLevel(assessmentId: $id, version: $v, level: 2) { __typename } }`,
        { id: a.id, v: a.version },
      );
      expect(reg.data!.registerLevel.__typename).toBe("MutationRegisterLevelSuccess");
      a = await node("xa.khanhthien@ninhbinh.gov.vn", "14563");
    }
    const problems = a.submitProblems as { reason: string; field: string; criterion: string }[];
    expect(problems.length).toBeGreaterThan(0); // the demo commune is left with values missing
    for (const p of problems) expect(p).toMatchObject({ reason: "missing", field: `values.${p.criterion}` });
    const r = await editor.gql(
      `mutation ($id: ID!, $v: Int!) { submitAssessment(assessmentId: $id, version: $v) { __typename ${ERR} } }`,
      { id: a.id, v: a.version },
    );
    expect(r.data!.submitAssessment.__typename).toBe("InputError");
    expect(r.data!.submitAssessment.issues.map((i: { field: string }) => i.field).sort()).toEqual(
      problems.map((p) => p.field).sort(),
    );
  });
});
