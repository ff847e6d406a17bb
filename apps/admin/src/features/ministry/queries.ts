/** The ministry's national queries: summary by province, criterion pass rates, set deviations, comparisons. */
import { queryOptions } from "@tanstack/react-query";
import { graphql, request, type ResultOf } from "@cds/ui";

export const UnitKindsQuery = graphql(`
  query MinistryUnitKinds {
    unitKinds {
      code
      name
      nameEn
      parentCode
    }
  }
`);

export const NationalSummaryQuery = graphql(`
  query MinistryNationalSummary($year: Int!, $unitKind: String!) {
    nationalSummary(year: $year, unitKind: $unitKind) {
      tenantId
      name
      units
      assessed
      recognised
      byLevel
      basicOrAbove {
        numerator
        denominator
      }
      reportSubmittedAt
      reportOnTime
      reportDeadline
    }
  }
`);

export const PassRatesQuery = graphql(`
  query MinistryPassRates($year: Int!, $unitKind: String!, $tenantIds: [String!]) {
    criterionPassRates(year: $year, unitKind: $unitKind, tenantIds: $tenantIds) {
      tenantId
      name
      units
      nationalByLevel
      ownSet {
        code
        name
        levels {
          level
          pass
          fail
          missing
          exempt
          na
        }
      }
      national {
        code
        name
        levels {
          level
          pass
          fail
          missing
          exempt
          na
        }
      }
    }
  }
`);

export const DeviationsQuery = graphql(`
  query MinistryDeviations($unitKind: String!) {
    setDeviations(unitKind: $unitKind) {
      tenantId
      name
      versionId
      diff {
        from
        to
        stricter
        looser
        added {
          code
          name
        }
        removed {
          code
          name
        }
        changed {
          code
          name
          direction
          renamed {
            from
            to
          }
          targets {
            level
            from
            to
            change
          }
        }
      }
    }
  }
`);

export const CompareQuery = graphql(`
  query MinistryCompare($year: Int!, $unitKind: String!, $tenantIds: [String!]!) {
    compareProvinces(year: $year, unitKind: $unitKind, tenantIds: $tenantIds) {
      summary {
        tenantId
        name
        units
        assessed
        recognised
        byLevel
        basicOrAbove {
          numerator
          denominator
        }
        reportSubmittedAt
        reportOnTime
      }
      passRates {
        tenantId
        name
        units
        nationalByLevel
        ownSet {
          code
          name
          levels {
            level
            pass
            fail
            missing
            exempt
            na
          }
        }
        national {
          code
          name
          levels {
            level
            pass
            fail
            missing
            exempt
            na
          }
        }
      }
      deviations {
        tenantId
        name
        versionId
        diff {
          from
          to
          stricter
          looser
          added {
            code
            name
          }
          removed {
            code
            name
          }
          changed {
            code
            name
            direction
            renamed {
              from
              to
            }
            targets {
              level
              from
              to
              change
            }
          }
        }
      }
    }
  }
`);

export type ProvinceRow = ResultOf<typeof NationalSummaryQuery>["nationalSummary"][number];
export type ProvinceRates = ResultOf<typeof PassRatesQuery>["criterionPassRates"][number];
export type CriterionRates = ProvinceRates["ownSet"][number];
export type Deviation = ResultOf<typeof DeviationsQuery>["setDeviations"][number];
export type Comparison = ResultOf<typeof CompareQuery>["compareProvinces"];

export const unitKindsOptions = () =>
  queryOptions({
    queryKey: ["unitKinds"],
    queryFn: () => request(UnitKindsQuery, {}).then((r) => r.unitKinds),
    staleTime: Infinity,
  });

export const nationalSummaryOptions = (year: number, unitKind: string) =>
  queryOptions({
    queryKey: ["nationalSummary", year, unitKind],
    queryFn: () => request(NationalSummaryQuery, { year, unitKind }).then((r) => r.nationalSummary),
  });

export const passRatesOptions = (year: number, unitKind: string) =>
  queryOptions({
    queryKey: ["passRates", year, unitKind],
    queryFn: () => request(PassRatesQuery, { year, unitKind, tenantIds: null }).then((r) => r.criterionPassRates),
  });

export const deviationsOptions = (unitKind: string) =>
  queryOptions({
    queryKey: ["setDeviations", unitKind],
    queryFn: () => request(DeviationsQuery, { unitKind }).then((r) => r.setDeviations),
  });

export const compareOptions = (year: number, unitKind: string, tenantIds: string[]) =>
  queryOptions({
    queryKey: ["compareProvinces", year, unitKind, tenantIds],
    queryFn: () => request(CompareQuery, { year, unitKind, tenantIds }).then((r) => r.compareProvinces),
  });
