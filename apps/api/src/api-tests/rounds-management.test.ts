/**
 * A province runs its rounds through the API: deadlines moved (in order, audited), one unit's deadline extended
 * with a reason, a late submission accepted and flagged or refused as the round says, the round closed and opened
 * again, late units counted, and "Cần xử lý" listing only what the viewer may act on (the one action table).
 * The fixture: Ninh Bình's commune round of this year on the three-tier map, Xã Khánh Thiện (14563) in DRAFT.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import {
  assessmentOf,
  communeDraft,
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
let so: Client;
let roundId: string;

/** Moves the clock (sessions live 12 hours, so everyone signs in again at the new time). */
async function at(instant: string) {
  api.setNow(new Date(instant));
  so = await api.as("so@ninhbinh.gov.vn");
}

const ROUND = `id name registerDueAt submitDueAt reviewDueAt latePolicy closedAt`;

beforeAll(async () => {
  api = await setupApi();
  so = await api.as("so@ninhbinh.gov.vn");
  const d = await query(so, `{ rounds(tenant: "ninh-binh") { id unitKind judgedBy } }`);
  roundId = d.rounds.find((r: Json) => r.unitKind === "commune" && r.judgedBy === "levels").id;
});
afterAll(async () => {
  api.setNow(null as unknown as Date);
  await api?.close();
});

const update = (client: Client, args: string, vars: Record<string, unknown> = {}) =>
  mutate(
    client,
    "updateRound",
    `$id: ID!${
      Object.keys(vars).length
        ? ", " +
          Object.keys(vars)
            .map((k) => `$${k}: Date`)
            .join(", ")
        : ""
    }`,
    `roundId: $id${args}`,
    ROUND,
    { id: roundId, ...vars },
  );

