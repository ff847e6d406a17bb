/**
 * The rankings of scored rounds (Bộ chỉ số) as both apps show them: the ranking table's columns (rank, unit,
 * score, last year's rank, the change, one per main index), a unit's main indices against the average, and its
 * scores across the years. Scores are the engine's rounded texts (scoreText, indexText) in the locale's separators
 * (criteria-core's formatPoints, trailing zeros kept as the set's decimals have them); ranks, rank changes and the
 * difference from the year before are the API's or criteria-core's. Nothing here scores or ranks.
 * Messages: `ranking.*` in the shared catalog.
 */
import type { ReactNode } from "react";
import { formatPoints, scoreDifference } from "@cds/criteria-core";
import { searchName } from "@cds/criteria-schema";
import { useI18n, type Locale } from "../i18n.tsx";
import type { Column } from "./data-table.tsx";

type T = (key: string, params?: Record<string, string | number>) => string;

/** An engine-rounded number ("825.60", "0.6924") in the locale's separators; "—" for none. */
export function pointsText(text: string | null | undefined, locale: Locale): string {
  return text === null || text === undefined ? "—" : formatPoints(text, locale, true);
}

/** The number a rounded text stands for (for sorting and the spreadsheet), or null. */
export function pointsValue(text: string | null | undefined): number | null {
  return text === null || text === undefined ? null : Number(text);
}

/** previous rank − rank (positive: climbed) as a sign and a number: ▲3, ▼2, — (no change, or no previous rank). */
export function rankChangeSymbol(change: number | null): string {
  if (change === null || change === 0) return "—";
  return change > 0 ? `▲${change}` : `▼${-change}`;
}

/** A signed difference text (criteria-core's scoreDifference) in the locale's separators ("+12,35", "−0,01"). */
export function signedPointsText(text: string, locale: Locale): string {
  const neg = text.startsWith("-");
  const body = formatPoints(text.replace(/^[+-]/, ""), locale, true);
  return neg ? `−${body}` : text.startsWith("+") ? `+${body}` : body;
}

/** A file name from a round's name: "Chỉ số xã 2025" → "chi-so-xa-2025". */
export function rankingFileSlug(name: string): string {
  return (
    searchName(name)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "xep-hang"
  );
}

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
    <span className={`rank-change rank-${tone}`} title={label}>
      <span aria-hidden="true">{rankChangeSymbol(change)}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** What a ranking table needs of an entry (the admin's and the public query's entries both have it). */
export interface RankedEntry {
  rank: number;
  unitName: string;
  scoreText: string;
  previous?: { rank: number } | null;
  rankChange?: number | null;
  /** The unit's main indices (rounded texts, null where a group does not apply), in the order of the ranking's mainIndices. */
  indexTexts: readonly (string | null)[];
}

/** Ranks held by more than one unit of a group (ties). */
export function tiedRanks(entries: readonly Pick<RankedEntry, "rank">[]): Set<number> {
  const seen = new Set<number>();
  const tied = new Set<number>();
  for (const e of entries) {
    if (seen.has(e.rank)) tied.add(e.rank);
    seen.add(e.rank);
  }
  return tied;
}

/** The columns of one ranking group's table: rank, unit, score, [more], last year's rank, the change, the main indices. */
export function rankingColumns<E extends RankedEntry>({
  t,
  locale,
  ranking,
  tied,
  renderUnit,
  afterScore = [],
  indexHeader = (_code, name) => name,
}: {
  t: T;
  locale: Locale;
  ranking: { previousYear?: number | null; mainIndices: readonly { code: string; name: string }[] };
  tied: Set<number>;
  renderUnit?: (e: E) => ReactNode;
  /** Columns after the score (e.g. the status in a working ranking). */
  afterScore?: Column<E>[];
  /** A main index's header (e.g. with its weight); its name by default. */
  indexHeader?: (code: string, name: string) => string;
}): Column<E>[] {
  return [
    {
      key: "rank",
      header: t("ranking.col.rank"),
      value: (e) => e.rank,
      render: (e) => (
        <span className="rank-rank" title={tied.has(e.rank) ? t("ranking.tie") : undefined}>
          {e.rank}
          {tied.has(e.rank) && <span className="sr-only"> ({t("ranking.tie")})</span>}
        </span>
      ),
      align: "right",
      type: "number",
    },
    { key: "unit", header: t("ranking.col.unit"), value: (e) => e.unitName, render: renderUnit },
    {
      key: "score",
      header: t("ranking.col.score"),
      value: (e) => pointsValue(e.scoreText),
      render: (e) => pointsText(e.scoreText, locale),
      align: "right",
      type: "number",
    },
    ...afterScore,
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
      value: (e) => e.rankChange ?? null,
      render: (e) => <RankChange change={e.rankChange ?? null} t={t} />,
      align: "right",
      type: "number",
    },
    // The same position in every entry's indexTexts as in mainIndices (the API's order: the set's top-level groups).
    ...ranking.mainIndices.map((m, k): Column<E> => ({
      key: `index-${m.code}`,
      header: indexHeader(m.code, m.name),
      value: (e) => pointsValue(e.indexTexts[k]),
      render: (e) => pointsText(e.indexTexts[k], locale),
      align: "right",
      type: "number",
    })),
  ];
}

