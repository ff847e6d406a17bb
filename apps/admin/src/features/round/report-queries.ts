/** The yearly report of a province to the ministry: the reports sent, sending one, and its deadline. */
import { queryOptions } from "@tanstack/react-query";
import { ErrorFields, graphql, request, type ResultOf } from "@cds/ui";

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

export const SubmitReportMutation = graphql(
  `
    mutation AdminSubmitReport($tenantId: String!, $year: Int!) {
      submitProvinceReport(tenantId: $tenantId, year: $year) {
        __typename
        ...ErrorFields
        ... on MutationSubmitProvinceReportSuccess {
          data {
            id
            submittedAt
            onTime
          }
        }
      }
    }
  `,
  [ErrorFields],
);

export type ProvinceReportRow = ResultOf<typeof ProvinceReportsQuery>["provinceReports"][number];

export const provinceReportsOptions = (year: number) =>
  queryOptions({
    queryKey: ["provinceReports", year],
    queryFn: () => request(ProvinceReportsQuery, { year }).then((r) => r.provinceReports),
  });

const ReportDueQuery = graphql(`
  query AdminReportDue($year: Int!) {
    reportDue(year: $year) {
      date
      daysLeft
      state
    }
  }
`);

/** The yearly report's last day and the days left to it, as the API decides them (@cds/calendar). */
export const reportDueOptions = (year: number) =>
  queryOptions({
    queryKey: ["reportDue", year],
    queryFn: () => request(ReportDueQuery, { year }).then((r) => r.reportDue),
  });
