/** Test data of the rankings: a commune index round of Ninh Bình and the ministry's provincial DTI, as the API answers. */
import { vi } from "vitest";
import type { Ranking, RankingEntry } from "./queries.ts";

export const ROUND_ID = "Um91bmQ6cjE="; // Round:r1

export const round = {
  __typename: "Round",
  id: ROUND_ID,
  name: "Bộ chỉ số chuyển đổi số cấp xã năm 2026",
  year: 2026,
  unitKind: "commune",
  judgedBy: "points",
  tenant: { id: "VGVuYW50Om5pbmgtYmluaA==", name: "Tỉnh Ninh Bình" },
  map: { id: "2025-07" },
};

export function entry(
  code: string,
  name: string,
  scoreText: string,
  rank: number,
  previousRank: number | null,
  indices: [string, string, string],
  status = "RECOGNISED",
): RankingEntry {
  return {
    assessmentId: `a-${code}`,
    unitCode: code,
    unitName: name,
    scoreText,
    rank,
    status,
    previous: previousRank === null ? null : { rank: previousRank },
    rankChange: previousRank === null ? null : previousRank - rank,
    indexTexts: [...indices],
  };
}

/** Two communes tie at 800 (rank 2, the next is 4); Khánh Thiện climbed 3, Yên Mỹ fell 1, Gia Hưng is new. */
export function ranking(final: boolean): Ranking {
  return {
    roundId: "r1",
    year: 2026,
    final,
    maxScore: 1000,
    decimals: 2,
    previousYear: 2025,
    mainIndices: [
      { code: "NTS", name: "Nhận thức số", average: 0.6, averageText: "0.6000" },
      { code: "TCS", name: "Thể chế số", average: 0.55, averageText: "0.5500" },
      { code: "HTS", name: "Hạ tầng số", average: 0.7125, averageText: "0.7125" },
    ],
    groups: [
      {
        code: "xa",
        name: "Xã",
        entries: [
          entry("14563", "Xã Khánh Thiện", "825.61", 1, 4, ["0.8000", "0.7500", "0.9000"]),
          entry(
            "14566",
            "Xã Yên Mỹ",
            "800.00",
            2,
            1,
            ["0.7000", "0.6000", "0.8000"],
            final ? "RECOGNISED" : "APPRAISED",
          ),
          entry("14569", "Xã Gia Hưng", "800.00", 2, null, ["0.6000", "0.5000", "0.7000"]),
          entry("14572", "Xã Gia Vân", "700.50", 4, 4, ["0.3000", "0.3500", "0.4500"]),
        ],
      },
    ],
  };
}

/** Answers a RoundRanking query with the API's refusal of the working ranking (a GraphQL error naming `final`). */
export function refuseWorking() {
  const inner = globalThis.fetch;
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { query: string; variables: Record<string, unknown> };
    if (/query RoundRanking/.test(body.query) && body.variables.final === false)
      return new Response(
        JSON.stringify({
          data: null,
          errors: [
            {
              message:
                "final: Chỉ cán bộ cấp tỉnh (hoặc Bộ) xem được xếp hạng theo điểm đang chấm; hãy xem kết quả đã công nhận",
              extensions: {
                code: "BAD_INPUT",
                messageEn: "final: Only the province (or the ministry) reads the working ranking",
              },
            },
          ],
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    return inner(url, init);
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

export const history = {
  id: "VW5pdDp1LTE0NTYz",
  code: "14563",
  name: "Xã Khánh Thiện",
  scoreHistory: [
    {
      assessmentId: "h1",
      roundId: "r0",
      roundName: "Bộ chỉ số cấp xã năm 2025",
      year: 2025,
      final: true,
      score: { scoreText: "813.26", maxScore: 1000 },
    },
    {
      assessmentId: "a-14563",
      roundId: "r1",
      roundName: "Bộ chỉ số cấp xã năm 2026",
      year: 2026,
      final: false,
      score: { scoreText: "825.61", maxScore: 1000 },
    },
  ],
};
