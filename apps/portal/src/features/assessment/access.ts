import type { Me } from "@cds/ui";

/** Whether a UNIT_EDITOR grant covers the unit (its own unit or below), as the API's `can.editUnit` decides. */
export function canEditUnit(me: Me, unit: { path: string; tenant: { code: string } }): boolean {
  return me.roles.some(
    (g) =>
      g.role === "UNIT_EDITOR" &&
      g.tenantId === unit.tenant.code &&
      (!g.unit || unit.path === g.unit.path || unit.path.startsWith(`${g.unit.path}/`)),
  );
}
