/**
 * What the criteria-set component tests share: a province admin, a draft
 * cloned from the national district framework, a fetch that answers the
 * GraphQL operations the screens send (and records them), and stand-ins for
 * the Monaco views.
 */
import type { ReactNode } from "react";
import { BUILT_IN_SETS, builtInSet, type TCriteriaSet } from "@cds/criteria-schema";
import { catalogs } from "../../messages.ts";
import { renderWithProviders as renderWith, stubGraphql } from "@cds/ui/testing";
import type { EditorComponents } from "./editor-types.ts";
import SetEditorPage from "./SetEditorPage.tsx";
import { provinceAdmin } from "../../test-users.ts";

export { provinceAdmin } from "../../test-users.ts";

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
    // What the API allows the province admin with its own set's version.
    allowedActions: status === "DRAFT" ? ["EDIT", "PUBLISH"] : ["CLONE"],
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

/** The commune index template (Bộ chỉ số, judged by points): 8 groups, 1,000 points. */
export const indexTemplate = builtInSet("mau-dti-xa")!;
/** The national provincial DTI 2022: weighted main indices. */
export const provinceDti = builtInSet("vn-dti-province-2022")!;

/** A province's draft of a scored set cloned from a built-in index (the template by default). */
export function scoredDraftDocument(from: TCriteriaSet = indexTemplate, setCode = "ninh-binh-dti-xa"): TCriteriaSet {
  return structuredClone({
    ...from,
    id: setCode,
    version: "2.0",
    title: `${from.title} — Ninh Bình`,
    issuer: { tenant: "ninh-binh", name: "Ủy ban nhân dân tỉnh Ninh Bình" },
    basedOn: { id: from.id, version: from.version },
  });
}

/** The editor's version data for a scored draft (its set fixes the id, unit kind and tenant the checks expect). */
export function scoredVersionData(from: TCriteriaSet = indexTemplate, setCode = "ninh-binh-dti-xa") {
  const document = scoredDraftDocument(from, setCode);
  const v = versionData(document);
  return {
    ...v,
    version: "2.0",
    title: document.title,
    unitKind: from.unitKind,
    set: {
      ...v.set,
      code: setCode,
      title: document.title,
      unitKind: from.unitKind,
      versions: [{ id: DRAFT_ID, version: "2.0", status: "DRAFT" }],
    },
    basedOn: {
      id: "base",
      version: from.version,
      status: "PUBLISHED",
      document: from,
      set: { code: from.id, title: from.title },
    },
  };
}

/** A fetch that answers by operation name; `answers` maps an operation name to its `data` (or a function of the variables). */
export const mockGraphql = stubGraphql;

/** Stand-ins for the Monaco views: a labelled textarea on the same text, and nothing for the text diff. */
export const stubEditors: EditorComponents = {
  JsonEditor: ({ text, onChange, readOnly }) => (
    <textarea aria-label="JSON" value={text} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} />
  ),
  TextDiff: () => <div data-testid="text-diff" />,
};

export function renderWithProviders(ui: ReactNode) {
  return renderWith(ui, catalogs);
}

/**
 * The editor page on the draft `version` as the province admin opens it, the API answering the draft's reads
 * and saves (a save gives back the document sent); the stub's recorded calls.
 */
export function renderDraftEditor(version: unknown = versionData()) {
  const api = mockGraphql({
    CriteriaSetVersion: { criteriaSetVersion: version },
    UpdateCriteriaSetDraft: (vars: Record<string, unknown>) => ({
      updateCriteriaSetDraft: {
        __typename: "MutationUpdateCriteriaSetDraftSuccess",
        data: { id: DRAFT_ID, revision: 4, updatedAt: "2025-03-01T03:00:00.000Z", document: vars.document },
      },
    }),
    CriteriaSets: { criteriaSets: [], unitKinds: [] },
  });
  renderWithProviders(<SetEditorPage me={provinceAdmin} versionId={DRAFT_ID} components={stubEditors} />);
  return api;
}
