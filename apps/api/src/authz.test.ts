/**
 * The authorization matrix: every role × every operation, on its own and on
 * another subtree or tenant, through the real GraphQL endpoint.
 *
 * The expected outcome of each cell is in GRID below (rules: services/access.ts).
 * Order matters because allowed mutations change state: all reads run first,
 * then the cross-tenant and CSRF checks, then the mutations, each operation's
 * refused roles before its allowed ones. A refused mutation must leave its
 * object exactly as it was (checked in the database); if a refusal fails and
 * the mutation went through, the object is put back so later cells still test
 * what they say.
 */
import type { TCriteriaSet } from "@cds/criteria-schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_TENANT } from "./seed/demo.ts";
import { unitId, versionId } from "./seed/base.ts";
import { seedOf, valuesAtLevel } from "./seed/values.ts";
import { hashPassword } from "./services/auth.ts";
import {
  globalId,
  mutationOutcome,
  pdfFile,
  queryOutcome,
  rawClient,
  type Expect,
  type Outcome,
} from "./testing/authz-cases.ts";
import { setupApi, type Client, type TestApi } from "./testing/harness.ts";

// ---- the roles ----

const ROLES = {
  ministry: "bo@cds.gov.vn", // MINISTRY_ADMIN, national
  soNB: "so@ninhbinh.gov.vn", // PROVINCE_ADMIN, Ninh Bình (37)
  apprProv: "thamdinh@ninhbinh.gov.vn", // APPRAISER at the province
  officer375: "phong.yenkhanh@ninhbinh.gov.vn", // DISTRICT_OFFICER, Huyện Yên Khánh (375)
  appr375: "thamdinh.yenkhanh@ninhbinh.gov.vn", // APPRAISER at district 375
  editor375: "huyen.yenkhanh@ninhbinh.gov.vn", // UNIT_EDITOR of district 375 itself
  editor14563: "xa.khanhthien@ninhbinh.gov.vn", // UNIT_EDITOR of commune 14563 (Yên Khánh)
  editor14590: "xa.14590.authz@ninhbinh.gov.vn", // created here: UNIT_EDITOR of commune 14590 (Yên Khánh)
  officer376: "phong.kimson.authz@ninhbinh.gov.vn", // created here: DISTRICT_OFFICER of Huyện Kim Sơn (376)
  viewer: "xem@ninhbinh.gov.vn", // VIEWER of the province
  soHN: "so@hanoi.gov.vn", // PROVINCE_ADMIN of another tenant (ha-noi)
  anon: null, // nobody signed in
  apiKey: null, // a ninh-binh API key issued by so@ninhbinh.gov.vn
} as const;
type Role = keyof typeof ROLES;
const ROLE_NAMES = Object.keys(ROLES) as Role[];

// ---- the matrix: A = allowed, - = refused (for listings: A = sees its subtree's non-public assessments) ----
// Columns: min = ministry, soNB = Sở Ninh Bình, apPrv = province appraiser, of375 / ap375 = Yên Khánh officer /
// appraiser, ed375 = Yên Khánh's own (district) editor, ed563 / ed590 = editors of communes 14563 / 14590,
// of376 = Kim Sơn officer, view = province viewer, soHN = Sở Hà Nội, anon = nobody, key = a ninh-binh API key.