/** A unit's main indices (0..1) beside the average, in a table (a radar is never the only way to read them). */
export function MainIndicesTable({
  name,
  rows,
  averageLabel,
}: {
  /** The unit's name (its column's header). */
  name: string;
  rows: readonly { code: string; name: string; indexText: string | null; averageText?: string | null }[];
  /** The average column's header; none without an average. */
  averageLabel: string | null;
}) {
  const { t, locale } = useI18n();
  return (
    <div className="table-scroll">
      <table className="rank-small">
        <caption>{t("ranking.indices")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ranking.col.index")}</th>
            <th scope="col" className="num">
              {name}
            </th>
            {averageLabel !== null && (
              <th scope="col" className="num">
                {averageLabel}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <th scope="row">{r.name}</th>
              <td className="num">{pointsText(r.indexText, locale)}</td>
              {averageLabel !== null && <td className="num">{pointsText(r.averageText, locale)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the scores-across-the-years table needs of a year (a unit's scoreHistory). */
export interface ScoreYearLike {
  assessmentId: string;
  year: number;
  roundName: string;
  final: boolean;
  score: { scoreText: string; maxScore: number };
}

/**
 * The years of a unit's scores (oldest first), each with the change from the year before on the same scale
 * (criteria-core's scoreDifference of the two scores shown), or `otherScale` when the maximum differs.
 */
export function scoreYearRows<Y extends ScoreYearLike>(history: readonly Y[]) {
  return history.map((h, k) => {
    const prev = k > 0 ? history[k - 1]! : null;
    const sameScale = prev !== null && prev.score.maxScore === h.score.maxScore;
    return {
      ...h,
      change: prev && sameScale ? scoreDifference(h.score.scoreText, prev.score.scoreText) : null,
      otherScale: prev !== null && !sameScale,
    };
  });
}

/** A unit's scores across the years, newest first, with the change from the year before; a working score says so. */
export function ScoreYearsTable({ history }: { history: readonly ScoreYearLike[] }) {
  const { t, locale } = useI18n();
  return (
    <div className="table-scroll">
      <table className="rank-small">
        <thead>
          <tr>
            <th scope="col">{t("ranking.col.year")}</th>
            <th scope="col">{t("ranking.col.round")}</th>
            <th scope="col" className="num">
              {t("ranking.col.score")}
            </th>
            <th scope="col" className="num">
              {t("ranking.col.yearChange")}
            </th>
          </tr>
        </thead>
        <tbody>
          {scoreYearRows(history)
            .reverse()
            .map((h) => (
              <tr key={h.assessmentId}>
                <th scope="row">{h.year}</th>
                <td>
                  {h.roundName}
                  {!h.final && <span className="muted"> ({t("ranking.working")})</span>}
                </td>
                <td className="num">
                  {pointsText(h.score.scoreText, locale)}
                  <span className="muted"> / {pointsText(String(h.score.maxScore), locale)}</span>
                </td>
                <td className="num">
                  {h.change !== null ? (
                    <span
                      className={
                        h.change.startsWith("+") ? "rank-up" : h.change.startsWith("-") ? "rank-down" : undefined
                      }
                    >
                      {signedPointsText(h.change, locale)}
                    </span>
                  ) : h.otherScale ? (
                    <span className="muted">{t("ranking.otherScale")}</span>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
