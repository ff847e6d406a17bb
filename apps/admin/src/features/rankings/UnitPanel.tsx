/**
 * One ranked unit: its main indices (0..1) against the round's average on a radar, the same numbers in a table
 * (a chart is never the only way to read them), and its scores across the years with the change from year to year.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef } from "react";
import { ErrorBox, MainIndicesTable, pointsText, pointsValue, RadarChart, ScoreYearsTable, Spinner } from "@cds/ui";
import { useRankingsI18n } from "./messages.ts";
import { unitHistoryOptions, type Ranking, type RankingEntry, type RankingGroup } from "./queries.ts";

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

  // The unit's indices come in the order of the ranking's mainIndices (their names and averages, said once).
  const rows = ranking.mainIndices.map((m, k) => {
    const indexText = entry.indexTexts[k] ?? null;
    return { ...m, index: pointsValue(indexText), indexText };
  });
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
            { name: averageLabel, values: rows.map((r) => r.average) },
          ]}
          description={rows
            .map((r) => `${r.name}: ${value(r.indexText)} (${averageLabel} ${value(r.averageText)})`)
            .join("; ")}
          formatValue={(v) => pointsText(String(v), locale)}
        />
      ) : (
        <p className="hint">{t("panel.fewAxes")}</p>
      )}
      <MainIndicesTable name={entry.unitName} rows={rows} averageLabel={averageLabel} />
      <ScoreHistory code={entry.unitCode} mapId={mapId} />
    </aside>
  );
}

function ScoreHistory({ code, mapId }: { code: string; mapId: string | null }) {
  const { t } = useRankingsI18n();
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
        <ScoreYearsTable history={history} />
      )}
    </section>
  );
}
