/**
 * The inbox (hộp thư) and its email. A notification is written by `notify` inside the transaction of the change
 * that causes it, so a change that rolls back notifies nobody. Who receives what:
 * - RETURNED, COMMENT, RECOGNISED: the assessed unit's editors (UNIT_EDITOR on that unit);
 * - SET_PUBLISHED: a province's version → its unit editors and reviewers; a national version → every current
 *   province's PROVINCE_ADMIN (the publisher is never told of their own act);
 * - DEADLINE: the editors of a unit whose assessment is still DRAFT or RETURNED, 7, 3 and 1 days before its
 *   submission deadline (days left as @cds/calendar counts them), once each (`remindDeadlines`).
 *
 * Email is an outbox: after the change commits, the platform's outbox (only when SMTP is configured) sends the
 * notifications not yet emailed, marks each emailedAt or records emailError, and retries failures later. Sending
 * runs in the background: it never delays or fails the request that caused it.
 */
import { deadline, formatVietnameseDate, type IsoDay } from "@cds/calendar";
import nodemailer from "nodemailer";
import type { SmtpSettings } from "../env.ts";
import type { AssessmentStatus, Prisma, PrismaClient, Role } from "../generated/prisma/client.ts";
import type { Logger } from "../log.ts";
import { InputError, NotFoundError } from "../errors.ts";
import { requireWriter, type Viewer } from "./access.ts";
import { audit, type Tx } from "./audit.ts";
import { submitDueOf, UNSUBMITTED } from "./rounds.ts";

export const NOTIFICATION_KINDS = ["RETURNED", "COMMENT", "DEADLINE", "RECOGNISED", "SET_PUBLISHED"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationInput {
  kind: NotificationKind;
  title: string;
  body: string;
  /** Where it leads in the apps (both have the same paths), e.g. "/assessments/<id>". */
  link?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  /** Once only: the key is made per recipient (`<dedupeKey>:<userId>`); a second notify with it adds nothing. */
  dedupeKey?: string | null;
}

const TITLE_MAX = 300;
const BODY_MAX = 4000;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function rows(recipients: readonly string[], n: NotificationInput): Prisma.NotificationCreateManyInput[] {
  return [...new Set(recipients)].map((userId) => ({
    userId,
    kind: n.kind,
    title: clip(n.title, TITLE_MAX),
    body: clip(n.body, BODY_MAX),
    link: n.link ?? null,
    entityType: n.entityType ?? null,
    entityId: n.entityId ?? null,
    dedupeKey: n.dedupeKey ? `${n.dedupeKey}:${userId}` : null,
  }));
}

/**
 * Writes one notification per recipient (user ids) in the caller's transaction; returns how many were new
 * (those whose dedupe key already exists are skipped). Call `wakeOutbox(prisma)` after the transaction commits.
 */
export async function notify(tx: Tx, recipients: readonly string[], n: NotificationInput): Promise<number> {
  if (recipients.length === 0) return 0;
  const r = await tx.notification.createMany({ data: rows(recipients, n), skipDuplicates: true });
  return r.count;
}

// ---- who receives ----

/** The editors (UNIT_EDITOR on exactly that unit) of each unit, enabled accounts only. */
async function editorsByUnit(db: Tx | PrismaClient, unitIds: readonly string[]): Promise<Map<string, string[]>> {
  const grants = await db.roleAssignment.findMany({
    where: { role: "UNIT_EDITOR", unitId: { in: [...unitIds] }, user: { disabledAt: null } },
    select: { userId: true, unitId: true },
  });
  const out = new Map<string, string[]>();
  for (const g of grants) out.set(g.unitId!, [...(out.get(g.unitId!) ?? []), g.userId]);
  return out;
}

export async function unitEditors(db: Tx | PrismaClient, unitId: string): Promise<string[]> {
  return (await editorsByUnit(db, [unitId])).get(unitId) ?? [];
}

/** The roles that review a province's assessments in some round's chain (verify, appraise, recognise). */
const REVIEWER_ROLES: Role[] = ["PROVINCE_ADMIN", "DISTRICT_OFFICER", "APPRAISER", "PROVINCE_LEADER"];

/** Who hears of a published version: its province's editors and reviewers, or (national) every province's admin. */
async function setPublishedRecipients(
  tx: Tx,
  tenantId: string,
  publisherId: string | null,
): Promise<{ national: boolean; recipients: string[] }> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { kind: true } });
  const national = tenant.kind === "MINISTRY";
  const where: Prisma.RoleAssignmentWhereInput = national
    ? { role: "PROVINCE_ADMIN", tenant: { kind: "PROVINCE", validTo: null } }
    : { tenantId, role: { in: ["UNIT_EDITOR", ...REVIEWER_ROLES] } };
  const grants = await tx.roleAssignment.findMany({
    where: { ...where, user: { disabledAt: null } },
    select: { userId: true },
  });
  return { national, recipients: [...new Set(grants.map((g) => g.userId))].filter((id) => id !== publisherId) };
}

