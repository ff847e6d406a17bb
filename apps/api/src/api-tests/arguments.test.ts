/**
 * How the API treats what callers send: a malformed session cookie, an API key
 * beside a session, search text with LIKE wildcards, list arguments (every one
 * bounded, checked from the SDL), paging of ordered connections, calendar dates
 * and decision dates.
 */
import { getNamedType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIST_ARG_MAX } from "../schema/limits.ts";
import { schema } from "../schema/index.ts";
import { searchName } from "@cds/criteria-schema";
import { newApiKey } from "../services/auth.ts";
import { vietnamToday } from "@cds/calendar";
import { globalId, rawClient } from "../testing/authz-cases.ts";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import { expectError, expectSuccess, mutate, query, type Json } from "./helpers.ts";

let api: TestApi;
let keys: string[];

beforeAll(async () => {
  api = await setupApi();
  const so = await api.prisma.user.findUniqueOrThrow({ where: { email: "so@ninhbinh.gov.vn" } });
  const made = Array.from({ length: 30 }, () => newApiKey());
  await api.prisma.apiKey.createMany({
    data: made.map((k, i) => ({
      tenantId: "ninh-binh",
      name: `arguments ${i}`,
      prefix: k.prefix,
      hash: k.hash,
      createdById: so.id,
    })),
  });
  keys = made.map((k) => k.key);
});
afterAll(async () => {
  await api?.close();
});

const PUBLIC_READ = `{ criteriaSets { code } me { id } }`;

describe("session cookie", () => {
  for (const cookie of ["cds_session=%", "cds_session=%E0%A4%A", "other=1; cds_session=%zz; x=%"]) {
    it(`a malformed cookie (${cookie}) is no session: public reads work, me is null`, async () => {
      const c = rawClient(api, { cookie });
      const r = await c.gql(PUBLIC_READ);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      expect(r.data!.me).toBeNull();
      expect(r.data!.criteriaSets.length).toBeGreaterThan(0);
    });
  }
});

