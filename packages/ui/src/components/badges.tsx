import { useI18n } from "../i18n.tsx";

const LEVEL_KEYS = ["level.0", "level.1", "level.2", "level.3", "level.4", "level.5"];

/** A maturity level as a coloured badge: 0 = not yet Khởi động … 5 = Toàn diện. */
export function LevelBadge({ level, name }: { level: number | null | undefined; name?: string }) {
  const { t } = useI18n();
  if (level === null || level === undefined) return <span className="badge badge-none">—</span>;
  return (
    <span className={`badge level-${level}`} title={t(LEVEL_KEYS[level] ?? "level.0")}>
      {level > 0 ? `${level}. ` : ""}
      {name ?? t(LEVEL_KEYS[level] ?? "level.0")}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <span className={`badge status-${status.toLowerCase()}`}>{t(`status.${status}`)}</span>;
}

/** pass / fail / na / missing / exempt as a compact cell. */
export function CriterionStatus({ status }: { status: string }) {
  const { t } = useI18n();
  const sign = { pass: "✓", fail: "✗", na: "–", missing: "?", exempt: "○" }[status] ?? status;
  return (
    <span className={`cs cs-${status}`} title={t(`criterion.${status}`)} aria-label={t(`criterion.${status}`)}>
      {sign}
    </span>
  );
}
