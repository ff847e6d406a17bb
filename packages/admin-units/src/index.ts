/**
 * Vietnam's administrative maps, shipped with the project (data/, public GSO
 * lists, see README.md): the three-tier map of 01/03/2025 and the two-tier map
 * in force from 01/07/2025 with the merges that made it. Both are read from
 * this package's own folder, never from outside the repository, and checked
 * on load: a malformed file fails with the path of what is wrong.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const THREE_TIER_FILE = "admin-units-2025-03-01.json";
export const TWO_TIER_FILE = "admin-units-2025-07-01-merges.json";

/** Where the data files live (this package's data/ folder). */
export const DATA_DIR = fileURLToPath(new URL("../data/", import.meta.url));

export interface MapCommune {
  /** GSO code, 5 digits. */
  code: string;
  name: string;
  /** Xã, Phường, Thị trấn (three-tier); Xã, Phường, Đặc khu (two-tier). */
  type: string;
}

export interface MapDistrict {
  /** GSO code, 3 digits. */
  code: string;
  name: string;
  /** Quận, Huyện, Thị xã, Thành phố. */
  type: string;
  communes: MapCommune[];
}

export interface MapProvince {
  /** GSO code, 2 digits. */
  code: string;
  name: string;
  /** Tỉnh, Thành phố Trung ương. */
  type: string;
}

/** The three-tier map: province → district → commune. */
export interface ThreeTierMap {
  /** The date the map describes (yyyy-mm-dd). */
  asOf: string;
  provinces: (MapProvince & { districts: MapDistrict[] })[];
}

/** How an old unit went into a new one: whole (`FULL`) or part of its territory (`PARTIAL`). */
export type MergeKind = "FULL" | "PARTIAL";

/** An old unit (of the three-tier map) that went into a new one. */
export interface Predecessor {
  /** The old GSO code. */
  code: string;
  name: string;
  kind: MergeKind;
}

export interface TwoTierCommune extends MapCommune {
  predecessors: Predecessor[];
}

/** The two-tier map: province → commune, each with the old units merged into it. */
export interface TwoTierMap {
  /** The date the map took effect (yyyy-mm-dd). */
  asOf: string;
  provinces: (MapProvince & { predecessors: Predecessor[]; communes: TwoTierCommune[] })[];
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(new URL(`../data/${file}`, import.meta.url), "utf8"));
}

/** Reads a non-empty string at `path`, or fails naming the file and the path. */
function text(file: string, v: unknown, path: string): string {
  if (typeof v !== "string" || v.trim() === "") throw new Error(`${file}: thiếu hoặc sai ${path} / missing ${path}`);
  return v.trim();
}

function list(file: string, v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new Error(`${file}: ${path} phải là một mảng / must be an array`);
  return v;
}

type Raw = Record<string, unknown>;

/** A unit's code (under `idKey`), name and type: strings the file must give. */
function unitFields(f: string, u: Raw, at: string, idKey: string): { code: string; name: string; type: string } {
  return {
    code: text(f, u[idKey], `${at}.${idKey}`),
    name: text(f, u.name, `${at}.name`),
    type: text(f, u.type, `${at}.type`),
  };
}

let threeTier: ThreeTierMap | undefined;
let twoTier: TwoTierMap | undefined;

/** The three-tier map of 01/03/2025: 63 provinces, 696 districts, 10,047 communes. */
export function loadThreeTierMap(): ThreeTierMap {
  if (threeTier) return threeTier;
  const f = THREE_TIER_FILE;
  const raw = readJson(f) as Raw;
  const provinces = list(f, raw?.data, "data").map((p0, i) => {
    const p = p0 as Raw;
    const at = `data[${i}]`;
    return {
      ...unitFields(f, p, at, "level1_id"),
      districts: list(f, p.level2s ?? [], `${at}.level2s`).map((d0, j): MapDistrict => {
        const d = d0 as Raw;
        const dat = `${at}.level2s[${j}]`;
        return {
          ...unitFields(f, d, dat, "level2_id"),
          communes: list(f, d.level3s ?? [], `${dat}.level3s`).map((c0, k): MapCommune => {
            const c = c0 as Raw;
            const cat = `${dat}.level3s[${k}]`;
            return unitFields(f, c, cat, "level3_id");
          }),
        };
      }),
    };
  });
  threeTier = { asOf: "2025-03-01", provinces };
  return threeTier;
}

