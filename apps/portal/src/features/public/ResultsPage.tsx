import { useState } from "react";
import { useQueries, useQuery } from "@tanstack/react-query";
import { searchName } from "@cds/criteria-schema";
import { ErrorBox, LevelBadge, Link, Notice, PrintStamp, SearchInput, Spinner, useI18n } from "@cds/ui";
import { recognisedQuery, unitSearchQuery, type FoundUnit, type Recognised } from "./api.ts";
import { RecognisedUnitItem } from "./RecognisedUnitItem.tsx";
import { useDebounced } from "./useDebounced.ts";

interface DistrictGroup {
  key: string;
  name: string | null;
  rows: Recognised[];
}
interface ProvinceGroup {
  key: string;
  name: string;
  districts: DistrictGroup[];
  count: number;
}

/** Province → district (when the map has one) → unit, each unit's latest recognition only. */
function group(rows: Recognised[]): ProvinceGroup[] {
  const latest = new Map<string, Recognised>();
  for (const r of rows) {
    const prev = latest.get(r.unit.code);
    if (!prev || prev.round.year < r.round.year) latest.set(r.unit.code, r);
  }
  const provinces = new Map<string, ProvinceGroup>();
  for (const r of [...latest.values()].sort((a, b) => a.unit.path.localeCompare(b.unit.path))) {
    const p = provinces.get(r.unit.tenant.code) ?? {
      key: r.unit.tenant.code,
      name: r.unit.tenant.name,
      districts: [],
      count: 0,
    };
    provinces.set(p.key, p);
    const parent = r.unit.parent && r.unit.parent.kind.code !== "province" ? r.unit.parent : null;
    const dkey = parent?.code ?? "-";
    let d = p.districts.find((x) => x.key === dkey);
    if (!d) p.districts.push((d = { key: dkey, name: parent?.name ?? null, rows: [] }));
    d.rows.push(r);
    p.count++;
  }
  return [...provinces.values()];
}

export function ResultsPage() {
  const { t } = useI18n();
  const [input, setInput] = useState("");
  const wanted = searchName(input);
  const search = useDebounced(wanted, 350);
  // An emptied box shows the whole list at once; the debounced query only lags behind typing.
  const searching = search.length >= 2 && wanted.length >= 2;
  // What is on screen answers an older query while the typed one waits for its pause.
  const typing = searching && wanted !== search;

  const all = useQuery({ ...recognisedQuery(null), enabled: !searching });
  const units = useQuery({ ...unitSearchQuery(search), enabled: searching });
  const found: FoundUnit[] = searching ? (units.data ?? []) : [];
  const perUnit = useQueries({ queries: found.map((u) => recognisedQuery(u.code)) });

  let rows: Recognised[] = [];
  let pending: boolean;
  let error: unknown;
  if (searching) {
    pending = units.isPending || perUnit.some((q) => q.isPending);
    error = units.error ?? perUnit.find((q) => q.error)?.error ?? null;
    const seen = new Set<string>();
    for (const q of perUnit) {
      for (const r of q.data?.rows ?? []) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        rows.push(r);
      }
    }
  } else {
    pending = all.isPending;
    error = all.error;
    rows = all.data?.rows ?? [];
  }
  const groups = group(rows);
  const byLevel = [1, 2, 3, 4, 5].map((l) =>
    groups.reduce(
      (n, p) => n + p.districts.reduce((m, d) => m + d.rows.filter((r) => r.recognisedLevel === l).length, 0),
      0,
    ),
  );
  const total = byLevel.reduce((a, b) => a + b, 0);
  const notRecognised = found.filter(
    (u) => !rows.some((r) => r.unit.path === u.path || r.unit.path.startsWith(`${u.path}/`)),
  );

  return (
    <div className="pp-results print-page">
      <PrintStamp />
      <h1>{t("results.title")}</h1>
      <p className="muted">{t("results.intro")}</p>
      <div className="pp-search no-print">
        <label>
          {t("results.searchLabel")}
          <SearchInput
            value={input}
            onChange={setInput}
            label={t("results.searchLabel")}
            placeholder={t("results.searchPlaceholder")}
            autoComplete="off"
          />
        </label>
      </div>
      {pending ? (
        <Spinner />
      ) : (
        <>
          <ErrorBox error={error} />
          {total > 0 && (
            <div className="kpis">
              <div className="kpi">
                <div className="value">{total}</div>
                <div className="label">{t("results.total")}</div>
              </div>
              {byLevel.map((n, i) =>
                n > 0 ? (
                  <div className="kpi" key={i}>
                    <div className="value">{n}</div>
                    <div className="label">
                      <LevelBadge level={i + 1} />
                    </div>
                  </div>
                ) : null,
              )}
            </div>
          )}
          {/* "Không tìm thấy" only once the query typed has been answered with no unit at all. */}
          {searching && !typing && !error && found.length === 0 && (
            <Notice>{t("results.noMatch", { q: input.trim() })}</Notice>
          )}
          {!searching && groups.length === 0 && !error && <Notice>{t("results.none")}</Notice>}
          {groups.map((p) => (
            <section key={p.key} className="pp-province">
              <h2>
                {p.name} <span className="muted pp-count">{t("results.units", { n: p.count })}</span>
              </h2>
              {p.districts.map((d) => (
                <div key={d.key} className="pp-district">
                  {d.name && <h3>{d.name}</h3>}
                  <ul className="pp-units">
                    {d.rows.map((r) => (
                      <RecognisedUnitItem key={r.id} r={r} />
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          ))}
          {searching && notRecognised.length > 0 && (
            <section className="pp-others">
              <h2>{t("results.otherUnits")}</h2>
              <ul className="pp-units">
                {notRecognised.map((u) => (
                  <li key={u.code}>
                    <Link to={`/units/${encodeURIComponent(u.code)}`} className="pp-unit">
                      <span className="pp-unit-name">{u.name}</span>
                      <span className="muted pp-decision">
                        {[u.parent?.name, u.tenant.name].filter(Boolean).join(" · ")} — {t("results.noResult")}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {!searching && all.data?.more && <p className="hint">{t("results.more")}</p>}
          <p className="hint">{t("results.apiHint")}</p>
        </>
      )}
    </div>
  );
}
