/** What "Cập nhật theo khung quốc gia mới" (rebase) asks the API: where a version stands, the preview, the rebase. */
import { queryOptions } from "@tanstack/react-query";
import { ErrorFields, graphql, request, unwrap, type ResultOf } from "@cds/ui";

const NationalUpdateQuery = graphql(`
  query NationalUpdate($versionId: ID!) {
    nationalUpdate(versionId: $versionId) {
      available
      canRebase
      descendsFrom {
        id
        version
      }
      latest {
        id
        version
        decisionNumber
        set {
          code
        }
      }
    }
  }
`);

export type NationalUpdateData = NonNullable<ResultOf<typeof NationalUpdateQuery>["nationalUpdate"]>;

const RebasePreviewQuery = graphql(`
  query RebasePreview($versionId: ID!, $ontoVersionId: ID!) {
    rebasePreview(versionId: $versionId, ontoVersionId: $ontoVersionId) {
      base {
        id
        version
      }
      onto {
        id
        version
        document
      }
      applied {
        key
        section
        code
        kind
        message
        messageEn
      }
      kept {
        key
        section
        code
        kind
        message
        messageEn
      }
      conflicts {
        key
        path
        section
        code
        kind
        base
        ours
        theirs
        message
        messageEn
      }
      issues {
        pointer
        message
        messageEn
      }
    }
  }
`);

export type RebasePreviewData = ResultOf<typeof RebasePreviewQuery>["rebasePreview"];
export type RebaseConflictData = RebasePreviewData["conflicts"][number];
export type RebaseChangeData = RebasePreviewData["applied"][number];

const RebaseMutation = graphql(
  `
    mutation RebaseVersion($input: RebaseVersionInput!) {
      rebaseVersion(input: $input) {
        __typename
        ...ErrorFields
        ... on MutationRebaseVersionSuccess {
          data {
            id
            version
            status
          }
        }
      }
    }
  `,
  [ErrorFields],
);

export const rebaseKeys = {
  update: (versionId: string) => ["criteria-sets", "national-update", versionId] as const,
  preview: (versionId: string, ontoVersionId: string) =>
    ["criteria-sets", "rebase-preview", versionId, ontoVersionId] as const,
};

export const nationalUpdateQuery = (versionId: string) =>
  queryOptions({
    queryKey: rebaseKeys.update(versionId),
    queryFn: ({ signal }) => request(NationalUpdateQuery, { versionId }, signal).then((r) => r.nationalUpdate),
  });

export const rebasePreviewQuery = (versionId: string, ontoVersionId: string) =>
  queryOptions({
    queryKey: rebaseKeys.preview(versionId, ontoVersionId),
    queryFn: ({ signal }) =>
      request(RebasePreviewQuery, { versionId, ontoVersionId }, signal).then((r) => r.rebasePreview),
  });

export type RebaseChoice = "OURS" | "THEIRS";

type Unwrappable = Parameters<typeof unwrap>[0];

/** Rebases with a choice per conflict; a draft is rebased in place (its revision), a published version into a new draft. */
export async function rebaseVersion(input: {
  versionId: string;
  ontoVersionId: string;
  decisions: { key: string; choice: RebaseChoice }[];
  revision?: number;
}) {
  const r = await request(RebaseMutation, { input });
  return unwrap(r.rebaseVersion as Unwrappable) as { id: string; version: string; status: string };
}
