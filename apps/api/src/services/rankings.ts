/**
 * Rankings of a scored round (Bộ chỉ số): criteria-core ranks the units on their exact scores per ranking group
 * (competition ranking, ties in Vietnamese order), with last year's rank beside each and the average of each main
 * index. Two readings: the published one (recognised assessments, their frozen final score) is public; the working
 * one (every unit's current score) is for those who read the whole round's working data.
 */
import { rank, rankingGroupFor, type GroupScore, type RankInput, type Score } from "@cds/criteria-core";
import { compareVietnamese, exact, isScored, type ExactValue, type TCriteriaSet } from "@cds/criteria-schema";
import { readerOf, readPrismaOf, type Database, type SqlRunner } from "../db.ts";
import { InputError, NotFoundError } from "../errors.ts";
import type { PrismaClient, Round } from "../generated/prisma/client.ts";
import { can, type Viewer } from "./access.ts";
import { pinnedSet } from "./sets.ts";

const { meanHalfUp } = exact;

export interface RankingEntry {
  assessmentId: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  unitKind: string;
  unitType: string;
  group: string | null;
  score: number;
  scoreText: string;
  rank: number;
  /** The assessment's status (the published ranking holds recognised ones only). */
  status: string;
  /** The same unit's rank and score in the previous year's round of the same tenant, kind and way of judging. */
  previous: { year: number; rank: number; score: number; scoreText: string } | null;
  /** previous.rank − rank: positive when the unit climbed; null without a previous rank. */
  rankChange: number | null;
  /** The unit's main indices (top-level groups), for the radar chart. */
  indices: { code: string; name: string; index: number | null; indexText: string | null }[];
}

export interface RankingGroupRows {
  code: string | null;
  name: string;
  entries: RankingEntry[];
}

export interface MainIndexAverage {
  code: string;
  name: string;
  /** Mean of the ranked units' indices (those where the group applies), rounded to the set's index decimals. */
  average: number | null;
  averageText: string | null;
}

export interface Ranking {
  roundId: string;
  year: number;
  /** true: recognised assessments by their final score (published); false: every unit by its current score. */
  final: boolean;
  maxScore: number;
  decimals: number;
  groups: RankingGroupRows[];
  mainIndices: MainIndexAverage[];
  previousYear: number | null;
}

/** May the viewer read every unit's working score in the round (the province's own staff, the ministry)? */
export function readsWholeRound(viewer: Viewer, round: Pick<Round, "tenantId">): boolean {
  return can.readTenantWork(viewer, round.tenantId);
}

interface Ranked {
  entries: (ReturnType<typeof rank>[number] & { row: RankRowSource })[];
}

/**
 * What a ranking reads of a stored score (Assessment.rankLine, kept by the database): the total and each top
 * group's index, not the 47 components.
 */
export type RankedScore = Pick<Score, "score" | "scoreText" | "exact" | "level"> & {
  groups: Pick<GroupScore, "code" | "index" | "indexText" | "indexExact">[];
};

/** The exact value written "n/d" in line[from, to); null when empty. */
function exactIn(line: string, from: number, to: number): ExactValue | null {
  if (from >= to) return null;
  const slash = line.indexOf("/", from);
  return { numerator: line.slice(from, slash), denominator: line.slice(slash + 1, to) };
}

/**
 * A score's ranking part from the line the database keeps (Assessment.rankLine / finalRankLine, written by
 * `cds_rank_line`, migration 20261206000000_rank_lines, which documents the format):
 * `scoreText|n/d|level|CODE:indexText:n/d,…`. The score and each index are the numbers their texts print (as
 * criteria-core makes them). `withGroups: false` leaves the main indices out. Read by position (indexOf), not
 * split: a national ranking reads 6,642 lines of 8 indices each.
 */
