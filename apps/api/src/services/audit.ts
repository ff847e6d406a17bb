/** Audit events: who, when, what, before → after. Always written inside the transaction of the change. */
import type { Prisma } from "../generated/prisma/client.ts";
import { NATIONAL_TENANT, type Viewer } from "./access.ts";

export type Tx = Prisma.TransactionClient;

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  tenantId?: string | null;
  before?: unknown;
  after?: unknown;
}

const toJson = (v: unknown) =>
  v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);

/** The event's row: who (a user, an API key, nobody), what, before → after (JSON; undefined parts dropped). */
export function auditRow(viewer: Viewer, e: AuditInput) {
  return {
    actorId: viewer.kind === "user" ? viewer.userId : viewer.kind === "apiKey" ? viewer.keyId : null,
    actorKind: viewer.kind,
    // What belongs to no province (accounts, sign-ins) is the ministry's: the tenant is the audit's shard key.
    tenantId: e.tenantId ?? NATIONAL_TENANT,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: toJson(e.before),
    after: toJson(e.after),
  };
}

export async function audit(tx: Tx, viewer: Viewer, e: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(viewer, e) });
}
