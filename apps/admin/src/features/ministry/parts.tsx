/**
 * Pieces the national and comparison screens share: the year / unit-kind
 * pickers, the stacked level chart (SVG) and pass-rate aggregation (the
 * set-deviation table is in DeviationTable.tsx).
 */
import { vietnamYear } from "@cds/calendar";
import { useQuery } from "@tanstack/react-query";
import { navigate, recentYears, useI18n, useLocation, YearSelect } from "@cds/ui";
import { unitKindsOptions, type CriterionRates, type ProvinceRates } from "./queries.ts";

export const LEVEL_COLOURS = ["#9aa4b0", "#e69a2e", "#d6b600", "#3a9d55", "#2f6fc0", "#7a4fd0"];
const NOT_RECOGNISED = "#e4e8ee";

type ViewParam = "year" | "kind" | "p" | "map" | "conv";

/**
 * Year and unit kind from the URL (?year=&kind=), so a view can be shared and survives reload; with the
 * national page's map (?map=, none: the year's map) and conversion to today's provinces (?conv=1).
 */
export function useYearKind(path: string): {
  year: number;
  kind: string;
  map: string | null;
  asToday: boolean;
  set: (k: ViewParam, v: string | null) => void;
  setAll: (changes: Partial<Record<ViewParam, string | null>>) => void;
  params: URLSearchParams;
} {
  const { params } = useLocation();
  const year = Number(params.get("year")) || vietnamYear();
  const kind = params.get("kind") || "commune";
  const setAll = (changes: Partial<Record<ViewParam, string | null>>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === undefined || v === "") p.delete(k);
      else p.set(k, v);
    }
    const q = p.toString();
    navigate(`${path}${q ? `?${q}` : ""}`, { replace: true });
  };
  const set = (k: ViewParam, v: string | null) => setAll({ [k]: v });
  return { year, kind, map: params.get("map") || null, asToday: params.get("conv") === "1", set, setAll, params };
}

