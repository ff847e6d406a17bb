/**
 * The GraphQL client of the web apps: documents typed from apps/api/schema.graphql
 * (gql.tada), same-origin session cookie, the CSRF token on every request, and
 * one error type for everything the API refuses.
 */
import { initGraphQLTada, type ResultOf, type VariablesOf, type TadaDocumentNode } from "gql.tada";
import { print } from "@0no-co/graphql.web";
import type { introspection } from "./graphql-env.d.ts";

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; Date: string; JSON: unknown; File: File; ID: string };
}>();

export type { ResultOf, VariablesOf };

/**
 * The one selection of everything the API can refuse with: spread `...ErrorFields` in a mutation's
 * result union (pass `[ErrorFields]` as the document's fragments) and `unwrap` turns it into an ApiError.
 */
export const ErrorFields = graphql(`
  fragment ErrorFields on Error @_unmask {
    code
    message
    messageEn
    ... on ConflictError {
      currentVersion
    }
    ... on InputError {
      issues {
        field
        message
        messageEn
      }
    }
    ... on InvalidValuesError {
      issues {
        criterion
        field
        message
        messageEn
      }
    }
    ... on InvalidSetError {
      issues {
        pointer
        message
        messageEn
      }
    }
  }
`);

export interface ApiIssue {
  field?: string;
  pointer?: string;
  criterion?: string;
  message: string;
  messageEn: string;
}

/** Anything the API refused: a coded error with messages in both languages and, where given, the fields at fault. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly code: string,
    message: string,
    readonly messageEn: string,
    readonly issues: ApiIssue[] = [],
    readonly currentVersion?: number,
  ) {
    super(message);
  }
}

const CSRF_KEY = "cds.csrf";
let endpoint = "/graphql";

export function configureEndpoint(url: string): void {
  endpoint = url;
}
export function setCsrfToken(token: string | null): void {
  if (token) sessionStorage.setItem(CSRF_KEY, token);
  else sessionStorage.removeItem(CSRF_KEY);
}
export function csrfToken(): string | null {
  return sessionStorage.getItem(CSRF_KEY);
}

interface RawResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; messageEn?: string } }[];
}

async function send(body: BodyInit, headers: Record<string, string>, signal?: AbortSignal): Promise<RawResult> {
  const token = csrfToken();
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: { ...headers, ...(token ? { "x-csrf-token": token } : {}) },
      body,
      signal,
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError("NETWORK", "Mất kết nối tới máy chủ", "Cannot reach the server");
  }
  const json = (await res.json().catch(() => ({}))) as RawResult;
  if (json.errors?.length) {
    const e = json.errors[0]!;
    throw new ApiError(e.extensions?.code ?? "ERROR", e.message, e.extensions?.messageEn ?? e.message);
  }
  if (!res.ok) throw new ApiError(`HTTP_${res.status}`, `Lỗi máy chủ (${res.status})`, `Server error (${res.status})`);
  return json;
}

/** Runs a typed query or mutation. */
export async function request<R, V>(doc: TadaDocumentNode<R, V>, variables: V, signal?: AbortSignal): Promise<R> {
  const json = await send(
    JSON.stringify({ query: print(doc), variables }),
    { "content-type": "application/json" },
    signal,
  );
  return json.data as R;
}

/** A GraphQL multipart request with one file in variable `file`, with upload progress (0–1). */
export function upload<R, V>(
  doc: TadaDocumentNode<R, V>,
  variables: V,
  file: File,
  onProgress?: (p: number) => void,
): Promise<R> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.set("operations", JSON.stringify({ query: print(doc), variables: { ...(variables as object), file: null } }));
    form.set("map", JSON.stringify({ "0": ["variables.file"] }));
    form.set("0", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", endpoint);
    xhr.withCredentials = true;
    xhr.setRequestHeader("graphql-require-preflight", "1");
    const token = csrfToken();
    if (token) xhr.setRequestHeader("x-csrf-token", token);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError("NETWORK", "Mất kết nối tới máy chủ", "Cannot reach the server"));
    xhr.onload = () => {
      try {
        const json = JSON.parse(xhr.responseText) as RawResult;
        if (json.errors?.length) {
          const e = json.errors[0]!;
          reject(new ApiError(e.extensions?.code ?? "ERROR", e.message, e.extensions?.messageEn ?? e.message));
        } else resolve(json.data as R);
      } catch {
        reject(new ApiError(`HTTP_${xhr.status}`, `Lỗi máy chủ (${xhr.status})`, `Server error (${xhr.status})`));
      }
    };
    xhr.send(form);
  });
}

interface ErrorFields {
  code?: string;
  message?: string;
  messageEn?: string;
  issues?: ApiIssue[];
  currentVersion?: number;
}

/** The data of the `…Success` member of a mutation's result union. */
export type SuccessData<T> = T extends { __typename: `${string}Success`; data: infer D } ? D : never;

/**
 * A mutation's result union → its data, or an ApiError carrying the code, the
 * messages and the fields at fault. Select `__typename` and `...ErrorFields` in the document.
 */
export function unwrap<T extends { __typename: string }>(result: T): SuccessData<T> {
  const r = result as T & ErrorFields & { data?: unknown };
  if (r.__typename.endsWith("Success")) return r.data as SuccessData<T>;
  throw new ApiError(
    r.code ?? r.__typename,
    r.message ?? r.__typename,
    r.messageEn ?? r.__typename,
    r.issues ?? [],
    r.currentVersion,
  );
}
