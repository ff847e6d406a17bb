/** Public documents: recognised results, units, published criteria sets. No sign-in needed. */
import { queryOptions } from "@tanstack/react-query";
import {
  CriteriaSetFields,
  graphql,
  request,
  SetVersionSummaryFields,
  UnitLineageFields,
  type ResultOf,
} from "@cds/ui";
import { PinnedSetVersionFields } from "../../fragments.ts";

export const RecognisedQuery = graphql(`
  query PublicRecognised($unitCode: String, $first: Int) {
    assessments(status: [RECOGNISED], unitCode: $unitCode, first: $first) {
      edges {
        node {
          id
          recognisedLevel
          recognitionDecision
          recognitionDate
          decisionScan {
            url
            fileName
          }
          round {
            year
            judgedBy
          }
          unit {
            id
            code
            name
            path
            map {
              id
            }
            parent {
              code
              name
              kind {
                code
              }
            }
            tenant {
              code
              name
            }
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);
export type Recognised = ResultOf<typeof RecognisedQuery>["assessments"]["edges"][number]["node"];

export const recognisedQuery = (unitCode: string | null) =>
  queryOptions({
    queryKey: ["public", "recognised", unitCode],
    queryFn: () =>
      request(RecognisedQuery, { unitCode, first: 100 }).then((r) => ({
        // A level is recognised by the 2361 rounds and by scored ones with score bands ("both"); a recognition of
        // points alone has no level (its score is the unit page's scored section).
        rows: r.assessments.edges.map((e) => e.node).filter((n) => n.round.judgedBy !== "points"),
        more: r.assessments.pageInfo.hasNextPage,
      })),
  });

export const UnitSearchQuery = graphql(`
  query PublicUnitSearch($search: String!) {
    units(search: $search, first: 10) {
      edges {
        node {
          code
          name
          path
          kind {
            code
            name
          }
          parent {
            name
          }
          tenant {
            name
          }
        }
      }
    }
  }
`);
export type FoundUnit = ResultOf<typeof UnitSearchQuery>["units"]["edges"][number]["node"];

export const unitSearchQuery = (search: string) =>
  queryOptions({
    queryKey: ["public", "units", search],
    queryFn: () => request(UnitSearchQuery, { search }).then((r) => r.units.edges.map((e) => e.node)),
  });

/** A unit's score in one scored round (Bộ chỉ số): published to anyone once recognised. */
export const UnitScoreYearFields = graphql(`
  fragment UnitScoreYearFields on UnitScoreYear @_unmask {
    assessmentId
    roundId
    roundName
    year
    final
    score {
      scoreText
      maxScore
      groups {
        code
        name
        parent
        index
        indexText
        notApplicable
      }
    }
  }
`);
export type UnitScoreYear = ResultOf<typeof UnitScoreYearFields>;

export const UnitQuery = graphql(
  `
    query PublicUnit($code: String!, $mapId: String) {
      unit(code: $code, mapId: $mapId) {
        id
        code
        map {
          id
        }
        name
        type
        path
        kind {
          code
          name
        }
        parent {
          code
          name
        }
        tenant {
          name
        }
        ...UnitLineageFields
        scoreHistory {
          ...UnitScoreYearFields
        }
      }
    }
  `,
  [UnitLineageFields, UnitScoreYearFields],
);

export const UnitAssessmentQuery = graphql(
  `
    query PublicUnitAssessment($id: ID!) {
      assessment(id: $id) {
        id
        recognisedLevel
        recognitionDecision
        recognitionDate
        round {
          year
          name
        }
        evaluation {
          level
          criteria {
            code
            group
            results
          }
        }
        setVersion {
          ...PinnedSetVersionFields
        }
      }
    }
  `,
  [PinnedSetVersionFields],
);

export const SetsQuery = graphql(
  `
    query PublicSets {
      criteriaSets {
        ...CriteriaSetFields
        versions {
          ...SetVersionSummaryFields
        }
      }
    }
  `,
  [CriteriaSetFields, SetVersionSummaryFields],
);
export type PublicSet = ResultOf<typeof SetsQuery>["criteriaSets"][number];

export const SetVersionQuery = graphql(`
  query PublicSetVersion($id: ID!) {
    criteriaSetVersion(id: $id) {
      id
      document
    }
  }
`);

export const setVersionQuery = (id: string) =>
  queryOptions({
    queryKey: ["public", "set-version", id],
    queryFn: () => request(SetVersionQuery, { id }).then((r) => r.criteriaSetVersion),
    staleTime: Infinity, // published versions never change
  });

/** Scored rounds (Bộ chỉ số) of every province and of the ministry: their published rankings are public. */
export const ScoredRoundsQuery = graphql(`
  query PublicScoredRounds {
    rounds {
      id
      name
      year
      unitKind
      judgedBy
      tenant {
        code
        name
        kind
      }
    }
  }
`);
export type ScoredRound = ResultOf<typeof ScoredRoundsQuery>["rounds"][number];

export const scoredRoundsQuery = () =>
  queryOptions({
    queryKey: ["public", "scored-rounds"],
    queryFn: () => request(ScoredRoundsQuery, {}).then((r) => r.rounds.filter((x) => x.judgedBy !== "levels")),
  });

/** The published ranking of a scored round (recognised results, final scores; ties share a rank). */
export const PublicRankingQuery = graphql(`
  query PublicRanking($id: ID!) {
    node(id: $id) {
      __typename
      ... on Round {
        id
        name
        year
        judgedBy
        tenant {
          name
        }
        map {
          id
        }
        ranking(final: true) {
          year
          final
          maxScore
          previousYear
          mainIndices {
            code
            name
            averageText
            average
          }
          groups {
            code
            name
            entries {
              assessmentId
              unitCode
              unitName
              scoreText
              rank
              previous {
                rank
              }
              rankChange
              indexTexts
            }
          }
        }
      }
    }
  }
`);
type RankingNode = Extract<NonNullable<ResultOf<typeof PublicRankingQuery>["node"]>, { __typename: "Round" }>;
export type PublicRankingRound = RankingNode;
/** A scored round's published ranking (the API answers null for a round judged by levels). */
export type PublicRanking = NonNullable<RankingNode["ranking"]>;
export type PublicRankingEntry = PublicRanking["groups"][number]["entries"][number];

export const publicRankingQuery = (id: string | null) =>
  queryOptions({
    queryKey: ["public", "ranking", id],
    queryFn: () =>
      request(PublicRankingQuery, { id: id! }).then((r) =>
        r.node?.__typename === "Round" ? (r.node as RankingNode) : null,
      ),
    enabled: id !== null,
  });

/** The round of a recognised scored assessment (its global id, for its published ranking). */
export const ScoredAssessmentRoundQuery = graphql(`
  query PublicScoredAssessmentRound($id: ID!) {
    assessment(id: $id) {
      id
      round {
        id
      }
    }
  }
`);

export const scoredAssessmentRoundQuery = (assessmentId: string | null) =>
  queryOptions({
    queryKey: ["public", "scored-assessment-round", assessmentId],
    queryFn: () => request(ScoredAssessmentRoundQuery, { id: assessmentId! }).then((r) => r.assessment.round.id),
    enabled: assessmentId !== null,
  });
