/**
 * What the draft would do to real units: the API re-scores the current data
 * of one of the province's rounds against the saved draft, and this shows how
 * many units sit at each level now and under the draft, and which units move.
 */
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { DataTable, ErrorBox, KpiCard, LevelBadge, Notice, Spinner, useI18n, type Column } from "@cds/ui";
import { impactQuery, roundsQuery, type ImpactData, type RoundRow } from "./api.ts";

type Moved = ImpactData["moved"][number];

export function ImpactPreview({
  versionId,
  tenantCode,
  tenantName,
  unitKind,
  revision,
  dirty,
  levelNames,
}: {
  versionId: string;
  tenantCode: string;
  tenantName: string;
  unitKind: string;
  revision: number;
  dirty: boolean;
  levelNames: string[];
}) {
  const { t } = useI18n();
  const rounds = useQuery(roundsQuery(tenantCode));
  const matching = (rounds.data ?? []).filter((r) => r.unitKind === unitKind);
  const [chosen, setChosen] = useState<string | null>(null);
  const roundId = chosen ?? matching[0]?.id ?? null;

  return (
    <div className="impact-view">
      <h2>{t("impact.title")}</h2>
      <p className="muted">{t("impact.intro")}</p>
      {rounds.isPending && <Spinner />}
      <ErrorBox error={rounds.error} />
      {rounds.isSuccess && matching.length === 0 && <Notice>{t("impact.noRounds", { tenant: tenantName })}</Notice>}
      {matching.length > 0 && (
        <label className="round-picker">
          {t("impact.round")}
          <select value={roundId ?? ""} onChange={(e) => setChosen(e.target.value || null)}>
            {matching.map((r: RoundRow) => (
              <option key={r.id} value={r.id}>
                {r.name} ({r.year})
              </option>
            ))}
          </select>
        </label>
      )}
      {dirty && roundId && <Notice kind="warn">{t("impact.unsaved")}</Notice>}
      {roundId && <ImpactResult versionId={versionId} roundId={roundId} revision={revision} levelNames={levelNames} />}
    </div>
  );
}

function ImpactResult({
  versionId,
  roundId,
  revision,
  levelNames,
}: {
  versionId: string;
  roundId: string;
  revision: number;
  levelNames: string[];
}) {
  const { t, number } = useI18n();
  const q = useQuery(impactQuery(versionId, roundId, revision));
  if (q.isPending)
    return (
      <div className="impact-loading" aria-busy="true">
        <Spinner label={t("impact.loadingShort")} />
        <div className="bar indeterminate" role="progressbar" aria-label={t("impact.loadingShort")}>
          <span />
        </div>
      </div>
    );
  if (q.isError) return <ErrorBox error={q.error} />;
  const d = q.data;
  const max = Math.max(1, ...d.current, ...d.draft);
  const columns: Column<Moved>[] = [
    { key: "unit", header: t("impact.unit"), value: (m) => m.unitName },
    {
      key: "current",
      header: t("impact.now"),
      value: (m) => m.current,
      render: (m) => <LevelBadge level={m.current} />,
    },
    { key: "draft", header: t("impact.draft"), value: (m) => m.draft, render: (m) => <LevelBadge level={m.draft} /> },
    {
      key: "dir",
      header: t("impact.direction"),
      value: (m) => (m.draft > m.current ? t("impact.dirUp") : t("impact.dirDown")),
      render: (m) => (
        <span className={m.draft > m.current ? "move-up" : "move-down"}>
          {m.draft > m.current ? t("impact.dirUp") : t("impact.dirDown")}
        </span>
      ),
    },
  ];
  return (
    <div className="impact-result" aria-live="polite">
      <div className="kpis">
        <KpiCard value={number(d.units)} label={t("impact.total")} />
        <KpiCard tone="-looser" value={number(d.up)} label={t("impact.up")} />
        <KpiCard tone="-stricter" value={number(d.down)} label={t("impact.down")} />
        <KpiCard value={number(d.units - d.up - d.down)} label={t("impact.same")} />
      </div>
      <table className="impact-table" data-testid="impact-table">
        <caption className="visually-hidden">{t("impact.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("impact.level")}</th>
            {["impact.now", "impact.draft", "impact.delta"].map((key) => (
              <th scope="col" className="num" key={key}>
                {t(key)}
              </th>
            ))}
            <th scope="col" className="bars-col" aria-hidden="true">
              <span className="bar-legend">
                <span className="swatch swatch-now" /> {t("impact.now")} <span className="swatch swatch-draft" />{" "}
                {t("impact.draft")}
              </span>
            </th>
          </tr>
        </thead>
        <tbody>
          {d.current.map((now, level) => {
            const draft = d.draft[level] ?? 0;
            const delta = draft - now;
            return (
              <tr key={level}>
                <th scope="row">
                  <LevelBadge level={level} name={level > 0 ? levelNames[level - 1] : undefined} />
                </th>
                <td className="num">{number(now)}</td>
                <td className="num">{number(draft)}</td>
                <td className={`num ${delta > 0 ? "delta-up" : delta < 0 ? "delta-down" : "muted"}`}>
                  {delta > 0 ? `+${number(delta)}` : delta < 0 ? `−${number(-delta)}` : "0"}
                </td>
                <td className="bars-col" aria-hidden="true">
                  <div className="bar bar-now" title={`${t("impact.now")}: ${now}`}>
                    <span style={{ width: `${(100 * now) / max}%` }} />
                  </div>
                  <div className="bar bar-draft" title={`${t("impact.draft")}: ${draft}`}>
                    <span style={{ width: `${(100 * draft) / max}%` }} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{t("impact.moved")}</h3>
      {d.moved.length === 0 ? (
        <p className="muted">{t("impact.noneMoved")}</p>
      ) : (
        <DataTable columns={columns} rows={d.moved} rowKey={(m) => m.assessmentId} csvName="anh-huong-ban-nhap.csv" />
      )}
    </div>
  );
}