function predecessors(f: string, v: unknown, at: string): Predecessor[] {
  return list(f, v, `${at}.merges`).map((m0, i) => {
    const m = m0 as Raw;
    const kind = text(f, m.type, `${at}.merges[${i}].type`);
    if (kind !== "full" && kind !== "partial")
      throw new Error(`${f}: ${at}.merges[${i}].type phải là full hoặc partial / must be full or partial`);
    return {
      code: text(f, m.old_id, `${at}.merges[${i}].old_id`),
      name: text(f, m.name, `${at}.merges[${i}].name`),
      kind: kind === "full" ? "FULL" : "PARTIAL",
    };
  });
}

/** The file gives no type on the two-tier map; it is the first word(s) of the name. */
const COMMUNE_TYPES = ["Đặc khu", "Phường", "Xã"];

function typeFromName(f: string, name: string, types: string[], at: string): string {
  const t = types.find((x) => name.startsWith(`${x} `));
  if (!t) throw new Error(`${f}: ${at}.name "${name}" không bắt đầu bằng ${types.join(", ")}`);
  return t;
}

/** The two-tier map of 01/07/2025 with its merges: 34 provinces, 3,321 communes. */
export function loadTwoTierMap(): TwoTierMap {
  if (twoTier) return twoTier;
  const f = TWO_TIER_FILE;
  const raw = readJson(f) as Raw;
  const provinces = list(f, raw?.data, "data").map((p0, i) => {
    const p = p0 as Raw;
    const at = `data[${i}]`;
    const name = text(f, p.name, `${at}.name`);
    return {
      code: text(f, p.level1_id, `${at}.level1_id`),
      name,
      type: name.startsWith("Thành phố ") ? "Thành phố Trung ương" : "Tỉnh",
      predecessors: predecessors(f, p.merges, at),
      communes: list(f, p.level2s ?? [], `${at}.level2s`).map((c0, j): TwoTierCommune => {
        const c = c0 as Raw;
        const cat = `${at}.level2s[${j}]`;
        const cname = text(f, c.name, `${cat}.name`);
        return {
          code: text(f, c.level2_id, `${cat}.level2_id`),
          name: cname,
          type: typeFromName(f, cname, COMMUNE_TYPES, cat),
          predecessors: predecessors(f, c.merges, cat),
        };
      }),
    };
  });
  twoTier = { asOf: "2025-07-01", provinces };
  return twoTier;
}

/** What the merges say that the three-tier map cannot confirm, reported rather than guessed. */
export interface LineageReport {
  /** Old codes named as predecessors of a new commune that are not communes of the three-tier map (with what they are there, if anything). */
  predecessorsNotCommunes: {
    newCode: string;
    oldCode: string;
    name: string;
    foundAs: "district" | "province" | null;
  }[];
  /** Communes of the three-tier map that went into no new commune. */
  communesWithoutSuccessor: MapCommune[];
}

