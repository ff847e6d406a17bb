// Today's map through the API: units by date, lineage, a round on the two-tier map with the province's review
// chain (the Sở verifies, the provincial council appraises, UBND tỉnh recognises), merged provinces read-only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApi, type TestApi } from "../testing/harness.ts";
import {
  createUnitEditor,
  expectError,
  expectSuccess,
  mutate,
  query,
  valuesAtLevel,
  type Json,
  type SetDoc,
} from "./helpers.ts";

let api: TestApi;

/** The versions of a set (by its code) as `client` sees them. */
async function versionsOf(client: Parameters<typeof query>[0], code: string): Promise<Json[]> {
  const d = await query(client, `{ criteriaSets { code versions { id status document } } }`);
  return d.criteriaSets.find((s: Json) => s.code === code).versions;
}
let roundId: string;
let setDoc: SetDoc;

beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

describe("units on a day and their lineage", () => {
  it("lists the units valid on a day: 63 provinces before the reform, 34 after", async () => {
    const q = `query ($at: Date) { p: units(kind: "province", at: $at, first: 1) { totalCount } c: units(kind: "commune", at: $at, first: 1) { totalCount } }`;
    expect(await query(api.anon, q, { at: "2025-06-30" })).toEqual({
      p: { totalCount: 63 },
      c: { totalCount: 10_047 },
    });
    expect(await query(api.anon, q, { at: "2025-07-01" })).toEqual({ p: { totalCount: 34 }, c: { totalCount: 3_321 } });
    expect(await query(api.anon, q)).toEqual({ p: { totalCount: 34 }, c: { totalCount: 3_321 } });
  });

  it("reports what the merges file cannot say instead of guessing", async () => {
    const d = await query(
      api.anon,
      `{ adminMapReport { communesWithoutSuccessor predecessorsNotCommunes { newCode oldCode name foundAs } } }`,
    );
    expect(d.adminMapReport.communesWithoutSuccessor).toEqual([]);
    expect(d.adminMapReport.predecessorsNotCommunes).toHaveLength(5);
    expect(d.adminMapReport.predecessorsNotCommunes[0]).toEqual({
      newCode: "11948",
      oldCode: "318",
      name: "Huyện Bạch Long Vĩ",
      foundAs: "district",
    });
  });

  it("gives a new commune's predecessors with their merge kind, and an old commune's successor", async () => {
    const d = await query(
      api.anon,
      `{ unit(code: "13285") { name validFrom validTo map { id } predecessors { kind unit { code name validTo } } }
         old: unit(code: "13285", at: "2025-06-01") { name validTo successors { kind unit { code name map { id } } } } }`,
    );
    expect(d.unit).toMatchObject({
      name: "Phường Phủ Lý",
      validFrom: "2025-07-01",
      validTo: null,
      map: { id: "2025-07" },
    });
    expect(d.unit.predecessors).toEqual([
      { kind: "PARTIAL", unit: { code: "13285", name: "Phường Quang Trung", validTo: "2025-06-30" } },
      { kind: "FULL", unit: { code: "13294", name: "Phường Châu Cầu", validTo: "2025-06-30" } },
      { kind: "FULL", unit: { code: "13309", name: "Phường Liêm Chính", validTo: "2025-06-30" } },
      { kind: "FULL", unit: { code: "13315", name: "Phường Thanh Châu", validTo: "2025-06-30" } },
    ]);
    expect(d.old).toMatchObject({ name: "Phường Quang Trung", validTo: "2025-06-30" });
    expect(d.old.successors).toContainEqual({
      kind: "PARTIAL",
      unit: { code: "13285", name: "Phường Phủ Lý", map: { id: "2025-07" } },
    });
  });

  it("shows a new commune's predecessors with their last recognition, and the declared baseline rule", async () => {
    const d = await query(
      api.anon,
      `{ unit(code: "14560") { name
           predecessors { kind unit { code name lastRecognition { recognisedLevel recognitionDecision round { year } } } }
           baseline { rule ruleText level distribution recognised unrecognised } } }`,
    );
    expect(d.unit.name).toBe("Xã Yên Khánh");
    const byCode = new Map<string, Json>(d.unit.predecessors.map((p: Json) => [p.unit.code, p]));
    expect(byCode.get("14560")).toMatchObject({
      kind: "FULL",
      unit: { name: "Thị trấn Yên Ninh", lastRecognition: { recognisedLevel: 4, recognitionDecision: "360/QĐ-UBND" } },
    });
    expect(byCode.get("14581")!.unit.lastRecognition).toMatchObject({ recognisedLevel: 2 });
    expect(byCode.get("14587")!.unit.lastRecognition).toBeNull(); // submitted, never recognised
    expect(d.unit.baseline).toMatchObject({
      rule: "LOWEST_OF_PREDECESSORS",
      level: 2,
      distribution: [0, 0, 1, 0, 1, 0],
      recognised: 2,
      unrecognised: 2,
    });
    expect(d.unit.baseline.ruleText).toContain("thấp nhất");
  });

  it("a predecessor's last recognition is public, its working data is not", async () => {
    const q = `{ unit(code: "14560", at: "2025-06-01") { lastRecognition { recognisedLevel registeredLevel values { criterionCode } } } }`;
    expect((await query(api.anon, q)).unit.lastRecognition).toEqual({
      recognisedLevel: 4,
      registeredLevel: null,
      values: [],
    });
    const own = (await query(await api.as("so@ninhbinh.gov.vn"), q)).unit.lastRecognition;
    expect(own.registeredLevel).toBe(4);
    expect(own.values.length).toBeGreaterThan(0);
  });

  it("names the agency in charge on a day and the province's history", async () => {
    const d = await query(
      api.anon,
      `{ tenants { code validTo successor { code } agencyName(role: DEPARTMENT) before: agencyName(role: DEPARTMENT, at: "2025-01-15") } }`,
    );
    const byCode = new Map<string, Json>(d.tenants.map((t: Json) => [t.code, t]));
    expect(byCode.get("ninh-binh")).toMatchObject({
      validTo: null,
      agencyName: "Sở Khoa học và Công nghệ tỉnh Ninh Bình",
      before: "Sở Thông tin và Truyền thông tỉnh Ninh Bình",
    });
    expect(byCode.get("ha-nam")).toMatchObject({
      validTo: "2025-06-30",
      successor: { code: "ninh-binh" },
      agencyName: null,
    });
  });
});

