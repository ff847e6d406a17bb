/**
 * Shared pieces for the API integration tests: the error selection every
 * mutation union gets, a mutation runner that unwraps the union, lookups of
 * demo assessments by GSO code, and indicator values that reach a level of a
 * set (derived from the set document's own targets).
 */
import { TWO_TIER_MAP_ID } from "@cds/admin-units";
import { unitByCode } from "../services/units.ts";
import { expect } from "vitest";
import { DEMO_PASSWORD } from "../seed/demo.ts";
import { hashPassword } from "../services/auth.ts";
import type { Client, GqlResult, TestApi } from "../testing/harness.ts";

/** The harness's loose JSON type for response data (what `client.gql` returns without a type argument). */
function _probe(c: Client) {
  return c.gql("");
}
export type Json = NonNullable<Awaited<ReturnType<typeof _probe>>["data"]>;

/** Selection of every expected error type of a mutation union. */
export const ERR = `
  ... on Error { code message messageEn }
  ... on ConflictError { currentVersion }
  ... on InputError { issues { field message messageEn } }
  ... on InvalidSetError { issues { code pointer path message } }
  ... on InvalidValuesError { issues { criterion field reason message } }
`;

export const ASSESSMENT_FIELDS = `
  id version status registeredLevel computedLevel selfAssessedLevel appraisedLevel recognisedLevel
  recognitionDecision recognitionDate submittedAt recognisedAt
  unit { code name }
`;

export interface MutationResult {
  __typename: string;
  data?: Json;
  code?: string;
  message?: string;
  messageEn?: string;
  currentVersion?: number;
  issues?: Json[];
}

/**
 * Runs `mutation { <field>(<args>) { __typename ...on <Success> { data { <selection> } } <errors> } }`;
 * with `file`, as a GraphQL multipart request that puts it in `$file` (declare `$file: File!` in `argDefs`).
 * Top-level GraphQL errors fail the test: mutations report expected failures in their union.
 */
export async function mutate(
  client: Client,
  field: string,
  argDefs: string,
  args: string,
  selection: string,
  variables: Record<string, unknown>,
  file?: File,
): Promise<MutationResult> {
  const success = `Mutation${field[0]!.toUpperCase()}${field.slice(1)}Success`;
  const q = `mutation (${argDefs}) {
    r: ${field}(${args}) {
      __typename
      ... on ${success} { data { ${selection} } }
      ${ERR}
    }
  }`;
  const res = file
    ? await client.upload<{ r: MutationResult }>(q, variables, file)
    : await client.gql<{ r: MutationResult }>(q, variables);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.r;
}

/**
 * A workflow mutation on an assessment (its id and version, and its own arguments besides: [argument name,
 * variable name, GraphQL type]), answering `fields` of the assessment.
 */
export const assessmentChange =
  (field: string, fields: string, more: [arg: string, variable: string, type: string][] = []) =>
  (c: Client, v: Json) =>
    mutate(
      c,
      field,
      ["$id: ID!, $version: Int!", ...more.map(([, n, type]) => `$${n}: ${type}`)].join(", "),
      ["assessmentId: $id, version: $version", ...more.map(([arg, n]) => `${arg}: $${n}`)].join(", "),
      fields,
      v,
    );

export function expectSuccess(r: MutationResult): Json {
  expect(r.__typename, JSON.stringify(r)).toMatch(/^Mutation.*Success$/);
  return r.data!;
}

export function expectError(r: MutationResult, typename: string): MutationResult {
  expect(r.__typename, JSON.stringify(r)).toBe(typename);
  expect(r.message).toBeTruthy();
  expect(r.messageEn).toBeTruthy();
  return r;
}

/** A query that must succeed. */
export async function query<T = Json>(client: Client, q: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res: GqlResult<T> = await client.gql<T>(q, variables);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}

/** A query that must fail with a GraphQL error of `code`. */
export async function queryError(
  client: Client,
  q: string,
  variables: Record<string, unknown>,
  code: string,
): Promise<void> {
  const res = await client.gql(q, variables);
  expect(res.errors, JSON.stringify(res)).toBeDefined();
  expect(res.errors![0]!.extensions?.code).toBe(code);
}

