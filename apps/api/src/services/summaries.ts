/**
 * Aggregates for provinces and the ministry. Counting is SQL; every judgement
 * of values is criteria-core (rollups, re-evaluation against national v1.0,
 * impact of a draft).
 */
import { diff, evaluate, rollup, tryEvaluate, type Evaluation, type IndicatorValues } from "@cds/criteria-core";
import { BUILT_IN_SETS, compareVietnamese, validateCriteriaSet, type TCriteriaSet } from "@cds/criteria-schema";
import type { SqlRunner } from "../db.ts";
import { InputError, InvalidSetError, NotFoundError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { can, ensure, workWhere, type Viewer } from "./access.ts";
import { reportDeadline } from "./rounds.ts";
import { documentOf, readableVersion } from "./sets.ts";

export interface NationalRow {
  tenantId: string;
  name: string;
  units: number;
  assessed: number;
  recognised: number;
  /** byLevel[l] = units recognised at level l (0–5). */
  byLevel: number[];
  /** Units recognised at Cơ bản (3) or above, over all units of the kind. */
  basicOrAbove: { numerator: number; denominator: number };
  reportSubmittedAt: Date | null;
  reportOnTime: boolean | null;
  reportDeadline: Date;
}

const LEVELS = 5;

/** One SQL aggregate: per province, units of the kind, recognised counts per level, report timeliness. */
export async function nationalSummary(
  sql: SqlRunner,
  input: { year: number; unitKind: string },
): Promise<NationalRow[]> {
  const rows = await sql.query<{
    tenant_id: string;
    name: string;
    units: string | number;
    assessed: string | number;
    l0: string | number;
    l1: string | number;
    l2: string | number;
    l3: string | number;
    l4: string | number;
    l5: string | number;
    submitted_at: Date | string | null;
    on_time: boolean | null;
  }>(
    `WITH u AS (
       SELECT "tenantId" AS tenant_id, count(*) AS units FROM "Unit" WHERE "kindCode" = $2 GROUP BY "tenantId"
     ), a AS (
       SELECT r."tenantId" AS tenant_id, count(*) AS assessed,
              count(*) FILTER (WHERE a.status = 'RECOGNISED' AND a."recognisedLevel" = 0) AS l0,
              count(*) FILTER (WHERE a.status = 'RECOGNISED' AND a."recognisedLevel" = 1) AS l1,
              count(*) FILTER (WHERE a.status = 'RECOGNISED' AND a."recognisedLevel" = 2) AS l2,
              count(*) FILTER (WHERE a.status = 'RECOGNISED' AND a."recognisedLevel" = 3) AS l3,
              count(*) FILTER (WHERE a.status = 'RECOGNISED' AND a."recognisedLevel" = 4) AS l4,
              count(*) FILTER (WHERE a.status = 'RECOGNISED' AND a."recognisedLevel" = 5) AS l5
         FROM "Round" r JOIN "Assessment" a ON a."roundId" = r.id
        WHERE r.year = $1 AND r."unitKind" = $2
        GROUP BY r."tenantId"
     )
     SELECT t.id AS tenant_id, t.name, coalesce(u.units, 0) AS units, coalesce(a.assessed, 0) AS assessed,
            coalesce(a.l0, 0) AS l0, coalesce(a.l1, 0) AS l1, coalesce(a.l2, 0) AS l2,
            coalesce(a.l3, 0) AS l3, coalesce(a.l4, 0) AS l4, coalesce(a.l5, 0) AS l5,
            p."submittedAt" AS submitted_at, p."onTime" AS on_time
       FROM "Tenant" t
       LEFT JOIN u ON u.tenant_id = t.id
       LEFT JOIN a ON a.tenant_id = t.id
       LEFT JOIN "ProvinceReport" p ON p."tenantId" = t.id AND p.year = $1
      WHERE t.kind = 'PROVINCE'`,
    [input.year, input.unitKind],
  );
  const deadline = reportDeadline(input.year);
  // Vietnamese order in JS: the database's collation ("C" on PGlite) would put "Đ…" last.
  rows.sort((x, y) => compareVietnamese(x.name, y.name));
  return rows.map((r) => {
    const byLevel = [r.l0, r.l1, r.l2, r.l3, r.l4, r.l5].map(Number);
    const units = Number(r.units);
    return {
      tenantId: r.tenant_id,
      name: r.name,
      units,
      assessed: Number(r.assessed),
      recognised: byLevel.reduce((s, n) => s + n, 0),
      byLevel,
      basicOrAbove: { numerator: byLevel[3]! + byLevel[4]! + byLevel[5]!, denominator: units },
      reportSubmittedAt: r.submitted_at === null ? null : new Date(r.submitted_at),
      reportOnTime: r.on_time,
      reportDeadline: deadline,
    };
  });
}

export interface RoundSummary {
  roundId: string;
  units: number;
  byStatus: { status: string; count: number }[];
  /** Current computed level of every assessment (what the data reach now). */
  byComputedLevel: number[];
  byRecognisedLevel: number[];
  reviewQueue: number;
}

export async function roundSummary(
  prisma: PrismaClient,
  viewer: Viewer,
  roundId: string,
  unitCode: string | null = null,
): Promise<RoundSummary> {
  const round = await prisma.round.findUnique({ where: { id: roundId } });
  if (!round || !can.readTenant(viewer, round.tenantId)) throw new NotFoundError("đợt đánh giá", roundId);
  const root = unitCode ? await prisma.unit.findUnique({ where: { code: unitCode } }) : null;
  if (unitCode && (!root || root.tenantId !== round.tenantId)) throw new NotFoundError("đơn vị", unitCode);
  const rows = await prisma.assessment.groupBy({
    by: ["status", "computedLevel", "recognisedLevel"],
    // Counts of working data (statuses, computed levels) over the assessments the asker may read, as their fields.
    where: {
      AND: [
        { roundId },
        workWhere(viewer),
        root ? { unit: { OR: [{ path: root.path }, { path: { startsWith: `${root.path}/` } }] } } : {},
      ],
    },
    _count: true,
  });
  const byStatus = new Map<string, number>();
  const byComputedLevel = new Array<number>(LEVELS + 1).fill(0);
  const byRecognisedLevel = new Array<number>(LEVELS + 1).fill(0);
  let units = 0;
  for (const r of rows) {
    units += r._count;
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r._count);
    byComputedLevel[r.computedLevel]! += r._count;
    if (r.status === "RECOGNISED") byRecognisedLevel[r.recognisedLevel ?? 0]! += r._count;
  }
  const order = ["DRAFT", "SUBMITTED", "RETURNED", "VERIFIED", "APPRAISED", "RECOGNISED"];
  return {
    roundId,
    units,
    byStatus: order.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    byComputedLevel,
    byRecognisedLevel,
    reviewQueue: (byStatus.get("SUBMITTED") ?? 0) + (byStatus.get("VERIFIED") ?? 0) + (byStatus.get("APPRAISED") ?? 0),
  };
}

