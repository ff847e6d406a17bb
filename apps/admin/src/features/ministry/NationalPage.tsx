/**
 * The ministry's national view for a year and a unit kind: every province's
 * units, recognised levels and report timeliness; criterion pass rates (own
 * set vs national v1.0); how each province's set deviates from v1.0.
 */
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { DataTable, ErrorBox, Notice, Spinner, useI18n, type Column, type Me } from "@cds/ui";
import {
  DeviationTable,
  LevelStackChart,
  passRateRows,
  ratio,
  useRateText,
  useYearKind,
  YearKindPicker,
  type PassRateRow,
  LevelSelect,
} from "./parts.tsx";
import { deviationsOptions, nationalSummaryOptions, passRatesOptions, type ProvinceRow } from "./queries.ts";
import "./ministry.css";

export function NationalPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const { year, kind, set } = useYearKind("/national");
  const isMinistry = me.roles.some((r) => r.role === "MINISTRY_ADMIN");
  const summary = useQuery({ ...nationalSummaryOptions(year, kind), enabled: isMinistry });

  if (!isMinistry) return <Notice kind="warn">{t("ministry.onlyMinistry")}</Notice>;
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t("national.title", { year })}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {t("national.subtitle")}
          </p>
        </div>
        <YearKindPicker year={year} kind={kind} onYear={(y) => set("year", String(y))} onKind={(k) => set("kind", k)} />
      </div>
      {summary.isPending ? (
        <Spinner label={t("national.loading")} />
      ) : summary.error ? (
        <ErrorBox error={summary.error} />
      ) : (
        <NationalSummary rows={summary.data} year={year} kind={kind} />
      )}
      <PassRates year={year} kind={kind} />
      <Deviations kind={kind} />
    </div>
  );
}

export function nationalTotals(rows: ProvinceRow[]) {
  const byLevel = [0, 0, 0, 0, 0, 0];
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
  return {
    units,
    assessed,
    recognised,
    byLevel,
    basic: { n: basicN, d: units },
    onTime,
    late,
    notSent: rows.length - onTime - late,
  };
}

