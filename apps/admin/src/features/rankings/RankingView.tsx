/**
 * A scored round's ranking, one table per ranking group (sở/ngành, xã, phường…) as the API ranks it
 * (criteria-core: competition ranking, ties share a rank), with last year's rank, the change and the main indices;
 * XLSX and CSV from DataTable. Two readings: the published one (recognised results) and the working one (every
 * unit's current score), the latter offered only to those the API lets read it. A unit opens a panel with its radar.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { DataTable, ErrorBox, Notice, pointsText, rankingColumns, Spinner, tiedRanks } from "@cds/ui";
import { useRankingsI18n } from "./messages.ts";
import { rankingOptions, type RankingAnswer, type RankingEntry, type RankingGroup } from "./queries.ts";
import { UnitPanel } from "./UnitPanel.tsx";
import "./rankings.css";

export type RankingViewChoice = "final" | "working";

/**
 * Whether the viewer may read the working ranking, from what the API has answered so far: yes once it gave a working
 * ranking; no when it refused one, or when its default for the viewer was the published one; null while unknown.
 */
function mayReadWorking(answers: (RankingAnswer | undefined)[], defaultAnswer: RankingAnswer | undefined) {
  if (answers.some((a) => a && !a.refused && !a.ranking.final)) return true;
  if (answers.some((a) => a?.refused)) return false;
  if (defaultAnswer?.ranking.final) return false;
  return null;
}

export function RankingView({
  roundId,
  mapId,
  title,
  fileBase,
  averageLabel,
  initialView = null,
  indexLabel,
}: {
  /** The round's global id. */
  roundId: string;
  /** The round's map (a unit's code is read on it for its scores across the years). */
  mapId: string | null;
  /** The round's name: the spreadsheet's title. */
  title: string;
  /** The exported files' name, e.g. "xep-hang-chi-so-xa-2025". */
  fileBase: string;
  /** What the average series is called on the radar ("Trung bình", "Trung bình cả nước"). */
  averageLabel?: string;
  /** Which reading to open on; null = the API's default for the viewer. */
  initialView?: RankingViewChoice | null;
  /** A main index's header (e.g. with its weight); its name by default. */
  indexLabel?: (code: string, name: string) => string;
}) {
  const { t, locale } = useRankingsI18n();
  const qc = useQueryClient();
  const [want, setWant] = useState<boolean | null>(
    initialView === "final" ? true : initialView === "working" ? false : null,
  );
  const [open, setOpen] = useState<{ entry: RankingEntry; group: RankingGroup } | null>(null);
  const asked = useQuery(rankingOptions(roundId, want));
  // What the API said for each reading asked so far (cached), to know whether the working one may be offered.
  const cached = (final: boolean | null) => qc.getQueryData(rankingOptions(roundId, final).queryKey);
  const mayWork = mayReadWorking([cached(null), cached(false), cached(true), asked.data], cached(null));
  const close = useCallback(() => setOpen(null), []);

  const answer = asked.data;
  const ranking = answer?.ranking;
  const final = ranking?.final ?? want !== false;
  // Offered when the viewer may, or (not known yet, the published reading asked for by name) to try.
  const offerWorking = mayWork === true || (mayWork === null && want === true);

  const columnsFor = useMemo(() => {
    if (!ranking) return null;
    return (group: RankingGroup) =>
      rankingColumns<RankingEntry>({
        t,
        locale,
        ranking,
        tied: tiedRanks(group.entries),
        indexHeader: indexLabel,
        afterScore: ranking.final
          ? []
          : [
              {
                key: "status",
                header: t("ranking.col.status"),
                value: (e) => t(`status.${e.status}`),
                render: (e) => (
                  <span className={`badge status-${e.status.toLowerCase()}`}>{t(`status.${e.status}`)}</span>
                ),
              },
            ],
        renderUnit: (e) => (
          <button type="button" className="link rk-unit" onClick={() => setOpen({ entry: e, group })}>
            {e.unitName}
          </button>
        ),
      });
  }, [ranking, t, locale, indexLabel]);

  const choose = (working: boolean) => {
    setOpen(null);
    setWant(!working);
  };

  return (
    <div className="rk-view">
      {offerWorking ? (
        <div className="rk-toggle" role="group" aria-label={t("ranking.view")}>
          <button type="button" aria-pressed={final} onClick={() => choose(false)}>
            {t("ranking.view.final")}
          </button>
          <button type="button" aria-pressed={!final} onClick={() => choose(true)}>
            {t("ranking.view.working")}
          </button>
        </div>
      ) : (
        ranking && <p className="rk-reading">{t("ranking.view.finalOnly")}</p>
      )}
      {answer?.refused && <Notice kind="warn">{t("ranking.refused")}</Notice>}
      {asked.isPending ? (
        <Spinner label={t("ranking.loading")} />
      ) : asked.error ? (
        <ErrorBox error={asked.error} />
      ) : (
        ranking &&
        columnsFor && (
          <>
            <p className="hint">
              {t(ranking.final ? "ranking.view.finalHint" : "ranking.view.workingHint")}{" "}
              {t("ranking.maxScore", { max: pointsText(String(ranking.maxScore), locale) })}{" "}
              {ranking.previousYear
                ? t("ranking.previousYear", { year: ranking.previousYear })
                : t("ranking.noPreviousYear")}{" "}
              {t("ranking.ties")}
            </p>
            {ranking.groups.length === 0 ? (
              <Notice>{t(ranking.final ? "ranking.empty.final" : "ranking.empty.working")}</Notice>
            ) : (
              <>
                {ranking.mainIndices.length > 0 && (
                  <p className="rk-averages">
                    <strong>{t("ranking.averages")}:</strong>{" "}
                    {ranking.mainIndices.map((m) => `${m.name} ${pointsText(m.averageText, locale)}`).join(" · ")}
                  </p>
                )}
                <p className="hint">{t("ranking.clickHint")}</p>
                {ranking.groups.map((g) => (
                  <section key={g.code ?? "_all"} className="rk-group" aria-labelledby={`rk-group-${g.code ?? "_all"}`}>
                    <h2 id={`rk-group-${g.code ?? "_all"}`}>
                      {g.name}{" "}
                      <span className="muted rk-count">({t("ranking.groupCount", { n: g.entries.length })})</span>
                    </h2>
                    <DataTable
                      columns={columnsFor(g)}
                      rows={g.entries}
                      rowKey={(e) => e.assessmentId}
                      csvName={`${fileBase}-${g.code ?? "tat-ca"}${ranking.final ? "" : "-dang-cham"}.csv`}
                      title={`${title} — ${g.name}${ranking.final ? "" : ` (${t("ranking.view.working")})`}`}
                      onRowClick={(e) => setOpen({ entry: e, group: g })}
                    />
                  </section>
                ))}
              </>
            )}
          </>
        )
      )}
      {open && ranking && (
        <UnitPanel
          key={open.entry.assessmentId}
          entry={open.entry}
          group={open.group}
          ranking={ranking}
          mapId={mapId}
          averageLabel={averageLabel ?? t("panel.average")}
          onClose={close}
        />
      )}
    </div>
  );
}