export interface CriterionRate {
  code: string;
  name: string;
  /** Per level 1–5: units that pass (exempt counted apart) over units judged pass or fail. */
  levels: { level: number; pass: number; fail: number; missing: number; exempt: number; na: number }[];
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
  const set = Object.values(BUILT_IN_SETS).find((s) => s.unitKind === unitKind);
  if (!set)
    throw InputError.field(
      "unitKind",
      `Không có khung quốc gia cho cấp ${unitKind}`,
      `No national framework for ${unitKind}`,
    );
  return set;
}

/** Values restricted to what the target set can judge: unknown codes and values of another shape count as missing. */
export function valuesFor(set: TCriteriaSet, values: Record<string, unknown>): IndicatorValues {
  const out: Record<string, unknown> = {};
  for (const c of set.criteria) {
    const v = values[c.code];
    if (v === undefined || v === null) continue;
    const r = tryEvaluate(set, { [c.code]: v } as IndicatorValues);
    if (r.ok) out[c.code] = v;
  }
  return out as IndicatorValues;
}

function rates(set: TCriteriaSet, evaluations: Evaluation[]): CriterionRate[] {
  const r = rollup(set, evaluations);
  return r.criteria.map((c, i) => ({
    code: c.code,
    name: set.criteria[i]!.name,
    levels: c.levels.map((l) => ({
      level: l.level,
      pass: l.pass,
      fail: l.fail,
      missing: l.missing,
      exempt: l.exempt,
      na: l.na,
    })),
  }));
}

