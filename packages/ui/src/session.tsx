/**
 * Who is signed in: the `me` query, sign-in (keeps the CSRF token), sign-out —
 * which forgets everything about the user at once, in this tab and the others.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { ApiError, ErrorFields, graphql, request, setCsrfToken, unwrap, type ResultOf } from "./graphql.ts";
import { navigate, useLocation } from "./router.tsx";
import { useI18n } from "./i18n.tsx";
import { ErrorBox } from "./components/feedback.tsx";

export const MeQuery = graphql(`
  query Me {
    me {
      id
      name
      email
      mustChangePassword
      roles {
        role
        tenantId
        unit {
          id
          code
          name
          path
          kind {
            code
          }
        }
      }
      capabilities {
        adminLanding
        portalLanding
        adminSections
        ownTenant
        manageSets
        readNational
        decisionDocuments
        minutesDocuments
      }
    }
  }
`);

type MeResult = NonNullable<ResultOf<typeof MeQuery>["me"]>;
/**
 * The signed-in user. `mustChangePassword` (a temporary password given by an administrator: the apps show the
 * password change before anything else, see AppShell) is optional so that a `me` without it reads as false.
 */
export type Me = Omit<MeResult, "mustChangePassword"> & Partial<Pick<MeResult, "mustChangePassword">>;
/** What the signed-in user may do and where they land, as the API decides it: the apps ask, they never read roles. */
export type Capabilities = Me["capabilities"];

const LoginMutation = graphql(
  `
    mutation Login($email: String!, $password: String!) {
      login(email: $email, password: $password) {
        __typename
        ... on MutationLoginSuccess {
          data {
            csrfToken
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

const LogoutMutation = graphql(
  `
    mutation Logout {
      logout {
        __typename
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const meQueryOptions = { queryKey: ["me"] as const, queryFn: () => request(MeQuery, {}).then((r) => r.me) };

export function useMe() {
  return useQuery(meQueryOptions);
}

/** What an app keeps about the user outside the query cache (e.g. offline drafts), forgotten at sign-out. */
const signOutCleanups = new Set<() => void>();

/** Registers a cleanup to run at sign-out (in every tab); returns its removal. */
export function onSignOut(cleanup: () => void): () => void {
  signOutCleanups.add(cleanup);
  return () => signOutCleanups.delete(cleanup);
}

const SESSION_CHANNEL = "cds.session";
/** A tab hears its own channel messages through its other channel objects; this tells them apart. */
const TAB_ID = Math.random().toString(36).slice(2);
const channel = () => (typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(SESSION_CHANNEL));

/**
 * Forgets the signed-in user in this tab, without a reload: the CSRF token, the apps' own
 * data, and every cached query. `me` becomes null first, so every screen re-renders signed
 * out at once (clearing the cache alone would leave mounted screens showing their data).
 */
export function forgetSession(qc: QueryClient): void {
  setCsrfToken(null);
  for (const cleanup of signOutCleanups) cleanup();
  void qc.cancelQueries();
  qc.setQueryData(meQueryOptions.queryKey, null);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryOptions.queryKey[0] });
}

/** Signs out, forgets the user in every open tab of the app, and goes to `to` (the public or sign-in page). */
export function useLogout(to = "/") {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => request(LogoutMutation, {}).catch(() => undefined),
    // Even when the server is unreachable, this browser forgets the user.
    onSettled: () => {
      forgetSession(qc);
      const c = channel();
      c?.postMessage({ signedOut: TAB_ID });
      c?.close();
      navigate(to);
    },
  });
}

/** Follows a sign-out made in another tab. */
export function useSessionSync(to = "/") {
  const qc = useQueryClient();
  useEffect(() => {
    const c = channel();
    if (!c) return;
    c.onmessage = (e: MessageEvent) => {
      const from = (e.data as { signedOut?: string } | null)?.signedOut;
      if (!from || from === TAB_ID) return;
      forgetSession(qc);
      navigate(to);
    };
    return () => c.close();
  }, [qc, to]);
}

