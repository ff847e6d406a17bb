/** What the criteria-set screens ask the API: typed documents and one query-options factory per entity. */
import { queryOptions } from "@tanstack/react-query";
import type { VersionRef } from "./CloneChoiceDialog.tsx";
import {
  CriteriaSetFields,
  ErrorFields,
  graphql,
  SetVersionSummaryFields,
  request,
  unwrap,
  type Me,
  type ResultOf,
} from "@cds/ui";

// ---- queries ----

const SetsQuery = graphql(
  `
    query CriteriaSets {
      criteriaSets {
        ...CriteriaSetFields
        versions {
          ...SetVersionSummaryFields
          updatedAt
          basedOn {
            id
            version
            set {
              code
              title
            }
          }
        }
      }
      unitKinds {
        code
        name
        nameEn
      }
    }
  `,
  [CriteriaSetFields, SetVersionSummaryFields],
);

export type SetsData = ResultOf<typeof SetsQuery>;
export type SetRow = SetsData["criteriaSets"][number];
export type VersionRow = SetRow["versions"][number];

const VersionQuery = graphql(
  `
    query CriteriaSetVersion($id: ID!) {
      criteriaSetVersion(id: $id) {
        ... on CriteriaSetVersion {
          id
          version
          status
          allowedActions
          title
          unitKind
          revision
          document
          decisionNumber
          decisionDate
          publishedAt
          updatedAt
          issues {
            code
            pointer
            path
            message
            messageEn
          }
          set {
            ...CriteriaSetFields
            versions {
              ... on CriteriaSetVersion {
                id
                version
                status
              }
            }
          }
          basedOn {
            ... on CriteriaSetVersion {
              id
              version
              status
              document
              set {
                code
                title
              }
            }
          }
        }
      }
    }
  `,
  [CriteriaSetFields],
);

export type VersionData = ResultOf<typeof VersionQuery>["criteriaSetVersion"];

const RoundsQuery = graphql(`
  query SetRounds($tenant: String) {
    rounds(tenant: $tenant) {
      id
      name
      year
      unitKind
      setVersion {
        id
        version
        set {
          code
        }
      }
    }
  }
`);

export type RoundRow = ResultOf<typeof RoundsQuery>["rounds"][number];

const ImpactQuery = graphql(`
  query ImpactPreview($versionId: ID!, $roundId: ID!) {
    impactPreview(versionId: $versionId, roundId: $roundId) {
      units
      current
      draft
      up
      down
      moved {
        assessmentId
        unitName
        current
        draft
      }
      scored
      maxScore
      rankChanged
      scoreChanges {
        assessmentId
        unitName
        group
        groupName
        currentScore
        currentScoreText
        currentRank
        draftScore
        draftScoreText
        draftRank
        unreadable
      }
    }
  }
`);

export type ImpactData = ResultOf<typeof ImpactQuery>["impactPreview"];

export const setsKeys = {
  all: ["criteria-sets"] as const,
  version: (id: string) => ["criteria-sets", "version", id] as const,
};

export const setsQuery = () =>
  queryOptions({ queryKey: setsKeys.all, queryFn: ({ signal }) => request(SetsQuery, {}, signal) });

export const versionQuery = (id: string) =>
  queryOptions({
    queryKey: setsKeys.version(id),
    queryFn: ({ signal }) => request(VersionQuery, { id }, signal).then((r) => r.criteriaSetVersion),
  });

export const roundsQuery = (tenant: string) =>
  queryOptions({
    queryKey: ["rounds", tenant] as const,
    queryFn: ({ signal }) => request(RoundsQuery, { tenant }, signal).then((r) => r.rounds),
  });

/** Keyed by the draft's revision: a save makes a new preview. */
export const impactQuery = (versionId: string, roundId: string, revision: number) =>
  queryOptions({
    queryKey: ["criteria-sets", "impact", versionId, roundId, revision] as const,
    queryFn: ({ signal }) => request(ImpactQuery, { versionId, roundId }, signal).then((r) => r.impactPreview),
    staleTime: 5 * 60_000,
  });

// ---- mutations ----

const CloneMutation = graphql(
  `
    mutation CloneCriteriaSet($sourceVersionId: ID!, $tenantId: String!, $startOver: Boolean) {
      cloneCriteriaSet(sourceVersionId: $sourceVersionId, tenantId: $tenantId, startOver: $startOver) {
        __typename
        ...ErrorFields
        ... on MutationCloneCriteriaSetSuccess {
          data {
            id
            version
            set {
              code
            }
          }
        }
      }
    }
  `,
  [ErrorFields],
);

