/** The assessment documents (typed from apps/api/schema.graphql) and their query options. */
import { queryOptions } from "@tanstack/react-query";
import {
  AssessmentFields,
  ErrorFields,
  EvaluationFields,
  EvidenceFields,
  graphql,
  IndicatorValueFields,
  request,
  ScoreFields,
  type ResultOf,
  UnitLineageFields,
} from "@cds/ui";
import { PinnedSetVersionFields, SubmitProblemFields } from "../../fragments.ts";

/** A scored index's score as the API computes it (criteria-core's `score` of the saved values). */
export type ServerScore = ResultOf<typeof ScoreFields>;

export const AssessmentQuery = graphql(
  `
    query PortalAssessment($id: ID!) {
      assessment(id: $id) {
        ...AssessmentFields
        unit {
          ...UnitLineageFields
        }
        history {
          id
          at
          action
          after
        }
        round {
          id
          name
          year
        }
        submitDeadline {
          date
          daysLeft
          state
        }
        submitProblems {
          ...SubmitProblemFields
        }
        setVersion {
          ...PinnedSetVersionFields
        }
        # The review's comments, with whether they ask for more evidence (a badge on the component).
        comments {
          id
          criterionCode
          body
          createdAt
          needsEvidence
        }
        score {
          ...ScoreFields
        }
        finalScore {
          scoreText
          maxScore
          levelName
        }
      }
    }
  `,
  [AssessmentFields, PinnedSetVersionFields, ScoreFields, SubmitProblemFields, UnitLineageFields],
);

export type AssessmentData = ResultOf<typeof AssessmentQuery>["assessment"];

export const assessmentQuery = (id: string) =>
  queryOptions({
    queryKey: ["assessment", id],
    queryFn: () => request(AssessmentQuery, { id }).then((r) => r.assessment),
  });

