/** The review page's narrative parts: what happens next and who does it, and the assessment's history. */
import { Notice, useI18n, type Me } from "@cds/ui";
import { auditChanges, type AuditSet } from "./format.ts";
import type { AssessmentDetail } from "./queries.ts";

/** What happens next and who does it, when the user has nothing to do here (a scored index's council gives points, not a level). */
export function NextStep({
  a,
  mine,
  scored = false,
  canGivePoints = false,
}: {
  a: AssessmentDetail;
  mine: boolean;
  scored?: boolean;
  canGivePoints?: boolean;
}) {
  const { t, date } = useI18n();
  if (a.status === "RECOGNISED") {
    return (
      <Notice kind="ok">
        {t("review.next.RECOGNISED", { number: a.recognitionDecision ?? "—", date: date(a.recognitionDate) })}
      </Notice>
    );
  }
  if (mine) {
    const key =
      scored && a.status === "VERIFIED"
        ? canGivePoints
          ? "score.mine.VERIFIEDpoints"
          : "score.mine.VERIFIED"
        : `review.mine.${a.status}`;
    return <p style={{ marginTop: 0 }}>{t(key)}</p>;
  }
  return <Notice>{t(`review.next.${a.status}`)}</Notice>;
}

const ACTION_KEYS = new Set([
  "assessment.register",
  "assessment.saveValues",
  "assessment.submit",
  "assessment.return",
  "assessment.verifyValue",
  "assessment.verify",
  "assessment.appraise",
  "assessment.recognise",
  "assessment.recomputeChildLevels",
  "assessment.uploadEvidence",
  "assessment.replaceEvidence",
  "assessment.deleteEvidence",
  "assessment.importValues",
  "assessment.open",
]);

export function History({ a, me, set = { judgedBy: "levels" } }: { a: AssessmentDetail; me: Me; set?: AuditSet }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const events = [...a.history].reverse();
  const actor = (e: AssessmentDetail["history"][number]) => {
    if (e.actorKind === "system" || !e.actorId) return t("history.system");
    if (e.actorId === me.id) return t("history.you", { name: me.name });
    if (e.actorKind === "apiKey") return t("history.apiKey");
    return t("history.user", { id: e.actorId.slice(-6) });
  };
  return (
    <details className="card history">
      <summary>{t("history.title", { n: events.length })}</summary>
      {events.length === 0 ? (
        <p className="muted">{t("history.empty")}</p>
      ) : (
        <ol>
          {events.map((e) => (
            <li key={e.id}>
              <div>
                <span className="when">{dateTime(e.at)}</span> —{" "}
                <strong>{ACTION_KEYS.has(e.action) ? t(`history.action.${e.action}`) : e.action}</strong>{" "}
                <span className="muted">({actor(e)})</span>
              </div>
              <ul>
                {auditChanges(e.before, e.after, i18n, set).map((c) => (
                  <li key={c.field}>
                    {c.field}:{" "}
                    {c.before !== null && (
                      <>
                        {c.before} <span className="arrow">→</span>{" "}
                      </>
                    )}
                    {c.after}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
