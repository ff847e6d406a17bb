/**
 * `/national/dti`: the ministry's provincial DTI — its national scored rounds (tenant "vn") by year, and the chosen
 * year's ranking of the provinces on the weighted index, with the main indices and their weights from the pinned set.
 */
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { TCriteriaSet } from "@cds/criteria-schema";
import {
  ErrorBox,
  navigate,
  Notice,
  pointsText,
  rankingFileSlug,
  Spinner,
  useLocation,
  YearSelect,
  type Me,
} from "@cds/ui";
import { useRankingsI18n } from "./messages.ts";
import { nationalRoundsOptions, roundSetOptions, type NationalRound, type RoundSet } from "./queries.ts";
import { RankingView } from "./RankingView.tsx";
import { viewParam } from "./RoundRankingPage.tsx";
import { DTI_PATH } from "./nav.ts";

function setParams(params: URLSearchParams, changes: Record<string, string | null>) {
  const p = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) p.delete(k);
    else p.set(k, v);
  }
  const q = p.toString();
  navigate(`${DTI_PATH}${q ? `?${q}` : ""}`, { replace: true });
}

export function DtiPage(_props: { me?: Me }) {
  const { t } = useRankingsI18n();
  const { params } = useLocation();
  const rounds = useQuery(nationalRoundsOptions());

  if (rounds.isPending) return <Spinner label={t("dti.loading")} />;
  if (rounds.error) return <ErrorBox error={rounds.error} />;
  const all = rounds.data;
  const years = [...new Set(all.map((r) => r.year))].sort((a, b) => b - a);
  const year = years.includes(Number(params.get("year"))) ? Number(params.get("year")) : years[0];
  if (year === undefined)
    return (
      <div>
        <h1>{t("dti.title", { year: "" }).trim()}</h1>
        <Notice>{t("dti.none")}</Notice>
      </div>
    );
  const ofYear = all.filter((r) => r.year === year);
  const round = ofYear.find((r) => r.id === params.get("round")) ?? ofYear[0]!;

  return (
    <div className="rk-page">
      <div className="page-head">
        <div>
          <h1>{t("dti.title", { year })}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {t("dti.subtitle")}
          </p>
        </div>
        {years.length > 1 && (
          <YearSelect
            label={t("dti.year")}
            years={years}
            value={year}
            onChange={(y) => setParams(params, { year: String(y), round: null })}
          />
        )}
      </div>
      {ofYear.length > 1 && (
        <div className="rk-toggle" role="group" aria-label={t("dti.pick")}>
          {ofYear.map((r) => (
            <button
              key={r.id}
              type="button"
              aria-pressed={r.id === round.id}
              onClick={() => setParams(params, { round: r.id })}
            >
              {r.name}
            </button>
          ))}
        </div>
      )}
      <DtiRound key={round.id} round={round} params={params} />
    </div>
  );
}

/** The main indices (the set's top-level scoring groups) with their weights, as the pinned set says. */
export function mainIndexWeights(set: RoundSet | null): { code: string; name: string; weight: number | null }[] {
  const doc = set?.document as TCriteriaSet | undefined;
  return (doc?.scoring?.groups ?? []).map((g) => ({ code: g.code, name: g.name, weight: g.weight ?? null }));
}

function DtiRound({ round, params }: { round: NationalRound; params: URLSearchParams }) {
  const { t, locale, date } = useRankingsI18n();
  const set = useQuery(roundSetOptions(round.id));
  const weights = useMemo(() => mainIndexWeights(set.data ?? null), [set.data]);
  const weighted = (set.data?.document as TCriteriaSet | undefined)?.scoring?.total.method === "weighted";
  // A weighted index's columns carry their weight: "Nhận thức số (100)".
  const indexLabel = useMemo(() => {
    if (!weighted) return undefined;
    const weightOf = new Map(weights.map((w) => [w.code, w.weight]));
    return (code: string, name: string) => {
      const w = weightOf.get(code);
      return w === null || w === undefined ? name : `${name} (${pointsText(String(w), locale)})`;
    };
  }, [weighted, weights, locale]);
  return (
    <>
      <h2>{round.name}</h2>
      {set.isPending ? (
        <Spinner />
      ) : set.error ? (
        <ErrorBox error={set.error} />
      ) : (
        set.data && (
          <section className="rk-weights" aria-label={t("dti.weights")}>
            <p className="muted">
              {t("dti.set", { title: set.data.title, v: set.data.version })}
              {set.data.decisionNumber
                ? ` — ${t(set.data.decisionDate ? "dti.setDecision" : "dti.setDecisionNumber", { n: set.data.decisionNumber, d: date(set.data.decisionDate) })}`
                : ""}
            </p>
            <div className="table-scroll">
              <table className="rank-small">
                <caption>{t("dti.weights")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("dti.col.code")}</th>
                    <th scope="col">{t("dti.col.index")}</th>
                    {weighted && (
                      <th scope="col" className="num">
                        {t("dti.col.weight")}
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {weights.map((w) => (
                    <tr key={w.code}>
                      <td>
                        <code>{w.code}</code>
                      </td>
                      <th scope="row">{w.name}</th>
                      {weighted && (
                        <td className="num">{w.weight === null ? "—" : pointsText(String(w.weight), locale)}</td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {weighted && <p className="hint">{t("dti.weightsHint")}</p>}
          </section>
        )
      )}
      <RankingView
        roundId={round.id}
        mapId={round.map.id}
        title={round.name}
        fileBase={`dti-${rankingFileSlug(round.name)}`}
        averageLabel={t("dti.average")}
        initialView={viewParam(params)}
        indexLabel={indexLabel}
      />
    </>
  );
}

export default DtiPage;
