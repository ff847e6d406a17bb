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
          round {
            year
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
        rows: r.assessments.edges.map((e) => e.node),
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
      }
    }
  `,
  [UnitLineageFields],
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
