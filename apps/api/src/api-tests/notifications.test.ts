/**
 * The inbox and its email, through GraphQL: returned, commented, recognised, a published set version (a
 * province's and the ministry's), deadline reminders at 7, 3 and 1 days exactly once (the clock moved with
 * setNow), each user reading and marking only their own. Email goes to a real SMTP server started here
 * (smtp-server on port 0): the Vietnamese subject arrives intact; a refused message is recorded (emailError),
 * never fails the action, and goes out on the retry. Without SMTP nothing is attempted.
 */
import { deadline, formatVietnameseDate, vietnamToday, type IsoDay } from "@cds/calendar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeGlobalId } from "../schema/ids.ts";
import { versionId } from "../seed/base.ts";
import { notifyReturned, reminderFor } from "../services/notifications.ts";
import type { Viewer } from "../services/access.ts";
import { load } from "../services/assessment-store.ts";
import { globalId } from "../testing/authz-cases.ts";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import { bodyOf, headerOf, startMailServer } from "../testing/mail-sink.ts";
import {
  assessmentChange,
  assessmentOf,
  createUnitEditor,
  expectError,
  expectSuccess,
  mutate,
  query,
  valuesAtLevel,
  type Json,
} from "./helpers.ts";

const EDITOR = "xa.khanhthien@ninhbinh.gov.vn"; // UNIT_EDITOR of Xã Khánh Thiện (14563), DRAFT
const OFFICER = "phong.yenkhanh@ninhbinh.gov.vn"; // verifies, returns, recognises Yên Khánh's communes
const APPRAISER = "thamdinh.yenkhanh@ninhbinh.gov.vn";
const SO = "so@ninhbinh.gov.vn";

const INBOX = `query ($first: Int, $unreadOnly: Boolean) {
  inbox { unread notifications(first: $first, unreadOnly: $unreadOnly) { id kind title body link entityType entityId createdAt readAt emailedAt } }
}`;

async function inbox(c: Client, vars: { first?: number; unreadOnly?: boolean } = {}): Promise<Json> {
  return (await query(c, INBOX, { first: 100, ...vars })).inbox;
}

const FIELDS = "id version status recognisedLevel appraisedLevel computedLevel unit { code name }";
const step = (field: string, more: Parameters<typeof assessmentChange>[2] = []) =>
  assessmentChange(field, FIELDS, more);
const M = {
  register: step("registerLevel", [["level", "level", "Int!"]]),
  save: step("saveIndicatorValues", [["values", "values", "JSON!"]]),
  submit: step("submitAssessment"),
  return: step("returnAssessment", [["comments", "comments", "[ReviewCommentInput!]!"]]),
  verifyValue: step("verifyIndicatorValue", [
    ["criterionCode", "code", "String!"],
    ["value", "value", "JSON"],
    ["comment", "comment", "String"],
  ]),
  verify: step("verifyAssessment"),
  appraise: step("appraiseAssessment"),
  recognise: step("recogniseAssessment", [
    ["decisionNumber", "number", "String!"],
    ["decisionDate", "date", "Date!"],
  ]),
};

const MARK = `mutation ($ids: [ID!], $all: Boolean) {
  r: markNotificationsRead(ids: $ids, all: $all) {
    __typename
    ... on MutationMarkNotificationsReadSuccess { data { marked unread } }
    ... on Error { code message messageEn }
  }
}`;

/** The assessment's row id from its relay id. */
const rowId = (globalId: string) => decodeGlobalId(globalId).id;

async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 15_000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ---- without SMTP: the inbox only ----

