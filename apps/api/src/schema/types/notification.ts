/** The signed-in user's inbox (hộp thư): notifications of the workflow, and marking them read. */
import { z } from "zod";
import { builder } from "../../builder.ts";
import type { Notification } from "../../generated/prisma/client.ts";
import {
  inboxOf,
  markNotificationsRead,
  NOTIFICATION_KINDS,
  unreadCount,
  type NotificationKind,
} from "../../services/notifications.ts";

const KIND_VI: Record<NotificationKind, string> = {
  RETURNED: "Hồ sơ bị trả lại, kèm ý kiến",
  COMMENT: "Ý kiến mới về hồ sơ",
  DEADLINE: "Sắp đến hạn nộp hồ sơ (7, 3, 1 ngày)",
  RECOGNISED: "Hồ sơ đã được công nhận",
  SET_PUBLISHED: "Ban hành phiên bản bộ tiêu chí mới",
};

export const NotificationKindEnum = builder.enumType("NotificationKind", {
  description: "Loại thông báo",
  values: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, { description: KIND_VI[k] }])) as Record<
    NotificationKind,
    { description: string }
  >,
});

const NotificationRef = builder.objectRef<Notification>("Notification").implement({
  description: "Một thông báo trong hộp thư của người dùng",
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.field({ type: NotificationKindEnum, resolve: (n) => n.kind as NotificationKind }),
    title: t.exposeString("title"),
    body: t.exposeString("body"),
    link: t.exposeString("link", {
      nullable: true,
      description: 'Đường dẫn trong ứng dụng (hai ứng dụng dùng cùng đường dẫn), vd. "/assessments/<id>"',
    }),
    entityType: t.exposeString("entityType", { nullable: true }),
    entityId: t.exposeString("entityId", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    readAt: t.expose("readAt", {
      type: "DateTime",
      nullable: true,
      description: "Lúc đánh dấu đã đọc; null = chưa đọc",
    }),
    emailedAt: t.expose("emailedAt", {
      type: "DateTime",
      nullable: true,
      description: "Lúc đã gửi thư điện tử (khi máy chủ có cấu hình SMTP)",
    }),
  }),
});

interface InboxView {
  userId: string;
}

const InboxRef = builder.objectRef<InboxView>("Inbox").implement({
  description: "Hộp thư của người dùng đang đăng nhập: chỉ thông báo của chính họ",
  fields: (t) => ({
    unread: t.int({
      description: "Số thông báo chưa đọc",
      resolve: (i, _a, ctx) => unreadCount(ctx.prisma, i.userId),
    }),
    notifications: t.field({
      type: [NotificationRef],
      description: "Thông báo, mới nhất trước",
      args: {
        first: t.arg.int({
          required: false,
          defaultValue: 30,
          validate: z.number().int().min(1, "từ 1 đến 100").max(100, "từ 1 đến 100"),
        }),
        unreadOnly: t.arg.boolean({ required: false, defaultValue: false }),
      },
      resolve: (i, a, ctx) =>
        inboxOf(ctx.prisma, i.userId, { first: a.first ?? 30, unreadOnly: a.unreadOnly ?? false }),
    }),
  }),
});

builder.queryField("inbox", (t) =>
  t.field({
    type: InboxRef,
    nullable: true,
    description: "Hộp thư của người dùng đang đăng nhập; null nếu chưa đăng nhập (khoá API không có hộp thư)",
    resolve: (_r, _a, ctx) => (ctx.viewer.kind === "user" ? { userId: ctx.viewer.userId } : null),
  }),
);

const MarkedRef = builder.objectRef<{ marked: number; unread: number }>("NotificationsMarked").implement({
  fields: (t) => ({
    marked: t.exposeInt("marked", { description: "Số thông báo vừa được đánh dấu đã đọc" }),
    unread: t.exposeInt("unread", { description: "Số thông báo còn chưa đọc" }),
  }),
});

builder.mutationField("markNotificationsRead", (t) =>
  t.field({
    type: MarkedRef,
    description:
      "Đánh dấu đã đọc các thông báo `ids` (đều phải của chính mình) hoặc tất cả (`all: true`) trong hộp thư của mình",
    args: {
      ids: t.arg.idList({ required: false }),
      all: t.arg.boolean({ required: false }),
    },
    errors: {},
    resolve: (_r, a, ctx) =>
      markNotificationsRead(ctx.prisma, ctx.viewer, { ids: a.ids?.map(String), all: a.all, now: ctx.now() }),
  }),
);