describe("a round on the two-tier map", () => {
  it("offers only the commune framework: the district set is refused on today's map, naming the field", async () => {
    const so = await api.as("so@ninhbinh.gov.vn");
    const r = await mutate(
      so,
      "openRound",
      "$v: ID!",
      `tenantId: "ninh-binh", year: 2027, setVersionId: $v, submitDueAt: "2027-10-31", reviewDueAt: "2027-12-15"`,
      "id",
      {
        v: (await versionsOf(so, "vn-2361-district"))[0]!.id,
      },
    );
    const e = expectError(r, "InputError");
    expect(JSON.stringify(e)).toContain("setVersionId");
  });

  it("opens on the map in force on 1 January, with the province's chain, over the new communes", async () => {
    const so = await api.as("so@ninhbinh.gov.vn");
    const published = (await versionsOf(so, "ninh-binh-commune")).find((v: Json) => v.status === "PUBLISHED")!;
    setDoc = published.document as SetDoc;
    const r = expectSuccess(
      await mutate(
        so,
        "openRound",
        "$v: ID!",
        `tenantId: "ninh-binh", year: 2027, setVersionId: $v, submitDueAt: "2027-10-31", reviewDueAt: "2027-12-15"`,
        "id map { id } reviewChain { verify { roles at } appraise { roles at } recognise { roles at } }",
        { v: published.id },
      ),
    );
    roundId = r.id;
    const round = await api.prisma.round.findFirstOrThrow({ where: { tenantId: "ninh-binh", year: 2027 } });
    expect(r.map).toEqual({ id: "2025-07" });
    expect(r.reviewChain).toEqual({
      verify: { roles: ["PROVINCE_ADMIN"], at: "PROVINCE" },
      appraise: { roles: ["APPRAISER"], at: "PROVINCE" },
      recognise: { roles: ["PROVINCE_LEADER"], at: "PROVINCE" },
    });
    expect(await api.prisma.assessment.count({ where: { roundId: round.id } })).toBe(129);
    expect(
      await api.prisma.assessment.count({ where: { roundId: round.id, unit: { mapId: { not: "2025-07" } } } }),
    ).toBe(0);
  });

  it("a new commune self-assesses; the Sở verifies, the council appraises, UBND tỉnh recognises", async () => {
    const editor = await api.as(await createUnitEditor(api, "13285", "2025-07"));
    const so = await api.as("so@ninhbinh.gov.vn");
    const council = await api.as("thamdinh@ninhbinh.gov.vn");
    const leader = await api.as("lanhdao@ninhbinh.gov.vn");
    const officer = await api.as("phong.yenkhanh@ninhbinh.gov.vn");
    const a = (
      await query(
        editor,
        `query ($r: ID!) { assessments(roundId: $r, unitCode: "13285") { edges { node { id version } } } }`,
        {
          r: roundId,
        },
      )
    ).assessments.edges[0].node;
    let version: number = a.version;
    const step = async (client: typeof so, name: string, args: string, vars: Record<string, unknown> = {}) => {
      const res = expectSuccess(
        await mutate(
          client,
          name,
          "$id: ID!, $v: Int!" + (args ? "" : ""),
          `assessmentId: $id, version: $v${args}`,
          "version status",
          { id: a.id, v: version, ...vars },
        ),
      );
      version = res.version;
      return res.status as string;
    };
    await step(editor, "registerLevel", ", level: 2");
    const values = valuesAtLevel(setDoc, 2);
    const saved = expectSuccess(
      await mutate(
        editor,
        "saveIndicatorValues",
        "$id: ID!, $v: Int!, $values: JSON!",
        "assessmentId: $id, version: $v, values: $values",
        "version",
        {
          id: a.id,
          v: version,
          values,
        },
      ),
    );
    version = saved.version;
    expect(await step(editor, "submitAssessment", "")).toBe("SUBMITTED");
    // The district officer of the old map has no place in this chain: the new commune is not even his to read.
    expectError(
      await mutate(officer, "verifyAssessment", "$id: ID!, $v: Int!", "assessmentId: $id, version: $v", "version", {
        id: a.id,
        v: version,
      }),
      "NotFoundError",
    );
    expect(await step(so, "verifyAssessment", "")).toBe("VERIFIED");
    expect(await step(council, "appraiseAssessment", "")).toBe("APPRAISED");
    // The Sở prepares the decision but does not sign it on this map.
    const decision = `, decisionNumber: "12/QĐ-UBND", decisionDate: "2026-11-20"`;
    expectError(
      await mutate(
        so,
        "recogniseAssessment",
        "$id: ID!, $v: Int!",
        `assessmentId: $id, version: $v${decision}`,
        "version",
        { id: a.id, v: version },
      ),
      "ForbiddenError",
    );
    expect(await step(leader, "recogniseAssessment", decision)).toBe("RECOGNISED");
  });
});

