/**
 * The whole workflow of one commune assessment through the API, in order:
 * Xã Khánh Thiện (GSO 14563, DRAFT in the demo) registers a level, enters
 * values, submits, is returned, resubmits; Phòng VH&TT Yên Khánh verifies
 * (correcting a value) and the district council appraises; the officer
 * recognises it, after which it is locked. The district's CHUNG-01 follows,
 * and the history records every step.
 *
 * The tests share one assessment and run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import {
  ASSESSMENT_FIELDS,
  assessmentById,
  assessmentChange,
  assessmentOf,
  expectError,
  expectSuccess,
  query,
  valuesAtLevel,
  type Json,
  type MutationResult,
  type SetDoc,
} from "./helpers.ts";

const COMMUNE = "14563"; // Xã Khánh Thiện
const DISTRICT = "375"; // Huyện Yên Khánh

let api: TestApi;
let editor: Client;
let officer: Client;
let appraiser: Client;
let districtEditor: Client;
let so: Client;

const FULL = `${ASSESSMENT_FIELDS}
  evaluation { level levels { level met failing missing } }
  values { criterionCode value note verifiedValue verifierComment verifiedAt effectiveValue }
  comments { criterionCode body }
  evidence { id }
`;

/** A workflow mutation on the assessment, answering FULL. */
const change = (field: string, more: Parameters<typeof assessmentChange>[2] = []) =>
  assessmentChange(field, FULL, more);

const M = {
  register: change("registerLevel", [["level", "level", "Int!"]]),
  save: change("saveIndicatorValues", [
    ["values", "values", "JSON!"],
    ["notes", "notes", "JSON"],
  ]),
  submit: change("submitAssessment"),
  return: change("returnAssessment", [["comments", "comments", "[ReviewCommentInput!]!"]]),
  verifyValue: change("verifyIndicatorValue", [
    ["criterionCode", "code", "String!"],
    ["value", "value", "JSON"],
    ["comment", "comment", "String"],
  ]),
  verify: change("verifyAssessment"),
  appraise: change("appraiseAssessment", [["level", "level", "Int"]]),
  recognise: change("recogniseAssessment", [
    ["decisionNumber", "number", "String!"],
    ["decisionDate", "date", "Date!"],
  ]),
};

const EVALUATE = `query ($versionId: ID, $values: JSON!) { evaluate(versionId: $versionId, values: $values) { __typename ... on Evaluation { level } } }`;

function valuesMap(a: Json, key: "value" | "effectiveValue" = "value"): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of a.values) if (v[key] !== null) out[v.criterionCode] = v[key];
  return out;
}

beforeAll(async () => {
  api = await setupApi();
  [editor, officer, appraiser, districtEditor, so] = await Promise.all([
    api.as("xa.khanhthien@ninhbinh.gov.vn"),
    api.as("phong.yenkhanh@ninhbinh.gov.vn"),
    api.as("thamdinh.yenkhanh@ninhbinh.gov.vn"),
    api.as("huyen.yenkhanh@ninhbinh.gov.vn"),
    api.as("so@ninhbinh.gov.vn"),
  ]);
});
afterAll(async () => {
  await api?.close();
});

