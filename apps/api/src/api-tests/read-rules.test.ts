/**
 * The read rule of an assessment's fields, generated from the built schema:
 * every field of Assessment must be classified in the access module's table
 * (public result, the unit's working data, or an answer about the asker), and
 * every role of the demo visits every field of assessments of its own subtree,
 * of another subtree and of another tenant. Working data (and anything derived
 * from the figures) comes back only where the rule says; elsewhere the field is
 * refused the API's quiet way (null, or an empty list) without an error.
 * A field added later is covered without anyone remembering.
 */
import { rowKey } from "../services/tenant-keys.ts";
import { PROVINCE_CHAIN } from "../services/access.ts";
import { reviewChainJson } from "../services/units.ts";
import {
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../schema/index.ts";
import { ASSESSMENT_FIELD_READ, WORKING_DATA_TYPES } from "../services/access.ts";
import { newApiKey } from "../services/auth.ts";
import { globalId, rawClient } from "../testing/authz-cases.ts";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import { expectSuccess, mutate, query, type Json } from "./helpers.ts";

// ---- the rule, stated on its own: whose working data each role may read (unit path prefixes; "" = all) ----

const ROLES: Record<string, { email: string | null; apiKey?: true; reads: string[] }> = {
  ministry: { email: "bo@cds.gov.vn", reads: [""] },
  soNB: { email: "so@ninhbinh.gov.vn", reads: ["37"] },
  apprProv: { email: "thamdinh@ninhbinh.gov.vn", reads: ["37"] },
  officer375: { email: "phong.yenkhanh@ninhbinh.gov.vn", reads: ["37/375"] },
  appr375: { email: "thamdinh.yenkhanh@ninhbinh.gov.vn", reads: ["37/375"] },
  editor375: { email: "huyen.yenkhanh@ninhbinh.gov.vn", reads: ["37/375"] },
  editor14563: { email: "xa.khanhthien@ninhbinh.gov.vn", reads: ["37/375/14563"] },
  viewer: { email: "xem@ninhbinh.gov.vn", reads: ["37"] },
  soHN: { email: "so@hanoi.gov.vn", reads: ["01"] },
  anon: { email: null, reads: [] },
  apiKey: { email: null, apiKey: true, reads: [] },
};

const mayReadWork = (role: string, path: string) =>
  ROLES[role]!.reads.some((p) => p === "" || path === p || path.startsWith(`${p}/`));

// ---- the selection, generated from the schema ----

/** Arguments for fields that take some, so a derived field shows what it can (a test fails when a field with arguments is missing here). */
const FIELD_ARGS: Record<string, string> = {
  "Assessment.gaps": "(level: 5)",
};
const MAX_DEPTH = 3;
/** Fields of other types that answer about the asker (as "asker" in ASSESSMENT_FIELD_READ): not compared across roles. */
const ASKER_FIELDS = new Set(["CriteriaSetVersion.allowedActions"]);
/** Assessments reached through another type (a unit's last recognition): each is read by the rules tested here. */
const NESTED_ASSESSMENTS = new Set(["Unit.lastRecognition"]);

function selectionOf(type: GraphQLObjectType, depth: number): string {
  const parts: string[] = [];
  for (const f of Object.values(type.getFields()).sort((a, b) => a.name.localeCompare(b.name))) {
    const key = `${type.name}.${f.name}`;
    if (ASKER_FIELDS.has(key) || NESTED_ASSESSMENTS.has(key)) continue;
    if (f.args.length > 0 && FIELD_ARGS[key] === undefined && f.args.some((a) => isNonNullType(a.type))) continue;
    const named = getNamedType(f.type);
    const args = FIELD_ARGS[key] ?? "";
    if (isObjectType(named)) {
      // Connections and nested trees are public types of their own; keep the query within the server's limits.
      if (named.name.endsWith("Connection") || depth >= MAX_DEPTH) continue;
      parts.push(`${f.name}${args} { ${selectionOf(named, depth + 1) || "__typename"} }`);
    } else if (!("getFields" in named) && !("getTypes" in named)) {
      parts.push(`${f.name}${args}`);
    }
  }
  return parts.join(" ");
}

const assessmentType = schema.getType("Assessment") as GraphQLObjectType;
const ASSESSMENT_SELECTION = selectionOf(assessmentType, 1);

/** What a refused field returns: an empty list, or null. */
function refusedValue(t: GraphQLOutputType): unknown {
  const inner = isNonNullType(t) ? t.ofType : t;
  return isListType(inner) ? [] : null;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

// ---- the world: the demo, plus a recognised assessment of another tenant (Hà Nội) with every kind of working data ----

let api: TestApi;
const clients: Record<string, Client> = {};
interface Target {
  label: string;
  id: string;
  path: string;
  recognised: boolean;
}
const targets: Target[] = [];
let communeRoundId: string;

async function hanoiRecognisedAssessment(): Promise<Target> {
  const p = api.prisma;
  const source = await p.assessment.findFirstOrThrow({
    where: { unit: { code: "14560", mapId: "2025-03" } },
    include: { values: true },
  });
  const unit = await p.unit.findFirstOrThrow({
    where: { tenantId: "ha-noi", kindCode: "commune", mapId: "2025-07" },
    orderBy: { code: "asc" },
  });
  const year = (await p.round.findFirstOrThrow({ where: { id: source.roundId } })).year;
  const round = await p.round.create({
    data: {
      tenantId: "ha-noi",
      year,
      unitKind: "commune",
      name: "Đợt thử Hà Nội",
      setVersionId: source.setVersionId,
      mapId: "2025-07",
      reviewChain: reviewChainJson(PROVINCE_CHAIN),
      submitDueAt: new Date(`${year}-10-31`),
      reviewDueAt: new Date(`${year}-12-15`),
    },
  });
  const author = await p.user.findUniqueOrThrow({ where: { email: "so@hanoi.gov.vn" } });
  const a = await p.assessment.create({
    data: {
      tenantId: round.tenantId,
      roundId: round.id,
      unitId: unit.id,
      setVersionId: source.setVersionId,
      status: "APPRAISED",
      registeredLevel: source.registeredLevel,
      selfAssessedLevel: source.selfAssessedLevel,
      appraisedLevel: source.appraisedLevel,
      submittedAt: source.submittedAt,
      effectiveValues: source.effectiveValues as object,
      evaluation: source.evaluation as object,
      computedLevel: source.computedLevel,
    },
  });
  await p.indicatorValue.createMany({
    data: source.values.map((v) => ({
      tenantId: a.tenantId,
      assessmentId: a.id,
      criterionCode: v.criterionCode,
      value: v.value as object,
      note: v.note,
    })),
  });
  await p.evidence.create({
    data: {
      tenantId: a.tenantId,
      assessmentId: a.id,
      criterionCode: "CQS-01",
      fileName: "bien-ban.pdf",
      mimeType: "application/pdf",
      size: 10,
      sha256: "0".repeat(64),
      storageKey: "none",
      uploadedById: author.id,
    },
  });
  await p.reviewComment.create({
    data: {
      tenantId: a.tenantId,
      assessmentId: a.id,
      criterionCode: "CQS-02",
      body: "Số liệu khớp báo cáo.",
      authorId: author.id,
    },
  });
  await p.auditEvent.create({
    data: {
      actorKind: "user",
      actorId: author.id,
      tenantId: "ha-noi",
      action: "assessment.appraise",
      entityType: "Assessment",
      entityId: a.id,
    },
  });
  await p.assessment.update({
    where: rowKey(a),
    data: {
      status: "RECOGNISED",
      recognisedLevel: source.appraisedLevel,
      recognitionDecision: "12/QĐ-UBND",
      recognitionDate: new Date(`${year}-11-20`),
      recognisedAt: new Date(),
    },
  });
  return {
    label: `ha-noi ${unit.code} RECOGNISED`,
    id: globalId("Assessment", a.id),
    path: unit.path,
    recognised: true,
  };
}

beforeAll(async () => {
  api = await setupApi();
  const p = api.prisma;
  // Every status in Yên Khánh, the district itself, and assessments elsewhere in the province.
  const rows = await p.assessment.findMany({
    where: { unit: { OR: [{ path: { startsWith: "37/375/" } }, { code: { in: ["375", "376", "14602"] } }] } },
    include: { unit: true },
    orderBy: { unit: { code: "asc" } },
  });
  for (const r of rows)
    targets.push({
      label: `${r.unit.code} ${r.status}`,
      id: globalId("Assessment", r.id),
      path: r.unit.path,
      recognised: r.status === "RECOGNISED",
    });
  communeRoundId = rows.find((r) => r.unit.code === "14563")!.roundId;
  targets.push(await hanoiRecognisedAssessment());

  const so = await p.user.findUniqueOrThrow({ where: { email: "so@ninhbinh.gov.vn" } });
  const keys = Array.from({ length: 10 }, () => newApiKey());
  await p.apiKey.createMany({
    data: keys.map((k, i) => ({
      tenantId: "ninh-binh",
      name: `read-rules ${i}`,
      prefix: k.prefix,
      hash: k.hash,
      createdById: so.id,
    })),
  });
  for (const [role, r] of Object.entries(ROLES)) {
    clients[role] = r.email
      ? await api.as(r.email)
      : r.apiKey
        ? rawClient(api, { apiKeys: keys.map((k) => k.key) })
        : api.anon;
  }
});
afterAll(async () => {
  await api?.close();
});

describe("the table in the access module classifies every field (generated from the schema)", () => {
  it("every field of Assessment is public, working data or about the asker; the table names no field the schema lacks", () => {
    const fields = Object.keys(assessmentType.getFields()).sort();
    const unclassified = fields.filter((f) => !(f in ASSESSMENT_FIELD_READ));
    expect(unclassified, "classify these fields in services/access.ts ASSESSMENT_FIELD_READ").toEqual([]);
    expect(Object.keys(ASSESSMENT_FIELD_READ).filter((f) => !fields.includes(f))).toEqual([]);
  });

  it("every field with arguments has test arguments here", () => {
    const withArgs = Object.values(assessmentType.getFields())
      .filter((f) => f.args.length > 0)
      .map((f) => `Assessment.${f.name}`);
    expect(withArgs.filter((k) => FIELD_ARGS[k] === undefined)).toEqual([]);
  });

  it("the types that hold working data are reached from Query only through working-data fields of Assessment", () => {
    // Walk the schema from Query; crossing an Assessment working-data field is the only way in.
    const seen = new Set<string>();
    const leaks: string[] = [];
    const walk = (t: GraphQLNamedType, via: string) => {
      if (!isObjectType(t)) {
        if ("getTypes" in t)
          for (const m of (t as unknown as { getTypes(): GraphQLObjectType[] }).getTypes()) walk(m, via);
        return;
      }
      if (seen.has(t.name)) return;
      seen.add(t.name);
      for (const f of Object.values(t.getFields()) as GraphQLField<unknown, unknown>[]) {
        if (t.name === "Assessment" && ASSESSMENT_FIELD_READ[f.name as keyof typeof ASSESSMENT_FIELD_READ] === "work")
          continue;
        const named = getNamedType(f.type);
        if ((WORKING_DATA_TYPES as readonly string[]).includes(named.name))
          leaks.push(`${t.name}.${f.name} → ${named.name} (from ${via})`);
        walk(named, `${via}.${f.name}`);
      }
    };
    walk(schema.getQueryType()!, "Query");
    expect(leaks).toEqual([]);
  });
});

describe("every role visits every field of assessments of its own subtree, another subtree and another tenant", () => {
  let reference: Record<string, Json>;

  beforeAll(async () => {
    // The ministry reads everything: the reference each allowed reading must equal.
    reference = await nodesAs("ministry");
  });

  async function nodesAs(role: string): Promise<Record<string, Json>> {
    const r = await clients[role]!.gql(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Assessment { ${ASSESSMENT_SELECTION} } } }`,
      { ids: targets.map((t) => t.id) },
    );
    expect(r.errors, `${role}: ${JSON.stringify(r.errors)}`).toBeUndefined();
    const out: Record<string, Json> = {};
    targets.forEach((t, i) => (out[t.id] = r.data!.nodes[i]));
    return out;
  }

  it("the reference holds working data for every working-data field (so each check below can fail)", () => {
    // The fixture's rounds judge by levels and grant no extension: these fields are empty on every assessment here,
    // and their reading rule is checked where they hold data (scored-rounds.test.ts, rounds-management.test.ts).
    const emptyInFixture = ["score", "selfScore", "pointsGaps", "extensions"];
    for (const [f, rule] of Object.entries(ASSESSMENT_FIELD_READ)) {
      if (rule !== "work" || emptyInFixture.includes(f)) continue;
      expect(
        targets.some((t) => t.recognised && !isEmpty(reference[t.id]?.[f])),
        `no recognised assessment has ${f}`,
      ).toBe(true);
    }
  });

  for (const role of Object.keys(ROLES)) {
    it(role, async () => {
      // The listing shows what node(id) shows: recognised ones, and those whose working data the role reads.
      const listed = await query(
        clients[role]!,
        `{ assessments(unitCode: "375", first: 100) { totalCount edges { node { id } } } }`,
      );
      const under375 = targets
        .filter((t) => t.path.startsWith("37/375") && (t.recognised || mayReadWork(role, t.path)))
        .map((t) => t.id);
      const ids: string[] = listed.assessments.edges.map((e: Json) => e.node.id);
      expect(ids.filter((id) => targets.some((t) => t.id === id)).sort(), `${role} lists`).toEqual(under375.sort());
      expect(listed.assessments.totalCount, `${role} totalCount`).toBe(ids.length);

      const seen = await nodesAs(role);
      for (const t of targets) {
        const node = seen[t.id]!;
        const readsWork = mayReadWork(role, t.path);
        if (!t.recognised && !readsWork) {
          expect(node, `${role} must not see ${t.label}`).toBeNull();
          continue;
        }
        expect(node, `${role} sees ${t.label}`).not.toBeNull();
        for (const [f, rule] of Object.entries(ASSESSMENT_FIELD_READ)) {
          const where = `${role} → ${t.label}.${f}`;
          if (rule === "asker") continue;
          if (rule === "public" || readsWork) expect(node[f], where).toEqual(reference[t.id]![f]);
          else expect(node[f], `${where} is working data`).toEqual(refusedValue(assessmentType.getFields()[f]!.type));
        }
      }
    });
  }
});

describe("aggregates of working data obey the same rule", () => {
  it("roundSummary counts only the assessments whose working data the asker may read", async () => {
    const rows = await api.prisma.assessment.findMany({ where: { roundId: communeRoundId }, include: { unit: true } });
    for (const role of ["ministry", "soNB", "officer375", "editor14563", "viewer"]) {
      const d = await query(
        clients[role]!,
        `query ($r: ID!) { roundSummary(roundId: $r) { units byComputedLevel byStatus { status count } } }`,
        { r: communeRoundId },
      );
      const readable = rows.filter((r) => mayReadWork(role, r.unit.path));
      expect(d.roundSummary.units, role).toBe(readable.length);
      const byLevel = [0, 0, 0, 0, 0, 0];
      for (const r of readable) byLevel[r.computedLevel]! += 1;
      expect(d.roundSummary.byComputedLevel, role).toEqual(byLevel);
    }
  });

  it("impactPreview lists and counts only the assessments whose working data the asker may read", async () => {
    const so = clients.soNB!;
    const pub = (
      await query(so, `{ criteriaSets(tenant: "ninh-binh", unitKind: "commune") { versions { id status } } }`)
    ).criteriaSets[0].versions.find((v: Json) => v.status === "PUBLISHED");
    const draft = expectSuccess(
      await mutate(
        so,
        "cloneCriteriaSet",
        "$src: ID!",
        `sourceVersionId: $src, tenantId: "ninh-binh"`,
        "id document revision",
        { src: pub.id },
      ),
    );
    // A stricter draft, so units move.
    const doc = draft.document as { criteria: { code: string; targets: (number | null)[]; measure: string }[] };
    const stricter = {
      ...doc,
      criteria: doc.criteria.map((c) =>
        c.code === "CQS-01" && c.measure === "percentage" ? { ...c, targets: [90, 95, 98, 99, 100] } : c,
      ),
    };
    expectSuccess(
      await mutate(
        so,
        "updateCriteriaSetDraft",
        "$v: ID!, $d: JSON!, $r: Int!",
        "versionId: $v, document: $d, revision: $r",
        "id",
        { v: draft.id, d: stricter, r: draft.revision },
      ),
    );
    const rows = await api.prisma.assessment.findMany({ where: { roundId: communeRoundId }, include: { unit: true } });
    const pathOf = new Map(rows.map((r) => [r.id, r.unit.path]));
    for (const role of ["soNB", "officer375", "editor14563"]) {
      const d = await query(
        clients[role]!,
        `query ($v: ID!, $r: ID!) { impactPreview(versionId: $v, roundId: $r) { units moved { assessmentId } } }`,
        { v: draft.id, r: communeRoundId },
      );
      expect(d.impactPreview.units, role).toBe(rows.filter((r) => mayReadWork(role, r.unit.path)).length);
      for (const m of d.impactPreview.moved)
        expect(mayReadWork(role, pathOf.get(m.assessmentId)!), `${role} sees ${m.assessmentId}`).toBe(true);
    }
  });
});