export function parseRankLine(line: string, withGroups = true): RankedScore {
  const a = line.indexOf("|");
  const b = line.indexOf("|", a + 1);
  const c = line.indexOf("|", b + 1);
  const scoreText = line.slice(0, a);
  const groups: RankedScore["groups"] = [];
  if (withGroups) {
    for (let at = c + 1; at < line.length;) {
      let end = line.indexOf(",", at);
      if (end < 0) end = line.length;
      const p = line.indexOf(":", at);
      const q = line.indexOf(":", p + 1);
      const indexText = p + 1 < q ? line.slice(p + 1, q) : null;
      groups.push({
        code: line.slice(at, p),
        index: indexText === null ? null : Number(indexText),
        indexText,
        indexExact: exactIn(line, q + 1, end),
      });
      at = end + 1;
    }
  }
  return {
    score: Number(scoreText),
    scoreText,
    exact: exactIn(line, a + 1, b)!,
    level: b + 1 < c ? Number(line.slice(b + 1, c)) : null,
    groups,
  };
}

interface RankRowSource {
  assessmentId: string;
  status: string;
  score: RankedScore;
  unit: { id: string; code: string; name: string; kindCode: string; type: string };
}

/** A rank key that is unique per assessment but sorts ties by the unit's name (criteria-core's order). */
export const rankKey = (unitName: string, assessmentId: string) => `${unitName}\u0000${assessmentId}`;

/**
 * A round's scores, ranked. One statement on the SQL runner reads each score's ranking part, which the database
 * keeps beside the score as a line of text (the generated columns rankLine / finalRankLine: no components, ~250
 * bytes): a national round is 3,321 scores. `withGroups: false` (last year's ranks) leaves the groups out.
 */
async function rankedRows(
  sql: SqlRunner,
  round: Round,
  set: TCriteriaSet,
  final: boolean,
  withGroups = true,
): Promise<Ranked["entries"]> {
  // The unit's columns flat (no JSON object per row to build and parse): a national round is 3,321 rows.
  const rows = await sql.query<{
    id: string;
    status: string;
    line: string;
    unitId: string;
    code: string;
    name: string;
    kindCode: string;
    type: string;
  }>(
    `SELECT a.id, a.status::text AS status, x.line, u.id AS "unitId", u.code, u.name, u."kindCode", u.type
       FROM "Assessment" a
       JOIN "Unit" u ON u.id = a."unitId"
       CROSS JOIN LATERAL (SELECT CASE WHEN $2 THEN a."finalRankLine" ELSE a."rankLine" END AS line) x
      WHERE a."tenantId" = $3 AND a."roundId" = $1 AND ($2 = false OR a.status = 'RECOGNISED') AND x.line IS NOT NULL`,
    [round.id, final, round.tenantId],
  );
  // criteria-core ranks by unit label; the assessment id keeps two units of one name apart.
  const byLabel = new Map<string, RankRowSource>();
  const inputs: RankInput[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const unit = rankKey(r.name, r.id);
    const score = parseRankLine(r.line, withGroups);
    byLabel.set(unit, {
      assessmentId: r.id,
      status: r.status,
      score,
      unit: { id: r.unitId, code: r.code, name: r.name, kindCode: r.kindCode, type: r.type },
    });
    inputs[i] = { unit, score, group: rankingGroupFor(set, r.kindCode, r.type) };
  }
  const ranked = rank(
    inputs,
    (set.scoring?.rankingGroups ?? []).map((g) => g.code),
  );
  return ranked.map((r) => ({
    unit: r.unit,
    group: r.group,
    score: r.score,
    scoreText: r.scoreText,
    rank: r.rank,
    row: byLabel.get(r.unit)!,
  }));
}

/** Last year's published ranks of the round's units, by unit id. */
async function previousRanks(prisma: PrismaClient, sql: SqlRunner, previousRound: Round | null) {
  const previous = new Map<string, NonNullable<RankingEntry["previous"]>>();
  if (previousRound) {
    const prevSet = await pinnedSet(prisma, previousRound.setVersionId);
    // A rank is compared with what was recognised, never with a draft.
    for (const p of await rankedRows(sql, previousRound, prevSet, true, false)) {
      const year = previousRound.year;
      previous.set(p.row.unit.id, { year, rank: p.rank, score: p.score, scoreText: p.scoreText });
    }
  }
  return previous;
}

