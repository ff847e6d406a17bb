/** How recognised levels are counted across units: the counting rules shared by summaries, reports and the seed. */
import { BUILT_IN_SETS } from "@cds/criteria-schema";

/** Grouped rows' levels, each repeated by its count: what criteria-core's `levelDistribution` counts. */
export function levelsOfGroups<T extends { _count: number }>(
  rows: T[],
  level: (r: T) => number | null,
): (number | null)[] {
  return rows.flatMap((r) => new Array<number | null>(r._count).fill(level(r)));
}

/** The national framework of a unit kind (commune, district), if there is one. */
export const nationalFramework = (unitKind: string) =>
  Object.values(BUILT_IN_SETS).find((s) => s.unitKind === unitKind);

/** The rank of the national framework's "Cơ bản" (basic) level: the bar of the national summary. */
const BASIC_LEVEL_CODE = "co-ban";

/** A set's "Cơ bản" (basic) level, or its highest when it has none by that code. */
export function basicLevel<L extends { code: string; rank: number }>(levels: readonly L[]): L {
  return levels.find((l) => l.code === BASIC_LEVEL_CODE) ?? levels.at(-1)!;
}

/**
 * Units at the national framework's "Cơ bản" level or above, from counts per level: the one rule behind the
 * national summary, the round summary and the yearly report. Kinds without a national framework count none.
 */
export function basicOrAboveCount(unitKind: string, byLevel: readonly number[]): number {
  const framework = nationalFramework(unitKind);
  if (!framework) return 0;
  return byLevel.slice(basicLevel(framework.levels).rank).reduce((sum, n) => sum + n, 0);
}
