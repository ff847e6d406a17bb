/**
 * What the draft would do to real units: the API re-scores the current data
 * of one of the province's rounds against the saved draft, and this shows how
 * many units sit at each level now and under the draft, and which units move.
 * A scored draft (Bộ chỉ số) also shows each unit's score and rank now and
 * under the draft, the biggest rank moves first. The scores and ranks are the
 * API's (criteria-core's `score` and `rank`); nothing is computed here.
 */
import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { DataTable, ErrorBox, KpiCard, LevelBadge, Notice, Spinner, useI18n, type Column } from "@cds/ui";
import { formatPoints } from "@cds/criteria-core";
import { impactQuery, roundsQuery, type ImpactData, type RoundRow } from "./api.ts";

type Moved = ImpactData["moved"][number];
export type ScoreChange = ImpactData["scoreChanges"][number];

export function ImpactPreview({
  versionId,
  tenantCode,
  tenantName,
  unitKind,
  revision,
  dirty,
  levelNames,
  scored = false,
}: {
  versionId: string;
  tenantCode: string;
  tenantName: string;
  unitKind: string;
  revision: number;
  dirty: boolean;
  levelNames: string[];
  /** The draft is judged by points (or both): the intro speaks of scores and ranks. */
  scored?: boolean;
}) {
  const { t } = useI18n();
  const rounds = useQuery(roundsQuery(tenantCode));
  const matching = (rounds.data ?? []).filter((r) => r.unitKind === unitKind);
  const [chosen, setChosen] = useState<string | null>(null);
  const roundId = chosen ?? matching[0]?.id ?? null;

  return (
    <div className="impact-view">
      <h2>{t("impact.title")}</h2>
      <p className="muted">{t(scored ? "impact.introScored" : "impact.intro")}</p>
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
  const hasLevels = d.current.length > 1;
  if (d.scored && !hasLevels)
    return (
      <div className="impact-result" aria-live="polite">
        <ScoreImpact d={d} />
      </div>
    );
  return (
    <div className="impact-result" aria-live="polite">
      {d.scored && <ScoreImpact d={d} />}
      {d.scored && <h3>{t("impact.levelsTitle")}</h3>}
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

/** How far a unit's rank moves (0 when it has no rank now). */
function rankMove(u: ScoreChange): number {
  return u.currentRank === null ? 0 : Math.abs(u.draftRank - u.currentRank);
}

/** A scored draft: each unit's score and rank now and under the draft, the biggest rank moves first. */
export function ScoreImpact({ d }: { d: Pick<ImpactData, "units" | "rankChanged" | "scoreChanges" | "maxScore"> }) {
  const { t, number, locale } = useI18n();
  const loc = locale === "en" ? "en" : "vi";
  // The API sends the biggest moves first; kept so here whatever it sends.
  const rows = useMemo(
    () =>
      d.scoreChanges
        .map((u, i) => ({ u, i }))
        .sort((a, b) => rankMove(b.u) - rankMove(a.u) || a.i - b.i)
        .map((x) => x.u),
    [d.scoreChanges],
  );
  const unreadable = d.scoreChanges.filter((u) => u.unreadable.length > 0).length;
  const score = (text: string | null) => (text === null ? "—" : formatPoints(text, loc, true));
  const columns: Column<ScoreChange>[] = [
    {
      key: "unit",
      header: t("impact.unit"),
      value: (u) => u.unitName,
      render: (u) => (
        <>
          {u.unitName}
          {u.groupName && <span className="muted small ranking-group"> · {u.groupName}</span>}
          {u.unreadable.length > 0 && (
            <span
              className="badge unreadable-badge"
              title={t("impact.unreadableHint", { codes: u.unreadable.join(", ") })}
            >
              {t("impact.unreadableBadge", { count: u.unreadable.length })}
            </span>
          )}
        </>
      ),
    },
    {
      key: "currentScore",
      header: t("impact.scoreNow"),
      value: (u) => u.currentScore,
      render: (u) => score(u.currentScoreText),
      align: "right",
      type: "number",
    },
    {
      key: "draftScore",
      header: t("impact.scoreDraft"),
      value: (u) => u.draftScore,
      render: (u) => score(u.draftScoreText),
      align: "right",
      type: "number",
    },
    {
      key: "currentRank",
      header: t("impact.rankNow"),
      value: (u) => u.currentRank,
      render: (u) => (u.currentRank === null ? "—" : number(u.currentRank)),
      align: "right",
      type: "number",
    },
    {
      key: "draftRank",
      header: t("impact.rankDraft"),
      value: (u) => u.draftRank,
      align: "right",
      type: "number",
      render: (u) => {
        const up = u.currentRank === null ? 0 : u.currentRank - u.draftRank;
        return (
          <>
            {number(u.draftRank)}
            {up !== 0 && (
              <span className={up > 0 ? "move-up rank-move" : "move-down rank-move"}>
                {" "}
                {up > 0 ? `↑${number(up)}` : `↓${number(-up)}`}
                <span className="visually-hidden">
                  {" "}
                  {t(up > 0 ? "impact.rankUp" : "impact.rankDown", { count: Math.abs(up) })}
                </span>
              </span>
            )}
          </>
        );
      },
    },
  ];
  return (
    <section className="score-impact" aria-labelledby="score-impact-title">
      <h3 id="score-impact-title">{t("impact.scoresTitle")}</h3>
      <div className="kpis">
        <KpiCard value={number(d.units)} label={t("impact.total")} />
        <KpiCard value={number(d.rankChanged)} label={t("impact.rankChangedKpi")} testId="rank-changed" />
        {d.maxScore !== null && <KpiCard value={formatPoints(String(d.maxScore), loc)} label={t("impact.maxScore")} />}
      </div>
      <p className="rank-summary" role="status" data-testid="rank-summary">
        {t("impact.rankChanged", { count: number(d.rankChanged) })}
      </p>
      {unreadable > 0 && <Notice kind="warn">{t("impact.unreadable", { count: number(unreadable) })}</Notice>}
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(u) => u.assessmentId}
        csvName="diem-thu-hang-ban-nhap.csv"
        caption={t("impact.scoresCaption")}
      />
    </section>
  );
}
