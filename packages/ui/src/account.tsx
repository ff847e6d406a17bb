/** The account page of both apps: change the password, see one's sessions and end any of them. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorBox, Notice, Spinner } from "./components/feedback.tsx";
import { ErrorFields, graphql, request, unwrap } from "./graphql.ts";
import { useI18n } from "./i18n.tsx";
import { forgetSession } from "./session.tsx";

export const MySessionsQuery = graphql(`
  query MySessions {
    me {
      id
      sessions {
        id
        createdAt
        lastSeenAt
        userAgent
        address
        current
      }
    }
  }
`);

const ChangePasswordMutation = graphql(
  `
    mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
      changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
        __typename
        ... on MutationChangePasswordSuccess {
          data {
            endedSessions
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

const RevokeSessionMutation = graphql(
  `
    mutation RevokeSession($id: ID!) {
      revokeSession(id: $id) {
        __typename
        ... on MutationRevokeSessionSuccess {
          data
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

const sessionsKey = ["account", "sessions"] as const;

export const MIN_PASSWORD_LENGTH = 8;

/** A labelled, required password input: the one in use now, or a new one (for the browser's password manager). */
function PasswordField({
  kind,
  label,
  minLength,
  value,
  onChange,
}: {
  kind: "current" | "new";
  label: string;
  minLength?: number;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <label>
      {label}
      <input
        type="password"
        autoComplete={`${kind}-password`}
        required
        minLength={minLength}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

function ChangePasswordForm() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: async () =>
      unwrap((await request(ChangePasswordMutation, { currentPassword: current, newPassword: next })).changePassword),
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setRepeat("");
      void qc.invalidateQueries({ queryKey: sessionsKey });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(next !== repeat);
    if (next === repeat) change.mutate();
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="account-password">
      <h2 id="account-password">{t("account.password")}</h2>
      <PasswordField kind="current" label={t("account.currentPassword")} value={current} onChange={setCurrent} />
      <PasswordField
        kind="new"
        label={t("account.newPassword")}
        minLength={MIN_PASSWORD_LENGTH}
        value={next}
        onChange={setNext}
      />
      <PasswordField kind="new" label={t("account.repeatPassword")} value={repeat} onChange={setRepeat} />
      <p className="hint">{t("account.passwordHint", { n: MIN_PASSWORD_LENGTH })}</p>
      {mismatch && (
        <p className="error" role="alert">
          {t("account.mismatch")}
        </p>
      )}
      <ErrorBox error={change.error} />
      {change.isSuccess && <Notice kind="ok">{t("account.changed", { n: change.data.endedSessions })}</Notice>}
      <button type="submit" disabled={change.isPending}>
        {change.isPending ? t("common.working") : t("account.change")}
      </button>
    </form>
  );
}

function SessionsList() {
  const { t, dateTime } = useI18n();
  const qc = useQueryClient();
  const sessions = useQuery({
    queryKey: sessionsKey,
    queryFn: () => request(MySessionsQuery, {}).then((r) => r.me?.sessions ?? []),
  });
  const revoke = useMutation({
    mutationFn: async (s: { id: string; current: boolean }) => {
      unwrap((await request(RevokeSessionMutation, { id: s.id })).revokeSession);
      return s;
    },
    onSuccess: (s) => {
      // Ending this very session is signing out here.
      if (s.current) forgetSession(qc);
      else void qc.invalidateQueries({ queryKey: sessionsKey });
    },
  });
  return (
    <section className="card" aria-labelledby="account-sessions">
      <h2 id="account-sessions">{t("account.sessions")}</h2>
      {sessions.isPending ? (
        <Spinner />
      ) : (
        <ul className="sessions">
          {(sessions.data ?? []).map((s) => (
            <li key={s.id} data-testid="session">
              <strong title={s.userAgent ?? undefined}>
                {s.userAgent ? describeBrowser(s.userAgent) : t("account.unknownBrowser")}
              </strong>
              {s.current && <span className="badge"> {t("account.thisSession")}</span>}
              <br />
              <span className="muted">
                {t("account.sessionFacts", {
                  address: s.address ?? "—",
                  created: dateTime(s.createdAt),
                  seen: dateTime(s.lastSeenAt),
                })}
              </span>{" "}
              <button
                type="button"
                className="link"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate(s)}
                aria-label={`${t("account.revoke")}: ${s.userAgent ? describeBrowser(s.userAgent) : ""} ${s.address ?? ""}`}
              >
                {t("account.revoke")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorBox error={sessions.error ?? revoke.error} />
    </section>
  );
}

export function AccountPage() {
  const { t } = useI18n();
  return (
    <div className="account">
      <h1>{t("account.title")}</h1>
      <ChangePasswordForm />
      <SessionsList />
    </div>
  );
}

/** "Mozilla/5.0 (Windows NT 10.0; …) … Chrome/… Safari/…" → "Chrome · Windows": what a person recognises of their own device. */
export function describeBrowser(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /OPR\/|Opera/.test(userAgent)
      ? "Opera"
      : /Firefox\//.test(userAgent)
        ? "Firefox"
        : /Chrom(e|ium)\//.test(userAgent)
          ? "Chrome"
          : /Safari\//.test(userAgent)
            ? "Safari"
            : null;
  const os = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad|iPod/.test(userAgent)
      ? "iOS"
      : /Windows/.test(userAgent)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(userAgent)
          ? "macOS"
          : /Linux|X11/.test(userAgent)
            ? "Linux"
            : null;
  return [browser, os].filter(Boolean).join(" · ") || userAgent.slice(0, 60);
}