describe("commune assessment workflow (ordered)", () => {
  let id: string;
  let version: number;
  let setVersionId: string;
  let doc: SetDoc;
  let historyBaseline: number;
  let districtChildLevelsBefore: number[];
  let recognisedSnapshot: Json;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const a = await assessmentOf(editor, COMMUNE, `${FULL} setVersion { id document } history { id }`);
    expect(a.status).toBe("DRAFT");
    id = a.id;
    version = a.version;
    setVersionId = a.setVersion.id;
    doc = a.setVersion.document;
    historyBaseline = a.history.length;
    for (const [name, c] of Object.entries({ editor, officer, appraiser }))
      ids[name] = (await query(c, `{ me { id } }`)).me.id;
    const d = await assessmentOf(so, DISTRICT, `id values { criterionCode value }`);
    districtChildLevelsBefore = d.values.find((v: Json) => v.criterionCode === "CHUNG-01").value.childLevels;
  });

  it("registerLevel: checks the level, the role, the CSRF token and the version; then registers", async () => {
    const bad = expectError(await M.register(editor, { id, version, level: 9 }), "InputError");
    expect(bad.issues!.map((i) => i.field)).toEqual(["level"]);
    expectError(await M.register(officer, { id, version, level: 3 }), "ForbiddenError");
    const noCsrf = await api.as("xa.khanhthien@ninhbinh.gov.vn");
    noCsrf.csrf = null;
    expect(expectError(await M.register(noCsrf, { id, version, level: 3 }), "ForbiddenError").message).toContain(
      "CSRF",
    );
    const stale = expectError(await M.register(editor, { id, version: version - 1, level: 3 }), "ConflictError");
    expect(stale.currentVersion).toBe(version);
    expect((await assessmentById(editor, id)).version).toBe(version);

    const a = expectSuccess(await M.register(editor, { id, version, level: 3 }));
    expect(a.registeredLevel).toBe(3);
    expect(a.version).toBe(version + 1);
    version = a.version;
  });

  it("saveIndicatorValues stores values and notes, bumps the version and returns the fresh evaluation", async () => {
    const before = await assessmentById(editor, id, FULL);
    const target = valuesAtLevel(doc, 3);
    const r = expectSuccess(
      await M.save(editor, {
        id,
        version,
        values: { "CQS-03": target["CQS-03"], "CQS-01": target["CQS-01"] },
        notes: { "CQS-03": "Theo báo cáo iOffice quý III." },
      }),
    );
    expect(r.version).toBe(version + 1);
    version = r.version;
    const stored = valuesMap(r);
    expect(stored["CQS-03"]).toEqual(target["CQS-03"]);
    expect(stored["CQS-01"]).toEqual(target["CQS-01"]);
    expect(r.values.find((v: Json) => v.criterionCode === "CQS-03").note).toBe("Theo báo cáo iOffice quý III.");
    // Untouched values are kept.
    for (const [code, v] of Object.entries(valuesMap(before))) if (code !== "CQS-01") expect(stored[code]).toEqual(v);
    // The evaluation is fresh and is criteria-core's judgement of the stored values.
    expect(r.evaluation.level).toBe(r.computedLevel);
    expect(r.evaluation.levels).toHaveLength(5);
    expect(r.evaluation.levels.every((l: Json) => !l.missing.includes("CQS-03"))).toBe(true);
    const e = (await query(editor, EVALUATE, { versionId: setVersionId, values: stored })).evaluate;
    expect(e.level).toBe(r.computedLevel);
  });

  it("bad values give InvalidValuesError (criterion + field) and nothing is saved; so do non-object values", async () => {
    const before = await assessmentById(editor, id, FULL);
    const r = expectError(
      await M.save(editor, {
        id,
        version,
        values: { "CQS-01": { numerator: 120, denominator: 100 }, "CQS-07": { count: 1.5 } },
      }),
      "InvalidValuesError",
    );
    expect(r.issues!.map((i) => [i.criterion, i.field, i.reason]).sort()).toEqual([
      ["CQS-01", "CQS-01.numerator", "numerator_exceeds_denominator"],
      ["CQS-07", "CQS-07.count", "not_integer"],
    ]);
    const notObject = expectError(await M.save(editor, { id, version, values: [1, 2] }), "InputError");
    expect(notObject.issues!.map((i) => i.field)).toEqual(["values"]);
    expect(await assessmentById(editor, id, FULL)).toEqual(before);
  });

  it("an unknown criterion is refused naming values.<code>, and nothing is saved", async () => {
    const before = await assessmentById(editor, id, FULL);
    const r = expectError(
      await M.save(editor, { id, version, values: { "XYZ-99": true, "CQS-02": { numerator: 1, denominator: 2 } } }),
      "InputError",
    );
    expect(r.issues!.map((i) => i.field)).toEqual(["values.XYZ-99"]);
    const note = expectError(
      await M.save(editor, { id, version, values: {}, notes: { "CQS-01": "x".repeat(2001) } }),
      "InputError",
    );
    expect(note.issues!.map((i) => i.field)).toEqual(["notes.CQS-01"]);
    expect(await assessmentById(editor, id, FULL)).toEqual(before);
  });

  it("CHUNG-01 (childLevels) of the district cannot be entered by hand", async () => {
    const d = await assessmentOf(districtEditor, DISTRICT, FULL);
    expect(d.status).toBe("DRAFT");
    const r = expectError(
      await M.save(districtEditor, {
        id: d.id,
        version: d.version,
        values: { "CHUNG-01": { childLevels: [5, 5, 5, 5, 5] } },
      }),
      "InputError",
    );
    expect(r.issues!.map((i) => i.field)).toEqual(["values.CHUNG-01"]);
    expect(await assessmentById(districtEditor, d.id, FULL)).toEqual(d);
  });

  it("submit with missing values is refused with InputError listing values.<code>; nothing changes", async () => {
    const before = await assessmentById(editor, id, FULL);
    const expected = new Set<string>();
    for (const l of before.evaluation.levels.slice(0, 3)) for (const code of l.missing) expected.add(code);
    expect(expected.size).toBeGreaterThan(0);
    const r = expectError(await M.submit(editor, { id, version }), "InputError");
    expect(r.issues!.map((i) => i.field).sort()).toEqual([...expected].map((c) => `values.${c}`).sort());
    expect(await assessmentById(editor, id, FULL)).toEqual(before);
  });

  it("filling the values up to a level ≥ registered, then submit → SUBMITTED with selfAssessedLevel", async () => {
    const values = valuesAtLevel(doc, 4);
    const e = (await query(editor, EVALUATE, { versionId: setVersionId, values })).evaluate;
    expect(e.level).toBe(4);
    const saved = expectSuccess(await M.save(editor, { id, version, values }));
    expect(saved.computedLevel).toBe(4);
    expect(saved.version).toBe(version + 1);
    version = saved.version;
    const gaps = (
      await query(
        editor,
        `query ($id: ID!) { assessment(id: $id) { gaps { code } g5: gaps(level: 5) { code message } } }`,
        { id },
      )
    ).assessment;
    expect(gaps.gaps).toEqual([]); // nothing missing for the registered level 3
    expect(gaps.g5.length).toBeGreaterThan(0);

    const s = expectSuccess(await M.submit(editor, { id, version }));
    expect(s).toMatchObject({ status: "SUBMITTED", selfAssessedLevel: 4, registeredLevel: 3, computedLevel: 4 });
    expect(s.submittedAt).toBeTruthy();
    version = s.version;
    // Submitted: the unit can no longer change values.
    const locked = expectError(
      await M.save(editor, { id, version, values: { "CQS-01": { numerator: 1, denominator: 2 } } }),
      "WorkflowError",
    );
    expect(locked.message).toContain("đã nộp");
  });

  it("return needs comments on known criteria and the reviewer's role; with comments → RETURNED, comments visible", async () => {
    const none = expectError(await M.return(officer, { id, version, comments: [{ body: "   " }] }), "InputError");
    expect(none.issues!.map((i) => i.field)).toEqual(["comments"]);
    const unknown = expectError(
      await M.return(officer, { id, version, comments: [{ criterionCode: "XYZ-1", body: "?" }] }),
      "InputError",
    );
    expect(unknown.issues!.map((i) => i.field)).toEqual(["comments.0.criterionCode"]);
    expectError(await M.return(editor, { id, version, comments: [{ body: "tự trả lại" }] }), "ForbiddenError");

    const comments = [
      { criterionCode: "CQS-02", body: "Số hồ sơ trực tuyến chưa khớp báo cáo của Trung tâm phục vụ hành chính công." },
      { body: "Bổ sung minh chứng nhóm Xã hội số." },
    ];
    const r = expectSuccess(await M.return(officer, { id, version, comments }));
    expect(r.status).toBe("RETURNED");
    version = r.version;
    const seen = await assessmentById(editor, id, FULL);
    expect(seen.comments).toEqual([
      { criterionCode: "CQS-02", body: comments[0]!.body },
      { criterionCode: null, body: comments[1]!.body },
    ]);
  });

  it("resubmit → SUBMITTED", async () => {
    const s = expectSuccess(await M.submit(editor, { id, version }));
    expect(s.status).toBe("SUBMITTED");
    expect(s.selfAssessedLevel).toBe(4);
    version = s.version;
  });

  it("verifyIndicatorValue: a correction changes computedLevel; keeping a value records the check", async () => {
    expectError(
      await M.verifyValue(editor, { id, version, code: "CQS-01", value: { numerator: 80, denominator: 100 } }),
      "ForbiddenError",
    );
    const bad = expectError(
      await M.verifyValue(officer, { id, version, code: "CQS-01", value: { numerator: 80, denominator: 0 } }),
      "InvalidValuesError",
    );
    expect(bad.issues![0]).toMatchObject({ criterion: "CQS-01", field: "CQS-01.denominator" });
    const unknown = expectError(
      await M.verifyValue(officer, { id, version, code: "XYZ-1", value: null }),
      "InputError",
    );
    expect(unknown.issues!.map((i) => i.field)).toEqual(["criterionCode"]);

    const keep = expectSuccess(
      await M.verifyValue(officer, { id, version, code: "CQS-02", value: null, comment: "Khớp báo cáo." }),
    );
    expect(keep.computedLevel).toBe(4);
    const kept = keep.values.find((v: Json) => v.criterionCode === "CQS-02");
    expect(kept).toMatchObject({ verifiedValue: null, verifierComment: "Khớp báo cáo." });
    expect(kept.verifiedAt).toBeTruthy();
    expect(kept.effectiveValue).toEqual(kept.value);
    version = keep.version;

    const r = expectSuccess(
      await M.verifyValue(officer, {
        id,
        version,
        code: "CQS-01",
        value: { numerator: 80, denominator: 100 },
        comment: "Theo Cổng DVC: 80/100.",
      }),
    );
    expect(r.version).toBe(version + 1);
    version = r.version;
    expect(r.computedLevel).toBe(3);
    expect(r.evaluation.level).toBe(3);
    const v = r.values.find((x: Json) => x.criterionCode === "CQS-01");
    expect(v).toMatchObject({
      value: { numerator: 100, denominator: 100 },
      verifiedValue: { numerator: 80, denominator: 100 },
      effectiveValue: { numerator: 80, denominator: 100 },
      verifierComment: "Theo Cổng DVC: 80/100.",
    });
    const e = (await query(officer, EVALUATE, { versionId: setVersionId, values: valuesMap(r, "effectiveValue") }))
      .evaluate;
    expect(e.level).toBe(3);
    expect(r.selfAssessedLevel).toBe(4); // what the unit claimed stays on record
  });

  it("verifyAssessment → VERIFIED (the officer only)", async () => {
    expectError(await M.verify(appraiser, { id, version }), "ForbiddenError");
    const r = expectSuccess(await M.verify(officer, { id, version }));
    expect(r.status).toBe("VERIFIED");
    version = r.version;
  });

  it("appraise: not above the computed level, only by the council; then APPRAISED", async () => {
    const above = expectError(await M.appraise(appraiser, { id, version, level: 4 }), "InputError");
    expect(above.issues!.map((i) => i.field)).toEqual(["level"]);
    expectError(await M.appraise(officer, { id, version, level: 3 }), "ForbiddenError");
    expect((await assessmentById(officer, id)).status).toBe("VERIFIED");
    const r = expectSuccess(await M.appraise(appraiser, { id, version, level: 3 }));
    expect(r).toMatchObject({ status: "APPRAISED", appraisedLevel: 3 });
    version = r.version;
  });

  it("recognise with a decision → RECOGNISED with recognisedLevel", async () => {
    const bad = expectError(await M.recognise(officer, { id, version, number: "1", date: "2026-11-20" }), "InputError");
    expect(bad.issues!.map((i) => i.field)).toEqual(["decisionNumber"]);
    // A day that does not exist never reaches the service: the Date scalar refuses it.
    const badDate = await officer.gql(
      `mutation ($id: ID!, $v: Int!, $d: Date!) { recogniseAssessment(assessmentId: $id, version: $v, decisionNumber: "456/QĐ-UBND", decisionDate: $d) { __typename } }`,
      {
        id,
        v: version,
        d: "2026-11-31",
      },
    );
    expect(badDate.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // A decision cannot be dated after today (Vietnam time).
    const future = new Date(Date.now() + 7 * 3600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
    const late = expectError(
      await M.recognise(officer, { id, version, number: "456/QĐ-UBND", date: future }),
      "InputError",
    );
    expect(late.issues!.map((i) => i.field)).toEqual(["decisionDate"]);
    expectError(
      await M.recognise(appraiser, { id, version, number: "456/QĐ-UBND", date: "2026-11-20" }),
      "ForbiddenError",
    );
    const r = expectSuccess(await M.recognise(officer, { id, version, number: "456/QĐ-UBND", date: "2026-11-20" }));
    expect(r).toMatchObject({
      status: "RECOGNISED",
      recognisedLevel: 3,
      appraisedLevel: 3,
      recognitionDecision: "456/QĐ-UBND",
      recognitionDate: "2026-11-20",
    });
    expect(r.recognisedAt).toBeTruthy();
    version = r.version;
    recognisedSnapshot = await assessmentById(editor, id, FULL);
    // Recognised assessments are public.
    const pub = await assessmentById(api.anon, id, `status recognisedLevel evaluation { level }`);
    expect(pub).toEqual({ status: "RECOGNISED", recognisedLevel: 3, evaluation: { level: 3 } });
  });

  it("after recognition every change is refused ('đã công nhận') and nothing changes", async () => {
    const refusals = [
      await M.save(editor, { id, version, values: { "CQS-01": { numerator: 100, denominator: 100 } } }),
      await M.register(editor, { id, version, level: 4 }),
      await M.submit(editor, { id, version }),
      await M.return(officer, { id, version, comments: [{ body: "Xem lại." }] }),
      await M.verifyValue(officer, { id, version, code: "CQS-01", value: null }),
      await M.verify(officer, { id, version }),
      await M.appraise(appraiser, { id, version, level: 2 }),
      await M.recognise(officer, { id, version, number: "457/QĐ-UBND", date: "2026-11-21" }),
      // A stale version must not turn into a ConflictError either: the lock is the answer.
      await M.save(editor, { id, version: version - 1, values: { "CQS-01": { numerator: 100, denominator: 100 } } }),
    ];
    for (const r of refusals) {
      expectError(r, "WorkflowError");
      expect(r.message).toContain("đã công nhận");
    }
    expect(await assessmentById(editor, id, FULL)).toEqual(recognisedSnapshot);
  });

  it("uploading evidence to the recognised assessment is refused ('đã công nhận') and nothing is stored", async () => {
    const res = await editor.upload<{ r: MutationResult }>(
      `mutation ($id: ID!, $file: File!) { r: uploadEvidence(assessmentId: $id, criterionCode: "CQS-01", file: $file) { __typename ... on Error { code message messageEn } } }`,
      { id },
      new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31])], "bien-ban.pdf", { type: "application/pdf" }),
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expectError(res.data!.r, "WorkflowError");
    expect(res.data!.r.message).toContain("đã công nhận");
    expect(await assessmentById(editor, id, FULL)).toEqual(recognisedSnapshot);
  });

  it("the district's CHUNG-01 is recomputed from the communes' recognised levels", async () => {
    const d = await assessmentOf(so, DISTRICT, `id values { criterionCode value } history { action before after }`);
    const after: number[] = d.values.find((v: Json) => v.criterionCode === "CHUNG-01").value.childLevels;
    const children = await api.prisma.unit.findMany({
      where: { parent: { code: DISTRICT }, kindCode: "commune" },
      select: { assessments: { select: { recognisedLevel: true, status: true } } },
    });
    const expected = children.map((c) => c.assessments[0]?.recognisedLevel ?? 0);
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    expect(sorted(after)).toEqual(sorted(expected));
    // Exactly one commune moved from 0 (not recognised) to 3.
    const count = (xs: number[], n: number) => xs.filter((x) => x === n).length;
    expect(count(after, 3)).toBe(count(districtChildLevelsBefore, 3) + 1);
    expect(count(after, 0)).toBe(count(districtChildLevelsBefore, 0) - 1);
    const last = d.history.filter((h: Json) => h.action === "assessment.recomputeChildLevels").at(-1);
    expect(last.after["CHUNG-01"].childLevels).toEqual(after);
    expect(last.before["CHUNG-01"].childLevels).toEqual(districtChildLevelsBefore);
    // The district editor sees the same value.
    const de = await assessmentOf(districtEditor, DISTRICT, `values { criterionCode value }`);
    expect(de.values.find((v: Json) => v.criterionCode === "CHUNG-01").value.childLevels).toEqual(after);
  });

  it("history shows an audit event for each step, with actor and before/after", async () => {
    const a = await assessmentById(
      officer,
      id,
      `history { id at actorId actorKind action entityType entityId before after }`,
    );
    const events = a.history.slice(historyBaseline);
    expect(events.map((e: Json) => e.action)).toEqual([
      "assessment.register",
      "assessment.saveValues",
      "assessment.saveValues",
      "assessment.submit",
      "assessment.return",
      "assessment.submit",
      "assessment.verifyValue",
      "assessment.verifyValue",
      "assessment.verify",
      "assessment.appraise",
      "assessment.recognise",
    ]);
    const [register, save1, , submit, ret, , keep, correct, verify, appraise, recognise] = events;
    for (const e of events) {
      expect(e).toMatchObject({ actorKind: "user", entityType: "Assessment" });
      expect(Buffer.from(id, "base64").toString()).toBe(`Assessment:${e.entityId}`);
    }
    expect(register).toMatchObject({
      actorId: ids.editor,
      before: { registeredLevel: 2 },
      after: { registeredLevel: 3 },
    });
    expect(Object.keys(save1.after.values).sort()).toEqual(["CQS-01", "CQS-03"]);
    expect(save1.after.notes).toEqual({ "CQS-03": "Theo báo cáo iOffice quý III." });
    expect(save1.before.values["CQS-03"]).toBeNull();
    expect(submit).toMatchObject({
      actorId: ids.editor,
      before: { status: "DRAFT" },
      after: { status: "SUBMITTED", selfAssessedLevel: 4, registeredLevel: 3 },
    });
    expect(ret).toMatchObject({ actorId: ids.officer, before: { status: "SUBMITTED" }, after: { status: "RETURNED" } });
    expect(ret.after.comments).toHaveLength(2);
    expect(keep).toMatchObject({ actorId: ids.officer, after: { criterionCode: "CQS-02", verifiedValue: null } });
    expect(correct).toMatchObject({
      actorId: ids.officer,
      before: { criterionCode: "CQS-01", value: { numerator: 100, denominator: 100 }, verifiedValue: null },
      after: { criterionCode: "CQS-01", verifiedValue: { numerator: 80, denominator: 100 }, level: 3 },
    });
    expect(verify).toMatchObject({
      actorId: ids.officer,
      before: { status: "SUBMITTED" },
      after: { status: "VERIFIED" },
    });
    expect(appraise).toMatchObject({
      actorId: ids.appraiser,
      before: { status: "VERIFIED" },
      after: { status: "APPRAISED", appraisedLevel: 3 },
    });
    expect(recognise).toMatchObject({
      actorId: ids.officer,
      before: { status: "APPRAISED" },
      after: { status: "RECOGNISED", recognisedLevel: 3, decisionNumber: "456/QĐ-UBND", decisionDate: "2026-11-20" },
    });
    // Times never go backwards.
    const times = events.map((e: Json) => Date.parse(e.at));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
  });
});
