/**
 * The GraphQL documents and query options of the province/district screens:
 * rounds with their summaries, the assessments of a round, one assessment
 * under review, and the review mutations (result unions, see `unwrap`).
 */
import { queryOptions } from "@tanstack/react-query";
import { graphql, request, type ResultOf } from "@cds/ui";

export const RoundsQuery = graphql(`
  query AdminRounds($tenant: String) {
    rounds(tenant: $tenant) {
      id
      name
      year
      unitKind
      submitDueAt
      reviewDueAt
      setVersion {
        id
        title
        version
        decisionNumber
        decisionDate
      }
    }
    unitKinds {
      code
      name
      nameEn
      parentCode
    }
  }
`);

export const RoundSummaryQuery = graphql(`
  query AdminRoundSummary($roundId: ID!) {
    roundSummary(roundId: $roundId) {
      units
      reviewQueue
      byStatus {
        status
        count
      }
      byComputedLevel
      byRecognisedLevel
    }
  }
`);

export const RoundAssessmentsQuery = graphql(`
  query AdminRoundAssessments($roundId: ID!, $unitCode: String, $after: String) {
    assessments(roundId: $roundId, unitCode: $unitCode, first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          registeredLevel
          computedLevel
          appraisedLevel
          recognisedLevel
          submittedAt
          unit {
            code
            name
            type
            parent {
              name
            }
          }
        }
      }
    }
  }
`);

export type RoundRow = ResultOf<typeof RoundsQuery>["rounds"][number];
export type UnitKindRow = ResultOf<typeof RoundsQuery>["unitKinds"][number];
export type RoundSummary = ResultOf<typeof RoundSummaryQuery>["roundSummary"];
export type AssessmentRow = ResultOf<typeof RoundAssessmentsQuery>["assessments"]["edges"][number]["node"];

export const roundsOptions = (tenant: string | null) =>
  queryOptions({ queryKey: ["rounds", tenant], queryFn: () => request(RoundsQuery, { tenant }) });

export const roundSummaryOptions = (roundId: string) =>
  queryOptions({
    queryKey: ["roundSummary", roundId],
    queryFn: () => request(RoundSummaryQuery, { roundId }).then((r) => r.roundSummary),
  });

/** Every assessment of a round in the user's subtree (the API pages by 100). */
export const roundAssessmentsOptions = (roundId: string, unitCode: string | null) =>
  queryOptions({
    queryKey: ["roundAssessments", roundId, unitCode],
    queryFn: async ({ signal }) => {
      const out: AssessmentRow[] = [];
      let after: string | null = null;
      for (;;) {
        const r: ResultOf<typeof RoundAssessmentsQuery> = await request(
          RoundAssessmentsQuery,
          { roundId, unitCode, after },
          signal,
        );
        out.push(...r.assessments.edges.map((e) => e.node));
        if (!r.assessments.pageInfo.hasNextPage || !r.assessments.pageInfo.endCursor) return out;
        after = r.assessments.pageInfo.endCursor;
      }
    },
  });

export const AssessmentQuery = graphql(`
  query AdminAssessment($id: ID!) {
    assessment(id: $id) {
      id
      status
      allowedActions
      version
      registeredLevel
      computedLevel
      selfAssessedLevel
      appraisedLevel
      recognisedLevel
      recognitionDecision
      recognitionDate
      submittedAt
      recognisedAt
      unit {
        id
        code
        name
        type
        path
        parent {
          name
          path
        }
        tenant {
          code
          name
        }
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
      values {
        criterionCode
        value
        verifiedValue
        verifierComment
        verifiedAt
        effectiveValue
        note
      }
      evidence {
        id
        criterionCode
        fileName
        size
        createdAt
      }
      comments {
        id
        criterionCode
        body
        createdAt
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
      evaluation {
        level
        levelName
        levelNameEn
        levels {
          level
          name
          met
          failing
          missing
          exempt
        }
        criteria {
          code
          results
        }
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
`);

export type AssessmentDetail = ResultOf<typeof AssessmentQuery>["assessment"];
export type CriterionRow = AssessmentDetail["setVersion"]["criteria"][number];

