/**
 * Reads the three-tier administrative map of Vietnam as of 01/03/2025
 * (63 provinces → 696 districts → 10,047 communes, GSO codes) from the shared
 * reference data: admin-units-2025-03-01.json, source "dvhcvn".
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** /work/shared/data: the repository's sibling `shared/data` directory. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../../../../shared/data/", import.meta.url));
export const MAP_FILE = "admin-units-2025-03-01.json";

export interface MapCommune {
  /** GSO code, 5 digits. */
  code: string;
  name: string;
  /** Xã, Phường, Thị trấn. */
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
  districts: MapDistrict[];
}

export interface AdminMap {
  /** The date the map describes (yyyy-mm-dd). */
  asOf: string;
  provinces: MapProvince[];
}

interface RawFile {
  data: {
    level1_id: string;
    name: string;
    type: string;
    level2s: {
      level2_id: string;
      name: string;
      type: string;
      level3s: { level3_id: string; name: string; type: string }[];
    }[];
  }[];
}

function text(v: unknown, where: string): string {
  if (typeof v !== "string" || v.trim() === "") throw new Error(`${MAP_FILE}: missing ${where}`);
  return v.trim();
}

export async function loadMap(dataDir: string = DEFAULT_DATA_DIR): Promise<AdminMap> {
  const raw = JSON.parse(await readFile(join(dataDir, MAP_FILE), "utf8")) as RawFile;
  if (!raw || !Array.isArray(raw.data)) throw new Error(`${MAP_FILE}: no "data" array`);
  const provinces = raw.data.map((p, i): MapProvince => {
    const code = text(p.level1_id, `data[${i}].level1_id`);
    return {
      code,
      name: text(p.name, `name of province ${code}`),
      type: text(p.type, `type of province ${code}`),
      districts: (p.level2s ?? []).map((d, j): MapDistrict => {
        const dcode = text(d.level2_id, `data[${i}].level2s[${j}].level2_id`);
        return {
          code: dcode,
          name: text(d.name, `name of district ${dcode}`),
          type: text(d.type, `type of district ${dcode}`),
          communes: (d.level3s ?? []).map((c, k): MapCommune => {
            const ccode = text(c.level3_id, `level3s[${k}].level3_id of district ${dcode}`);
            return {
              code: ccode,
              name: text(c.name, `name of commune ${ccode}`),
              type: text(c.type, `type of commune ${ccode}`),
            };
          }),
        };
      }),
    };
  });
  return { asOf: "2025-03-01", provinces };
}