export type AppKind = "portal" | "admin";

/** The page the user lands on after sign-in in each app, as the API's capabilities say (the one place that decides it). */
export function landingPath(me: Me, app: AppKind): string {
  return app === "portal" ? me.capabilities.portalLanding : me.capabilities.adminLanding;
}

/** Where each app asks for sign-in without a page of its own in mind; a deep link (e.g. an assessment) is kept. */
const SIGN_IN_ENTRY: Record<AppKind, readonly string[]> = { portal: ["/", "/my"], admin: ["/"] };

const LOGIN_FIELDS = ["email", "password"] as const;

/**
 * The refusal of a form's fields, each message in the user's language and without its field key ("password: …"):
 * from the API's issues, or — for an error that came without them (an argument refused before the resolver) —
 * from its message's "field: …" parts. `other`: whether something is left that is not about these fields.
 */
export function fieldIssues(
  error: unknown,
  fields: readonly string[],
  locale: string,
): { of: (field: string) => string; other: boolean } {
  if (!(error instanceof ApiError)) return { of: () => "", other: Boolean(error) };
  const issues: { field?: string; message: string; messageEn: string }[] =
    error.issues.length > 0
      ? error.issues
      : error.message
          .replace(/^Validation error: /, "")
          .split("; ")
          .map((part) => {
            const m = /^(\w+): (.+)$/.exec(part);
            return m && fields.includes(m[1]!)
              ? { field: m[1]!, message: m[2]!, messageEn: m[2]! }
              : { message: part, messageEn: error.messageEn };
          });
  return {
    of: (field) =>
      issues
        .filter((i) => i.field === field)
        .map((i) => (locale === "en" ? i.messageEn : i.message))
        .join("; "),
    other: !issues.every((i) => fields.includes(i.field ?? "")),
  };
}

/** `app`: after sign-in from the app's entry page, go to the role's landing page (see `landingPath`). */
export function LoginForm({ demoHint, app }: { demoHint?: boolean; app?: AppKind }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const { path } = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const login = useMutation({
    mutationFn: async () => {
      const r = await request(LoginMutation, { email, password });
      setCsrfToken(unwrap(r.login).csrfToken);
    },
    onSuccess: async () => {
      await qc.invalidateQueries();
      if (!app || !SIGN_IN_ENTRY[app].includes(path)) return;
      const me = qc.getQueryData<Me | null>(meQueryOptions.queryKey) ?? (await qc.fetchQuery(meQueryOptions));
      const to = me ? landingPath(me, app) : null;
      if (to && to !== path) navigate(to, { replace: true });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  // The API names the field of a refusal ("password"): its message goes under that field, without the key, and the
  // field is marked invalid; only what is about no field goes to the error box.
  const issues = fieldIssues(login.error, LOGIN_FIELDS, locale);
  const fieldError = issues.of;
  const onFields = !issues.other;
  const fieldProps = (f: (typeof LOGIN_FIELDS)[number]) =>
    fieldError(f) ? { "aria-invalid": true, "aria-describedby": `login-${f}-error` } : {};
  const fieldMessage = (f: (typeof LOGIN_FIELDS)[number]) =>
    fieldError(f) ? (
      <span id={`login-${f}-error`} className="field-error" role="alert">
        {fieldError(f)}
      </span>
    ) : null;
  return (
    <form className="card login" onSubmit={submit} aria-label={t("login.title")}>
      <h1>{t("login.title")}</h1>
      <label>
        {t("login.email")}
        <input
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          {...fieldProps("email")}
        />
      </label>
      {fieldMessage("email")}
      <label>
        {t("login.password")}
        <input
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          {...fieldProps("password")}
        />
      </label>
      {fieldMessage("password")}
      {!onFields && <ErrorBox error={login.error} />}
      <button type="submit" disabled={login.isPending}>
        {login.isPending ? t("common.working") : t("login.submit")}
      </button>
      {demoHint && <p className="hint">{t("login.demoHint")}</p>}
    </form>
  );
}
