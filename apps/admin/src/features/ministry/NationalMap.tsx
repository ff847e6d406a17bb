/**
 * The national page across the reform: which administrative map a year is counted on (the year's map by
 * default, as the API chose it: its rounds' map, else the one in force on 1 January), the conversion of an old map's provinces into today's, and how a
 * converted row is marked (a badge, the old provinces, and the API's rule in words once under the table).
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { compareVietnamese } from "@cds/criteria-schema";
import { useI18n } from "@cds/ui";
import {
  adminMapsOptions,
  nationalSummaryOptions,
  tenantNamesOptions,
  type AdminMap,
  type ProvinceRow,
} from "./queries.ts";

type T = (key: string, params?: Record<string, string | number>) => string;

/** A map as the ministry names it ("63 tỉnh cũ (3 cấp)"), else the map's own name. */
export function mapLabel(t: T, m: Pick<AdminMap, "id" | "name">): string {
  const key = `national.map.${m.id}`;
  const label = t(key);
  return label === key ? m.name : label;
}

/** The map in force on 1 January of the year, by the maps' validity (the API's default for a year without rounds). */
export function yearMap(maps: readonly AdminMap[], year: number): AdminMap | undefined {
  const day = `${String(year).padStart(4, "0")}-01-01`;
  return (
    maps.find((m) => (m.validFrom === null || m.validFrom <= day) && (m.validTo === null || day <= m.validTo)) ??
    maps[maps.length - 1]
  );
}

/**
 * The maps, the year's (the one the API counts on when not told: its rounds' map, else the map in force on
 * 1 January, as its rows say), and the one shown: the chosen one, else the year's.
 */
export function useShownMap(year: number, kind: string, chosen: string | null, rows: ProvinceRow[] | undefined) {
  const maps = useQuery(adminMapsOptions());
  const qc = useQueryClient();
  const list = maps.data ?? [];
  const answered = (asToday: boolean) =>
    qc.getQueryData(nationalSummaryOptions(year, kind, null, asToday).queryKey)?.[0]?.mapId;
  const yearMapId =
    (chosen === null ? rows?.[0]?.mapId : undefined) ??
    answered(false) ??
    answered(true) ??
    yearMap(list, year)?.id ??
    null;
  const shown = list.find((m) => m.id === (chosen ?? yearMapId)) ?? null;
  return { maps: list, shown, yearMapId };
}

export function MapBar({
  year,
  maps,
  shown,
  yearMapId,
  asToday,
  onMap,
  onAsToday,
}: {
  year: number;
  maps: AdminMap[];
  shown: AdminMap | null;
  yearMapId: string | null;
  asToday: boolean;
  onMap: (id: string) => void;
  onAsToday: (on: boolean) => void;
}) {
  const { t } = useI18n();
  if (maps.length === 0) return null;
  // An old map (closed) can be added up into today's provinces.
  const old = shown !== null && shown.validTo !== null;
  const today = maps.find((m) => m.validTo === null);
  return (
    <div className="filters map-bar">
      <label>
        {t("national.map")}
        <select value={shown?.id ?? ""} onChange={(e) => onMap(e.target.value)} title={shown?.name}>
          {maps.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id === yearMapId ? t("national.map.ofYear", { label: mapLabel(t, m), year }) : mapLabel(t, m)}
            </option>
          ))}
        </select>
      </label>
      {old && today && (
        <label className="inline">
          <input type="checkbox" checked={asToday} onChange={(e) => onAsToday(e.target.checked)} />
          {t("national.asToday", { label: mapLabel(t, today) })}
        </label>
      )}
      {old && <span className="hint">{asToday ? t("national.asTodayOn") : t("national.asTodayOff")}</span>}
    </div>
  );
}

/** Tenant code → name, of today's provinces and of the merged ones (closed), for the converted rows. */
export function useTenantNames(): Map<string, string> {
  const q = useQuery(tenantNamesOptions());
  return useMemo(() => new Map((q.data ?? []).map((tn) => [tn.code, tn.name])), [q.data]);
}

/** The old provinces of a converted row, by name in Vietnamese order (their codes until the names are read). */
export function oldProvinceNames(row: Pick<ProvinceRow, "convertedFrom">, names: Map<string, string>): string[] {
  return (row.convertedFrom ?? []).map((id) => names.get(id) ?? id).sort(compareVietnamese);
}

/** A province's name in the table: a converted row says so, with the old provinces it adds up. */
export function ProvinceName({ row, names }: { row: ProvinceRow; names: Map<string, string> }) {
  const { t } = useI18n();
  if (!row.convertedFrom) return <strong>{row.name}</strong>;
  const from = oldProvinceNames(row, names).join(", ");
  return (
    <span className="converted-name" title={t("national.convertedTitle", { names: from })}>
      <strong>{row.name}</strong>{" "}
      <span className="badge converted-badge" data-testid="converted-badge">
        {t("national.converted")}
      </span>
      <span className="hint converted-from">{t("national.convertedFrom", { names: from })}</span>
    </span>
  );
}

/** The conversion rule, once under the table, as the API words it, with how many rows it made. */
export function ConversionNote({ rows }: { rows: ProvinceRow[] }) {
  const { t, number } = useI18n();
  const converted = rows.filter((r) => r.convertedFrom);
  const rules = [...new Set(converted.map((r) => r.conversionRule).filter((x): x is string => !!x))];
  if (converted.length === 0) return null;
  return (
    <div className="conversion-note" data-testid="conversion-note">
      <p className="hint">{t("national.conversionCount", { n: number(converted.length) })}</p>
      {rules.map((rule) => (
        <p key={rule} className="hint conversion-rule">
          <small>{rule}</small>
        </p>
      ))}
    </div>
  );
}