// prettier-ignore
const GRID = {
  //                                     min soNB apPrv of375 ap375 ed375 ed563 ed590 of376 view soHN anon key
  // reads (seeded state)
  "read assessment(DRAFT 14563)":       "A   A    A     A     A     A     A     -     -     A    -    -    -",
  "list assessments(round, 375)":       "A   A    A     A     A     A     A     A     -     A    -    -    -",
  "read values(SUBMITTED 14566)":       "A   A    A     A     A     A     -     -     -     A    -    -    -",
  "read roundSummary(commune round)":   "A   A    A     A     A     A     A     A     A     A    -    -    -",
  "read apiKeys(ninh-binh)":            "-   A    -     -     -     -     -     -     -     -    -    -    -",
  "read criteriaSetVersion(DRAFT)":     "A   A    A     A     A     A     A     A     A     A    -    -    -",
  // criteria sets, rounds
  "cloneCriteriaSet → ninh-binh":       "-   A    -     -     -     -     -     -     -     -    -    -    -",
  "updateCriteriaSetDraft":             "-   A    -     -     -     -     -     -     -     -    -    -    -",
  "publishCriteriaSetVersion":          "-   A    -     -     -     -     -     -     -     -    -    -    -",
  "openRound(ninh-binh)":               "-   A    -     -     -     -     -     -     -     -    -    -    -",
  // the unit's own staff, and only them ("editUnit: the unit's own staff"; a district editor edits the district, not its communes)
  "registerLevel(DRAFT 14563)":         "-   -    -     -     -     -     A     -     -     -    -    -    -",
  "saveIndicatorValues(DRAFT 14563)":   "-   -    -     -     -     -     A     -     -     -    -    -    -",
  "uploadEvidence(DRAFT 14563)":        "-   -    -     -     -     -     A     -     -     -    -    -    -",
  "submitAssessment(DRAFT 14563)":      "-   -    -     -     -     -     A     -     -     -    -    -    -",
  "registerLevel(DRAFT 14590)":         "-   -    -     -     -     -     -     A     -     -    -    -    -",
  "saveIndicatorValues(DRAFT 14590)":   "-   -    -     -     -     -     -     A     -     -    -    -    -",
  "uploadEvidence(DRAFT 14590)":        "-   -    -     -     -     -     -     A     -     -    -    -    -",
  "submitAssessment(DRAFT 14590)":      "-   -    -     -     -     -     -     A     -     -    -    -    -",
  // the level above: return / verify / recognise = reviewUnit (DISTRICT_OFFICER or PROVINCE_ADMIN, parent unit); appraise = APPRAISER
  "returnAssessment(SUBMITTED 14566)":  "-   -    -     A     -     -     -     -     -     -    -    -    -",
  "verifyIndicatorValue(SUBM. 14587)":  "-   -    -     A     -     -     -     -     -     -    -    -    -",
  "verifyAssessment(SUBMITTED 14587)":  "-   -    -     A     -     -     -     -     -     -    -    -    -",
  "appraiseAssessment(VERIFIED 14572)": "-   -    -     -     A     -     -     -     -     -    -    -    -",
  "recogniseAssessment(APPR. 14575)":   "-   -    -     A     -     -     -     -     -     -    -    -    -",
  // the province; API keys are issued by each tenant's own admin (the ministry only for "vn")
  "submitProvinceReport(ninh-binh)":    "-   A    -     -     -     -     -     -     -     -    -    -    -",
  "createApiKey(ninh-binh)":            "-   A    -     -     -     -     -     -     -     -    -    -    -",
  "revokeApiKey(ninh-binh key)":        "-   A    -     -     -     -     -     -     -     -    -    -    -",
} as const;
type OpName = keyof typeof GRID;

const MATRIX = Object.fromEntries(
  Object.entries(GRID).map(([op, row]) => {
    const cells = row.trim().split(/\s+/);
    if (cells.length !== ROLE_NAMES.length || cells.some((c) => c !== "A" && c !== "-"))
      throw new Error(`bad matrix row ${op}`);
    return [op, Object.fromEntries(ROLE_NAMES.map((r, i) => [r, cells[i] === "A" ? "allow" : "deny"]))];
  }),
) as Record<OpName, Record<Role, Expect>>;

// ---- the world the operations run in ----

let api: TestApi;
const clients = {} as Record<Role, Client>;
let year: number;
let roundId: string;
/** Assessment id by commune GSO code (current commune round of Ninh Bình). */
const A: Record<string, string> = {};
let draftRead: string; // a Ninh Bình draft that stays a draft (ninh-binh-commune 2.0)
let draftEdit: string; // a Ninh Bình draft to update and publish (ninh-binh-district 1.0)
let publishedCommune: string; // Ninh Bình's published commune set
let revokeTarget: string; // an API key to revoke
/** Yên Khánh's communes (from the database), and those recognised (public) in the seed. */
const YEN_KHANH: string[] = [];
const RECOGNISED = ["14560", "14578", "14581"];
/** The Yên Khánh communes each role's grant covers (what it may see beyond the public ones). */
const SUBTREE: Record<Role, readonly string[]> = {
  ministry: YEN_KHANH,
  soNB: YEN_KHANH,
  apprProv: YEN_KHANH,
  officer375: YEN_KHANH,
  appr375: YEN_KHANH,
  editor375: YEN_KHANH,
  editor14563: ["14563"],
  editor14590: ["14590"],
  officer376: [],
  viewer: YEN_KHANH,
  soHN: [],
  anon: [],
  apiKey: [],
};