// ---- what the workflow says ----

const viewerName = (v: Viewer) => (v.kind === "user" ? v.name : "Hệ thống");
const viewerId = (v: Viewer) => (v.kind === "user" ? v.userId : null);

interface AssessmentNote {
  id: string;
  unit: { id: string; name: string };
  round: { name: string };
}

const assessmentLink = (a: { id: string }) => ({
  link: `/assessments/${a.id}`,
  entityType: "Assessment",
  entityId: a.id,
});

/** The assessment was returned with comments (trả lại): its editors get the comments' text. */
export async function notifyReturned(
  tx: Tx,
  by: Viewer,
  a: AssessmentNote,
  comments: readonly { criterionCode?: string | null; body: string; needsEvidence?: boolean | null }[],
): Promise<number> {
  const lines = comments.map(
    (c) =>
      `- ${c.criterionCode ? `${c.criterionCode}: ` : ""}${c.body.trim()}${c.needsEvidence ? " (cần bổ sung minh chứng)" : ""}`,
  );
  return notify(tx, await unitEditors(tx, a.unit.id), {
    kind: "RETURNED",
    title: `Hồ sơ bị trả lại: ${a.unit.name}`,
    body: `${viewerName(by)} đã trả lại hồ sơ tự đánh giá (${a.round.name}) để bổ sung, chỉnh sửa:\n${lines.join("\n")}`,
    ...assessmentLink(a),
  });
}

/** A reviewer's new comment on one criterion (e.g. when verifying a value). */
export async function notifyComment(
  tx: Tx,
  by: Viewer,
  a: AssessmentNote,
  comment: { criterionCode: string; body: string },
): Promise<number> {
  return notify(tx, await unitEditors(tx, a.unit.id), {
    kind: "COMMENT",
    title: `Ý kiến mới về hồ sơ: ${a.unit.name}`,
    body: `${viewerName(by)} — tiêu chí ${comment.criterionCode}: ${comment.body.trim()}`,
    ...assessmentLink(a),
  });
}

/** Recognised (công nhận): the level (or score) and the decision. */
export async function notifyRecognised(
  tx: Tx,
  a: AssessmentNote,
  r: { level: number | null; scoreText: string | null; decisionNumber: string; decisionDate: IsoDay },
): Promise<number> {
  const parts = [
    ...(r.scoreText !== null ? [`${r.scoreText.replace(".", ",")} điểm`] : []),
    ...(r.level !== null ? [`Mức ${r.level}`] : []),
  ];
  const result = parts.join(", ");
  return notify(tx, await unitEditors(tx, a.unit.id), {
    kind: "RECOGNISED",
    title: `Hồ sơ đã được công nhận: ${a.unit.name}${result ? ` — ${result}` : ""} (Quyết định ${r.decisionNumber})`,
    body:
      `${a.unit.name} được công nhận${result ? ` ${result}` : ""} trong ${a.round.name}, ` +
      `theo Quyết định số ${r.decisionNumber} ngày ${formatVietnameseDate(r.decisionDate)}.`,
    ...assessmentLink(a),
  });
}

/** A version of a criteria set was published (ban hành). */
export async function notifySetPublished(
  tx: Tx,
  by: Viewer,
  v: { id: string; version: string; set: { tenantId: string; title: string } },
  decision: { number: string; date: IsoDay },
): Promise<number> {
  const { national, recipients } = await setPublishedRecipients(tx, v.set.tenantId, viewerId(by));
  return notify(tx, recipients, {
    kind: "SET_PUBLISHED",
    title: `Ban hành phiên bản mới: ${v.set.title} — phiên bản ${v.version}`,
    body:
      `${viewerName(by)} đã ban hành phiên bản ${v.version} của ${v.set.title} ` +
      `(Quyết định số ${decision.number} ngày ${formatVietnameseDate(decision.date)}). ` +
      (national
        ? "Tỉnh có thể xem khác biệt và cập nhật bộ tiêu chí của tỉnh theo phiên bản mới."
        : "Các đợt đánh giá đã mở vẫn dùng phiên bản đã chọn khi mở đợt."),
    link: "/sets",
    entityType: "CriteriaSetVersion",
    entityId: v.id,
    dedupeKey: `set:${v.id}`,
  });
}

