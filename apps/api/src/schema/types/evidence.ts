/** Evidence files (minh chứng): the type and its upload, delete and replace. */
import { builder } from "../../builder.ts";
import { deleteEvidence, replaceEvidence, uploadEvidence } from "../../services/evidence.ts";

builder.prismaObject("Evidence", {
  description: "Tệp minh chứng",
  fields: (t) => ({
    id: t.exposeID("id"),
    criterionCode: t.exposeString("criterionCode"),
    fileName: t.exposeString("fileName"),
    mimeType: t.exposeString("mimeType"),
    size: t.exposeInt("size"),
    sha256: t.exposeString("sha256"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.mutationFields((t) => ({
  uploadEvidence: t.prismaField({
    type: "Evidence",
    description: "Tải tệp minh chứng cho một tiêu chí (PDF, ảnh, Word, Excel; tối đa 10 MB)",
    args: { assessmentId: t.arg.globalID(), criterionCode: t.arg.string(), file: t.arg({ type: "File" }) },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      uploadEvidence(ctx.prisma, ctx.viewer, ctx.evidence, {
        assessmentId: a.assessmentId.id,
        criterionCode: a.criterionCode,
        file: a.file,
      }),
  }),
  deleteEvidence: t.prismaField({
    type: "Evidence",
    description: "Xoá một tệp minh chứng khi hồ sơ còn đang nhập (hoặc bị trả lại); trả về tệp đã xoá",
    args: { id: t.arg.id() },
    errors: {},
    resolve: (_q, _r, a, ctx) => deleteEvidence(ctx.prisma, ctx.viewer, { evidenceId: String(a.id) }),
  }),
  replaceEvidence: t.prismaField({
    type: "Evidence",
    description: "Thay tệp của một minh chứng (giữ tiêu chí) khi hồ sơ còn đang nhập (hoặc bị trả lại)",
    args: { id: t.arg.id(), file: t.arg({ type: "File" }) },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      replaceEvidence(ctx.prisma, ctx.viewer, ctx.evidence, { evidenceId: String(a.id), file: a.file }),
  }),
}));
