/**
 * Aggregates for provinces and the ministry. Counting is SQL; every judgement
 * of values is criteria-core (rollups, re-evaluation against national v1.0).
 * The impact of a draft is services/impact.ts.
 */
import {
  diff,
  evaluate,
  levelDistribution,
  rollup,
  tryEvaluate,
  type CriterionLevelTally,
  type Evaluation,
  type IndicatorValues,
} from "@cds/criteria-core";
import { compareVietnamese, type TCriteriaSet } from "@cds/criteria-schema";
import { readerOf, type SqlRunner } from "../db.ts";
import { InputError, NotFoundError } from "../errors.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { reportDeadline } from "@cds/calendar";
import { requireYear } from "./input.ts";
import { basicOrAboveCount, levelsOfGroups, nationalFramework } from "./level-counts.ts";
import { can, subtreeWhere, workWhere, type Viewer } from "./access.ts";
import { checkMapId, summaryMapId, unitByCode } from "./units.ts";
import { documentOf, pinnedSet } from "./sets.ts";
import { isUnitLate, UNSUBMITTED } from "./rounds.ts";

export interface NationalRow {
  tenantId: string;
  name: string;
  units: number;
  assessed: number;
  recognised: number;
  /** byLevel[l] = units recognised at level l (0 to the national framework's levels). */
  byLevel: number[];
  /** Units recognised at the framework's Cơ bản level or above, over all units of the kind. */
  basicOrAbove: { numerator: number; denominator: number };
  reportSubmittedAt: Date | null;
  reportOnTime: boolean | null;
  reportDeadline: Date;
  /** The administrative map the row counts on. */
  mapId: string;
  /** The current province that absorbed this one (rows of the three-tier map), else null. */
  successorId: string | null;
  /**
   * Set on a converted row only: the old provinces whose rows were added up into this current province, and the
   * rule, in words, so a comparison never shows a converted figure as if it had been measured.
   */
  convertedFrom: string[] | null;
  conversionRule: string | null;
}

/** The one rule for putting an old map's province rows into today's provinces: add them up. */
export const CONVERSION_RULE =
  "Quy đổi: cộng số đơn vị, số được đánh giá và số được công nhận theo mức của các tỉnh cũ đã hợp nhất; tỷ lệ tính lại trên tổng";

/**
 * One SQL aggregate: per province on a map, units of the kind, recognised counts per level, report timeliness.
 * Read from the database's read replica when it has one (DATABASE_READ_URL; `readerOf`), else from `primary`.
 */