describe("a new commune's staff read their predecessors' records", () => {
  it("the editor of the new Xã Yên Khánh reads old Thị trấn Yên Ninh's working values; another commune's editor does not", async () => {
    const old = await api.prisma.assessment.findFirstOrThrow({
      where: { unit: { mapId: "2025-03", code: "14560" }, status: "RECOGNISED" },
    });
    const id = Buffer.from(`Assessment:${old.id}`).toString("base64");
    const q = `query ($id: ID!) { assessment(id: $id) { values { criterionCode } } }`;
    const heir = await api.as(await createUnitEditor(api, "14560", "2025-07"));
    const r = await heir.gql(q, { id });
    expect(r.errors).toBeUndefined();
    expect(r.data!.assessment.values.length).toBeGreaterThan(0);
    const stranger = await api.as(await createUnitEditor(api, "14608", "2025-07"));
    const s = await stranger.gql(q, { id });
    // A "work" field refused reads as empty.
    expect(s.errors).toBeUndefined();
    expect(s.data!.assessment.values).toEqual([]);
  });
});

describe("a merged province is read-only history", () => {
  it("its own Sở can no longer open a round; the successor's Sở may not open one for it either", async () => {
    const old = await api.as("so@hanam.gov.vn");
    const v = (await versionsOf(old, "vn-2361-commune"))[0]!.id;
    const args = `tenantId: "ha-nam", year: 2024, setVersionId: $v, submitDueAt: "2024-10-31", reviewDueAt: "2024-12-15", mapId: "2025-03"`;
    expectError(await mutate(old, "openRound", "$v: ID!", args, "id", { v }), "ForbiddenError");
    expectError(
      await mutate(await api.as("so@ninhbinh.gov.vn"), "openRound", "$v: ID!", args, "id", { v }),
      "ForbiddenError",
    );
  });
});

