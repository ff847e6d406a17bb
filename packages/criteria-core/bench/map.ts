/**
 * The three-tier administrative map (01/03/2025) flattened to districts with
 * their communes, as the benchmark walks it; read from @cds/admin-units.
 */
import { loadThreeTierMap, THREE_TIER_FILE } from "@cds/admin-units";

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

export function loadMap(): AdminMap {
  const map = loadThreeTierMap();
  const districts: District[] = [];
  let communes = 0;
  for (const p of map.provinces) {
    for (const d of p.districts) {
      communes += d.communes.length;
      districts.push({
        id: d.code,
        name: d.name,
        type: d.type,
        provinceId: p.code,
        communes: d.communes.map((c) => ({ id: c.code, name: c.name, type: c.type })),
      });
    }
  }
  return { file: THREE_TIER_FILE, provinces: map.provinces.length, districts, communes };
}
