/**
 * Today's map and the way to it: the two-tier map of 01/07/2025 (34 provinces, 3,321 communes), the lineage
 * edges from the three-tier map's units into it (FULL or PARTIAL, from the merges file), the 29 provinces that
 * merged into another as closed tenants whose history their successor reads, and agency names with validity
 * (Bộ/Sở TT&TT until 28/02/2025, Bộ/Sở KH&CN since). Idempotent: skipped once the two-tier map has units.
 * Needs the three-tier map seeded first (`seedBase`). One transaction.
 */
import {
  loadTwoTierMap,
  MAPS,
  THREE_TIER_MAP_ID,
  TWO_TIER_MAP_ID,
  type MergeKind,
  type TwoTierMap,
} from "@cds/admin-units";
import { isoDayToDate } from "@cds/calendar";
import { searchName } from "@cds/criteria-schema";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { MINISTRY_TENANT_ID, unitId } from "./base.ts";

const CHUNK = 2_000;
const day = (d: string | null) => (d === null ? null : isoDayToDate(d)!);
const TWO_TIER = MAPS.find((m) => m.id === TWO_TIER_MAP_ID)!;
const THREE_TIER = MAPS.find((m) => m.id === THREE_TIER_MAP_ID)!;
/** The last day of the three-tier map: merged provinces closed then. */
const REFORM_EVE = day(THREE_TIER.validTo)!;
/** Bộ TT&TT and the provinces' Sở TT&TT merged into Bộ/Sở KH&CN on 01/03/2025. */
const AGENCY_RENAMED_ON = "2025-03-01";
const AGENCY_OLD_UNTIL = "2025-02-28";

export interface SeedMapsResult {
  provinces: number;
  communes: number;
  /** Lineage edges written, by kind of the new unit. */
  edges: Record<"province" | "commune", Record<MergeKind, number>>;
  /** Predecessor codes of the merges file found on the three-tier map as a district, not a commune. */
  fromDistricts: string[];
  /** Predecessor codes the three-tier map does not have at all (no edge written). */
  unknown: string[];
  /** Tenants closed because their province merged into another. */
  closedTenants: number;
}

/** "Tỉnh Ninh Bình" → "tỉnh Ninh Bình", as it reads after an agency's name. */
const inName = (provinceName: string) => provinceName.charAt(0).toLowerCase() + provinceName.slice(1);