const ERR = "__typename ... on Error { code messageEn }";
const UPLOAD = `mutation ($id: ID!, $file: File!) { r: uploadEvidence(assessmentId: $id, criterionCode: "CQS-01", file: $file) { ${ERR} } }`;

async function createUser(email: string, role: "UNIT_EDITOR" | "DISTRICT_OFFICER", unitCode: string) {
  const unit = await api.prisma.unit.findUniqueOrThrow({ where: { mapId_code: { mapId: "2025-03", code: unitCode } } });
  expect(unit.tenantId).toBe(DEMO_TENANT);
  await api.prisma.user.create({
    data: {
      email,
      name: `authz ${role} ${unitCode}`,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      roles: { create: { role, tenantId: unit.tenantId, unitId: unit.id } },
    },
  });
}

async function createKey(c: Client, name: string): Promise<{ id: string; key: string }> {
  const r = await c.gql(
    `mutation ($t: String!, $n: String!) { r: createApiKey(tenantId: $t, name: $n) { ${ERR} ... on MutationCreateApiKeySuccess { data { key apiKey { id } } } } }`,
    { t: DEMO_TENANT, n: name },
  );
  const d = r.data?.r?.data;
  if (!d) throw new Error(`createApiKey failed: ${JSON.stringify(r)}`);
  return { id: d.apiKey.id, key: d.key };
}

async function cloneAs(c: Client, source: string): Promise<string> {
  const r = await c.gql(
    `mutation ($s: ID!, $t: String!) { r: cloneCriteriaSet(sourceVersionId: $s, tenantId: $t) { ${ERR} ... on MutationCloneCriteriaSetSuccess { data { id status } } } }`,
    { s: source, t: DEMO_TENANT },
  );
  const id = r.data?.r?.data?.id;
  if (!id) throw new Error(`clone failed: ${JSON.stringify(r)}`);
  return Buffer.from(id, "base64")
    .toString("utf8")
    .replace(/^CriteriaSetVersion:/, ""); // the relay id → the row id
}

beforeAll(async () => {
  api = await setupApi();
  await createUser(ROLES.editor14590, "UNIT_EDITOR", "14590");
  await createUser(ROLES.officer376, "DISTRICT_OFFICER", "376");
  for (const role of ROLE_NAMES) {
    const email = ROLES[role];
    if (!email) continue;
    const c = await api.as(email);
    clients[role] = rawClient(api, { cookie: c.cookie, csrf: c.csrf });
  }
  clients.anon = api.anon;
  // The API-key client: keys issued by the province admin (several, as the harness allows 5 requests a minute per key).
  const keys: string[] = [];
  for (let i = 0; i < 20; i++) keys.push((await createKey(clients.soNB, `Bên thứ ba ${i}`)).key);
  clients.apiKey = rawClient(api, { apiKeys: keys });
  revokeTarget = (await createKey(clients.soNB, "Khoá để thu hồi")).id;

  const round = await api.prisma.round.findFirstOrThrow({
    where: { tenantId: DEMO_TENANT, unitKind: "commune" },
    orderBy: { year: "desc" },
  });
  year = round.year;
  roundId = round.id;
  publishedCommune = round.setVersionId;
  const communes = await api.prisma.unit.findMany({ where: { parent: { code: "375" } }, orderBy: { code: "asc" } });
  YEN_KHANH.push(...communes.map((u) => u.code));
  expect(YEN_KHANH).toEqual(expect.arrayContaining(["14560", "14563", "14566", "14572", "14575", "14587", "14590"]));
  for (const code of YEN_KHANH) {
    A[code] = (
      await api.prisma.assessment.findFirstOrThrow({
        where: { roundId, unitId: unitId("2025-03", code) },
      })
    ).id;
  }
  draftRead = await cloneAs(clients.soNB, publishedCommune);
  draftEdit = await cloneAs(clients.soNB, versionId("vn-2361-district", "1.0"));
}, 120_000);

afterAll(async () => {
  await api?.close();
});

// ---- the operations ----

interface ReadOp {
  run(c: Client, role: Role): Promise<Outcome>;
}
interface MutationOp {
  run(c: Client): Promise<Outcome>;
  /** What must not change when the mutation is refused. */
  state(): Promise<unknown>;
  /** Puts the object back if a refusal failed and the mutation went through. */
  restore?(before: unknown): Promise<void>;
}

