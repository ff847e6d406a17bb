/** `/rounds/:roundId/ranking`: the ranking of one scored round of a province (its commune index, its agency index…). */
import { useQuery } from "@tanstack/react-query";
import { ErrorBox, Link, Notice, PrintButton, rankingFileSlug, Spinner, useLocation, type Me } from "@cds/ui";
import { useRankingsI18n } from "./messages.ts";
import { rankingRoundOptions } from "./queries.ts";
import { RankingView, type RankingViewChoice } from "./RankingView.tsx";

export function viewParam(params: URLSearchParams): RankingViewChoice | null {
  const v = params.get("view");
  return v === "final" || v === "working" ? v : null;
}

export function RoundRankingPage({ roundId }: { me?: Me; roundId: string }) {
  const { t } = useRankingsI18n();
  const { params } = useLocation();
  const round = useQuery(rankingRoundOptions(roundId));

  if (round.isPending) return <Spinner label={t("ranking.loading")} />;
  if (round.error) return <ErrorBox error={round.error} />;
  const r = round.data;
  if (!r) return <Notice kind="warn">{t("ranking.notRound")}</Notice>;

  return (
    <div className="rk-page">
      <p className="no-print">
        <Link to={`/rounds?year=${r.year}&round=${encodeURIComponent(r.id)}`}>{t("ranking.back")}</Link>
      </p>
      <h1>{t("ranking.title", { name: r.name })}</h1>
      <p className="muted">{t("ranking.subtitle", { tenant: r.tenant.name, year: r.year })}</p>
      <PrintButton />
      {r.judgedBy === "levels" ? (
        <Notice>{t("ranking.notScored")}</Notice>
      ) : (
        <RankingView
          roundId={r.id}
          mapId={r.map.id}
          title={r.name}
          fileBase={`${t("ranking.fileName")}-${rankingFileSlug(r.name)}`}
          initialView={viewParam(params)}
        />
      )}
    </div>
  );
}

export default RoundRankingPage;