export function lineageReport(
  three: ThreeTierMap = loadThreeTierMap(),
  two: TwoTierMap = loadTwoTierMap(),
): LineageReport {
  const communes = new Map<string, MapCommune>();
  const districts = new Set<string>();
  for (const p of three.provinces)
    for (const d of p.districts) {
      districts.add(d.code);
      for (const c of d.communes) communes.set(c.code, c);
    }
  const provinces = new Set(three.provinces.map((p) => p.code));
  const used = new Set<string>();
  const predecessorsNotCommunes: LineageReport["predecessorsNotCommunes"] = [];
  for (const p of two.provinces)
    for (const c of p.communes)
      for (const m of c.predecessors) {
        used.add(m.code);
        if (communes.has(m.code)) continue;
        const foundAs = districts.has(m.code) ? "district" : provinces.has(m.code) ? "province" : null;
        predecessorsNotCommunes.push({ newCode: c.code, oldCode: m.code, name: m.name, foundAs });
      }
  const communesWithoutSuccessor = [...communes.values()].filter((c) => !used.has(c.code));
  return { predecessorsNotCommunes, communesWithoutSuccessor };
}

// ---- the maps over time ----

export const THREE_TIER_MAP_ID = "2025-03";
export const TWO_TIER_MAP_ID = "2025-07";

/** An administrative map and the period it is (or was) in force; days are yyyy-mm-dd, null bounds are open. */
export interface MapInfo {
  id: string;
  name: string;
  /** The date the data describes. */
  asOf: string;
  /** First day in force; null = before the data begins (the three-tier map is known as of 01/03/2025 only). */
  validFrom: string | null;
  /** Last day in force; null = in force. */
  validTo: string | null;
  /** Unit kinds top down. */
  kinds: readonly string[];
}

/** The maps the platform ships, oldest first. */
export const MAPS: readonly MapInfo[] = [
  {
    id: THREE_TIER_MAP_ID,
    name: "Bản đồ hành chính 3 cấp (01/03/2025)",
    asOf: "2025-03-01",
    validFrom: null,
    validTo: "2025-06-30",
    kinds: ["province", "district", "commune"],
  },
  {
    id: TWO_TIER_MAP_ID,
    name: "Bản đồ hành chính 2 cấp (từ 01/07/2025)",
    asOf: "2025-07-01",
    validFrom: "2025-07-01",
    validTo: null,
    kinds: ["province", "commune"],
  },
];

/** Whether a day (yyyy-mm-dd) lies in a validity period with open (null) bounds. */
export function isValidOn(day: string, period: { validFrom: string | null; validTo: string | null }): boolean {
  return (period.validFrom === null || period.validFrom <= day) && (period.validTo === null || day <= period.validTo);
}

/** The map in force on a day (yyyy-mm-dd). */
export function mapOn(day: string): MapInfo {
  return MAPS.find((m) => isValidOn(day, m)) ?? MAPS[MAPS.length - 1]!;
}

/** The map a round of `year` assesses by default: the one in force on 1 January of that year. */
export function mapForYear(year: number): MapInfo {
  return mapOn(`${String(year).padStart(4, "0")}-01-01`);
}

/** How many units of each kind the map in force on `day` has. */
export function unitCountsOn(day: string): { map: MapInfo; counts: Record<string, number> } {
  const map = mapOn(day);
  if (map.id === THREE_TIER_MAP_ID) {
    const m = loadThreeTierMap();
    const districts = m.provinces.flatMap((p) => p.districts);
    return {
      map,
      counts: {
        province: m.provinces.length,
        district: districts.length,
        commune: districts.reduce((n, d) => n + d.communes.length, 0),
      },
    };
  }
  const m = loadTwoTierMap();
  return {
    map,
    counts: { province: m.provinces.length, commune: m.provinces.reduce((n, p) => n + p.communes.length, 0) },
  };
}

/** Lineage edges between the two maps by kind of unit: province and commune edges, counted by merge kind. */
export function lineageCounts(
  two: TwoTierMap = loadTwoTierMap(),
): Record<"province" | "commune", Record<MergeKind, number>> {
  const out = { province: { FULL: 0, PARTIAL: 0 }, commune: { FULL: 0, PARTIAL: 0 } };
  for (const p of two.provinces) {
    for (const m of p.predecessors) out.province[m.kind]++;
    for (const c of p.communes) for (const m of c.predecessors) out.commune[m.kind]++;
  }
  return out;
}
