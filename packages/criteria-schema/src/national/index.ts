import { parseCriteriaSet } from "../validate.ts";
import type { TCriteriaSet } from "../schema.ts";
import { vn2361Commune } from "./vn-2361-commune.ts";
import { vn2361District } from "./vn-2361-district.ts";
import { vnDtiProvince2022 } from "./vn-dti-province-2022.ts";
import { mauDtiXa } from "./mau-dti-xa.ts";

export { NATIONAL_LEVELS, NATIONAL_ISSUER, NATIONAL_VERSION } from "./common.ts";

/**
 * The unit kinds the platform assesses: the territorial units of the 3-tier
 * map that the national framework v1.0 judges, and agencies (sở, ban, ngành),
 * assessed inside a province's tenant beside its territorial units.
 */
export const NATIONAL_UNIT_KINDS = [
  { code: "province", name: "Cấp tỉnh", nameEn: "Province", childKinds: ["district", "agency"] },
  { code: "district", name: "Cấp huyện", nameEn: "District", childKinds: ["commune"] },
  { code: "commune", name: "Cấp xã", nameEn: "Commune", childKinds: [] },
  { code: "agency", name: "Sở, ban, ngành", nameEn: "Agency (department)", childKinds: [] },
] as const;

/** The national framework v1.0 (Decision 2361/QĐ-BTTTT), validated once at load: Phụ lục I (communes) and II (districts). */
export const BUILT_IN_SETS: Readonly<Record<string, TCriteriaSet>> = Object.freeze({
  "vn-2361-commune": parseCriteriaSet(vn2361Commune, { unitKinds: NATIONAL_UNIT_KINDS }),
  "vn-2361-district": parseCriteriaSet(vn2361District, { unitKinds: NATIONAL_UNIT_KINDS }),
});

/**
 * Scored indices (Bộ chỉ số) shipped with the platform, validated once at load:
 * the national provincial DTI of 2022 (922/QĐ-BTTTT) and a commune index
 * template. Kept apart from `BUILT_IN_SETS`, which lists the level frameworks
 * the platform seeds and compares every province against.
 */
export const BUILT_IN_INDEX_SETS: Readonly<Record<string, TCriteriaSet>> = Object.freeze({
  "vn-dti-province-2022": parseCriteriaSet(vnDtiProvince2022, { unitKinds: NATIONAL_UNIT_KINDS }),
  "mau-dti-xa": parseCriteriaSet(mauDtiXa, { unitKinds: NATIONAL_UNIT_KINDS }),
});

/** Every built-in id: the level frameworks, then the scored indices. */
export function builtInSetIds(): string[] {
  return [...Object.keys(BUILT_IN_SETS), ...Object.keys(BUILT_IN_INDEX_SETS)];
}

/** A built-in set by id (a level framework or a scored index). */
export function builtInSet(id: string): TCriteriaSet | undefined {
  if (Object.hasOwn(BUILT_IN_SETS, id)) return BUILT_IN_SETS[id];
  return Object.hasOwn(BUILT_IN_INDEX_SETS, id) ? BUILT_IN_INDEX_SETS[id] : undefined;
}
