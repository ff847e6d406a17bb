/** The ministry's national queries: summary by province, criterion pass rates, set deviations, comparisons. */
import { queryOptions } from "@tanstack/react-query";
import { graphql, request, UnitKindFields, type ResultOf } from "@cds/ui";

export const UnitKindsQuery = graphql(
  `
    query MinistryUnitKinds {
      unitKinds {
        ...UnitKindFields
      }
    }
  `,
  [UnitKindFields],
);

/** One province's row of the national summary, as both the summary and the comparison show it. */
const ProvinceSummaryFields = graphql(`
  fragment ProvinceSummaryFields on ProvinceSummary @_unmask {
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
`);

const CriterionPassRateFields = graphql(`
  fragment CriterionPassRateFields on CriterionPassRate @_unmask {
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
`);

const PassRatesFields = graphql(
  `
    fragment PassRatesFields on ProvincePassRates @_unmask {
      tenantId
      name
      units
      nationalByLevel
      ownSet {
        ...CriterionPassRateFields
      }
      national {
        ...CriterionPassRateFields
      }
    }
  `,
  [CriterionPassRateFields],
);

const DeviationFields = graphql(`
  fragment DeviationFields on SetDeviation @_unmask {
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
`);

export const NationalSummaryQuery = graphql(
  `
    query MinistryNationalSummary($year: Int!, $unitKind: String!, $mapId: String, $asToday: Boolean) {
      nationalSummary(year: $year, unitKind: $unitKind, mapId: $mapId, asToday: $asToday) {
        ...ProvinceSummaryFields
        reportDeadline
        mapId
        successorId
        convertedFrom
        conversionRule
      }
    }
  `,
  [ProvinceSummaryFields],
);

/** The administrative maps, oldest first, with their validity: the national page's map choice. */
export const AdminMapsQuery = graphql(`
  query MinistryAdminMaps {
    adminMaps {
      id
      name
      asOf
      validFrom
      validTo
      kinds
    }
  }
`);

/** Every tenant's code and name, today's provinces and the merged ones: names for the converted rows. */
export const TenantNamesQuery = graphql(`
  query MinistryTenantNames {
    tenants {
      code
      name
      kind
      validTo
    }
  }
`);

export const PassRatesQuery = graphql(
  `
    query MinistryPassRates($year: Int!, $unitKind: String!, $tenantIds: [String!], $mapId: String) {
      criterionPassRates(year: $year, unitKind: $unitKind, tenantIds: $tenantIds, mapId: $mapId) {
        ...PassRatesFields
      }
    }
  `,
  [PassRatesFields],
);

export const DeviationsQuery = graphql(
  `
    query MinistryDeviations($unitKind: String!) {
      setDeviations(unitKind: $unitKind) {
        ...DeviationFields
      }
    }
  `,
  [DeviationFields],
);

export const CompareQuery = graphql(
  `
    query MinistryCompare($year: Int!, $unitKind: String!, $tenantIds: [String!]!) {
      compareProvinces(year: $year, unitKind: $unitKind, tenantIds: $tenantIds) {
        summary {
          ...ProvinceSummaryFields
        }
        passRates {
          ...PassRatesFields
        }
        deviations {
          ...DeviationFields
        }
      }
    }
  `,
  [ProvinceSummaryFields, PassRatesFields, DeviationFields],
);

export type ProvinceRow = ResultOf<typeof NationalSummaryQuery>["nationalSummary"][number];
export type AdminMap = ResultOf<typeof AdminMapsQuery>["adminMaps"][number];
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

/** The summary on a map (null: the map in force on 1 January of the year), old provinces added up into today's if `asToday`. */
export const nationalSummaryOptions = (year: number, unitKind: string, mapId: string | null = null, asToday = false) =>
  queryOptions({
    queryKey: ["nationalSummary", year, unitKind, mapId, asToday],
    queryFn: () =>
      request(NationalSummaryQuery, { year, unitKind, mapId, asToday: asToday || null }).then((r) => r.nationalSummary),
  });

export const adminMapsOptions = () =>
  queryOptions({
    queryKey: ["adminMaps"],
    queryFn: () => request(AdminMapsQuery, {}).then((r) => r.adminMaps),
    staleTime: Infinity,
  });

export const tenantNamesOptions = () =>
  queryOptions({
    queryKey: ["tenantNames"],
    queryFn: () => request(TenantNamesQuery, {}).then((r) => r.tenants),
    staleTime: Infinity,
  });

export const passRatesOptions = (year: number, unitKind: string, mapId: string | null = null) =>
  queryOptions({
    queryKey: ["passRates", year, unitKind, mapId],
    queryFn: () =>
      request(PassRatesQuery, { year, unitKind, tenantIds: null, mapId }).then((r) => r.criterionPassRates),
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