describe("round deadlines and late submissions", () => {
  it("moves deadlines in order (registration ≤ submission ≤ review), naming the field, audited", async () => {
    const bad = await update(so, ", registerDueAt: $r, submitDueAt: $s", { r: "2026-12-20", s: "2026-12-10" });
    expectError(bad, "InputError");
    expect(bad.issues!.map((i) => i.field)).toEqual(["submitDueAt"]);
    const ok = expectSuccess(
      await update(so, ", registerDueAt: $r, submitDueAt: $s, reviewDueAt: $v, latePolicy: REFUSE", {
        r: "2026-12-05",
        s: "2026-12-10",
        v: "2026-12-20",
      }),
    );
    expect(ok).toMatchObject({
      registerDueAt: "2026-12-05",
      submitDueAt: "2026-12-10",
      reviewDueAt: "2026-12-20",
      latePolicy: "REFUSE",
    });
    const events = await api.prisma.auditEvent.findMany({ where: { action: "round.update" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.after).toMatchObject({ submitDueAt: "2026-12-10", latePolicy: "REFUSE" });
    expectError(await update(await api.as("so@hanoi.gov.vn"), ""), "ForbiddenError");
  });

  it("refuses a late submission under REFUSE until the unit's deadline is extended, with a reason", async () => {
    await at("2026-12-11T03:00:00Z"); // the day after the deadline, in Vietnam
    const { editor, draft } = await communeDraft(api, "id version registeredLevel");
    // Everything the registered level needs is entered: only the deadline stands in the way.
    const doc = (await assessmentOf(editor, "14563", "setVersion { document }")).setVersion.document as SetDoc;
    const saved = expectSuccess(
      await mutate(
        editor,
        "saveIndicatorValues",
        "$id: ID!, $v: Int!, $values: JSON!",
        "assessmentId: $id, version: $v, values: $values",
        "id version submitProblems { field }",
        { id: draft.id, v: draft.version, values: valuesAtLevel(doc, draft.registeredLevel) },
      ),
    );
    expect(saved.submitProblems).toEqual([]);
    const refused = await mutate(
      editor,
      "submitAssessment",
      "$id: ID!, $v: Int!",
      "assessmentId: $id, version: $v",
      "id version status",
      { id: draft.id, v: saved.version },
    );
    expectError(refused, "WorkflowError");
    expect(refused.message).toContain("quá hạn");
    const extend = (dueAt: string, reason: string) =>
      mutate(
        so,
        "extendDeadline",
        "$id: ID!, $d: Date!, $r: String!",
        "assessmentId: $id, dueAt: $d, reason: $r",
        "id late submitDeadline { date state } extensions { dueAt reason }",
        { id: draft.id, d: dueAt, r: reason },
      );
    const early = await extend("2026-12-09", "Mất điện kéo dài");
    expectError(early, "InputError");
    expect(early.issues!.map((i) => i.field)).toContain("dueAt");
    const noReason = await extend("2026-12-15", " ");
    expect(noReason.issues!.map((i) => i.field)).toEqual(["reason"]);
    const ok = expectSuccess(await extend("2026-12-15", "Xã mới sáp nhập, chưa bàn giao xong số liệu"));
    expect(ok.submitDeadline).toEqual({ date: "2026-12-15", state: "OPEN" });
    expect(ok.late).toBe(false);
    expect(ok.extensions).toEqual([{ dueAt: "2026-12-15", reason: "Xã mới sáp nhập, chưa bàn giao xong số liệu" }]);
    expect(await api.prisma.auditEvent.count({ where: { action: "assessment.extendDeadline" } })).toBe(1);
  });

  it("accepts and flags a late submission under FLAG, and counts late units", async () => {
    expectSuccess(await update(so, ", latePolicy: FLAG"));
    await at("2026-12-16T03:00:00Z"); // after the extension too
    const before = (await query(so, `query ($id: ID!) { roundSummary(roundId: $id) { late } }`, { id: roundId }))
      .roundSummary.late;
    expect(before).toBeGreaterThan(0);
    const { editor, draft } = await communeDraft(api, "id version late submitProblems { field }");
    expect(draft.late).toBe(true);
    expect(draft.submitProblems).toEqual([]);
    const r = expectSuccess(
      await mutate(
        editor,
        "submitAssessment",
        "$id: ID!, $v: Int!",
        "assessmentId: $id, version: $v",
        "id status late",
        { id: draft.id, v: draft.version },
      ),
    );
    expect(r).toMatchObject({ status: "SUBMITTED", late: true });
    const event = await api.prisma.auditEvent.findFirstOrThrow({
      where: { action: "assessment.submit" },
      orderBy: { id: "desc" },
    });
    expect(event.after).toMatchObject({ late: true, dueAt: "2026-12-15" });
  });
});

describe("closing a round and what needs the viewer", () => {
  it("a closed round takes no more values: the editor is offered nothing and refused, until it opens again", async () => {
    const close = (closed: boolean) =>
      mutate(so, "closeRound", "$id: ID!, $c: Boolean!", "roundId: $id, closed: $c", "id closedAt", {
        id: roundId,
        c: closed,
      });
    expect(expectSuccess(await close(true)).closedAt).not.toBeNull();
    const editor = await api.as(await createUnitEditor(api, "14590"));
    const a = await assessmentOf(editor, "14590", "id version status allowedActions");
    expect(a.status).toBe("DRAFT");
    expect(a.allowedActions).toEqual([]);
    const r = await mutate(
      editor,
      "saveIndicatorValues",
      "$id: ID!, $v: Int!, $values: JSON!",
      "assessmentId: $id, version: $v, values: $values",
      "id",
      { id: a.id, v: a.version, values: { "CQS-01": true } },
    );
    expectError(r, "WorkflowError");
    expect(r.message).toContain("đã đóng");
    expect(expectSuccess(await close(false)).closedAt).toBeNull();
    expect(await api.prisma.auditEvent.count({ where: { action: { in: ["round.close", "round.reopen"] } } })).toBe(2);
  });

  it("'Cần xử lý' lists what the viewer may act on: the Phòng its submitted communes, the council its verified ones", async () => {
    const list = async (email: string) => {
      const d = await query(
        await api.as(email),
        `query ($r: ID!) { assessments(roundId: $r, actionable: true, first: 100) { totalCount edges { node { status allowedActions } } } }`,
        { r: roundId },
      );
      return d.assessments;
    };
    const phong = await list("phong.yenkhanh@ninhbinh.gov.vn");
    expect(phong.totalCount).toBeGreaterThan(0);
    for (const { node } of phong.edges) {
      expect(node.allowedActions.length).toBeGreaterThan(0);
      expect(["SUBMITTED", "APPRAISED", "VERIFIED"]).toContain(node.status);
    }
    const council = await list("thamdinh.yenkhanh@ninhbinh.gov.vn");
    expect(council.totalCount).toBeGreaterThan(0);
    for (const { node } of council.edges) {
      expect(node.allowedActions.length).toBeGreaterThan(0);
      expect(node.status).toBe("VERIFIED");
    }
    // A viewer acts on nothing.
    expect((await list("xem@ninhbinh.gov.vn")).totalCount).toBe(0);
  });
});
