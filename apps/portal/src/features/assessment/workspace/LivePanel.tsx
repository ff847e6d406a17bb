/** The live result beside the form: the level the values reach now, per-level checklist, what is missing. */
import { LevelBadge, Notice, useI18n, type ApiIssue } from "@cds/ui";
import type { LiveLevels } from "../judge.ts";

export function LivePanel({
  live,
  serverLevel,
  mismatch,
  serverIssues,
  levelName,
}: {
  live: LiveLevels;
  serverLevel: number;
  mismatch: boolean;
  serverIssues: ApiIssue[];
  levelName: (l: number) => string | undefined;
}) {
  const { t, locale } = useI18n();
  return (
    <aside className="pa-live card" aria-labelledby="live-title">
      <h2 id="live-title">{t("live.title")}</h2>
      <p className="pa-live-big">
        {t("live.level")} <LevelBadge level={live.evaluation.level} name={levelName(live.evaluation.level)} />
      </p>
      <p className="muted pa-small">
        {t("live.server")}{" "}
        <span data-testid="server-level" data-level={serverLevel}>
          <LevelBadge level={serverLevel} name={levelName(serverLevel)} />
        </span>
      </p>
      {mismatch && (
        <Notice kind="warn">
          <span data-testid="level-mismatch">
            {t("live.mismatch", { local: live.evaluation.level, server: serverLevel })}
          </span>
        </Notice>
      )}
      <h3>{t("live.checklist")}</h3>
      <ol className="pa-checklist">
        {live.evaluation.levels.map((l) => (
          <li key={l.level} className={l.met ? "met" : "unmet"}>
            <details>
              <summary>
                <span aria-hidden>{l.met ? "✓" : "✗"}</span> {l.level}. {levelName(l.level)} —{" "}
                {l.met ? t("live.met") : t("live.unmet", { f: l.failing.length, m: l.missing.length })}
              </summary>
              {l.failing.length > 0 && (
                <p>
                  {t("live.failing")} {l.failing.join(", ")}
                </p>
              )}
              {l.missing.length > 0 && (
                <p>
                  {t("live.missingList")} {l.missing.join(", ")}
                </p>
              )}
              {l.exempt.length > 0 && (
                <p>
                  {t("live.exempt")} {l.exempt.join(", ")}
                </p>
              )}
            </details>
          </li>
        ))}
      </ol>
      <h3>{t("live.gaps", { level: live.target, name: levelName(live.target) ?? "" })}</h3>
      {live.gaps.length === 0 ? (
        <p className="pa-ok-text">{t("live.noGaps", { level: live.target })}</p>
      ) : (
        <ul className="pa-gaps" data-testid="gaps">
          {live.gaps.map((g) => (
            <li key={g.code} className={`pa-gap-${g.status}`}>
              <a href={`#criterion-${g.code}`}>{locale === "en" ? g.messageEn : g.message}</a>
            </li>
          ))}
        </ul>
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
