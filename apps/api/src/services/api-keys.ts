/** API keys: each tenant's own admin issues keys for third parties (read-only, rate-limited). */
import { InputError, NotFoundError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { can, ensure, requireWriter, type Viewer } from "./access.ts";
import { audit } from "./audit.ts";
import { newApiKey } from "./auth.ts";

export async function createApiKey(prisma: PrismaClient, viewer: Viewer, input: { tenantId: string; name: string }) {
  const user = requireWriter(viewer);
  ensure(can.manageApiKeys(viewer, input.tenantId), "Bạn không có quyền cấp khoá API", "You may not issue API keys");
  const name = input.name.trim();
  if (name.length < 2 || name.length > 120)
    throw InputError.field("name", "Tên khoá từ 2 đến 120 ký tự", "Name: 2 to 120 characters");
  const k = newApiKey();
  return prisma.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { name, prefix: k.prefix, hash: k.hash, tenantId: input.tenantId, createdById: user.userId },
    });
    await audit(tx, viewer, {
      action: "apiKey.create",
      entityType: "ApiKey",
      entityId: row.id,
      tenantId: input.tenantId,
      after: { name, prefix: k.prefix },
    });
    return { apiKey: row, key: k.key };
  });
}

export async function revokeApiKey(prisma: PrismaClient, viewer: Viewer, input: { id: string; now: Date }) {
  requireWriter(viewer);
  const key = await prisma.apiKey.findUnique({ where: { id: input.id } });
  if (!key || !can.manageApiKeys(viewer, key.tenantId)) throw new NotFoundError("khoá API", input.id);
  if (key.revokedAt) return key;
  return prisma.$transaction(async (tx) => {
    const row = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: input.now } });
    await audit(tx, viewer, {
      action: "apiKey.revoke",
      entityType: "ApiKey",
      entityId: key.id,
      tenantId: key.tenantId,
      before: { revokedAt: null },
      after: { revokedAt: input.now },
    });
    return row;
  });
}
