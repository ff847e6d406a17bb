/**
 * What the signed-in user may do here, mirrored from apps/api access.ts so the
 * screen offers only the actions the API will accept. The API still decides:
 * a refused action shows its message.
 */
import type { Me } from "@cds/ui";

type Grant = Me["roles"][number];

const REVIEW_ROLES = new Set(["DISTRICT_OFFICER", "PROVINCE_ADMIN"]);

/** The tenant and subtree the user works in (the first non-ministry grant). */
export interface WorkScope {
  tenantId: string;
  unitCode: string | null;
  unitName: string | null;
  unitPath: string | null;
  role: string;
}

export function workScope(me: Me): WorkScope | null {
  const g = me.roles.find((r) => r.role !== "MINISTRY_ADMIN" && r.role !== "UNIT_EDITOR") ?? me.roles.find((r) => r.role !== "MINISTRY_ADMIN");
  if (!g) return null;
  return { tenantId: g.tenantId, unitCode: g.unit?.code ?? null, unitName: g.unit?.name ?? null, unitPath: g.unit?.path ?? null, role: g.role };
}

function parentPath(path: string): string | null {
  const i = path.lastIndexOf("/");
  return i < 0 ? null : path.slice(0, i);
}

/** The grant sits exactly one level above the unit, or tenant-wide (as isLevelAbove in the API). */
function levelAbove(g: Grant, unit: { path: string }, tenantId: string): boolean {
  if (g.tenantId !== tenantId) return false;
  const parent = parentPath(unit.path);
  if (!g.unit) return parent !== null;
  return parent !== null && g.unit.path === parent;
}

export function canReview(me: Me, unit: { path: string }, tenantId: string): boolean {
  return me.roles.some((g) => REVIEW_ROLES.has(g.role) && levelAbove(g, unit, tenantId));
}

export function canAppraise(me: Me, unit: { path: string }, tenantId: string): boolean {
  return me.roles.some((g) => g.role === "APPRAISER" && levelAbove(g, unit, tenantId));
}

export function isProvinceAdmin(me: Me): string | null {
  return me.roles.find((r) => r.role === "PROVINCE_ADMIN")?.tenantId ?? null;
}
