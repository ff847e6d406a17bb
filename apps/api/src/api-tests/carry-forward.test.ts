/**
 * Carry an assessment forward (issue 9) through GraphQL: the demo province publishes a new version of its commune
 * set (one criterion's method changed, one criterion's targets changed, one added, one removed), opens next year's
 * round on it, and the demo commune's editor previews and carries this year's values into next year's assessment.
 * Data is found through queries (the newest commune round of Ninh Bình, units by code), not fixed years.
 *
 * The tests run in order and share what the first ones create.
 */
import { evaluate, type IndicatorValues } from "@cds/criteria-core";
import type { TCriteriaSet } from "@cds/criteria-schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import { createUnitEditor, expectError, expectSuccess, mutate, query, queryError, type Json } from "./helpers.ts";

let api: TestApi;
let so: Client;
let editor: Client;

/** This year's commune round of Ninh Bình (the newest), its pinned version, and next year's round once opened. */
let year: number;
let oldDoc: TCriteriaSet;
let newDoc: TCriteriaSet;
let newRoundId: string;
/** The demo commune 14563: this year's assessment (the source) and next year's (the target). */
let source: Json;
let sourceValues: Record<string, unknown>;
let target: Json;
/** The criteria the new version changes: method (to review), targets only (copied), added, removed. */
let changedCode: string;
let targetsCode: string;
const addedCode = "CQS-90";
let removedCode: string;

const rawId = (globalId: string) => Buffer.from(globalId, "base64").toString("utf8").split(":").slice(1).join(":");

const PREVIEW = `
  allowed refusal refusalEn
  assessment { id }
  carriedFrom { id }
  candidates { year lineage valueCount assessment { id unit { id code } round { year } } }
  source { year lineage assessment { id } }
  items {
    criterionCode name status value note reason reasonMessage reasonMessageEn
    issues { criterion field message }
    changes { field level from to review }
  }
`;

async function preview(client: Client, assessmentId: string, fromAssessmentId?: string): Promise<Json> {
  return (
    await query(
      client,
      `query ($a: ID!, $f: ID) { carryForwardPreview(assessmentId: $a, fromAssessmentId: $f) { ${PREVIEW} } }`,
      { a: assessmentId, f: fromAssessmentId ?? null },
    )
  ).carryForwardPreview;
}

const carry = (
  client: Client,
  input: { assessmentId: string; fromAssessmentId: string; version: number; includeChanged?: string[] },
) =>
  mutate(
    client,
    "carryForward",
    "$input: CarryForwardInput!",
    "input: $input",
    `copied items { criterionCode status reason }
     assessment { id version status values { criterionCode value note } computedLevel
       evaluation { setId setVersion level criteria { code } } }`,
    { input },
  );

const ASSESSMENT = `id version status computedLevel
  values { criterionCode value effectiveValue note }
  evaluation { setId setVersion level criteria { code } }
  history { action after }`;

async function assessmentIn(client: Client, roundId: string, unitCode: string): Promise<Json> {
  const d = await query(
    client,
    `query ($r: ID!, $c: String!) { assessments(roundId: $r, unitCode: $c, first: 10) { edges { node { id unit { code } } } } }`,
    { r: roundId, c: unitCode },
  );
  const node = d.assessments.edges.map((e: Json) => e.node).find((n: Json) => n.unit.code === unitCode);
  expect(node, `assessment of ${unitCode}`).toBeDefined();
  return (await query(client, `query ($id: ID!) { assessment(id: $id) { ${ASSESSMENT} } }`, { id: node.id }))
    .assessment;
}

/** This year's assessments past DRAFT (every one has values), as the province sees them. */
async function submittedThisYear(): Promise<Json[]> {
  const d = await query(
    so,
    `query ($r: ID!) { assessments(roundId: $r, status: [SUBMITTED, RETURNED, VERIFIED, APPRAISED, RECOGNISED], first: 100) {
      edges { node { id status unit { code } values { criterionCode effectiveValue } } } } }`,
    { r: thisRoundId },
  );
  return d.assessments.edges.map((e: Json) => e.node);
}

/** The unit id of a candidate as the lineage edges name it (the Unit's relay id). */
const rawUnitIdOf = (c: Json): string => c.assessment.unit.id;

