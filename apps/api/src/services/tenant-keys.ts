/**
 * The primary key of a row of a tenant-scoped table: the tenant and the id (ARCHITECTURE.md, "Sharding by
 * province"). A row read by its id alone (findFirst) is written back by this key, which names its shard.
 */
export function rowKey(row: { tenantId: string; id: string }): { tenantId_id: { tenantId: string; id: string } } {
  return { tenantId_id: { tenantId: row.tenantId, id: row.id } };
}

/** The unique key of an assessment's value for one criterion: its tenant, the assessment, the criterion. */
export function valueKey(
  assessment: { tenantId: string; id: string },
  criterionCode: string,
): { tenantId_assessmentId_criterionCode: { tenantId: string; assessmentId: string; criterionCode: string } } {
  return {
    tenantId_assessmentId_criterionCode: { tenantId: assessment.tenantId, assessmentId: assessment.id, criterionCode },
  };
}
