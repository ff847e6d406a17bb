/** The bottom bar: the live level and where saving stands ("Đã lưu lúc 10:42", offline, conflict…). */
import { formatVietnameseTime } from "@cds/calendar";
import { LevelBadge, useI18n } from "@cds/ui";
import { pointsOutOf } from "../scored.ts";
import type { WorkspaceProps } from "./props.ts";

export function SaveBar({ d, editable, levelName }: WorkspaceProps) {
  const { t, locale } = useI18n();
  const { save, dirty, draft, restored, conflict, invalidCodes, live } = d;
  const statusText = (() => {
    if (!editable) return t("save.readOnly");
    const extra = invalidCodes.length
      ? ` · ${t(live.kind === "points" ? "save.invalidComponents" : "save.invalid", { n: invalidCodes.length })}`
      : "";
    switch (save.kind) {
      case "saving":
        return t("save.saving");
      case "offline":
        return t("save.offline") + extra;
      case "unavailable":
        return t("save.unavailable") + extra;
      case "conflict":
        return t("save.conflict");
      case "error":
        return t("save.error") + extra;
      case "saved":
        return (
          (dirty && invalidCodes.length < Object.keys(draft.fields).length + Object.keys(draft.notes).length
            ? t("save.pending")
            : t("save.savedAt", { time: formatVietnameseTime(save.at) })) + extra
        );
      default:
        return (restored && dirty ? t("save.restored") : dirty ? t("save.pending") : t("save.allSaved")) + extra;
    }
  })();
  return (
    <div className="pa-bar" role="status">
      {live.kind === "levels" ? (
        <span className="pa-bar-level">
          {t("live.short")}{" "}
          <span data-testid="live-level" data-level={live.evaluation.level}>
            <LevelBadge level={live.evaluation.level} name={levelName(live.evaluation.level)} />
          </span>
        </span>
      ) : (
        <span className="pa-bar-level">
          {t("score.short")}{" "}
          <strong data-testid="bar-score" data-score={live.score.scoreText}>
            {pointsOutOf(live.score.scoreText, live.score.maxScore, locale)}
          </strong>
        </span>
      )}
      <span data-testid="save-status" className={`pa-save pa-save-${save.kind}`}>
        {statusText}
      </span>
      {editable && dirty && !conflict && save.kind !== "saving" && (
        <button type="button" className="secondary pa-save-now" onClick={() => void d.retrySave()}>
          {t("save.now")}
        </button>
      )}
    </div>
  );
}
