/** The national view's lower sections: criterion pass rates (own set vs national v1.0) and each province's deviations from v1.0. */
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { DataTable, ErrorBox, Spinner, useI18n, type Column } from "@cds/ui";
import { LevelSelect, levelsOfRates, passRateRows, ratio, useRateText, type PassRateRow } from "./parts.tsx";
import { DeviationTable } from "./DeviationTable.tsx";
import { deviationsOptions, passRatesOptions } from "./queries.ts";

export function NationalPassRates({ year, kind, mapId = null }: { year: number; kind: string; mapId?: string | null }) {
  const { t } = useI18n();
  const [level, setLevel] = useState(3);
  const [province, setProvince] = useState("");
  // On the map the summary shows (null: the year's); rates are measured, never converted.
  const q = useQuery(passRatesOptions(year, kind, mapId));
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
        <LevelSelect level={level} levels={levelsOfRates(q.data)} onChange={setLevel} />
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

export function NationalDeviations({ kind }: { kind: string }) {
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
