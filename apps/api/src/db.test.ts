// The database itself refuses to change what must never change, whatever path a write takes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "./db.ts";
import { listMigrations, migrate } from "./migrate.ts";

let db: Database;

beforeAll(async () => {
  db = await openDatabase();
});
afterAll(async () => {
  await db.close();
});

describe("migrations", () => {
  it("are recorded in Prisma's own table with their sha256 checksums", async () => {
    const rows = await db.sql.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toEqual(listMigrations().map((m) => ({ migration_name: m.name, checksum: m.checksum })));
  });

  it("apply once: a second run applies nothing", async () => {
    expect(await migrate(db.sql)).toEqual([]);
  });
});

describe("immutability in the database", () => {
  it("audit events are append-only", async () => {
    const e = await db.prisma.auditEvent.create({
      data: { actorKind: "system", tenantId: "vn", action: "test", entityType: "Test", entityId: "1" },
    });
    await expect(
      db.prisma.auditEvent.update({
        where: { tenantId_id: { tenantId: e.tenantId, id: e.id } },
        data: { action: "changed" },
      }),
    ).rejects.toThrow(/cds_immutable/);
    await expect(
      db.prisma.auditEvent.delete({ where: { tenantId_id: { tenantId: e.tenantId, id: e.id } } }),
    ).rejects.toThrow(/cds_immutable/);
  });

  it("a published version cannot change, only be archived", async () => {
    await db.prisma.tenant.create({ data: { id: "vn", name: "Bộ Thông tin và Truyền thông", kind: "MINISTRY" } });
    await db.prisma.criteriaSet.create({ data: { id: "s", tenantId: "vn", unitKind: "commune", title: "S" } });
    const v = await db.prisma.criteriaSetVersion.create({
      data: { setId: "s", version: "1.0", document: { a: 1 }, status: "PUBLISHED", publishedAt: new Date() },
    });
    await expect(
      db.prisma.criteriaSetVersion.update({ where: { id: v.id }, data: { document: { a: 2 } } }),
    ).rejects.toThrow(/cds_immutable/);
    await expect(
      db.prisma.criteriaSetVersion.update({ where: { id: v.id }, data: { status: "DRAFT" } }),
    ).rejects.toThrow(/cds_immutable/);
    await expect(db.prisma.criteriaSetVersion.delete({ where: { id: v.id } })).rejects.toThrow(/cds_immutable/);
    const archived = await db.prisma.criteriaSetVersion.update({ where: { id: v.id }, data: { status: "ARCHIVED" } });
    expect(archived.status).toBe("ARCHIVED");
    expect(archived.document).toEqual({ a: 1 });
  });
});
