/** Whose assessment this is, in which round and against which set, the deadline, the status and what it means. */
import { LevelBadge, Link, Notice, StatusBadge, useI18n } from "@cds/ui";
import { pointsOutOf } from "../scored.ts";
import { DaysLeft } from "./DaysLeft.tsx";
import type { WorkspaceProps } from "./props.ts";

export function WorkspaceHeader({ data, model, editable, levelName }: WorkspaceProps) {
  const { t, date, locale } = useI18n();
  const final = model.kind === "points" ? data.finalScore : null;
  return (
    <>
      <p className="pa-back">
        <Link to="/my">← {t("my.title")}</Link>
      </p>
      <header className="card pa-header">
        <div className="pa-header-main">
          <h1>{data.unit.name}</h1>
          <p className="muted">
            {/* On the two-tier map a commune's parent is its province: named once. */}
            {[...new Set([data.unit.parent?.name, data.unit.tenant.name].filter(Boolean))].join(" · ")} ·{" "}
            {t("a.gso", { code: data.unit.code })}
          </p>
          <dl className="pa-facts">
            <div>
              <dt>{t("a.round")}</dt>
              <dd>{data.round.name || t("a.year", { year: data.round.year })}</dd>
            </div>
            <div>
              <dt>{t("a.set")}</dt>
              <dd>
                {data.setVersion.set.title} — {t("a.version", { v: data.setVersion.version })}
                <br />
                <span className="muted">
                  {data.setVersion.set.tenant.name}
                  {data.setVersion.decisionNumber
                    ? ` · ${t("a.decision", { n: data.setVersion.decisionNumber, d: date(data.setVersion.decisionDate) })}`
                    : ""}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t("a.deadline")}</dt>
              <dd>
                <strong>{date(data.submitDeadline.date)}</strong>
                {editable && <DaysLeft deadline={data.submitDeadline} />}
              </dd>
            </div>
            <div>
              <dt>{t("a.status")}</dt>
              <dd>
                <StatusBadge status={data.status} />
              </dd>
            </div>
          </dl>
        </div>
      </header>

      {data.status === "RECOGNISED" && final && (
        <Notice kind="ok">
          <strong>{t("a.recognised")}</strong>{" "}
          <strong data-testid="final-score">
            {pointsOutOf(final.scoreText, final.maxScore, locale)} {t("score.pointsWord")}
          </strong>
          {final.levelName ? ` (${final.levelName})` : ""}{" "}
          {t("a.recognisedBy", { n: data.recognitionDecision ?? "—", d: date(data.recognitionDate) })}
        </Notice>
      )}
      {data.status === "RECOGNISED" &&
        !final &&
        data.recognisedLevel !== null &&
        data.recognisedLevel !== undefined && (
          <Notice kind="ok">
            <strong>{t("a.recognised")}</strong>{" "}
            <LevelBadge level={data.recognisedLevel} name={levelName(data.recognisedLevel)} />{" "}
            {t("a.recognisedBy", { n: data.recognitionDecision ?? "—", d: date(data.recognitionDate) })}
          </Notice>
        )}
      {!editable && data.status !== "RECOGNISED" && (
        <Notice kind="info">
          {data.status === "DRAFT" || data.status === "RETURNED"
            ? t("a.noEditRight")
            : t("a.locked", { status: t(`status.${data.status}`) })}
        </Notice>
      )}
      {data.status === "RETURNED" && <Notice kind="warn">{t("a.returned")}</Notice>}
    </>
  );
}
