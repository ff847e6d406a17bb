/**
 * The ministry's national view for a year and a unit kind: every province's
 * units, recognised levels and report timeliness; criterion pass rates (own
 * set vs national v1.0); how each province's set deviates from v1.0. Across the
 * reform: the map the year is counted on, an old map's provinces converted into
 * today's (marked, with the rule), one province over the years (ProvinceHistory).
 */
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { reportLastDay } from "@cds/calendar";
import { countColumn, DataTable, ErrorBox, KpiCard, Notice, Spinner, useI18n, type Column, type Me } from "@cds/ui";
import { ConversionNote, MapBar, oldProvinceNames, ProvinceName, useShownMap, useTenantNames } from "./NationalMap.tsx";
import { NationalDeviations, NationalPassRates } from "./NationalSections.tsx";
import { LevelStackChart, ratio, MinistryPageHead, useYearKind } from "./parts.tsx";
import { ProvinceHistory } from "./ProvinceHistory.tsx";
import { nationalSummaryOptions, type ProvinceRow } from "./queries.ts";
import "./ministry.css";

export function NationalPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const yearKind = useYearKind("/national");
  const { year, kind, map, set, setAll } = yearKind;
  const isMinistry = me.capabilities.readNational;
  // Converting is offered on an old map only; asked on today's, the API has nothing to add up.
  const asToday = yearKind.asToday;
  const summary = useQuery({ ...nationalSummaryOptions(year, kind, map, asToday), enabled: isMinistry });
  const { maps, shown, yearMapId } = useShownMap(year, kind, map, summary.data);
  const names = useTenantNames();

  if (!isMinistry) return <Notice kind="warn">{t("ministry.onlyMinistry")}</Notice>;
  return (
    <div>
      <MinistryPageHead title={t("national.title", { year })} subtitle={t("national.subtitle")} yearKind={yearKind} />
      <MapBar
        year={year}
        maps={maps}
        shown={shown}
        yearMapId={yearMapId}
        asToday={asToday}
        onMap={(id) => setAll({ map: id === yearMapId ? null : id, conv: null })}
        onAsToday={(on) => set("conv", on ? "1" : null)}
      />
      {summary.isPending ? (
        <Spinner label={t("national.loading")} />
      ) : summary.error ? (
        <ErrorBox error={summary.error} />
      ) : (
        <NationalSummary rows={summary.data} year={year} kind={kind} names={names} />
      )}
      <ProvinceHistory kind={kind} names={names} />
      <NationalPassRates year={year} kind={kind} mapId={map} />
      <NationalDeviations kind={kind} />
    </div>
  );
}

export function nationalTotals(rows: ProvinceRow[]) {
  // Level by level, as many levels as the API counts.
  const byLevel = new Array<number>(Math.max(0, ...rows.map((r) => r.byLevel.length))).fill(0);
  let units = 0;
  let assessed = 0;
  let recognised = 0;
  let basicN = 0;
  for (const r of rows) {
    units += r.units;
    assessed += r.assessed;
    recognised += r.recognised;
    basicN += r.basicOrAbove.numerator;
    r.byLevel.forEach((n, l) => (byLevel[l] = (byLevel[l] ?? 0) + n));
  }
  const onTime = rows.filter((r) => r.reportOnTime === true).length;
  const late = rows.filter((r) => r.reportOnTime === false).length;
  // A converted row has no report of its own (each old province sent one): not counted as "not sent".
  const measured = rows.filter((r) => !r.convertedFrom).length;
  return {
    units,
    assessed,
    recognised,
    byLevel,
    basic: { n: basicN, d: units },
    onTime,
    late,
    notSent: measured - onTime - late,
  };
}

