/**
 * The whole-nation seed, for benchmarks and load tests, on the map in force on
 * 1 January of `year` (`mapIdForYear`, as a round opened that year gets):
 * - three-tier map (years up to 2025): for each of the 63 province tenants, a
 *   commune round and a district round, an assessment for every unit (10,047
 *   communes + 696 districts), ~400k IndicatorValue rows;
 * - two-tier map (2026 on): for each of the 34 tenants still open on 1 January
 *   (the 29 merged provinces closed on 30/06/2025), a commune round only (the
 *   map has no districts), an assessment for each of its 3,321 communes.
 * Every round carries its map and the review chain a round on that map gets
 * (`defaultReviewChain`), is pinned to the national published versions
 * (vn-2361-commune / vn-2361-district 1.0), and the provinces send their
 * yearly reports (a few late).
 *
 * Values are deterministic and synthetic (valuesAtLevel, seeded by GSO code
 * and year); every level stored is criteria-core's `evaluate` of the stored
 * values, cached exactly as services/assessments.ts refreshEvaluation does
 * (effectiveValues, evaluation, computedLevel). A district's CHUNG-01 is built
 * from its communes' recognised levels (childLevelsValue), as
 * refreshChildLevels does.
 *
 * Fast path: no service calls, a few large multi-row INSERTs (rows passed as
 * one JSON parameter, expanded by jsonb_to_recordset) in one transaction on
 * the raw SQL runner. The immutability triggers hold: every assessment is
 * inserted unrecognised, its values are inserted, and only then are the
 * recognised ones moved to RECOGNISED by one UPDATE (the triggers block
 * updates of recognised rows and new child rows of recognised assessments,
 * neither of which happens). Then, outside the transaction, VACUUM (ANALYZE) of
 * the tables the national summary reads (PGlite runs no autovacuum; see
 * refreshStatistics).
 *
 * Idempotent per year: a province that already has any round in `year` (the
 * demo province, or an earlier run) is skipped whole. Ids carry the year, and a
 * year has one map, so years on either map live side by side.
 */
import { childLevelsValue, evaluate, type IndicatorValues } from "@cds/criteria-core";
import { BUILT_IN_SETS, type TCriteriaSet } from "@cds/criteria-schema";
import { isPlatformYear, reportDeadline, vietnamDay } from "@cds/calendar";
import type { Platform } from "../platform.ts";
import { basicOrAboveCount } from "../services/level-counts.ts";
import { versionId } from "./base.ts";
import {
  auditRounds,
  insertAssessments,
  insertReports,
  insertRounds,
  insertValues,
  recogniseRounds,
  refreshStatistics,
  type AssessmentRow,
  type Kind,
  type ReportRow,
  type RoundRow,
  type Status,
  type ValueRow,
} from "./nation-sql.ts";
import {
  ALL_AT_LEAST,
  COMMUNE_DELTA,
  day,
  iso,
  LATE_SHARE,
  LEVEL_WEIGHTS,
  OTHER_STATUSES,
  pick,
  REPORT_SHARE,
  VERSION_AFTER,
  yearPlan,
  type SeedNationOptions,
  type SeedNationResult,
} from "./nation-plan.ts";
import { prng, seedOf, valuesAtLevel } from "./values.ts";

export type { SeedNationOptions, SeedNationResult } from "./nation-plan.ts";

