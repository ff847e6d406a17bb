/**
 * Two to four provinces side by side: summary, level distribution, criterion
 * pass rates (own set vs national v1.0) at a chosen level, set deviations.
 * The chosen provinces live in the URL (?p=a,b), so a comparison can be shared.
 */
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { matchesSearch } from "@cds/criteria-schema";
import { DataTable, ErrorBox, Notice, Spinner, useI18n, type Column, type Me } from "@cds/ui";
import {
  LevelStackChart,
  passRateRows,
  ratio,
  useRateText,
  useYearKind,
  MinistryPageHead,
  type RateCell,
  LevelSelect,
  levelsOfRates,
} from "./parts.tsx";
import { compareOptions, nationalSummaryOptions, type Comparison } from "./queries.ts";
import { DeviationTable } from "./DeviationTable.tsx";
import "./ministry.css";

const MAX = 4;

export function ComparePage({ me }: { me: Me }) {
  const { t } = useI18n();
  const yearKind = useYearKind("/compare");
  const { year, kind, set, params } = yearKind;
  const isMinistry = me.capabilities.readNational;
  const chosen = (params.get("p") ?? "").split(",").filter(Boolean).slice(0, MAX);
  const provinces = useQuery({ ...nationalSummaryOptions(year, kind), enabled: isMinistry });
  const ready = chosen.length >= 2;
  const cmp = useQuery({ ...compareOptions(year, kind, chosen), enabled: isMinistry && ready });
  const choose = (ids: string[]) => set("p", ids.join(","));

  if (!isMinistry) return <Notice kind="warn">{t("ministry.onlyMinistry")}</Notice>;
  return (
    <div>
      <MinistryPageHead title={t("compare.title", { year })} subtitle={t("compare.subtitle")} yearKind={yearKind} />
      <div className="compare-layout">
        <section className="card picker" aria-label={t("compare.pick")}>
          {provinces.isPending ? (
            <Spinner />
          ) : provinces.error ? (
            <ErrorBox error={provinces.error} />
          ) : (
            <ProvincePicker
              all={provinces.data.map((p) => ({ id: p.tenantId, name: p.name }))}
              chosen={chosen}
              onChange={choose}
            />
          )}
        </section>
        <div className="compare-result">
          {!ready ? (
            <Notice>{t("compare.needTwo")}</Notice>
          ) : cmp.isPending ? (
            <Spinner label={t("compare.loading")} />
          ) : cmp.error ? (
            <ErrorBox error={cmp.error} />
          ) : (
            <Result c={cmp.data} order={chosen} year={year} kind={kind} />
          )}
        </div>
      </div>
    </div>
  );
}