export async function seedMaps(
  prisma: PrismaClient,
  two: TwoTierMap = loadTwoTierMap(),
): Promise<SeedMapsResult | null> {
  for (const m of MAPS) {
    const data = {
      name: m.name,
      asOf: day(m.asOf)!,
      validFrom: day(m.validFrom),
      validTo: day(m.validTo),
      kinds: [...m.kinds],
    };
    await prisma.adminMap.upsert({ where: { id: m.id }, create: { id: m.id, ...data }, update: data });
  }
  if (await prisma.unit.findFirst({ where: { mapId: TWO_TIER_MAP_ID }, select: { id: true } })) return null;

  const oldUnits = await prisma.unit.findMany({
    where: { mapId: THREE_TIER_MAP_ID },
    select: { id: true, code: true, name: true, kindCode: true, tenantId: true },
  });
  const oldByCode = new Map(oldUnits.map((u) => [u.code, u]));
  const oldProvinces = oldUnits.filter((u) => u.kindCode === "province");
  /**
   * The tenant a new province continues: the old province whose name it keeps (the new Bắc Ninh continues old
   * Bắc Ninh, though it took old Bắc Giang's code 24), else the old province whose code it keeps.
   */
  const continued = (p: TwoTierMap["provinces"][number]) => {
    // Compared without diacritics: the two lists spell "Thanh Hoá" and "Thanh Hóa".
    const named = p.predecessors
      .map((m) => oldProvinces.find((o) => o.code === m.code))
      .find((o) => o !== undefined && searchName(o.name) === searchName(p.name));
    return (named ?? oldProvinces.find((o) => o.code === p.code))?.tenantId;
  };

  const validFrom = day(TWO_TIER.validFrom);
  const units: Prisma.UnitCreateManyInput[] = [];
  const edges: Prisma.UnitLineageCreateManyInput[] = [];
  const result: SeedMapsResult = {
    provinces: 0,
    communes: 0,
    edges: { province: { FULL: 0, PARTIAL: 0 }, commune: { FULL: 0, PARTIAL: 0 } },
    fromDistricts: [],
    unknown: [],
    closedTenants: 0,
  };
  const closed: { tenantId: string; successorId: string }[] = [];
  const current: { tenantId: string; unitId: string; name: string }[] = [];

  for (const p of two.provinces) {
    const tenantId = continued(p);
    if (!tenantId) throw new Error(`seedMaps: province ${p.code} (${p.name}) has no tenant on the three-tier map`);
    const provinceId = unitId(TWO_TIER_MAP_ID, p.code);
    current.push({ tenantId, unitId: provinceId, name: p.name });
    units.push({
      id: provinceId,
      code: p.code,
      mapId: TWO_TIER_MAP_ID,
      validFrom,
      name: p.name,
      searchName: searchName(p.name),
      type: p.type,
      kindCode: "province",
      parentId: null,
      path: p.code,
      tenantId,
    });
    result.provinces++;
    for (const m of p.predecessors) {
      const old = oldByCode.get(m.code);
      if (!old || old.kindCode !== "province") {
        result.unknown.push(m.code);
        continue;
      }
      edges.push({ fromId: old.id, toId: provinceId, kind: m.kind });
      result.edges.province[m.kind]++;
      if (old.tenantId !== tenantId) closed.push({ tenantId: old.tenantId, successorId: tenantId });
    }
    for (const c of p.communes) {
      const id = unitId(TWO_TIER_MAP_ID, c.code);
      units.push({
        id,
        code: c.code,
        mapId: TWO_TIER_MAP_ID,
        validFrom,
        name: c.name,
        searchName: searchName(c.name),
        type: c.type,
        kindCode: "commune",
        parentId: provinceId,
        path: `${p.code}/${c.code}`,
        tenantId,
      });
      result.communes++;
      for (const m of c.predecessors) {
        const old = oldByCode.get(m.code);
        // Five predecessors are old island districts that had no communes: the edge starts at the district.
        if (!old || old.kindCode === "province") {
          result.unknown.push(m.code);
          continue;
        }
        if (old.kindCode === "district") result.fromDistricts.push(m.code);
        edges.push({ fromId: old.id, toId: id, kind: m.kind });
        result.edges.commune[m.kind]++;
      }
    }
  }

  const tenants = await prisma.tenant.findMany({ where: { kind: "PROVINCE" }, select: { id: true, name: true } });
  const closedIds = new Set(closed.map((c) => c.tenantId));
  const agencyNames: Prisma.AgencyNameCreateManyInput[] = [
    {
      tenantId: MINISTRY_TENANT_ID,
      role: "MINISTRY",
      name: "Bộ Thông tin và Truyền thông",
      validTo: day(AGENCY_OLD_UNTIL),
    },
    {
      tenantId: MINISTRY_TENANT_ID,
      role: "MINISTRY",
      name: "Bộ Khoa học và Công nghệ",
      validFrom: day(AGENCY_RENAMED_ON),
    },
  ];
  for (const t of tenants) {
    const name = current.find((c) => c.tenantId === t.id)?.name ?? t.name;
    const end = closedIds.has(t.id) ? REFORM_EVE : null;
    agencyNames.push(
      {
        tenantId: t.id,
        role: "DEPARTMENT",
        name: `Sở Thông tin và Truyền thông ${inName(t.name)}`,
        validTo: day(AGENCY_OLD_UNTIL),
      },
      {
        tenantId: t.id,
        role: "DEPARTMENT",
        name: `Sở Khoa học và Công nghệ ${inName(name)}`,
        validFrom: day(AGENCY_RENAMED_ON),
        validTo: end,
      },
      { tenantId: t.id, role: "PEOPLES_COMMITTEE", name: `Ủy ban nhân dân ${inName(name)}`, validTo: end },
    );
  }

  return prisma.$transaction(
    async (tx) => {
      if (await tx.unit.findFirst({ where: { mapId: TWO_TIER_MAP_ID }, select: { id: true } })) return null;
      // Provinces first (the communes' parents), then communes, then the edges between existing rows.
      for (let i = 0; i < units.length; i += CHUNK) await tx.unit.createMany({ data: units.slice(i, i + CHUNK) });
      for (let i = 0; i < edges.length; i += CHUNK)
        await tx.unitLineage.createMany({ data: edges.slice(i, i + CHUNK) });
      // A continuing province's tenant now stands for its unit on today's map, under today's name.
      for (const c of current)
        await tx.tenant.update({ where: { id: c.tenantId }, data: { unitId: c.unitId, name: c.name } });
      // The ministry in charge today (its earlier name stays in AgencyName).
      await tx.tenant.update({ where: { id: MINISTRY_TENANT_ID }, data: { name: "Bộ Khoa học và Công nghệ" } });
      for (const c of closed) {
        await tx.tenant.update({
          where: { id: c.tenantId },
          data: { validTo: REFORM_EVE, successorId: c.successorId },
        });
      }
      result.closedTenants = closed.length;
      if ((await tx.agencyName.count()) === 0) await tx.agencyName.createMany({ data: agencyNames });
      await tx.auditEvent.create({
        data: {
          actorKind: "system",
          tenantId: MINISTRY_TENANT_ID,
          action: "seed.maps",
          entityType: "AdminMap",
          entityId: TWO_TIER_MAP_ID,
          after: {
            provinces: result.provinces,
            communes: result.communes,
            edges: result.edges,
            fromDistricts: result.fromDistricts,
            unknown: result.unknown,
            closedTenants: result.closedTenants,
          },
        },
      });
      return result;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
