/** The columns of a ranking table: rank, unit, score, last year's rank, the change, one per main index. */
import type { ReactNode } from "react";
import type { Column, Locale } from "@cds/ui";
import { pointsText, pointsValue, rankChangeSymbol } from "./format.ts";
import type { Ranking, RankingEntry } from "./queries.ts";

type T = (key: string, params?: Record<string, string | number>) => string;

/** How a rank change is said (for screen readers and the tooltip). */
export function rankChangeLabel(t: T, change: number | null): string {
  if (change === null) return t("ranking.change.none");
  if (change === 0) return t("ranking.change.same");
  return change > 0 ? t("ranking.change.up", { n: change }) : t("ranking.change.down", { n: -change });
}

export function RankChange({ change, t }: { change: number | null; t: T }) {
  const tone = change === null || change === 0 ? "same" : change > 0 ? "up" : "down";
  const label = rankChangeLabel(t, change);
  return (
    <span className={`rk-change rk-${tone}`} title={label}>
      <span aria-hidden="true">{rankChangeSymbol(change)}</span>
      <span className="rk-sr">{label}</span>
    </span>
  );
}

/** The rank; a shared one (a tie) says so. */
export function RankCell({ entry, tied, t }: { entry: RankingEntry; tied: boolean; t: T }) {
  return (
    <span className="rk-rank" title={tied ? t("ranking.tie") : undefined}>
      {entry.rank}
      {tied && <span className="rk-sr"> ({t("ranking.tie")})</span>}
    </span>
  );
}

/** Ranks held by more than one unit of a group. */
export function tiedRanks(entries: readonly RankingEntry[]): Set<number> {
  const seen = new Set<number>();
  const tied = new Set<number>();
  for (const e of entries) {
    if (seen.has(e.rank)) tied.add(e.rank);
    seen.add(e.rank);
  }
  return tied;
}

export function rankingColumns({
  t,
  locale,
  ranking,
  tied,
  renderUnit,
  withStatus,
}: {
  t: T;
  locale: Locale;
  ranking: Ranking;
  tied: Set<number>;
  renderUnit?: (e: RankingEntry) => ReactNode;
  withStatus?: boolean;
}): Column<RankingEntry>[] {
  const indices = ranking.mainIndices;
  return [
    {
      key: "rank",
      header: t("ranking.col.rank"),
      value: (e) => e.rank,
      render: (e) => <RankCell entry={e} tied={tied.has(e.rank)} t={t} />,
      align: "right",
      type: "number",
    },
    {
      key: "unit",
      header: t("ranking.col.unit"),
      value: (e) => e.unitName,
      render: renderUnit,
    },
    {
      key: "score",
      header: t("ranking.col.score"),
      value: (e) => pointsValue(e.scoreText),
      render: (e) => pointsText(e.scoreText, locale),
      align: "right",
      type: "number",
    },
    ...(withStatus
      ? [
          {
            key: "status",
            header: t("ranking.col.status"),
            value: (e: RankingEntry) => t(`status.${e.status}`),
            render: (e: RankingEntry) => (
              <span className={`badge status-${e.status.toLowerCase()}`}>{t(`status.${e.status}`)}</span>
            ),
          },
        ]
      : []),
    {
      key: "previous",
      header: ranking.previousYear
        ? t("ranking.col.previousYear", { year: ranking.previousYear })
        : t("ranking.col.previous"),
      value: (e) => e.previous?.rank ?? null,
      align: "right",
      type: "number",
    },
    {
      key: "change",
      header: t("ranking.col.change"),
      value: (e) => e.rankChange,
      render: (e) => <RankChange change={e.rankChange} t={t} />,
      align: "right",
      type: "number",
    },
    ...indices.map((m, k): Column<RankingEntry> => ({
      key: `index-${m.code}`,
      header: m.name,
      // The same position in every entry's indices (the set's top-level groups, in order); the code makes sure.
      value: (e) => pointsValue(indexOf(e, m.code, k)?.indexText),
      render: (e) => pointsText(indexOf(e, m.code, k)?.indexText, locale),
      align: "right",
      type: "number",
    })),
  ];
}

const indexOf = (e: RankingEntry, code: string, k: number) =>
  e.indices[k]?.code === code ? e.indices[k] : e.indices.find((i) => i.code === code);
