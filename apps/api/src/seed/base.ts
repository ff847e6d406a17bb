/**
 * The base seed: unit kinds, the ministry and one tenant per province, every
 * unit of the three-tier map (63 + 696 + 10,047 = 10,806), and the national criteria
 * sets of Decision 2361/QĐ-BTTTT, published; then the two-tier map and the lineage
 * between the maps (`seedMaps`). Idempotent: each part is skipped when present.
 * Each part is written in one transaction.
 */
import { BUILT_IN_INDEX_SETS, BUILT_IN_SETS, searchName, slugify, type TCriteriaSet } from "@cds/criteria-schema";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { loadThreeTierMap, MAPS, THREE_TIER_MAP_ID, type ThreeTierMap } from "@cds/admin-units";
import { isoDayToDate } from "@cds/calendar";
import { seedMaps } from "./maps.ts";

export const MINISTRY_TENANT_ID = "vn";
export const MINISTRY_NAME = "Bộ Thông tin và Truyền thông";
/** The last day of the three-tier map (its units' validTo). */
const THREE_TIER_END = isoDayToDate(MAPS.find((m) => m.id === THREE_TIER_MAP_ID)!.validTo!)!;
const DECISION_NUMBER = "2361/QĐ-BTTTT";
const DECISION_DATE = "2024-12-31";
const CHUNK = 2_000;

export const UNIT_KINDS = [
  { code: "province", name: "Cấp tỉnh", nameEn: "Province", parentCode: null },
  { code: "district", name: "Cấp huyện", nameEn: "District", parentCode: "province" },
  { code: "commune", name: "Cấp xã", nameEn: "Commune", parentCode: "district" },
  /** Sở, ban, ngành: assessed inside a province's tenant beside its territorial units (scored indices). */
  { code: "agency", name: "Sở, ban, ngành", nameEn: "Agency", parentCode: "province" },
] as const;

export interface SeedBaseResult {
  provinces: number;
  districts: number;
  communes: number;
}

/**
 * The id of a unit, derived from its map and GSO code so rows can be inserted without reading them back
 * (codes repeat across maps: "u_14563" on the three-tier map, "u_2025-07_13285" on the two-tier map).
 */
export const unitId = (mapId: string, code: string): string =>
  mapId === THREE_TIER_MAP_ID ? `u_${code}` : `u_${mapId}_${code}`;
export const versionId = (setId: string, version: string): string => `v_${setId}_${version}`;

/** "Thành phố Hà Nội" → "ha-noi", "Tỉnh Bà Rịa - Vũng Tàu" → "ba-ria-vung-tau". */
export function provinceSlug(name: string): string {
  return slugify(name.replace(/^\s*(tỉnh|thành phố)\s+/iu, ""));
}

/** Tenant ids for the provinces, by province code; a clash gets the province code appended. */
export function provinceTenantIds(map: ThreeTierMap): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>([MINISTRY_TENANT_ID]);
  for (const p of map.provinces) {
    let id = provinceSlug(p.name) || `p-${p.code}`;
    if (used.has(id)) id = `${id}-${p.code}`;
    for (let n = 2; used.has(id); n++) id = `${provinceSlug(p.name)}-${p.code}-${n}`;
    used.add(id);
    ids.set(p.code, id);
  }
  return ids;
}

export async function seedBase(prisma: PrismaClient): Promise<SeedBaseResult> {
  const result = await seedThreeTier(prisma);
  await seedMaps(prisma);
  // The index templates carry no decision of 2361: only what their own issuer says (a template has none).
  // One transaction, as every part: a set is never left published without its audit event.
  await prisma.$transaction((tx) => seedBuiltInSets(tx, Object.values(BUILT_IN_INDEX_SETS), false));
  return result;
}

/**
 * Publishes built-in sets as the ministry's (the national frameworks, the index templates) once: a set already
 * stored is left as it is, so a database seeded before a set was added gets it on the next start.
 */
