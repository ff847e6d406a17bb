/** The accounts of a tenant and what its admin does with them (apps/api schema/types/accounts.ts). */
import { queryOptions } from "@tanstack/react-query";
import { ErrorFields, graphql, request, type ResultOf } from "@cds/ui";

const AccountFields = graphql(`
  fragment AccountFields on Account @_unmask {
    id
    email
    name
    status
    createdAt
    disabledAt
    lastSeenAt
    sharedElsewhere
    roles {
      id
      role
      unit {
        id
        code
        name
      }
    }
  }
`);

export const TenantAccountsQuery = graphql(
  `
    query TenantAccounts($tenantId: String!) {
      tenantAccounts(tenantId: $tenantId) {
        tenantId
        grantableRoles
        accounts {
          ...AccountFields
        }
      }
    }
  `,
  [AccountFields],
);

export type TenantAccounts = ResultOf<typeof TenantAccountsQuery>["tenantAccounts"];
export type Account = TenantAccounts["accounts"][number];
export type Role = TenantAccounts["grantableRoles"][number];

export const tenantAccountsKey = (tenantId: string) => ["accounts", tenantId] as const;

export const tenantAccountsOptions = (tenantId: string) =>
  queryOptions({
    queryKey: tenantAccountsKey(tenantId),
    queryFn: () => request(TenantAccountsQuery, { tenantId }).then((r) => r.tenantAccounts),
  });

/** Units of the tenant whose name or code matches, in force today (the picker of a grant's unit). */
export const AccountUnitSearchQuery = graphql(`
  query AccountUnitSearch($search: String!, $tenant: String!) {
    units(search: $search, tenant: $tenant, first: 10) {
      edges {
        node {
          id
          code
          name
          kind {
            name
          }
          parent {
            name
          }
        }
      }
    }
  }
`);
export type FoundUnit = ResultOf<typeof AccountUnitSearchQuery>["units"]["edges"][number]["node"];

export const unitSearchOptions = (tenant: string, search: string) =>
  queryOptions({
    queryKey: ["accounts", "units", tenant, search],
    queryFn: () => request(AccountUnitSearchQuery, { search, tenant }).then((r) => r.units.edges.map((e) => e.node)),
    enabled: search.trim().length >= 2,
    staleTime: 60_000,
  });

export const CreateAccountMutation = graphql(
  `
    mutation CreateAccount($input: CreateAccountInput!) {
      createAccount(input: $input) {
        __typename
        ... on MutationCreateAccountSuccess {
          data {
            temporaryPassword
            account {
              ...AccountFields
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [AccountFields, ErrorFields],
);

export const GrantRoleMutation = graphql(
  `
    mutation GrantRole($input: GrantRoleInput!) {
      grantRole(input: $input) {
        __typename
        ... on MutationGrantRoleSuccess {
          data {
            ...AccountFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [AccountFields, ErrorFields],
);

export const RevokeRoleMutation = graphql(
  `
    mutation RevokeRole($roleId: ID!) {
      revokeRole(roleId: $roleId) {
        __typename
        ... on MutationRevokeRoleSuccess {
          data {
            ...AccountFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [AccountFields, ErrorFields],
);

export const ResetAccountPasswordMutation = graphql(
  `
    mutation ResetAccountPassword($tenantId: String!, $userId: ID!) {
      resetAccountPassword(tenantId: $tenantId, userId: $userId) {
        __typename
        ... on MutationResetAccountPasswordSuccess {
          data {
            temporaryPassword
            account {
              ...AccountFields
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [AccountFields, ErrorFields],
);

export const SetAccountDisabledMutation = graphql(
  `
    mutation SetAccountDisabled($tenantId: String!, $userId: ID!, $disabled: Boolean!) {
      setAccountDisabled(tenantId: $tenantId, userId: $userId, disabled: $disabled) {
        __typename
        ... on MutationSetAccountDisabledSuccess {
          data {
            ...AccountFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [AccountFields, ErrorFields],
);