async function assessmentState(code: string) {
  const a = await api.prisma.assessment.findFirstOrThrow({
    where: { id: A[code]! },
    include: { _count: { select: { evidence: true } } },
  });
  return {
    status: a.status,
    version: a.version,
    registeredLevel: a.registeredLevel,
    submittedAt: a.submittedAt,
    selfAssessedLevel: a.selfAssessedLevel,
    appraisedLevel: a.appraisedLevel,
    evidence: a._count.evidence,
  };
}

async function restoreAssessment(code: string, before: unknown) {
  const { evidence: _evidence, ...row } = before as Awaited<ReturnType<typeof assessmentState>>;
  await api.prisma.assessment.updateMany({ where: { id: A[code]! }, data: row }).catch(() => {});
}

const version = async (code: string) =>
  (await api.prisma.assessment.findFirstOrThrow({ where: { id: A[code]! } })).version;

function onAssessment(code: string, run: (c: Client) => Promise<Outcome>): MutationOp {
  return { run, state: () => assessmentState(code), restore: (b) => restoreAssessment(code, b) };
}

async function mutate(c: Client, query: string, variables: Record<string, unknown>): Promise<Outcome> {
  return mutationOutcome(await c.gql(query, variables));
}

const unitOps = (code: string) => ({
  register: onAssessment(code, async (c) =>
    mutate(
      c,
      `mutation ($id: ID!, $v: Int!) { r: registerLevel(assessmentId: $id, version: $v, level: 2) { ${ERR} } }`,
      { id: A[code], v: await version(code) },
    ),
  ),
  save: onAssessment(code, async (c) => {
    const a = await api.prisma.assessment.findFirstOrThrow({ where: { id: A[code]! }, include: { setVersion: true } });
    const values = valuesAtLevel(a.setVersion.document as unknown as TCriteriaSet, 2, seedOf(code), 0);
    return mutate(
      c,
      `mutation ($id: ID!, $v: Int!, $values: JSON!) { r: saveIndicatorValues(assessmentId: $id, version: $v, values: $values) { ${ERR} } }`,
      {
        id: A[code],
        v: a.version,
        values,
      },
    );
  }),
  upload: onAssessment(code, async (c) => mutationOutcome(await c.upload(UPLOAD, { id: A[code] }, pdfFile()))),
  submit: onAssessment(code, async (c) =>
    mutate(c, `mutation ($id: ID!, $v: Int!) { r: submitAssessment(assessmentId: $id, version: $v) { ${ERR} } }`, {
      id: A[code],
      v: await version(code),
    }),
  ),
});
const u14563 = unitOps("14563");
const u14590 = unitOps("14590");

const draftState = async () => {
  const v = await api.prisma.criteriaSetVersion.findUniqueOrThrow({ where: { id: draftEdit } });
  return { status: v.status, revision: v.revision };
};

const READS: Record<Extract<OpName, `read${string}` | `list${string}`>, ReadOp> = {
  "read assessment(DRAFT 14563)": {
    run: async (c) =>
      queryOutcome(
        await c.gql<{ assessment: { id: string; status: string } }>(
          `query ($id: ID!) { assessment(id: $id) { id status } }`,
          { id: A["14563"] },
        ),
        (d) => d.assessment.status === "DRAFT",
      ),
  },
  "list assessments(round, 375)": {
    run: async (c, role) => {
      const r = await c.gql<{ assessments: { edges: { node: { status: string; unit: { code: string } } }[] } }>(
        `query ($round: ID!) { assessments(roundId: $round, unitCode: "375", first: 100) { edges { node { status unit { code } } } } }`,
        { round: roundId },
      );
      if (r.errors || !r.data) return { outcome: "other", detail: JSON.stringify(r.errors) };
      const seen = r.data.assessments.edges.map((e) => e.node.unit.code).sort();
      const nonPublic = seen.filter((code) => !RECOGNISED.includes(code));
      // Exactly: the public ones, plus (when allowed) the role's own subtree — nothing else.
      const expectedIfAllowed = [...new Set([...RECOGNISED, ...SUBTREE[role]])].sort();
      if (nonPublic.length === 0 && seen.join() === RECOGNISED.join())
        return { outcome: "deny", detail: `sees ${seen.join(",")}` };
      if (seen.join() === expectedIfAllowed.join() && SUBTREE[role].length > 0)
        return { outcome: "allow", detail: `sees ${seen.join(",")}` };
      return { outcome: "other", detail: `sees ${seen.join(",")}` };
    },
  },
  "read values(SUBMITTED 14566)": {
    run: async (c) =>
      queryOutcome(
        await c.gql<{
          assessment: { values: unknown[]; evidence: unknown[]; comments: unknown[]; history: unknown[] };
        }>(
          `query ($id: ID!) { assessment(id: $id) { values { criterionCode value } evidence { id } comments { id } history { action } } }`,
          { id: A["14566"] },
        ),
        (d) => d.assessment.values.length > 0 && d.assessment.history.length > 0,
      ),
  },
  "read roundSummary(commune round)": {
    run: async (c) =>
      queryOutcome(
        await c.gql<{ roundSummary: { units: number } }>(
          `query ($id: ID!) { roundSummary(roundId: $id) { units reviewQueue } }`,
          { id: roundId },
        ),
        (d) => d.roundSummary.units > 0,
      ),
  },
  "read apiKeys(ninh-binh)": {
    run: async (c) =>
      queryOutcome(
        await c.gql<{ apiKeys: unknown[] }>(`{ apiKeys(tenantId: "ninh-binh") { id prefix } }`),
        (d) => d.apiKeys.length > 0,
      ),
  },
  "read criteriaSetVersion(DRAFT)": {
    run: async (c) =>
      queryOutcome(
        await c.gql<{ criteriaSetVersion: { status: string; document: unknown } }>(
          `query ($id: ID!) { criteriaSetVersion(id: $id) { status document } }`,
          { id: draftRead },
        ),
        (d) => d.criteriaSetVersion.status === "DRAFT" && d.criteriaSetVersion.document !== null,
      ),
  },
};

