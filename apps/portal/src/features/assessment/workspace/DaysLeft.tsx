/** " (còn 3 ngày)" / " (hạn cuối là hôm nay)" / " (đã quá hạn 2 ngày)": the API's deadline, worded by @cds/ui's formatDaysLeft. */
import type { Deadline } from "@cds/calendar";
import { formatDaysLeft, useI18n } from "@cds/ui";

export function DaysLeft({ deadline }: { deadline: Pick<Deadline, "daysLeft" | "state"> }) {
  const { t } = useI18n();
  const late = deadline.state === "OVERDUE";
  return <span className={late ? "pa-late" : "muted"}> ({formatDaysLeft(deadline, t)})</span>;
}