describe("API keys", () => {
  /** Sample arguments for every query of the schema (a test fails when a query is missing here). */
  async function samples(): Promise<Record<string, string>> {
    const p = api.prisma;
    const recognised = await p.assessment.findFirstOrThrow({ where: { status: "RECOGNISED" } });
    const published = await p.criteriaSetVersion.findFirstOrThrow({
      where: { status: "PUBLISHED", set: { tenantId: "ninh-binh" } },
    });
    const round = await p.round.findFirstOrThrow({ where: { tenantId: "ninh-binh", unitKind: "commune" } });
    const year = round.year;
    return {
      adminMapReport: `adminMapReport { communesWithoutSuccessor predecessorsNotCommunes { oldCode foundAs } }`,
      adminMaps: `adminMaps { id validFrom validTo }`,
      apiKeys: `apiKeys(tenantId: "ninh-binh") { id }`,
      assessment: `assessment(id: "${globalId("Assessment", recognised.id)}") { id recognisedLevel evaluation { level } }`,
      assessments: `assessments(first: 50) { edges { node { id recognisedLevel } } }`,
      compareProvinces: `compareProvinces(year: ${year}, unitKind: "commune", tenantIds: ["ninh-binh", "ha-noi"]) { summary { tenantId byLevel } }`,
      criteriaSetVersion: `criteriaSetVersion(id: "${globalId("CriteriaSetVersion", published.id)}") { id version }`,
      carryForwardPreview: `carryForwardPreview(assessmentId: "${globalId("Assessment", recognised.id)}") { allowed candidates { year } }`,
      criteriaSets: `criteriaSets { code versions { id status } }`,
      criterionPassRates: `criterionPassRates(year: ${year}, unitKind: "commune") { tenantId units }`,
      diff: `diff(fromBuiltIn: "vn-2361-commune", toVersionId: "${globalId("CriteriaSetVersion", published.id)}") { stricter looser }`,
      evaluate: `evaluate(builtIn: "vn-2361-commune", values: {}) { ... on Evaluation { level } }`,
      gaps: `gaps(builtIn: "vn-2361-commune", values: {}, level: 1) { code }`,
      score: `score(builtIn: "mau-dti-xa", values: {}) { ... on Score { scoreText } }`,
      pointsGaps: `pointsGaps(builtIn: "mau-dti-xa", values: {}) { code }`,
      inbox: `inbox { unread notifications(first: 5) { id title } }`,
      impactPreview: `impactPreview(versionId: "${globalId("CriteriaSetVersion", published.id)}", roundId: "${globalId("Round", round.id)}") { units }`,
      me: `me { id }`,
      nationalUpdate: `nationalUpdate(versionId: "${globalId("CriteriaSetVersion", published.id)}") { available canRebase }`,
      nationalSummary: `nationalSummary(year: ${year}, unitKind: "commune", mapId: "${round.mapId}") { tenantId recognised }`,
      node: `node(id: "${globalId("Assessment", recognised.id)}") { id }`,
      nodes: `nodes(ids: ["${globalId("Assessment", recognised.id)}"]) { id }`,
      provinceReports: `provinceReports(year: ${year}) { id }`,
      rebasePreview: `rebasePreview(versionId: "${globalId("CriteriaSetVersion", published.id)}", ontoVersionId: "${globalId("CriteriaSetVersion", "v_vn-2361-commune_1.0")}") { conflicts { key } }`,
      reportDeadline: `reportDeadline(year: ${year})`,
      reportDue: `reportDue(year: ${year}) { date daysLeft state }`,
      roundSummary: `roundSummary(roundId: "${globalId("Round", round.id)}") { units }`,
      rounds: `rounds(tenant: "ninh-binh") { id name }`,
      setDeviations: `setDeviations(unitKind: "commune") { tenantId versionId }`,
      tenants: `tenants { code }`,
      tenantAccounts: `tenantAccounts(tenantId: "ninh-binh") { grantableRoles accounts { id } }`,
      unit: `unit(code: "14560") { code name predecessors { kind unit { code } } }`,
      unitKinds: `unitKinds { code }`,
      units: `units(search: "yen", first: 20) { edges { node { code } } }`,
    };
  }

  it("never see less than an anonymous caller: every query of the schema answers a key as it answers nobody", async () => {
    const s = await samples();
    const queries = Object.keys(schema.getQueryType()!.getFields()).sort();
    expect(
      queries.filter((q) => !(q in s)),
      "add sample arguments for these queries",
    ).toEqual([]);
    const withKey = rawClient(api, { apiKeys: keys });
    for (const q of queries) {
      const anon = await api.anon.gql(`{ ${s[q]} }`);
      const key = await withKey.gql(`{ ${s[q]} }`);
      const codes = (r: typeof anon) => r.errors?.map((e) => e.extensions?.code) ?? [];
      expect(codes(key), `${q} with a key: ${JSON.stringify(key.errors)}`).toEqual(codes(anon));
      expect(key.data, q).toEqual(anon.data);
    }
  });

  it("a key beside a session cookie does not sign the user out: the session wins, and no cookie is cleared", async () => {
    const so = await api.as("so@ninhbinh.gov.vn");
    for (const key of [keys[0]!, "cds_not-a-key"]) {
      const res = await api.platform.app.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", cookie: so.cookie!, "x-csrf-token": so.csrf!, "x-api-key": key },
        body: JSON.stringify({ query: `{ me { email } apiKeys(tenantId: "ninh-binh") { id } }` }),
      });
      const body = (await res.json()) as { data?: Json; errors?: unknown };
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(body.data!.me.email).toBe("so@ninhbinh.gov.vn");
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    // And the session still works afterwards.
    expect((await query(so, `{ me { email } }`)).me.email).toBe("so@ninhbinh.gov.vn");
  });

  it("a key with an expired or malformed session cookie is still the key (public data, not an error)", async () => {
    const c = rawClient(api, { cookie: "cds_session=%", apiKeys: keys });
    const r = await c.gql(`{ me { id } criteriaSets { code } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.me).toBeNull();
  });
});

describe("search text is literal: % and _ are not wildcards", () => {
  beforeAll(async () => {
    const parent = await api.prisma.unit.findUniqueOrThrow({
      where: { mapId_code: { mapId: "2025-03", code: "375" } },
    });
    const units: [string, string][] = [
      ["99901", "Xã Thử 100% Số"],
      ["99902", "Xã Thử _Gạch"],
    ];
    for (const [code, name] of units) {
      await api.prisma.unit.create({
        data: {
          code,
          mapId: "2025-03",
          name,
          searchName: searchName(name),
          type: "Xã",
          kindCode: "commune",
          parentId: parent.id,
          path: `${parent.path}/${code}`,
          tenantId: parent.tenantId,
        },
      });
    }
  });

  const unitsFound = async (search: string) =>
    (
      await query(api.anon, `query ($s: String!) { units(search: $s, first: 100) { edges { node { code } } } }`, {
        s: search,
      })
    ).units.edges.map((e: Json) => e.node.code);

  it('units: "%" and "_" find only names that have them (at the start of a word, as every search)', async () => {
    expect(await unitsFound("%")).toEqual([]);
    expect(await unitsFound("100%")).toEqual(["99901"]);
    expect(await unitsFound("100% so")).toEqual(["99901"]);
    expect(await unitsFound("_")).toEqual(["99902"]);
    expect(await unitsFound("thu _gach")).toEqual(["99902"]);
    expect(await unitsFound("thu_")).toEqual([]);
    expect(await unitsFound("yen%")).toEqual([]);
    expect(await unitsFound("y_n")).toEqual([]);
    expect(await unitsFound("\\")).toEqual([]);
  });

  it('assessments: "%" and "_" find nothing (no unit with an assessment has them)', async () => {
    for (const s of ["%", "_", "%yen", "y_n"]) {
      const d = await query(
        api.anon,
        `query ($s: String!) { assessments(search: $s, first: 100) { edges { node { id } } } }`,
        { s },
      );
      expect(d.assessments.edges, s).toEqual([]);
    }
  });
});

describe("every list argument of the schema is bounded (generated from the SDL)", () => {
  /** Every list-typed argument (and list field of an input object) of every query and mutation, as "Query.nodes.ids". */
  function listArguments(): string[] {
    const out: string[] = [];
    const visitInput = (prefix: string, t: GraphQLInputType, seen: Set<string>) => {
      const inner = isNonNullType(t) ? t.ofType : t;
      if (isListType(inner)) out.push(prefix);
      const named = getNamedType(t);
      if (isInputObjectType(named) && !seen.has(named.name)) {
        for (const f of Object.values(named.getFields()))
          visitInput(`${prefix}.${f.name}`, f.type, new Set([...seen, named.name]));
      }
    };
    for (const root of [schema.getQueryType()!, schema.getMutationType()!]) {
      for (const field of Object.values(root.getFields())) {
        for (const a of field.args) visitInput(`${root.name}.${field.name}.${a.name}`, a.type, new Set());
      }
    }
    return out.sort();
  }

  it("each has a declared maximum in schema/limits.ts (and the table names no argument the schema lacks)", () => {
    const args = listArguments();
    expect(args.filter((a) => !(a in LIST_ARG_MAX))).toEqual([]);
    expect(Object.keys(LIST_ARG_MAX).filter((a) => !args.includes(a))).toEqual([]);
  });

  it("one item over the maximum is a BAD_USER_INPUT error naming the argument, before any work", async () => {
    const so = await api.as("so@ninhbinh.gov.vn");
    const id = globalId("Assessment", "x");
    const over = (key: keyof typeof LIST_ARG_MAX) => LIST_ARG_MAX[key] + 1;
    const cases: Record<keyof typeof LIST_ARG_MAX, { q: string; v: Record<string, unknown>; file?: File }> = {
      "Query.nodes.ids": {
        q: `query ($v: [ID!]!) { nodes(ids: $v) { id } }`,
        v: { v: Array.from({ length: over("Query.nodes.ids") }, () => id) },
      },
      "Query.assessments.status": {
        q: `query ($v: [AssessmentStatus!]) { assessments(status: $v) { edges { node { id } } } }`,
        v: { v: Array.from({ length: over("Query.assessments.status") }, () => "DRAFT") },
      },
      "Query.criterionPassRates.tenantIds": {
        q: `query ($v: [String!]) { criterionPassRates(year: 2025, unitKind: "commune", tenantIds: $v) { tenantId } }`,
        v: { v: Array.from({ length: over("Query.criterionPassRates.tenantIds") }, (_, i) => `t${i}`) },
      },
      "Query.compareProvinces.tenantIds": {
        q: `query ($v: [String!]!) { compareProvinces(year: 2025, unitKind: "commune", tenantIds: $v) { summary { tenantId } } }`,
        v: { v: Array.from({ length: over("Query.compareProvinces.tenantIds") }, (_, i) => `t${i}`) },
      },
      "Mutation.returnAssessment.comments": {
        q: `mutation ($v: [ReviewCommentInput!]!) { returnAssessment(assessmentId: "x", version: 1, comments: $v) { __typename } }`,
        v: { v: Array.from({ length: over("Mutation.returnAssessment.comments") }, () => ({ body: "x" })) },
      },
      "Mutation.markNotificationsRead.ids": {
        q: `mutation ($v: [ID!]) { markNotificationsRead(ids: $v) { __typename } }`,
        v: { v: Array.from({ length: over("Mutation.markNotificationsRead.ids") }, (_, i) => `n${i}`) },
      },
      "Mutation.carryForward.input.includeChanged": {
        q: `mutation ($v: [String!]) { carryForward(input: { assessmentId: "x", fromAssessmentId: "y", version: 1, includeChanged: $v }) { __typename } }`,
        v: { v: Array.from({ length: over("Mutation.carryForward.input.includeChanged") }, (_, i) => `C-${i}`) },
      },
      "Mutation.importRoundValues.versions": {
        q: `mutation ($v: [AssessmentVersionInput!], $file: File!) { importRoundValues(roundId: "x", file: $file, dryRun: true, versions: $v) { __typename } }`,
        file: new File([new Uint8Array([1])], "x.xlsx"),
        v: {
          v: Array.from({ length: over("Mutation.importRoundValues.versions") }, () => ({
            assessmentId: id,
            version: 1,
          })),
        },
      },
      "Mutation.rebaseVersion.input.decisions": {
        q: `mutation ($v: [RebaseDecisionInput!]!) { rebaseVersion(input: { versionId: "x", ontoVersionId: "y", decisions: $v }) { __typename } }`,
        v: {
          v: Array.from({ length: over("Mutation.rebaseVersion.input.decisions") }, (_, i) => ({
            key: `criteria/C-${i}`,
            choice: "OURS",
          })),
        },
      },
    };
    for (const key of Object.keys(LIST_ARG_MAX) as (keyof typeof LIST_ARG_MAX)[]) {
      const arg = key.split(".").at(-1)!;
      const { q, v, file } = cases[key];
      const r = file ? await so.upload(q, v, file) : await so.gql(q, v);
      expect(r.errors?.[0]?.extensions?.code, `${key}: ${JSON.stringify(r)}`).toBe("BAD_USER_INPUT");
      expect(r.errors![0]!.message, key).toContain(arg);
      expect(r.errors![0]!.extensions?.messageEn, key).toContain(arg);
    }
  });

  it("node(id) of no row is null, not an internal error", async () => {
    const r = await api.anon.gql(`query ($id: ID!) { node(id: $id) { id } }`, {
      id: globalId("Assessment", "no-such-row"),
    });
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(r.data!.node).toBeNull();
  });

  it("nodes(ids) with an id of no row answers null for it and the others as usual", async () => {
    const recognised = await api.prisma.assessment.findFirstOrThrow({ where: { status: "RECOGNISED" } });
    const ids = [globalId("Assessment", "no-such-row"), globalId("Assessment", recognised.id)];
    const r = await api.anon.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(r.data!.nodes).toEqual([null, { id: ids[1] }]);
  });

  it("20,000 ids are refused before any is loaded", async () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => globalId("Assessment", `x${i}`));
    const r = await api.anon.gql(`query ($v: [ID!]!) { nodes(ids: $v) { id } }`, { v: ids });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toContain("ids");
  });

  it("a too-long search is a bad input naming the argument, not an internal error", async () => {
    const r = await api.anon.gql(`query ($s: String!) { units(search: $s) { edges { node { code } } } }`, {
      s: "x".repeat(101),
    });
    expect(r.errors?.[0]?.extensions?.code, JSON.stringify(r)).toMatch(/^BAD_(USER_)?INPUT$/);
    expect(r.errors![0]!.message).toContain("search");
  });
});

describe("paging", () => {
  async function pageAll(client: Client, first: number, extra = ""): Promise<string[]> {
    const out: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 200; i++) {
      const d: Json = await query(
        client,
        `query ($first: Int!, $after: String) { assessments(first: $first, after: $after${extra}) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        {
          first,
          after,
        },
      );
      out.push(...d.assessments.edges.map((e: Json) => e.node.id));
      if (!d.assessments.pageInfo.hasNextPage) return out;
      after = d.assessments.pageInfo.endCursor;
    }
    throw new Error("too many pages");
  }

  it("assessments: pages of 7 give exactly the rows of one big page, in the same order, and totalCount counts them", async () => {
    const so = await api.as("so@ninhbinh.gov.vn");
    // Two rounds of the same communes (another year), so the unit code alone is not a total order.
    const p = api.prisma;
    const round = await p.round.findFirstOrThrow({ where: { tenantId: "ninh-binh", unitKind: "commune" } });
    const next = await p.round.create({
      data: {
        tenantId: "ninh-binh",
        year: round.year + 1,
        unitKind: "commune",
        name: "Năm sau",
        setVersionId: round.setVersionId,
        mapId: round.mapId,
        reviewChain: round.reviewChain as object,
        submitDueAt: round.submitDueAt,
        reviewDueAt: round.reviewDueAt,
      },
    });
    const units = await p.assessment.findMany({ where: { roundId: round.id }, select: { unitId: true } });
    await p.assessment.createMany({
      data: units.map((u) => ({
        tenantId: next.tenantId,
        roundId: next.id,
        unitId: u.unitId,
        setVersionId: round.setVersionId,
      })),
    });
    const all = await query(
      so,
      `{ assessments(first: 100, unitCode: "375") { totalCount edges { node { id } } pageInfo { hasNextPage } } }`,
    );
    const big = all.assessments.edges.map((e: Json) => e.node.id);
    expect(all.assessments.pageInfo.hasNextPage).toBe(false);
    const paged = await pageAll(so, 7, `, unitCode: "375"`);
    expect(paged).toEqual(big);
    expect(new Set(paged).size).toBe(paged.length);
    expect(all.assessments.totalCount).toBe(big.length);
  });

  it("units and a unit's children have totalCount", async () => {
    const d = await query(
      api.anon,
      `{ units(search: "yen", first: 5) { totalCount } unit(code: "375") { children(first: 2) { totalCount } } }`,
    );
    expect(d.units.totalCount).toBeGreaterThan(5);
    expect(d.unit.children.totalCount).toBe(await api.prisma.unit.count({ where: { parent: { code: "375" } } }));
  });
});