function ProvincePicker({
  all,
  chosen,
  onChange,
}: {
  all: { id: string; name: string }[];
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const shown = all.filter((p) => matchesSearch(p.name, q));
  const full = chosen.length >= MAX;
  const toggle = (id: string) =>
    onChange(chosen.includes(id) ? chosen.filter((x) => x !== id) : full ? chosen : [...chosen, id]);
  return (
    <>
      <h2 style={{ marginTop: 0 }}>{t("compare.pick")}</h2>
      <p className="hint">{t("compare.pickHint", { n: chosen.length, max: MAX })}</p>
      {chosen.length > 0 && (
        <ul className="chips" aria-label={t("compare.chosen")}>
          {chosen.map((id) => (
            <li key={id}>
              {all.find((p) => p.id === id)?.name ?? id}
              <button
                type="button"
                className="link"
                aria-label={t("compare.remove", { name: all.find((p) => p.id === id)?.name ?? id })}
                onClick={() => toggle(id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label>
        {t("compare.search")}
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t("compare.searchPlaceholder")}
        />
      </label>
      <ul className="province-list">
        {shown.map((p) => {
          const on = chosen.includes(p.id);
          return (
            <li key={p.id}>
              <label className={`check${!on && full ? " disabled" : ""}`}>
                <input type="checkbox" checked={on} disabled={!on && full} onChange={() => toggle(p.id)} />
                {p.name}
              </label>
            </li>
          );
        })}
        {shown.length === 0 && <li className="muted">{t("common.noRows")}</li>}
      </ul>
    </>
  );
}

interface Metric {
  key: string;
  label: string;
  values: (string | number | null)[];
  shown: string[];
}

function Result({ c, order, year, kind }: { c: Comparison; order: string[]; year: number; kind: string }) {
  const { t, number, percent, date } = useI18n();
  const [level, setLevel] = useState(3);
  const rateText = useRateText();
  const summary = order.map((id) => c.summary.find((s) => s.tenantId === id)).filter((s) => s !== undefined);
  const names = summary.map((s) => s.name);

  const metrics: Metric[] = useMemo(() => {
    const m = (
      key: string,
      label: string,
      f: (s: (typeof summary)[number]) => [string | number | null, string],
    ): Metric => ({
      key,
      label,
      values: summary.map((s) => f(s)[0]),
      shown: summary.map((s) => f(s)[1]),
    });
    return [
      m("units", t("national.col.units"), (s) => [s.units, number(s.units)]),
      m("assessed", t("national.col.assessed"), (s) => [s.assessed, number(s.assessed)]),
      m("recognised", t("national.col.recognised"), (s) => [
        s.recognised,
        `${number(s.recognised)} (${percent(s.recognised, s.units)})`,
      ]),
      // As many levels as the API counts.
      ...Array.from({ length: Math.max(0, ...summary.map((s) => s.byLevel.length)) }, (_, l) => l).map((l) =>
        m(`l${l}`, l === 0 ? t("ministry.level0Short") : `${l}. ${t(`level.${l}`)}`, (s) => [
          s.byLevel[l] ?? 0,
          number(s.byLevel[l] ?? 0),
        ]),
      ),
      m("basic", t("national.col.basic"), (s) => [
        ratio({ n: s.basicOrAbove.numerator, d: s.basicOrAbove.denominator }),
        `${percent(s.basicOrAbove.numerator, s.basicOrAbove.denominator)} (${number(s.basicOrAbove.numerator)}/${number(s.basicOrAbove.denominator)})`,
      ]),
      m("report", t("national.col.report"), (s) => {
        const v =
          s.reportOnTime === null
            ? t("national.report.none")
            : `${s.reportOnTime ? t("national.report.onTime") : t("national.report.late")} (${date(s.reportSubmittedAt)})`;
        return [v, v];
      }),
    ];
  }, [summary, t, number, percent, date]);

  const metricCols: Column<Metric>[] = [
    { key: "label", header: t("compare.metric"), value: (r) => r.label, render: (r) => <strong>{r.label}</strong> },
    ...names.map<Column<Metric>>((n, i) => ({
      key: `p${i}`,
      header: n,
      value: (r) => r.values[i] ?? null,
      render: (r) => r.shown[i],
      align: "right",
    })),
  ];

  // Pass rates: one row per criterion, own set and national v1.0 for each province.
  const rates = order.map((id) => c.passRates.find((p) => p.tenantId === id));
  const perProvince = rates.map((p) => (p ? new Map(passRateRows([p], level).map((r) => [r.code, r])) : new Map()));
  const codes = [...new Set(perProvince.flatMap((m) => [...m.keys()]))] as string[];
  interface RateRow {
    code: string;
    name: string;
    cells: { own: RateCell | null; national: RateCell | null }[];
  }
  const rateRows: RateRow[] = codes.map((code) => ({
    code,
    name: perProvince.map((m) => m.get(code)?.name).find(Boolean) ?? code,
    cells: perProvince.map((m) => ({ own: m.get(code)?.own ?? null, national: m.get(code)?.national ?? null })),
  }));
  const rateCols: Column<RateRow>[] = [
    { key: "code", header: t("rates.col.code"), value: (r) => r.code, render: (r) => <code>{r.code}</code> },
    {
      key: "name",
      header: t("rates.col.name"),
      value: (r) => r.name,
      render: (r) => <span className="wrap-name">{r.name}</span>,
    },
    ...names.flatMap<Column<RateRow>>((n, i) => [
      {
        key: `o${i}`,
        header: `${n}: ${t("compare.own")}`,
        value: (r) => ratio(r.cells[i]?.own ?? null),
        render: (r) => rateText(r.cells[i]?.own ?? null),
        align: "right",
      },
      {
        key: `n${i}`,
        header: `${n}: ${t("compare.national")}`,
        value: (r) => ratio(r.cells[i]?.national ?? null),
        render: (r) => rateText(r.cells[i]?.national ?? null),
        align: "right",
      },
    ]),
  ];

  const deviations = order.map((id) => c.deviations.find((d) => d.tenantId === id)).filter((d) => d !== undefined);

  return (
    <>
      <h2 style={{ marginTop: 0 }}>{t("compare.summary")}</h2>
      <DataTable
        columns={metricCols}
        rows={metrics}
        rowKey={(r) => r.key}
        csvName={`so-sanh-${kind}-${year}.csv`}
        filterable={false}
      />

      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t("compare.levels")}</h2>
        <LevelStackChart
          rows={summary.map((s) => ({ key: s.tenantId, label: s.name, units: s.units, byLevel: s.byLevel }))}
          title={t("national.chartCaption")}
        />
      </section>

      <h2>{t("compare.rates")}</h2>
      <p className="hint">{t("rates.hint")}</p>
      <div className="filters">
        <LevelSelect level={level} levels={levelsOfRates(c.passRates)} onChange={setLevel} />
        <span className="muted">
          {rates.map((p, i) => `${names[i]}: ${t("rates.units", { n: p?.units ?? 0 })}`).join(" · ")}
        </span>
      </div>
      <DataTable
        columns={rateCols}
        rows={rateRows}
        rowKey={(r) => r.code}
        csvName={`so-sanh-ty-le-dat-${kind}-${year}-muc-${level}.csv`}
        caption={t("rates.caption", { level })}
      />

      <h2>{t("ministry.dev.title")}</h2>
      <DeviationTable deviations={deviations} csvName={`so-sanh-bo-tieu-chi-${kind}.csv`} />
    </>
  );
}