/** Pass rates of recognised assessments per province, against its own set and against national v1.0. */
export async function passRates(
  prisma: PrismaClient,
  input: { year: number; unitKind: string; tenantIds?: string[] | null },
): Promise<ProvincePassRates[]> {
  const national = nationalSetFor(input.unitKind);
  const rounds = await prisma.round.findMany({
    where: {
      year: input.year,
      unitKind: input.unitKind,
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
    const nationalByLevel = new Array<number>(national.levels.length + 1).fill(0);
    for (const e of natEvals) nationalByLevel[e.level]! += 1;
    out.push({
      tenantId: round.tenantId,
      name: round.tenant.name,
      units: rows.length,
      ownSet: rates(own, ownEvals),
      national: rates(national, natEvals),
      nationalByLevel,
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

export interface ImpactUnit {
  assessmentId: string;
  unitId: string;
  unitName: string;
  current: number;
  draft: number;
}

/** A draft judged on a round's current values: how many units would reach each level, and which units move. */
export async function impactPreview(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { versionId: string; roundId: string },
) {
  const v = await readableVersion(prisma, viewer, input.versionId);
  const round = await prisma.round.findUnique({ where: { id: input.roundId } });
  if (!round || !can.readTenant(viewer, round.tenantId)) throw new NotFoundError("đợt đánh giá", input.roundId);
  ensure(can.readTenant(viewer, v.set.tenantId));
  const checked = validateCriteriaSet(v.document);
  if (!checked.ok) throw new InvalidSetError(checked.issues);
  const draft = checked.set;
  if (draft.unitKind !== round.unitKind) {
    throw InputError.field(
      "roundId",
      `Đợt đánh giá dành cho cấp ${round.unitKind}, bộ tiêu chí cho cấp ${draft.unitKind}`,
      `Round is for ${round.unitKind}, the set for ${draft.unitKind}`,
    );
  }
  // Judged on working data: only the assessments the asker may read.
  const rows = await prisma.assessment.findMany({
    where: { AND: [{ roundId: round.id }, workWhere(viewer)] },
    select: { id: true, computedLevel: true, effectiveValues: true, unit: { select: { id: true, name: true } } },
    orderBy: [{ unit: { code: "asc" } }, { id: "asc" }],
  });
  const n = draft.levels.length;
  const current = new Array<number>(n + 1).fill(0);
  const underDraft = new Array<number>(n + 1).fill(0);
  const moved: ImpactUnit[] = [];
  for (const r of rows) {
    const level = evaluate(draft, valuesFor(draft, r.effectiveValues as Record<string, unknown>)).level;
    current[Math.min(r.computedLevel, n)]! += 1;
    underDraft[level]! += 1;
    if (level !== r.computedLevel) {
      moved.push({
        assessmentId: r.id,
        unitId: r.unit.id,
        unitName: r.unit.name,
        current: r.computedLevel,
        draft: level,
      });
    }
  }
  return {
    units: rows.length,
    current,
    draft: underDraft,
    up: moved.filter((m) => m.draft > m.current).length,
    down: moved.filter((m) => m.draft < m.current).length,
    moved,
  };
}
