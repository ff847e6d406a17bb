/** Deadlines as @cds/calendar judges them: the whole last day in Vietnam counts as on time. */
import { deadline, reportLastDay, type Deadline } from "@cds/calendar";
import { builder } from "../../builder.ts";
import { requireYear } from "../../services/input.ts";

export const DeadlineStateEnum = builder.enumType("DeadlineState", {
  description: "Tình trạng một thời hạn hôm nay (giờ Việt Nam)",
  values: {
    OPEN: { description: "Còn hạn" },
    DUE_TODAY: { description: "Hôm nay là ngày cuối" },
    OVERDUE: { description: "Đã quá hạn" },
  } as const,
});

export const DeadlineRef = builder.objectRef<Deadline>("Deadline").implement({
  description:
    "Một thời hạn theo `deadline()` của @cds/calendar: cả ngày cuối cùng (giờ Việt Nam) vẫn được tính là đúng hạn",
  fields: (t) => ({
    date: t.field({ type: "Date", description: "Ngày cuối cùng (tính cả ngày đó)", resolve: (d) => d.date }),
    daysLeft: t.exposeInt("daysLeft", {
      description: "Số ngày còn lại: 1 = hạn là ngày mai, 0 = hôm nay, số âm = số ngày đã quá hạn",
    }),
    state: t.field({ type: DeadlineStateEnum, resolve: (d) => d.state }),
  }),
});

builder.queryField("reportDue", (t) =>
  t.field({
    type: DeadlineRef,
    description: "Hạn gửi báo cáo hằng năm về Bộ (ngày cuối 24/12) và số ngày còn lại",
    args: { year: t.arg.int() },
    resolve: (_r, a, ctx) => deadline(reportLastDay(requireYear("year", a.year)), ctx.now()),
  }),
);