export async function nationalSummary(
  primary: SqlRunner,
  input: { year: number; unitKind: string; mapId?: string | null },
): Promise<NationalRow[]> {
  const sql = readerOf(primary);
  requireYear("year", input.year);
  const mapId = input.mapId ? checkMapId(input.mapId) : await summaryMapId(sql, input.year, input.unitKind);
  const framework = nationalSetFor(input.unitKind);
  const nLevels = framework.levels.length;
  const rows = await sql.query<{
    tenant_id: string;
    name: string;
    units: string | number;
    assessed: string | number;
    submitted_at: Date | string | null;
    on_time: boolean | null;
    successor_id: string | null;
  }>(
    // The provinces of the map: those with units of the kind on it (63 on the three-tier map, 34 on today's).
    `WITH u AS (
       SELECT "tenantId" AS tenant_id, count(*) AS units FROM "Unit"
        WHERE "kindCode" = $2 AND "mapId" = $3 GROUP BY "tenantId"
     ), a AS (
       SELECT r."tenantId" AS tenant_id, count(*) AS assessed
         FROM "Round" r JOIN "Assessment" a ON a."roundId" = r.id
        WHERE r.year = $1 AND r."unitKind" = $2 AND r."mapId" = $3 AND r."judgedBy" = 'levels'
        GROUP BY r."tenantId"
     )
     SELECT t.id AS tenant_id, t.name, u.units AS units, coalesce(a.assessed, 0) AS assessed,
            p."submittedAt" AS submitted_at, p."onTime" AS on_time, t."successorId" AS successor_id
       FROM "Tenant" t
       JOIN u ON u.tenant_id = t.id
       LEFT JOIN a ON a.tenant_id = t.id
       LEFT JOIN "ProvinceReport" p ON p."tenantId" = t.id AND p.year = $1
      WHERE t.kind = 'PROVINCE'`,
    [input.year, input.unitKind, mapId],
  );
  const recognised = await sql.query<{ tenant_id: string; level: number | null; n: string | number }>(
    `SELECT r."tenantId" AS tenant_id, a."recognisedLevel" AS level, count(*) AS n
       FROM "Round" r JOIN "Assessment" a ON a."roundId" = r.id
      WHERE r.year = $1 AND r."unitKind" = $2 AND r."mapId" = $3 AND r."judgedBy" = 'levels' AND a.status = 'RECOGNISED'
      GROUP BY r."tenantId", a."recognisedLevel"`,
    [input.year, input.unitKind, mapId],
  );
  const deadline = reportDeadline(input.year);
  // Vietnamese order in JS: the database's collation ("C" on PGlite) would put "Đ…" last.
  rows.sort((x, y) => compareVietnamese(x.name, y.name));
  return rows.map((r) => {
    const groups = recognised.filter((g) => g.tenant_id === r.tenant_id).map((g) => ({ ...g, _count: Number(g.n) }));
    const byLevel = levelDistribution(
      levelsOfGroups(groups, (g) => g.level),
      nLevels,
    );
    const units = Number(r.units);
    return {
      tenantId: r.tenant_id,
      name: r.name,
      units,
      assessed: Number(r.assessed),
      recognised: byLevel.reduce((sum, n) => sum + n, 0),
      byLevel,
      basicOrAbove: { numerator: basicOrAboveCount(input.unitKind, byLevel), denominator: units },
      reportSubmittedAt: r.submitted_at === null ? null : new Date(r.submitted_at),
      reportOnTime: r.on_time,
      reportDeadline: deadline,
      mapId,
      successorId: r.successor_id,
      convertedFrom: null,
      conversionRule: null,
    };
  });
}

/**
 * An old map's province rows put into today's provinces by the declared rule (CONVERSION_RULE): each current
 * province gets the sum of its own old row and those of the provinces merged into it, labelled with the rule
 * and the provinces it came from. Rows of provinces that did not merge are returned as measured.
 */
export function convertToSuccessors(
  rows: NationalRow[],
  current: { id: string; name: string }[],
  unitKind: string,
): NationalRow[] {
  const names = new Map(current.map((t) => [t.id, t.name]));
  const groups = new Map<string, NationalRow[]>();
  for (const r of rows) {
    const into = r.successorId ?? r.tenantId;
    groups.set(into, [...(groups.get(into) ?? []), r]);
  }
  const out: NationalRow[] = [];
  for (const [tenantId, parts] of groups) {
    if (parts.length === 1 && parts[0]!.tenantId === tenantId) {
      out.push(parts[0]!);
      continue;
    }
    const sum = (f: (r: NationalRow) => number) => parts.reduce((n, r) => n + f(r), 0);
    const byLevel = parts[0]!.byLevel.map((_, l) => sum((r) => r.byLevel[l] ?? 0));
    const units = sum((r) => r.units);
    out.push({
      ...parts[0]!,
      tenantId,
      name: names.get(tenantId) ?? tenantId,
      units,
      assessed: sum((r) => r.assessed),
      recognised: sum((r) => r.recognised),
      byLevel,
      basicOrAbove: { numerator: basicOrAboveCount(unitKind, byLevel), denominator: units },
      // A report belongs to one old province: a converted row has none of its own.
      reportSubmittedAt: null,
      reportOnTime: null,
      successorId: null,
      convertedFrom: parts.map((r) => r.tenantId).sort(),
      conversionRule: CONVERSION_RULE,
    });
  }
  return out.sort((x, y) => compareVietnamese(x.name, y.name));
}

