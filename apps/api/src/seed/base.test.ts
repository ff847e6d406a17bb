// The base seed loads the whole three-tier map, the tenants and the national sets, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../db.ts";
import { provinceSlug, seedBase } from "./base.ts";
import { searchName } from "@cds/criteria-schema";

let db: Database;
let result: Awaited<ReturnType<typeof seedBase>>;

beforeAll(async () => {
  db = await openDatabase();
  const t0 = performance.now();
  result = await seedBase(db.prisma);
  console.log(`seedBase took ${Math.round(performance.now() - t0)} ms`);
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe("searchName", () => {
  it("lower-cases, strips diacritics and đ, collapses spaces", () => {
    expect(searchName("Phường Yên Hoà")).toBe("phuong yen hoa");
    expect(searchName("Yên Hòa")).toBe("yen hoa");
    expect(searchName("Yên Hoà")).toBe("yen hoa");
    expect(searchName("  Xã   Đắk\tLắk ")).toBe("xa dak lak");
  });

  it("province slugs drop the type prefix", () => {
    expect(provinceSlug("Thành phố Hà Nội")).toBe("ha-noi");
    expect(provinceSlug("Tỉnh Ninh Bình")).toBe("ninh-binh");
    expect(provinceSlug("Tỉnh Bà Rịa - Vũng Tàu")).toBe("ba-ria-vung-tau");
    expect(provinceSlug("Thành phố Hồ Chí Minh")).toBe("ho-chi-minh");
  });
});

describe("seedBase", () => {
  it("reports what it created", () => {
    expect(result).toEqual({ provinces: 63, districts: 696, communes: 10_047 });
  });

  it("creates the ministry and 63 province tenants", async () => {
    const p = db.prisma;
    expect(await p.tenant.count({ where: { kind: "MINISTRY" } })).toBe(1);
    expect(await p.tenant.findUnique({ where: { id: "vn" } })).toMatchObject({
      kind: "MINISTRY",
      name: "Bộ Thông tin và Truyền thông",
      unitId: null,
    });
    expect(await p.tenant.count({ where: { kind: "PROVINCE" } })).toBe(63);
    expect(await p.tenant.count({ where: { kind: "PROVINCE", unitId: null } })).toBe(0);
    expect(await p.tenant.count()).toBe(64);
  });

  it("creates the unit kinds and 63/696/10,047 units", async () => {
    const p = db.prisma;
    expect(await p.unitKind.findMany({ orderBy: { code: "asc" } })).toEqual([
      { code: "commune", name: "Cấp xã", nameEn: "Commune", parentCode: "district" },
      { code: "district", name: "Cấp huyện", nameEn: "District", parentCode: "province" },
      { code: "province", name: "Cấp tỉnh", nameEn: "Province", parentCode: null },
    ]);
    const byKind = await p.unit.groupBy({ by: ["kindCode"], _count: { _all: true }, orderBy: { kindCode: "asc" } });
    expect(byKind.map((g) => [g.kindCode, g._count._all])).toEqual([
      ["commune", 10_047],
      ["district", 696],
      ["province", 63],
    ]);
    expect(await p.unit.count()).toBe(10_806);
  });

  it("every commune sits under a district of its own tenant, with a 3-segment path", async () => {
    const rows = await db.sql.query<{ bad: number }>(
      `SELECT count(*)::int AS bad
         FROM "Unit" c LEFT JOIN "Unit" d ON d.id = c."parentId"
        WHERE c."kindCode" = 'commune'
          AND (d.id IS NULL OR d."kindCode" <> 'district' OR d."tenantId" <> c."tenantId"
               OR array_length(string_to_array(c.path, '/'), 1) <> 3
               OR c.path <> d.path || '/' || c.code)`,
    );
    expect(rows[0]?.bad).toBe(0);
    const communes = await db.prisma.unit.findMany({ where: { kindCode: "commune" }, select: { path: true } });
    expect(communes).toHaveLength(10_047);
    expect(communes.every((c) => c.path.split("/").length === 3)).toBe(true);
    expect(await db.prisma.unit.findUnique({ where: { code: "00001" } })).toMatchObject({
      name: "Phường Phúc Xá",
      path: "01/001/00001",
      tenantId: "ha-noi",
      parentId: "u_001",
    });
  });

  it("ha-noi and ninh-binh are tenants over their province units", async () => {
    const hn = await db.prisma.tenant.findUnique({ where: { id: "ha-noi" }, include: { unit: true } });
    expect(hn).toMatchObject({
      kind: "PROVINCE",
      name: "Thành phố Hà Nội",
      unit: { code: "01", kindCode: "province" },
    });
    expect(hn?.unit?.tenantId).toBe("ha-noi");
    const nb = await db.prisma.tenant.findUnique({ where: { id: "ninh-binh" }, include: { unit: true } });
    expect(nb).toMatchObject({ kind: "PROVINCE", name: "Tỉnh Ninh Bình", unit: { name: "Tỉnh Ninh Bình" } });
    expect(nb?.unit?.tenantId).toBe("ninh-binh");
    for (const id of ["ba-ria-vung-tau", "ho-chi-minh", "hue", "da-nang"]) {
      expect(await db.prisma.tenant.findUnique({ where: { id } })).not.toBeNull();
    }
  });

  it("search finds both spellings of Yên Hoà", async () => {
    const found = await db.prisma.unit.findMany({
      where: { searchName: { contains: "yen hoa" } },
      select: { name: true },
    });
    const names = new Set(found.map((u) => u.name));
    expect(names).toContain("Phường Yên Hoà");
    expect(names).toContain("Xã Yên Hòa");
  });

  it("publishes the two national sets, each with an audit event", async () => {
    const versions = await db.prisma.criteriaSetVersion.findMany({
      where: { status: "PUBLISHED", set: { tenantId: "vn" } },
      include: { set: true },
      orderBy: { setId: "asc" },
    });
    expect(versions.map((v) => [v.id, v.set.unitKind, v.version])).toEqual([
      ["v_vn-2361-commune_1.0", "commune", "1.0"],
      ["v_vn-2361-district_1.0", "district", "1.0"],
    ]);
    for (const v of versions) {
      expect(v.decisionNumber).toBe("2361/QĐ-BTTTT");
      expect(v.decisionDate?.toISOString()).toBe("2024-12-31T00:00:00.000Z");
      expect(v.publishedAt?.toISOString()).toBe("2024-12-31T00:00:00.000Z");
      expect((v.document as { id: string }).id).toBe(v.setId);
    }
    const events = await db.prisma.auditEvent.findMany({
      where: { action: "seed.publish" },
      orderBy: { entityId: "asc" },
    });
    expect(events.map((e) => [e.entityType, e.entityId, e.tenantId, e.actorKind, e.after])).toEqual([
      [
        "CriteriaSetVersion",
        "v_vn-2361-commune_1.0",
        "vn",
        "system",
        { version: "1.0", decisionNumber: "2361/QĐ-BTTTT" },
      ],
      [
        "CriteriaSetVersion",
        "v_vn-2361-district_1.0",
        "vn",
        "system",
        { version: "1.0", decisionNumber: "2361/QĐ-BTTTT" },
      ],
    ]);
  });

  it("a second call is a no-op", async () => {
    expect(await seedBase(db.prisma)).toEqual({ provinces: 0, districts: 0, communes: 0 });
    expect(await db.prisma.unit.count()).toBe(10_806);
    expect(await db.prisma.tenant.count()).toBe(64);
    expect(await db.prisma.criteriaSetVersion.count()).toBe(2);
    expect(await db.prisma.auditEvent.count()).toBe(2);
  });
});