async function seedBuiltInSets(
  prisma: PrismaClient | Prisma.TransactionClient,
  sets: readonly TCriteriaSet[],
  decision2361 = true,
) {
  for (const set of sets) {
    const id = versionId(set.id, set.version);
    if (await prisma.criteriaSetVersion.findUnique({ where: { id }, select: { id: true } })) continue;
    const decisionNumber = set.issuer.decisionNumber ?? (decision2361 ? DECISION_NUMBER : null);
    // A built-in set's decision date is a valid day (criteria-schema checks it).
    const day = set.issuer.decisionDate ?? (decision2361 ? DECISION_DATE : null);
    const decisionDate = day ? isoDayToDate(day)! : null;
    await prisma.criteriaSet.upsert({
      where: { id: set.id },
      create: { id: set.id, tenantId: MINISTRY_TENANT_ID, unitKind: set.unitKind, title: set.title },
      update: {},
    });
    await prisma.criteriaSetVersion.create({
      data: {
        id,
        setId: set.id,
        version: set.version,
        status: "PUBLISHED",
        document: JSON.parse(JSON.stringify(set)) as Prisma.InputJsonValue,
        decisionNumber,
        decisionDate,
        publishedAt: decisionDate ?? isoDayToDate(DECISION_DATE)!,
      },
    });
    await prisma.auditEvent.create({
      data: {
        actorKind: "system",
        tenantId: MINISTRY_TENANT_ID,
        action: "seed.publish",
        entityType: "CriteriaSetVersion",
        entityId: id,
        after: { version: set.version, decisionNumber },
      },
    });
  }
}

async function seedThreeTier(prisma: PrismaClient): Promise<SeedBaseResult> {
  const none: SeedBaseResult = { provinces: 0, districts: 0, communes: 0 };
  if (await prisma.tenant.findUnique({ where: { id: MINISTRY_TENANT_ID }, select: { id: true } })) return none;

  const map = loadThreeTierMap();
  const tenantIds = provinceTenantIds(map);

  const provinces: Prisma.UnitCreateManyInput[] = [];
  const districts: Prisma.UnitCreateManyInput[] = [];
  const communes: Prisma.UnitCreateManyInput[] = [];
  for (const p of map.provinces) {
    const tenantId = tenantIds.get(p.code)!;
    const unit = (
      code: string,
      name: string,
      type: string,
      kindCode: string,
      parentId: string | null,
      path: string,
    ) => ({
      id: unitId(THREE_TIER_MAP_ID, code),
      code,
      mapId: THREE_TIER_MAP_ID,
      validTo: THREE_TIER_END,
      name,
      searchName: searchName(name),
      type,
      kindCode,
      parentId,
      path,
      tenantId,
    });
    provinces.push(unit(p.code, p.name, p.type, "province", null, p.code));
    for (const d of p.districts) {
      const dpath = `${p.code}/${d.code}`;
      districts.push(unit(d.code, d.name, d.type, "district", unitId(THREE_TIER_MAP_ID, p.code), dpath));
      for (const c of d.communes) {
        communes.push(unit(c.code, c.name, c.type, "commune", unitId(THREE_TIER_MAP_ID, d.code), `${dpath}/${c.code}`));
      }
    }
  }

  return prisma.$transaction(
    async (tx) => {
      // A concurrent seed may have won the race since the check above.
      if (await tx.tenant.findUnique({ where: { id: MINISTRY_TENANT_ID }, select: { id: true } })) return none;

      // Kinds and units go in parent-before-child order: one statement per tier.
      for (const k of UNIT_KINDS) await tx.unitKind.create({ data: k });

      await tx.tenant.createMany({
        data: [
          { id: MINISTRY_TENANT_ID, name: MINISTRY_NAME, kind: "MINISTRY" },
          ...map.provinces.map((p) => ({ id: tenantIds.get(p.code)!, name: p.name, kind: "PROVINCE" as const })),
        ],
      });

      for (const rows of [provinces, districts, communes]) {
        for (let i = 0; i < rows.length; i += CHUNK) {
          await tx.unit.createMany({ data: rows.slice(i, i + CHUNK) });
        }
      }

      for (const p of map.provinces) {
        await tx.tenant.update({
          where: { id: tenantIds.get(p.code)! },
          data: { unitId: unitId(THREE_TIER_MAP_ID, p.code) },
        });
      }

      await seedBuiltInSets(tx, Object.values(BUILT_IN_SETS));

      return { provinces: provinces.length, districts: districts.length, communes: communes.length };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