export const assessmentOptions = (id: string) =>
  queryOptions({
    queryKey: ["assessment", id],
    queryFn: ({ signal }) => request(AssessmentQuery, { id }, signal).then((r) => r.assessment),
  });

export const ReturnMutation = graphql(`
  mutation AdminReturn($assessmentId: ID!, $version: Int!, $comments: [ReviewCommentInput!]!) {
    returnAssessment(assessmentId: $assessmentId, version: $version, comments: $comments) {
      __typename
      ... on Error {
        code
        message
        messageEn
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
          field
          message
          messageEn
        }
      }
      ... on ConflictError {
        currentVersion
      }
      ... on MutationReturnAssessmentSuccess {
        data {
          id
          status
          version
        }
      }
    }
  }
`);

export const VerifyValueMutation = graphql(`
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
      ... on Error {
        code
        message
        messageEn
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
          field
          message
          messageEn
        }
      }
      ... on ConflictError {
        currentVersion
      }
      ... on MutationVerifyIndicatorValueSuccess {
        data {
          id
          status
          version
        }
      }
    }
  }
`);

export const VerifyMutation = graphql(`
  mutation AdminVerify($assessmentId: ID!, $version: Int!) {
    verifyAssessment(assessmentId: $assessmentId, version: $version) {
      __typename
      ... on Error {
        code
        message
        messageEn
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
          field
          message
          messageEn
        }
      }
      ... on ConflictError {
        currentVersion
      }
      ... on MutationVerifyAssessmentSuccess {
        data {
          id
          status
          version
        }
      }
    }
  }
`);

export const AppraiseMutation = graphql(`
  mutation AdminAppraise($assessmentId: ID!, $version: Int!, $level: Int) {
    appraiseAssessment(assessmentId: $assessmentId, version: $version, level: $level) {
      __typename
      ... on Error {
        code
        message
        messageEn
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
          field
          message
          messageEn
        }
      }
      ... on ConflictError {
        currentVersion
      }
      ... on MutationAppraiseAssessmentSuccess {
        data {
          id
          status
          version
        }
      }
    }
  }
`);

export const RecogniseMutation = graphql(`
  mutation AdminRecognise($assessmentId: ID!, $version: Int!, $decisionNumber: String!, $decisionDate: Date!) {
    recogniseAssessment(
      assessmentId: $assessmentId
      version: $version
      decisionNumber: $decisionNumber
      decisionDate: $decisionDate
    ) {
      __typename
      ... on Error {
        code
        message
        messageEn
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
          field
          message
          messageEn
        }
      }
      ... on ConflictError {
        currentVersion
      }
      ... on MutationRecogniseAssessmentSuccess {
        data {
          id
          status
          version
        }
      }
    }
  }
`);

export const ProvinceReportsQuery = graphql(`
  query AdminProvinceReports($year: Int!) {
    provinceReports(year: $year) {
      id
      year
      submittedAt
      onTime
      summary
      tenant {
        code
        name
      }
    }
  }
`);

export const SubmitReportMutation = graphql(`
  mutation AdminSubmitReport($tenantId: String!, $year: Int!) {
    submitProvinceReport(tenantId: $tenantId, year: $year) {
      __typename
      ... on Error {
        code
        message
        messageEn
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
          field
          message
          messageEn
        }
      }
      ... on ConflictError {
        currentVersion
      }
      ... on MutationSubmitProvinceReportSuccess {
        data {
          id
          submittedAt
          onTime
        }
      }
    }
  }
`);

export type ProvinceReportRow = ResultOf<typeof ProvinceReportsQuery>["provinceReports"][number];

export const provinceReportsOptions = (year: number) =>
  queryOptions({
    queryKey: ["provinceReports", year],
    queryFn: () => request(ProvinceReportsQuery, { year }).then((r) => r.provinceReports),
  });

const ReportDeadlineQuery = graphql(`
  query ReportDeadline($year: Int!) {
    reportDeadline(year: $year)
  }
`);

/** The deadline of the yearly report, as the API decides it (before 25/12, Vietnam time). */
export const reportDeadlineOptions = (year: number) =>
  queryOptions({
    queryKey: ["reportDeadline", year],
    queryFn: () => request(ReportDeadlineQuery, { year }).then((r) => new Date(r.reportDeadline)),
    staleTime: Infinity,
  });
