/**
 * The national inputs: synthetic values for every commune and district of the
 * map. Communes are judged (with criteria-core) before districts are built,
 * because CHUNG-01 of a district is the levels its communes achieved.
 */
import { performance } from "node:perf_hooks";
import { BUILT_IN_SETS, type TCriteriaSet } from "@cds/criteria-schema";
import { childLevelsValue, evaluate, type IndicatorValues } from "../src/index.ts";
import { loadMap, type AdminMap } from "./map.ts";
import { communeAim, districtAim, newStats, rngFor, synthValues, type SynthStats } from "./synth.ts";

export interface NationInputs {
  map: AdminMap;
  communeSet: TCriteriaSet;
  districtSet: TCriteriaSet;
  communes: IndicatorValues[];
  communeIds: string[];
  districts: IndicatorValues[];
  /** Districts with no communes in the map: their CHUNG-01 is missing. */
  noCommunes: number;
  stats: SynthStats;
  genMs: number;
}

function needSet(id: string): TCriteriaSet {
  const s = BUILT_IN_SETS[id];
  if (!s) throw new Error(`bench: built-in set ${id} not found`);
  return s;
}

export function buildInputs(): NationInputs {
  const communeSet = needSet("vn-2361-commune");
  const districtSet = needSet("vn-2361-district");
  const map = loadMap();
  const t0 = performance.now();
  const stats = newStats();
  const communes: IndicatorValues[] = [];
  const districtOfCommune: number[] = [];
  const communeIds: string[] = [];
  const dRngs = map.districts.map((d) => rngFor("district", d.id));
  const dAims = map.districts.map((d, di) => districtAim(dRngs[di]!, d.type));
  map.districts.forEach((d, di) => {
    for (const c of d.communes) {
      const rng = rngFor("commune", c.id);
      const v = synthValues(communeSet, communeAim(rng, dAims[di]!), rng, "commune", stats);
      // As an API or a database would hand them over: plain JSON-parsed objects.
      communes.push(JSON.parse(JSON.stringify(v)) as IndicatorValues);
      districtOfCommune.push(di);
      communeIds.push(c.id);
    }
  });
  // Judge the communes first: CHUNG-01 of each district is the levels its communes achieved.
  const childLevels: number[][] = map.districts.map(() => []);
  communes.forEach((v, i) => childLevels[districtOfCommune[i]!]!.push(evaluate(communeSet, v).level));
  let noCommunes = 0;
  const districts = map.districts.map((_, di) => {
    const own = synthValues(districtSet, dAims[di]!, dRngs[di]!, "district", stats);
    const kids = childLevels[di]!;
    if (kids.length === 0) noCommunes++;
    // A district with no communes (island districts) has no CHUNG-01 value: judged missing.
    const v = { "CHUNG-01": kids.length > 0 ? childLevelsValue(kids) : null, ...own };
    return JSON.parse(JSON.stringify(v)) as IndicatorValues;
  });
  return {
    map,
    communeSet,
    districtSet,
    communes,
    communeIds,
    districts,
    noCommunes,
    stats,
    genMs: performance.now() - t0,
  };
}
