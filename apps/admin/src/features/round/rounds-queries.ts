/**
 * The rounds of the province/district screens: the rounds with their deadlines, late policy and whether closed,
 * a round's summary (late units too), its assessments (each unit's own deadline and extensions) and the ones the
 * viewer may act on now ("Cần xử lý", the API's `actionable`). Opening and changing rounds: round-admin-queries.ts.
 */
import { queryOptions } from "@tanstack/react-query";
import { graphql, request, ReviewChainFields, UnitKindFields, type ResultOf } from "@cds/ui";

export const RoundsQuery = graphql(
  `
    query AdminRounds($tenant: String) {
      rounds(tenant: $tenant) {
        id
        name
        year
        unitKind
        judgedBy
        registerDueAt
        submitDueAt
        reviewDueAt
        latePolicy
        closedAt
        submitDeadline {
          daysLeft
          state
        }
        reviewDeadline {
          daysLeft
          state
        }
        setVersion {
          id
          title
          version
          decisionNumber
          decisionDate
        }
        map {
          id
          name
        }
        reviewChain {
          ...ReviewChainFields
        }
      }
      unitKinds {
        ...UnitKindFields
      }
    }
  `,
  [UnitKindFields, ReviewChainFields],
);

export const RoundSummaryQuery = graphql(`
  query AdminRoundSummary($roundId: ID!, $unitCode: String) {
    roundSummary(roundId: $roundId, unitCode: $unitCode) {
      units
      reviewQueue
      reviewQueueStatuses
      late
      byStatus {
        status
        count
      }
      byComputedLevel
      byRecognisedLevel
      recognisedBasicOrAbove
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
          # Submitted after the unit's deadline (flagged), or not submitted though it has passed.
          late
          # The unit's own deadline: the round's, or its latest extension.
          submitDeadline {
            date
            daysLeft
            state
          }
          extensions {
            id
            dueAt
            reason
            createdAt
          }
          # A scored round's current score (null in a level round): the list's column and the round's spread.
          score {
            score
            scoreText
            maxScore
            level
            levelName
          }
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

/** "Cần xử lý": the assessments of a round the viewer may act on now, by the API's one action table. */
export const ActionableAssessmentsQuery = graphql(`
  query AdminActionableAssessments($roundId: ID!, $unitCode: String, $after: String) {
    assessments(roundId: $roundId, unitCode: $unitCode, actionable: true, first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
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

export const roundSummaryOptions = (roundId: string, unitCode: string | null = null) =>
  queryOptions({
    queryKey: ["roundSummary", roundId, unitCode],
    queryFn: () => request(RoundSummaryQuery, { roundId, unitCode }).then((r) => r.roundSummary),
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

/**
 * The ids of the round's assessments the viewer may act on now ("Cần xử lý"). Under the list's key, so that
 * whatever reloads the list (a review action, an extension) reloads these too.
 */
export const actionableAssessmentsOptions = (roundId: string, unitCode: string | null) =>
  queryOptions({
    queryKey: ["roundAssessments", roundId, unitCode, "actionable"],
    queryFn: async ({ signal }) => {
      const out = new Set<string>();
      let after: string | null = null;
      for (;;) {
        const r: ResultOf<typeof ActionableAssessmentsQuery> = await request(
          ActionableAssessmentsQuery,
          { roundId, unitCode, after },
          signal,
        );
        for (const e of r.assessments.edges) out.add(e.node.id);
        if (!r.assessments.pageInfo.hasNextPage || !r.assessments.pageInfo.endCursor) return out;
        after = r.assessments.pageInfo.endCursor;
      }
    },
  });
