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
      name: "Bộ Khoa học và Công nghệ",
      unitId: null,
    });
    expect(await p.tenant.count({ where: { kind: "PROVINCE" } })).toBe(63);
    expect(await p.tenant.count({ where: { kind: "PROVINCE", unitId: null } })).toBe(0);
    expect(await p.tenant.count()).toBe(64);
  });

  it("creates the unit kinds and 63/696/10,047 units", async () => {
    const p = db.prisma;
    expect(await p.unitKind.findMany({ orderBy: { code: "asc" } })).toEqual([
      { code: "agency", name: "Sở, ban, ngành", nameEn: "Agency", parentCode: "province" },
      { code: "commune", name: "Cấp xã", nameEn: "Commune", parentCode: "district" },
      { code: "district", name: "Cấp huyện", nameEn: "District", parentCode: "province" },
      { code: "province", name: "Cấp tỉnh", nameEn: "Province", parentCode: null },
    ]);
    const byKind = await p.unit.groupBy({
      by: ["kindCode"],
      where: { mapId: "2025-03" },
      _count: { _all: true },
      orderBy: { kindCode: "asc" },
    });
    expect(byKind.map((g) => [g.kindCode, g._count._all])).toEqual([
      ["commune", 10_047],
      ["district", 696],
      ["province", 63],
    ]);
    expect(await p.unit.count({ where: { mapId: "2025-03" } })).toBe(10_806);
  });

  it("every commune sits under a district of its own tenant, with a 3-segment path", async () => {
    const rows = await db.sql.query<{ bad: number }>(
      `SELECT count(*)::int AS bad
         FROM "Unit" c LEFT JOIN "Unit" d ON d.id = c."parentId"
        WHERE c."kindCode" = 'commune' AND c."mapId" = '2025-03'
          AND (d.id IS NULL OR d."kindCode" <> 'district' OR d."tenantId" <> c."tenantId"
               OR array_length(string_to_array(c.path, '/'), 1) <> 3
               OR c.path <> d.path || '/' || c.code)`,
    );
    expect(rows[0]?.bad).toBe(0);
    const communes = await db.prisma.unit.findMany({
      where: { kindCode: "commune", mapId: "2025-03" },
      select: { path: true },
    });
    expect(communes).toHaveLength(10_047);
    expect(communes.every((c) => c.path.split("/").length === 3)).toBe(true);
    expect(
      await db.prisma.unit.findUnique({ where: { mapId_code: { mapId: "2025-03", code: "00001" } } }),
    ).toMatchObject({
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
      where: { status: "PUBLISHED", set: { tenantId: "vn" }, decisionNumber: "2361/QĐ-BTTTT" },
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
      where: { action: "seed.publish", entityId: { in: versions.map((v) => v.id) } },
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

  it("publishes the index templates as the ministry's, with their own decision or none (a template has none)", async () => {
    const rows = await db.prisma.criteriaSetVersion.findMany({
      where: { setId: { in: ["mau-dti-xa", "vn-dti-province-2022"] } },
      orderBy: { setId: "asc" },
      select: { id: true, status: true, decisionNumber: true, document: true },
    });
    expect(rows.map((r) => [r.id, r.status, r.decisionNumber])).toEqual([
      ["v_mau-dti-xa_1.0", "PUBLISHED", null],
      ["v_vn-dti-province-2022_2022", "PUBLISHED", "922/QĐ-BTTTT"],
    ]);
    expect((rows[0]!.document as { title: string }).title).toContain("Mẫu");
  });

  it("a second call is a no-op", async () => {
    expect(await seedBase(db.prisma)).toEqual({ provinces: 0, districts: 0, communes: 0 });
    expect(await db.prisma.unit.count()).toBe(10_806 + 34 + 3_321);
    expect(await db.prisma.tenant.count()).toBe(64);
    expect(await db.prisma.criteriaSetVersion.count()).toBe(4);
    expect(await db.prisma.auditEvent.count()).toBe(5);
  });
});

describe("seedMaps: today's map and the lineage from the three-tier map", () => {
  it("loads the two-tier map in force from 01/07/2025: 34 provinces, 3,321 communes", async () => {
    const byKind = await db.prisma.unit.groupBy({
      by: ["kindCode"],
      where: { mapId: "2025-07" },
      _count: { _all: true },
      orderBy: { kindCode: "asc" },
    });
    expect(byKind.map((g) => [g.kindCode, g._count._all])).toEqual([
      ["commune", 3_321],
      ["province", 34],
    ]);
    const maps = await db.prisma.adminMap.findMany({ orderBy: { asOf: "asc" } });
    expect(
      maps.map((m) => [
        m.id,
        m.validFrom?.toISOString().slice(0, 10) ?? null,
        m.validTo?.toISOString().slice(0, 10) ?? null,
      ]),
    ).toEqual([
      ["2025-03", null, "2025-06-30"],
      ["2025-07", "2025-07-01", null],
    ]);
    // Every unit carries its map's validity.
    expect(
      await db.prisma.unit.count({ where: { mapId: "2025-07", NOT: { validFrom: new Date("2025-07-01") } } }),
    ).toBe(0);
    expect(await db.prisma.unit.count({ where: { mapId: "2025-03", NOT: { validTo: new Date("2025-06-30") } } })).toBe(
      0,
    );
    // Codes repeat across maps: 14563 is a commune on both.
    expect(
      await db.prisma.unit.findMany({ where: { code: "14563" }, select: { mapId: true, name: true, path: true } }),
    ).toEqual(
      expect.arrayContaining([
        { mapId: "2025-03", name: "Xã Khánh Thiện", path: "37/375/14563" },
        { mapId: "2025-07", name: "Xã Khánh Thiện", path: "37/14563" },
      ]),
    );
  });

  it("has 9,592 full and 1,012 partial commune edges, 63 province edges, and a successor for every old commune", async () => {
    const edges = await db.sql.query<{ kind: string; to_kind: string; n: number }>(
      `SELECT l.kind::text AS kind, t."kindCode" AS to_kind, count(*)::int AS n
         FROM "UnitLineage" l JOIN "Unit" t ON t.id = l."toId"
        GROUP BY 1, 2 ORDER BY 2, 1`,
    );
    expect(edges).toEqual([
      { kind: "FULL", to_kind: "commune", n: 9_592 },
      { kind: "PARTIAL", to_kind: "commune", n: 1_012 },
      { kind: "FULL", to_kind: "province", n: 63 },
    ]);
    const orphans = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Unit" u
        WHERE u."mapId" = '2025-03' AND u."kindCode" = 'commune'
          AND NOT EXISTS (SELECT 1 FROM "UnitLineage" l WHERE l."fromId" = u.id)`,
    );
    expect(orphans[0]?.n).toBe(0);
    // The five predecessors that were island districts without communes: their edges start at the district.
    const fromDistricts = await db.prisma.unitLineage.findMany({
      where: { from: { kindCode: "district" } },
      select: { from: { select: { code: true } } },
    });
    expect(fromDistricts.map((e) => e.from.code).sort()).toEqual(["318", "471", "498", "536", "755"]);
    const report = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "seed.maps" } });
    expect(report.after).toMatchObject({ fromDistricts: ["318", "471", "498", "536", "755"].sort(), unknown: [] });
  });

  it("keeps 34 current tenants and closes the 29 merged ones, each read by its successor", async () => {
    expect(await db.prisma.tenant.count({ where: { kind: "PROVINCE", validTo: null } })).toBe(34);
    expect(await db.prisma.tenant.count({ where: { kind: "PROVINCE", NOT: { validTo: null } } })).toBe(29);
    const nb = await db.prisma.tenant.findUniqueOrThrow({
      where: { id: "ninh-binh" },
      include: { unit: true, predecessors: { orderBy: { id: "asc" } } },
    });
    expect(nb.unit).toMatchObject({ mapId: "2025-07", code: "37", name: "Tỉnh Ninh Bình" });
    expect(nb.predecessors.map((t) => [t.id, t.validTo?.toISOString().slice(0, 10)])).toEqual([
      ["ha-nam", "2025-06-30"],
      ["nam-dinh", "2025-06-30"],
    ]);
    // A new province continues the old one whose name it keeps, even when it took another's code.
    for (const [id, code, merged] of [
      ["bac-ninh", "24", "bac-giang"],
      ["lao-cai", "15", "yen-bai"],
      ["an-giang", "91", "kien-giang"],
    ] as const) {
      const t = await db.prisma.tenant.findUniqueOrThrow({ where: { id }, include: { unit: true } });
      expect(t.validTo).toBeNull();
      expect(t.unit).toMatchObject({ mapId: "2025-07", code });
      expect(await db.prisma.tenant.findUniqueOrThrow({ where: { id: merged } })).toMatchObject({ successorId: id });
    }
    // A closed tenant keeps its own (three-tier) province unit.
    const hn = await db.prisma.tenant.findUniqueOrThrow({ where: { id: "ha-nam" }, include: { unit: true } });
    expect(hn.unit).toMatchObject({ mapId: "2025-03", code: "35" });
  });

  it("names agencies with validity: Bộ/Sở TT&TT until 28/02/2025, Bộ/Sở KH&CN since", async () => {
    const names = await db.prisma.agencyName.findMany({
      where: { tenantId: { in: ["vn", "ninh-binh", "ha-nam"] } },
      orderBy: [{ tenantId: "asc" }, { role: "asc" }, { validFrom: { sort: "asc", nulls: "first" } }],
    });
    const row = (n: (typeof names)[number]) => [
      n.tenantId,
      n.role,
      n.name,
      n.validFrom?.toISOString().slice(0, 10) ?? null,
      n.validTo?.toISOString().slice(0, 10) ?? null,
    ];
    expect(names.map(row)).toEqual([
      ["ha-nam", "DEPARTMENT", "Sở Thông tin và Truyền thông tỉnh Hà Nam", null, "2025-02-28"],
      ["ha-nam", "DEPARTMENT", "Sở Khoa học và Công nghệ tỉnh Hà Nam", "2025-03-01", "2025-06-30"],
      ["ha-nam", "PEOPLES_COMMITTEE", "Ủy ban nhân dân tỉnh Hà Nam", null, "2025-06-30"],
      ["ninh-binh", "DEPARTMENT", "Sở Thông tin và Truyền thông tỉnh Ninh Bình", null, "2025-02-28"],
      ["ninh-binh", "DEPARTMENT", "Sở Khoa học và Công nghệ tỉnh Ninh Bình", "2025-03-01", null],
      ["ninh-binh", "PEOPLES_COMMITTEE", "Ủy ban nhân dân tỉnh Ninh Bình", null, null],
      ["vn", "MINISTRY", "Bộ Thông tin và Truyền thông", null, "2025-02-28"],
      ["vn", "MINISTRY", "Bộ Khoa học và Công nghệ", "2025-03-01", null],
    ]);
  });
});