export const SaveValuesMutation = graphql(
  `
    mutation PortalSaveValues($assessmentId: ID!, $version: Int!, $values: JSON!, $notes: JSON) {
      saveIndicatorValues(assessmentId: $assessmentId, version: $version, values: $values, notes: $notes) {
        __typename
        ... on MutationSaveIndicatorValuesSuccess {
          data {
            id
            version
            status
            computedLevel
            evaluation {
              ...EvaluationFields
            }
            values {
              ...IndicatorValueFields
            }
            submitProblems {
              ...SubmitProblemFields
            }
            score {
              ...ScoreFields
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields, EvaluationFields, IndicatorValueFields, ScoreFields, SubmitProblemFields],
);

export const RegisterLevelMutation = graphql(
  `
    mutation PortalRegisterLevel($assessmentId: ID!, $version: Int!, $level: Int!) {
      registerLevel(assessmentId: $assessmentId, version: $version, level: $level) {
        __typename
        ... on MutationRegisterLevelSuccess {
          data {
            id
            version
            registeredLevel
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const SubmitMutation = graphql(
  `
    mutation PortalSubmit($assessmentId: ID!, $version: Int!) {
      submitAssessment(assessmentId: $assessmentId, version: $version) {
        __typename
        ... on MutationSubmitAssessmentSuccess {
          data {
            id
            version
            status
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const UploadEvidenceMutation = graphql(
  `
    mutation PortalUploadEvidence($assessmentId: ID!, $criterionCode: String!, $file: File!) {
      uploadEvidence(assessmentId: $assessmentId, criterionCode: $criterionCode, file: $file) {
        __typename
        ... on MutationUploadEvidenceSuccess {
          data {
            ...EvidenceFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields, EvidenceFields],
);

export const ReplaceEvidenceMutation = graphql(
  `
    mutation PortalReplaceEvidence($id: ID!, $file: File!) {
      replaceEvidence(id: $id, file: $file) {
        __typename
        ... on MutationReplaceEvidenceSuccess {
          data {
            ...EvidenceFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields, EvidenceFields],
);

export const DeleteEvidenceMutation = graphql(
  `
    mutation PortalDeleteEvidence($id: ID!) {
      deleteEvidence(id: $id) {
        __typename
        ... on MutationDeleteEvidenceSuccess {
          data {
            id
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

/**
 * The assessments of a unit and the units below it. The API's cost limit multiplies this selection by `first`
 * (100) and each fragment spread by one more level of depth: the unit is selected inline and only what the list
 * shows (with the AssessedUnitFields fragment the query was refused as too complex).
 */
export const MyAssessmentsQuery = graphql(`
  query PortalMyAssessments($unitCode: String!) {
    assessments(unitCode: $unitCode, first: 100) {
      edges {
        node {
          id
          status
          allowedActions
          registeredLevel
          computedLevel
          recognisedLevel
          unit {
            id
            code
            name
            parent {
              name
            }
          }
          round {
            id
            name
            year
            submitDueAt
            judgedBy
          }
          score {
            scoreText
            maxScore
          }
        }
      }
    }
  }
`);

export type MyAssessment = ResultOf<typeof MyAssessmentsQuery>["assessments"]["edges"][number]["node"];

export const myAssessmentsQuery = (unitCode: string) =>
  queryOptions({
    queryKey: ["my-assessments", unitCode],
    queryFn: () => request(MyAssessmentsQuery, { unitCode }).then((r) => r.assessments.edges.map((e) => e.node)),
  });

/** A problem of an imported file, where it is (sheet, row, column, criterion) and what. */
const ImportIssueFields = graphql(`
  fragment ImportIssueFields on ValuesImportIssue @_unmask {
    sheet
    row
    column
    criterionCode
    field
    message
    messageEn
  }
`);

/** A value an imported file changes: before → after. */
const ImportChangeFields = graphql(`
  fragment ImportChangeFields on ValuesImportChange @_unmask {
    criterionCode
    before
    after
  }
`);

/** Excel in: a dry run (issues, changes, the level) or the import applied (the saved version). */
export const ImportValuesMutation = graphql(
  `
    mutation PortalImportValues($assessmentId: ID!, $version: Int!, $file: File!, $dryRun: Boolean!) {
      importIndicatorValues(assessmentId: $assessmentId, version: $version, file: $file, dryRun: $dryRun) {
        __typename
        ... on MutationImportIndicatorValuesSuccess {
          data {
            dryRun
            wouldBeLevel
            issues {
              ...ImportIssueFields
            }
            changes {
              ...ImportChangeFields
            }
            assessment {
              id
              version
              computedLevel
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields, ImportIssueFields, ImportChangeFields],
);

export type ValuesImportData = Extract<
  ResultOf<typeof ImportValuesMutation>["importIndicatorValues"],
  { __typename: "MutationImportIndicatorValuesSuccess" }
>["data"];

/** Excel in for many units of a round (an officer's file): a dry run (issues, each unit's changes) or applied. */
export const ImportRoundValuesMutation = graphql(
  `
    mutation PortalImportRoundValues(
      $roundId: ID!
      $file: File!
      $dryRun: Boolean!
      $versions: [AssessmentVersionInput!]
    ) {
      importRoundValues(roundId: $roundId, file: $file, dryRun: $dryRun, versions: $versions) {
        __typename
        ... on MutationImportRoundValuesSuccess {
          data {
            dryRun
            issues {
              ...ImportIssueFields
            }
            units {
              row
              saved
              wouldBeLevel
              changes {
                ...ImportChangeFields
              }
              assessment {
                id
                version
                unit {
                  code
                  name
                }
              }
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields, ImportIssueFields, ImportChangeFields],
);

export type RoundValuesImportData = Extract<
  ResultOf<typeof ImportRoundValuesMutation>["importRoundValues"],
  { __typename: "MutationImportRoundValuesSuccess" }
>["data"];

/** The round's template with a row per unit the user may enter values for (an HTTP route of the API). */
export const roundTemplateUrl = (roundId: string) => `/templates/round/${encodeURIComponent(roundId)}.xlsx`;

/** Where the unit's values template is downloaded (an HTTP route of the API, for those who may read the working data). */
export const templateUrl = (assessmentId: string) => `/templates/assessment/${encodeURIComponent(assessmentId)}.xlsx`;
