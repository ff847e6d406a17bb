/**
 * The line the database keeps of each score for rankings (rankLine / finalRankLine, `cds_rank_line`) reads back,
 * through `parseRankLine`, as exactly the ranking part of the stored score: the total, its text, its exact value,
 * the level, and each top group's index, its text and its exact value in the set's order — for criteria-core's
 * scores of the shipped indices, and for a score with a level, a group where nothing applies and a sub-group (left
 * out).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { score, type ComponentValues, type Score } from "@cds/criteria-core";
import { BUILT_IN_INDEX_SETS } from "@cds/criteria-schema";
import { setupApi, type TestApi } from "../testing/harness.ts";
import { scoredValues, seedOf } from "../seed/values.ts";
import { parseRankLine } from "./rankings.ts";

let api: TestApi;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

/** The ranking part of a whole score, as the definition says (top groups only, in order). */
const rankingPart = (s: Score) => ({
  score: s.score,
  scoreText: s.scoreText,
  exact: s.exact,
  level: s.level,
  groups: s.groups
    .filter((g) => g.parent === null)
    .map((g) => ({ code: g.code, index: g.index, indexText: g.indexText, indexExact: g.indexExact })),
});

interface Row {
  id: string;
  score: Score | null;
  finalScore: Score | null;
  rankLine: string | null;
  finalRankLine: string | null;
}

const read = (where: string, params: unknown[] = []) =>
  api.platform.db.sql.query<Row>(
    `SELECT id, score, "finalScore", "rankLine", "finalRankLine" FROM "Assessment" WHERE ${where}`,
    params,
  );

it("reads back criteria-core's scores of the shipped indices exactly, the working and the final one", async () => {
  const [draft] = await read(`status = 'DRAFT' LIMIT 1`);
  for (const set of Object.values(BUILT_IN_INDEX_SETS))
    for (const maturity of [0.05, 0.5, 0.95]) {
      const working = score(set, scoredValues(set, maturity, seedOf(set.id), 0.1) as ComponentValues);
      const final = score(set, scoredValues(set, 1 - maturity, seedOf(set.id) + 1, 0) as ComponentValues);
      await api.platform.db.sql.query(
        `UPDATE "Assessment" SET score = $2::jsonb, "finalScore" = $3::jsonb WHERE id = $1`,
        [draft!.id, JSON.stringify(working), JSON.stringify(final)],
      );
      const [r] = await read(`id = $1`, [draft!.id]);
      const label = `${set.id} ${maturity}`;
      expect(parseRankLine(r!.rankLine!), label).toEqual(rankingPart(working));
      expect(parseRankLine(r!.finalRankLine!), label).toEqual(rankingPart(final));
      expect(parseRankLine(r!.rankLine!, false), label).toEqual({ ...rankingPart(working), groups: [] });
    }
  await api.platform.db.sql.query(`UPDATE "Assessment" SET score = NULL, "finalScore" = NULL WHERE id = $1`, [
    draft!.id,
  ]);
  expect(await read(`id = $1`, [draft!.id])).toMatchObject([{ rankLine: null, finalRankLine: null }]);
});

it("keeps a level, a group where nothing applies and no sub-group, and follows the score when it changes", async () => {
  const [draft] = await read(`status = 'DRAFT' LIMIT 1`);
  const group = (code: string, parent: string | null, index: [number, string, string, string] | null) => ({
    code,
    name: `Nhóm ${code}`,
    parent,
    points: 1,
    pointsText: "1.00",
    max: 10,
    index: index?.[0] ?? null,
    indexText: index?.[1] ?? null,
    indexExact: index ? { numerator: index[2], denominator: index[3] } : null,
    weight: null,
    notApplicable: index === null,
    exact: { numerator: "1", denominator: "1" },
  });
  const written = {
    setId: "s",
    setVersion: "1",
    maxScore: 100,
    components: [],
    missing: [],
    notApplicable: [],
    score: 71.25,
    scoreText: "71.25",
    exact: { numerator: "285000000000000000000000000001", denominator: "4000000000000000000000000000" },
    level: 3,
    levelName: "Mức 3",
    groups: [
      group("NTS", null, [0.7125, "0.7125", "57", "80"]),
      group("NTS1", "NTS", [1, "1.0000", "1", "1"]),
      group("ATTT", null, null),
      group("XHS", null, [0, "0.0000", "0", "7"]),
    ],
  } satisfies Score;
  await api.platform.db.sql.query(`UPDATE "Assessment" SET score = $2::jsonb WHERE id = $1`, [
    draft!.id,
    JSON.stringify(written),
  ]);
  const [after] = await read(`id = $1`, [draft!.id]);
  expect(after!.rankLine).toBe(
    "71.25|285000000000000000000000000001/4000000000000000000000000000|3|NTS:0.7125:57/80,ATTT::,XHS:0.0000:0/7",
  );
  expect(parseRankLine(after!.rankLine!)).toEqual(rankingPart(written));
});
