/** A round's key figures and charts: units, submitted, to review, recognised; by status and by level. */
import { KpiCard, useI18n } from "@cds/ui";
import { BarChart } from "./charts.tsx";
import type { RoundSummary } from "./rounds-queries.ts";
import { countOf } from "./round-summary.ts";

function levelLabel(t: (k: string) => string, l: number): string {
  return l === 0 ? t("rounds.level0Short") : `${l}. ${t(`level.${l}`)}`;
}

export function RoundSummaryView({ s }: { s: RoundSummary }) {
  const { t, number } = useI18n();
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
      </div>
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
      </div>
    </>
  );
}