function NationalSummary({
  rows,
  year,
  kind,
  names,
}: {
  rows: ProvinceRow[];
  year: number;
  kind: string;
  names: Map<string, string>;
}) {
  const { t, number, percent, date, dateTime } = useI18n();
  const [order, setOrder] = useState<"name" | "basic">("name");
  const totals = useMemo(() => nationalTotals(rows), [rows]);
  const levels = useMemo(() => totals.byLevel.map((_, l) => l), [totals]);
  const converted = rows.some((r) => r.convertedFrom);
  const reportText = useCallback(
    (r: ProvinceRow) =>
      r.convertedFrom
        ? t("national.report.converted")
        : r.reportOnTime === null
          ? t("national.report.none")
          : r.reportOnTime
            ? t("national.report.onTime")
            : t("national.report.late"),
    [t],
  );

  const columns = useMemo<Column<ProvinceRow>[]>(
    () => [
      {
        key: "name",
        header: t("national.col.province"),
        // The export and the filter read a converted row as such, with its old provinces.
        value: (r) =>
          r.convertedFrom
            ? `${r.name} (${t("national.convertedTitle", { names: oldProvinceNames(r, names).join(", ") })})`
            : r.name,
        render: (r) => <ProvinceName row={r} names={names} />,
      },
      countColumn<ProvinceRow>("units", t("national.col.units"), (r) => r.units, number),
      countColumn<ProvinceRow>("assessed", t("national.col.assessed"), (r) => r.assessed, number),
      countColumn<ProvinceRow>("recognised", t("national.col.recognised"), (r) => r.recognised, number),
      ...levels.map((l) => countColumn<ProvinceRow>(`l${l}`, `M${l}`, (r) => r.byLevel[l] ?? 0, number)),
      {
        key: "basic",
        header: t("national.col.basic"),
        value: (r) => ratio({ n: r.basicOrAbove.numerator, d: r.basicOrAbove.denominator }),
        render: (r) => (
          <span title={`${number(r.basicOrAbove.numerator)}/${number(r.basicOrAbove.denominator)}`}>
            {percent(r.basicOrAbove.numerator, r.basicOrAbove.denominator)}
          </span>
        ),
        align: "right",
      },
      {
        key: "report",
        header: t("national.col.report"),
        value: (r) => reportText(r),
        render: (r) => (
          <span
            className={`report-${r.reportOnTime === null ? "none" : r.reportOnTime ? "ok" : "late"}`}
            title={r.reportSubmittedAt ? dateTime(r.reportSubmittedAt) : undefined}
          >
            {reportText(r)}
            {r.reportSubmittedAt && <span className="muted"> ({date(r.reportSubmittedAt)})</span>}
          </span>
        ),
      },
    ],
    [t, number, percent, date, dateTime, reportText, levels, names],
  );

  const chartRows = useMemo(() => {
    const sorted = [...rows].filter((r) => r.units > 0);
    if (order === "basic")
      sorted.sort(
        (a, b) =>
          (ratio({ n: b.basicOrAbove.numerator, d: b.basicOrAbove.denominator }) ?? 0) -
          (ratio({ n: a.basicOrAbove.numerator, d: a.basicOrAbove.denominator }) ?? 0),
      );
    return [
      { key: "_all", label: t("national.nation"), units: totals.units, byLevel: totals.byLevel, strong: true },
      ...sorted.map((r) => ({
        key: r.tenantId,
        // A converted bar says so, like its row.
        label: r.convertedFrom ? t("national.chartConverted", { name: r.name }) : r.name,
        units: r.units,
        byLevel: r.byLevel,
      })),
    ];
  }, [rows, order, totals, t]);

  const late = rows.filter((r) => r.reportOnTime === false);
  const notSent = rows.filter((r) => r.reportOnTime === null && !r.convertedFrom);

  return (
    <>
      <div className="kpis">
        <KpiCard
          label={t("national.kpi.provinces")}
          value={number(rows.filter((r) => r.assessed > 0).length)}
          sub={t("national.kpi.provincesOf", { n: number(rows.length) })}
        />
        <KpiCard label={t("national.kpi.units")} value={number(totals.units)} testId="national-total-units" />
        <KpiCard label={t("national.kpi.assessed")} value={number(totals.assessed)} />
        <KpiCard
          label={t("national.kpi.recognised")}
          value={number(totals.recognised)}
          testId="national-total-recognised"
          sub={percent(totals.recognised, totals.units)}
        />
        <KpiCard
          label={t("national.kpi.basic")}
          value={percent(totals.basic.n, totals.basic.d)}
          sub={`${number(totals.basic.n)}/${number(totals.basic.d)}`}
        />
        <KpiCard
          label={t("national.kpi.reports")}
          value={`${number(totals.onTime)} / ${number(totals.late)} / ${number(totals.notSent)}`}
          sub={t("national.kpi.reportsSub")}
        />
      </div>

      <h2>{t("national.tableTitle")}</h2>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(r) => r.tenantId}
        csvName={`tong-hop-${kind}-${year}${converted ? "-quy-doi" : ""}.csv`}
        caption={t("national.tableCaption")}
      />
      <ConversionNote rows={rows} />
      <p className="hint" data-testid="national-level-totals">
        {t("national.totalsLine", {
          units: number(totals.units),
          recognised: number(totals.recognised),
          levels: totals.byLevel.map((n, l) => `M${l}: ${number(n)}`).join(" · "),
        })}
      </p>

      <section className="card">
        <div className="row" style={{ justifyContent: "space-between", alignItems: "center" }}>
          <h2 style={{ margin: 0 }}>{t("national.chartTitle")}</h2>
          <label className="inline">
            {t("national.order")}
            <select value={order} onChange={(e) => setOrder(e.target.value as "name" | "basic")}>
              <option value="name">{t("national.order.name")}</option>
              <option value="basic">{t("national.order.basic")}</option>
            </select>
          </label>
        </div>
        {chartRows.length <= 1 ? (
          <p className="muted">{t("national.noUnits")}</p>
        ) : (
          <LevelStackChart rows={chartRows} title={t("national.chartCaption")} />
        )}
      </section>

      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t("national.timeliness", { date: date(reportLastDay(year)) })}</h2>
        <div className="kpis" style={{ marginBottom: "0.5rem" }}>
          <KpiCard label={t("national.report.onTime")} value={number(totals.onTime)} />
          <KpiCard label={t("national.report.late")} value={number(totals.late)} />
          <KpiCard label={t("national.report.none")} value={number(totals.notSent)} />
        </div>
        {late.length > 0 && (
          <p style={{ margin: "0.25rem 0" }}>
            <strong>{t("national.lateList")}:</strong>{" "}
            {late.map((r) => `${r.name} (${date(r.reportSubmittedAt)})`).join(", ")}
          </p>
        )}
        {converted && <p className="hint">{t("national.convertedReports")}</p>}
        {notSent.length > 0 && (
          <details>
            <summary>{t("national.notSentList", { n: notSent.length })}</summary>
            <p style={{ margin: "0.25rem 0" }}>{notSent.map((r) => r.name).join(", ")}</p>
          </details>
        )}
      </section>
    </>
  );
}