const valuesOf = (a: Json): Record<string, unknown> =>
  Object.fromEntries(
    a.values.filter((v: Json) => v.effectiveValue !== null).map((v: Json) => [v.criterionCode, v.effectiveValue]),
  );

let thisRoundId: string;
/** The administrative map of this year's round (next year's round is opened on it, so the same units are assessed). */
let mapId: string;
let newVersionId: string;
/** Another commune of this year's round, past DRAFT, whose values include the changed criterion. */
let otherCode: string;

beforeAll(async () => {
  api = await setupApi();
  so = await api.as("so@ninhbinh.gov.vn");
  editor = await api.as("xa.khanhthien@ninhbinh.gov.vn");
});
afterAll(async () => {
  await api?.close();
});

describe("carry an assessment forward to a new version (ordered)", () => {
  it("setup: this year's commune round and the demo commune's assessment in it", async () => {
    const d = await query(
      so,
      `{ rounds(tenant: "ninh-binh") { id year unitKind map { id } setVersion { id version document } } }`,
    );
    const round = d.rounds.filter((r: Json) => r.unitKind === "commune").sort((a: Json, b: Json) => b.year - a.year)[0];
    expect(round).toBeDefined();
    year = round.year;
    thisRoundId = round.id;
    mapId = round.map.id;
    oldDoc = round.setVersion.document;
    source = await assessmentIn(editor, round.id, "14563");
    expect(source.status).toBe("DRAFT");
    sourceValues = valuesOf(source);
    // The demo leaves some criteria without values: both kinds are there to class.
    expect(Object.keys(sourceValues).length).toBeGreaterThan(5);
    expect(oldDoc.criteria.some((c) => !(c.code in sourceValues))).toBe(true);
  });

  it("setup: the province publishes a new version (method, targets, added, removed) and opens next year's round on it", async () => {
    const withValue = oldDoc.criteria.filter((c) => c.measure === "percentage" && c.code in sourceValues);
    expect(withValue.length).toBeGreaterThanOrEqual(2);
    changedCode = withValue[0]!.code;
    // Another commune with a value for it too (the "included" case below).
    const other = (await submittedThisYear()).find(
      (a) => a.unit.code !== "14563" && a.values.some((v: Json) => v.criterionCode === changedCode),
    );
    expect(other).toBeDefined();
    otherCode = other!.unit.code;
    const t = withValue.find(
      (c) =>
        c.code !== changedCode &&
        (c.targets as (number | null)[]).some(
          (x, i, all) => i > 0 && x !== null && all[i - 1] !== null && x > all[i - 1]! + 1,
        ),
    )!;
    expect(t).toBeDefined();
    targetsCode = t.code;
    removedCode = oldDoc.criteria.find(
      (c) => c.code in sourceValues && c.code !== changedCode && c.code !== targetsCode && c.measure === "boolean",
    )!.code;

    const versionId = (await query(so, `{ rounds(tenant: "ninh-binh") { id setVersion { id } } }`)).rounds.find(
      (r: Json) => r.id === thisRoundId,
    ).setVersion.id;
    const draft = expectSuccess(
      await mutate(
        so,
        "cloneCriteriaSet",
        "$src: ID!",
        `sourceVersionId: $src, tenantId: "ninh-binh"`,
        "id revision document",
        { src: versionId },
      ),
    );
    const doc = structuredClone(draft.document) as TCriteriaSet;
    doc.criteria = doc.criteria
      .filter((c) => c.code !== removedCode)
      .map((c) => {
        if (c.code === changedCode) return { ...c, method: `${c.method} Tính theo hướng dẫn mới của tỉnh.` };
        if (c.code === targetsCode && c.measure === "percentage") {
          const targets = [...c.targets];
          const i = targets.findIndex(
            (x, k) => k > 0 && x !== null && targets[k - 1] !== null && x > targets[k - 1]! + 1,
          );
          targets[i] = targets[i]! - 1;
          return { ...c, targets };
        }
        return c;
      });
    doc.criteria.push({
      code: addedCode,
      group: "CQS",
      name: "Tỷ lệ cán bộ xã sử dụng chữ ký số trong xử lý văn bản",
      unit: "%",
      subject: "cán bộ",
      measure: "percentage",
      targets: [null, 10, 20, 30, 40],
      method: "Số cán bộ có chữ ký số trên tổng số cán bộ của xã.",
      legalBasis: ["Thực tế tại địa phương."],
      local: true,
      exemptWhenNoSubjects: false,
    });
    const updated = expectSuccess(
      await mutate(
        so,
        "updateCriteriaSetDraft",
        "$id: ID!, $document: JSON!, $revision: Int!",
        "versionId: $id, document: $document, revision: $revision",
        "id revision",
        { id: draft.id, document: doc, revision: draft.revision },
      ),
    );
    const published = expectSuccess(
      await mutate(
        so,
        "publishCriteriaSetVersion",
        "$id: ID!, $d: Date!",
        `versionId: $id, decisionNumber: "88/QĐ-UBND", decisionDate: $d`,
        "id version status document",
        { id: updated.id, d: new Date().toISOString().slice(0, 10) },
      ),
    );
    expect(published.status).toBe("PUBLISHED");
    newDoc = published.document;
    expect(newDoc.version).not.toBe(oldDoc.version);

    const round = expectSuccess(
      await mutate(
        so,
        "openRound",
        "$v: ID!, $y: Int!, $s: Date!, $r: Date!, $m: String",
        `tenantId: "ninh-binh", year: $y, setVersionId: $v, submitDueAt: $s, reviewDueAt: $r, mapId: $m`,
        "id year map { id } setVersion { id }",
        { v: published.id, y: year + 1, s: `${year + 1}-10-31`, r: `${year + 1}-12-15`, m: mapId },
      ),
    );
    newRoundId = round.id;
    newVersionId = published.id;
    expect(round.map.id).toBe(mapId);
    target = await assessmentIn(editor, newRoundId, "14563");
    expect(target).toMatchObject({ status: "DRAFT", values: [] });
  });

  it("previews: the newest earlier assessment first; kept criteria COPIED, the method change CHANGED, new NEW, removed DROPPED", async () => {
    const p = await preview(editor, target.id);
    expect(p.allowed).toBe(true);
    expect(p.refusal).toBeNull();
    expect(p.carriedFrom).toBeNull();
    expect(p.assessment.id).toBe(target.id);
    // Candidates: earlier years only, newest first; this year's own assessment leads.
    expect(p.candidates.length).toBeGreaterThanOrEqual(1);
    expect(p.candidates[0]).toMatchObject({ year, lineage: "SELF", assessment: { id: source.id } });
    const years = p.candidates.map((c: Json) => c.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(years.every((y: number) => y < year + 1)).toBe(true);
    expect(p.candidates.some((c: Json) => c.assessment.id === target.id)).toBe(false);
    expect(p.source).toMatchObject({ year, lineage: "SELF", assessment: { id: source.id } });

    // Every criterion of the target version in order, then the dropped one.
    const codes = p.items.map((i: Json) => i.criterionCode);
    expect(codes).toEqual([...newDoc.criteria.map((c) => c.code), removedCode]);
    const byCode = new Map<string, Json>(p.items.map((i: Json) => [i.criterionCode, i]));
    expect(byCode.get(changedCode)).toMatchObject({
      status: "CHANGED",
      value: sourceValues[changedCode],
      reason: null,
    });
    expect(byCode.get(changedCode)!.changes).toEqual([
      expect.objectContaining({ field: "method", review: true, to: expect.stringContaining("hướng dẫn mới") }),
    ]);
    // A change of targets keeps what the value means: copied, the change listed.
    expect(byCode.get(targetsCode)).toMatchObject({ status: "COPIED", value: sourceValues[targetsCode] });
    expect(byCode.get(targetsCode)!.changes).toEqual([expect.objectContaining({ field: "targets", review: false })]);
    expect(byCode.get(addedCode)).toMatchObject({ status: "NEW", value: null, reason: null });
    expect(byCode.get(removedCode)).toMatchObject({ status: "DROPPED", value: sourceValues[removedCode] });
    for (const c of newDoc.criteria) {
      if ([changedCode, addedCode].includes(c.code)) continue;
      const it = byCode.get(c.code)!;
      if (c.code in sourceValues) expect(it, c.code).toMatchObject({ status: "COPIED", value: sourceValues[c.code] });
      else
        expect(it, c.code).toMatchObject({
          status: "SKIPPED",
          reason: "NO_VALUE",
          value: null,
          reasonMessage: "hồ sơ trước không có số liệu",
        });
    }
    // Nothing was written by the preview.
    expect((await assessmentIn(editor, newRoundId, "14563")).version).toBe(target.version);
  });

  it("the preview is for whoever reads the unit's values; only the unit's editor may carry (allowed false otherwise)", async () => {
    const p = await preview(so, target.id);
    expect(p.allowed).toBe(false);
    expect(p.refusal).toContain("Chỉ cán bộ của đơn vị");
    expect(p.refusalEn).toContain("Only the unit's own staff");
    const other = await api.as(await createUnitEditor(api, otherCode, mapId));
    await queryError(
      other,
      `query ($a: ID!) { carryForwardPreview(assessmentId: $a) { allowed } }`,
      { a: target.id },
      "NOT_FOUND",
    );
  });

  it("refuses another user, a stale version, a source that is not a candidate and a criterion that cannot be included", async () => {
    const base = { assessmentId: target.id, fromAssessmentId: source.id, version: target.version };
    const forbidden = expectError(await carry(so, base), "ForbiddenError");
    expect(forbidden.message).toContain("Chỉ cán bộ của đơn vị");

    const stale = expectError(await carry(editor, { ...base, version: target.version - 1 }), "ConflictError");
    expect(stale.currentVersion).toBe(target.version);

    // The target itself, and another unit's assessment, are not earlier assessments of this unit.
    for (const from of [target.id, (await assessmentIn(so, thisRoundId, otherCode)).id]) {
      const bad = expectError(await carry(editor, { ...base, fromAssessmentId: from }), "InputError");
      expect(bad.issues).toEqual([expect.objectContaining({ field: "fromAssessmentId" })]);
    }

    const copiedOne = newDoc.criteria.find((c) => c.code in sourceValues && c.code !== changedCode)!.code;
    const include = expectError(
      await carry(editor, { ...base, includeChanged: [copiedOne, "KHONG-CO", addedCode] }),
      "InputError",
    );
    expect(include.issues!.map((i: Json) => i.field)).toEqual([
      `includeChanged.${copiedOne}`,
      "includeChanged.KHONG-CO",
      `includeChanged.${addedCode}`,
    ]);
    expect(include.issues![0]!.message).toContain("chỉ chọn được tiêu chí đã thay đổi");
    expect(include.issues![0]!.messageEn).toBeTruthy();

    // Nothing was written by any refusal.
    const now = await assessmentIn(editor, newRoundId, "14563");
    expect(now.version).toBe(target.version);
    expect(now.values).toEqual([]);
  });

  it("refuses an assessment that is not in DRAFT or RETURNED", async () => {
    // A commune SUBMITTED this year: its own editor may not carry values into that assessment.
    const code = (await submittedThisYear()).find((a) => a.status === "SUBMITTED")!.unit.code;
    const e = await api.as(await createUnitEditor(api, code, mapId));
    const submitted = await assessmentIn(e, thisRoundId, code);
    expect(submitted.status).toBe("SUBMITTED");
    const r = expectError(
      await carry(e, { assessmentId: submitted.id, fromAssessmentId: submitted.id, version: submitted.version }),
      "WorkflowError",
    );
    expect(r.message).toContain("đã nộp");
  });

  it("copies the COPIED values only (the flagged one stays missing unless included), noted, judged against the target version, audited", async () => {
    const r = expectSuccess(
      await carry(editor, { assessmentId: target.id, fromAssessmentId: source.id, version: target.version }),
    );
    const copied = newDoc.criteria.filter((c) => c.code in sourceValues && c.code !== changedCode).map((c) => c.code);
    expect(r.copied).toEqual(copied);
    expect(r.copied).not.toContain(changedCode);
    expect(r.assessment.version).toBe(target.version + 1);

    const a = await assessmentIn(editor, newRoundId, "14563");
    expect(valuesOf(a)).toEqual(Object.fromEntries(copied.map((c) => [c, sourceValues[c]])));
    expect(changedCode in valuesOf(a)).toBe(false);
    expect(addedCode in valuesOf(a)).toBe(false);
    expect(removedCode in valuesOf(a)).toBe(false);
    // Each carried value says where it came from (and keeps the old note after it).
    const notes = new Map<string, string>(a.values.map((v: Json) => [v.criterionCode, v.note]));
    const oldNotes = new Map<string, string | null>(source.values.map((v: Json) => [v.criterionCode, v.note]));
    for (const c of copied) {
      const old = oldNotes.get(c);
      expect(notes.get(c), c).toBe(
        old ? `Chuyển từ hồ sơ năm ${year}. Ghi chú cũ: ${old}` : `Chuyển từ hồ sơ năm ${year}`,
      );
    }

    // Judged against the target version only: its id and version, its criteria, criteria-core's level.
    expect(a.evaluation.setId).toBe(newDoc.id);
    expect(a.evaluation.setVersion).toBe(newDoc.version);
    expect(a.evaluation.criteria.map((c: Json) => c.code)).toEqual(newDoc.criteria.map((c) => c.code));
    const expected = evaluate(newDoc, valuesOf(a) as IndicatorValues).level;
    expect(a.computedLevel).toBe(expected);
    expect(a.evaluation.level).toBe(expected);

    // One audit event in the same change: where from, what was copied and what not.
    const events = a.history.filter((h: Json) => h.action === "assessment.carryForward");
    expect(events).toHaveLength(1);
    expect(events[0].after).toMatchObject({
      carriedFrom: { assessmentId: rawId(source.id), year, unitCode: "14563", lineage: "SELF" },
      copied,
      includedChanged: [],
      values: Object.fromEntries(copied.map((c) => [c, sourceValues[c]])),
      level: expected,
    });
    expect(events[0].after.notCopied).toEqual(
      expect.arrayContaining([
        { code: changedCode, status: "CHANGED", reason: null },
        { code: addedCode, status: "NEW", reason: null },
        { code: removedCode, status: "DROPPED", reason: null },
      ]),
    );

    // The source is untouched.
    const src = await assessmentIn(editor, thisRoundId, "14563");
    expect(src.version).toBe(source.version);
    expect(valuesOf(src)).toEqual(sourceValues);
  });

  it("records where the values came from; a second carry is refused", async () => {
    const p = await preview(editor, target.id);
    expect(p.carriedFrom).toEqual({ id: source.id });
    expect(p.allowed).toBe(false);
    expect(p.refusal).toContain("chỉ lấy được một lần");
    const a = await assessmentIn(editor, newRoundId, "14563");
    const again = expectError(
      await carry(editor, { assessmentId: target.id, fromAssessmentId: source.id, version: a.version }),
      "WorkflowError",
    );
    expect(again.messageEn).toContain("done once");
    expect((await assessmentIn(editor, newRoundId, "14563")).version).toBe(a.version);
  });

  it("another commune: includes the reviewed CHANGED value, never overwrites a value typed first, and checks the version", async () => {
    const other = await api.as(await createUnitEditor(api, otherCode, mapId));
    const from = await assessmentIn(other, thisRoundId, otherCode);
    const fromValues = valuesOf(from);
    expect(changedCode in fromValues).toBe(true);
    let t = await assessmentIn(other, newRoundId, otherCode);
    const read = t.version;
    // The unit types one value itself before carrying.
    const typedCode = newDoc.criteria.find(
      (c) => c.code in fromValues && c.code !== changedCode && c.measure === "boolean",
    )!.code;
    const typed = !fromValues[typedCode];
    expectSuccess(
      await mutate(
        other,
        "saveIndicatorValues",
        "$id: ID!, $v: Int!, $values: JSON!",
        "assessmentId: $id, version: $v, values: $values",
        "id version",
        { id: t.id, v: t.version, values: { [typedCode]: typed } },
      ),
    );
    // Carrying with the version read before that save is a conflict: nothing written.
    const stale = expectError(
      await carry(other, { assessmentId: t.id, fromAssessmentId: from.id, version: read }),
      "ConflictError",
    );
    expect(stale.currentVersion).toBe(read + 1);

    const p = await preview(other, t.id, from.id);
    const byCode = new Map<string, Json>(p.items.map((i: Json) => [i.criterionCode, i]));
    expect(byCode.get(typedCode)).toMatchObject({ status: "SKIPPED", reason: "TARGET_HAS_VALUE" });
    expect(byCode.get(changedCode)).toMatchObject({ status: "CHANGED", value: fromValues[changedCode], reason: null });

    t = await assessmentIn(other, newRoundId, otherCode);
    const r = expectSuccess(
      await carry(other, {
        assessmentId: t.id,
        fromAssessmentId: from.id,
        version: t.version,
        includeChanged: [changedCode],
      }),
    );
    expect(r.copied).toContain(changedCode);
    expect(r.copied).not.toContain(typedCode);
    const a = await assessmentIn(other, newRoundId, otherCode);
    const values = valuesOf(a);
    expect(values[changedCode]).toEqual(fromValues[changedCode]);
    expect(values[typedCode]).toBe(typed);
    expect(addedCode in values).toBe(false);
    // A value carried with its old note: where it came from, then the note.
    const noted = from.values.find((v: Json) => v.note && r.copied.includes(v.criterionCode));
    expect(noted, "a carried value with a note in the source").toBeDefined();
    expect(a.values.find((v: Json) => v.criterionCode === noted.criterionCode).note).toBe(
      `Chuyển từ hồ sơ năm ${year}. Ghi chú cũ: ${noted.note}`,
    );
    expect(a.evaluation.setVersion).toBe(newDoc.version);
    expect(a.computedLevel).toBe(evaluate(newDoc, values as IndicatorValues).level);
    const event = a.history.find((h: Json) => h.action === "assessment.carryForward");
    expect(event.after.includedChanged).toEqual([changedCode]);
    expect(event.after.notCopied).toContainEqual({ code: typedCode, status: "SKIPPED", reason: "TARGET_HAS_VALUE" });
  });
  it("on the next map, lists the assessments of the units that went into the unit (lineage), newest first", async () => {
    // The demo commune's successor on the next administrative map, and every predecessor of that successor.
    const u = (
      await query(
        so,
        `query ($m: String) { unit(code: "14563", mapId: $m) { id successors { kind unit { code map { id } } } } }`,
        { m: mapId },
      )
    ).unit;
    expect(u.successors.length).toBeGreaterThan(0);
    const next = u.successors[0];
    const preds = (
      await query(
        so,
        `query ($c: String!, $m: String) { unit(code: $c, mapId: $m) { predecessors { kind unit { id } } } }`,
        { c: next.unit.code, m: next.unit.map.id },
      )
    ).unit.predecessors;
    const kindOf = new Map<string, string>(preds.map((p: Json) => [p.unit.id, p.kind]));
    expect(kindOf.get(u.id)).toBe(next.kind);

    const round = expectSuccess(
      await mutate(
        so,
        "openRound",
        "$v: ID!, $y: Int!, $s: Date!, $r: Date!, $m: String",
        `tenantId: "ninh-binh", year: $y, setVersionId: $v, submitDueAt: $s, reviewDueAt: $r, mapId: $m`,
        "id",
        { v: newVersionId, y: year + 2, s: `${year + 2}-10-31`, r: `${year + 2}-12-15`, m: next.unit.map.id },
      ),
    );
    const successor = await assessmentIn(so, round.id, next.unit.code);
    const p = await preview(so, successor.id);
    // The province reads them all but does not enter values: listed, not allowed.
    expect(p.allowed).toBe(false);
    const ownTwo = p.candidates.filter((c: Json) => c.assessment.unit.code === "14563");
    expect(ownTwo.map((c: Json) => c.year)).toEqual([year + 1, year]);
    expect(ownTwo.every((c: Json) => c.lineage === next.kind)).toBe(true);
    for (const c of p.candidates) {
      expect(c.lineage, c.assessment.unit.code).toBe(kindOf.get(rawUnitIdOf(c)));
      expect(c.year).toBeLessThan(year + 2);
    }
    const years = p.candidates.map((c: Json) => c.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(p.source.assessment.id).toBe(p.candidates[0].assessment.id);
    // Criteria of the same version on both sides: nothing changed, new or dropped.
    const statuses = new Set(p.items.map((i: Json) => i.status));
    expect([...statuses].every((st) => ["COPIED", "SKIPPED"].includes(st as string))).toBe(true);
  });
});
