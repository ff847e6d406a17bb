/** The read rule of each node type, for node(id)/nodes(ids), which load rows by id. */
import { brandWithType } from "@pothos/core";
import type { Context } from "../context.ts";
import { can, isPublicVersion, PUBLIC_VERSION } from "./access.ts";

/** A row loaded by id, or null when there is none (Prisma's "record not found"). */
export async function orNull<T>(load: T | Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (e) {
    if ((e as { code?: unknown }).code === "P2025") return null;
    throw e;
  }
}

/** One row of a node type by its id, branded with its GraphQL type, or null when there is none. */
export async function nodeRowById(ctx: Context, typename: string, id: string): Promise<unknown> {
  const where = { where: { id } };
  const loaders: Record<string, () => Promise<object | null>> = {
    Assessment: () => ctx.prisma.assessment.findFirst(where),
    CriteriaSet: () => ctx.prisma.criteriaSet.findUnique(where),
    CriteriaSetVersion: () => ctx.prisma.criteriaSetVersion.findUnique(where),
    Round: () => ctx.prisma.round.findFirst(where),
    Tenant: () => ctx.prisma.tenant.findUnique(where),
    Unit: () => ctx.prisma.unit.findUnique(where),
  };
  const row = await loaders[typename]?.();
  if (!row) return null;
  brandWithType(row, typename as never);
  return row;
}

export async function visibleNode(ctx: Context, typename: string, node: unknown): Promise<unknown> {
  if (!node) return null;
  const row = node as Record<string, unknown>;
  switch (typename) {
    case "Assessment": {
      // Recognised: public (can.readAssessment) without loading the unit.
      if (row.status === "RECOGNISED") return node;
      const unit = await ctx.prisma.unit.findUnique({ where: { id: row.unitId as string } });
      return unit && can.readAssessment(ctx.viewer, { status: row.status as string, unit }) ? node : null;
    }
    case "CriteriaSetVersion": {
      if (isPublicVersion(row as { status: string })) return node;
      const set = await ctx.prisma.criteriaSet.findUnique({ where: { id: row.setId as string } });
      return set && can.readTenant(ctx.viewer, set.tenantId) ? node : null;
    }
    case "CriteriaSet": {
      if (can.readTenant(ctx.viewer, row.tenantId as string)) return node;
      const published = await ctx.prisma.criteriaSetVersion.count({
        where: { setId: row.id as string, ...PUBLIC_VERSION },
      });
      return published > 0 ? node : null;
    }
    case "Round":
      // Rounds are public (name, year, deadlines, pinned published version), as the rounds query.
      return node;
    default:
      return node;
  }
}
