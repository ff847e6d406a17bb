/**
 * Criteria sets through the API: clone the national district set into Ninh
 * Bình, edit the draft (validation with JSON pointers, optimistic revision),
 * publish with a decision, immutability after publishing, a new version of
 * the same set, diff, the stateless evaluate / gaps queries and the impact
 * of a draft on the demo commune round.
 *
 * The tests in the "district set lifecycle" block run in order and share the
 * draft they create.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import {
  expectError,
  expectSuccess,
  mutate,
  query,
  queryError,
  valuesAtLevel,
  type Json,
  type SetDoc,
} from "./helpers.ts";

let api: TestApi;
let so: Client;

const VERSION_FIELDS = `
  id version status revision decisionNumber decisionDate publishedAt document
  set { code tenant { code } }
  basedOn { id version set { code } }
`;

const clone = (client: Client, vars: Record<string, unknown>, selection = VERSION_FIELDS) =>
  mutate(
    client,
    "cloneCriteriaSet",
    "$src: ID!, $tenant: String!, $setId: String",
    "sourceVersionId: $src, tenantId: $tenant, setId: $setId",
    selection,
    vars,
  );

const update = (client: Client, vars: { id: string; document: unknown; revision: number }) =>
  mutate(
    client,
    "updateCriteriaSetDraft",
    "$id: ID!, $document: JSON!, $revision: Int!",
    "versionId: $id, document: $document, revision: $revision",
    VERSION_FIELDS,
    vars,
  );

const publish = (client: Client, vars: { id: string; number: string; date: string }) =>
  mutate(
    client,
    "publishCriteriaSetVersion",
    "$id: ID!, $number: String!, $date: Date!",
    "versionId: $id, decisionNumber: $number, decisionDate: $date",
    VERSION_FIELDS,
    vars,
  );

async function version(client: Client, id: string, extra = ""): Promise<Json> {
  return (
    await query(client, `query ($id: ID!) { criteriaSetVersion(id: $id) { ${VERSION_FIELDS} ${extra} } }`, { id })
  ).criteriaSetVersion;
}

const clone_ = <T>(x: T): T => structuredClone(x);
const indexOf = (doc: SetDoc, code: string) => doc.criteria.findIndex((c) => c.code === code);

beforeAll(async () => {
  api = await setupApi();
  so = await api.as("so@ninhbinh.gov.vn");
});
afterAll(async () => {
  await api?.close();
});

describe("district set lifecycle (ordered)", () => {
  let draftId: string;
  let draftDoc: SetDoc;
  let revision: number;
  let nationalRelayId: string;

  it("finds vn-2361-district 1.0 by relay id and clones it into ninh-binh as a DRAFT based on it", async () => {
    const d = await query(
      so,
      `{ criteriaSets(tenant: "vn", unitKind: "district") { code versions { id version status } } }`,
    );
    const set = d.criteriaSets.find((s: Json) => s.code === "vn-2361-district");
    expect(set.versions).toHaveLength(1);
    expect(set.versions[0]).toMatchObject({ version: "1.0", status: "PUBLISHED" });
    nationalRelayId = set.versions[0].id;
    expect(Buffer.from(nationalRelayId, "base64").toString()).toBe("CriteriaSetVersion:v_vn-2361-district_1.0");

    const v = expectSuccess(await clone(so, { src: nationalRelayId, tenant: "ninh-binh" }));
    expect(v).toMatchObject({ version: "1.0", status: "DRAFT", revision: 1, decisionNumber: null, publishedAt: null });
    expect(v.set).toEqual({ code: "ninh-binh-district", tenant: { code: "ninh-binh" } });
    expect(v.basedOn).toMatchObject({ id: nationalRelayId, version: "1.0", set: { code: "vn-2361-district" } });
    expect(v.document).toMatchObject({
      id: "ninh-binh-district",
      version: "1.0",
      unitKind: "district",
      basedOn: { id: "vn-2361-district", version: "1.0" },
      issuer: { tenant: "ninh-binh" },
    });
    expect(v.document.issuer.decisionNumber).toBeUndefined();
    draftId = v.id;
    draftDoc = v.document;
    revision = v.revision;

    // Untouched clone: same criteria as the base.
    const fresh = await version(
      so,
      draftId,
      "diffFromBase { stricter looser changed { code } added { code } removed { code } } issues { pointer }",
    );
    expect(fresh.diffFromBase).toEqual({ stricter: 0, looser: 0, changed: [], added: [], removed: [] });
    expect(fresh.issues).toEqual([]);
  });

  it("refuses a clone without the CSRF token, and by someone who does not manage the tenant's sets", async () => {
    const noCsrf = await api.as("so@ninhbinh.gov.vn");
    noCsrf.csrf = null;
    const r = expectError(
      await clone(noCsrf, { src: nationalRelayId, tenant: "ninh-binh", setId: "ninh-binh-district-x" }),
      "ForbiddenError",
    );
    expect(r.message).toContain("CSRF");
    const editor = await api.as("xa.khanhthien@ninhbinh.gov.vn");
    expectError(
      await clone(editor, { src: nationalRelayId, tenant: "ninh-binh", setId: "ninh-binh-district-x" }),
      "ForbiddenError",
    );
    const hanoi = await api.as("so@hanoi.gov.vn");
    expectError(
      await clone(hanoi, { src: nationalRelayId, tenant: "ninh-binh", setId: "ninh-binh-district-x" }),
      "ForbiddenError",
    );
    // Another province cannot even see Ninh Bình's draft; anonymous neither.
    await queryError(hanoi, `query ($id: ID!) { criteriaSetVersion(id: $id) { id } }`, { id: draftId }, "NOT_FOUND");
    await queryError(api.anon, `query ($id: ID!) { criteriaSetVersion(id: $id) { id } }`, { id: draftId }, "NOT_FOUND");
    expect(await api.prisma.criteriaSet.count({ where: { id: "ninh-binh-district-x" } })).toBe(0);
  });

  it("a stricter target shows in diffFromBase as stricter and bumps the revision", async () => {
    const doc = clone_(draftDoc);
    const i = indexOf(doc, "CQS-01");
    expect(doc.criteria[i]!.targets).toEqual([70, 80, 90, 100, 100]);
    doc.criteria[i]!.targets = [80, 85, 95, 100, 100];
    const v = expectSuccess(await update(so, { id: draftId, document: doc, revision }));
    expect(v.revision).toBe(revision + 1);
    expect(v.status).toBe("DRAFT");
    expect(v.document.criteria[i].targets).toEqual([80, 85, 95, 100, 100]);
    revision = v.revision;
    draftDoc = v.document;

    const d = await version(
      so,
      draftId,
      "diffFromBase { from to stricter looser changed { code direction targets { level from to change } } }",
    );
    expect(d.diffFromBase.from).toBe("vn-2361-district@1.0");
    expect(d.diffFromBase.to).toBe("ninh-binh-district@1.0");
    expect(d.diffFromBase.stricter).toBe(1);
    expect(d.diffFromBase.looser).toBe(0);
    expect(d.diffFromBase.changed).toHaveLength(1);
    expect(d.diffFromBase.changed[0].code).toBe("CQS-01");
    expect(d.diffFromBase.changed[0].direction).toBe("stricter");
    expect(d.diffFromBase.changed[0].targets.map((t: Json) => [t.level, t.change])).toEqual([
      [1, "stricter"],
      [2, "stricter"],
      [3, "stricter"],
    ]);
  });

  it("an invalid document returns InvalidSetError with JSON pointers and saves nothing", async () => {
    const cases: { name: string; doc: SetDoc; expected: { code: string; pointer: string }[] }[] = [];
    {
      const doc = clone_(draftDoc);
      const i = indexOf(doc, "CQS-02");
      doc.criteria[i]!.code = "CQS-01";
      cases.push({
        name: "duplicate code",
        doc,
        expected: [{ code: "duplicate_criterion_code", pointer: `/criteria/${i}/code` }],
      });
    }
    {
      const doc = clone_(draftDoc);
      const i = indexOf(doc, "CQS-02");
      doc.criteria[i]!.targets = [20, 30, 10, 80, 90];
      cases.push({
        name: "falling target",
        doc,
        expected: [{ code: "target_falls", pointer: `/criteria/${i}/targets/2` }],
      });
    }
    {
      const doc = clone_(draftDoc);
      const i = indexOf(doc, "CQS-03");
      (doc.criteria[i]!.targets as unknown[])[0] = "75%";
      cases.push({ name: "wrong shape", doc, expected: [{ code: "shape", pointer: `/criteria/${i}/targets/0` }] });
    }
    {
      const doc = clone_(draftDoc);
      doc.id = "some-other-set";
      cases.push({ name: "id fixed by the set", doc, expected: [{ code: "shape", pointer: "/id" }] });
    }
    for (const c of cases) {
      const r = expectError(await update(so, { id: draftId, document: c.doc, revision }), "InvalidSetError");
      expect(r.code).toBe("INVALID_SET");
      expect(
        r.issues!.map((i) => ({ code: i.code, pointer: i.pointer })),
        c.name,
      ).toEqual(c.expected);
      for (const i of r.issues!) {
        expect(i.pointer).toBe(i.path.map((p: string) => `/${p}`).join(""));
        expect(i.message.length).toBeGreaterThan(0);
      }
    }
    // The wrong-shape issue names the criterion, not only its index.
    const shape = expectError(await update(so, { id: draftId, document: cases[2]!.doc, revision }), "InvalidSetError");
    expect(shape.issues![0]!.message).toMatch(/^CQS-03: /);
    // Not JSON object at all.
    const notObject = expectError(await update(so, { id: draftId, document: [1, 2, 3], revision }), "InvalidSetError");
    expect(notObject.issues!.length).toBeGreaterThan(0);

    const v = await version(so, draftId);
    expect(v.revision).toBe(revision);
    expect(v.document).toEqual(draftDoc);
  });

  it("a stale revision gets ConflictError with the current revision, and nothing changes", async () => {
    const doc = clone_(draftDoc);
    doc.title = "Bộ tiêu chí cấp huyện tỉnh Ninh Bình (bản sửa cũ)";
    const r = expectError(await update(so, { id: draftId, document: doc, revision: revision - 1 }), "ConflictError");
    expect(r.code).toBe("CONFLICT");
    expect(r.currentVersion).toBe(revision);
    const v = await version(so, draftId);
    expect(v.revision).toBe(revision);
    expect(v.document.title).toBe(draftDoc.title);
  });

  it("publishes with a decision number and date: PUBLISHED, the document's issuer carries the decision", async () => {
    const bad = expectError(await publish(so, { id: draftId, number: "  ", date: "2026-03-01" }), "InputError");
    expect(bad.issues!.map((i) => i.field)).toEqual(["decisionNumber"]);
    // A day that does not exist never reaches the service: the Date scalar refuses it.
    const badDate = await so.gql(
      `mutation ($id: ID!, $d: Date!) { publishCriteriaSetVersion(versionId: $id, decisionNumber: "88/QĐ-UBND", decisionDate: $d) { __typename } }`,
      {
        id: draftId,
        d: "2026-02-30",
      },
    );
    expect(badDate.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await version(so, draftId)).status).toBe("DRAFT");

    const v = expectSuccess(await publish(so, { id: draftId, number: "88/QĐ-UBND", date: "2026-03-01" }));
    expect(v).toMatchObject({ status: "PUBLISHED", decisionNumber: "88/QĐ-UBND", decisionDate: "2026-03-01" });
    expect(v.publishedAt).toBeTruthy();
    expect(v.document.issuer).toMatchObject({
      tenant: "ninh-binh",
      decisionNumber: "88/QĐ-UBND",
      decisionDate: "2026-03-01",
    });
    const { issuer: _i1, ...rest } = v.document;
    const { issuer: _i2, ...before } = draftDoc;
    expect(rest).toEqual(before);
    draftDoc = v.document;
    // Now public.
    const anon = (await query(api.anon, `query ($id: ID!) { criteriaSetVersion(id: $id) { status } }`, { id: draftId }))
      .criteriaSetVersion;
    expect(anon.status).toBe("PUBLISHED");
  });

  it("a published version cannot be edited (WorkflowError, document unchanged) nor published again", async () => {
    const doc = clone_(draftDoc);
    doc.criteria[indexOf(doc, "CQS-01")]!.targets = [90, 90, 95, 100, 100];
    const current = await version(so, draftId);
    const r = expectError(
      await update(so, { id: draftId, document: doc, revision: current.revision }),
      "WorkflowError",
    );
    expect(r.code).toBe("WORKFLOW");
    const again = expectError(
      await publish(so, { id: draftId, number: "99/QĐ-UBND", date: "2026-04-01" }),
      "WorkflowError",
    );
    expect(again.message).toContain("đã được công bố");
    const after = await version(so, draftId);
    expect(after).toEqual(current);
    expect(after.decisionNumber).toBe("88/QĐ-UBND");
  });

  let v2Id: string;
  it("a second clone into the same set is version 2.0, based on 1.0, keeping the national lineage", async () => {
    const v = expectSuccess(await clone(so, { src: draftId, tenant: "ninh-binh" }));
    expect(v).toMatchObject({ version: "2.0", status: "DRAFT", revision: 1 });
    expect(v.set.code).toBe("ninh-binh-district");
    expect(v.basedOn).toMatchObject({ id: draftId, version: "1.0", set: { code: "ninh-binh-district" } });
    expect(v.document).toMatchObject({
      id: "ninh-binh-district",
      version: "2.0",
      basedOn: { id: "vn-2361-district", version: "1.0" },
    });
    v2Id = v.id;
    // One draft per set at a time.
    const third = expectError(await clone(so, { src: nationalRelayId, tenant: "ninh-binh" }), "WorkflowError");
    expect(third.message).toContain("bản nháp");
    // Versions newest first; the draft is hidden from anonymous.
    const mine = (
      await query(
        so,
        `{ criteriaSets(tenant: "ninh-binh", unitKind: "district") { code versions { version status } } }`,
      )
    ).criteriaSets;
    expect(mine).toEqual([
      {
        code: "ninh-binh-district",
        versions: [
          { version: "2.0", status: "DRAFT" },
          { version: "1.0", status: "PUBLISHED" },
        ],
      },
    ]);
    const pub = (
      await query(
        api.anon,
        `{ criteriaSets(tenant: "ninh-binh", unitKind: "district") { code versions { version status } } }`,
      )
    ).criteriaSets;
    expect(pub).toEqual([{ code: "ninh-binh-district", versions: [{ version: "1.0", status: "PUBLISHED" }] }]);
  });

  it("the diff query compares two versions (relay ids) and a built-in set with a version", async () => {
    const v2 = await version(so, v2Id);
    const doc = clone_(v2.document as SetDoc);
    doc.criteria[indexOf(doc, "CQS-02")]!.targets = [10, 30, 40, 80, 90];
    expectSuccess(await update(so, { id: v2Id, document: doc, revision: v2.revision }));

    const q = `query ($from: ID, $to: ID, $fromBuiltIn: String) {
      diff(fromVersionId: $from, toVersionId: $to, fromBuiltIn: $fromBuiltIn) {
        from to stricter looser added { code } removed { code } changed { code direction targets { level from to change } }
      }
    }`;
    const d = (await query(so, q, { from: draftId, to: v2Id })).diff;
    expect(d).toMatchObject({
      from: "ninh-binh-district@1.0",
      to: "ninh-binh-district@2.0",
      stricter: 0,
      looser: 1,
      added: [],
      removed: [],
    });
    expect(d.changed).toEqual([
      { code: "CQS-02", direction: "looser", targets: [{ level: 1, from: "≥ 20%", to: "≥ 10%", change: "looser" }] },
    ]);

    const fromNational = (await query(so, q, { fromBuiltIn: "vn-2361-district", to: draftId })).diff;
    expect(fromNational).toMatchObject({
      from: "vn-2361-district@1.0",
      to: "ninh-binh-district@1.0",
      stricter: 1,
      looser: 0,
    });
    expect(fromNational.changed.map((c: Json) => c.code)).toEqual(["CQS-01"]);

    // Anonymous may diff published versions but not the draft.
    await queryError(api.anon, q, { from: draftId, to: v2Id }, "NOT_FOUND");
  });

  it("publishing 2.0 archives 1.0, whose document stays as it was", async () => {
    const before = await version(so, draftId);
    expectSuccess(await publish(so, { id: v2Id, number: "120/QĐ-UBND", date: "2026-06-01" }));
    const after = await version(so, draftId);
    expect(after.status).toBe("ARCHIVED");
    expect(after.document).toEqual(before.document);
    expect(after.decisionNumber).toBe("88/QĐ-UBND");
  });
});

describe("stateless evaluate and gaps", () => {
  const EVAL = `query ($builtIn: String, $versionId: ID, $values: JSON!) {
    evaluate(builtIn: $builtIn, versionId: $versionId, values: $values) {
      __typename
      ... on Evaluation { setId setVersion level levelName levels { level met failing missing } criteria { code results } }
      ... on InvalidValuesError { code message issues { criterion field reason message } }
      ... on Error { code message }
    }
  }`;
  let commune: SetDoc;

  beforeAll(async () => {
    commune = (await query(api.anon, `{ criteriaSetVersion(id: "v_vn-2361-commune_1.0") { document } }`))
      .criteriaSetVersion.document;
  });

  it("evaluates values against builtIn vn-2361-commune: level, level name and per-criterion statuses", async () => {
    const values = valuesAtLevel(commune, 2);
    const e = (await query(api.anon, EVAL, { builtIn: "vn-2361-commune", values })).evaluate;
    expect(e.__typename).toBe("Evaluation");
    expect(e).toMatchObject({ setId: "vn-2361-commune", setVersion: "1.0", level: 2, levelName: "Kết nối" });
    expect(e.levels.map((l: Json) => l.met)).toEqual([true, true, false, false, false]);
    const byCode = new Map(e.criteria.map((c: Json) => [c.code, c.results]));
    expect(byCode.get("CQS-01")).toEqual(["pass", "pass", "fail", "fail", "fail"]); // 60% vs 50,60,70,100,100
    expect(byCode.get("CQS-04")).toEqual(["na", "na", "fail", "fail", "fail"]); // boolean from level 3
    expect(e.levels[2].failing).toContain("CQS-04");

    // The same through the version id, and with a value missing.
    const { ["CQS-02"]: _gone, ...partial } = values;
    const m = (await query(api.anon, EVAL, { versionId: "v_vn-2361-commune_1.0", values: partial })).evaluate;
    expect(m.level).toBe(0);
    expect(m.levels[0].missing).toEqual(["CQS-02"]);
    expect(m.criteria.find((c: Json) => c.code === "CQS-02").results).toEqual([
      "missing",
      "missing",
      "missing",
      "missing",
      "missing",
    ]);
  });

  it("bad values give InvalidValuesError naming criterion and field", async () => {
    const e = (
      await query(api.anon, EVAL, {
        builtIn: "vn-2361-commune",
        values: {
          "CQS-01": { numerator: 5, denominator: 0 },
          "CQS-02": { numerator: 60, denominator: 50 },
          "CQS-07": { count: -1 },
          "CQS-04": "có",
        },
      })
    ).evaluate;
    expect(e.__typename).toBe("InvalidValuesError");
    expect(e.code).toBe("INVALID_VALUES");
    const issues = e.issues.map((i: Json) => [i.criterion, i.field, i.reason]).sort();
    expect(issues).toEqual([
      ["CQS-01", "CQS-01.denominator", "zero_denominator"],
      ["CQS-02", "CQS-02.numerator", "numerator_exceeds_denominator"],
      ["CQS-04", "CQS-04", "wrong_shape"],
      ["CQS-07", "CQS-07.count", "negative"],
    ]);
    const unknown = (await query(api.anon, EVAL, { builtIn: "vn-2361-commune", values: { "XYZ-01": 5 } })).evaluate;
    expect(unknown.__typename).toBe("InvalidValuesError");
    expect(unknown.issues[0]).toMatchObject({ criterion: "XYZ-01", reason: "unknown_criterion" });
    const noSet = (await query(api.anon, EVAL, { builtIn: "no-such-set", values: {} })).evaluate;
    expect(noSet).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
  });

  it("gaps explains what is missing: CQS-02 21/50 at level 3", async () => {
    const q = `query ($values: JSON!, $level: Int!) { gaps(builtIn: "vn-2361-commune", values: $values, level: $level) { code level status target current shortfall message } }`;
    const g = (await query(api.anon, q, { values: { "CQS-02": { numerator: 21, denominator: 50 } }, level: 3 })).gaps;
    const cqs02 = g.find((x: Json) => x.code === "CQS-02");
    expect(cqs02).toEqual({
      code: "CQS-02",
      level: 3,
      status: "fail",
      target: "≥ 50%",
      current: "42% (21/50)",
      shortfall: 4,
      message: "CQS-02: cần ≥ 50%, hiện 42% (21/50) — thêm 4 hồ sơ",
    });
    // Everything else is simply missing.
    expect(g.filter((x: Json) => x.code !== "CQS-02").every((x: Json) => x.status === "missing")).toBe(true);
    await queryError(api.anon, q, { values: {}, level: 6 }, "BAD_INPUT");
    await queryError(
      api.anon,
      q,
      { values: { "CQS-02": { numerator: 60, denominator: 50 } }, level: 3 },
      "INVALID_VALUES",
    );
  });
});

describe("impact preview", () => {
  it("a much stricter CQS-01 in a clone of ninh-binh-commune moves units of the demo round down; counts add up", async () => {
    const sets = (
      await query(
        so,
        `{ criteriaSets(tenant: "ninh-binh", unitKind: "commune") { code versions { id version status } } }`,
      )
    ).criteriaSets;
    const published = sets[0].versions.find((v: Json) => v.status === "PUBLISHED");
    const round = (await query(so, `{ rounds(tenant: "ninh-binh") { id unitKind setVersion { id } } }`)).rounds.find(
      (r: Json) => r.unitKind === "commune",
    );
    expect(round.setVersion.id).toBe(published.id);

    const draft = expectSuccess(await clone(so, { src: published.id, tenant: "ninh-binh" }));
    expect(draft.version).toBe("2.0");
    const doc = clone_(draft.document as SetDoc);
    doc.criteria[indexOf(doc, "CQS-01")]!.targets = [100, 100, 100, 100, 100];
    expectSuccess(await update(so, { id: draft.id, document: doc, revision: draft.revision }));

    const d = await query(
      so,
      `query ($round: ID!, $version: ID!) {
        impactPreview(roundId: $round, versionId: $version) { units current draft up down moved { assessmentId unitName current draft } }
        roundSummary(roundId: $round) { units byComputedLevel }
      }`,
      { round: round.id, version: draft.id },
    );
    const p = d.impactPreview;
    const communes = await api.prisma.unit.count({
      where: { tenantId: "ninh-binh", kindCode: "commune", mapId: "2025-03" },
    });
    expect(p.units).toBe(communes);
    expect(p.units).toBe(d.roundSummary.units);
    const sum = (xs: number[]) => xs.reduce((s, n) => s + n, 0);
    expect(sum(p.current)).toBe(p.units);
    expect(sum(p.draft)).toBe(p.units);
    expect(p.current).toEqual(d.roundSummary.byComputedLevel);
    expect(p.down).toBeGreaterThan(0);
    expect(p.up).toBe(0);
    expect(p.moved).toHaveLength(p.up + p.down);
    for (const m of p.moved) expect(m.draft).toBeLessThan(m.current);
    // Moving units leave their level and arrive at a lower one: per-level differences match the moves.
    const delta = new Array<number>(6).fill(0);
    for (const m of p.moved) {
      delta[m.current]! -= 1;
      delta[m.draft]! += 1;
    }
    expect(p.draft).toEqual(p.current.map((n: number, l: number) => n + delta[l]!));
    // Only someone who may read the tenant's drafts sees the preview.
    await queryError(
      api.anon,
      `query ($r: ID!, $v: ID!) { impactPreview(roundId: $r, versionId: $v) { units } }`,
      { r: round.id, v: draft.id },
      "NOT_FOUND",
    );
  });
});
