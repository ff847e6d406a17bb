/**
 * Links to the official PDFs the API makes (/documents/…). The API decides who gets a document
 * (404 for others); the links are offered to whom `me.capabilities` says may get them.
 */
import { useI18n, type Me } from "@cds/ui";

/** The PDFs of a round: the draft recognition decision (who recognises) and the minutes (also the council). */
// `round.tenantId` is no longer read (the capabilities are the user's, the API checks the round); kept for callers.
export function RoundDocumentLinks({ me, round }: { me: Me; round: { id: string; tenantId?: string } }) {
  const { t } = useI18n();
  const may = { decision: me.capabilities.decisionDocuments, minutes: me.capabilities.minutesDocuments };
  if (!may.decision && !may.minutes) return null;
  const id = encodeURIComponent(round.id);
  return (
    <p className="document-links">
      {may.decision && (
        <a href={`/documents/recognition-decision/${id}.pdf`} download>
          {t("documents.decision")}
        </a>
      )}
      {may.minutes && (
        <a href={`/documents/appraisal-minutes/${id}.pdf`} download>
          {t("documents.minutes")}
        </a>
      )}
    </p>
  );
}

/** A unit's result sheet (whoever may read the assessment gets it). */
export function ResultSheetLink({ assessmentId }: { assessmentId: string }) {
  const { t } = useI18n();
  return (
    <a className="document-link" href={`/documents/result-sheet/${encodeURIComponent(assessmentId)}.pdf`} download>
      {t("documents.sheet")}
    </a>
  );
}
