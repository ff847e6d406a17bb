/**
 * Running rounds (the province's own administration; the ministry for "vn"): what a new round can pin (the
 * published versions of the tenant's own sets and of the national ones, the administrative maps), and the
 * mutations that open, edit, close and reopen a round and extend one unit's deadline (result unions, see `unwrap`).
 */
import { queryOptions } from "@tanstack/react-query";
import { ErrorFields, graphql, request, type ResultOf } from "@cds/ui";
import { NATIONAL_TENANT } from "./access.ts";

const SetChoiceFields = graphql(`
  fragment AdminRoundSetChoice on CriteriaSet @_unmask {
    id
    code
    title
    unitKind
    tenant {
      code
      name
    }
    versions {
      id
      status
      version
      title
      judgedBy
      unitKind
      decisionNumber
      decisionDate
    }
  }
`);

export const OpenRoundChoicesQuery = graphql(
  `
    query AdminOpenRoundChoices($tenant: String!, $national: String!) {
      own: criteriaSets(tenant: $tenant) {
        ...AdminRoundSetChoice
      }
      national: criteriaSets(tenant: $national) {
        ...AdminRoundSetChoice
      }
      adminMaps {
        id
        name
        validFrom
        validTo
        kinds
      }
    }
  `,
  [SetChoiceFields],
);

export type OpenRoundChoices = ResultOf<typeof OpenRoundChoicesQuery>;
export type SetChoice = OpenRoundChoices["own"][number];
export type MapChoice = OpenRoundChoices["adminMaps"][number];

export const openRoundChoicesOptions = (tenant: string) =>
  queryOptions({
    queryKey: ["openRoundChoices", tenant],
    queryFn: ({ signal }) => request(OpenRoundChoicesQuery, { tenant, national: NATIONAL_TENANT }, signal),
  });

/** What a round mutation returns: enough to select the round afterwards (the list is read again). */
const ChangedRound = graphql(`
  fragment AdminChangedRound on Round @_unmask {
    id
    year
    name
    registerDueAt
    submitDueAt
    reviewDueAt
    latePolicy
    closedAt
  }
`);

export const OpenRoundMutation = graphql(
  `
    mutation AdminOpenRound(
      $tenantId: String!
      $year: Int!
      $setVersionId: ID!
      $name: String
      $registerDueAt: Date
      $submitDueAt: Date!
      $reviewDueAt: Date!
      $latePolicy: LatePolicy
      $mapId: String
    ) {
      openRound(
        tenantId: $tenantId
        year: $year
        setVersionId: $setVersionId
        name: $name
        registerDueAt: $registerDueAt
        submitDueAt: $submitDueAt
        reviewDueAt: $reviewDueAt
        latePolicy: $latePolicy
        mapId: $mapId
      ) {
        __typename
        ...ErrorFields
        ... on MutationOpenRoundSuccess {
          data {
            ...AdminChangedRound
          }
        }
      }
    }
  `,
  [ErrorFields, ChangedRound],
);

export const UpdateRoundMutation = graphql(
  `
    mutation AdminUpdateRound(
      $roundId: ID!
      $name: String
      $registerDueAt: Date
      $submitDueAt: Date
      $reviewDueAt: Date
      $latePolicy: LatePolicy
    ) {
      updateRound(
        roundId: $roundId
        name: $name
        registerDueAt: $registerDueAt
        submitDueAt: $submitDueAt
        reviewDueAt: $reviewDueAt
        latePolicy: $latePolicy
      ) {
        __typename
        ...ErrorFields
        ... on MutationUpdateRoundSuccess {
          data {
            ...AdminChangedRound
          }
        }
      }
    }
  `,
  [ErrorFields, ChangedRound],
);

export const CloseRoundMutation = graphql(
  `
    mutation AdminCloseRound($roundId: ID!, $closed: Boolean!) {
      closeRound(roundId: $roundId, closed: $closed) {
        __typename
        ...ErrorFields
        ... on MutationCloseRoundSuccess {
          data {
            ...AdminChangedRound
          }
        }
      }
    }
  `,
  [ErrorFields, ChangedRound],
);

export const ExtendDeadlineMutation = graphql(
  `
    mutation AdminExtendDeadline($assessmentId: ID!, $dueAt: Date!, $reason: String!) {
      extendDeadline(assessmentId: $assessmentId, dueAt: $dueAt, reason: $reason) {
        __typename
        ...ErrorFields
        ... on MutationExtendDeadlineSuccess {
          data {
            id
            late
            submitDeadline {
              date
              daysLeft
              state
            }
          }
        }
      }
    }
  `,
  [ErrorFields],
);

export type LatePolicy = "FLAG" | "REFUSE";