export interface RoundSummary {
  roundId: string;
  units: number;
  byStatus: { status: string; count: number }[];
  /** Current computed level of every assessment (what the data reach now). */
  byComputedLevel: number[];
  byRecognisedLevel: number[];
  /** Recognised at the national framework's "Cơ bản" level or above (see `basicOrAboveCount`). */
  recognisedBasicOrAbove: number;
  reviewQueue: number;
  /** Units late: submitted after their deadline (flagged), or not submitted though their deadline has passed. */
  late: number;
  /** The statuses that wait for a reviewer (the review queue), for the apps' "Cần xử lý" filter. */
  reviewQueueStatuses: string[];
}

/** The statuses that wait for a reviewer: the one definition of the review queue. */
export const REVIEW_QUEUE = ["SUBMITTED", "VERIFIED", "APPRAISED"] as const;

export async function roundSummary(
  prisma: PrismaClient,
  viewer: Viewer,
  roundId: string,
  unitCode: string | null = null,
  now: Date = new Date(),
): Promise<RoundSummary> {
  const round = await prisma.round.findFirst({ where: { id: roundId } });
  if (!round || !can.readTenant(viewer, round.tenantId)) throw new NotFoundError("đợt đánh giá", roundId);
  const root = unitCode ? await unitByCode(prisma, unitCode, { mapId: round.mapId }) : null;
  if (unitCode && (!root || root.tenantId !== round.tenantId)) throw new NotFoundError("đơn vị", unitCode);
  const rows = await prisma.assessment.groupBy({
    by: ["status", "computedLevel", "recognisedLevel"],
    // Counts of working data (statuses, computed levels) over the assessments the asker may read, as their fields.
    where: {
      AND: [{ roundId }, workWhere(viewer), root ? { unit: subtreeWhere(root.path) } : {}],
    },
    _count: true,
  });
  const nLevels = (await pinnedSet(prisma, round.setVersionId)).levels.length;
  const byStatus = new Map<string, number>();
  let units = 0;
  for (const r of rows) {
    units += r._count;
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r._count);
  }
  const recognisedRows = rows.filter((r) => r.status === "RECOGNISED");
  const byComputedLevel = levelDistribution(
    levelsOfGroups(rows, (r) => r.computedLevel),
    nLevels,
  );
  const byRecognisedLevel = levelDistribution(
    levelsOfGroups(recognisedRows, (r) => r.recognisedLevel),
    nLevels,
  );
  const order = ["DRAFT", "SUBMITTED", "RETURNED", "VERIFIED", "APPRAISED", "RECOGNISED"];
  const scope: Prisma.AssessmentWhereInput = {
    AND: [{ roundId }, workWhere(viewer), root ? { unit: subtreeWhere(root.path) } : {}],
  };
  const lateCandidates = await prisma.assessment.findMany({
    where: { AND: [scope, { OR: [{ submittedLate: true }, { status: { in: [...UNSUBMITTED] } }] }] },
    select: { status: true, submittedLate: true, extensions: { select: { dueAt: true, createdAt: true } } },
  });
  const late = lateCandidates.filter((a) => isUnitLate({ ...a, round }, now)).length;
  return {
    roundId,
    units,
    byStatus: order.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    byComputedLevel,
    byRecognisedLevel,
    recognisedBasicOrAbove: basicOrAboveCount(round.unitKind, byRecognisedLevel),
    reviewQueue: REVIEW_QUEUE.reduce((sum, status) => sum + (byStatus.get(status) ?? 0), 0),
    late,
    reviewQueueStatuses: [...REVIEW_QUEUE],
  };
}

export interface CriterionRate {
  code: string;
  name: string;
  /** Per level of the set: criteria-core's tally, its pass rate = pass over pass or fail (exempt counted apart). */
  levels: CriterionLevelTally[];
}

export interface ProvincePassRates {
  tenantId: string;
  name: string;
  units: number;
  /** Judged against the province's own pinned set, as recognised. */
  ownSet: CriterionRate[];
  /** The same values judged against national v1.0, so provinces with different sets compare fairly. */
  national: CriterionRate[];
  nationalByLevel: number[];
}

