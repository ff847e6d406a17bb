/**
 * The account page of both apps: change the password, see one's sessions and end any of them. And the password
 * change a new account (or one whose password was reset) makes at sign-in, before anything else (AppShell).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorBox, Notice, Spinner } from "./components/feedback.tsx";
import { ErrorFields, graphql, request, unwrap } from "./graphql.ts";
import { useI18n } from "./i18n.tsx";
import { fieldIssues, forgetSession, meQueryOptions } from "./session.tsx";

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

/**
 * A labelled, required password input: the one in use now, or a new one (for the browser's password manager);
 * what the API refused about it goes under it (without the field key), and marks it invalid.
 */
function PasswordField({
  kind,
  label,
  minLength,
  value,
  onChange,
  error,
  errorId,
}: {
  kind: "current" | "new";
  label: string;
  minLength?: number;
  value: string;
  onChange(value: string): void;
  error?: string;
  errorId?: string;
}) {
  return (
    <>
      <label>
        {label}
        <input
          type="password"
          autoComplete={`${kind}-password`}
          required
          minLength={minLength}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...(error ? { "aria-invalid": true, "aria-describedby": errorId } : {})}
        />
      </label>
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

const PASSWORD_FIELDS = ["currentPassword", "newPassword"] as const;

/** `first`: the change a temporary password asks for at sign-in; done, the user's page shows (`me` is read again). */
function ChangePasswordForm({ first = false }: { first?: boolean }) {
  const { t, locale } = useI18n();
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
      void qc.invalidateQueries({ queryKey: first ? meQueryOptions.queryKey : sessionsKey });
    },
  });
  const issues = fieldIssues(change.error, PASSWORD_FIELDS, locale);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(next !== repeat);
    if (next === repeat) change.mutate();
  };
  const Heading = first ? "h1" : "h2";
  return (
    <form className={first ? "card login" : "card"} onSubmit={submit} aria-labelledby="account-password">
      <Heading id="account-password">{t("account.password")}</Heading>
      {first && <p>{t("account.firstHint")}</p>}
      <PasswordField
        kind="current"
        label={t(first ? "account.temporaryPassword" : "account.currentPassword")}
        value={current}
        onChange={setCurrent}
        error={issues.of("currentPassword")}
        errorId="account-current-error"
      />
      <PasswordField
        kind="new"
        label={t("account.newPassword")}
        minLength={MIN_PASSWORD_LENGTH}
        value={next}
        onChange={setNext}
        error={issues.of("newPassword")}
        errorId="account-new-error"
      />
      <PasswordField kind="new" label={t("account.repeatPassword")} value={repeat} onChange={setRepeat} />
      <p className="hint">{t("account.passwordHint", { n: MIN_PASSWORD_LENGTH })}</p>
      {mismatch && (
        <p className="error" role="alert">
          {t("account.mismatch")}
        </p>
      )}
      {issues.other && <ErrorBox error={change.error} />}
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

/**
 * What a user on a temporary password sees in either app, instead of any page: the password change. The app then
 * shows the page it is on, the role's landing (the sign-in form took the user there).
 */
export function FirstPasswordChange() {
  return (
    <div className="account">
      <ChangePasswordForm first />
    </div>
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