const CLONE_SET = "ninh-binh-commune-authz";

const MUTATIONS: Record<Exclude<OpName, keyof typeof READS>, MutationOp> = {
  "cloneCriteriaSet → ninh-binh": {
    run: (c) =>
      mutate(
        c,
        `mutation ($s: ID!, $set: String!) { r: cloneCriteriaSet(sourceVersionId: $s, tenantId: "ninh-binh", setId: $set) { ${ERR} } }`,
        {
          s: versionId("vn-2361-commune", "1.0"),
          set: CLONE_SET,
        },
      ),
    state: () => api.prisma.criteriaSetVersion.count({ where: { setId: CLONE_SET } }),
    restore: async () => {
      await api.prisma.criteriaSetVersion.deleteMany({ where: { setId: CLONE_SET } });
      await api.prisma.criteriaSet.deleteMany({ where: { id: CLONE_SET } });
    },
  },
  updateCriteriaSetDraft: {
    run: async (c) => {
      const v = await api.prisma.criteriaSetVersion.findUniqueOrThrow({ where: { id: draftEdit } });
      const doc = { ...(v.document as object), title: `Bộ tiêu chí cấp huyện tỉnh Ninh Bình (sửa lần ${v.revision})` };
      return mutate(
        c,
        `mutation ($id: ID!, $doc: JSON!, $rev: Int!) { r: updateCriteriaSetDraft(versionId: $id, document: $doc, revision: $rev) { ${ERR} } }`,
        {
          id: draftEdit,
          doc,
          rev: v.revision,
        },
      );
    },
    state: draftState,
  },
  publishCriteriaSetVersion: {
    run: (c) =>
      mutate(
        c,
        `mutation ($id: ID!, $d: Date!) { r: publishCriteriaSetVersion(versionId: $id, decisionNumber: "99/QĐ-UBND", decisionDate: $d) { ${ERR} } }`,
        {
          id: draftEdit,
          d: `${year}-03-01`,
        },
      ),
    state: draftState,
  },
  "openRound(ninh-binh)": {
    run: (c) =>
      mutate(
        c,
        `mutation ($y: Int!, $s: ID!, $due: Date!, $review: Date!) { r: openRound(tenantId: "ninh-binh", year: $y, setVersionId: $s, submitDueAt: $due, reviewDueAt: $review) { ${ERR} } }`,
        { y: year + 1, s: publishedCommune, due: `${year + 1}-10-31`, review: `${year + 1}-12-15` },
      ),
    state: () => api.prisma.round.count({ where: { tenantId: DEMO_TENANT, year: year + 1 } }),
  },
  "registerLevel(DRAFT 14563)": u14563.register,
  "saveIndicatorValues(DRAFT 14563)": u14563.save,
  "uploadEvidence(DRAFT 14563)": u14563.upload,
  "submitAssessment(DRAFT 14563)": u14563.submit,
  "registerLevel(DRAFT 14590)": u14590.register,
  "saveIndicatorValues(DRAFT 14590)": u14590.save,
  "uploadEvidence(DRAFT 14590)": u14590.upload,
  "submitAssessment(DRAFT 14590)": u14590.submit,
  "returnAssessment(SUBMITTED 14566)": onAssessment("14566", async (c) =>
    mutate(
      c,
      `mutation ($id: ID!, $v: Int!) { r: returnAssessment(assessmentId: $id, version: $v, comments: [{ criterionCode: "CQS-01", body: "Bổ sung minh chứng." }]) { ${ERR} } }`,
      {
        id: A["14566"],
        v: await version("14566"),
      },
    ),
  ),
  "verifyIndicatorValue(SUBM. 14587)": onAssessment("14587", async (c) =>
    mutate(
      c,
      `mutation ($id: ID!, $v: Int!) { r: verifyIndicatorValue(assessmentId: $id, version: $v, criterionCode: "CQS-01", comment: "Khớp báo cáo.") { ${ERR} } }`,
      {
        id: A["14587"],
        v: await version("14587"),
      },
    ),
  ),
  "verifyAssessment(SUBMITTED 14587)": onAssessment("14587", async (c) =>
    mutate(c, `mutation ($id: ID!, $v: Int!) { r: verifyAssessment(assessmentId: $id, version: $v) { ${ERR} } }`, {
      id: A["14587"],
      v: await version("14587"),
    }),
  ),
  "appraiseAssessment(VERIFIED 14572)": onAssessment("14572", async (c) =>
    mutate(c, `mutation ($id: ID!, $v: Int!) { r: appraiseAssessment(assessmentId: $id, version: $v) { ${ERR} } }`, {
      id: A["14572"],
      v: await version("14572"),
    }),
  ),
  "recogniseAssessment(APPR. 14575)": onAssessment("14575", async (c) =>
    mutate(
      c,
      `mutation ($id: ID!, $v: Int!, $d: Date!) { r: recogniseAssessment(assessmentId: $id, version: $v, decisionNumber: "411/QĐ-UBND", decisionDate: $d) { ${ERR} } }`,
      {
        id: A["14575"],
        v: await version("14575"),
        d: `${year}-01-15`,
      },
    ),
  ),
  "submitProvinceReport(ninh-binh)": {
    run: (c) =>
      mutate(c, `mutation ($y: Int!) { r: submitProvinceReport(tenantId: "ninh-binh", year: $y) { ${ERR} } }`, {
        y: year,
      }),
    state: () => api.prisma.provinceReport.count({ where: { tenantId: DEMO_TENANT } }),
  },
  "createApiKey(ninh-binh)": {
    run: (c) => mutate(c, `mutation { r: createApiKey(tenantId: "ninh-binh", name: "Khoá mới") { ${ERR} } }`, {}),
    state: () => api.prisma.apiKey.count({ where: { tenantId: DEMO_TENANT } }),
  },
  "revokeApiKey(ninh-binh key)": {
    run: (c) => mutate(c, `mutation ($id: ID!) { r: revokeApiKey(id: $id) { ${ERR} } }`, { id: revokeTarget }),
    state: async () => (await api.prisma.apiKey.findUniqueOrThrow({ where: { id: revokeTarget } })).revokedAt,
    restore: async () => {
      await api.prisma.apiKey.update({ where: { id: revokeTarget }, data: { revokedAt: null } });
    },
  },
};