function NationalSummary({ rows, year, kind }: { rows: ProvinceRow[]; year: number; kind: string }) {
  const { t, number, percent, date, dateTime } = useI18n();
  const [order, setOrder] = useState<"name" | "basic">("name");
  const totals = useMemo(() => nationalTotals(rows), [rows]);
  const reportText = useCallback(
    (r: ProvinceRow) =>
      r.reportOnTime === null
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
        value: (r) => r.name,
        render: (r) => <strong>{r.name}</strong>,
      },
      {
        key: "units",
        header: t("national.col.units"),
        value: (r) => r.units,
        render: (r) => number(r.units),
        align: "right",
      },
      {
        key: "assessed",
        header: t("national.col.assessed"),
        value: (r) => r.assessed,
        render: (r) => number(r.assessed),
        align: "right",
      },
      {
        key: "recognised",
        header: t("national.col.recognised"),
        value: (r) => r.recognised,
        render: (r) => number(r.recognised),
        align: "right",
      },
      ...[0, 1, 2, 3, 4, 5].map<Column<ProvinceRow>>((l) => ({
        key: `l${l}`,
        header: l === 0 ? "M0" : `M${l}`,
        value: (r) => r.byLevel[l] ?? 0,
        render: (r) => number(r.byLevel[l] ?? 0),
        align: "right",
      })),
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
    [t, number, percent, date, dateTime, reportText],
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
      ...sorted.map((r) => ({ key: r.tenantId, label: r.name, units: r.units, byLevel: r.byLevel })),
    ];
  }, [rows, order, totals, t]);

  const late = rows.filter((r) => r.reportOnTime === false);
  const notSent = rows.filter((r) => r.reportOnTime === null);

  return (
    <>
      <div className="kpis">
        <Kpi
          label={t("national.kpi.provinces")}
          value={number(rows.filter((r) => r.assessed > 0).length)}
          sub={t("national.kpi.provincesOf", { n: number(rows.length) })}
        />
        <Kpi label={t("national.kpi.units")} value={number(totals.units)} testId="national-total-units" />
        <Kpi label={t("national.kpi.assessed")} value={number(totals.assessed)} />
        <Kpi
          label={t("national.kpi.recognised")}
          value={number(totals.recognised)}
          testId="national-total-recognised"
          sub={percent(totals.recognised, totals.units)}
        />
        <Kpi
          label={t("national.kpi.basic")}
          value={percent(totals.basic.n, totals.basic.d)}
          sub={`${number(totals.basic.n)}/${number(totals.basic.d)}`}
        />
        <Kpi
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
        csvName={`tong-hop-${kind}-${year}.csv`}
        caption={t("national.tableCaption")}
      />
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
        <h2 style={{ marginTop: 0 }}>{t("national.timeliness", { date: date(`${year}-12-25`) })}</h2>
        <div className="kpis" style={{ marginBottom: "0.5rem" }}>
          <Kpi label={t("national.report.onTime")} value={number(totals.onTime)} />
          <Kpi label={t("national.report.late")} value={number(totals.late)} />
          <Kpi label={t("national.report.none")} value={number(totals.notSent)} />
        </div>
        {late.length > 0 && (
          <p style={{ margin: "0.25rem 0" }}>
            <strong>{t("national.lateList")}:</strong>{" "}
            {late.map((r) => `${r.name} (${date(r.reportSubmittedAt)})`).join(", ")}
          </p>
        )}
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

function Kpi({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <div className="kpi">
      <div className="value" data-testid={testId}>
        {value}
      </div>
      <div className="label">{label}</div>
      {sub && <div className="label">{sub}</div>}
    </div>
  );
}

function PassRates({ year, kind }: { year: number; kind: string }) {
  const { t } = useI18n();
  const [level, setLevel] = useState(3);
  const [province, setProvince] = useState("");
  const q = useQuery(passRatesOptions(year, kind));
  const rateText = useRateText();
  const rows = useMemo(
    () => (q.data ? passRateRows(province ? q.data.filter((p) => p.tenantId === province) : q.data, level) : []),
    [q.data, level, province],
  );
  const columns = useMemo<Column<PassRateRow>[]>(
    () => [
      { key: "code", header: t("rates.col.code"), value: (r) => r.code, render: (r) => <code>{r.code}</code> },
      {
        key: "name",
        header: t("rates.col.name"),
        value: (r) => r.name,
        render: (r) => <span className="wrap-name">{r.name}</span>,
      },
      {
        key: "own",
        header: t("rates.col.own"),
        value: (r) => ratio(r.own),
        render: (r) => rateText(r.own),
        align: "right",
      },
      {
        key: "national",
        header: t("rates.col.national"),
        value: (r) => ratio(r.national),
        render: (r) => rateText(r.national),
        align: "right",
      },
      {
        key: "diff",
        header: t("rates.col.diff"),
        value: (r) => {
          const a = ratio(r.own);
          const b = ratio(r.national);
          return a === null || b === null ? null : Math.round((a - b) * 100) / 100;
        },
        render: (r) => {
          const a = ratio(r.own);
          const b = ratio(r.national);
          if (a === null || b === null) return "—";
          const d = Math.round((a - b) * 10) / 10;
          return <span className={d > 0 ? "up" : d < 0 ? "down" : undefined}>{d > 0 ? `+${d}` : d}</span>;
        },
        align: "right",
      },
    ],
    [t, rateText],
  );
  const units = (q.data ?? []).filter((p) => !province || p.tenantId === province).reduce((s, p) => s + p.units, 0);
  return (
    <section aria-label={t("rates.title")}>
      <h2>{t("rates.title")}</h2>
      <p className="hint">{t("rates.hint")}</p>
      <div className="filters">
        <LevelSelect level={level} onChange={setLevel} />
        <label>
          {t("rates.province")}
          <select value={province} onChange={(e) => setProvince(e.target.value)}>
            <option value="">{t("rates.allProvinces")}</option>
            {(q.data ?? []).map((p) => (
              <option key={p.tenantId} value={p.tenantId}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {q.data && <span className="muted">{t("rates.units", { n: units })}</span>}
      </div>
      {q.isPending ? (
        <Spinner label={t("rates.loading")} />
      ) : q.error ? (
        <ErrorBox error={q.error} />
      ) : (
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(r) => r.code}
          csvName={`ty-le-dat-${kind}-${year}-muc-${level}.csv`}
          caption={t("rates.caption", { level })}
        />
      )}
    </section>
  );
}

function Deviations({ kind }: { kind: string }) {
  const { t } = useI18n();
  const q = useQuery(deviationsOptions(kind));
  const own = (q.data ?? []).filter((d) => d.diff);
  const [showAll, setShowAll] = useState(false);
  return (
    <section aria-label={t("ministry.dev.title")}>
      <h2>{t("ministry.dev.title")}</h2>
      {q.isPending ? (
        <Spinner label={t("ministry.dev.loading")} />
      ) : q.error ? (
        <ErrorBox error={q.error} />
      ) : (
        <>
          <p className="hint">
            {t("ministry.dev.summary", { own: own.length, total: q.data.length })}{" "}
            <button type="button" className="link" onClick={() => setShowAll((x) => !x)}>
              {showAll ? t("ministry.dev.onlyOwn") : t("ministry.dev.all")}
            </button>
          </p>
          <DeviationTable deviations={showAll ? q.data : own} csvName={`sai-khac-bo-tieu-chi-${kind}.csv`} />
        </>
      )}
    </section>
  );
}
