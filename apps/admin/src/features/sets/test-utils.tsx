/**
 * What the criteria-set component tests share: a province admin, a draft
 * cloned from the national district framework, a fetch that answers the
 * GraphQL operations the screens send (and records them), and stand-ins for
 * the Monaco views.
 */
import { vi } from "vitest";
import { render } from "@testing-library/react";
import { QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { createQueryClient, I18nProvider, type Me } from "@cds/ui";
import { BUILT_IN_SETS, type TCriteriaSet } from "@cds/criteria-schema";
import { catalogs } from "../../messages.ts";
import type { EditorComponents } from "./editor-types.ts";

export const provinceAdmin: Me = {
  id: "u1",
  name: "Sở TT&TT Ninh Bình",
  email: "so@ninhbinh.gov.vn",
  roles: [
    {
      role: "PROVINCE_ADMIN",
      tenantId: "ninh-binh",
      unit: { id: "unit-37", code: "37", name: "Tỉnh Ninh Bình", path: "37" },
    },
  ],
} as Me;

export const national = BUILT_IN_SETS["vn-2361-district"]!;

export function draftDocument(): TCriteriaSet {
  return structuredClone({
    ...national,
    id: "ninh-binh-district",
    version: "1.0",
    title: "Bộ tiêu chí đánh giá mức độ chuyển đổi số cấp huyện — Ninh Bình",
    issuer: { tenant: "ninh-binh", name: "Ủy ban nhân dân tỉnh Ninh Bình" },
    basedOn: { id: national.id, version: national.version },
  });
}

export const DRAFT_ID = "Q3JpdGVyaWFTZXRWZXJzaW9uOmRyYWZ0";

export function versionData(document: unknown = draftDocument(), status = "DRAFT") {
  return {
    id: DRAFT_ID,
    version: "1.0",
    status,
    title: "Bộ tiêu chí đánh giá mức độ chuyển đổi số cấp huyện — Ninh Bình",
    unitKind: "district",
    revision: 3,
    document,
    decisionNumber: status === "DRAFT" ? null : "215/QĐ-UBND",
    decisionDate: status === "DRAFT" ? null : "2025-02-14",
    publishedAt: null,
    updatedAt: "2025-03-01T02:00:00.000Z",
    issues: [],
    set: {
      id: "Q3JpdGVyaWFTZXQ6bmluaC1iaW5oLWRpc3RyaWN0",
      code: "ninh-binh-district",
      title: "Bộ tiêu chí cấp huyện — Ninh Bình",
      unitKind: "district",
      tenant: { id: "VGVuYW50Om5pbmgtYmluaA==", code: "ninh-binh", name: "Ninh Bình", kind: "PROVINCE" },
      versions: [{ id: DRAFT_ID, version: "1.0", status }],
    },
    basedOn: {
      id: "base",
      version: "1.0",
      status: "PUBLISHED",
      document: national,
      set: { code: "vn-2361-district", title: national.title },
    },
  };
}

export interface SentOperation {
  query: string;
  variables: Record<string, unknown>;
}

/** A fetch that answers by operation name; `answers` maps an operation name to its `data` (or a function of the variables). */
export function mockGraphql(answers: Record<string, unknown | ((vars: Record<string, unknown>) => unknown)>) {
  const sent: SentOperation[] = [];
  const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as SentOperation;
    sent.push(body);
    const name = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? "";
    const answer = answers[name];
    if (answer === undefined)
      return new Response(JSON.stringify({ errors: [{ message: `unmocked ${name}` }] }), { status: 200 });
    const data =
      typeof answer === "function" ? (answer as (v: Record<string, unknown>) => unknown)(body.variables) : answer;
    return new Response(JSON.stringify({ data }), { status: 200, headers: { "content-type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetchMock);
  return {
    sent,
    fetchMock,
    byName: (name: string) => sent.filter((s) => new RegExp(`(query|mutation)\\s+${name}\\b`).test(s.query)),
  };
}

/** Stand-ins for the Monaco views: a labelled textarea on the same text, and nothing for the text diff. */
export const stubEditors: EditorComponents = {
  JsonEditor: ({ text, onChange, readOnly }) => (
    <textarea aria-label="JSON" value={text} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} />
  ),
  TextDiff: () => <div data-testid="text-diff" />,
};

export function renderWithProviders(ui: ReactNode) {
  const client = createQueryClient({ test: true });
  return render(
    <QueryClientProvider client={client}>
      <I18nProvider catalogs={catalogs}>{ui}</I18nProvider>
    </QueryClientProvider>,
  );
}
