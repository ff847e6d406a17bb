import { useI18n } from "@cds/ui";

/** Bản nháp / Đã công bố / Đã thay thế: the status of a criteria-set version (not of an assessment). */
export function VersionStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <span className={`badge version-${status.toLowerCase()}`}>{t(`versionStatus.${status}`)}</span>;
}