/** Each operation's refused roles first, then its allowed ones, in GRID order. */
function cases<K extends OpName>(ops: K[]) {
  return ops.flatMap((op) => {
    const row = MATRIX[op];
    const order = [...ROLE_NAMES.filter((r) => row[r] === "deny"), ...ROLE_NAMES.filter((r) => row[r] === "allow")];
    return order.map((role) => ({ op, role, expected: row[role] }));
  });
}

const readCases = cases(Object.keys(READS) as (keyof typeof READS)[]);
const mutationCases = cases(Object.keys(MUTATIONS) as (keyof typeof MUTATIONS)[]);

describe("authorization matrix: reads", () => {
  it("the matrix covers every operation and every role", () => {
    expect(Object.keys(GRID).sort()).toEqual([...Object.keys(READS), ...Object.keys(MUTATIONS)].sort());
    expect(readCases.length + mutationCases.length).toBe(Object.keys(GRID).length * ROLE_NAMES.length);
  });

  it.each(readCases)("$op as $role → $expected", async ({ op, role, expected }) => {
    const got = await READS[op].run(clients[role], role);
    expect(got.outcome, `${op} as ${role}: ${got.detail}`).toBe(expected);
  });
});

describe("no cross-tenant (or anonymous, or API-key) read of non-public Ninh Bình data", () => {
  const outsiders = ["soHN", "anon", "apiKey", "officer376"] as const satisfies readonly Role[];

  it.each(["soHN", "anon", "apiKey"] as const)(
    "%s lists only recognised Ninh Bình assessments, across the whole round",
    async (role) => {
      const r = await clients[role].gql<{ assessments: { edges: { node: { status: string; values: unknown[] } }[] } }>(
        `query ($round: ID!) { assessments(roundId: $round, first: 500) { edges { node { status values { criterionCode } } } } }`,
        { round: roundId },
      );
      expect(r.errors).toBeUndefined();
      const nodes = r.data!.assessments.edges.map((e) => e.node);
      expect(nodes.length).toBeGreaterThan(0);
      expect(new Set(nodes.map((n) => n.status))).toEqual(new Set(["RECOGNISED"]));
      expect(nodes.every((n) => n.values.length === 0)).toBe(true);
    },
  );

  it.each(["soHN", "anon", "apiKey"] as const)(
    "%s gets NOT_FOUND for every non-recognised Yên Khánh assessment",
    async (role) => {
      for (const code of YEN_KHANH.filter((c) => !RECOGNISED.includes(c))) {
        const r = await clients[role].gql(`query ($id: ID!) { assessment(id: $id) { status } }`, { id: A[code] });
        expect(r.errors?.[0]?.extensions?.code, `${role} reads ${code}`).toBe("NOT_FOUND");
      }
    },
  );

  it.each(outsiders)(
    "%s sees no working data (values, evidence, comments, history) of a recognised assessment",
    async (role) => {
      const r = await clients[role].gql<{ assessment: Record<string, unknown[]> & { status: string } }>(
        `query ($id: ID!) { assessment(id: $id) { status values { criterionCode } evidence { id } comments { id } history { action } } }`,
        { id: A["14560"] },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.assessment).toEqual({ status: "RECOGNISED", values: [], evidence: [], comments: [], history: [] });
    },
  );

  it.each(["soHN", "anon", "apiKey"] as const)(
    "%s sees no Ninh Bình draft set (criteriaSets, versions, criteriaSetVersion, diff, evaluate, impactPreview)",
    async (role) => {
      const c = clients[role];
      const sets = await c.gql<{ criteriaSets: { code: string; versions: { id: string; status: string }[] }[] }>(
        `{ criteriaSets(tenant: "ninh-binh") { code versions { id status } } }`,
      );
      expect(sets.errors).toBeUndefined();
      const versions = sets.data!.criteriaSets.flatMap((s) => s.versions);
      expect(versions.filter((v) => v.status === "DRAFT")).toEqual([]);
      expect(sets.data!.criteriaSets.map((s) => s.code)).not.toContain("ninh-binh-district"); // only a draft so far
      for (const q of [
        `query ($id: ID!) { criteriaSetVersion(id: $id) { document } }`,
        `query ($id: ID!) { diff(fromVersionId: $id, toBuiltIn: "vn-2361-commune") { stricter } }`,
        `query ($id: ID!, $round: ID!) { impactPreview(versionId: $id, roundId: $round) { units } }`,
      ]) {
        const r = await c.gql(q, { id: draftRead, round: roundId });
        expect(r.errors?.[0]?.extensions?.code, q).toBe("NOT_FOUND");
      }
      const ev = await c.gql<{ evaluate: { __typename: string } }>(
        `query ($id: ID!) { evaluate(versionId: $id, values: {}) { __typename } }`,
        { id: draftRead },
      );
      expect(ev.data?.evaluate?.__typename ?? ev.errors?.[0]?.extensions?.code).toMatch(/^(NotFoundError|NOT_FOUND)$/);
    },
  );

  it.each(["soHN", "anon", "apiKey"] as const)(
    "%s cannot read a non-public assessment through node(id)",
    async (role) => {
      const a = await clients[role].gql<{ node: unknown }>(
        `query ($id: ID!) { node(id: $id) { __typename ... on Assessment { status computedLevel evaluation { level } values { criterionCode } } } }`,
        { id: globalId("Assessment", A["14563"]!) },
      );
      expect(
        a.data?.node ?? null,
        `node(Assessment 14563 DRAFT) as ${role}: ${JSON.stringify(a.data?.node)}`,
      ).toBeNull();
    },
  );

  it.each(["soHN", "anon", "apiKey"] as const)("%s cannot read a draft set version through node(id)", async (role) => {
    const v = await clients[role].gql<{ node: unknown }>(
      `query ($id: ID!) { node(id: $id) { __typename ... on CriteriaSetVersion { status title } } }`,
      {
        id: globalId("CriteriaSetVersion", draftRead),
      },
    );
    expect(
      v.data?.node ?? null,
      `node(CriteriaSetVersion DRAFT) as ${role}: ${JSON.stringify(v.data?.node)}`,
    ).toBeNull();
  });

  it.each(["soHN", "anon", "apiKey"] as const)(
    "%s gets no round summary and no API keys of Ninh Bình",
    async (role) => {
      const s = await clients[role].gql(`query ($id: ID!) { roundSummary(roundId: $id) { units } }`, { id: roundId });
      expect(s.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      const k = await clients[role].gql(`{ apiKeys(tenantId: "ninh-binh") { id } }`);
      expect(k.errors?.[0]?.extensions?.code).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
    },
  );
});

describe("every mutation without the CSRF token is refused, even for an allowed role", () => {
  const noCsrf = (role: Role) => rawClient(api, { cookie: clients[role].cookie, csrf: null });
  const csrfCases = (Object.keys(MUTATIONS) as (keyof typeof MUTATIONS)[]).map((op) => ({
    op,
    role: ROLE_NAMES.find((r) => MATRIX[op][r] === "allow")!,
  }));

  it.each(csrfCases)("$op as $role without x-csrf-token", async ({ op, role }) => {
    const m = MUTATIONS[op];
    const before = await m.state();
    const got = await m.run(noCsrf(role));
    const after = await m.state();
    if (got.outcome !== "deny" || JSON.stringify(after) !== JSON.stringify(before)) await m.restore?.(before);
    expect(got).toMatchObject({
      outcome: "deny",
      detail: expect.stringMatching(/^ForbiddenError|^UnauthenticatedError/),
    });
    expect(after).toEqual(before);
  });

  it("logout without the token is refused and the session survives", async () => {
    const c = await api.as(ROLES.viewer);
    const bare = rawClient(api, { cookie: c.cookie, csrf: null });
    const r = await bare.gql(`mutation { r: logout { ${ERR} } }`);
    expect(mutationOutcome(r).detail).toMatch(/^ForbiddenError/);
    const wrong = rawClient(api, { cookie: c.cookie, csrf: "not-the-token" });
    expect(mutationOutcome(await wrong.gql(`mutation { r: logout { ${ERR} } }`)).detail).toMatch(/^ForbiddenError/);
    const me = await bare.gql<{ me: { email: string } | null }>(`{ me { email } }`);
    expect(me.data!.me?.email).toBe(ROLES.viewer);
  });

  it("a wrong token is as good as none (registerLevel by the commune's own editor)", async () => {
    const before = await assessmentState("14563");
    const got = await u14563.register.run(
      rawClient(api, { cookie: clients.editor14563.cookie, csrf: "not-the-token" }),
    );
    expect(got.detail).toMatch(/^ForbiddenError/);
    expect(await assessmentState("14563")).toEqual(before);
  });
});

describe("uploads reach the resolver", () => {
  // Not an access rule, but it would hide them: graphql-yoga hands resolvers its own
  // File implementation, so the File scalar must accept it (it once checked `instanceof File`).
  it("the commune's own editor can upload a PDF", async () => {
    const got = mutationOutcome(await clients.editor14563.upload(UPLOAD, { id: A["14563"] }, pdfFile()));
    expect(got.outcome, got.detail).toBe("allow");
  });
});

describe("authorization matrix: mutations (refusals before the allowed call on the same object)", () => {
  it.each(mutationCases)("$op as $role → $expected", async ({ op, role, expected }) => {
    const m = MUTATIONS[op];
    const before = await m.state();
    const got = await m.run(clients[role]);
    if (expected === "allow") {
      expect(got.outcome, `${op} as ${role}: ${got.detail}`).toBe("allow");
      return;
    }
    const after = await m.state();
    if (got.outcome !== "deny" || JSON.stringify(after) !== JSON.stringify(before)) await m.restore?.(before);
    expect(got.outcome, `${op} as ${role}: ${got.detail}`).toBe("deny");
    expect(after, `${op} as ${role} changed the object`).toEqual(before);
  });
});