describe("the national summary across the reform", () => {
  const NATIONAL = `query ($y: Int!, $m: String, $t: Boolean) { nationalSummary(year: $y, unitKind: "commune", mapId: $m, asToday: $t) {
    tenantId units assessed recognised byLevel basicOrAbove { numerator denominator } mapId successorId convertedFrom conversionRule } }`;

  it("counts on the map the year's rounds used, else the map in force on 1 January: 34 provinces, today's units", async () => {
    // The suites' fixture ran this year's rounds on the three-tier map: the default follows them.
    const used = (await query(api.anon, NATIONAL, { y: 2026 })).nationalSummary as Json[];
    expect(used).toHaveLength(63);
    expect(used[0]!.mapId).toBe("2025-03");
    // A year without rounds counts on the map in force.
    const rows = (await query(api.anon, NATIONAL, { y: 2028 })).nationalSummary as Json[];
    expect(rows).toHaveLength(34);
    expect(rows.find((r) => r.tenantId === "ninh-binh")).toMatchObject({
      units: 129,
      mapId: "2025-07",
      convertedFrom: null,
    });
    expect(rows.reduce((n, r) => n + r.units, 0)).toBe(3_321);
  });

  it("shows the 63 old provinces on the three-tier map, and converts them to today's 34 by the declared rule", async () => {
    const old = (await query(api.anon, NATIONAL, { y: 2026, m: "2025-03" })).nationalSummary as Json[];
    expect(old).toHaveLength(63);
    expect(old.find((r) => r.tenantId === "ha-nam")).toMatchObject({ successorId: "ninh-binh", mapId: "2025-03" });
    const converted = (await query(api.anon, NATIONAL, { y: 2026, m: "2025-03", t: true })).nationalSummary as Json[];
    expect(converted).toHaveLength(34);
    const nb = converted.find((r) => r.tenantId === "ninh-binh")!;
    const parts = old.filter((r) => ["ha-nam", "nam-dinh", "ninh-binh"].includes(r.tenantId));
    expect(nb.convertedFrom).toEqual(["ha-nam", "nam-dinh", "ninh-binh"]);
    expect(nb.conversionRule).toContain("cộng");
    expect(nb.units).toBe(parts.reduce((n, r) => n + r.units, 0));
    expect(nb.recognised).toBe(parts.reduce((n, r) => n + r.recognised, 0));
    expect(nb.basicOrAbove.denominator).toBe(nb.units);
    // An unknown map is refused naming the field, not answered with no rows.
    const bad = await api.anon.gql(
      `{ nationalSummary(year: 2026, unitKind: "commune", mapId: "2024-01") { tenantId } }`,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_INPUT");
    expect(bad.errors?.[0]?.message).toContain("mapId");
    // A province that did not merge is shown as measured, with no rule.
    expect(converted.find((r) => r.tenantId === "ha-noi")).toMatchObject({ convertedFrom: null, conversionRule: null });
  });
});
