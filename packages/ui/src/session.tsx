/** Who is signed in: the `me` query, sign-in (keeps the CSRF token), sign-out. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { graphql, request, setCsrfToken, unwrap, type ResultOf } from "./graphql.ts";
import { useI18n } from "./i18n.tsx";
import { ErrorBox } from "./components/feedback.tsx";

export const MeQuery = graphql(`
  query Me {
    me {
      id
      name
      email
      roles {
        role
        tenantId
        unit { id code name path kind { code } }
      }
    }
  }
`);

export type Me = NonNullable<ResultOf<typeof MeQuery>["me"]>;

const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ... on MutationLoginSuccess { data { csrfToken } }
      ... on Error { code message messageEn }
      ... on InputError { issues { field message messageEn } }
    }
  }
`);

const LogoutMutation = graphql(`
  mutation Logout {
    logout {
      __typename
      ... on Error { code message messageEn }
    }
  }
`);

export const meQueryOptions = { queryKey: ["me"] as const, queryFn: () => request(MeQuery, {}).then((r) => r.me) };

export function useMe() {
  return useQuery(meQueryOptions);
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await request(LogoutMutation, {}).catch(() => undefined);
      setCsrfToken(null);
    },
    onSuccess: () => qc.clear(),
  });
}

export function LoginForm({ demoHint }: { demoHint?: boolean }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const login = useMutation({
    mutationFn: async () => {
      const r = await request(LoginMutation, { email, password });
      setCsrfToken(unwrap(r.login).csrfToken);
    },
    onSuccess: () => qc.invalidateQueries(),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  return (
    <form className="card login" onSubmit={submit} aria-label={t("login.title")}>
      <h1>{t("login.title")}</h1>
      <label>
        {t("login.email")}
        <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        {t("login.password")}
        <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <ErrorBox error={login.error} />
      <button type="submit" disabled={login.isPending}>
        {login.isPending ? t("common.working") : t("login.submit")}
      </button>
      {demoHint && <p className="hint">{t("login.demoHint")}</p>}
    </form>
  );
}
