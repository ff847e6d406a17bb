/**
 * The component tests' one stand-in for the API (tests only: not exported from the package's index):
 * a fetch that answers GraphQL operations by name and records every call, and the browser's upload
 * channel (XMLHttpRequest, as `upload()` uses it) answered the same way.
 */
import { vi } from "vitest";

export interface Call {
  operation: string;
  query: string;
  variables: Record<string, unknown>;
}

/** The `data` of an operation, or a function of its variables and of how many times it was called before (throw to lose the connection). */
export type Answer = AnswerFn | Record<string, unknown>;
type AnswerFn = (variables: Record<string, unknown>, n: number) => unknown;

const operationOf = (query: string) => /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "?";

/** Stubs fetch; an operation without an answer fails the test loudly with a GraphQL error. */
export function stubGraphql(answers: Record<string, Answer>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { query: string; variables: Record<string, unknown> };
    const operation = operationOf(body.query);
    const n = calls.filter((c) => c.operation === operation).length;
    calls.push({ operation, query: body.query, variables: body.variables });
    const answer = answers[operation];
    if (answer === undefined)
      return new Response(JSON.stringify({ errors: [{ message: `unmocked ${operation}` }] }), { status: 200 });
    const data = typeof answer === "function" ? await (answer as AnswerFn)(body.variables, n) : answer;
    // An answer may be a whole HTTP response (an error status, a GraphQL error).
    if (data instanceof Response) return data;
    return new Response(JSON.stringify({ data }), { status: 200, headers: { "content-type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock, byName: (name: string) => calls.filter((c) => c.operation === name) };
}

/** Stubs the upload channel: each multipart request is answered with `answer(operations, file)`; returns what was sent. */
export function stubUploads(
  answer: (ops: { query: string; variables: Record<string, unknown> }, file: File) => unknown,
) {
  const sent: { variables: Record<string, unknown>; file: File }[] = [];
  class UploadRequest {
    upload = { onprogress: null as null | ((e: ProgressEvent) => void) };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    status = 200;
    responseText = "";
    open() {}
    setRequestHeader() {}
    send(form: FormData) {
      const ops = JSON.parse(String(form.get("operations"))) as { query: string; variables: Record<string, unknown> };
      const file = form.get("0") as File;
      sent.push({ variables: ops.variables, file });
      this.responseText = JSON.stringify({ data: answer(ops, file) });
      queueMicrotask(() => this.onload?.());
    }
  }
  vi.stubGlobal("XMLHttpRequest", UploadRequest);
  return sent;
}
