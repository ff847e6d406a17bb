/**
 * The rankings of scored rounds (Bộ chỉ số): a round's ranking as the API ranks it (criteria-core, ties share a
 * rank), published or working, a unit's scores across the years, and the ministry's national rounds.
 */
import { queryOptions } from "@tanstack/react-query";
import { ApiError, graphql, request, type ResultOf } from "@cds/ui";

export const RankingRoundQuery = graphql(`
  query RankingRound($id: ID!) {
    node(id: $id) {
      __typename
      ... on Round {
        id
        name
        year
        unitKind
        judgedBy
        tenant {
          id
          name
        }
        map {
          id
        }
      }
    }
  }
`);

export const RoundRankingQuery = graphql(`
  query RoundRanking($id: ID!, $final: Boolean) {
    node(id: $id) {
      __typename
      ... on Round {
        id
        ranking(final: $final) {
          roundId
          year
          final
          maxScore
          decimals
          previousYear
          mainIndices {
            code
            name
            average
            averageText
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
              status
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

export const UnitHistoryQuery = graphql(`
  query RankingUnitHistory($code: String!, $mapId: String) {
    unit(code: $code, mapId: $mapId) {
      id
      code
      name
      scoreHistory {
        assessmentId
        roundId
        roundName
        year
        final
        score {
          scoreText
          maxScore
        }
      }
    }
  }
`);

export const NationalRoundsQuery = graphql(`
  query DtiRounds($tenant: String) {
    rounds(tenant: $tenant) {
      id
      name
      year
      unitKind
      judgedBy
      map {
        id
      }
    }
  }
`);

export const RoundSetQuery = graphql(`
  query DtiRoundSet($id: ID!) {
    node(id: $id) {
      __typename
      ... on Round {
        id
        setVersion {
          id
          title
          version
          decisionNumber
          decisionDate
          document
        }
      }
    }
  }
`);

export type RankingRound = Extract<NonNullable<ResultOf<typeof RankingRoundQuery>["node"]>, { __typename: "Round" }>;
/** A scored round's ranking (the API answers null for a round judged by levels). */
export type Ranking = NonNullable<
  Extract<NonNullable<ResultOf<typeof RoundRankingQuery>["node"]>, { __typename: "Round" }>["ranking"]
>;
export type RankingGroup = Ranking["groups"][number];
export type RankingEntry = RankingGroup["entries"][number];
export type MainIndexAverage = Ranking["mainIndices"][number];
export type ScoreYear = NonNullable<ResultOf<typeof UnitHistoryQuery>["unit"]>["scoreHistory"][number];
export type NationalRound = ResultOf<typeof NationalRoundsQuery>["rounds"][number];
export type RoundSet = Extract<
  NonNullable<ResultOf<typeof RoundSetQuery>["node"]>,
  { __typename: "Round" }
>["setVersion"];

/** The tenant of the ministry's national rounds (the provincial DTI). */
export const NATIONAL_TENANT = "vn";

export const rankingRoundOptions = (id: string) =>
  queryOptions({
    queryKey: ["ranking-round", id],
    queryFn: () =>
      request(RankingRoundQuery, { id }).then(
        (r) => (r.node?.__typename === "Round" ? r.node : null) as RankingRound | null,
      ),
  });

/** A ranking as the page shows it: `refused` when the working one was asked for and the API answered with `final`. */
export interface RankingAnswer {
  ranking: Ranking;
  refused: ApiError | null;
}

const rankingOf = async (id: string, final: boolean | null): Promise<Ranking> => {
  const r = await request(RoundRankingQuery, { id, final });
  if (r.node?.__typename !== "Round") throw new ApiError("NOT_FOUND", "Không có đợt đánh giá này", "No such round");
  const ranking = (r.node as Extract<NonNullable<typeof r.node>, { __typename: "Round" }>).ranking as Ranking | null;
  if (!ranking)
    throw new ApiError(
      "NOT_SCORED",
      "Đợt đánh giá theo mức độ không có xếp hạng điểm",
      "A round judged by levels has no score ranking",
    );
  return ranking;
};

/** The API refuses the working ranking naming the argument `final` (only the province and the ministry read it). */
export const refusesWorking = (e: unknown): e is ApiError =>
  e instanceof ApiError && ((e.code === "BAD_INPUT" && /^final\b/.test(e.message)) || e.code === "FORBIDDEN");

/**
 * The ranking of a round: `final` true = published, false = working, null = the API's default for the viewer
 * (working for the province's own staff and the ministry, published for anyone else). Asked for the working one and
 * refused, it falls back to the published one and says so.
 */
export const rankingOptions = (id: string, final: boolean | null) =>
  queryOptions({
    queryKey: ["ranking", id, final],
    queryFn: async (): Promise<RankingAnswer> => {
      if (final !== false) return { ranking: await rankingOf(id, final), refused: null };
      try {
        return { ranking: await rankingOf(id, false), refused: null };
      } catch (e) {
        if (!refusesWorking(e)) throw e;
        return { ranking: await rankingOf(id, true), refused: e };
      }
    },
  });

export const unitHistoryOptions = (code: string, mapId: string | null) =>
  queryOptions({
    queryKey: ["ranking-unit-history", code, mapId],
    queryFn: () => request(UnitHistoryQuery, { code, mapId }).then((r) => r.unit),
  });

/** The ministry's scored national rounds (the provincial DTI), newest first. */
export const nationalRoundsOptions = () =>
  queryOptions({
    queryKey: ["rankings-national-rounds"],
    queryFn: () =>
      request(NationalRoundsQuery, { tenant: NATIONAL_TENANT }).then((r) =>
        r.rounds.filter((x) => x.judgedBy !== "levels"),
      ),
  });

export const roundSetOptions = (id: string) =>
  queryOptions({
    queryKey: ["ranking-round-set", id],
    queryFn: () =>
      request(RoundSetQuery, { id }).then(
        (r) => (r.node?.__typename === "Round" ? r.node.setVersion : null) as RoundSet | null,
      ),
    staleTime: Infinity, // a round's pinned version never changes
  });
