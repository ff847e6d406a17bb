/** `/rankings`: the scored rounds (Bộ chỉ số) whose published rankings anyone can read, by year, province and name. */
import { useQuery } from "@tanstack/react-query";
import { compareVietnamese } from "@cds/criteria-schema";
import { ErrorBox, Link, Notice, Spinner, useI18n } from "@cds/ui";
import { scoredRoundsQuery, type ScoredRound } from "./api.ts";
import "./rankings.css";

/** Newest year first; in a year the ministry's national rounds first, then the provinces in Vietnamese order. */
export function byYear(rounds: readonly ScoredRound[]): { year: number; rounds: ScoredRound[] }[] {
  const years = [...new Set(rounds.map((r) => r.year))].sort((a, b) => b - a);
  return years.map((year) => ({
    year,
    rounds: rounds
      .filter((r) => r.year === year)
      .sort(
        (a, b) =>
          Number(b.tenant.kind === "MINISTRY") - Number(a.tenant.kind === "MINISTRY") ||
          compareVietnamese(a.tenant.name, b.tenant.name) ||
          compareVietnamese(a.name, b.name),
      ),
  }));
}

export function RankingsPage() {
  const { t } = useI18n();
  const rounds = useQuery(scoredRoundsQuery());
  return (
    <div className="pr-rankings">
      <h1>{t("rankings.title")}</h1>
      <p className="muted">{t("rankings.intro")}</p>
      {rounds.isPending ? (
        <Spinner label={t("rankings.loading")} />
      ) : rounds.error ? (
        <ErrorBox error={rounds.error} />
      ) : rounds.data.length === 0 ? (
        <Notice>{t("rankings.none")}</Notice>
      ) : (
        byYear(rounds.data).map((y) => (
          <section key={y.year} aria-labelledby={`pr-year-${y.year}`}>
            <h2 id={`pr-year-${y.year}`}>{t("rankings.year", { year: y.year })}</h2>
            <ul className="pr-list">
              {y.rounds.map((r) => (
                <li key={r.id}>
                  <Link to={`/rankings/${encodeURIComponent(r.id)}`} className="pr-round">
                    <span className="pr-round-tenant">
                      {r.tenant.kind === "MINISTRY" ? t("rankings.national") : r.tenant.name}
                    </span>
                    <span className="pr-round-name">{r.name}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <p className="hint">{t("rankings.apiHint")}</p>
    </div>
  );
}
