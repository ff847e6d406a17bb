/** A clone under way, or why it was refused: the draft that already exists (with its link), or the API's message. */
import { ErrorBox, Link, Spinner, useI18n } from "@cds/ui";
import { versionHref } from "./api.ts";

export function CloneStatus({
  pending,
  error,
  blocking,
}: {
  pending: boolean;
  error: Error | null;
  /** The draft that blocked the clone, when the refusal was "already has a draft". */
  blocking: { set: { code: string }; version: { id: string; version: string } } | null;
}) {
  const { t } = useI18n();
  return (
    <>
      {pending && <Spinner label={t("sets.cloning")} />}
      {blocking ? (
        <div className="error-box" role="alert">
          {t("sets.draftExists", { version: blocking.version.version, set: blocking.set.code })}{" "}
          <Link to={versionHref(blocking.version.id)}>{t("sets.openDraft")}</Link>
        </div>
      ) : (
        <ErrorBox error={error} />
      )}
    </>
  );
}
