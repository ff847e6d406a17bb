/** " (còn 3 ngày)" / " (hạn cuối là hôm nay)" / " (đã quá hạn 2 ngày)": the API's deadline (@cds/calendar's one rule). */
import type { Deadline } from "@cds/calendar";
import { useI18n } from "@cds/ui";

export function DaysLeft({ deadline }: { deadline: Pick<Deadline, "daysLeft" | "state"> }) {
  const { t } = useI18n();
  const late = deadline.state === "OVERDUE";
  const text = late
    ? t("a.overdue", { n: -deadline.daysLeft })
    : deadline.state === "DUE_TODAY"
      ? t("a.dueToday")
      : t("a.daysLeft", { n: deadline.daysLeft });
  return <span className={late ? "pa-late" : "muted"}> ({text})</span>;
}