export async function seedNation(platform: Platform, opts: SeedNationOptions): Promise<SeedNationResult> {
  const t0 = performance.now();
  const { year } = opts;
  if (!isPlatformYear(year)) throw new Error(`seedNation: invalid year ${year}`);
  const recognisedShare = opts.recognisedShare ?? 0.85;
  const sql = platform.db.sql;
  const now = platform.services.now();
  const nowIso = iso(now);
  const plan = yearPlan(year);
  const twoTier = !plan.kinds.includes("district");

  const national = (kind: Kind): TCriteriaSet => {
    const s = Object.values(BUILT_IN_SETS).find((x) => x.unitKind === kind);
    if (!s) throw new Error(`seedNation: no national ${kind} set`);
    return s;
  };
  const sets = { commune: national("commune"), district: national("district") };
  const versionIds = {
    commune: versionId(sets.commune.id, sets.commune.version),
    district: versionId(sets.district.id, sets.district.version),
  };

  const result: SeedNationResult = {
    year,
    mapId: plan.mapId,
    provinces: 0,
    skipped: [],
    rounds: 0,
    assessments: 0,
    values: 0,
    recognised: 0,
    byStatus: { DRAFT: 0, SUBMITTED: 0, RETURNED: 0, VERIFIED: 0, APPRAISED: 0, RECOGNISED: 0 },
    recognisedByLevel: { commune: [0, 0, 0, 0, 0, 0], district: [0, 0, 0, 0, 0, 0] },
    reports: 0,
    lateReports: 0,
    ms: 0,
    phases: {},
  };
  let mark = performance.now();
  const phase = (name: string) => {
    const t = performance.now();
    result.phases[name] = (result.phases[name] ?? 0) + (t - mark);
    mark = t;
  };

  await sql.transaction(async (tx) => {
    // The pinned versions must be the published national ones, with the documents the seed judges against.
    const versions = await tx.query<{ id: string; status: string; document: TCriteriaSet | string }>(
      `SELECT id, status, document FROM "CriteriaSetVersion" WHERE id IN ($1, $2)`,
      [versionIds.commune, versionIds.district],
    );
    for (const kind of ["commune", "district"] as const) {
      const v = versions.find((x) => x.id === versionIds[kind]);
      if (!v || v.status !== "PUBLISHED")
        throw new Error(`seedNation: ${versionIds[kind]} is not published; run seedBase first`);
      sets[kind] = typeof v.document === "string" ? (JSON.parse(v.document) as TCriteriaSet) : v.document;
    }

    // The provinces that still existed on 1 January: all 63 on the three-tier map, the 34 current ones after the merges.
    const tenants = await tx.query<{ id: string; name: string }>(
      `SELECT id, name FROM "Tenant" WHERE kind = 'PROVINCE' AND ("validTo" IS NULL OR "validTo" >= $1::date) ORDER BY id`,
      [plan.firstDay],
    );
    const existing = new Set(
      (await tx.query<{ tenantId: string }>(`SELECT DISTINCT "tenantId" FROM "Round" WHERE year = $1`, [year])).map(
        (r) => r.tenantId,
      ),
    );
    const wanted = opts.tenantIds ? new Set(opts.tenantIds) : null;
    const included = tenants.filter((t) => (!wanted || wanted.has(t.id)) && !existing.has(t.id));
    result.skipped = tenants.filter((t) => (!wanted || wanted.has(t.id)) && existing.has(t.id)).map((t) => t.id);
    if (included.length === 0) return;
    const includedIds = new Set(included.map((t) => t.id));

    const units = await tx.query<{
      id: string;
      code: string;
      tenantId: string;
      kindCode: Kind;
      parentId: string | null;
    }>(
      `SELECT id, code, "tenantId", "kindCode", "parentId" FROM "Unit"
        WHERE "mapId" = $1 AND "kindCode" = ANY($2::text[]) ORDER BY code`,
      [plan.mapId, plan.kinds],
    );

    const roundId = (tenantId: string, kind: Kind) => `rnd_${tenantId}_${year}_${kind}`;
    const rounds: RoundRow[] = included.flatMap((t) =>
      plan.kinds.map((kind) => ({
        id: roundId(t.id, kind),
        tenantId: t.id,
        year,
        unitKind: kind,
        name: `Đánh giá mức độ chuyển đổi số ${kind === "district" ? "cấp huyện" : "cấp xã"} năm ${year}`,
        mapId: plan.mapId,
        reviewChain: plan.reviewChain,
        setVersionId: versionIds[kind],
        submitDueAt: kind === "commune" ? `${year}-10-31` : `${year}-11-15`,
        reviewDueAt: kind === "commune" ? `${year}-12-15` : `${year}-12-20`,
        createdAt: iso(day(year, 3, 1)),
      })),
    );

    const assessments: AssessmentRow[] = [];
    const values: ValueRow[] = [];
    /** Recognised level (or null) of every seeded commune, by its district's unit id. */
    const childLevels = new Map<string, (number | null)[]>();
    /** Per tenant and kind: units, recognised, recognised by level — the report's summary. */
    const tally = new Map<string, { units: number; recognised: number; byLevel: number[] }>();

    const build = (
      u: { id: string; code: string; tenantId: string },
      kind: Kind,
      target: number,
      status: Status,
      extra: Record<string, unknown> = {},
    ) => {
      const set = sets[kind];
      const rnd = prng(seedOf(`${u.code}/${year}/status`));
      const missing = status === "DRAFT" ? 0.3 : status === "RETURNED" ? 0.08 : rnd() < 0.05 ? 0.04 : 0;
      const entered = { ...valuesAtLevel(set, target, seedOf(u.code) ^ year, missing), ...extra };
      const e = evaluate(set, entered as IndicatorValues);
      const level = e.level;
      const recognised = status === "RECOGNISED";
      const submitted = status !== "DRAFT";
      const id = `a_${year}_${u.code}`;
      const submittedAt = submitted ? day(year, kind === "commune" ? 9 : 10, 1 + Math.floor(rnd() * 28)) : null;
      const recognisedAt = recognised ? day(year, 11, 20 + Math.floor(rnd() * 10), 14) : null;
      assessments.push({
        id,
        tenantId: u.tenantId,
        roundId: roundId(u.tenantId, kind),
        unitId: u.id,
        setVersionId: versionIds[kind],
        status,
        registeredLevel: Math.max(1, target),
        selfAssessedLevel: submitted ? level : null,
        appraisedLevel: status === "APPRAISED" || recognised ? level : null,
        recognisedLevel: recognised ? level : null,
        recognitionDecision: recognised ? `${100 + (seedOf(u.code) % 800)}/QĐ-UBND` : null,
        recognitionDate: recognisedAt ? vietnamDay(recognisedAt) : null,
        submittedAt: submittedAt && iso(submittedAt),
        recognisedAt: recognisedAt && iso(recognisedAt),
        effectiveValues: entered,
        evaluation: e,
        computedLevel: level,
        version: VERSION_AFTER[status],
        createdAt: iso(day(year, 3, 1)),
        updatedAt: iso(recognisedAt ?? submittedAt ?? day(year, 8, 15)),
      });
      for (const [code, value] of Object.entries(entered)) {
        values.push({
          id: `iv_${year}_${u.code}_${code}`,
          tenantId: u.tenantId,
          assessmentId: id,
          criterionCode: code,
          value,
          updatedAt: nowIso,
        });
      }
      result.byStatus[status] += 1;
      const key = `${u.tenantId}/${kind}`;
      const t = tally.get(key) ?? { units: 0, recognised: 0, byLevel: [0, 0, 0, 0, 0, 0] };
      t.units += 1;
      if (recognised) {
        t.recognised += 1;
        t.byLevel[level]! += 1;
        result.recognisedByLevel[kind][level]! += 1;
      }
      tally.set(key, t);
      return recognised ? level : null;
    };

    // Three-tier map: a district aims at a level; its communes aim around what the district needs (CHUNG-01), a few
    // lag behind. Most districts are done (every commune recognised); the rest are still in progress.
    const levelWeights = LEVEL_WEIGHTS.map((w, l) => [l, w] as [number, number]);
    const districtPlan = new Map<string, { aim: number; done: boolean }>();
    for (const u of units) {
      if (u.kindCode !== "district" || !includedIds.has(u.tenantId)) continue;
      const rnd = prng(seedOf(`${u.code}/${year}`));
      districtPlan.set(u.id, {
        aim: pick(rnd(), levelWeights),
        done: rnd() < recognisedShare - 0.03,
      });
    }
    for (const u of units) {
      if (u.kindCode !== "commune" || !includedIds.has(u.tenantId)) continue;
      const rnd = prng(seedOf(`${u.code}/${year}`));
      let aim: number;
      let status: Status;
      if (twoTier) {
        // No district above: a commune aims by the same weights and is done as often as a district would be.
        aim = pick(rnd(), levelWeights);
        status = rnd() < recognisedShare - 0.03 || rnd() < 0.25 ? "RECOGNISED" : pick(rnd(), OTHER_STATUSES);
      } else {
        const district = districtPlan.get(u.parentId!) ?? { aim: 2, done: true };
        const floor = ALL_AT_LEAST[district.aim]!;
        aim =
          rnd() < 0.03
            ? Math.max(0, floor - 1)
            : Math.min(5, Math.max(floor, district.aim + pick(rnd(), COMMUNE_DELTA)));
        status = district.done || rnd() < 0.25 ? "RECOGNISED" : pick(rnd(), OTHER_STATUSES);
      }
      const level = build(u, "commune", aim, status);
      const siblings = childLevels.get(u.parentId!) ?? [];
      siblings.push(level);
      childLevels.set(u.parentId!, siblings);
    }
    const childCriteria = sets.district.criteria.filter((c) => c.measure === "childLevels").map((c) => c.code);
    for (const u of units) {
      if (u.kindCode !== "district" || !includedIds.has(u.tenantId)) continue;
      const district = districtPlan.get(u.id)!;
      const rnd = prng(seedOf(`${u.code}/${year}/district`));
      const status: Status = district.done && rnd() < 0.92 ? "RECOGNISED" : pick(rnd(), OTHER_STATUSES);
      const children = childLevels.get(u.id);
      const extra: Record<string, unknown> = {};
      // A district without communes (an island district) has no CHUNG-01 value, as in the API.
      if (children && children.length > 0) for (const code of childCriteria) extra[code] = childLevelsValue(children);
      build(u, "district", district.aim, status, extra);
    }

    phase("compute");
    await insertRounds(tx, rounds);

    await insertAssessments(tx, assessments);

    phase("assessments");
    await insertValues(tx, values);

    phase("values");
    await recogniseRounds(tx, rounds);

    phase("recognise");
    // The yearly reports: most provinces report, a few after the 25/12 deadline.
    const deadline = reportDeadline(year);
    const reports: ReportRow[] = [];
    for (const t of included) {
      const rnd = prng(seedOf(`report/${t.id}/${year}`));
      if (rnd() >= REPORT_SHARE) continue;
      const late = rnd() < LATE_SHARE;
      const submittedAt = late
        ? new Date(deadline.getTime() + (1 + Math.floor(rnd() * 10)) * 86_400_000)
        : day(year, 12, 1 + Math.floor(rnd() * 22), 10);
      const summary: Record<string, unknown> = {};
      for (const kind of plan.kinds) {
        const s = tally.get(`${t.id}/${kind}`) ?? { units: 0, recognised: 0, byLevel: [0, 0, 0, 0, 0, 0] };
        summary[kind] = {
          roundId: roundId(t.id, kind),
          setVersionId: versionIds[kind],
          units: s.units,
          recognised: s.recognised,
          recognisedByLevel: s.byLevel,
          recognisedBasicOrAbove: basicOrAboveCount(kind, s.byLevel),
        };
      }
      reports.push({
        id: `rep_${t.id}_${year}`,
        tenantId: t.id,
        year,
        submittedAt: iso(submittedAt),
        onTime: submittedAt < deadline,
        summary,
        submittedById: "seed:nation",
      });
      if (late) result.lateReports += 1;
    }
    await insertReports(tx, reports);

    await auditRounds(tx, rounds);

    phase("rest");
    result.provinces = included.length;
    result.rounds = rounds.length;
    result.assessments = assessments.length;
    result.values = values.length;
    result.recognised = result.byStatus.RECOGNISED;
    result.reports = reports.length;
  });
  if (result.provinces > 0) {
    mark = performance.now();
    await refreshStatistics(sql);
    phase("statistics");
  }

  result.ms = performance.now() - t0;
  return result;
}
