/** How a round's summary (the API's roundSummary, statuses in the API's order) reads: the count of one status. */
import type { RoundSummary } from "./rounds-queries.ts";

export function countOf(s: RoundSummary, status: string): number {
  return s.byStatus.find((x) => x.status === status)?.count ?? 0;
}
