/**
 * Where the signed-in user works (for the dashboard's default scope). What they
 * may do with an assessment comes from the API's `allowedActions`, not from here.
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
  const g =
    me.roles.find((r) => r.role !== "MINISTRY_ADMIN" && r.role !== "UNIT_EDITOR") ??
    me.roles.find((r) => r.role !== "MINISTRY_ADMIN");
  if (!g) return null;
  return {
    tenantId: g.tenantId,
    unitCode: g.unit?.code ?? null,
    unitName: g.unit?.name ?? null,
    unitPath: g.unit?.path ?? null,
    role: g.role,
  };
}

export function isProvinceAdmin(me: Me): string | null {
  return me.roles.find((r) => r.role === "PROVINCE_ADMIN")?.tenantId ?? null;
}
