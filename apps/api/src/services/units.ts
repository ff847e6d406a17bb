/**
 * Units across administrative maps: which map is in force on a day or for a round's year, units valid on a
 * day, a unit found by its GSO code (codes repeat across maps, so a code is read on a map), and the review
 * chain a round on a map gets by default.
 */
import { MAPS, mapForYear, mapOn, THREE_TIER_MAP_ID } from "@cds/admin-units";
import { InputError } from "../errors.ts";
import { vietnamDay } from "@cds/calendar";
import type { SqlRunner } from "../db.ts";
import type { Prisma, PrismaClient, Unit } from "../generated/prisma/client.ts";
import { LEVEL_ABOVE_CHAIN, PROVINCE_CHAIN, type ChainStep, type ReviewChain } from "./access.ts";

type Db = Pick<PrismaClient, "unit">;

/** The map in force on a day (a Date read as a Vietnam calendar day, or yyyy-mm-dd). */
export function mapIdOn(day: Date | string): string {
  return mapOn(typeof day === "string" ? day : vietnamDay(day)).id;
}

/** The map a round of `year` assesses unless told otherwise: the one in force on 1 January. */
export function mapIdForYear(year: number): string {
  return mapForYear(year).id;
}

/** Rows with a validity period (units, agency names) valid on a day (a calendar day as a Date at 00:00 UTC). */
export function validOnWhere(day: Date) {
  return {
    AND: [
      { OR: [{ validFrom: null }, { validFrom: { lte: day } }] },
      { OR: [{ validTo: null }, { validTo: { gte: day } }] },
    ],
  };
}

/**
 * The unit with a GSO code on a map; without a map, the one on `preferMapId` or the map in force on `on`
 * (default today), else the newest other unit with that code (a district code exists only on the three-tier map).
 */
export async function unitByCode(
  db: Db,
  code: string,
  where: { mapId?: string; preferMapId?: string; on?: Date | string } = {},
): Promise<Unit | null> {
  if (where.mapId) return db.unit.findUnique({ where: { mapId_code: { mapId: where.mapId, code } } });
  const mapId = where.preferMapId ?? mapIdOn(where.on ?? new Date());
  const exact = await db.unit.findUnique({ where: { mapId_code: { mapId, code } } });
  if (exact) return exact;
  return db.unit.findFirst({ where: { code }, orderBy: [{ validFrom: { sort: "desc", nulls: "last" } }] });
}

/**
 * How each unit kind reads in a sentence ("cấp xã", "sở, ban, ngành"): the kind registry's own name, lower-cased.
 * Returns a namer that falls back to the code for a kind the registry does not know.
 */
export async function unitKindNamer(db: PrismaClient | Prisma.TransactionClient): Promise<(code: string) => string> {
  const kinds = await db.unitKind.findMany({ select: { code: true, name: true } });
  const names = new Map(kinds.map((k) => [k.code, k.name.toLocaleLowerCase("vi")]));
  return (code) => names.get(code) ?? code;
}

/** Unit kinds that are not on an administrative map's territory: the sở, ban, ngành assessed inside a province. */
export const NON_TERRITORIAL_KINDS: readonly string[] = ["agency"];

/** The review chain a round on a map gets when it opens: the level above on the three-tier map, else the province. */
export function defaultReviewChain(mapId: string): ReviewChain {
  return mapId === THREE_TIER_MAP_ID ? LEVEL_ABOVE_CHAIN : PROVINCE_CHAIN;
}

/** A review chain as stored on a round (JSON). */
export function reviewChainJson(chain: ReviewChain): Prisma.InputJsonObject {
  const step = (s: ChainStep) => ({ roles: [...s.roles], at: s.at });
  return { verify: step(chain.verify), appraise: step(chain.appraise), recognise: step(chain.recognise) };
}

/**
 * The map a national comparison of `year` counts on unless told: the map that year's rounds of the kind were run
 * on (the most of them), else the map in force on 1 January of the year.
 */
export async function summaryMapId(sql: SqlRunner, year: number, unitKind: string): Promise<string> {
  const used = await sql.query<{ map_id: string }>(
    `SELECT "mapId" AS map_id FROM "Round" WHERE year = $1 AND "unitKind" = $2 AND "judgedBy" = 'levels' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    [year, unitKind],
  );
  return used[0]?.map_id ?? mapIdForYear(year);
}

/** A map the caller named, or a clear error naming the field (an unknown map would silently count nothing). */
export function checkMapId(mapId: string, field = "mapId"): string {
  if (MAPS.some((m) => m.id === mapId)) return mapId;
  const known = MAPS.map((m) => m.id).join(", ");
  throw InputError.field(
    field,
    `không có bản đồ hành chính "${mapId}" (có: ${known})`,
    `no map "${mapId}" (known: ${known})`,
  );
}