// ---- the inbox as its owner reads it ----

/** A user's notifications, newest first (only their own: the query is by their id). */
export function inboxOf(prisma: PrismaClient, userId: string, opts: { first: number; unreadOnly: boolean }) {
  return prisma.notification.findMany({
    where: { userId, ...(opts.unreadOnly ? { readAt: null } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.first,
  });
}

export function unreadCount(prisma: PrismaClient, userId: string): Promise<number> {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

/**
 * Marks the signed-in user's notifications read: those named (each must be theirs, else nothing is marked), or
 * all of them. Audited; returns how many changed and how many stay unread.
 */
export async function markNotificationsRead(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { ids?: readonly string[] | null; all?: boolean | null; now: Date },
): Promise<{ marked: number; unread: number }> {
  const user = requireWriter(viewer);
  const ids = [...new Set(input.ids ?? [])];
  if (!input.all && ids.length === 0)
    throw InputError.field("ids", "Chọn thông báo cần đánh dấu đã đọc", "Name the notifications to mark read");
  // Both at once is ambiguous (which did the asker mean?): neither is guessed.
  if (input.all && ids.length > 0)
    throw InputError.field(
      "all",
      "Chọn các thông báo (ids) hoặc tất cả (all), không cả hai",
      "Give ids or all, not both",
    );
  if (!input.all) {
    const own = await prisma.notification.findMany({
      where: { id: { in: ids }, userId: user.userId },
      select: { id: true },
    });
    const missing = ids.find((id) => !own.some((n) => n.id === id));
    // Another user's notification is as unknown as one that does not exist.
    if (missing) throw new NotFoundError("thông báo", missing);
  }
  return prisma.$transaction(async (tx) => {
    const r = await tx.notification.updateMany({
      where: { userId: user.userId, readAt: null, ...(input.all ? {} : { id: { in: ids } }) },
      data: { readAt: input.now },
    });
    if (r.count > 0)
      await audit(tx, viewer, {
        action: "notifications.read",
        entityType: "User",
        entityId: user.userId,
        after: input.all ? { all: true, marked: r.count } : { ids, marked: r.count },
      });
    return { marked: r.count, unread: await tx.notification.count({ where: { userId: user.userId, readAt: null } }) };
  });
}

// ---- deadline reminders ----

/** Days before the submission deadline on which the unit's editors are reminded. */
export const REMINDER_DAYS = [7, 3, 1] as const;

/**
 * The reminder a day belongs to: with `daysLeft` as @cds/calendar's `deadline()` gives it, the nearest reminder
 * day not before it (2 days left is still the 3-day reminder, if the job missed that day); null outside 1–7.
 */
export function reminderFor(daysLeft: number): number | null {
  if (daysLeft < 1) return null;
  return [...REMINDER_DAYS].sort((x, y) => x - y).find((d) => daysLeft <= d) ?? null;
}

const STATUS_VI: Partial<Record<AssessmentStatus, string>> = { DRAFT: "đang nhập", RETURNED: "bị trả lại" };

/**
 * Reminds the editors of units whose assessment is still DRAFT or RETURNED that the submission deadline (the
 * unit's extension, else the round's) is 7, 3 or 1 days away, once per reminder and deadline day. Safe to run as
 * often as liked; returns how many notifications it wrote.
 */
export async function remindDeadlines(prisma: PrismaClient, now: Date): Promise<number> {
  const rounds = await prisma.round.findMany({ where: { closedAt: null }, select: { id: true, submitDueAt: true } });
  const dueSoon = rounds.filter((r) => reminderFor(deadline(r.submitDueAt, now).daysLeft) !== null).map((r) => r.id);
  const candidates = await prisma.assessment.findMany({
    where: {
      status: { in: [...UNSUBMITTED] },
      round: { closedAt: null },
      // A unit with an extension has its own deadline, whatever the round's.
      OR: [{ roundId: { in: dueSoon } }, { extensions: { some: {} } }],
    },
    select: {
      id: true,
      status: true,
      unit: { select: { id: true, name: true } },
      round: { select: { name: true, submitDueAt: true } },
      extensions: { select: { dueAt: true, createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  const due = candidates.flatMap((a) => {
    const d = deadline(submitDueOf(a), now);
    const reminder = reminderFor(d.daysLeft);
    return reminder === null ? [] : [{ a, d, reminder }];
  });
  if (due.length === 0) return 0;
  const editors = await editorsByUnit(
    prisma,
    due.map((x) => x.a.unit.id),
  );
  const data = due.flatMap(({ a, d, reminder }) =>
    rows(editors.get(a.unit.id) ?? [], {
      kind: "DEADLINE",
      title: `Còn ${d.daysLeft} ngày đến hạn nộp hồ sơ: ${a.unit.name}`,
      body:
        `Hạn nộp hồ sơ tự đánh giá (${a.round.name}) là hết ngày ${formatVietnameseDate(d.date)}` +
        `${d.daysLeft === 1 ? " (ngày mai)" : ""}. Hồ sơ đang ở trạng thái ${STATUS_VI[a.status] ?? a.status}: ` +
        "hãy hoàn thiện và nộp trước hạn.",
      ...assessmentLink(a),
      // The deadline day is in the key: an extension starts its own reminders.
      dedupeKey: `deadline:${a.id}:${d.date}:${reminder}`,
    }),
  );
  let written = 0;
  for (let i = 0; i < data.length; i += 1000) {
    const r = await prisma.notification.createMany({ data: data.slice(i, i + 1000), skipDuplicates: true });
    written += r.count;
  }
  return written;
}

// ---- email ----

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(m: MailMessage): Promise<void>;
  close(): void;
}

/** A nodemailer SMTP transport from the environment's settings (connects per message, when sending). */
export function smtpMailer(smtp: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ignoreTLS: smtp.ignoreTLS,
    ...(smtp.auth ? { auth: smtp.auth } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(m) {
      await transport.sendMail({ from: smtp.from, to: m.to, subject: m.subject, text: m.text });
    },
    close: () => transport.close(),
  };
}

/** The email of a notification. */
export function mailOf(n: { title: string; body: string }, to: string): MailMessage {
  return {
    to,
    subject: n.title,
    text:
      `${n.body}\n\n` +
      "Đăng nhập nền tảng đánh giá chuyển đổi số và mở Hộp thư để xem chi tiết.\n" +
      "(Thư gửi tự động, vui lòng không trả lời.)\n",
  };
}

export interface Outbox {
  /** Sends what is waiting, soon, in the background (several calls close together make one run). */
  kick(): void;
  /**
   * Sends what is waiting now: notifications never tried (and, with `retry`, those that failed) created in the
   * last EMAIL_MAX_AGE_DAYS days. Resolves with what happened; never rejects.
   */
  flush(opts?: { retry?: boolean }): Promise<{ sent: number; failed: number }>;
  /** Resolves when every run asked for so far has finished. */
  idle(): Promise<void>;
  /** Stops taking work, waits for the run in progress (a few seconds at most), closes the transport. */
  close(): Promise<void>;
}

/** An email older than this is not worth sending (the inbox still has it). */
export const EMAIL_MAX_AGE_DAYS = 3;
const BATCH = 100;
const ERROR_MAX = 500;
const CLOSE_WAIT_MS = 5_000;

export function createOutbox(prisma: PrismaClient, mailer: Mailer, opts: { log: Logger }): Outbox {
  let chain: Promise<unknown> = Promise.resolve();
  let kickQueued = false;
  let closed = false;

  /** One pass over what is waiting: each notification is tried at most once per pass. */
  async function pass(retry: boolean): Promise<{ sent: number; failed: number; seen: number }> {
    const since = new Date(Date.now() - EMAIL_MAX_AGE_DAYS * 86_400_000);
    const waiting = await prisma.notification.findMany({
      where: {
        emailedAt: null,
        createdAt: { gte: since },
        ...(retry ? {} : { emailError: null }),
        user: { disabledAt: null, email: { contains: "@" } },
      },
      include: { user: { select: { email: true } } },
      orderBy: { createdAt: "asc" },
      take: BATCH,
    });
    let sent = 0;
    let failed = 0;
    for (const n of waiting) {
      if (closed) break;
      // Taken before sending, so another process (or run) never sends it twice; put back if sending fails.
      const taken = await prisma.notification.updateMany({
        where: { id: n.id, emailedAt: null },
        data: { emailedAt: new Date() },
      });
      if (taken.count === 0) continue;
      try {
        await mailer.send(mailOf(n, n.user.email));
        await prisma.notification.update({ where: { id: n.id }, data: { emailedAt: new Date(), emailError: null } });
        sent++;
      } catch (e) {
        failed++;
        const message = clip(`${(e as Error).message ?? e}`, ERROR_MAX);
        opts.log.warn(
          { notificationId: n.id, err: message },
          "Không gửi được thư thông báo / notification email failed",
        );
        await prisma.notification.update({ where: { id: n.id }, data: { emailedAt: null, emailError: message } });
      }
    }
    return { sent, failed, seen: waiting.length };
  }

  async function run(retry: boolean): Promise<{ sent: number; failed: number }> {
    const total = { sent: 0, failed: 0 };
    try {
      // Fresh notifications: until none is left (a failure is recorded, so it leaves the fresh ones).
      // A retry: one pass over everything waiting.
      for (;;) {
        const r = await pass(retry);
        total.sent += r.sent;
        total.failed += r.failed;
        if (retry || closed || r.seen < BATCH) break;
      }
    } catch (e) {
      if (!closed) opts.log.error({ err: e }, "Hộp thư đi lỗi / notification outbox failed");
    }
    return total;
  }

  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const p = chain.then(work);
    chain = p.catch(() => undefined);
    return p;
  }

  return {
    kick() {
      if (closed || kickQueued) return;
      kickQueued = true;
      void enqueue(() => {
        kickQueued = false;
        return run(false);
      });
    },
    flush(o = {}) {
      if (closed) return Promise.resolve({ sent: 0, failed: 0 });
      return enqueue(() => run(Boolean(o.retry)));
    },
    idle: () => enqueue(async () => undefined),
    async close() {
      closed = true;
      // A message being sent may finish (bounded: a hung mail server must not hold up shutdown).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([chain, new Promise((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
      clearTimeout(timer);
      mailer.close();
    },
  };
}

/** The outboxes of each database client (a platform registers its own; tests may run several in one process). */
const outboxes = new WeakMap<object, Set<Outbox>>();

/** Makes `wakeOutbox(prisma)` reach this outbox; returns the undo. */
export function registerOutbox(prisma: PrismaClient, outbox: Outbox): () => void {
  const set = outboxes.get(prisma) ?? new Set<Outbox>();
  set.add(outbox);
  outboxes.set(prisma, set);
  return () => set.delete(outbox);
}

/** After a transaction that notified has committed: the outbox of this database sends (no outbox: inbox only). */
export function wakeOutbox(prisma: PrismaClient): void {
  for (const o of outboxes.get(prisma) ?? []) o.kick();
}

// ---- the platform's timers ----

const REMIND_EVERY_MS = 60 * 60_000;
const FIRST_REMINDER_AFTER_MS = 60_000;
const RETRY_EVERY_MS = 10 * 60_000;

/**
 * The background jobs: deadline reminders every hour (first a minute after start) and, with an outbox, email
 * retries every ten minutes. Timers never keep the process alive; the returned function stops them.
 */
export function startNotificationJobs(opts: {
  prisma: PrismaClient;
  outbox: Outbox | null;
  now: () => Date;
  log: Logger;
}): () => void {
  let reminding = false;
  const remind = async () => {
    if (reminding) return;
    reminding = true;
    try {
      const n = await remindDeadlines(opts.prisma, opts.now());
      if (n > 0) {
        opts.log.info({ notifications: n }, "Đã nhắc hạn nộp hồ sơ / deadline reminders written");
        opts.outbox?.kick();
      }
    } catch (e) {
      opts.log.error({ err: e }, "Nhắc hạn lỗi / deadline reminders failed");
    } finally {
      reminding = false;
    }
  };
  const timers: NodeJS.Timeout[] = [];
  const first = setTimeout(() => void remind(), FIRST_REMINDER_AFTER_MS);
  timers.push(
    first,
    setInterval(() => void remind(), REMIND_EVERY_MS),
  );
  if (opts.outbox) {
    const outbox = opts.outbox;
    timers.push(setInterval(() => void outbox.flush({ retry: true }), RETRY_EVERY_MS));
  }
  for (const t of timers) t.unref();
  return () => {
    for (const t of timers) clearTimeout(t);
  };
}
