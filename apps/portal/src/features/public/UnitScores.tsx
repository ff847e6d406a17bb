/**
 * A scored unit's public results (Bộ chỉ số): its latest recognised score, its rank in the published ranking, the
 * radar of its main indices against the round's average with the same numbers in a table, and its recognised
 * scores across the years. Every number is the API's (criteria-core), shown as the engine rounded it.
 */
import { useQuery } from "@tanstack/react-query";
import { Link, MainIndicesTable, pointsText, RadarChart, ScoreYearsTable, useI18n } from "@cds/ui";
import { publicRankingQuery, scoredAssessmentRoundQuery, type UnitScoreYear } from "./api.ts";
import "./rankings.css";

export function UnitScores({ name, history }: { name: string; history: readonly UnitScoreYear[] }) {
  const { t, locale } = useI18n();
  // Recognised years only (a working score is not public).
  const years = history.filter((h) => h.final);
  const latest = years.at(-1) ?? null;
  const roundId = useQuery(scoredAssessmentRoundQuery(latest?.assessmentId ?? null));
  const ranking = useQuery(publicRankingQuery(roundId.data ?? null));
  if (!latest) return null;

  const value = (text: string | null | undefined) => pointsText(text, locale);
  const main = latest.score.groups.filter((g) => g.parent === null);
  const averages = new Map((ranking.data?.ranking?.mainIndices ?? []).map((m) => [m.code, m]));
  const hasAverage = averages.size > 0;
  const group = ranking.data?.ranking?.groups.find((g) =>
    g.entries.some((e) => e.assessmentId === latest.assessmentId),
  );
  const entry = group?.entries.find((e) => e.assessmentId === latest.assessmentId);

  return (
    <section className="card pp-scores" aria-labelledby="pp-scores-h">
      <h2 id="pp-scores-h">{t("unitScore.title")}</h2>
      <p className="pp-big">
        {t("unitScore.score", { year: latest.year })} <strong>{value(latest.score.scoreText)}</strong>{" "}
        <span className="muted">{t("unitScore.of", { max: value(String(latest.score.maxScore)) })}</span>
      </p>
      <p>
        {t("unitScore.round", { round: latest.roundName })}{" "}
        {group && entry && t("unitScore.rank", { rank: entry.rank, n: group.entries.length, group: group.name })}{" "}
        {roundId.data && <Link to={`/rankings/${encodeURIComponent(roundId.data)}`}>{t("unitScore.ranking")}</Link>}
      </p>
      {main.length > 0 && (
        <div className="pp-radar">
          <RadarChart
            title={t("unitScore.radar", { name, year: latest.year })}
            axes={main.map((g) => ({ key: g.code, label: g.name }))}
            series={[
              { name, values: main.map((g) => g.index) },
              ...(hasAverage
                ? [{ name: t("unitScore.average"), values: main.map((g) => averages.get(g.code)?.average ?? null) }]
                : []),
            ]}
            description={main
              .map(
                (g) =>
                  `${g.name}: ${value(g.indexText)}` +
                  (hasAverage ? ` (${t("unitScore.average")} ${value(averages.get(g.code)?.averageText)})` : ""),
              )
              .join("; ")}
            formatValue={(v) => pointsText(String(v), locale)}
          />
          <MainIndicesTable
            name={name}
            rows={main.map((g) => ({ ...g, averageText: averages.get(g.code)?.averageText }))}
            averageLabel={hasAverage ? t("unitScore.average") : null}
          />
        </div>
      )}
      <h3>{t("unitScore.history")}</h3>
      <ScoreYearsTable history={years} />
    </section>
  );
}
