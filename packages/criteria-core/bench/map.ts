/**
 * Loads the three-tier administrative map (01/03/2025) from the shared data
 * directory: ../../../../shared/data from this folder, or $CDS_SHARED_DATA.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const MAP_FILE = "admin-units-2025-03-01.json";

export interface Commune {
  id: string;
  name: string;
  type: string;
}
export interface District {
  id: string;
  name: string;
  type: string;
  provinceId: string;
  communes: Commune[];
}
export interface AdminMap {
  file: string;
  provinces: number;
  districts: District[];
  communes: number;
}

interface RawMap {
  data: {
    level1_id: string;
    name: string;
    level2s: {
      level2_id: string;
      name: string;
      type: string;
      level3s: { level3_id: string; name: string; type: string }[];
    }[];
  }[];
}

export function sharedDataDir(): string {
  const fromEnv = process.env.CDS_SHARED_DATA;
  if (fromEnv) return resolve(fromEnv);
  return resolve(dirname(fileURLToPath(import.meta.url)), "../../../../shared/data");
}

export function loadMap(): AdminMap {
  const dir = sharedDataDir();
  const file = resolve(dir, MAP_FILE);
  if (!existsSync(file)) {
    const how = process.env.CDS_SHARED_DATA
      ? `CDS_SHARED_DATA=${process.env.CDS_SHARED_DATA}`
      : "the default ../../../../shared/data relative to bench/";
    throw new Error(
      `bench: administrative map not found at ${file} (from ${how}). ` +
        `Set CDS_SHARED_DATA to the directory that holds ${MAP_FILE}.`,
    );
  }
  let raw: RawMap;
  try {
    raw = JSON.parse(readFileSync(file, "utf8")) as RawMap;
  } catch (e) {
    throw new Error(`bench: cannot read ${file}: ${(e as Error).message}`, { cause: e });
  }
  if (!raw || !Array.isArray(raw.data)) throw new Error(`bench: ${file} has no "data" array of provinces`);
  const districts: District[] = [];
  let communes = 0;
  for (const p of raw.data) {
    for (const d of p.level2s) {
      const cs = d.level3s.map((c) => ({ id: c.level3_id, name: c.name, type: c.type }));
      communes += cs.length;
      districts.push({ id: d.level2_id, name: d.name, type: d.type, provinceId: p.level1_id, communes: cs });
    }
  }
  return { file, provinces: raw.data.length, districts, communes };
}
