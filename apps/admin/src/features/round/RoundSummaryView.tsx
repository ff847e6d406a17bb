/**
 * A round's key figures and charts: units, submitted, to review, recognised, late; by status and by level.
 * A scored round (Bộ chỉ số) shows the spread of its units' current scores; a points-only round has no
 * levels, so its level charts are not shown.
 */
import { KpiCard, useI18n } from "@cds/ui";
import { BarChart } from "./charts.tsx";
import type { RoundSummary } from "./rounds-queries.ts";
import { countOf } from "./round-summary.ts";
import { numberText, pointsText, type JudgedBy } from "./scored.ts";

function levelLabel(t: (k: string) => string, l: number): string {
  return l === 0 ? t("rounds.level0Short") : `${l}. ${t(`level.${l}`)}`;
}

/** The smallest, median and largest current score of a round's units (texts as the engine rounded them). */
export interface ScoreSpread {
  units: number;
  maxScore: number;
  min: string;
  median: string;
  max: string;
}

export function RoundSummaryView({
  s,
  judgedBy = "levels",
  spread = null,
}: {
  s: RoundSummary;
  judgedBy?: JudgedBy;
  spread?: ScoreSpread | null;
}) {
  const { t, number, locale } = useI18n();
  const recognised = countOf(s, "RECOGNISED");
  const submitted = s.units - countOf(s, "DRAFT") - countOf(s, "RETURNED");
  const byLevel = (counts: number[]) =>
    counts.map((n, l) => ({ key: String(l), label: levelLabel(t, l), value: n, tone: `level-${l}` }));
  return (
    <>
      <div className="kpis">
        <KpiCard label={t("rounds.kpi.units")} value={number(s.units)} />
        <KpiCard label={t("rounds.kpi.submitted")} value={number(submitted)} />
        <KpiCard label={t("rounds.kpi.queue")} value={number(s.reviewQueue)} />
        <KpiCard label={t("rounds.kpi.recognised")} value={number(recognised)} />
        <KpiCard
          label={t("rounds.kpi.late")}
          value={number(s.late)}
          sub={t("rounds.kpi.lateSub")}
          testId="kpi-late"
          tone={s.late > 0 ? "kpi-late" : undefined}
        />
      </div>
      {judgedBy !== "levels" && (
        <section className="card score-spread" aria-label={t("rounds.spread.titleShort")}>
          {spread ? (
            <>
              <h3 style={{ marginTop: 0 }}>
                {t("rounds.spread.title", { n: number(spread.units), max: numberText(spread.maxScore, locale) })}
              </h3>
              <div className="kpis">
                <KpiCard label={t("rounds.spread.min")} value={pointsText(spread.min, locale)} testId="spread-min" />
                <KpiCard
                  label={t("rounds.spread.median")}
                  value={pointsText(spread.median, locale)}
                  testId="spread-median"
                />
                <KpiCard label={t("rounds.spread.max")} value={pointsText(spread.max, locale)} testId="spread-max" />
              </div>
            </>
          ) : (
            <p className="muted" style={{ margin: 0 }}>
              {t("rounds.spread.none")}
            </p>
          )}
        </section>
      )}
      <div className="charts">
        <div className="card">
          <BarChart
            title={t("rounds.chart.status")}
            total={s.units}
            format={number}
            bars={s.byStatus.map(({ status: st, count }) => ({
              key: st,
              label: t(`status.${st}`),
              value: count,
              tone: `status-${st.toLowerCase()}`,
            }))}
          />
        </div>
        {judgedBy !== "points" && (
          <>
            <div className="card">
              <BarChart
                title={t("rounds.chart.computed")}
                total={s.units}
                format={number}
                bars={byLevel(s.byComputedLevel)}
              />
            </div>
            <div className="card">
              <BarChart
                title={t("rounds.chart.recognised", { n: number(recognised) })}
                total={recognised || undefined}
                format={number}
                bars={byLevel(s.byRecognisedLevel)}
              />
            </div>
          </>
        )}
      </div>
    </>
  );
}
