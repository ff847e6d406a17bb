/**
 * The signed recognition decisions of a round: the decision numbers its recognised assessments carry (with the
 * day and the scan uploaded for each, if any), and the upload of a decision's signed scan (a multipart request).
 */
import { queryOptions } from "@tanstack/react-query";
import { ErrorFields, graphql, request, type ResultOf } from "@cds/ui";

const DecisionScanFields = graphql(`
  fragment AdminDecisionScan on DecisionScan @_unmask {
    id
    decisionNumber
    fileName
    mimeType
    size
    createdAt
    url
  }
`);

export const RoundDecisionsQuery = graphql(
  `
    query AdminRoundDecisions($roundId: ID!, $unitCode: String, $after: String) {
      assessments(roundId: $roundId, unitCode: $unitCode, status: [RECOGNISED], first: 100, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            recognitionDecision
            recognitionDate
            decisionScan {
              ...AdminDecisionScan
            }
          }
        }
      }
    }
  `,
  [DecisionScanFields],
);

export const UploadDecisionScanMutation = graphql(
  `
    mutation AdminUploadDecisionScan($roundId: ID!, $decisionNumber: String!, $file: File!) {
      uploadDecisionScan(roundId: $roundId, decisionNumber: $decisionNumber, file: $file) {
        __typename
        ...ErrorFields
        ... on MutationUploadDecisionScanSuccess {
          data {
            ...AdminDecisionScan
          }
        }
      }
    }
  `,
  [ErrorFields, DecisionScanFields],
);

type RecognisedRow = ResultOf<typeof RoundDecisionsQuery>["assessments"]["edges"][number]["node"];
export type DecisionScan = NonNullable<RecognisedRow["decisionScan"]>;

/** One decision number of the round: its day(s), how many units it recognised, its signed scan if uploaded. */
export interface RoundDecision {
  number: string;
  dates: string[];
  units: number;
  scan: DecisionScan | null;
}

/** The recognised assessments grouped by decision number (those without a number left out), in number order. */
export function decisionsOf(rows: RecognisedRow[]): RoundDecision[] {
  const by = new Map<string, RoundDecision>();
  for (const a of rows) {
    const number = a.recognitionDecision?.trim();
    if (!number) continue;
    const d = by.get(number) ?? { number, dates: [], units: 0, scan: null };
    d.units += 1;
    if (a.recognitionDate && !d.dates.includes(a.recognitionDate)) d.dates.push(a.recognitionDate);
    if (a.decisionScan && (!d.scan || a.decisionScan.createdAt > d.scan.createdAt)) d.scan = a.decisionScan;
    by.set(number, d);
  }
  return [...by.values()]
    .map((d) => ({ ...d, dates: d.dates.sort() }))
    .sort((x, y) => x.number.localeCompare(y.number, "vi", { numeric: true }));
}

/**
 * The decisions of a round in the user's subtree. Under the list's key, so that whatever reloads the list
 * (a recognition) reloads these too.
 */
export const roundDecisionsOptions = (roundId: string, unitCode: string | null) =>
  queryOptions({
    queryKey: ["roundAssessments", roundId, unitCode, "decisions"],
    queryFn: async ({ signal }) => {
      const out: RecognisedRow[] = [];
      let after: string | null = null;
      for (;;) {
        const r: ResultOf<typeof RoundDecisionsQuery> = await request(
          RoundDecisionsQuery,
          { roundId, unitCode, after },
          signal,
        );
        out.push(...r.assessments.edges.map((e) => e.node));
        if (!r.assessments.pageInfo.hasNextPage || !r.assessments.pageInfo.endCursor) return decisionsOf(out);
        after = r.assessments.pageInfo.endCursor;
      }
    },
  });
