/**
 * One assessment under review and the review mutations (result unions, see `unwrap`).
 * The rounds and their lists are in rounds-queries.ts.
 */
import { queryOptions } from "@tanstack/react-query";
import {
  AssessmentFields,
  ErrorFields,
  graphql,
  request,
  ScoreFields,
  UnitLineageFields,
  type ResultOf,
} from "@cds/ui";

export const AssessmentQuery = graphql(
  `
    query AdminAssessment($id: ID!) {
      assessment(id: $id) {
        ...AssessmentFields
        recognisedAt
        late
        submitDeadline {
          date
        }
        extensions {
          id
          dueAt
          reason
        }
        # The shared fragment's comments do not say which ask for evidence ("Cần bổ sung minh chứng").
        commentFlags: comments {
          id
          needsEvidence
        }
        selfScore {
          ...ScoreFields
        }
        score {
          ...ScoreFields
        }
        finalScore {
          ...ScoreFields
        }
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
          judgedBy
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
      }
    }
  `,
  [AssessmentFields, UnitLineageFields, ScoreFields],
);

/**
 * What a level assessment still misses for its registered level (criteria-core's gaps, via the API).
 * Read apart from the assessment: a scored index has no levels to miss (the API refuses `gaps` there).
 */
export const GapsQuery = graphql(`
  query AdminAssessmentGaps($id: ID!) {
    assessment(id: $id) {
      id
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
`);

export type Gap = ResultOf<typeof GapsQuery>["assessment"]["gaps"][number];

/** Under the assessment's key, so a review action that reloads the assessment reloads its gaps too. */
export const gapsOptions = (id: string) =>
  queryOptions({
    queryKey: ["assessment", id, "gaps"],
    queryFn: ({ signal }) => request(GapsQuery, { id }, signal).then((r) => r.assessment.gaps),
  });

export type AssessmentDetail = ResultOf<typeof AssessmentQuery>["assessment"];
export type CriterionRow = AssessmentDetail["setVersion"]["criteria"][number];
export type ScoreData = NonNullable<AssessmentDetail["score"]>;

export const assessmentOptions = (id: string) =>
  queryOptions({
    queryKey: ["assessment", id],
    queryFn: ({ signal }) => request(AssessmentQuery, { id }, signal).then((r) => r.assessment),
  });

/**
 * The pinned set's document, for a scored index only: the names and rules of its components (the
 * assessment's `setVersion.criteria` lists the 2361 criteria, which a scored index has none of). A
 * published version never changes, so it is read once.
 */
export const ScoredSetQuery = graphql(`
  query AdminScoredSet($id: ID!) {
    criteriaSetVersion(id: $id) {
      id
      document
    }
  }
`);

export const scoredSetOptions = (versionId: string) =>
  queryOptions({
    queryKey: ["scoredSet", versionId],
    queryFn: ({ signal }) => request(ScoredSetQuery, { id: versionId }, signal).then((r) => r.criteriaSetVersion),
    staleTime: Infinity,
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
