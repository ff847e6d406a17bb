/**
 * Two things a province sees in lists and in its own set:
 *
 * - A new version of a province's own set is an explicit choice: continue
 *   from the province's current published version (local criteria and own
 *   targets kept), or start over from the national framework — never a silent
 *   restart from the national base. The demo's ninh-binh-commune 1.0 has a
 *   stricter CQS-02 and a local criterion CQS-25.
 * - What the API lists by name is in Vietnamese order (Đ after D, "Hà Nội"
 *   before "Huế"), whatever collation the database has.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareVietnamese } from "@cds/criteria-schema";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import { expectError, expectSuccess, mutate, query, type Json } from "./helpers.ts";

let api: TestApi;
let so: Client;

const FIELDS = "id version status document set { code } basedOn { id version set { code } }";

const clone = (client: Client, vars: { src: string; startOver?: boolean }) =>
  mutate(
    client,
    "cloneCriteriaSet",
    "$src: ID!, $startOver: Boolean",
    `sourceVersionId: $src, tenantId: "ninh-binh", startOver: $startOver`,
    FIELDS,
    vars,
  );

interface Doc {
  basedOn?: { id: string; version: string };
  criteria: { code: string; local: boolean; targets: unknown[] }[];
}

async function setVersions(code: string): Promise<{ id: string; version: string; status: string }[]> {
  const d = await query(
    so,
    `query ($t: String!) { criteriaSets(tenant: $t, unitKind: "commune") { code versions { id version status } } }`,
    {
      t: code === "vn-2361-commune" ? "vn" : "ninh-binh",
    },
  );
  return d.criteriaSets.find((s: Json) => s.code === code).versions;
}

/** Drafts made by one test are removed so the next can make its own (one draft per set). */
async function dropDraftsOf(setId: string) {
  await api.prisma.criteriaSetVersion.deleteMany({ where: { setId, status: "DRAFT" } });
}

beforeAll(async () => {
  api = await setupApi();
  so = await api.as("so@ninhbinh.gov.vn");
});
afterAll(async () => {
  await api?.close();
});

describe("a new version when the province already has its own set", () => {
  let national: string;
  let own: string;

  beforeAll(async () => {
    national = (await setVersions("vn-2361-commune")).find((v) => v.status === "PUBLISHED")!.id;
    own = (await setVersions("ninh-binh-commune")).find((v) => v.status === "PUBLISHED")!.id;
  });

  it("refuses a silent restart from the national set, naming the choice (startOver) and the local criterion it would drop", async () => {
    const r = expectError(await clone(so, { src: national }), "InputError");
    expect(r.issues).toHaveLength(1);
    expect(r.issues![0]).toMatchObject({ field: "startOver" });
    expect(r.issues![0]!.message).toContain("CQS-25");
    expect(r.issues![0]!.message).toContain("ninh-binh-commune 1.0");
    expect(await api.prisma.criteriaSetVersion.count({ where: { setId: "ninh-binh-commune", status: "DRAFT" } })).toBe(
      0,
    );
  });

  it("(a) a new version from the province's current version keeps its local criterion and own targets; lineage stays national", async () => {
    const v = expectSuccess(await clone(so, { src: own }));
    expect(v).toMatchObject({ version: "2.0", status: "DRAFT", set: { code: "ninh-binh-commune" } });
    expect(v.basedOn).toMatchObject({ id: own, version: "1.0", set: { code: "ninh-binh-commune" } });
    const doc = v.document as Doc;
    expect(doc.basedOn).toEqual({ id: "vn-2361-commune", version: "1.0" });
    expect(doc.criteria.find((c) => c.code === "CQS-25")).toMatchObject({
      local: true,
      targets: [null, 50, 70, 90, 100],
    });
    expect(doc.criteria.find((c) => c.code === "CQS-02")!.targets).toEqual([30, 40, 60, 80, 90]);
    await dropDraftsOf("ninh-binh-commune");
  });

  it("(b) starting over from the national set is explicit (startOver: true) and drops the local criterion and own targets", async () => {
    const v = expectSuccess(await clone(so, { src: national, startOver: true }));
    expect(v).toMatchObject({ version: "2.0", status: "DRAFT", set: { code: "ninh-binh-commune" } });
    expect(v.basedOn).toMatchObject({ id: national, set: { code: "vn-2361-commune" } });
    const doc = v.document as Doc;
    expect(doc.basedOn).toEqual({ id: "vn-2361-commune", version: "1.0" });
    expect(doc.criteria.some((c) => c.code === "CQS-25")).toBe(false);
    expect(doc.criteria.find((c) => c.code === "CQS-02")!.targets).not.toEqual([30, 40, 60, 80, 90]);
    await dropDraftsOf("ninh-binh-commune");
  });

  it("a first clone into a province without its own set needs no choice", async () => {
    const district = (
      await query(so, `{ criteriaSets(tenant: "vn", unitKind: "district") { versions { id status } } }`)
    ).criteriaSets[0].versions[0].id;
    const v = expectSuccess(
      await mutate(so, "cloneCriteriaSet", "$src: ID!", `sourceVersionId: $src, tenantId: "ninh-binh"`, FIELDS, {
        src: district,
      }),
    );
    expect(v).toMatchObject({ version: "1.0", status: "DRAFT", set: { code: "ninh-binh-district" } });
  });
});

describe("lists by name are in Vietnamese order", () => {
  const sorted = (names: string[]) => [...names].sort(compareVietnamese);
  /** "Tỉnh Đắk Lắk" → "Đắk Lắk": the place name, for the spot checks. */
  const place = (n: string) => n.replace(/^(Tỉnh|Thành phố)\s+/, "");

  it("tenants: the provinces in Vietnamese order (Đ… between D and E, Hà Nội before Huế)", async () => {
    const d = await query(so, `{ tenants { code name kind } }`);
    const names: string[] = d.tenants.filter((t: Json) => t.kind === "PROVINCE").map((t: Json) => t.name);
    expect(names.length).toBeGreaterThan(30);
    expect(names).toEqual(sorted(names));
    const places = names.map(place);
    const firstD = places.findIndex((n) => n.startsWith("Đ"));
    expect(firstD).toBeGreaterThan(-1);
    expect(places.slice(firstD + 1).some((n) => /^[E-GH]/.test(n))).toBe(true);
    const hn = names.findIndex((n) => place(n) === "Hà Nội");
    const hue = names.findIndex((n) => place(n) === "Huế");
    if (hn >= 0 && hue >= 0 && names[hn]!.split(" ")[0] === names[hue]!.split(" ")[0]) expect(hn).toBeLessThan(hue);
  });

  it("nationalSummary, setDeviations: province rows in Vietnamese order", async () => {
    const year = new Date().getUTCFullYear();
    const s = await query(so, `query ($y: Int!) { nationalSummary(year: $y, unitKind: "commune") { name } }`, {
      y: year,
    });
    const summary: string[] = s.nationalSummary.map((r: Json) => r.name);
    expect(summary.length).toBeGreaterThan(30);
    expect(summary).toEqual(sorted(summary));
    const bo = await api.as("bo@cds.gov.vn");
    const deviations: string[] = (await query(bo, `{ setDeviations(unitKind: "commune") { name } }`)).setDeviations.map(
      (r: Json) => r.name,
    );
    expect(deviations.length).toBeGreaterThan(30);
    expect(deviations).toEqual(sorted(deviations));
  });
});
