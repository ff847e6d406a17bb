/**
 * What the whole-nation seed draws from: the map a year is assessed on and what is assessed there, the shares of
 * levels and statuses, the versions the workflow leaves, and the dates of a year's work (instants in Vietnam).
 */
import { MAPS } from "@cds/admin-units";
import { defaultReviewChain, mapIdForYear, reviewChainJson } from "../services/units.ts";
import type { Kind, Status } from "./nation-sql.ts";

export interface SeedNationOptions {
  year: number;
  /** Only these province tenants (default: every province that still existed on 1 January of `year`). */
  tenantIds?: string[];
  /** About this share of districts are done, every commune and most districts recognised (default 0.85: ~86% of communes recognised). */
  recognisedShare?: number;
}

export interface SeedNationResult {
  year: number;
  /** The administrative map the year's rounds assess (the one in force on 1 January). */
  mapId: string;
  /** Provinces seeded now. */
  provinces: number;
  /** Provinces skipped because they already had a round in `year`. */
  skipped: string[];
  rounds: number;
  assessments: number;
  values: number;
  recognised: number;
  byStatus: Record<Status, number>;
  /** Recognised assessments per level 0–5, by unit kind. */
  recognisedByLevel: Record<Kind, number[]>;
  reports: number;
  lateReports: number;
  ms: number;
  /** Milliseconds per phase: compute (values + criteria-core), assessments, values, recognise, rest, statistics. */
  phases: Record<string, number>;
}

/** Share of units aiming at each level 0–5: most communes reach Cơ bản (3) or a level either side. */
export const LEVEL_WEIGHTS = [0.06, 0.16, 0.25, 0.26, 0.17, 0.1];
/** All communes of a district at level ≥ this are needed for the district to reach level d (CHUNG-01 of Decision 2361). */
export const ALL_AT_LEAST = [0, 1, 1, 2, 3, 4];
/** A commune's aim relative to its district's: one below, the same, one or two above. */
export const COMMUNE_DELTA: [number, number][] = [
  [-1, 0.22],
  [0, 0.45],
  [1, 0.27],
  [2, 0.06],
];
/** The units not recognised, spread over the workflow. */
export const OTHER_STATUSES: [Status, number][] = [
  ["DRAFT", 0.35],
  ["SUBMITTED", 0.25],
  ["VERIFIED", 0.15],
  ["APPRAISED", 0.15],
  ["RETURNED", 0.1],
];
/** The version an assessment has after the writes its status implies (register, save, submit, …). */
export const VERSION_AFTER: Record<Status, number> = {
  DRAFT: 3,
  SUBMITTED: 4,
  RETURNED: 5,
  VERIFIED: 5,
  APPRAISED: 6,
  RECOGNISED: 7,
};
export const REPORT_SHARE = 0.9;
export const LATE_SHARE = 0.12;

/** What one year of the seed covers. */
export interface YearPlan {
  /** The map in force on 1 January of the year (`mapIdForYear`), as a round opened that year gets by default. */
  mapId: string;
  /** The unit kinds assessed on that map: commune and district on the three-tier map, commune only on today's. */
  kinds: Kind[];
  /** The review chain a round on that map gets when it opens (the level above, or the province). */
  reviewChain: ReturnType<typeof reviewChainJson>;
  /** 1 January of the year (yyyy-mm-dd): a province tenant takes part if it still existed that day. */
  firstDay: string;
}

export function yearPlan(year: number): YearPlan {
  const mapId = mapIdForYear(year);
  const map = MAPS.find((m) => m.id === mapId);
  if (!map) throw new Error(`seedNation: unknown map ${mapId}`);
  const kinds = (["commune", "district"] as const).filter((k) => map.kinds.includes(k));
  return {
    mapId,
    kinds,
    reviewChain: reviewChainJson(defaultReviewChain(mapId)),
    firstDay: `${String(year).padStart(4, "0")}-01-01`,
  };
}

export function pick<T>(r: number, weighted: [T, number][]): T {
  let acc = 0;
  for (const [v, w] of weighted) {
    acc += w;
    if (r < acc) return v;
  }
  return weighted[weighted.length - 1]![0];
}

export const iso = (d: Date) => d.toISOString();
/** An instant at `hour`:00 in Vietnam. */
export const day = (year: number, month: number, d: number, hour = 9) =>
  new Date(
    `${year}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00+07:00`,
  );
