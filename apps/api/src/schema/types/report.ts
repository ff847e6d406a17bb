/** The province's yearly report to the ministry (before 25/12). */
import { reportDeadline } from "@cds/calendar";
import { builder } from "../../builder.ts";
import { requireYear } from "../../services/input.ts";
import { submitProvinceReport } from "../../services/reports.ts";

builder.prismaObject("ProvinceReport", {
  description: "Báo cáo hằng năm của tỉnh gửi Bộ (trước 25/12)",
  fields: (t) => ({
    id: t.exposeID("id"),
    year: t.exposeInt("year"),
    tenant: t.relation("tenant"),
    submittedAt: t.expose("submittedAt", { type: "DateTime" }),
    onTime: t.exposeBoolean("onTime"),
    summary: t.expose("summary", { type: "JSON" }),
  }),
});

builder.queryFields((t) => ({
  reportDeadline: t.field({
    type: "DateTime",
    description: "Hạn gửi báo cáo năm cho Bộ: trước ngày 25/12 (giờ Việt Nam)",
    args: { year: t.arg.int() },
    resolve: (_r, a) => reportDeadline(requireYear("year", a.year)),
  }),
  provinceReports: t.prismaField({
    type: ["ProvinceReport"],
    args: { year: t.arg.int() },
    resolve: (q, _r, a, ctx) =>
      ctx.prisma.provinceReport.findMany({ ...q, where: { year: a.year }, orderBy: { submittedAt: "asc" } }),
  }),
}));

builder.mutationFields((t) => ({
  submitProvinceReport: t.prismaField({
    type: "ProvinceReport",
    description: "Gửi báo cáo năm cho Bộ; đúng hạn nếu trước 25/12",
    args: { tenantId: t.arg.string(), year: t.arg.int() },
    errors: {},
    resolve: (_q, _r, a, ctx) => submitProvinceReport(ctx.prisma, ctx.viewer, { ...a, now: ctx.now() }),
  }),
}));
