/**
 * Evidence uploads (GraphQL multipart), the province's yearly report to the
 * ministry (on time before 25/12, Vietnam time), the national summary, and
 * read-only API keys (issue once, what they may read, rate limit, revoke).
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpHandler } from "../http.ts";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import {
  assessmentOf,
  communeDraft,
  expectError,
  expectSuccess,
  mutate,
  query,
  queryError,
  submittedCommune,
  type Json,
  type MutationResult,
} from "./helpers.ts";

let api: TestApi;
let so: Client;
let year: number;

const UPLOAD = `mutation ($id: ID!, $code: String!, $file: File!) {
  r: uploadEvidence(assessmentId: $id, criterionCode: $code, file: $file) {
    __typename
    ... on MutationUploadEvidenceSuccess { data { id criterionCode fileName mimeType size sha256 createdAt } }
    ... on Error { code message messageEn }
    ... on InputError { issues { field message } }
  }
}`;

const pdfBytes = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

async function upload(c: Client, id: string, file: File, code = "CQS-01"): Promise<MutationResult> {
  const res = await c.upload<{ r: MutationResult }>(UPLOAD, { id, code }, file);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.r;
}

const report = (c: Client, tenantId: string, y: number) =>
  mutate(
    c,
    "submitProvinceReport",
    "$t: String!, $y: Int!",
    "tenantId: $t, year: $y",
    "id year onTime submittedAt summary tenant { code }",
    { t: tenantId, y },
  );

const NATIONAL = `query ($y: Int!) { nationalSummary(year: $y, unitKind: "commune", mapId: "2025-03") {
  tenantId name units assessed recognised byLevel basicOrAbove { numerator denominator } reportOnTime reportSubmittedAt reportDeadline
} }`;

beforeAll(async () => {
  api = await setupApi();
  so = await api.as("so@ninhbinh.gov.vn");
  year = (await query(so, `{ rounds(tenant: "ninh-binh") { year } }`)).rounds[0].year;
});
afterAll(async () => {
  await api?.close();
});

describe("evidence upload (multipart)", () => {
  let editor: Client;
  let draftId: string;
  beforeAll(async () => {
    const c = await communeDraft(api);
    editor = c.editor;
    draftId = c.draft.id;
  });

  it("a small PDF becomes an Evidence row with its sha256", async () => {
    const r = await upload(editor, draftId, new File([pdfBytes], "bien-ban.pdf", { type: "application/pdf" }));
    const ev = expectSuccess(r);
    const sha = createHash("sha256").update(pdfBytes).digest("hex");
    expect(ev).toMatchObject({
      criterionCode: "CQS-01",
      fileName: "bien-ban.pdf",
      mimeType: "application/pdf",
      size: pdfBytes.length,
      sha256: sha,
    });
    const row = await api.prisma.evidence.findFirstOrThrow({ where: { id: ev.id } });
    expect(row).toMatchObject({ sha256: sha, size: pdfBytes.length, mimeType: "application/pdf" });
    expect(Buffer.from(await api.platform.services.evidence.get(row.storageKey))).toEqual(Buffer.from(pdfBytes));
    const listed = (
      await query(
        editor,
        `query ($id: ID!) { assessment(id: $id) { evidence { id sha256 } history { action after } } }`,
        { id: draftId },
      )
    ).assessment;
    expect(listed.evidence).toContainEqual({ id: ev.id, sha256: sha });
    expect(listed.history.at(-1)).toMatchObject({
      action: "assessment.uploadEvidence",
      after: { evidenceId: ev.id, sha256: sha },
    });
  });

  it("the same upload works over a real HTTP socket (the production path)", async () => {
    const server: Server = createServer(createHttpHandler(api.platform));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const form = new FormData();
      form.set("operations", JSON.stringify({ query: UPLOAD, variables: { id: draftId, code: "CQS-02", file: null } }));
      form.set("map", JSON.stringify({ "0": ["variables.file"] }));
      form.set("0", new File([pdfBytes], "quyet-dinh.pdf", { type: "application/pdf" }));
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, {
        method: "POST",
        headers: { cookie: editor.cookie!, "x-csrf-token": editor.csrf!, "graphql-require-preflight": "1" },
        body: form,
      });
      const body = (await res.json()) as { data?: { r: MutationResult }; errors?: unknown };
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(expectSuccess(body.data!.r)).toMatchObject({ criterionCode: "CQS-02", fileName: "quyet-dinh.pdf" });
    } finally {
      server.close();
    }
  });

  it("a text/plain file is refused naming `file`", async () => {
    const before = await api.prisma.evidence.count();
    const r = expectError(
      await upload(editor, draftId, new File(["xin chào"], "ghi-chu.txt", { type: "text/plain" })),
      "InputError",
    );
    expect(r.issues!.map((i) => i.field)).toEqual(["file"]);
    // Judged from the bytes: plain text is no accepted type, whatever the client calls it.
    expect(r.message).toContain("không nhận ra");
    expect(await api.prisma.evidence.count()).toBe(before);
  });

  it("a file over 10 MB is refused naming `file`", async () => {
    const before = await api.prisma.evidence.count();
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(pdfBytes);
    const r = expectError(
      await upload(editor, draftId, new File([big], "scan.pdf", { type: "application/pdf" })),
      "InputError",
    );
    expect(r.issues!.map((i) => i.field)).toEqual(["file"]);
    expect(r.message).toContain("10 MB");
    expect(await api.prisma.evidence.count()).toBe(before);
  });

  it("an unknown criterion, another unit's editor and a missing CSRF token are refused", async () => {
    const file = () => new File([pdfBytes], "bien-ban.pdf", { type: "application/pdf" });
    const r = expectError(await upload(editor, draftId, file(), "XYZ-1"), "InputError");
    expect(r.issues!.map((i) => i.field)).toEqual(["criterionCode"]);
    const other = await api.as("xa.khanhthien@ninhbinh.gov.vn");
    other.csrf = null;
    expect(expectError(await upload(other, draftId, file()), "ForbiddenError").message).toContain("CSRF");
    const officer = await api.as("phong.yenkhanh@ninhbinh.gov.vn");
    expectError(await upload(officer, draftId, file()), "ForbiddenError");
  });

  it("upload on a SUBMITTED assessment is refused", async () => {
    const { editor: unitEditor, submitted } = await submittedCommune(api, "id evidence { id }");
    const r = expectError(
      await upload(unitEditor, submitted.id, new File([pdfBytes], "bien-ban.pdf", { type: "application/pdf" })),
      "WorkflowError",
    );
    expect(r.message).toContain("đã nộp");
    expect((await assessmentOf(unitEditor, "14566", "id evidence { id }")).evidence).toEqual(submitted.evidence);
    // The district's own editor is not the commune's staff.
    const districtEditor = await api.as("huyen.yenkhanh@ninhbinh.gov.vn");
    expectError(
      await upload(districtEditor, draftId, new File([pdfBytes], "bien-ban.pdf", { type: "application/pdf" })),
      "ForbiddenError",
    );
  });
});

describe("province report and national summary", () => {
  it("submitted on 20/12 is on time; a second submission is refused", async () => {
    api.setNow(new Date(`${year}-12-20T03:00:00Z`));
    try {
      // Sign in on the pinned clock (a session from "today" has expired by 20/12).
      const admin = await api.as("so@ninhbinh.gov.vn");
      const r = expectSuccess(await report(admin, "ninh-binh", year));
      expect(r).toMatchObject({
        year,
        onTime: true,
        tenant: { code: "ninh-binh" },
        submittedAt: `${year}-12-20T03:00:00.000Z`,
      });
      const communes = await api.prisma.unit.count({
        where: { tenantId: "ninh-binh", kindCode: "commune", mapId: "2025-03" },
      });
      expect(r.summary.commune).toMatchObject({ units: communes, recognised: 3 });
      expect(r.summary.district.units).toBe(
        await api.prisma.unit.count({ where: { tenantId: "ninh-binh", kindCode: "district", mapId: "2025-03" } }),
      );

      const again = expectError(await report(admin, "ninh-binh", year), "WorkflowError");
      expect(again.message).toContain(String(year));
      expect(await api.prisma.provinceReport.count({ where: { tenantId: "ninh-binh" } })).toBe(1);
    } finally {
      api.setNow(null as unknown as Date); // back to the real clock (the harness treats null as "not pinned")
    }
  });

  it("a year without rounds, another province and a non-admin are refused", async () => {
    const hanoi = await api.as("so@hanoi.gov.vn");
    const noRound = expectError(await report(hanoi, "ha-noi", year), "InputError");
    expect(noRound.issues!.map((i) => i.field)).toEqual(["year"]);
    expectError(await report(so, "ha-noi", year), "ForbiddenError");
    expectError(await report(await api.as("phong.yenkhanh@ninhbinh.gov.vn"), "ninh-binh", year + 1), "ForbiddenError");
    expectError(await report(api.anon, "ninh-binh", year + 1), "UnauthenticatedError");
  });

  it("nationalSummary: Ninh Bình's units, recognised counts by level (as in the database) and reportOnTime", async () => {
    const rows = (await query(api.anon, NATIONAL, { y: year })).nationalSummary;
    const nb = rows.find((r: Json) => r.tenantId === "ninh-binh");
    const units = await api.prisma.unit.count({
      where: { tenantId: "ninh-binh", kindCode: "commune", mapId: "2025-03" },
    });
    expect(nb.units).toBe(units);
    expect(nb.assessed).toBe(
      await api.prisma.assessment.count({ where: { round: { tenantId: "ninh-binh", year, unitKind: "commune" } } }),
    );
    const byLevel = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((l) =>
        api.prisma.assessment.count({
          where: {
            status: "RECOGNISED",
            recognisedLevel: l,
            round: { tenantId: "ninh-binh", year, unitKind: "commune" },
          },
        }),
      ),
    );
    expect(nb.byLevel).toEqual(byLevel);
    expect(nb.recognised).toBe(byLevel.reduce((s, n) => s + n, 0));
    expect(nb.recognised).toBe(3);
    expect(nb.basicOrAbove).toEqual({ numerator: byLevel[3]! + byLevel[4]! + byLevel[5]!, denominator: units });
    expect(nb.reportOnTime).toBe(true);
    expect(nb.reportSubmittedAt).toBe(`${year}-12-20T03:00:00.000Z`);
    expect(nb.reportDeadline).toBe(`${year}-12-24T17:00:00.000Z`);
    // Every province is listed; Hà Nội has not reported.
    expect(rows.length).toBe(await api.prisma.tenant.count({ where: { kind: "PROVINCE" } }));
    expect(rows.find((r: Json) => r.tenantId === "ha-noi")).toMatchObject({
      reportOnTime: null,
      reportSubmittedAt: null,
      recognised: 0,
    });
  });

  it("a report after 25/12 (fresh copy of the database, clock on 26/12) is late", async () => {
    const late = await setupApi();
    try {
      late.setNow(new Date(`${year}-12-26T02:00:00Z`));
      const admin = await late.as("so@ninhbinh.gov.vn");
      const r = expectSuccess(await report(admin, "ninh-binh", year));
      expect(r.onTime).toBe(false);
      const nb = (await query(late.anon, NATIONAL, { y: year })).nationalSummary.find(
        (x: Json) => x.tenantId === "ninh-binh",
      );
      expect(nb.reportOnTime).toBe(false);
    } finally {
      await late.close();
    }
  });
});

describe("API keys", () => {
  let key: string;
  let keyId: string;
  let draftVersionId: string;
  let recognisedId: string;
  let draftAssessmentId: string;

  beforeAll(async () => {
    // A draft set in Ninh Bình, so there is something an API key must not see.
    const pub = (await query(so, `{ criteriaSets(tenant: "ninh-binh") { versions { id status } } }`)).criteriaSets[0]
      .versions[0];
    const draft = expectSuccess(
      await mutate(so, "cloneCriteriaSet", "$src: ID!", `sourceVersionId: $src, tenantId: "ninh-binh"`, "id status", {
        src: pub.id,
      }),
    );
    expect(draft.status).toBe("DRAFT");
    draftVersionId = draft.id;
    const officer = await api.as("phong.yenkhanh@ninhbinh.gov.vn");
    recognisedId = (await assessmentOf(officer, "14560", "id status")).id;
    draftAssessmentId = (await assessmentOf(officer, "14590", "id status")).id;
  });

  const create = (c: Client, name: string, tenantId = "ninh-binh") =>
    mutate(
      c,
      "createApiKey",
      "$t: String!, $n: String!",
      "tenantId: $t, name: $n",
      "key apiKey { id name prefix createdAt revokedAt }",
      { t: tenantId, n: name },
    );

  it("createApiKey returns the key once; only its prefix is listed afterwards", async () => {
    const noCsrf = await api.as("so@ninhbinh.gov.vn");
    noCsrf.csrf = null;
    expectError(await create(noCsrf, "Cổng dữ liệu mở"), "ForbiddenError");
    expectError(await create(await api.as("xa.khanhthien@ninhbinh.gov.vn"), "Cổng dữ liệu mở"), "ForbiddenError");
    expectError(await create(so, "Khoá Hà Nội", "ha-noi"), "ForbiddenError");
    expect(expectError(await create(so, " x "), "InputError").issues!.map((i) => i.field)).toEqual(["name"]);

    const r = expectSuccess(await create(so, "Cổng dữ liệu mở tỉnh"));
    key = r.key;
    keyId = r.apiKey.id;
    expect(key).toMatch(/^cds_/);
    expect(r.apiKey).toMatchObject({ name: "Cổng dữ liệu mở tỉnh", prefix: key.slice(0, 10), revokedAt: null });
    const row = await api.prisma.apiKey.findUniqueOrThrow({ where: { id: keyId } });
    expect(JSON.stringify(row)).not.toContain(key);
    const listed = (await query(so, `{ apiKeys(tenantId: "ninh-binh") { id name prefix revokedAt } }`)).apiKeys;
    expect(listed).toEqual([{ id: keyId, name: "Cổng dữ liệu mở tỉnh", prefix: key.slice(0, 10), revokedAt: null }]);
  });

  it("the key reads published sets and recognised assessments, not drafts or unrecognised ones, cannot mutate, and is rate limited (6th request in a minute)", async () => {
    const client = api.withApiKey(key);
    // 1: published sets only.
    const sets = await query(client, `{ criteriaSets(tenant: "ninh-binh") { code versions { id status } } me { id } }`);
    expect(sets.me).toBeNull();
    expect(sets.criteriaSets).toHaveLength(1);
    expect(sets.criteriaSets[0].versions.map((v: Json) => v.status)).toEqual(["PUBLISHED"]);
    // 2: not the draft version.
    await queryError(
      client,
      `query ($id: ID!) { criteriaSetVersion(id: $id) { id } }`,
      { id: draftVersionId },
      "NOT_FOUND",
    );
    // 3: a recognised assessment (with its evaluation), and only recognised ones in lists.
    const rec = await query(
      client,
      `query ($id: ID!) { assessment(id: $id) { status recognisedLevel evaluation { level } values { criterionCode } } assessments(unitCode: "375", first: 50) { edges { node { status } } } }`,
      { id: recognisedId },
    );
    expect(rec.assessment).toMatchObject({
      status: "RECOGNISED",
      recognisedLevel: 4,
      evaluation: { level: 4 },
      values: [],
    });
    expect(new Set(rec.assessments.edges.map((e: Json) => e.node.status))).toEqual(new Set(["RECOGNISED"]));
    // 4: not a draft assessment.
    await queryError(
      client,
      `query ($id: ID!) { assessment(id: $id) { status } }`,
      { id: draftAssessmentId },
      "NOT_FOUND",
    );
    // 5: no mutations.
    const m = await mutate(client, "registerLevel", "$id: ID!", "assessmentId: $id, version: 1, level: 3", "id", {
      id: draftAssessmentId,
    });
    expectError(m, "UnauthenticatedError");
    // 6: over the limit of 5 per minute.
    const limited = await client.gql(`{ me { id } }`);
    expect(limited.errors?.[0]?.extensions?.code, JSON.stringify(limited)).toBe("RATE_LIMITED");
    expect(limited.data?.me ?? null).toBeNull();
  });

  it("revokeApiKey: the key then acts as anonymous (and is no longer counted)", async () => {
    const other = await api.as("so@hanoi.gov.vn");
    expectError(await mutate(other, "revokeApiKey", "$id: ID!", "id: $id", "id", { id: keyId }), "NotFoundError");
    const r = expectSuccess(await mutate(so, "revokeApiKey", "$id: ID!", "id: $id", "id revokedAt", { id: keyId }));
    expect(r.revokedAt).toBeTruthy();
    const client = api.withApiKey(key);
    for (let i = 0; i < 3; i++) {
      const d = await query(client, `query ($id: ID!) { me { id } assessment(id: $id) { status } }`, {
        id: recognisedId,
      });
      expect(d).toEqual({ me: null, assessment: { status: "RECOGNISED" } });
    }
    await queryError(
      client,
      `query ($id: ID!) { assessment(id: $id) { status } }`,
      { id: draftAssessmentId },
      "NOT_FOUND",
    );
    expectError(
      await mutate(client, "registerLevel", "$id: ID!", "assessmentId: $id, version: 1, level: 3", "id", {
        id: draftAssessmentId,
      }),
      "UnauthenticatedError",
    );
  });
});
