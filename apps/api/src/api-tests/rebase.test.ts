/**
 * Rebase of a provincial set through the API (issue 9): the ministry publishes national commune 2.0 (clone →
 * update draft → publish), Ninh Bình's Sở sees that a newer national version exists, previews the three-way
 * merge (national 1.0 → 2.0 applied to ninh-binh-commune 1.0) and rebases with its one conflict decided: a new
 * DRAFT with both parents, audited. Then 3.0 is published and the draft is rebased in place. Refusals: who,
 * which version, undecided or unknown conflicts, a stale draft, a second draft.
 *
 * The tests run in order and share the versions they create.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import { globalId } from "../testing/authz-cases.ts";
import { expectError, expectSuccess, mutate, query, queryError, type Json, type SetDoc } from "./helpers.ts";

let api: TestApi;
let bo: Client;
let so: Client;

const VERSION_FIELDS = `
  id version status revision document
  set { code }
  basedOn { id version set { code } }
  rebasedOnto { id version set { code } }
`;

const NATIONAL_1 = globalId("CriteriaSetVersion", "v_vn-2361-commune_1.0");
const DISTRICT_1 = globalId("CriteriaSetVersion", "v_vn-2361-district_1.0");

const clone = (client: Client, src: string, tenant: string) =>
  mutate(
    client,
    "cloneCriteriaSet",
    "$src: ID!, $tenant: String!",
    "sourceVersionId: $src, tenantId: $tenant",
    VERSION_FIELDS,
    { src, tenant },
  );

const update = (client: Client, id: string, document: unknown, revision: number) =>
  mutate(
    client,
    "updateCriteriaSetDraft",
    "$id: ID!, $document: JSON!, $revision: Int!",
    "versionId: $id, document: $document, revision: $revision",
    VERSION_FIELDS,
    { id, document, revision },
  );

const publish = (client: Client, id: string, number: string) =>
  mutate(
    client,
    "publishCriteriaSetVersion",
    "$id: ID!, $number: String!, $date: Date!",
    "versionId: $id, decisionNumber: $number, decisionDate: $date",
    VERSION_FIELDS,
    { id, number, date: "2025-06-01" },
  );

interface Decision {
  key: string;
  choice: "OURS" | "THEIRS";
}
const rebase = (
  client: Client,
  input: { versionId: string; ontoVersionId: string; decisions: Decision[]; revision?: number },
) => mutate(client, "rebaseVersion", "$input: RebaseVersionInput!", "input: $input", VERSION_FIELDS, { input });

const PREVIEW = `query ($v: ID!, $onto: ID!) {
  rebasePreview(versionId: $v, ontoVersionId: $onto) {
    version { id version } base { id version } onto { id version }
    applied { key path section code kind before after message messageEn }
    kept { key section code kind message }
    conflicts { key path section code kind base ours theirs message messageEn }
    document
    issues { pointer message }
  }
}`;

const NATIONAL_UPDATE = `query ($v: ID!) {
  nationalUpdate(versionId: $v) { descendsFrom { id version } latest { id version } available canRebase }
}`;

const KTS_06 = {
  code: "KTS-06",
  group: "KTS",
  name: "Tỷ lệ hộ kinh doanh sử dụng thanh toán không dùng tiền mặt",
  unit: "%",
  subject: "hộ kinh doanh",
  method: "Số hộ kinh doanh có tài khoản thanh toán điện tử trên tổng số hộ kinh doanh của xã.",
  legalBasis: ["Quyết định số 1813/QĐ-TTg."],
  local: false,
  exemptWhenNoSubjects: true,
  measure: "percentage",
  targets: [null, 20, 40, 60, 80],
};

const codes = (doc: SetDoc) => doc.criteria.map((c) => c.code);
const criterion = (doc: SetDoc, code: string) => doc.criteria.find((c) => c.code === code)!;
const rebaseEvents = () => api.prisma.auditEvent.findMany({ where: { action: "set.rebase" }, orderBy: { id: "asc" } });

/** The ministry publishes the next national commune version from the current one, changed by `edit`. */
async function publishNational(from: string, number: string, edit: (doc: SetDoc) => void): Promise<Json> {
  const draft = expectSuccess(await clone(bo, from, "vn"));
  const doc = structuredClone(draft.document) as SetDoc;
  edit(doc);
  const saved = expectSuccess(await update(bo, draft.id, doc, draft.revision));
  return expectSuccess(await publish(bo, saved.id, number));
}

