/** The columns of a published ranking: rank, unit (a link to its public page), score, last year's rank, the change, the main indices. */
import type { ReactNode } from "react";
import type { Column, Locale } from "@cds/ui";
import type { PublicRanking, PublicRankingEntry } from "./api.ts";
import { pointsText, pointsValue, rankChangeSymbol } from "./ranking-format.ts";

type T = (key: string, params?: Record<string, string | number>) => string;

export function rankChangeLabel(t: T, change: number | null): string {
  if (change === null) return t("rankings.change.none");
  if (change === 0) return t("rankings.change.same");
  return change > 0 ? t("rankings.change.up", { n: change }) : t("rankings.change.down", { n: -change });
}

function RankChange({ change, t }: { change: number | null; t: T }) {
  const tone = change === null || change === 0 ? "same" : change > 0 ? "up" : "down";
  const label = rankChangeLabel(t, change);
  return (
    <span className={`pr-change pr-${tone}`} title={label}>
      <span aria-hidden="true">{rankChangeSymbol(change)}</span>
      <span className="pr-sr">{label}</span>
    </span>
  );
}

/** Ranks held by more than one unit of a group (ties). */
export function tiedRanks(entries: readonly PublicRankingEntry[]): Set<number> {
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
}: {
  t: T;
  locale: Locale;
  ranking: PublicRanking;
  tied: Set<number>;
  renderUnit: (e: PublicRankingEntry) => ReactNode;
}): Column<PublicRankingEntry>[] {
  return [
    {
      key: "rank",
      header: t("rankings.col.rank"),
      value: (e) => e.rank,
      render: (e) => (
        <span title={tied.has(e.rank) ? t("rankings.tie") : undefined}>
          {e.rank}
          {tied.has(e.rank) && <span className="pr-sr"> ({t("rankings.tie")})</span>}
        </span>
      ),
      align: "right",
      type: "number",
    },
    { key: "unit", header: t("rankings.col.unit"), value: (e) => e.unitName, render: renderUnit },
    {
      key: "score",
      header: t("rankings.col.score"),
      value: (e) => pointsValue(e.scoreText),
      render: (e) => pointsText(e.scoreText, locale),
      align: "right",
      type: "number",
    },
    {
      key: "previous",
      header: ranking.previousYear
        ? t("rankings.col.previousYear", { year: ranking.previousYear })
        : t("rankings.col.previous"),
      value: (e) => e.previous?.rank ?? null,
      align: "right",
      type: "number",
    },
    {
      key: "change",
      header: t("rankings.col.change"),
      value: (e) => e.rankChange,
      render: (e) => <RankChange change={e.rankChange} t={t} />,
      align: "right",
      type: "number",
    },
    ...ranking.mainIndices.map((m, k): Column<PublicRankingEntry> => ({
      key: `index-${m.code}`,
      header: m.name,
      value: (e) => pointsValue(indexOf(e, m.code, k)?.indexText),
      render: (e) => pointsText(indexOf(e, m.code, k)?.indexText, locale),
      align: "right",
      type: "number",
    })),
  ];
}

const indexOf = (e: PublicRankingEntry, code: string, k: number) =>
  e.indices[k]?.code === code ? e.indices[k] : e.indices.find((i) => i.code === code);
