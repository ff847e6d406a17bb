/**
 * One ranked unit: its main indices (0..1) against the round's average on a radar, the same numbers in a table
 * (a chart is never the only way to read them), and its scores across the years with the change from year to year.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef } from "react";
import { ErrorBox, RadarChart, Spinner } from "@cds/ui";
import { pointsText, shownDifference, signedPointsText } from "./format.ts";
import { useRankingsI18n } from "./messages.ts";
import { unitHistoryOptions, type Ranking, type RankingEntry, type RankingGroup, type ScoreYear } from "./queries.ts";

export function UnitPanel({
  entry,
  group,
  ranking,
  mapId,
  averageLabel,
  onClose,
}: {
  entry: RankingEntry;
  group: RankingGroup;
  ranking: Ranking;
  mapId: string | null;
  averageLabel: string;
  onClose: () => void;
}) {
  const { t, locale } = useRankingsI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: "nearest" });
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  const averages = new Map(ranking.mainIndices.map((m) => [m.code, m]));
  const rows = entry.indices.map((i) => ({ ...i, average: averages.get(i.code) ?? null }));
  const value = (text: string | null | undefined) => pointsText(text, locale);

  return (
    <aside className="rk-panel card" aria-labelledby={`${id}-h`}>
      <div className="rk-panel-head">
        <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
          {entry.unitName}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t("panel.close")}
        </button>
      </div>
      <p className="muted">
        {t("panel.rank", {
          rank: entry.rank,
          n: group.entries.length,
          group: group.name,
          score: value(entry.scoreText),
        })}
      </p>
      {rows.length >= 3 ? (
        <RadarChart
          title={t("panel.radar", { name: entry.unitName })}
          axes={rows.map((r) => ({ key: r.code, label: r.name }))}
          series={[
            { name: entry.unitName, values: rows.map((r) => r.index) },
            { name: averageLabel, values: rows.map((r) => r.average?.average ?? null) },
          ]}
          description={rows
            .map((r) => `${r.name}: ${value(r.indexText)} (${averageLabel} ${value(r.average?.averageText)})`)
            .join("; ")}
          formatValue={(v) => pointsText(String(v), locale)}
        />
      ) : (
        <p className="hint">{t("panel.fewAxes")}</p>
      )}
      <div className="table-scroll">
        <table className="rk-small">
          <caption>{t("panel.indices")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("panel.col.index")}</th>
              <th scope="col" className="num">
                {entry.unitName}
              </th>
              <th scope="col" className="num">
                {averageLabel}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.name}</th>
                <td className="num">{value(r.indexText)}</td>
                <td className="num">{value(r.average?.averageText)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ScoreHistory code={entry.unitCode} mapId={mapId} />
    </aside>
  );
}

/** The rows of a unit's scores across the years (oldest first), each with the change from the year before on the same scale. */
export function historyRows(history: readonly ScoreYear[]) {
  return history.map((h, k) => {
    const prev = k > 0 ? history[k - 1]! : null;
    const sameScale = prev !== null && prev.score.maxScore === h.score.maxScore;
    return {
      ...h,
      change: prev && sameScale ? shownDifference(h.score.scoreText, prev.score.scoreText) : null,
      otherScale: prev !== null && !sameScale,
    };
  });
}

function ScoreHistory({ code, mapId }: { code: string; mapId: string | null }) {
  const { t, locale } = useRankingsI18n();
  const q = useQuery(unitHistoryOptions(code, mapId));
  const history = q.data?.scoreHistory ?? [];
  return (
    <section className="rk-history">
      <h3>{t("panel.history")}</h3>
      {q.isPending ? (
        <Spinner label={t("panel.history.loading")} />
      ) : q.error ? (
        <ErrorBox error={q.error} />
      ) : history.length === 0 ? (
        <p className="muted">{t("panel.history.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="rk-small">
            <thead>
              <tr>
                <th scope="col">{t("panel.col.year")}</th>
                <th scope="col">{t("panel.col.round")}</th>
                <th scope="col" className="num">
                  {t("panel.col.score")}
                </th>
                <th scope="col" className="num">
                  {t("panel.col.change")}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...historyRows(history)].reverse().map((h) => (
                <tr key={h.assessmentId}>
                  <th scope="row">{h.year}</th>
                  <td>
                    {h.roundName}
                    {!h.final && <span className="muted"> ({t("panel.working")})</span>}
                  </td>
                  <td className="num">
                    {pointsText(h.score.scoreText, locale)}
                    <span className="muted"> / {pointsText(String(h.score.maxScore), locale)}</span>
                  </td>
                  <td className="num">
                    {h.change !== null ? (
                      <span
                        className={
                          h.change.startsWith("+") ? "rk-up" : h.change.startsWith("-") ? "rk-down" : undefined
                        }
                      >
                        {signedPointsText(h.change, locale)}
                      </span>
                    ) : h.otherScale ? (
                      <span className="muted">{t("panel.otherScale")}</span>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
