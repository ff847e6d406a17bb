/** Evidence files (minh chứng): the type and its upload, delete and replace. */
import { builder } from "../../builder.ts";
import { scanOfRecognition, uploadDecisionScan } from "../../services/decision-scans.ts";
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

builder.prismaObject("DecisionScan", {
  description: "Bản quét quyết định công nhận đã ký, gắn với các hồ sơ được công nhận theo quyết định đó (công khai)",
  fields: (t) => ({
    id: t.exposeID("id"),
    decisionNumber: t.exposeString("decisionNumber"),
    fileName: t.exposeString("fileName"),
    mimeType: t.exposeString("mimeType"),
    size: t.exposeInt("size"),
    sha256: t.exposeString("sha256"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    url: t.string({ description: "Đường dẫn tải tệp (GET)", resolve: (s) => `/decision-scans/${s.id}` }),
  }),
});

builder.prismaObjectFields("Assessment", (t) => ({
  decisionScan: t.prismaField({
    type: "DecisionScan",
    nullable: true,
    description: "Bản quét quyết định công nhận đã ký (khi đã tải lên)",
    resolve: (_q, a, _args, ctx) => scanOfRecognition(ctx.prisma, a),
  }),
}));

builder.prismaObjectFields("Round", (t) => ({
  decisionScans: t.prismaField({
    type: ["DecisionScan"],
    description: "Các bản quét quyết định công nhận đã tải lên cho đợt",
    resolve: (query, r, _args, ctx) =>
      ctx.prisma.decisionScan.findMany({ ...query, where: { roundId: r.id }, orderBy: { createdAt: "asc" } }),
  }),
}));

builder.mutationFields((t) => ({
  uploadDecisionScan: t.prismaField({
    type: "DecisionScan",
    description:
      "Tải bản quét quyết định công nhận đã ký (PDF, PNG, JPEG; tối đa 10 MB) cho một số quyết định của đợt; tải lại thì thay tệp",
    args: { roundId: t.arg.globalID(), decisionNumber: t.arg.string(), file: t.arg({ type: "File" }) },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      uploadDecisionScan(ctx.prisma, ctx.viewer, ctx.evidence, {
        roundId: a.roundId.id,
        decisionNumber: a.decisionNumber,
        file: a.file,
      }),
  }),
}));
