import { parseCriteriaSet } from "../validate.ts";
import type { TCriteriaSet } from "../schema.ts";
import { vn2361Commune } from "./vn-2361-commune.ts";
import { vn2361District } from "./vn-2361-district.ts";

export { NATIONAL_LEVELS, NATIONAL_ISSUER, NATIONAL_VERSION } from "./common.ts";

/** The unit kinds of the 3-tier map that the national framework v1.0 assesses. */
export const NATIONAL_UNIT_KINDS = [
  { code: "province", childKinds: ["district"] },
  { code: "district", childKinds: ["commune"] },
  { code: "commune", childKinds: [] },
] as const;

/** The national framework v1.0 (Decision 2361/QĐ-BTTTT), validated once at load: Phụ lục I (communes) and II (districts). */
export const BUILT_IN_SETS: Readonly<Record<string, TCriteriaSet>> = Object.freeze({
  "vn-2361-commune": parseCriteriaSet(vn2361Commune, { unitKinds: NATIONAL_UNIT_KINDS }),
  "vn-2361-district": parseCriteriaSet(vn2361District, { unitKinds: NATIONAL_UNIT_KINDS }),
});

export function builtInSet(id: string): TCriteriaSet | undefined {
  return Object.hasOwn(BUILT_IN_SETS, id) ? BUILT_IN_SETS[id] : undefined;
}