/**
 * Rankings computed lately, by round and reading, each with the stamp of the rows it was computed from. A national
 * ranking is read far more often than a score changes (the published one changes only when a unit is recognised):
 * it is computed again only when the stamp moved. Each process keeps its own; the stamp is read from the database
 * the ranking reads, so every process (and a read replica) answers what that database holds.
 */
const RANKINGS = new Map<string, { stamp: string; ranking: Ranking }>();
const RANKINGS_KEPT = 16;

/** Forgets every ranking computed (a benchmark's cold reading). */
export function forgetRankings(): void {
  RANKINGS.clear();
}

/**
 * What a ranking of these rounds was computed from, in one cheap aggregate: how many assessments, the sum of their
 * versions (every write of a score or a status claims one), and the sums of their rows' and units' xmin (the
 * transaction that wrote each row version last: any other write, a unit renamed, moves it).
 */
async function rankingStamp(sql: SqlRunner, rounds: readonly Round[]): Promise<string> {
  const [row] = await sql.query<{ stamp: string }>(
    `SELECT count(*) || '/' || coalesce(sum(a.version), 0) || '/' || coalesce(sum(a.xmin::text::bigint), 0)
            || '/' || coalesce(sum(u.xmin::text::bigint), 0) AS stamp
       FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId"
      WHERE (a."tenantId", a."roundId") IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [rounds.map((r) => r.tenantId), rounds.map((r) => r.id)],
  );
  // Each round with the set version it pins (its names, groups and rules): a round moved to another one is another ranking.
  return `${rounds.map((r) => `${r.id}@${r.setVersionId}`).join(",")}:${row!.stamp}`;
}

/**
 * The ranking of a scored round; the working reading needs `readsWholeRound`. Read from the database's read
 * replica when it has one (DATABASE_READ_URL; `readerOf`, `readPrismaOf`), else from the primary.
 */
export async function roundRanking(
  db: Pick<Database, "prisma" | "sql">,
  viewer: Viewer,
  roundId: string,
  opts: { final?: boolean | null } = {},
): Promise<Ranking> {
  const prisma = readPrismaOf(db.prisma);
  const sql = readerOf(db.sql);
  const round = await prisma.round.findFirst({ where: { id: roundId } });
  if (!round) throw new NotFoundError("đợt đánh giá", roundId);
  const set = await pinnedSet(prisma, round.setVersionId);
  if (!isScored(set))
    throw InputError.field(
      "roundId",
      "Đợt đánh giá theo mức độ không có xếp hạng điểm",
      "A round judged by levels has no score ranking",
    );
  const final = opts.final ?? !readsWholeRound(viewer, round);
  if (!final && !readsWholeRound(viewer, round))
    throw InputError.field(
      "final",
      "Chỉ cán bộ cấp tỉnh (hoặc Bộ) xem được xếp hạng theo điểm đang chấm; hãy xem kết quả đã công nhận",
      "Only the province (or the ministry) reads the working ranking; ask for the recognised one",
    );
  const previousRound = await prisma.round.findFirst({
    where: { tenantId: round.tenantId, unitKind: round.unitKind, judgedBy: round.judgedBy, year: round.year - 1 },
  });
  const key = `${round.id}/${final}`;
  const stamp = await rankingStamp(sql, previousRound ? [round, previousRound] : [round]);
  const kept = RANKINGS.get(key);
  if (kept?.stamp === stamp) {
    RANKINGS.delete(key);
    RANKINGS.set(key, kept); // the most recently used last
    return kept.ranking;
  }
  const ranking = await computeRanking(prisma, sql, round, set, final, previousRound);
  RANKINGS.delete(key);
  RANKINGS.set(key, { stamp, ranking });
  if (RANKINGS.size > RANKINGS_KEPT) RANKINGS.delete(RANKINGS.keys().next().value!);
  return ranking;
}

/** A round's ranking from its rows, with last year's ranks beside each unit and each main index's mean. */
async function computeRanking(
  prisma: PrismaClient,
  sql: SqlRunner,
  round: Round,
  set: TCriteriaSet,
  final: boolean,
  previousRound: Round | null,
): Promise<Ranking> {
  // This year's rows and last year's ranks are read side by side (two connections on a server).
  const [entries, previous] = await Promise.all([
    rankedRows(sql, round, set, final),
    previousRanks(prisma, sql, previousRound),
  ]);
  const top = set.scoring!.groups;
  const groupNames = new Map((set.scoring?.rankingGroups ?? []).map((g) => [g.code, g.name]));
  const groups: RankingGroupRows[] = [];
  // Each entry's top-group scores in the set's order (a score lists its groups once each).
  const position = new Map(top.map((tg, i) => [tg.code, i]));
  const topScores = entries.map((e): readonly (RankedScore["groups"][number] | undefined)[] => {
    const gs = e.row.score.groups;
    // Most often the score's main indices are the set's, in its order: taken as they are.
    if (gs.length === top.length && gs.every((g, i) => g.code === top[i]!.code)) return gs;
    const at: (RankedScore["groups"][number] | undefined)[] = new Array(top.length);
    for (const g of gs) {
      const i = position.get(g.code);
      if (i !== undefined) at[i] = g;
    }
    return at;
  });
  for (let n = 0; n < entries.length; n++) {
    const e = entries[n]!;
    let g = groups.at(-1);
    if (!g || g.code !== e.group) {
      g = { code: e.group, name: e.group ? (groupNames.get(e.group) ?? e.group) : "Tất cả đơn vị", entries: [] };
      groups.push(g);
    }
    const prev = previous.get(e.row.unit.id) ?? null;
    const at = topScores[n]!;
    const indices: RankingEntry["indices"] = new Array(top.length);
    for (let i = 0; i < top.length; i++) {
      const s = at[i];
      indices[i] = { code: top[i]!.code, name: top[i]!.name, index: s?.index ?? null, indexText: s?.indexText ?? null };
    }
    g.entries.push({
      assessmentId: e.row.assessmentId,
      unitId: e.row.unit.id,
      unitCode: e.row.unit.code,
      unitName: e.row.unit.name,
      unitKind: e.row.unit.kindCode,
      unitType: e.row.unit.type,
      group: e.group,
      score: e.score,
      scoreText: e.scoreText,
      rank: e.rank,
      status: e.row.status,
      previous: prev,
      rankChange: prev ? prev.rank - e.rank : null,
      indices,
    });
  }

  const indexDecimals = set.scoring!.indexDecimals ?? 4;
  const mainIndices: MainIndexAverage[] = top.map((tg, i) => {
    // The mean of exact indices, rounded once.
    const indices: ExactValue[] = [];
    for (const at of topScores) {
      const s = at[i];
      if (s?.indexExact) indices.push(s.indexExact);
    }
    const text = meanHalfUp(indices, indexDecimals);
    return { code: tg.code, name: tg.name, average: text === null ? null : Number(text), averageText: text };
  });

  return {
    roundId: round.id,
    year: round.year,
    final,
    maxScore: set.scoring!.total.max,
    decimals: set.scoring!.decimals,
    groups,
    mainIndices,
    previousYear: previousRound?.year ?? null,
  };
}

/** A unit's scores across the years (the scored rounds of its tenant that assessed it), oldest first. */
export async function unitScoreHistory(prisma: PrismaClient, viewer: Viewer, unitId: string) {
  const rows = await prisma.assessment.findMany({
    where: { unitId, round: { judgedBy: { not: "levels" } } },
    select: {
      id: true,
      status: true,
      score: true,
      finalScore: true,
      round: { select: { id: true, year: true, name: true, tenantId: true } },
      unit: { select: { path: true, tenantId: true, parentId: true, id: true } },
    },
  });
  const out = rows
    .map((r) => {
      const works = can.readUnit(viewer, r.unit);
      const score = (r.finalScore ?? (works ? r.score : null)) as unknown as Score | null;
      if (!score) return null;
      return {
        assessmentId: r.id,
        roundId: r.round.id,
        roundName: r.round.name,
        year: r.round.year,
        final: r.finalScore !== null,
        score,
      };
    })
    .filter((x) => x !== null);
  return out.sort((a, b) => a.year - b.year || compareVietnamese(a.roundName, b.roundName));
}