/** The assessment of a unit (GSO code) in the current demo rounds, as `client` sees it. */
export async function assessmentOf(client: Client, unitCode: string, fields = ASSESSMENT_FIELDS): Promise<Json> {
  const d = await query(
    client,
    `query ($code: String!) { assessments(unitCode: $code, first: 100) { edges { node { id unit { code } } } } }`,
    {
      code: unitCode,
    },
  );
  const node = d.assessments.edges
    .map((e: { node: Json }) => e.node)
    .find((n: { unit: { code: string } }) => n.unit.code === unitCode);
  expect(node, `assessment of ${unitCode}`).toBeDefined();
  return assessmentById(client, node.id, fields);
}

export async function assessmentById(client: Client, id: string, fields = ASSESSMENT_FIELDS): Promise<Json> {
  const d = await query(client, `query ($id: ID!) { assessment(id: $id) { ${fields} } }`, { id });
  return d.assessment;
}

type Target = number | boolean | { min: number; orAll: boolean } | Record<string, unknown> | null;
interface CriterionDoc {
  code: string;
  measure: string;
  targets: Target[];
}
export interface SetDoc {
  id: string;
  version: string;
  levels: unknown[];
  criteria: CriterionDoc[];
  [k: string]: unknown;
}

/**
 * Values that meet every target up to `level` (the highest applicable target ≤ level),
 * for every criterion except childLevels (computed by the platform). Criteria not
 * applicable up to `level` get a value that meets nothing.
 */
export function valuesAtLevel(set: SetDoc, level: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of set.criteria) {
    let t: Target = null;
    for (let li = level - 1; li >= 0; li--) {
      if (c.targets[li] !== null && c.targets[li] !== undefined) {
        t = c.targets[li]!;
        break;
      }
    }
    switch (c.measure) {
      case "percentage":
        out[c.code] =
          t === null ? { numerator: 0, denominator: 10 } : { numerator: Math.ceil(t as number), denominator: 100 };
        break;
      case "boolean":
        out[c.code] = t !== null;
        break;
      case "minCount":
        out[c.code] = { count: t === null ? 0 : (t as number) };
        break;
      case "countOrAll": {
        const min = t === null ? 0 : (t as { min: number }).min;
        out[c.code] = { count: min, total: min + 3 };
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/**
 * A test user who is UNIT_EDITOR of exactly one unit (the demo has editors for
 * Xã Khánh Thiện and Huyện Yên Khánh only); signs in with the demo password.
 */
export async function createUnitEditor(api: TestApi, unitCode: string, mapId = "2025-03"): Promise<string> {
  // The suites' fixture is the three-tier demo; a two-tier unit is asked for by its map.
  const unit = await unitByCode(api.prisma, unitCode, { mapId });
  if (!unit) throw new Error(`no unit ${unitCode}`);
  const email = `can-bo.${unitCode}${unit.mapId === TWO_TIER_MAP_ID ? "" : `.${unit.mapId}`}@test.ninhbinh.gov.vn`;
  await api.prisma.user.upsert({
    where: { email },
    create: {
      email,
      name: `Cán bộ ${unit.name}`,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      roles: { create: { role: "UNIT_EDITOR", tenantId: unit.tenantId, unitId: unit.id } },
    },
    update: {},
  });
  return email;
}

/**
 * The demo commune Xã Khánh Thiện (14563): its editor signed in, and its
 * assessment, a DRAFT (with `fields`; `status` is always read).
 */
export async function communeDraft(api: TestApi, fields = "id"): Promise<{ editor: Client; draft: Json }> {
  const editor = await api.as("xa.khanhthien@ninhbinh.gov.vn");
  const draft = await assessmentOf(editor, "14563", `status ${fields}`);
  expect(draft.status).toBe("DRAFT");
  return { editor, draft };
}

/**
 * The demo commune 14566, whose assessment is SUBMITTED: a test editor of it
 * signed in, and that assessment (with `fields`; `status` is always read).
 */
export async function submittedCommune(api: TestApi, fields = "id"): Promise<{ editor: Client; submitted: Json }> {
  const editor = await api.as(await createUnitEditor(api, "14566"));
  const submitted = await assessmentOf(editor, "14566", `status ${fields}`);
  expect(submitted.status).toBe("SUBMITTED");
  return { editor, submitted };
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const { createHash } = await import("node:crypto");
  return createHash("sha256").update(bytes).digest("hex");
}