const UpdateMutation = graphql(
  `
    mutation UpdateCriteriaSetDraft($versionId: ID!, $document: JSON!, $revision: Int!) {
      updateCriteriaSetDraft(versionId: $versionId, document: $document, revision: $revision) {
        __typename
        ...ErrorFields
        ... on MutationUpdateCriteriaSetDraftSuccess {
          data {
            id
            revision
            updatedAt
            document
          }
        }
      }
    }
  `,
  [ErrorFields],
);

const PublishMutation = graphql(
  `
    mutation PublishCriteriaSetVersion($versionId: ID!, $decisionNumber: String!, $decisionDate: Date!) {
      publishCriteriaSetVersion(versionId: $versionId, decisionNumber: $decisionNumber, decisionDate: $decisionDate) {
        __typename
        ...ErrorFields
        ... on MutationPublishCriteriaSetVersionSuccess {
          data {
            id
            status
            decisionNumber
            decisionDate
            publishedAt
          }
        }
      }
    }
  `,
  [ErrorFields],
);

type Unwrappable = Parameters<typeof unwrap>[0];

/** `startOver`: "Bắt đầu lại từ bộ tiêu chí quốc gia" into a set that already has a published version (the API refuses it otherwise). */
export async function cloneVersion(sourceVersionId: string, tenantId: string, startOver = false) {
  const r = await request(CloneMutation, { sourceVersionId, tenantId, ...(startOver ? { startOver } : {}) });
  return unwrap(r.cloneCriteriaSet as Unwrappable) as { id: string; version: string; set: { code: string } };
}

export async function saveDraft(versionId: string, document: unknown, revision: number) {
  const r = await request(UpdateMutation, { versionId, document, revision });
  return unwrap(r.updateCriteriaSetDraft as Unwrappable) as {
    id: string;
    revision: number;
    updatedAt: string;
    document: unknown;
  };
}

export async function publishVersion(versionId: string, decisionNumber: string, decisionDate: string) {
  const r = await request(PublishMutation, { versionId, decisionNumber, decisionDate });
  return unwrap(r.publishCriteriaSetVersion as Unwrappable) as { id: string; status: string };
}

/** The editor's address for a version (its relay id, URL-encoded). */
export function versionHref(id: string): string {
  return `/sets/${encodeURIComponent(id)}`;
}

/** The tenant's own set for a unit kind and its version in the given status, if it has one. */
function ownVersion(data: SetsData, tenantCode: string, unitKind: string, status: VersionRow["status"]) {
  for (const set of data.criteriaSets) {
    if (set.tenant.code !== tenantCode || set.unitKind !== unitKind) continue;
    const version = set.versions.find((x) => x.status === status);
    if (version) return { set, version };
  }
  return null;
}

/** The draft that blocks a clone into a tenant: its set for that unit kind already has one (the API allows one draft per set). */
export function blockingDraft(
  data: SetsData,
  tenantCode: string,
  unitKind: string,
): { set: SetRow; version: VersionRow } | null {
  return ownVersion(data, tenantCode, unitKind, "DRAFT");
}

/** The tenant's own set for a unit kind and its version in force (published), if it has one: what a new version should start from. */
export function ownCurrentVersion(data: SetsData, tenantCode: string, unitKind: string): VersionRef | null {
  const own = ownVersion(data, tenantCode, unitKind, "PUBLISHED");
  return own ? { id: own.version.id, version: own.version.version, setCode: own.set.code } : null;
}

// ---- who may do what: the API's capabilities (a version's own actions come as `allowedActions`) ----

/** Whether the user runs the sets of this tenant: clones, edits and publishes them. */
export function canManageSets(me: Me, tenantId: string): boolean {
  return me.capabilities.manageSets && me.capabilities.ownTenant === tenantId;
}

/**
 * Where a national framework of `tenant` may be cloned to by this user: their own province
 * (with its name), when they manage its sets; null for anyone else and for the ministry's own sets.
 */
export function cloneTarget(
  me: Me,
  tenant: { kind: string; code: string },
): { tenantId: string; tenantName: string } | null {
  const target = me.capabilities.ownTenant;
  if (tenant.kind !== "MINISTRY" || !target || target === tenant.code || !canManageSets(me, target)) return null;
  return { tenantId: target, tenantName: me.roles.find((r) => r.tenantId === target)?.unit?.name ?? target };
}
