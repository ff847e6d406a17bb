/**
 * The impact of a draft on real units: a round's current values judged against
 * the draft and compared with what the round's pinned version makes of them.
 * A level draft moves units between levels; a scored draft (judgedBy points or
 * both) also changes their scores and their ranks. Every judgement is
 * criteria-core's (`evaluate`, `score`, `rank`, `rankingGroupFor`); nothing is
 * stored.
 */
import {
  evaluate,
  levelDistribution,
  rank,
  rankingGroupFor,
  tryScore,
  type ComponentValues,
  type RankRow,
  type Score,
} from "@cds/criteria-core";
import {
  compareVietnamese,
  isScored,
  judgedBy,
  scoreComponents,
  validateCriteriaSet,
  type TCriteriaSet,
} from "@cds/criteria-schema";
import { InputError, InvalidSetError, NotFoundError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { can, ensure, workWhere, type Viewer } from "./access.ts";
import { parseRankLine, rankKey, type RankedScore } from "./rankings.ts";
import { pinnedSet, readableVersion } from "./sets.ts";
import { valuesFor } from "./summaries.ts";

export interface ImpactUnit {
  assessmentId: string;
  unitId: string;
  unitName: string;
  current: number;
  draft: number;
}

/** One unit of a round under a scored draft: its score and rank now and under the draft. */
export interface ImpactScoreUnit {
  assessmentId: string;
  unitId: string;
  unitName: string;
  /** The unit's ranking group under the draft (code and name); null when the draft ranks it with no group. */
  group: string | null;
  groupName: string | null;
  /** Under the round's pinned version; null when that version is not scored (judged by levels). */
  currentScore: number | null;
  currentScoreText: string | null;
  currentRank: number | null;
  draftScore: number;
  draftScoreText: string;
  draftRank: number;
  /** Components of the draft whose stored value it cannot read (another kind of value): scored as missing. */
  unreadable: string[];
}

export interface ImpactPreview {
  units: number;
  current: number[];
  draft: number[];
  up: number;
  down: number;
  moved: ImpactUnit[];
  /** Whether the draft is scored (judgedBy points or both). */
  scored: boolean;
  /** The draft's maximum score; null for a level draft. */
  maxScore: number | null;
  /** Scored drafts: every unit, the biggest rank moves first. Empty for a level draft. */
  scoreChanges: ImpactScoreUnit[];
  /** Units whose rank under the draft differs from their rank now (units ranked now only). */
  rankChanged: number;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * A unit's stored values scored against a scored set, never failing on them:
 * values of codes the set does not have are left out (a removed component, or
 * a criterion of a level set), and a value the set cannot read (a component
 * whose kind changed) is dropped and listed, so the component counts as missing.
 */
export function scoreReadable(set: TCriteriaSet, stored: unknown): { score: Score; unreadable: string[] } {
  const codes = new Set(scoreComponents(set.scoring?.groups ?? []).map((p) => p.component.code));
  const values: Record<string, unknown> = {};
  if (isPlainObject(stored)) {
    for (const [code, v] of Object.entries(stored))
      if (codes.has(code) && v !== null && v !== undefined) values[code] = v;
  }
  const unreadable: string[] = [];
  // Each pass drops every value named by an issue; the values left read on their own, so this ends.
  for (let pass = 0; pass <= codes.size; pass++) {
    const r = tryScore(set, values as ComponentValues);
    if (r.ok) return { score: r.score, unreadable: unreadable.sort() };
    for (const issue of r.issues) {
      const drop = issue.criterion === "" ? Object.keys(values) : [issue.criterion];
      for (const code of drop) {
        if (!(code in values)) continue;
        delete values[code];
        unreadable.push(code);
      }
    }
  }
  // Unreachable: with no values left a validated set always scores.
  throw new Error(`${set.id}: không chấm được điểm`);
}

/** What the preview reads of a current score: a stored score's ranking part (Assessment.rankLine). */
type RankedPart = Omit<RankedScore, "groups">;

/** A draft judged on a round's current values: how many units would reach each level, which move, and (scored) their scores and ranks. */
export async function impactPreview(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { versionId: string; roundId: string },
): Promise<ImpactPreview> {
  const v = await readableVersion(prisma, viewer, input.versionId);
  const round = await prisma.round.findFirst({ where: { id: input.roundId } });
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
    select: {
      id: true,
      setVersionId: true,
      computedLevel: true,
      effectiveValues: true,
      rankLine: true,
      unit: { select: { id: true, name: true, kindCode: true, type: true } },
    },
    orderBy: [{ unit: { code: "asc" } }, { id: "asc" }],
  });
  const n = draft.levels.length;
  if (!isScored(draft)) {
    const draftLevels = rows.map(
      (r) => evaluate(draft, valuesFor(draft, r.effectiveValues as Record<string, unknown>)).level,
    );
    return levelImpact(
      rows.map((r, i) => ({ row: r, current: r.computedLevel, draft: draftLevels[i]! })),
      n,
      { scored: false, maxScore: null, scoreChanges: [], rankChanged: 0 },
    );
  }

  // The sets each assessment is pinned to (normally the round's one version), read once each.
  const pinned = new Map<string, TCriteriaSet>();
  for (const id of new Set(rows.map((r) => r.setVersionId))) pinned.set(id, await pinnedSet(prisma, id));

  const judged = rows.map((r) => {
    const now = pinned.get(r.setVersionId)!;
    // The current score is the one stored with the values (criteria-core's, cached when they were saved; its
    // ranking part as the database keeps it): scored again only when it is missing.
    const current: { score: RankedPart } | null = !isScored(now)
      ? null
      : r.rankLine
        ? { score: parseRankLine(r.rankLine, false) }
        : scoreReadable(now, r.effectiveValues);
    const next = scoreReadable(draft, r.effectiveValues);
    return {
      row: r,
      now,
      current,
      next,
      currentGroup: current ? rankingGroupFor(now, r.unit.kindCode, r.unit.type) : null,
      draftGroup: rankingGroupFor(draft, r.unit.kindCode, r.unit.type),
    };
  });
  const byKey = (rs: RankRow[]) => new Map(rs.map((x) => [x.unit, x.rank]));
  const currentOrder = [
    ...new Set([...pinned.values()].flatMap((s) => (s.scoring?.rankingGroups ?? []).map((g) => g.code))),
  ];
  const currentRanks = byKey(
    rank(
      judged.flatMap((j) =>
        j.current ? [{ unit: rankKey(j.row.unit.name, j.row.id), score: j.current.score, group: j.currentGroup }] : [],
      ),
      currentOrder,
    ),
  );
  const groups = draft.scoring!.rankingGroups;
  const draftRanks = byKey(
    rank(
      judged.map((j) => ({ unit: rankKey(j.row.unit.name, j.row.id), score: j.next.score, group: j.draftGroup })),
      groups.map((g) => g.code),
    ),
  );
  const groupIndex = (g: string | null) => {
    const i = groups.findIndex((x) => x.code === g);
    return i < 0 ? groups.length : i;
  };
  const scoreChanges: ImpactScoreUnit[] = judged.map((j) => {
    const key = rankKey(j.row.unit.name, j.row.id);
    return {
      assessmentId: j.row.id,
      unitId: j.row.unit.id,
      unitName: j.row.unit.name,
      group: j.draftGroup,
      groupName: groups.find((g) => g.code === j.draftGroup)?.name ?? null,
      currentScore: j.current?.score.score ?? null,
      currentScoreText: j.current?.score.scoreText ?? null,
      currentRank: currentRanks.get(key) ?? null,
      draftScore: j.next.score.score,
      draftScoreText: j.next.score.scoreText,
      draftRank: draftRanks.get(key)!,
      unreadable: j.next.unreadable,
    };
  });
  const moveOf = (u: ImpactScoreUnit) => (u.currentRank === null ? 0 : Math.abs(u.draftRank - u.currentRank));
  scoreChanges.sort(
    (a, b) =>
      moveOf(b) - moveOf(a) ||
      groupIndex(a.group) - groupIndex(b.group) ||
      a.draftRank - b.draftRank ||
      compareVietnamese(a.unitName, b.unitName),
  );

  // judgedBy both: the levels come from the score bands, now (when the pinned version has them too) and under the draft.
  const levelOf = (j: (typeof judged)[number]) =>
    j.current && judgedBy(j.now) === "both" ? (j.current.score.level ?? 0) : j.row.computedLevel;
  return levelImpact(
    judged.map((j) => ({ row: j.row, current: n === 0 ? 0 : levelOf(j), draft: j.next.score.level ?? 0 })),
    n,
    {
      scored: true,
      maxScore: draft.scoring!.total.max,
      scoreChanges,
      rankChanged: scoreChanges.filter((u) => u.currentRank !== null && u.currentRank !== u.draftRank).length,
    },
  );
}

/** Level counts now and under the draft (a level above the draft's last counts at its last), and the units that move. */
function levelImpact(
  units: { row: { id: string; unit: { id: string; name: string } }; current: number; draft: number }[],
  n: number,
  scored: Pick<ImpactPreview, "scored" | "maxScore" | "scoreChanges" | "rankChanged">,
): ImpactPreview {
  const moved: ImpactUnit[] = units
    .filter((u) => u.current !== u.draft)
    .map((u) => ({
      assessmentId: u.row.id,
      unitId: u.row.unit.id,
      unitName: u.row.unit.name,
      current: u.current,
      draft: u.draft,
    }));
  return {
    units: units.length,
    current: levelDistribution(
      units.map((u) => Math.min(u.current, n)),
      n,
    ),
    draft: levelDistribution(
      units.map((u) => u.draft),
      n,
    ),
    up: moved.filter((m) => m.draft > m.current).length,
    down: moved.filter((m) => m.draft < m.current).length,
    moved,
    ...scored,
  };
}
