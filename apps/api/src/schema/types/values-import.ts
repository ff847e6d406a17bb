/**
 * Excel in: `importIndicatorValues` for one unit's assessment, `importRoundValues` for many units of a round (an
 * officer's file), each a dry run or applied. The templates are HTTP routes (http.ts).
 */
import { builder } from "../../builder.ts";
import { ScoreRef } from "./score.ts";
import {
  importRoundValues,
  importValues,
  type ImportChange,
  type ImportIssue,
  type RoundValuesImport,
  type UnitValuesImport,
  type ValuesImport,
} from "../../services/values-import.ts";

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

const UnitValuesImportRef = builder.objectRef<UnitValuesImport>("UnitValuesImport").implement({
  description: "Phần của một đơn vị trong tệp nhập nhiều đơn vị: hồ sơ, dòng, các thay đổi",
  fields: (t) => ({
    assessment: t.prismaField({
      type: "Assessment",
      description: "Hồ sơ như đã đọc (chạy thử; phiên bản dùng khi áp dụng) hoặc như đã lưu",
      resolve: (_q, u) => u.assessment,
    }),
    row: t.exposeInt("row", { description: "Dòng của đơn vị trong trang Số liệu" }),
    changes: t.field({ type: [ImportChangeRef], resolve: (u) => u.changes }),
    wouldBeLevel: t.int({ nullable: true, resolve: (u) => u.wouldBeLevel }),
    wouldBeScore: t.field({ type: ScoreRef, nullable: true, resolve: (u) => u.wouldBeScore }),
    saved: t.exposeBoolean("saved", { description: "Đã lưu (false khi dòng không thay đổi gì hoặc khi chạy thử)" }),
  }),
});

const RoundValuesImportRef = builder.objectRef<RoundValuesImport>("RoundValuesImport").implement({
  description: "Kết quả nhập số liệu nhiều đơn vị của một đợt từ Excel",
  fields: (t) => ({
    dryRun: t.exposeBoolean("dryRun"),
    fileName: t.exposeString("fileName"),
    sha256: t.exposeString("sha256"),
    issues: t.field({ type: [ImportIssueRef], resolve: (r) => r.issues }),
    units: t.field({ type: [UnitValuesImportRef], resolve: (r) => r.units }),
  }),
});

const AssessmentVersionInput = builder.inputType("AssessmentVersionInput", {
  description: "Phiên bản một hồ sơ như lần chạy thử đã đọc",
  fields: (t) => ({
    assessmentId: t.globalID(),
    version: t.int(),
  }),
});

builder.mutationFields((t) => ({
  importRoundValues: t.field({
    type: RoundValuesImportRef,
    description:
      "Nhập số liệu nhiều đơn vị của đợt từ mẫu Excel (GET /templates/round/<id>.xlsx: một dòng mỗi đơn vị bạn được nhập). " +
      "dryRun: liệt kê lỗi và thay đổi từng đơn vị, không ghi gì; không dryRun: cần versions của lần chạy thử, từ chối nếu còn lỗi " +
      "hoặc hồ sơ đã đổi, rồi lưu từng đơn vị trong giao dịch riêng (ô trống giữ nguyên số liệu cũ)",
    args: {
      roundId: t.arg.globalID(),
      file: t.arg({ type: "File" }),
      dryRun: t.arg.boolean(),
      versions: t.arg({ type: [AssessmentVersionInput], required: false }),
    },
    errors: {},
    resolve: (_r, a, ctx) =>
      importRoundValues(ctx.db, ctx.viewer, {
        roundId: a.roundId.id,
        file: a.file,
        dryRun: a.dryRun,
        ...(a.versions
          ? { versions: a.versions.map((v) => ({ assessmentId: v.assessmentId.id, version: v.version })) }
          : {}),
      }),
  }),
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
      importValues(ctx.db, ctx.viewer, {
        assessmentId: a.assessmentId.id,
        version: a.version,
        file: a.file,
        dryRun: a.dryRun,
      }),
  }),
}));