function nationalSetFor(unitKind: string): TCriteriaSet {
  const set = nationalFramework(unitKind);
  if (!set)
    throw InputError.field(
      "unitKind",
      `Không có khung quốc gia cho cấp ${unitKind}`,
      `No national framework for ${unitKind}`,
    );
  return set;
}

/**
 * Values restricted to what the target set can judge: unknown codes and values of another shape count as missing.
 * criteria-core checks each value on its own and names every bad one, so one judgement of them all finds the values
 * to drop (nearly always none); should the rest still not pass, each value is tried alone.
 */
export function valuesFor(set: TCriteriaSet, values: Record<string, unknown>): IndicatorValues {
  const out: Record<string, unknown> = {};
  for (const c of set.criteria) {
    const v = values[c.code];
    if (v !== undefined && v !== null) out[c.code] = v;
  }
  const alone = (code: string) => tryEvaluate(set, { [code]: out[code] } as IndicatorValues).ok;
  const all = tryEvaluate(set, out as IndicatorValues);
  if (all.ok) return out as IndicatorValues;
  for (const i of all.issues) if (i.criterion in out && !alone(i.criterion)) delete out[i.criterion];
  if (tryEvaluate(set, out as IndicatorValues).ok) return out as IndicatorValues;
  for (const code of Object.keys(out)) if (!alone(code)) delete out[code];
  return out as IndicatorValues;
}

function rates(set: TCriteriaSet, r: ReturnType<typeof rollup>): CriterionRate[] {
  return r.criteria.map((c, i) => ({
    code: c.code,
    name: set.criteria[i]!.name,
    levels: c.levels,
  }));
}

/** Pass rates of recognised assessments per province, against its own set and against national v1.0. */
export async function passRates(
  prisma: PrismaClient,
  input: { year: number; unitKind: string; tenantIds?: string[] | null; mapId: string },
): Promise<ProvincePassRates[]> {
  const national = nationalSetFor(input.unitKind);
  const rounds = await prisma.round.findMany({
    where: {
      year: input.year,
      unitKind: input.unitKind,
      // Pass rates are of the 2361 level rounds; a scored index's components are not criteria.
      judgedBy: "levels",
      mapId: checkMapId(input.mapId),
      ...(input.tenantIds ? { tenantId: { in: input.tenantIds } } : {}),
    },
    include: { tenant: true, setVersion: true },
  });
  rounds.sort((x, y) => compareVietnamese(x.tenant.name, y.tenant.name));
  const out: ProvincePassRates[] = [];
  for (const round of rounds) {
    const own = documentOf(round.setVersion);
    const rows = await prisma.assessment.findMany({
      where: { roundId: round.id, status: "RECOGNISED" },
      select: { effectiveValues: true, evaluation: true },
    });
    const ownEvals = rows.map((r) => r.evaluation as unknown as Evaluation).filter((e) => e !== null);
    const natEvals = rows.map((r) =>
      evaluate(national, valuesFor(national, r.effectiveValues as Record<string, unknown>)),
    );
    const nationalRollup = rollup(national, natEvals);
    out.push({
      tenantId: round.tenantId,
      name: round.tenant.name,
      units: rows.length,
      ownSet: rates(own, rollup(own, ownEvals)),
      national: rates(national, nationalRollup),
      nationalByLevel: nationalRollup.byLevel,
    });
  }
  return out;
}

/** How a province's published set deviates from national v1.0 (criteria-core diff). */
export async function setDeviation(prisma: PrismaClient, input: { tenantId: string; unitKind: string }) {
  const v = await prisma.criteriaSetVersion.findFirst({
    where: { status: "PUBLISHED", set: { tenantId: input.tenantId, unitKind: input.unitKind } },
    orderBy: { publishedAt: "desc" },
  });
  if (!v) return null;
  return { versionId: v.id, diff: diff(nationalSetFor(input.unitKind), documentOf(v)) };
}
