/**
 * One assessment under review and the review mutations (result unions, see `unwrap`).
 * The rounds and their lists are in rounds-queries.ts.
 */
import { queryOptions } from "@tanstack/react-query";
import { AssessmentFields, ErrorFields, graphql, request, UnitLineageFields, type ResultOf } from "@cds/ui";

export const AssessmentQuery = graphql(
  `
    query AdminAssessment($id: ID!) {
      assessment(id: $id) {
        ...AssessmentFields
        recognisedAt
        unit {
          ...UnitLineageFields
        }
        round {
          id
          name
          year
          unitKind
          submitDueAt
          reviewDueAt
        }
        setVersion {
          id
          title
          version
          decisionNumber
          decisionDate
          criteria {
            code
            group
            name
            measure
            unit
            targetLabels
            exemptWhenNoSubjects
            local
          }
        }
        history {
          id
          at
          action
          actorId
          actorKind
          before
          after
        }
        gaps {
          code
          name
          level
          status
          current
          target
          message
          messageEn
        }
      }
    }
  `,
  [AssessmentFields, UnitLineageFields],
);

export type AssessmentDetail = ResultOf<typeof AssessmentQuery>["assessment"];
export type CriterionRow = AssessmentDetail["setVersion"]["criteria"][number];

export const assessmentOptions = (id: string) =>
  queryOptions({
    queryKey: ["assessment", id],
    queryFn: ({ signal }) => request(AssessmentQuery, { id }, signal).then((r) => r.assessment),
  });

/** What a review action returns: the assessment's new status and version. */
const ReviewedAssessment = graphql(`
  fragment ReviewedAssessment on Assessment @_unmask {
    id
    status
    version
  }
`);

export const ReturnMutation = graphql(
  `
    mutation AdminReturn($assessmentId: ID!, $version: Int!, $comments: [ReviewCommentInput!]!) {
      returnAssessment(assessmentId: $assessmentId, version: $version, comments: $comments) {
        __typename
        ...ErrorFields
        ... on MutationReturnAssessmentSuccess {
          data {
            ...ReviewedAssessment
          }
        }
      }
    }
  `,
  [ErrorFields, ReviewedAssessment],
);

export const VerifyValueMutation = graphql(
  `
    mutation AdminVerifyValue(
      $assessmentId: ID!
      $version: Int!
      $criterionCode: String!
      $value: JSON
      $comment: String
    ) {
      verifyIndicatorValue(
        assessmentId: $assessmentId
        version: $version
        criterionCode: $criterionCode
        value: $value
        comment: $comment
      ) {
        __typename
        ...ErrorFields
        ... on MutationVerifyIndicatorValueSuccess {
          data {
            ...ReviewedAssessment
          }
        }
      }
    }
  `,
  [ErrorFields, ReviewedAssessment],
);

export const VerifyMutation = graphql(
  `
    mutation AdminVerify($assessmentId: ID!, $version: Int!) {
      verifyAssessment(assessmentId: $assessmentId, version: $version) {
        __typename
        ...ErrorFields
        ... on MutationVerifyAssessmentSuccess {
          data {
            ...ReviewedAssessment
          }
        }
      }
    }
  `,
  [ErrorFields, ReviewedAssessment],
);

export const AppraiseMutation = graphql(
  `
    mutation AdminAppraise($assessmentId: ID!, $version: Int!, $level: Int) {
      appraiseAssessment(assessmentId: $assessmentId, version: $version, level: $level) {
        __typename
        ...ErrorFields
        ... on MutationAppraiseAssessmentSuccess {
          data {
            ...ReviewedAssessment
          }
        }
      }
    }
  `,
  [ErrorFields, ReviewedAssessment],
);

export const RecogniseMutation = graphql(
  `
    mutation AdminRecognise($assessmentId: ID!, $version: Int!, $decisionNumber: String!, $decisionDate: Date!) {
      recogniseAssessment(
        assessmentId: $assessmentId
        version: $version
        decisionNumber: $decisionNumber
        decisionDate: $decisionDate
      ) {
        __typename
        ...ErrorFields
        ... on MutationRecogniseAssessmentSuccess {
          data {
            ...ReviewedAssessment
          }
        }
      }
    }
  `,
  [ErrorFields, ReviewedAssessment],
);
