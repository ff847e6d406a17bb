/**
 * Sharding by province (ARCHITECTURE.md): how each table of the Prisma schema would be placed by Citus.
 *
 * - DISTRIBUTED tables hold a tenant's (a province's) work and grow with it: they are hash-distributed by
 *   "tenantId" and co-located, so a province's round, assessments, values, evidence, comments, extensions, scans,
 *   reports and audit trail live on one shard and every transaction of a save touches one node. Citus asks that
 *   the distribution column be part of every primary and unique key, and of every foreign key between two
 *   distributed tables; `sharding.test.ts` checks the schema for it.
 * - REFERENCE tables are small and read by every tenant (the maps, the criteria sets a province clones from the
 *   ministry's, accounts): Citus copies them to every node. They may be referenced by distributed tables, never
 *   the other way round.
 *
 * Nothing here runs in the platform: `citusStatements()` prints what an operator runs once on a Citus coordinator
 * after the migrations (`pnpm --filter @cds/api exec tsx scripts/citus-sql.ts`).
 */

/** Tables sharded by the tenant column, parents before children (Citus co-locates them in this order). */
export const DISTRIBUTED = [
  "Round",
  "Assessment",
  "IndicatorValue",
  "Evidence",
  "ReviewComment",
  "DeadlineExtension",
  "DecisionScan",
  "ProvinceReport",
  "ImportReading",
  "AuditEvent",
] as const;

/** Tables copied to every node, each with why it is not sharded. */
export const REFERENCE: Record<string, string> = {
  Tenant: "the 35 tenants: read by every query that names a province",
  AgencyName: "a few names per tenant, shown on every document",
  AdminMap: "two maps, shared by the nation",
  UnitLineage: "merge edges between the maps, across provinces",
  UnitKind: "three kinds of unit",
  Unit: "the maps' ~14,000 units: a merged commune's predecessors belong to other provinces",
  User: "accounts sign in before any tenant is known",
  RoleAssignment: "read at every sign-in, across tenants",
  Session: "looked up by cookie before any tenant is known",
  LoginAttempt: "throttles by email and address, before any tenant is known",
  RateLimitWindow: "per API key, before any tenant is known",
  ApiKey: "looked up by its hash before any tenant is known",
  Notification: "a user's inbox, across tenants",
  CriteriaSet: "a province's set is cloned from the ministry's and rebased on it",
  CriteriaSetVersion: "versions derive from another tenant's (the national framework): lineage across tenants",
};

export const SHARD_KEY = "tenantId";

/** The statements that place every table on a Citus cluster (reference tables first: distributed ones point at them). */
export function citusStatements(): string[] {
  const [first, ...rest] = DISTRIBUTED;
  return [
    "CREATE EXTENSION IF NOT EXISTS citus;",
    ...Object.keys(REFERENCE).map((t) => `SELECT create_reference_table('"${t}"');`),
    `SELECT create_distributed_table('"${first}"', '${SHARD_KEY}');`,
    ...rest.map((t) => `SELECT create_distributed_table('"${t}"', '${SHARD_KEY}', colocate_with => '"${first}"');`),
  ];
}
