/**
 * What anyone may see without signing in, the accent-insensitive unit search,
 * and the server's limits: query depth and aliases, request size (also over a
 * real socket with a chunked body), masked internal errors, GraphiQL.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpHandler } from "../http.ts";
import { setupApi, type TestApi } from "../testing/harness.ts";
import { assessmentOf, expectError, expectSuccess, mutate, query, queryError, type Json } from "./helpers.ts";

let api: TestApi;

beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

describe("anonymous visitors", () => {
  let draftVersionId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const so = await api.as("so@ninhbinh.gov.vn");
    const pub = (await query(so, `{ criteriaSets(tenant: "ninh-binh") { versions { id } } }`)).criteriaSets[0]
      .versions[0];
    const draft = expectSuccess(
      await mutate(so, "cloneCriteriaSet", "$src: ID!", `sourceVersionId: $src, tenantId: "ninh-binh"`, "id", {
        src: pub.id,
      }),
    );
    draftVersionId = draft.id;
    const officer = await api.as("phong.yenkhanh@ninhbinh.gov.vn");
    for (const code of ["14560", "14563", "14566", "14572"]) ids[code] = (await assessmentOf(officer, code, "id")).id;
  });

  it("see published sets only", async () => {
    const d = await query(api.anon, `{ criteriaSets { code tenant { code } versions { id status } } }`);
    const codes = d.criteriaSets.map((s: Json) => s.code);
    expect(codes).toEqual(expect.arrayContaining(["vn-2361-commune", "vn-2361-district", "ninh-binh-commune"]));
    for (const s of d.criteriaSets) for (const v of s.versions) expect(v.status).not.toBe("DRAFT");
    expect(d.criteriaSets.flatMap((s: Json) => s.versions.map((v: Json) => v.id))).not.toContain(draftVersionId);
    await queryError(
      api.anon,
      `query ($id: ID!) { criteriaSetVersion(id: $id) { id } }`,
      { id: draftVersionId },
      "NOT_FOUND",
    );
  });

  it("see RECOGNISED assessments with their evaluation, but no values, evidence, comments or history", async () => {
    const d = await query(
      api.anon,
      `{ assessments(unitCode: "375", first: 50) { edges { node {
        status recognisedLevel recognitionDecision unit { code } evaluation { level levelName }
        values { criterionCode } evidence { id } comments { body } history { action }
      } } } }`,
    );
    const nodes = d.assessments.edges.map((e: Json) => e.node);
    const expected = await api.prisma.assessment.count({
      where: { status: "RECOGNISED", unit: { path: { startsWith: "37/375/" } } },
    });
    expect(nodes).toHaveLength(expected);
    expect(nodes.map((n: Json) => n.unit.code).sort()).toEqual(["14560", "14578", "14581"]);
    for (const n of nodes) {
      expect(n.status).toBe("RECOGNISED");
      expect(n.evaluation.level).toBe(n.recognisedLevel);
      expect(n.recognitionDecision).toBeTruthy();
      expect(n).toMatchObject({ values: [], evidence: [], comments: [], history: [] });
    }
    // The same assessment as its editor's officer: the working data are there.
    const officer = await api.as("phong.yenkhanh@ninhbinh.gov.vn");
    const full = (
      await query(officer, `query ($id: ID!) { assessment(id: $id) { values { criterionCode } history { action } } }`, {
        id: ids["14560"],
      })
    ).assessment;
    expect(full.values.length).toBeGreaterThan(0);
    expect(full.history.length).toBeGreaterThan(0);
    const one = (
      await query(
        api.anon,
        `query ($id: ID!) { assessment(id: $id) { status values { criterionCode } history { action } } }`,
        { id: ids["14560"] },
      )
    ).assessment;
    expect(one).toEqual({ status: "RECOGNISED", values: [], history: [] });
  });

  it("cannot see DRAFT, SUBMITTED or VERIFIED assessments (NOT_FOUND)", async () => {
    for (const code of ["14563", "14566", "14572"]) {
      await queryError(api.anon, `query ($id: ID!) { assessment(id: $id) { status } }`, { id: ids[code] }, "NOT_FOUND");
    }
    const d = await query(
      api.anon,
      `{ assessments(status: [DRAFT, SUBMITTED, RETURNED, VERIFIED, APPRAISED], first: 50) { edges { node { id } } } }`,
    );
    expect(d.assessments.edges).toEqual([]);
  });

  it("`me` is null", async () => {
    expect(await query(api.anon, `{ me { id email } }`)).toEqual({ me: null });
  });

  it("mutations return UnauthenticatedError", async () => {
    const results = [
      await mutate(api.anon, "registerLevel", "$id: ID!", "assessmentId: $id, version: 1, level: 3", "id", {
        id: ids["14563"],
      }),
      await mutate(api.anon, "saveIndicatorValues", "$id: ID!", `assessmentId: $id, version: 1, values: {}`, "id", {
        id: ids["14563"],
      }),
      await mutate(api.anon, "cloneCriteriaSet", "$src: ID!", `sourceVersionId: $src, tenantId: "ninh-binh"`, "id", {
        src: "v_vn-2361-commune_1.0",
      }),
      await mutate(api.anon, "submitProvinceReport", "$y: Int!", `tenantId: "ninh-binh", year: $y`, "id", { y: 2026 }),
      await mutate(api.anon, "createApiKey", "$n: String!", `tenantId: "ninh-binh", name: $n`, "key", { n: "khoá" }),
    ];
    for (const r of results) {
      const e = expectError(r, "UnauthenticatedError");
      expect(e.code).toBe("UNAUTHENTICATED");
    }
    const logout = await api.anon.gql(`mutation { logout { __typename ... on Error { code } } }`);
    expect(logout.data!.logout).toEqual({ __typename: "UnauthenticatedError", code: "UNAUTHENTICATED" });
  });
});

describe("unit search", () => {
  it('"yen hoa" finds Phường Yên Hoà (00172) and Xã Yên Hoa, not Huyện Hoàng Su Phì', async () => {
    // On the three-tier map (the units valid on 30/06/2025).
    const d = await query(
      api.anon,
      `{ units(search: "yen hoa", at: "2025-06-30", first: 100) { edges { node { code name } } } }`,
    );
    const nodes: { code: string; name: string }[] = d.units.edges.map((e: Json) => e.node);
    expect(nodes).toContainEqual({ code: "00172", name: "Phường Yên Hoà" });
    expect(nodes.some((n) => n.name === "Xã Yên Hoa")).toBe(true);
    expect(nodes.some((n) => n.name.includes("Hoàng Su Phì"))).toBe(false);
    expect(await api.prisma.unit.count({ where: { name: "Huyện Hoàng Su Phì" } })).toBe(1);
    // Today (the two-tier map) the search finds today's units only.
    const today = await query(
      api.anon,
      `{ units(search: "yen hoa", first: 100) { edges { node { code name validTo } } } }`,
    );
    expect(today.units.edges.length).toBeGreaterThan(0);
    expect(today.units.edges.every((e: Json) => e.node.validTo === null)).toBe(true);
    // With diacritics and odd spacing it is the same search.
    const accented = await query(
      api.anon,
      `{ units(search: "  Yên   Hòa ", at: "2025-06-30", first: 100) { edges { node { code } } } }`,
    );
    expect(accented.units.edges.map((e: Json) => e.node.code).sort()).toEqual(nodes.map((n) => n.code).sort());
  });
});

describe("limits", () => {
  it("a query nested deeper than 12 levels is rejected", async () => {
    let sel = "code";
    for (let i = 0; i < 13; i++) sel = `parent { ${sel} }`;
    const r = await api.anon.gql(`{ unit(code: "00172") { ${sel} } }`);
    expect(r.errors?.[0]?.message, JSON.stringify(r)).toMatch(/depth/i);
    expect(r.data?.unit ?? null).toBeNull();
    // Within the limit it runs.
    let ok = "code";
    for (let i = 0; i < 2; i++) ok = `parent { ${ok} }`;
    expect((await query(api.anon, `{ unit(code: "00172") { ${ok} } }`)).unit.parent.parent.code).toBe("01");
  });

  it("a query with 40 aliases is rejected", async () => {
    const fields = Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join("\n");
    const r = await api.anon.gql(`{ ${fields} }`);
    expect(r.errors?.[0]?.message, JSON.stringify(r)).toMatch(/alias/i);
    expect(r.data).toBeUndefined();
  });

  it("a JSON body over 2 MB gets HTTP 413", async () => {
    const body = JSON.stringify({ query: "{ me { id } }", variables: { pad: "x".repeat(2 * 1024 * 1024) } });
    const res = await api.platform.app.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
      body,
    });
    expect(res.status).toBe(413);
    const json = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(json.errors[0]!.extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });

  describe("over a real socket", () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createServer(createHttpHandler(api.platform));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    });
    afterAll(() => {
      server.close();
    });
    const big = () =>
      new TextEncoder().encode(
        JSON.stringify({ query: "{ me { id } }", variables: { pad: "x".repeat(3 * 1024 * 1024) } }),
      );

    it("a 3 MB JSON body with content-length gets 413", async () => {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: big() });
      expect(res.status).toBe(413);
    });

    it("a 3 MB JSON body sent chunked (no content-length) gets 413 too", async () => {
      const bytes = big();
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) c.enqueue(bytes.slice(i, i + 64 * 1024));
          c.close();
        },
      });
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit);
      expect(res.status).toBe(413);
    });
  });

  it("an unexpected internal error is masked (no database detail leaks)", async () => {
    // A table gone from under the resolvers: the driver fails, which no resolver expects.
    // (A NUL byte used to be the way; it is now refused up front as BAD_USER_INPUT, see server.test.ts.)
    await api.platform.db.sql.query(`ALTER TABLE "Unit" RENAME TO "Unit_gone"`);
    try {
      const r = await api.anon.gql(`{ unit(code: "00172") { id } }`);
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0]!.message).toBe("Unexpected error.");
      expect(r.errors![0]!.extensions).toEqual({ code: "INTERNAL" });
      expect(JSON.stringify(r)).not.toMatch(/Unit_gone|relation|Prisma|Adapter|stack/i);
    } finally {
      await api.platform.db.sql.query(`ALTER TABLE "Unit_gone" RENAME TO "Unit"`);
    }
  });

  it("an invalid variable value is reported as bad input with the scalar's message, not as an internal error", async () => {
    const so = await api.as("so@ninhbinh.gov.vn");
    const r = await so.gql(
      `mutation ($d: Date!) { publishCriteriaSetVersion(versionId: "v_vn-2361-commune_1.0", decisionNumber: "12/QĐ", decisionDate: $d) { __typename } }`,
      { d: "01/03/2026" },
    );
    expect(r.errors, JSON.stringify(r)).toHaveLength(1);
    expect(r.errors![0]!.extensions?.code).not.toBe("INTERNAL");
    expect(r.errors![0]!.message).toContain("yyyy-mm-dd");
  });

  it("a query with a bad value of one of our scalars names the scalar's rule too (it runs on graphql-js, not compiled)", async () => {
    const r = await api.anon.gql(`query ($at: Date) { unit(at: $at, code: "01") { code } }`, { at: "01/03/2026" });
    expect(r.errors, JSON.stringify(r)).toHaveLength(1);
    expect(r.errors![0]!.extensions?.code).not.toBe("INTERNAL");
    expect(r.errors![0]!.message).toContain("yyyy-mm-dd");
  });

  it("a compiled query (built-in scalar variables) answers as graphql-js would: data, a bad variable named, nulls", async () => {
    const ok = await api.anon.gql(`query ($c: String!) { unit(code: $c) { code name } }`, { c: "01" });
    expect(ok.errors).toBeUndefined();
    expect((ok.data as { unit: { code: string } }).unit.code).toBe("01");
    const none = await api.anon.gql(`query ($c: String!) { unit(code: $c) { code } }`, { c: "no-such-unit" });
    expect(none.errors).toBeUndefined();
    expect(none.data).toEqual({ unit: null });
    const bad = await api.anon.gql(`query ($c: String!) { unit(code: $c) { code } }`, { c: 42 });
    expect(bad.errors, JSON.stringify(bad)).toHaveLength(1);
    expect(bad.errors![0]!.message).toContain("$c");
    expect(bad.errors![0]!.extensions?.code).not.toBe("INTERNAL");
  });

  it("a query with a JSON literal beside a variable answers as the same query with the literal inline", async () => {
    const q = (b: string) => `{ score(builtIn: "${b}", values: {}) { ... on Score { scoreText } } }`;
    const inline = await api.anon.gql(q("mau-dti-xa"));
    const withVariable = await api.anon.gql(
      `query ($b: String) { score(builtIn: $b, values: {}) { ... on Score { scoreText } } }`,
      { b: "mau-dti-xa" },
    );
    expect(inline.errors).toBeUndefined();
    expect(withVariable.data).toEqual(inline.data);
  });

  it("a malformed global id is a client error, not an internal one", async () => {
    const r = await api.anon.gql(`{ node(id: "garbage") { id } }`);
    expect(r.errors, JSON.stringify(r)).toHaveLength(1);
    expect(r.errors![0]!.extensions?.code, JSON.stringify(r)).not.toBe("INTERNAL");
  });

  it("GraphiQL: GET /graphql with accept: text/html returns HTML", async () => {
    const res = await api.platform.app.fetch("http://localhost/graphql", {
      method: "GET",
      headers: { accept: "text/html" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toMatch(/<html/i);
    expect(html).toContain("Bộ tiêu chí chuyển đổi số — GraphQL");
  });
});
