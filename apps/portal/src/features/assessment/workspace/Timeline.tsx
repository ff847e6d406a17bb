/** What happened to the assessment, in the unit's words: registered, submitted, returned, recognised… */
import { formatPoints } from "@cds/criteria-core";
import type { Locale } from "@cds/criteria-schema";
import { useI18n } from "@cds/ui";
import type { AssessmentData } from "../api.ts";

const TIMELINE_ACTIONS = [
  "assessment.register",
  "assessment.submit",
  "assessment.return",
  "assessment.verify",
  "assessment.appraise",
  "assessment.recognise",
];

function timelineParams(after: unknown, locale: Locale): Record<string, string | number> {
  const a = (after ?? {}) as Record<string, unknown>;
  const out: Record<string, string | number> = {};
  for (const k of ["registeredLevel", "selfAssessedLevel", "appraisedLevel", "recognisedLevel", "decisionNumber"]) {
    const v = a[k];
    out[k] = typeof v === "number" || typeof v === "string" ? v : "—";
  }
  // A scored index records its score as the set rounds it ("825.61").
  out.score = typeof a.score === "string" ? formatPoints(a.score, locale) : "—";
  return out;
}

/** `scored`: the assessment is of a scored index, whose events name the score rather than a level. */
export function Timeline({ history, scored = false }: { history: AssessmentData["history"]; scored?: boolean }) {
  const { t, dateTime, locale } = useI18n();
  const timeline = history.filter((h) => TIMELINE_ACTIONS.includes(h.action));
  if (timeline.length === 0) return null;
  return (
    <section className="card pa-timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("timeline.title")}</h2>
      <ol>
        {timeline.map((h) => (
          <li key={h.id} className={`pa-tl-${h.action.split(".")[1]}`}>
            <time dateTime={h.at}>{dateTime(h.at)}</time> —{" "}
            {t(`timeline${scored ? ".points" : ""}.${h.action}`, timelineParams(h.after, locale))}
          </li>
        ))}
      </ol>
    </section>
  );
}