beforeAll(async () => {
  api = await setupApi();
  bo = await api.as("bo@cds.gov.vn");
  so = await api.as("so@ninhbinh.gov.vn");
});
afterAll(async () => {
  await api?.close();
});

describe("rebase of ninh-binh-commune onto national commune 2.0 (ordered)", () => {
  let provincial: Json;
  let national2: Json;
  let draft: Json;

  it("finds Ninh Bình's published commune set, cloned from national 1.0, with nothing newer yet", async () => {
    const d = await query(
      so,
      `{ criteriaSets(tenant: "ninh-binh", unitKind: "commune") { code versions { ${VERSION_FIELDS} } } }`,
    );
    const set = d.criteriaSets.find((s: Json) => s.code === "ninh-binh-commune");
    provincial = set.versions.find((v: Json) => v.status === "PUBLISHED");
    expect(provincial).toMatchObject({ version: "1.0", basedOn: { id: NATIONAL_1 }, rebasedOnto: null });
    const u = await query(so, NATIONAL_UPDATE, { v: provincial.id });
    expect(u.nationalUpdate).toEqual({
      descendsFrom: { id: NATIONAL_1, version: "1.0" },
      latest: { id: NATIONAL_1, version: "1.0" },
      available: false,
      canRebase: true,
    });
  });

  it("the ministry publishes national commune 2.0: CQS-01 and CQS-02 raised, KTS-06 added, XHS-09 removed", async () => {
    national2 = await publishNational(NATIONAL_1, "100/QĐ-BKHCN", (doc) => {
      criterion(doc, "CQS-01").targets = [50, 60, 75, 100, 100];
      criterion(doc, "CQS-02").targets = [25, 35, 55, 80, 90];
      doc.criteria.splice(codes(doc).indexOf("KTS-05") + 1, 0, structuredClone(KTS_06));
      doc.criteria = doc.criteria.filter((c) => c.code !== "XHS-09");
    });
    expect(national2).toMatchObject({ version: "2.0", status: "PUBLISHED", set: { code: "vn-2361-commune" } });

    const u = await query(so, NATIONAL_UPDATE, { v: provincial.id });
    expect(u.nationalUpdate).toEqual({
      descendsFrom: { id: NATIONAL_1, version: "1.0" },
      latest: { id: national2.id, version: "2.0" },
      available: true,
      canRebase: true,
    });
  });

  it("previews: the nation's untouched changes applied, the province's kept, CQS-02 in conflict", async () => {
    const p = (await query(so, PREVIEW, { v: provincial.id, onto: national2.id })).rebasePreview;
    expect(p.version).toEqual({ id: provincial.id, version: "1.0" });
    expect(p.base).toEqual({ id: NATIONAL_1, version: "1.0" });
    expect(p.onto).toEqual({ id: national2.id, version: "2.0" });
    expect(p.applied.map((c: Json) => [c.key, c.section, c.kind])).toEqual([
      ["criteria/CQS-01", "CRITERIA", "MODIFIED"],
      ["criteria/XHS-09", "CRITERIA", "DELETED"],
      ["criteria/KTS-06", "CRITERIA", "ADDED"],
    ]);
    expect(p.applied[0].path).toEqual(["criteria", "CQS-01"]);
    expect(p.applied[0].message).toContain("chỉ tiêu mức Cơ bản: ≥ 70% → ≥ 75%");
    expect(p.applied[0].messageEn).toContain("target at Cơ bản: ≥ 70% → ≥ 75%");
    expect(p.applied[1].after).toBeNull();
    expect(p.applied[2].after).toEqual(KTS_06);
    expect(p.kept.map((c: Json) => [c.key, c.kind])).toEqual([
      ["title", "MODIFIED"],
      ["criteria/CQS-25", "ADDED"],
    ]);
    expect(p.conflicts).toHaveLength(1);
    const [c] = p.conflicts;
    expect(c).toMatchObject({
      key: "criteria/CQS-02",
      path: ["criteria", "CQS-02"],
      section: "CRITERIA",
      code: "CQS-02",
      kind: "BOTH_MODIFIED",
    });
    expect([c.base.targets, c.ours.targets, c.theirs.targets]).toEqual([
      [20, 30, 50, 80, 90],
      [30, 40, 60, 80, 90],
      [25, 35, 55, 80, 90],
    ]);
    expect(c.message).toContain("tỉnh và khung quốc gia mới cùng sửa, khác nhau");
    expect(c.messageEn).toContain("both changed it, differently");
    // The document as it would be written: the next version of the set, following national 2.0, and the
    // province's side of the conflict until decided.
    expect(p.document).toMatchObject({
      id: "ninh-binh-commune",
      version: "2.0",
      basedOn: { id: "vn-2361-commune", version: "2.0" },
    });
    expect(criterion(p.document, "CQS-02").targets).toEqual([30, 40, 60, 80, 90]);
    expect(p.issues).toEqual([]);
  });

  it("refuses who may not manage Ninh Bình's sets: the ministry, another province, the province's leader", async () => {
    const decisions: Decision[] = [{ key: "criteria/CQS-02", choice: "THEIRS" }];
    const input = { versionId: provincial.id, ontoVersionId: national2.id, decisions };
    for (const email of ["bo@cds.gov.vn", "so@hanoi.gov.vn", "lanhdao@ninhbinh.gov.vn"]) {
      const c = await api.as(email);
      expectError(await rebase(c, input), "ForbiddenError");
      await queryError(c, PREVIEW, { v: provincial.id, onto: national2.id }, "FORBIDDEN");
    }
    const noCsrf = await api.as("so@ninhbinh.gov.vn");
    noCsrf.csrf = null;
    expect(expectError(await rebase(noCsrf, input), "ForbiddenError").message).toContain("CSRF");
  });

  it("refuses an onto version that is not the national set's published version, naming ontoVersionId", async () => {
    const cases = [
      { onto: NATIONAL_1, says: "không phải là phiên bản đang có hiệu lực" }, // archived by 2.0
      { onto: DISTRICT_1, says: "Phải là một phiên bản của khung quốc gia vn-2361-commune" },
      { onto: provincial.id, says: "Phải là một phiên bản của khung quốc gia vn-2361-commune" },
    ];
    for (const { onto, says } of cases) {
      const r = expectError(
        await rebase(so, { versionId: provincial.id, ontoVersionId: onto, decisions: [] }),
        "InputError",
      );
      expect(r.issues).toHaveLength(1);
      expect(r.issues![0]!.field).toBe("ontoVersionId");
      expect(r.issues![0]!.message).toContain(says);
      expect(r.issues![0]!.messageEn).toBeTruthy();
      await queryError(so, PREVIEW, { v: provincial.id, onto }, "BAD_INPUT");
    }
    // The national set itself is not rebased.
    const r = expectError(
      await rebase(so, { versionId: national2.id, ontoVersionId: national2.id, decisions: [] }),
      "ForbiddenError",
    );
    expect(r.code).toBe("FORBIDDEN");
    const asMinistry = expectError(
      await rebase(bo, { versionId: NATIONAL_1, ontoVersionId: national2.id, decisions: [] }),
      "InputError",
    );
    expect(asMinistry.issues!.map((i) => i.field)).toEqual(["versionId"]);
  });

  it("refuses an undecided conflict, an unknown or repeated key, naming decisions.<key>; nothing is written", async () => {
    const versionsBefore = await api.prisma.criteriaSetVersion.count({ where: { setId: "ninh-binh-commune" } });
    const undecided = expectError(
      await rebase(so, { versionId: provincial.id, ontoVersionId: national2.id, decisions: [] }),
      "InputError",
    );
    expect(undecided.issues).toEqual([
      {
        field: "decisions.criteria/CQS-02",
        message: "Chưa chọn cách xử lý xung đột ở tiêu chí CQS-02",
        messageEn: "No decision for the conflict at criterion CQS-02",
      },
    ]);
    const unknown = expectError(
      await rebase(so, {
        versionId: provincial.id,
        ontoVersionId: national2.id,
        decisions: [
          { key: "criteria/CQS-02", choice: "OURS" },
          { key: "criteria/CQS-01", choice: "THEIRS" },
        ],
      }),
      "InputError",
    );
    expect(unknown.issues!.map((i) => i.field)).toEqual(["decisions.criteria/CQS-01"]);
    expect(unknown.issues![0]!.message).toBe('"criteria/CQS-01" không phải là một xung đột của lần cập nhật này');
    const repeated = expectError(
      await rebase(so, {
        versionId: provincial.id,
        ontoVersionId: national2.id,
        decisions: [
          { key: "criteria/CQS-02", choice: "OURS" },
          { key: "criteria/CQS-02", choice: "THEIRS" },
        ],
      }),
      "InputError",
    );
    expect(repeated.issues!.map((i) => i.field)).toEqual(["decisions.criteria/CQS-02"]);
    expect(await api.prisma.criteriaSetVersion.count({ where: { setId: "ninh-binh-commune" } })).toBe(versionsBefore);
    expect(await rebaseEvents()).toEqual([]);
  });

  it("rebases with CQS-02 taken from the nation: a new DRAFT with both parents and the merged document", async () => {
    draft = expectSuccess(
      await rebase(so, {
        versionId: provincial.id,
        ontoVersionId: national2.id,
        decisions: [{ key: "criteria/CQS-02", choice: "THEIRS" }],
      }),
    );
    expect(draft).toMatchObject({
      version: "2.0",
      status: "DRAFT",
      revision: 1,
      set: { code: "ninh-binh-commune" },
      basedOn: { id: provincial.id, version: "1.0", set: { code: "ninh-binh-commune" } },
      rebasedOnto: { id: national2.id, version: "2.0", set: { code: "vn-2361-commune" } },
    });
    const doc = draft.document as SetDoc;
    const before = provincial.document as SetDoc;
    expect(doc).toMatchObject({
      id: "ninh-binh-commune",
      version: "2.0",
      title: before.title,
      basedOn: { id: "vn-2361-commune", version: "2.0" },
      issuer: { tenant: "ninh-binh", name: (before.issuer as Json).name },
    });
    expect((doc.issuer as Json).decisionNumber).toBeUndefined();
    const expected = codes(before).filter((c) => c !== "XHS-09");
    expected.splice(expected.indexOf("KTS-05") + 1, 0, "KTS-06");
    expect(codes(doc)).toEqual(expected);
    expect(criterion(doc, "CQS-01").targets).toEqual([50, 60, 75, 100, 100]);
    expect(criterion(doc, "CQS-02").targets).toEqual([25, 35, 55, 80, 90]);
    expect(criterion(doc, "CQS-25")).toEqual(criterion(before, "CQS-25"));
    expect(criterion(doc, "KTS-06")).toEqual(KTS_06);

    const read = await query(so, `query ($id: ID!) { criteriaSetVersion(id: $id) { issues { pointer } } }`, {
      id: draft.id,
    });
    expect(read.criteriaSetVersion.issues).toEqual([]);
    const u = await query(so, NATIONAL_UPDATE, { v: draft.id });
    expect(u.nationalUpdate).toMatchObject({ descendsFrom: { id: national2.id }, available: false });
  });

  it("records the rebase as one audit event by the Sở, with both national versions and the decision", async () => {
    const events = await rebaseEvents();
    expect(events).toHaveLength(1);
    const user = await api.prisma.user.findUniqueOrThrow({ where: { email: "so@ninhbinh.gov.vn" } });
    const rawDraftId = Buffer.from(draft.id, "base64").toString().split(":")[1];
    expect(events[0]).toMatchObject({
      actorId: user.id,
      actorKind: "user",
      tenantId: "ninh-binh",
      entityType: "CriteriaSetVersion",
      entityId: rawDraftId,
      before: null,
      after: {
        setId: "ninh-binh-commune",
        version: "2.0",
        from: { setId: "ninh-binh-commune", version: "1.0" },
        base: { setId: "vn-2361-commune", version: "1.0" },
        onto: { setId: "vn-2361-commune", version: "2.0" },
        applied: ["criteria/CQS-01", "criteria/XHS-09", "criteria/KTS-06"],
        kept: ["title", "criteria/CQS-25"],
        decisions: { "criteria/CQS-02": "theirs" },
      },
    });
  });

  it("refuses a second draft of the set, and the draft onto the version it already follows", async () => {
    const r = expectError(
      await rebase(so, {
        versionId: provincial.id,
        ontoVersionId: national2.id,
        decisions: [{ key: "criteria/CQS-02", choice: "OURS" }],
      }),
      "WorkflowError",
    );
    expect(r.message).toContain("đã có một bản nháp");
    const same = expectError(
      await rebase(so, { versionId: draft.id, ontoVersionId: national2.id, decisions: [], revision: 1 }),
      "InputError",
    );
    expect(same.issues!.map((i) => i.field)).toEqual(["ontoVersionId"]);
    expect(same.issues![0]!.message).toContain("đã theo vn-2361-commune 2.0");
    expect(await rebaseEvents()).toHaveLength(1);
  });

  it("rebases the draft in place onto national 3.0, checking its revision; basedOn stays, rebasedOnto moves", async () => {
    const national3 = await publishNational(national2.id, "120/QĐ-BKHCN", (doc) => {
      criterion(doc, "XHS-01").targets = [55, 60, 70, 80, 100];
    });
    expect(national3.version).toBe("3.0");
    const input = { versionId: draft.id, ontoVersionId: national3.id, decisions: [] as Decision[] };

    const noRevision = expectError(await rebase(so, input), "InputError");
    expect(noRevision.issues!.map((i) => i.field)).toEqual(["revision"]);
    const stale = expectError(await rebase(so, { ...input, revision: 7 }), "ConflictError");
    expect(stale.currentVersion).toBe(1);

    const p = (await query(so, PREVIEW, { v: draft.id, onto: national3.id })).rebasePreview;
    expect(p.base).toEqual({ id: national2.id, version: "2.0" });
    expect(p.applied.map((c: Json) => c.key)).toEqual(["criteria/XHS-01"]);
    expect(p.conflicts).toEqual([]);

    const again = expectSuccess(await rebase(so, { ...input, revision: 1 }));
    expect(again).toMatchObject({
      id: draft.id,
      version: "2.0",
      status: "DRAFT",
      revision: 2,
      basedOn: { id: provincial.id },
      rebasedOnto: { id: national3.id, version: "3.0" },
    });
    expect(criterion(again.document, "XHS-01").targets).toEqual([55, 60, 70, 80, 100]);
    expect(criterion(again.document, "CQS-02").targets).toEqual([25, 35, 55, 80, 90]);
    expect(again.document.basedOn).toEqual({ id: "vn-2361-commune", version: "3.0" });
    const events = await rebaseEvents();
    expect(events).toHaveLength(2);
    expect(events[1]!.before).toEqual(draft.document);
    expect(events[1]!.after).toMatchObject({
      base: { version: "2.0" },
      onto: { version: "3.0" },
      applied: ["criteria/XHS-01"],
    });
  });
});
