/**
 * The one wording of the days left to a deadline, for both apps: "còn 3 ngày" / "hạn cuối là hôm nay" /
 * "đã quá hạn 2 ngày". It reads the API's Deadline (@cds/calendar's one rule: the whole last day in Vietnam
 * is on time) and never counts days itself, so the same deadline says the same thing everywhere.
 */
import type { Deadline } from "@cds/calendar";

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The days-left text of a deadline as the API gives it (`state` decides; `daysLeft` is only printed). */
export function formatDaysLeft(deadline: Pick<Deadline, "daysLeft" | "state">, t: Translate): string {
  if (deadline.state === "DUE_TODAY") return t("deadline.dueToday");
  if (deadline.state === "OVERDUE") {
    const n = Math.abs(deadline.daysLeft);
    return t(n === 1 ? "deadline.overdue.one" : "deadline.overdue.other", { n });
  }
  const n = deadline.daysLeft;
  return t(n === 1 ? "deadline.daysLeft.one" : "deadline.daysLeft.other", { n });
}
