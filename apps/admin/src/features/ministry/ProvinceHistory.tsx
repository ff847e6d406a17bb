/**
 * One of today's provinces across the reform, side by side: the years on the old map added up from the old
 * provinces it absorbed (marked, with their names), the years on today's map as measured
 * ("Tỉnh Ninh Bình: 2025 (quy đổi từ Hà Nam, Nam Định, Ninh Bình) | 2026").
 */
import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { ErrorBox, recentYears, Spinner, useI18n } from "@cds/ui";
import { mapLabel, oldProvinceNames } from "./NationalMap.tsx";
import { adminMapsOptions, nationalSummaryOptions, tenantNamesOptions, type ProvinceRow } from "./queries.ts";

const YEARS = 4;

export function ProvinceHistory({ kind, names }: { kind: string; names: Map<string, string> }) {
  const { t } = useI18n();
  const [province, setProvince] = useState("");
  const tenants = useQuery(tenantNamesOptions());
  const current = (tenants.data ?? []).filter((tn) => tn.kind === "PROVINCE" && tn.validTo === null);
  const years = useMemo(() => recentYears(YEARS).reverse(), []);
  // Each year on its own map, old provinces added up into today's (a year on today's map is unchanged).
  const results = useQueries({
    queries: years.map((y) => ({ ...nationalSummaryOptions(y, kind, null, true), enabled: province !== "" })),
  });
  const pending = province !== "" && results.some((r) => r.isPending);
  const error = results.find((r) => r.error)?.error ?? null;
  const cells = years.map((year, i) => ({
    year,
    row: results[i]?.data?.find((r) => r.tenantId === province) ?? null,
  }));

  return (
    <section className="card province-history" aria-label={t("ministry.hist.title")}>
      <h2 style={{ marginTop: 0 }}>{t("ministry.hist.title")}</h2>
      <p className="hint">{t("ministry.hist.hint")}</p>
      <div className="filters">
        <label>
          {t("ministry.hist.province")}
          <select value={province} onChange={(e) => setProvince(e.target.value)}>
            <option value="">{t("ministry.hist.pick")}</option>
            {current.map((tn) => (
              <option key={tn.code} value={tn.code}>
                {tn.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {province === "" ? null : pending ? (
        <Spinner label={t("ministry.hist.loading")} />
      ) : error ? (
        <ErrorBox error={error} />
      ) : (
        <HistoryTable name={names.get(province) ?? province} cells={cells} names={names} />
      )}
    </section>
  );
}

function HistoryTable({
  name,
  cells,
  names,
}: {
  name: string;
  cells: { year: number; row: ProvinceRow | null }[];
  names: Map<string, string>;
}) {
  const { t, number, percent } = useI18n();
  const maps = useQuery(adminMapsOptions());
  const mapName = (id: string) => {
    const m = (maps.data ?? []).find((x) => x.id === id);
    return m ? mapLabel(t, m) : id;
  };
  const yearText = ({ year, row }: { year: number; row: ProvinceRow | null }) =>
    row?.convertedFrom
      ? t("ministry.hist.yearConverted", { year, names: oldProvinceNames(row, names).join(", ") })
      : String(year);
  const nLevels = Math.max(0, ...cells.map((c) => c.row?.byLevel.length ?? 0));
  const metric = (label: string, value: (r: ProvinceRow) => string, key: string) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      {cells.map((c) => (
        <td key={c.year} className="num">
          {c.row ? value(c.row) : "—"}
        </td>
      ))}
    </tr>
  );
  return (
    <>
      <p data-testid="province-history-line">
        <strong>{name}:</strong> {cells.map(yearText).join(" | ")}
      </p>
      <div className="table-scroll">
        <table>
          <caption className="hint">{t("ministry.hist.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ministry.hist.metric")}</th>
              {cells.map((c) => (
                <th key={c.year} scope="col" className="num">
                  {c.year}
                  <span className="hint history-map">
                    {c.row === null
                      ? t("ministry.hist.noRow")
                      : c.row.convertedFrom
                        ? t("national.converted")
                        : mapName(c.row.mapId)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {metric(t("national.col.units"), (r) => number(r.units), "units")}
            {metric(t("national.col.assessed"), (r) => number(r.assessed), "assessed")}
            {metric(t("national.col.recognised"), (r) => number(r.recognised), "recognised")}
            {Array.from({ length: nLevels }, (_, l) => metric(`M${l}`, (r) => number(r.byLevel[l] ?? 0), `l${l}`))}
            {metric(
              t("national.col.basic"),
              (r) => percent(r.basicOrAbove.numerator, r.basicOrAbove.denominator),
              "basic",
            )}
          </tbody>
        </table>
      </div>
      {cells.some((c) => c.row?.conversionRule) && (
        <p className="hint conversion-rule">
          <small>{cells.find((c) => c.row?.conversionRule)!.row!.conversionRule}</small>
        </p>
      )}
    </>
  );
}