describe("the inbox (no SMTP configured: nothing is emailed)", () => {
  let api: TestApi;
  let editor: Client;
  let officer: Client;
  let so: Client;

  beforeAll(async () => {
    api = await setupApi();
    [editor, officer, so] = await Promise.all([api.as(EDITOR), api.as(OFFICER), api.as(SO)]);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("anonymous callers and API keys have no inbox; a signed-in user starts with their own", async () => {
    expect((await query(api.anon, `{ inbox { unread } }`)).inbox).toBeNull();
    const box = await inbox(editor);
    expect(box.unread).toBe(box.notifications.filter((n: Json) => n.readAt === null).length);
    expect(api.platform.notifications.outbox).toBeNull();
  });

  it("returned with comments → the unit's editors get RETURNED with the comments' text (and only them)", async () => {
    const email = await createUnitEditor(api, "14566");
    const unitEditor = await api.as(email);
    const a = await assessmentOf(unitEditor, "14566", FIELDS);
    expect(a.status).toBe("SUBMITTED");
    const before = (await inbox(unitEditor)).unread;
    const officerBefore = (await inbox(officer)).notifications.length;
    expectSuccess(
      await M.return(officer, {
        id: a.id,
        version: a.version,
        comments: [
          { criterionCode: "CQS-02", body: "Số hồ sơ trực tuyến chưa khớp báo cáo." },
          { body: "Bổ sung minh chứng nhóm Xã hội số." },
        ],
      }),
    );
    const box = await inbox(unitEditor);
    expect(box.unread).toBe(before + 1);
    const n = box.notifications[0];
    expect(n).toMatchObject({
      kind: "RETURNED",
      title: `Hồ sơ bị trả lại: ${a.unit.name}`,
      link: `/assessments/${rowId(a.id)}`,
      entityType: "Assessment",
      entityId: rowId(a.id),
      readAt: null,
      emailedAt: null,
    });
    expect(n.body).toContain("Phòng VH&TT Yên Khánh");
    expect(n.body).toContain("CQS-02: Số hồ sơ trực tuyến chưa khớp báo cáo.");
    expect(n.body).toContain("Bổ sung minh chứng nhóm Xã hội số.");
    // The reviewer who acted is not told; Xã Khánh Thiện's editor neither.
    expect((await inbox(officer)).notifications).toHaveLength(officerBefore);
    expect((await inbox(editor)).notifications.some((x: Json) => x.entityId === rowId(a.id))).toBe(false);
    // Without SMTP nothing is attempted.
    const row = await api.prisma.notification.findUniqueOrThrow({ where: { id: n.id } });
    expect(row).toMatchObject({ emailedAt: null, emailError: null });
  });

  it("a refused change notifies nobody; a notification written in a transaction that rolls back is gone", async () => {
    const a = await assessmentOf(editor, "14563", FIELDS);
    const count = () => api.prisma.notification.count({ where: { entityId: rowId(a.id) } });
    const before = await count();
    // A DRAFT cannot be returned: refused before anything is written.
    expectError(await M.return(officer, { id: a.id, version: a.version, comments: [{ body: "?" }] }), "WorkflowError");
    expect(await count()).toBe(before);
    const officerViewer: Viewer = {
      kind: "user",
      userId: "x",
      name: "Phòng VH&TT Yên Khánh",
      email: OFFICER,
      grants: [],
      sessionId: "",
      csrfOk: true,
    };
    await expect(
      api.prisma.$transaction(async (tx) => {
        const loaded = await load(tx, rowId(a.id));
        expect(await notifyReturned(tx, officerViewer, loaded, [{ body: "trong giao dịch" }])).toBe(1);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await count()).toBe(before);
  });

  it("a reviewer's new comment on a criterion → COMMENT for the unit's editors", async () => {
    const email = await createUnitEditor(api, "14587");
    const unitEditor = await api.as(email);
    const a = await assessmentOf(unitEditor, "14587", FIELDS);
    expect(a.status).toBe("SUBMITTED");
    expectSuccess(
      await M.verifyValue(officer, {
        id: a.id,
        version: a.version,
        code: "CQS-02",
        value: null,
        comment: "Khớp báo cáo quý III.",
      }),
    );
    const n = (await inbox(unitEditor)).notifications[0];
    expect(n).toMatchObject({ kind: "COMMENT", title: `Ý kiến mới về hồ sơ: ${a.unit.name}` });
    expect(n.body).toContain("CQS-02: Khớp báo cáo quý III.");
  });

  it("recognised → RECOGNISED with the level and the decision", async () => {
    const email = await createUnitEditor(api, "14575");
    const unitEditor = await api.as(email);
    const a = await assessmentOf(unitEditor, "14575", FIELDS);
    expect(a.status).toBe("APPRAISED");
    const r = expectSuccess(
      await M.recognise(officer, { id: a.id, version: a.version, number: "216/QĐ-UBND", date: vietnamToday() }),
    );
    const n = (await inbox(unitEditor)).notifications[0];
    expect(n).toMatchObject({
      kind: "RECOGNISED",
      title: `Hồ sơ đã được công nhận: ${a.unit.name} — Mức ${r.recognisedLevel} (Quyết định 216/QĐ-UBND)`,
      link: `/assessments/${rowId(a.id)}`,
    });
    expect(n.body).toContain(`ngày ${formatVietnameseDate(vietnamToday())}`);
  });

  it("a province publishes a version → its unit editors and reviewers, not the publisher, viewers or other provinces", async () => {
    const draftId = rowId(
      expectSuccess(
        await mutate(so, "cloneCriteriaSet", "$s: ID!", 'sourceVersionId: $s, tenantId: "ninh-binh"', "id", {
          s: versionId("vn-2361-district", "1.0"),
        }),
      ).id,
    );
    const r = await so.gql(
      `mutation ($id: ID!, $d: Date!) { r: publishCriteriaSetVersion(versionId: $id, decisionNumber: "310/QĐ-UBND", decisionDate: $d) { __typename ... on Error { message } } }`,
      { id: draftId, d: vietnamToday() },
    );
    expect(r.data!.r.__typename, JSON.stringify(r)).toBe("MutationPublishCriteriaSetVersionSuccess");
    const got = await api.prisma.notification.findMany({
      where: { kind: "SET_PUBLISHED", entityId: draftId },
      include: { user: { select: { email: true } } },
    });
    const grants = await api.prisma.roleAssignment.findMany({
      where: {
        tenantId: "ninh-binh",
        role: { in: ["UNIT_EDITOR", "PROVINCE_ADMIN", "DISTRICT_OFFICER", "APPRAISER", "PROVINCE_LEADER"] },
      },
      include: { user: { select: { email: true } } },
    });
    const expected = [...new Set(grants.map((g) => g.user.email))].filter((e) => e !== SO).sort();
    expect(got.map((n) => n.user.email).sort()).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining([EDITOR, OFFICER, APPRAISER]));
    expect(expected).not.toContain("xem@ninhbinh.gov.vn");
    expect(expected).not.toContain("so@hanoi.gov.vn");
    const n = (await inbox(editor)).notifications.find((x: Json) => x.entityId === draftId);
    expect(n.title).toMatch(/^Ban hành phiên bản mới: .+ — phiên bản \d+\.\d+$/);
    expect(n.body).toContain(`Quyết định số 310/QĐ-UBND ngày ${formatVietnameseDate(vietnamToday())}`);
    expect(n.link).toBe("/sets");
  });

  it("the ministry publishes a national version → every current province's PROVINCE_ADMIN", async () => {
    const bo = await api.as("bo@cds.gov.vn");
    const c = await bo.gql(
      `mutation ($s: ID!) { r: cloneCriteriaSet(sourceVersionId: $s, tenantId: "vn") { __typename ... on MutationCloneCriteriaSetSuccess { data { id } } ... on Error { message } } }`,
      { s: versionId("vn-2361-commune", "1.0") },
    );
    expect(c.data!.r.__typename, JSON.stringify(c)).toBe("MutationCloneCriteriaSetSuccess");
    const id = rowId(c.data!.r.data.id);
    const r = await bo.gql(
      `mutation ($id: ID!, $d: Date!) { r: publishCriteriaSetVersion(versionId: $id, decisionNumber: "1234/QĐ-BKHCN", decisionDate: $d) { __typename ... on Error { message } } }`,
      { id, d: vietnamToday() },
    );
    expect(r.data!.r.__typename, JSON.stringify(r)).toBe("MutationPublishCriteriaSetVersionSuccess");
    const got = await api.prisma.notification.findMany({
      where: { kind: "SET_PUBLISHED", entityId: id },
      include: { user: { select: { email: true } } },
    });
    const admins = await api.prisma.roleAssignment.findMany({
      where: { role: "PROVINCE_ADMIN", tenant: { kind: "PROVINCE", validTo: null } },
      include: { user: { select: { email: true } } },
    });
    expect(got.map((n) => n.user.email).sort()).toEqual([...new Set(admins.map((g) => g.user.email))].sort());
    expect(got.map((n) => n.user.email)).toEqual(expect.arrayContaining([SO, "so@hanoi.gov.vn"]));
    expect(got.map((n) => n.user.email)).not.toContain(EDITOR);
  });

  describe("deadline reminders: 7, 3 and 1 days before the unit's submission deadline, once each", () => {
    let due: IsoDay;
    let assessmentId: string;
    /** 09:00 in Vietnam, `n` days before the deadline day (the days left are checked with @cds/calendar). */
    const daysBefore = (day: IsoDay, n: number) => {
      const at = new Date(Date.parse(`${day}T09:00:00+07:00`) - n * 86_400_000);
      expect(deadline(day, at).daysLeft).toBe(n);
      return at;
    };
    const reminders = async () =>
      (await inbox(editor)).notifications.filter((n: Json) => n.kind === "DEADLINE" && n.entityId === assessmentId);

    beforeAll(async () => {
      const a = await assessmentOf(editor, "14563", `${FIELDS} submitDeadline { date }`);
      expect(a.status).toBe("DRAFT");
      due = a.submitDeadline.date;
      assessmentId = rowId(a.id);
    });
    afterAll(() => api.setNow(new Date()));

    it("reminderFor: the nearest reminder day not before the days left", () => {
      expect([8, 7, 6, 5, 4, 3, 2, 1, 0, -1].map(reminderFor)).toEqual([null, 7, 7, 7, 7, 3, 3, 1, null, null]);
    });

    it("at 7, 3 and 1 days left, one reminder each; runs in between and after add nothing", async () => {
      const expectCount = async (n: number) => expect(await reminders()).toHaveLength(n);
      await expectCount(0);
      for (const [daysLeft, count] of [
        [10, 0],
        [7, 1],
        [7, 1],
        [6, 1],
        [4, 1],
        [3, 2],
        [2, 2],
        [1, 3],
        [1, 3],
        [0, 3],
        [-2, 3],
      ] as const) {
        api.setNow(daysBefore(due, daysLeft));
        const left = (await assessmentOf(editor, "14563", "submitDeadline { daysLeft }")).submitDeadline.daysLeft;
        expect(left).toBe(daysLeft);
        await api.platform.notifications.remindDeadlines();
        await expectCount(count);
      }
      const titles = (await reminders()).map((n: Json) => n.title).sort();
      expect(titles).toEqual([
        "Còn 1 ngày đến hạn nộp hồ sơ: Xã Khánh Thiện",
        "Còn 3 ngày đến hạn nộp hồ sơ: Xã Khánh Thiện",
        "Còn 7 ngày đến hạn nộp hồ sơ: Xã Khánh Thiện",
      ]);
      const one = (await reminders()).find((n: Json) => n.title.startsWith("Còn 1 ngày"));
      expect(one.body).toContain("(ngày mai)");
      expect(one.link).toBe(`/assessments/${assessmentId}`);
    });

    it("an extension starts its own reminders; a submitted assessment and a closed round get none", async () => {
      const extended: IsoDay = `${due.slice(0, 4)}-11-20`;
      const ext = expectSuccess(
        await mutate(
          so,
          "extendDeadline",
          "$id: ID!, $d: Date!, $r: String!",
          "assessmentId: $id, dueAt: $d, reason: $r",
          "id submitDeadline { date }",
          { id: globalId("Assessment", assessmentId), d: extended, r: "Mưa lũ kéo dài" },
        ),
      );
      expect(ext.submitDeadline.date).toBe(extended);
      api.setNow(daysBefore(extended, 3));
      await api.platform.notifications.remindDeadlines();
      const after = await reminders();
      expect(after).toHaveLength(4);
      expect(after[0].title).toBe("Còn 3 ngày đến hạn nộp hồ sơ: Xã Khánh Thiện");
      expect(after[0].body).toContain(formatVietnameseDate(extended));

      // The round closed: no more reminders.
      const a = await api.prisma.assessment.findFirstOrThrow({ where: { id: assessmentId } });
      const close = async (closed: boolean) =>
        expectSuccess(
          await mutate(so, "closeRound", "$id: ID!, $c: Boolean!", "roundId: $id, closed: $c", "id closedAt", {
            id: globalId("Round", a.roundId),
            c: closed,
          }),
        );
      await close(true);
      api.setNow(daysBefore(extended, 1));
      expect(await api.platform.notifications.remindDeadlines()).toBe(0);
      await close(false);
      // Submitted (the returned 14566's editor is reminded while RETURNED; 14563 submitted is not).
      await api.prisma.assessment.updateMany({ where: { id: assessmentId }, data: { status: "SUBMITTED" } });
      await api.platform.notifications.remindDeadlines();
      expect(await reminders()).toHaveLength(4);
      await api.prisma.assessment.updateMany({ where: { id: assessmentId }, data: { status: "DRAFT" } });
    });
  });

  describe("each user reads and marks only their own", () => {
    it("another user's inbox does not show them, and marking another's is NOT_FOUND with nothing marked", async () => {
      const mine = (await inbox(editor)).notifications;
      expect(mine.length).toBeGreaterThan(0);
      const theirs = (await inbox(officer)).notifications.map((n: Json) => n.id);
      expect(theirs.filter((id: string) => mine.some((m: Json) => m.id === id))).toEqual([]);
      const r = await officer.gql(MARK, { ids: [mine[0].id] });
      expect(r.data!.r).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
      // Not even partly: one of one's own with another's marks nothing.
      // The officer's own unread one: the province's published version above.
      const own = (await inbox(officer)).notifications.find((n: Json) => n.readAt === null);
      expect(own, "an unread notification of the officer's").toBeDefined();
      const both = await officer.gql(MARK, { ids: [own.id, mine[0].id] });
      expect(both.data!.r.__typename).toBe("NotFoundError");
      expect((await api.prisma.notification.findUniqueOrThrow({ where: { id: own.id } })).readAt).toBeNull();
      expect((await api.prisma.notification.findUniqueOrThrow({ where: { id: mine[0].id } })).readAt).toBeNull();
      // Nobody and a caller without the CSRF token mark nothing.
      const anon = await api.anon.gql(MARK, { all: true });
      expect(anon.data!.r.__typename).toBe("UnauthenticatedError");
      const noCsrf = await api.as(EDITOR);
      noCsrf.csrf = null;
      expect((await noCsrf.gql(MARK, { all: true })).data!.r.__typename).toBe("ForbiddenError");
      expect((await inbox(editor)).unread).toBe(mine.filter((n: Json) => n.readAt === null).length);
    });

    it("marks some read, then all; unreadOnly lists what is left; the mark is audited", async () => {
      const box = await inbox(editor);
      const unread = box.notifications.filter((n: Json) => n.readAt === null);
      expect(unread.length).toBeGreaterThan(1);
      expect(expectError((await editor.gql(MARK, {})).data!.r, "InputError")).toBeTruthy();
      const one = await editor.gql(MARK, { ids: [unread[0].id] });
      expect(one.data!.r).toEqual({
        __typename: "MutationMarkNotificationsReadSuccess",
        data: { marked: 1, unread: box.unread - 1 },
      });
      const left = await inbox(editor, { unreadOnly: true });
      expect(left.unread).toBe(box.unread - 1);
      expect(left.notifications.map((n: Json) => n.id)).not.toContain(unread[0].id);
      // Newest first.
      const times = (await inbox(editor)).notifications.map((n: Json) => n.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      const all = await editor.gql(MARK, { all: true });
      expect(all.data!.r.data).toEqual({ marked: box.unread - 1, unread: 0 });
      expect((await inbox(editor, { unreadOnly: true })).notifications).toEqual([]);
      const me = await api.prisma.user.findUniqueOrThrow({ where: { email: EDITOR } });
      const events = await api.prisma.auditEvent.findMany({ where: { action: "notifications.read", entityId: me.id } });
      expect(events).toHaveLength(2);
    });

    it("first is bounded (1–100)", async () => {
      const r = await editor.gql(INBOX, { first: 101 });
      expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });
  });
});

// ---- with SMTP: the email outbox ----

describe("email over SMTP (an SMTP server started in this test)", () => {
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let api: TestApi;
  let editor: Client;
  let officer: Client;
  let appraiser: Client;

  beforeAll(async () => {
    mail = await startMailServer();
    // LOG_LEVEL error: the refused and unreachable sends below are expected (warnings).
    api = await setupApi({
      env: { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(mail.port), SMTP_IGNORE_TLS: "true", LOG_LEVEL: "error" },
    });
    [editor, officer, appraiser] = await Promise.all([api.as(EDITOR), api.as(OFFICER), api.as(APPRAISER)]);
    // What the demo's own history left unsent goes out first.
    await api.platform.notifications.outbox!.flush();
    mail.received.length = 0;
  });
  afterAll(async () => {
    await api?.close();
    await mail?.close();
  });

  const mailTo = (to: string, subject: string) =>
    eventually(`mail to ${to}: ${subject}`, async () =>
      mail.received.find((m) => m.to.includes(to) && headerOf(m.raw, "Subject") === subject),
    );

  it("the commune's workflow: returned and recognised reach the editor's inbox and mailbox, subjects in Vietnamese", async () => {
    const a = await assessmentOf(editor, "14563", `${FIELDS} setVersion { document }`);
    expect(a.status).toBe("DRAFT");
    let v = expectSuccess(await M.register(editor, { id: a.id, version: a.version, level: 3 }));
    v = expectSuccess(
      await M.save(editor, { id: a.id, version: v.version, values: valuesAtLevel(a.setVersion.document, 3) }),
    );
    v = expectSuccess(await M.submit(editor, { id: a.id, version: v.version }));
    v = expectSuccess(
      await M.return(officer, {
        id: a.id,
        version: v.version,
        comments: [{ criterionCode: "CQS-02", body: "Chưa khớp số liệu." }],
      }),
    );
    const returned = await mailTo(EDITOR, "Hồ sơ bị trả lại: Xã Khánh Thiện");
    expect(bodyOf(returned.raw)).toContain("CQS-02: Chưa khớp số liệu.");

    v = expectSuccess(await M.submit(editor, { id: a.id, version: v.version }));
    v = expectSuccess(await M.verify(officer, { id: a.id, version: v.version }));
    v = expectSuccess(await M.appraise(appraiser, { id: a.id, version: v.version }));
    v = expectSuccess(
      await M.recognise(officer, { id: a.id, version: v.version, number: "215/QĐ-UBND", date: vietnamToday() }),
    );
    expect(v.recognisedLevel).toBe(3);
    const title = "Hồ sơ đã được công nhận: Xã Khánh Thiện — Mức 3 (Quyết định 215/QĐ-UBND)";
    const box = await inbox(editor);
    expect(box.notifications[0]).toMatchObject({ kind: "RECOGNISED", title, readAt: null });
    const m = await mailTo(EDITOR, title);
    expect(headerOf(m.raw, "To")).toBe(EDITOR);
    expect(bodyOf(m.raw)).toContain(`theo Quyết định số 215/QĐ-UBND ngày ${formatVietnameseDate(vietnamToday())}`);
    // Marked as emailed once sent.
    await eventually("emailedAt", async () => (await inbox(editor)).notifications[0].emailedAt);
    const row = await api.prisma.notification.findUniqueOrThrow({ where: { id: box.notifications[0].id } });
    expect(row.emailError).toBeNull();
  });

  it("a refused message is recorded (emailError) and does not fail the action; the retry sends it", async () => {
    const email = await createUnitEditor(api, "14566");
    const unitEditor = await api.as(email);
    const a = await assessmentOf(unitEditor, "14566", FIELDS);
    mail.state.refuse = true;
    const r = expectSuccess(
      await M.return(officer, { id: a.id, version: a.version, comments: [{ body: "Bổ sung minh chứng." }] }),
    );
    expect(r.status).toBe("RETURNED");
    const n = (await inbox(unitEditor)).notifications[0];
    const failed = await eventually("emailError", async () => {
      const row = await api.prisma.notification.findUniqueOrThrow({ where: { id: n.id } });
      return row.emailError ? row : null;
    });
    expect(failed.emailedAt).toBeNull();
    expect(failed.emailError).toContain("mailbox full");
    // A fresh kick does not hammer a failing message; the retry does, once the server accepts again.
    mail.state.refuse = false;
    const res = await api.platform.notifications.outbox!.flush({ retry: true });
    expect(res.sent).toBe(1);
    const sent = await api.prisma.notification.findUniqueOrThrow({ where: { id: n.id } });
    expect(sent.emailedAt).not.toBeNull();
    expect(sent.emailError).toBeNull();
    await mailTo(email, `Hồ sơ bị trả lại: ${a.unit.name}`);
  });

  it("an unreachable server is recorded too, and the action still succeeds", async () => {
    await mail.close();
    const email = await createUnitEditor(api, "14587");
    const unitEditor = await api.as(email);
    const a = await assessmentOf(unitEditor, "14587", FIELDS);
    expectSuccess(await M.return(officer, { id: a.id, version: a.version, comments: [{ body: "Thiếu số liệu." }] }));
    const n = (await inbox(unitEditor)).notifications[0];
    const row = await eventually("emailError", async () => {
      const x = await api.prisma.notification.findUniqueOrThrow({ where: { id: n.id } });
      return x.emailError ? x : null;
    });
    expect(row.emailedAt).toBeNull();
  });
});
