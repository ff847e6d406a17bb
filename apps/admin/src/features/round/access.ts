/**
 * Where the signed-in user works (for the dashboard's default scope). What they may do comes from
 * the API: `me.capabilities` for the screens, an assessment's `allowedActions` for the review.
 */
import type { Me } from "@cds/ui";

/** The national framework's tenant (the ministry's): its sets are offered to every province. */
export const NATIONAL_TENANT = "vn";

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

/**
 * The tenant whose rounds the user opens, edits and closes, or null: the province's own administration (its
 * report is theirs too), or the ministry for the national rounds ("vn"). The API decides each call (`runProvince`).
 */
export function roundsTenant(me: Me): string | null {
  const { ownTenant, adminSections } = me.capabilities;
  if (ownTenant === null) return null;
  if (adminSections.includes("REPORT")) return ownTenant;
  return ownTenant === NATIONAL_TENANT && adminSections.includes("NATIONAL") ? ownTenant : null;
}

/** Where the ministry works on this page: the national rounds (it has no grant placed in the unit tree). */
export function nationalScope(me: Me): WorkScope | null {
  return roundsTenant(me) === NATIONAL_TENANT
    ? { tenantId: NATIONAL_TENANT, unitCode: null, unitName: null, unitPath: null, role: "MINISTRY_ADMIN" }
    : null;
}