describe("dates", () => {
  it("the Date scalar refuses impossible calendar dates and accepts 29/02 of a leap year", async () => {
    const so = await api.as("so@ninhbinh.gov.vn");
    const draft = await freshDraft(so);
    for (const bad of ["2024-02-30", "2023-02-29", "2024-13-01", "2024-04-31", "2024-00-10"]) {
      const r = await so.gql(
        `mutation ($v: ID!, $d: Date!) { publishCriteriaSetVersion(versionId: $v, decisionNumber: "1/QĐ-UBND", decisionDate: $d) { __typename } }`,
        {
          v: draft,
          d: bad,
        },
      );
      expect(r.errors?.[0]?.extensions?.code, `${bad}: ${JSON.stringify(r)}`).toBe("BAD_USER_INPUT");
    }
    const ok = await mutate(
      so,
      "publishCriteriaSetVersion",
      "$v: ID!, $d: Date!",
      `versionId: $v, decisionNumber: "1/QĐ-UBND", decisionDate: $d`,
      "decisionDate",
      { v: draft, d: "2024-02-29" },
    );
    expect(expectSuccess(ok).decisionDate).toBe("2024-02-29");
  });

  it("publishing with a decision date after today (Vietnam time) is refused, naming decisionDate; today is accepted", async () => {
    const so = await api.as("so@ninhbinh.gov.vn");
    // 23:30 UTC is already the next day in Vietnam.
    api.setNow(new Date("2026-03-10T23:30:00Z"));
    try {
      expect(vietnamToday(new Date("2026-03-10T23:30:00Z"))).toBe("2026-03-11");
      const draft = await freshDraft(so);
      const publish = (d: string) =>
        mutate(
          so,
          "publishCriteriaSetVersion",
          "$v: ID!, $d: Date!",
          `versionId: $v, decisionNumber: "2/QĐ-UBND", decisionDate: $d`,
          "id",
          { v: draft, d },
        );
      const refused = expectError(await publish("2026-03-12"), "InputError");
      expect(refused.issues!.map((i) => i.field)).toEqual(["decisionDate"]);
      const status = await api.prisma.criteriaSetVersion.findUniqueOrThrow({
        where: { id: Buffer.from(draft, "base64").toString().split(":")[1]! },
      });
      expect(status.status).toBe("DRAFT");
      expectSuccess(await publish("2026-03-11"));
    } finally {
      api.setNow(null as unknown as Date);
    }
  });
});

/** A fresh draft of Ninh Bình's commune set (relay id). */
async function freshDraft(so: Client): Promise<string> {
  const pub = (
    await query(so, `{ criteriaSets(tenant: "ninh-binh", unitKind: "commune") { versions { id status } } }`)
  ).criteriaSets[0].versions.find((v: Json) => v.status === "PUBLISHED");
  return expectSuccess(
    await mutate(so, "cloneCriteriaSet", "$src: ID!", `sourceVersionId: $src, tenantId: "ninh-binh"`, "id", {
      src: pub.id,
    }),
  ).id;
}
