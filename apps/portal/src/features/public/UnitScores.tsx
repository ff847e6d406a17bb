/**
 * A scored unit's public results (Bộ chỉ số): its latest recognised score, its rank in the published ranking, the
 * radar of its main indices against the round's average with the same numbers in a table, and its recognised
 * scores across the years. Every number is the API's (criteria-core), shown as the engine rounded it.
 */
import { useQuery } from "@tanstack/react-query";
import { Link, RadarChart, useI18n } from "@cds/ui";
import { publicRankingQuery, scoredAssessmentRoundQuery, type UnitScoreYear } from "./api.ts";
import { pointsText, shownDifference, signedPointsText } from "./ranking-format.ts";
import "./rankings.css";

/** Each recognised year with the change from the year before when both are on the same scale. */
export function scoreYears(history: readonly UnitScoreYear[]) {
  const finals = history.filter((h) => h.final);
  return finals.map((h, k) => {
    const prev = k > 0 ? finals[k - 1]! : null;
    const sameScale = prev !== null && prev.score.maxScore === h.score.maxScore;
    return {
      ...h,
      change: prev && sameScale ? shownDifference(h.score.scoreText, prev.score.scoreText) : null,
      otherScale: prev !== null && !sameScale,
    };
  });
}

export function UnitScores({ name, history }: { name: string; history: readonly UnitScoreYear[] }) {
  const { t, locale } = useI18n();
  const years = scoreYears(history);
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
          <div className="table-scroll">
            <table className="pr-small">
              <caption>{t("unitScore.indices")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("unitScore.col.index")}</th>
                  <th scope="col" className="num">
                    {name}
                  </th>
                  {hasAverage && (
                    <th scope="col" className="num">
                      {t("unitScore.average")}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {main.map((g) => (
                  <tr key={g.code}>
                    <th scope="row">{g.name}</th>
                    <td className="num">{value(g.indexText)}</td>
                    {hasAverage && <td className="num">{value(averages.get(g.code)?.averageText)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      <h3>{t("unitScore.history")}</h3>
      <div className="table-scroll">
        <table className="pr-small">
          <thead>
            <tr>
              <th scope="col">{t("unitScore.col.year")}</th>
              <th scope="col">{t("unitScore.col.round")}</th>
              <th scope="col" className="num">
                {t("unitScore.col.score")}
              </th>
              <th scope="col" className="num">
                {t("unitScore.col.change")}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...years].reverse().map((h) => (
              <tr key={h.assessmentId}>
                <th scope="row">{h.year}</th>
                <td>{h.roundName}</td>
                <td className="num">
                  {value(h.score.scoreText)}
                  <span className="muted"> / {value(String(h.score.maxScore))}</span>
                </td>
                <td className="num">
                  {h.change !== null ? (
                    <span
                      className={h.change.startsWith("+") ? "pr-up" : h.change.startsWith("-") ? "pr-down" : undefined}
                    >
                      {signedPointsText(h.change, locale)}
                    </span>
                  ) : h.otherScale ? (
                    <span className="muted">{t("unitScore.otherScale")}</span>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
