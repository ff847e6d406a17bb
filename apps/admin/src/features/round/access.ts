/**
 * Where the signed-in user works (for the dashboard's default scope). What they may do comes from
 * the API: `me.capabilities` for the screens, an assessment's `allowedActions` for the review.
 */
import type { Me } from "@cds/ui";

/** The tenant and subtree the user works in (the first non-ministry grant). */
export interface WorkScope {
  tenantId: string;
  unitCode: string | null;
  unitName: string | null;
  unitPath: string | null;
  role: string;
}

export function workScope(me: Me): WorkScope | null {
  // The grants placed in the unit tree (the ministry's is not), a reviewer's before a unit editor's.
  const placed = me.roles.filter((r) => r.unit !== null);
  const g = placed.find((r) => r.role !== "UNIT_EDITOR") ?? placed[0];
  if (!g) return null;
  return {
    tenantId: g.tenantId,
    unitCode: g.unit?.code ?? null,
    unitName: g.unit?.name ?? null,
    unitPath: g.unit?.path ?? null,
    role: g.role,
  };
}

/** The province whose yearly report the user sends (the report section is theirs), or null. */
export function reportingProvince(me: Me): string | null {
  return me.capabilities.adminSections.includes("REPORT") ? me.capabilities.ownTenant : null;
}
