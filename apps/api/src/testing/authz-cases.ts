/**
 * Helpers for the authorization matrix (src/authz.test.ts): clients with full
 * control over the session cookie, the CSRF token and API keys, and the one
 * rule that says whether a GraphQL result is a refusal.
 */
import { multipartForm, type Client, type GqlResult, type TestApi } from "./harness.ts";

export type Expect = "allow" | "deny";

/** Error result types (mutations) that count as a refusal. */
export const REFUSAL_TYPES = new Set(["ForbiddenError", "UnauthenticatedError", "NotFoundError"]);
/** extensions.code of query errors that count as a refusal. */
export const REFUSAL_CODES = new Set(["FORBIDDEN", "NOT_FOUND", "UNAUTHENTICATED"]);

/**
 * A client that sends exactly the given cookie / CSRF token (none when null),
 * or, with `apiKeys`, one of those keys per request in turn (the test harness
 * limits every key to 5 requests a minute).
 */
export function rawClient(
  api: TestApi,
  init: { cookie?: string | null; csrf?: string | null; apiKeys?: string[] },
): Client {
  let turn = 0;
  const keyHeader = (): Record<string, string> => {
    if (!init.apiKeys?.length) return {};
    const key = init.apiKeys[turn++ % init.apiKeys.length]!;
    return { "x-api-key": key };
  };
  const base = (): Record<string, string> => ({
    ...(c.cookie ? { cookie: c.cookie } : {}),
    ...(c.csrf ? { "x-csrf-token": c.csrf } : {}),
    ...keyHeader(),
  });
  const c: Client = {
    cookie: init.cookie ?? null,
    csrf: init.csrf ?? null,
    async gql(query, variables = {}, headers = {}) {
      const res = await api.platform.app.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", ...base(), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { ...((await res.json()) as object), status: res.status };
    },
    async upload(query, variables, file) {
      const form = multipartForm(query, variables, file);
      // A platform Request, so the server sees the platform's File (yoga's own Request would carry its ponyfill File).
      const req = new Request("http://localhost/graphql", {
        method: "POST",
        headers: { ...base(), "graphql-require-preflight": "1" },
        body: form,
      });
      const res = await api.platform.app.fetch(req);
      return { ...((await res.json()) as object), status: res.status };
    },
  };
  return c;
}

export interface Outcome {
  outcome: Expect | "other";
  /** What came back, for the failure message. */
  detail: string;
}

function topLevelRefusal(r: GqlResult): string | null {
  const code = r.errors?.[0]?.extensions?.code;
  return code && REFUSAL_CODES.has(code) ? code : null;
}

/** A mutation selected as `r: someMutation(...) { __typename ... on Error { code messageEn } }`. */
export function mutationOutcome(
  r: GqlResult<{ r?: { __typename: string; code?: string; messageEn?: string } | null }>,
): Outcome {
  const refusedTop = topLevelRefusal(r);
  if (refusedTop) return { outcome: "deny", detail: `error ${refusedTop}: ${r.errors![0]!.message}` };
  if (r.errors?.length) return { outcome: "other", detail: `errors ${JSON.stringify(r.errors)}` };
  const t = r.data?.r?.__typename ?? "(no result)";
  const detail = `${t}${r.data?.r?.messageEn ? `: ${r.data.r.messageEn}` : ""}`;
  if (REFUSAL_TYPES.has(t)) return { outcome: "deny", detail };
  if (t.endsWith("Success")) return { outcome: "allow", detail };
  return { outcome: "other", detail };
}

/**
 * A query: refused when it fails with a refusal code; allowed when it returns
 * data that `granted` accepts (e.g. a non-empty list); "deny" also when the
 * data came back but `granted` says it holds nothing non-public.
 */
export function queryOutcome<T>(r: GqlResult<T>, granted: (data: T) => boolean): Outcome {
  const refusedTop = topLevelRefusal(r as GqlResult);
  if (refusedTop) return { outcome: "deny", detail: `error ${refusedTop}` };
  if (r.errors?.length || !r.data) return { outcome: "other", detail: `errors ${JSON.stringify(r.errors)}` };
  return granted(r.data)
    ? { outcome: "allow", detail: "data returned" }
    : { outcome: "deny", detail: "empty/filtered" };
}

/** Relay global id, as the API hands them out (`node(id)` takes only these). */
export const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

/** A tiny valid PDF, for evidence uploads. */
export function pdfFile(name = "minh-chung.pdf"): File {
  const body = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  return new File([body], name, { type: "application/pdf" });
}
