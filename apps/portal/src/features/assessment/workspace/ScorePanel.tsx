/**
 * The live result of a scored index beside the form: the total as the set rounds it, each group's points and
 * index, and how to earn more points (criteria-core's `pointsGaps`, biggest missing points first). Once
 * everything is saved the server's score is shown, and it must be the browser's.
 */
import { formatPoints } from "@cds/criteria-core";
import { LevelBadge, Notice, useI18n, type ApiIssue } from "@cds/ui";
import type { LivePoints } from "../judge.ts";
import { pointsOutOf } from "../scored.ts";

/** What the panel reads of a score: criteria-core's `Score` and the API's `Score` both have it. */
interface ShownScore {
  scoreText: string;
  maxScore: number;
  level?: number | null;
  levelName?: string | null;
  groups: readonly {
    code: string;
    name: string;
    parent?: string | null;
    pointsText: string;
    max: number;
    indexText?: string | null;
    notApplicable: boolean;
  }[];
}

/** How many ways to earn more points are listed open; the rest are one tap away. */
const FIRST_GAPS = 5;

export function ScorePanel({
  live,
  server,
  settled,
  mismatch,
  serverIssues,
}: {
  live: LivePoints;
  /** The API's score of the saved values (Assessment.score), null before anything is scored there. */
  server: ShownScore | null;
  /** Nothing unsaved, nothing being saved or read: the server's score stands for the values shown. */
  settled: boolean;
  mismatch: boolean;
  serverIssues: ApiIssue[];
}) {
  const { t, locale } = useI18n();
  const shown: ShownScore = settled && server ? server : live.score;
  const total = (s: ShownScore) => `${pointsOutOf(s.scoreText, s.maxScore, locale)} ${t("score.pointsWord")}`;
  const depth = (code: string | null | undefined): number => {
    let n = 0;
    for (let c = code; c; c = shown.groups.find((g) => g.code === c)?.parent) n++;
    return n;
  };
  const missing = live.score.missing.length;
  const gap = (g: LivePoints["gaps"][number]) => (
    <li key={g.code} className={`pa-gap-${g.status}`}>
      <a href={`#criterion-${g.code}`}>{locale === "en" ? g.messageEn : g.message}</a>
    </li>
  );
  return (
    <aside className="pa-live card" aria-labelledby="live-title">
      <h2 id="live-title">{t("score.title")}</h2>
      <p className="pa-live-big">
        {t("score.total")}{" "}
        <strong data-testid="live-score" data-score={shown.scoreText}>
          {total(shown)}
        </strong>
      </p>
      {shown.level !== null && shown.level !== undefined && (
        <p>
          {t("score.level")} <LevelBadge level={shown.level} name={shown.levelName ?? undefined} />
        </p>
      )}
      {missing > 0 && <p className="pa-warn-text pa-small">{t("score.missing", { n: missing })}</p>}
      <p className="muted pa-small">
        {t("score.server")}{" "}
        <span data-testid="server-score" data-score={server?.scoreText ?? ""}>
          {server ? total(server) : t("value.none")}
        </span>
      </p>
      {mismatch && server && (
        <Notice kind="warn">
          <span data-testid="score-mismatch">
            {t("score.mismatch", { local: total(live.score), server: total(server) })}
          </span>
        </Notice>
      )}
      <h3>{t("score.groups")}</h3>
      <ul className="pa-checklist" data-testid="group-scores">
        {shown.groups.map((g) => (
          <li key={g.code} style={{ paddingLeft: `${depth(g.parent) * 0.9}rem` }}>
            <a href={`#group-${g.code}`}>
              {g.code} · {g.name}
            </a>
            :{" "}
            {g.notApplicable ? (
              t("value.notApplicable")
            ) : (
              <>
                <strong>{pointsOutOf(g.pointsText, g.max, locale)}</strong>
                {g.indexText ? ` · ${t("score.index", { index: formatPoints(g.indexText, locale) })}` : ""}
              </>
            )}
          </li>
        ))}
      </ul>
      <h3>{t("score.gaps")}</h3>
      {live.gaps.length === 0 ? (
        <p className="pa-ok-text">{t("score.noGaps")}</p>
      ) : (
        <div data-testid="points-gaps">
          <ol className="pa-gaps">{live.gaps.slice(0, FIRST_GAPS).map(gap)}</ol>
          {/* On a phone the panel comes before the form: the rest of a long list stays folded. */}
          {live.gaps.length > FIRST_GAPS && (
            <details>
              <summary>{t("score.moreGaps", { n: live.gaps.length - FIRST_GAPS })}</summary>
              <ol className="pa-gaps" start={FIRST_GAPS + 1}>
                {live.gaps.slice(FIRST_GAPS).map(gap)}
              </ol>
            </details>
          )}
        </div>
      )}
      {serverIssues.length > 0 && (
        <div className="error-box" role="alert">
          <ul>
            {serverIssues.map((i, k) => (
              <li key={k}>{locale === "en" ? i.messageEn : i.message}</li>
            ))}
          </ul>
        </div>
      )}
    </aside>
  );
}