export function YearKindPicker({
  year,
  kind,
  onYear,
  onKind,
}: {
  year: number;
  kind: string;
  onYear: (y: number) => void;
  onKind: (k: string) => void;
}) {
  const { t, locale } = useI18n();
  const kinds = useQuery(unitKindsOptions());
  // Only kinds below the top level are assessed (the top level is the province itself).
  const assessed = (kinds.data ?? []).filter((k) => k.parentCode !== null);
  return (
    <div className="row">
      <YearSelect label={t("ministry.year")} years={recentYears(4)} value={year} onChange={onYear} />
      <label>
        {t("ministry.unitKind")}
        <select value={kind} onChange={(e) => onKind(e.target.value)}>
          {assessed.length === 0 && <option value={kind}>{kind}</option>}
          {assessed.map((k) => (
            <option key={k.code} value={k.code}>
              {locale === "en" ? k.nameEn : k.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** The head of a ministry page: its title and subtitle, and the year and unit kind it shows (kept in the URL). */
export function MinistryPageHead({
  title,
  subtitle,
  yearKind: { year, kind, set, setAll },
}: {
  title: string;
  subtitle: string;
  yearKind: ReturnType<typeof useYearKind>;
}) {
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        <p className="muted" style={{ margin: 0 }}>
          {subtitle}
        </p>
      </div>
      <YearKindPicker
        year={year}
        kind={kind}
        // Another year has its own map: back to that year's (the map and conversion are chosen per year).
        onYear={(y) => setAll({ year: String(y), map: null, conv: null })}
        onKind={(k) => set("kind", k)}
      />
    </div>
  );
}

export interface StackRow {
  key: string;
  label: string;
  units: number;
  byLevel: number[];
  strong?: boolean;
}

/** The levels the pass rates are counted at, as the sets declare them (the national framework's). */
export function levelsOfRates(rates: ProvinceRates[] | undefined): number[] {
  return [...new Set((rates ?? []).flatMap((p) => p.national.flatMap((c) => c.levels.map((l) => l.level))))].sort(
    (a, b) => a - b,
  );
}

/** The maturity level a pass-rate table shows (with names), among the levels counted. */
export function LevelSelect({
  level,
  levels,
  onChange,
}: {
  level: number;
  levels: number[];
  onChange: (l: number) => void;
}) {
  const { t } = useI18n();
  return (
    <label>
      {t("rates.level")}
      <select value={level} onChange={(e) => onChange(Number(e.target.value))}>
        {(levels.length > 0 ? levels : [level]).map((l) => (
          <option key={l} value={l}>
            {l}. {t(`level.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Recognised units by level as 100% stacked bars of all units; the grey rest is not (yet) recognised. */
export function LevelStackChart({ rows, title }: { rows: StackRow[]; title: string }) {
  const { t, number, percent } = useI18n();
  const labelW = 210;
  const barW = 640;
  const valueW = 130;
  const rowH = 20;
  const top = 4;
  const height = top + rows.length * rowH + 4;
  const width = labelW + barW + valueW;
  return (
    <figure className="stack-chart">
      <figcaption>{title}</figcaption>
      <ul className="legend" aria-hidden>
        {LEVEL_COLOURS.map((c, l) => (
          <li key={l}>
            <span className="swatch" style={{ background: c }} />{" "}
            {l === 0 ? t("ministry.level0Short") : `${l}. ${t(`level.${l}`)}`}
          </li>
        ))}
        <li>
          <span className="swatch" style={{ background: NOT_RECOGNISED }} /> {t("ministry.notRecognised")}
        </li>
      </ul>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: `${width}px` }}
        role="img"
        aria-label={title}
      >
        {rows.map((r, i) => {
          const y = top + i * rowH;
          let x = labelW;
          const scale = r.units > 0 ? barW / r.units : 0;
          const recognised = r.byLevel.reduce((s, n) => s + n, 0);
          return (
            <g key={r.key}>
              <text
                x={labelW - 8}
                y={y + 14}
                textAnchor="end"
                fontSize="12"
                fontWeight={r.strong ? 700 : 400}
                fill="#1b2430"
              >
                {r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label}
              </text>
              <rect x={labelW} y={y + 3} width={barW} height={rowH - 6} fill={NOT_RECOGNISED}>
                <title>{`${r.label}: ${t("ministry.notRecognised")} ${number(Math.max(0, r.units - recognised))}`}</title>
              </rect>
              {r.byLevel.map((n, l) => {
                if (n <= 0) return null;
                const w = n * scale;
                const rect = (
                  <rect key={l} x={x} y={y + 3} width={w} height={rowH - 6} fill={LEVEL_COLOURS[l]}>
                    <title>{`${r.label} — ${l === 0 ? t("ministry.level0Short") : `${l}. ${t(`level.${l}`)}`}: ${number(n)} (${percent(n, r.units)})`}</title>
                  </rect>
                );
                x += w;
                return rect;
              })}
              <text x={labelW + barW + 8} y={y + 14} fontSize="12" fill="#5f6b7a">
                {`${number(recognised)}/${number(r.units)}`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export interface RateCell {
  n: number;
  d: number;
}

export interface PassRateRow {
  code: string;
  name: string;
  own: RateCell | null;
  national: RateCell | null;
}

function addInto(map: Map<string, { name: string; cell: RateCell }>, list: CriterionRates[], level: number) {
  for (const c of list) {
    const l = c.levels.find((x) => x.level === level);
    const cur = map.get(c.code) ?? { name: c.name, cell: { n: 0, d: 0 } };
    if (l) {
      cur.cell.n += l.pass;
      cur.cell.d += l.pass + l.fail;
    }
    map.set(c.code, cur);
  }
}

/** Pass rates at one level, summed (numerators and denominators) over the given provinces: own set and national v1.0. */
export function passRateRows(rates: ProvinceRates[], level: number): PassRateRow[] {
  const own = new Map<string, { name: string; cell: RateCell }>();
  const nat = new Map<string, { name: string; cell: RateCell }>();
  for (const p of rates) {
    addInto(own, p.ownSet, level);
    addInto(nat, p.national, level);
  }
  const codes = [...new Set([...nat.keys(), ...own.keys()])];
  return codes.map((code) => ({
    code,
    name: nat.get(code)?.name ?? own.get(code)!.name,
    own: own.get(code)?.cell ?? null,
    national: nat.get(code)?.cell ?? null,
  }));
}

export function useRateText() {
  const { number, percent } = useI18n();
  return (c: RateCell | null) =>
    c === null || c.d === 0 ? "—" : `${percent(c.n, c.d)} (${number(c.n)}/${number(c.d)})`;
}

export const ratio = (c: RateCell | null) => (c === null || c.d === 0 ? null : Math.round((10000 * c.n) / c.d) / 100);
