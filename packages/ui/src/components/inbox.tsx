/**
 * The inbox (hộp thư) of both apps: a bell with the unread count in the header, and the page that lists the
 * signed-in user's notifications (newest first, unread in bold), each leading to its page, marked read one by
 * one or all at once. The API writes the notifications; a user only ever sees their own.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorFields, graphql, request, unwrap, type ResultOf } from "../graphql.ts";
import { useI18n } from "../i18n.tsx";
import { Link, navigate } from "../router.tsx";
import { ErrorBox, Spinner } from "./feedback.tsx";

/** Where both apps show the inbox. */
export const INBOX_PATH = "/inbox";

export const InboxUnreadQuery = graphql(`
  query InboxUnread {
    inbox {
      unread
    }
  }
`);

export const InboxQuery = graphql(`
  query Inbox($first: Int, $unreadOnly: Boolean) {
    inbox {
      unread
      notifications(first: $first, unreadOnly: $unreadOnly) {
        id
        kind
        title
        body
        link
        createdAt
        readAt
      }
    }
  }
`);

const MarkReadMutation = graphql(
  `
    mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
      markNotificationsRead(ids: $ids, all: $all) {
        __typename
        ... on MutationMarkNotificationsReadSuccess {
          data {
            marked
            unread
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export type InboxNotification = NonNullable<ResultOf<typeof InboxQuery>["inbox"]>["notifications"][number];

const INBOX_KEY = ["inbox"] as const;
/** How often the bell asks again while a page stays open. */
const UNREAD_POLL_MS = 60_000;
const PAGE_SIZE = 100;

/** The bell in the header: a link to the inbox with the number of unread notifications. */
export function InboxBell() {
  const { t } = useI18n();
  const unread = useQuery({
    queryKey: [...INBOX_KEY, "unread"],
    queryFn: () => request(InboxUnreadQuery, {}).then((r) => r.inbox?.unread ?? 0),
    refetchInterval: UNREAD_POLL_MS,
  });
  const n = unread.data ?? 0;
  const label = n > 0 ? t("inbox.bellUnread", { n }) : t("inbox.title");
  return (
    <Link to={INBOX_PATH} className="inbox-bell" aria-label={label} title={label}>
      <svg aria-hidden width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {n > 0 && (
        <span className="badge inbox-count" aria-hidden data-testid="inbox-count">
          {n > 99 ? "99+" : n}
        </span>
      )}
    </Link>
  );
}

function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { ids?: string[]; all?: boolean }) =>
      unwrap((await request(MarkReadMutation, { ids: v.ids ?? null, all: v.all ?? null })).markNotificationsRead),
    onSuccess: () => qc.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}

function NotificationItem({
  n,
  onRead,
  busy,
}: {
  n: InboxNotification;
  onRead(opts?: { then?: string }): void;
  busy: boolean;
}) {
  const { t, dateTime } = useI18n();
  const unread = n.readAt === null;
  const title = unread ? <strong>{n.title}</strong> : n.title;
  return (
    <li
      className={`card inbox-item${unread ? " unread" : ""}`}
      data-testid="notification"
      aria-label={unread ? `${t("inbox.unread")}: ${n.title}` : n.title}
    >
      <div className="inbox-meta hint">
        <span>{t(`inbox.kind.${n.kind}`)}</span> · <time dateTime={n.createdAt}>{dateTime(n.createdAt)}</time>
        {unread && <span className="badge inbox-new">{t("inbox.new")}</span>}
      </div>
      <h3 className="inbox-title" style={{ fontWeight: unread ? 700 : 400 }}>
        {n.link ? (
          <Link
            to={n.link}
            onClick={(e) => {
              // Opening it reads it: marked read, then the page it leads to.
              if (!unread || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
              e.preventDefault();
              onRead({ then: n.link! });
            }}
          >
            {title}
          </Link>
        ) : (
          title
        )}
      </h3>
      <p className="inbox-body" style={{ whiteSpace: "pre-line" }}>
        {n.body}
      </p>
      {unread && (
        <button type="button" className="link" disabled={busy} onClick={() => onRead()}>
          {t("inbox.markRead")}
        </button>
      )}
    </li>
  );
}

/** The inbox page: the user's notifications, newest first. */
export function InboxPage() {
  const { t } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useQuery({
    queryKey: [...INBOX_KEY, "list", unreadOnly],
    queryFn: () => request(InboxQuery, { first: PAGE_SIZE, unreadOnly }).then((r) => r.inbox),
  });
  const mark = useMarkRead();
  if (list.isPending) return <Spinner />;
  if (list.error) return <ErrorBox error={list.error} />;
  const inbox = list.data;
  if (!inbox) return <p>{t("inbox.signIn")}</p>;
  const read = (n: InboxNotification, opts: { then?: string } = {}) =>
    mark.mutate(
      { ids: [n.id] },
      {
        onSettled: () => {
          if (opts.then) navigate(opts.then);
        },
      },
    );
  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t("inbox.title")}</h1>
      <div className="toolbar inbox-toolbar">
        <span data-testid="inbox-unread">{t("inbox.unreadCount", { n: inbox.unread })}</span>{" "}
        <label>
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />{" "}
          {t("inbox.unreadOnly")}
        </label>{" "}
        <button
          type="button"
          disabled={inbox.unread === 0 || mark.isPending}
          onClick={() => mark.mutate({ all: true })}
        >
          {t("inbox.markAllRead")}
        </button>
      </div>
      <ErrorBox error={mark.error} />
      {inbox.notifications.length === 0 ? (
        <p className="hint">{unreadOnly ? t("inbox.noUnread") : t("inbox.empty")}</p>
      ) : (
        <ul className="inbox-list" style={{ listStyle: "none", padding: 0 }}>
          {inbox.notifications.map((n) => (
            <NotificationItem key={n.id} n={n} busy={mark.isPending} onRead={(o) => read(n, o)} />
          ))}
        </ul>
      )}
      {inbox.notifications.length === PAGE_SIZE && <p className="hint">{t("inbox.more", { n: PAGE_SIZE })}</p>}
    </section>
  );
}
