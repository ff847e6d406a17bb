/** The workflow's mutations: register, save values, submit; return, verify, appraise, recognise. */
import { z } from "zod";
import { builder } from "../../builder.ts";
import { InputError } from "../../errors.ts";
import {
  appraiseAssessment,
  recogniseAssessment,
  returnAssessment,
  verifyAssessment,
  verifyValue,
} from "../../services/assessment-review.ts";
import { registerLevel, saveValues, submitAssessment } from "../../services/assessments.ts";
import type { Context } from "../../context.ts";

/** The arguments of every change to an assessment: which one, and the version the client read. */
const changeArgs = builder.args((t) => ({ assessmentId: t.globalID(), version: t.int() }));

/** A change's arguments for the service: the assessment's id decoded, and the request's clock. */
function change<A extends { assessmentId: { id: string } }>(a: A, ctx: Context) {
  return { ...a, assessmentId: a.assessmentId.id, now: ctx.now() };
}

builder.mutationFields((t) => ({
  registerLevel: t.prismaField({
    type: "Assessment",
    description: "Đăng ký mức độ phấn đấu",
    args: { ...changeArgs, level: t.arg.int() },
    errors: {},
    resolve: (_q, _r, a, ctx) => registerLevel(ctx.prisma, ctx.viewer, change(a, ctx)),
  }),
  saveIndicatorValues: t.prismaField({
    type: "Assessment",
    description: "Lưu số liệu (theo mã tiêu chí; null để xoá) và trả về kết quả đánh giá mới",
    args: {
      ...changeArgs,
      values: t.arg({ type: "JSON" }),
      notes: t.arg({ type: "JSON", required: false }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) => {
      if (typeof a.values !== "object" || a.values === null || Array.isArray(a.values)) {
        throw InputError.field("values", "cần một đối tượng theo mã tiêu chí", "an object keyed by criterion code");
      }
      if (a.notes !== undefined && a.notes !== null && (typeof a.notes !== "object" || Array.isArray(a.notes))) {
        throw InputError.field("notes", "cần một đối tượng theo mã tiêu chí", "an object keyed by criterion code");
      }
      return saveValues(ctx.db, ctx.viewer, {
        ...change(a, ctx),
        values: a.values as Record<string, unknown>,
        notes: (a.notes ?? null) as Record<string, string | null> | null,
      });
    },
  }),
  submitAssessment: t.prismaField({
    type: "Assessment",
    description: "Nộp hồ sơ tự đánh giá; từ chối kèm danh sách khi còn thiếu số liệu",
    args: changeArgs,
    errors: {},
    resolve: (_q, _r, a, ctx) => submitAssessment(ctx.prisma, ctx.viewer, change(a, ctx)),
  }),
  returnAssessment: t.prismaField({
    type: "Assessment",
    description: "Trả lại hồ sơ kèm ý kiến",
    args: {
      ...changeArgs,
      comments: t.arg({
        type: [
          builder.inputType("ReviewCommentInput", {
            fields: (f) => ({
              criterionCode: f.string({ required: false }),
              body: f.string({ validate: z.string().max(4000, "tối đa 4000 ký tự") }),
              needsEvidence: f.boolean({
                required: false,
                description: "Yêu cầu bổ sung minh chứng cho tiêu chí / chỉ số thành phần này",
              }),
            }),
          }),
        ],
      }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) => returnAssessment(ctx.prisma, ctx.viewer, change(a, ctx)),
  }),
  verifyIndicatorValue: t.prismaField({
    type: "Assessment",
    description: "Xác minh một số liệu: giữ nguyên (value = null) hoặc sửa, kèm nhận xét",
    args: {
      ...changeArgs,
      criterionCode: t.arg.string(),
      value: t.arg({ type: "JSON", required: false }),
      comment: t.arg.string({ required: false, validate: z.string().max(2000, "tối đa 2000 ký tự") }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) => verifyValue(ctx.prisma, ctx.viewer, change(a, ctx)),
  }),
  verifyAssessment: t.prismaField({
    type: "Assessment",
    description: "Xác nhận đã xác minh số liệu của hồ sơ",
    args: changeArgs,
    errors: {},
    resolve: (_q, _r, a, ctx) => verifyAssessment(ctx.prisma, ctx.viewer, change(a, ctx)),
  }),
  appraiseAssessment: t.prismaField({
    type: "Assessment",
    description: "Hội đồng thẩm định kết luận mức độ (không vượt mức số liệu đạt)",
    args: { ...changeArgs, level: t.arg.int({ required: false }) },
    errors: {},
    resolve: (_q, _r, a, ctx) => appraiseAssessment(ctx.prisma, ctx.viewer, change(a, ctx)),
  }),
  recogniseAssessment: t.prismaField({
    type: "Assessment",
    description: "Công nhận mức độ (số, ngày quyết định); hồ sơ bị khoá",
    args: {
      ...changeArgs,
      decisionNumber: t.arg.string({ validate: z.string().max(100, "tối đa 100 ký tự") }),
      decisionDate: t.arg({ type: "Date" }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) => recogniseAssessment(ctx.prisma, ctx.viewer, change(a, ctx)),
  }),
}));
