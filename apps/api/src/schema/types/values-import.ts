/** Excel in for one unit's assessment: `importIndicatorValues` (dry run or apply). The template is an HTTP route (http.ts). */
import { builder } from "../../builder.ts";
import { ScoreRef } from "./score.ts";
import { importValues, type ImportChange, type ImportIssue, type ValuesImport } from "../../services/values-import.ts";

const ImportIssueRef = builder.objectRef<ImportIssue>("ValuesImportIssue").implement({
  description: "Một lỗi trong tệp Excel, theo trang tính, dòng, cột và tiêu chí",
  fields: (t) => ({
    sheet: t.exposeString("sheet", { description: 'Trang tính, vd. "Số liệu"; rỗng khi lỗi thuộc cả tệp' }),
    row: t.exposeInt("row", { description: "Dòng (từ 1); 0 khi lỗi thuộc cả tệp" }),
    column: t.exposeString("column", { description: "Cột (chữ cái), rỗng khi lỗi thuộc cả dòng hoặc cả tệp" }),
    criterionCode: t.exposeString("criterionCode"),
    field: t.exposeString("field", {
      description: "numerator, denominator, percent, value, count, total, childLevels, points; rỗng khi không có",
    }),
    message: t.exposeString("message"),
    messageEn: t.exposeString("messageEn"),
  }),
});

const ImportChangeRef = builder.objectRef<ImportChange>("ValuesImportChange").implement({
  description: "Một số liệu tệp Excel sẽ thay đổi (null = chưa có)",
  fields: (t) => ({
    criterionCode: t.exposeString("criterionCode"),
    before: t.field({ type: "JSON", nullable: true, resolve: (c) => c.before }),
    after: t.field({ type: "JSON", nullable: true, resolve: (c) => c.after }),
  }),
});

const ValuesImportRef = builder.objectRef<ValuesImport>("ValuesImport").implement({
  description: "Kết quả nhập số liệu từ Excel: chạy thử (không ghi gì) hoặc đã áp dụng",
  fields: (t) => ({
    dryRun: t.exposeBoolean("dryRun"),
    fileName: t.exposeString("fileName"),
    sha256: t.exposeString("sha256"),
    issues: t.field({ type: [ImportIssueRef], resolve: (r) => r.issues }),
    changes: t.field({ type: [ImportChangeRef], resolve: (r) => r.changes }),
    wouldBeLevel: t.int({
      nullable: true,
      description: "Mức độ đạt được sau khi nhập (null khi tệp còn lỗi)",
      resolve: (r) => r.wouldBeLevel,
    }),
    wouldBeScore: t.field({
      type: ScoreRef,
      nullable: true,
      description: "Bộ chỉ số: điểm sau khi nhập (null khi tệp còn lỗi hoặc bộ đánh giá theo mức độ)",
      resolve: (r) => r.wouldBeScore,
    }),
    assessment: t.prismaField({
      type: "Assessment",
      nullable: true,
      description: "Hồ sơ sau khi áp dụng (null khi chạy thử)",
      resolve: (_q, r) => r.assessment,
    }),
  }),
});

builder.mutationFields((t) => ({
  importIndicatorValues: t.field({
    type: ValuesImportRef,
    description:
      "Nhập số liệu của hồ sơ từ mẫu Excel (GET /templates/assessment/<id>.xlsx). dryRun: chỉ kiểm tra, liệt kê lỗi và thay đổi, không ghi gì; " +
      "không dryRun: từ chối nếu còn lỗi, nếu không lưu như saveIndicatorValues (ô trống giữ nguyên số liệu cũ)",
    args: {
      assessmentId: t.arg.globalID(),
      version: t.arg.int(),
      file: t.arg({ type: "File" }),
      dryRun: t.arg.boolean(),
    },
    errors: {},
    resolve: (_r, a, ctx) =>
      importValues(ctx.prisma, ctx.viewer, {
        assessmentId: a.assessmentId.id,
        version: a.version,
        file: a.file,
        dryRun: a.dryRun,
      }),
  }),
}));
