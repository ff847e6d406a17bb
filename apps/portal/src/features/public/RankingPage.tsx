/**
 * `/rankings/:roundId`: a scored round's published ranking (recognised results, final scores), one table per
 * ranking group as the API ranks it (criteria-core: ties share a rank), each unit linking to its public page.
 */
import { useQuery } from "@tanstack/react-query";
import {
  DataTable,
  ErrorBox,
  Link,
  Notice,
  pointsText,
  PrintStamp,
  rankingColumns,
  rankingFileSlug,
  Spinner,
  tiedRanks,
  useI18n,
} from "@cds/ui";
import { publicRankingQuery, type PublicRanking, type PublicRankingEntry } from "./api.ts";
import "./rankings.css";

/** A unit's public page on the round's map (codes repeat across maps). */
export const unitLink = (code: string, mapId: string) =>
  `/units/${encodeURIComponent(code)}?map=${encodeURIComponent(mapId)}`;

export function RankingPage({ roundId }: { roundId: string }) {
  const { t, locale } = useI18n();
  const q = useQuery(publicRankingQuery(roundId));

  if (q.isPending) return <Spinner label={t("rankings.loading")} />;
  if (q.error) return <ErrorBox error={q.error} />;
  const round = q.data;
  if (!round) return <Notice kind="warn">{t("rankings.notFound")}</Notice>;
  const ranking = round.ranking as PublicRanking | null;
  if (!ranking) return <Notice>{t("rankings.notScored")}</Notice>;
  const renderUnit = (e: PublicRankingEntry) => <Link to={unitLink(e.unitCode, round.map.id)}>{e.unitName}</Link>;

  return (
    <div className="pr-ranking print-page">
      <PrintStamp />
      <p className="pa-back no-print">
        <Link to="/rankings">{t("rankings.back")}</Link>
      </p>
      <h1>{round.name}</h1>
      <p className="muted">{t("rankings.subtitle", { tenant: round.tenant.name, year: round.year })}</p>
      <p className="hint">
        {t("rankings.maxScore", { max: pointsText(String(ranking.maxScore), locale) })}{" "}
        {ranking.previousYear ? `${t("rankings.previousYear", { year: ranking.previousYear })} ` : ""}
        {t("rankings.ties")}
      </p>
      {ranking.groups.length === 0 ? (
        <Notice>{t("rankings.empty")}</Notice>
      ) : (
        <>
          {ranking.mainIndices.length > 0 && (
            <p className="pr-averages">
              <strong>{t("rankings.averages")}:</strong>{" "}
              {ranking.mainIndices.map((m) => `${m.name} ${pointsText(m.averageText, locale)}`).join(" · ")}
            </p>
          )}
          {ranking.groups.map((g) => {
            const id = `pr-group-${g.code ?? "_all"}`;
            return (
              <section key={g.code ?? "_all"} aria-labelledby={id}>
                <h2 id={id}>
                  {g.name} <span className="muted pr-count">{t("rankings.groupCount", { n: g.entries.length })}</span>
                </h2>
                <DataTable
                  columns={rankingColumns<PublicRankingEntry>({
                    t,
                    locale,
                    ranking,
                    tied: tiedRanks(g.entries),
                    renderUnit,
                  })}
                  rows={g.entries}
                  rowKey={(e) => e.assessmentId}
                  csvName={`xep-hang-${rankingFileSlug(round.name)}-${g.code ?? "tat-ca"}.csv`}
                  title={`${round.name} — ${g.name}`}
                />
              </section>
            );
          })}
        </>
      )}
      <p className="hint">{t("rankings.apiHint")}</p>
    </div>
  );
}
