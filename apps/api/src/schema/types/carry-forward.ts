/**
 * Carry an assessment forward (issue 9): `carryForwardPreview` (the earlier assessments of the unit or its
 * predecessors, and per criterion of the target version what would happen) and `carryForward` (copy, through
 * saveIndicatorValues' path). The rules are in services/carry-forward.ts.
 */
import { builder } from "../../builder.ts";
import {
  carryForward,
  carryForwardPreview,
  reasonText,
  type CarryCandidate,
  type CarryChange,
  type CarryItem,
  type CarryPreview,
  type CarryResult,
} from "../../services/carry-forward.ts";
import { ValueIssueRef } from "../errors.ts";

const CarryStatusEnum = builder.enumType("CarryForwardStatus", {
  description: "Một tiêu chí của phiên bản mới khi lấy số liệu từ hồ sơ trước",
  values: {
    COPIED: { description: "Giữ nguyên: tiêu chí không đổi ý nghĩa, số liệu cũ được chuyển sang" },
    CHANGED: {
      description:
        "Đã thay đổi (tên, phương pháp tính, đơn vị tính, cách đo hoặc 'nếu có'): cần xem lại, chỉ chuyển khi được chọn (includeChanged)",
    },
    NEW: { description: "Mới: không có trong phiên bản cũ, chưa có số liệu" },
    SKIPPED: { description: "Không đổi ý nghĩa nhưng không chuyển được (xem reason)" },
    DROPPED: { description: "Không còn trong bộ tiêu chí mới (chỉ liệt kê)" },
  } as const,
});

const CarrySkipEnum = builder.enumType("CarryForwardSkip", {
  description: "Vì sao số liệu của một tiêu chí không được chuyển",
  values: {
    NO_VALUE: { description: "Hồ sơ trước không có số liệu" },
    INVALID_VALUE: { description: "Số liệu cũ không hợp lệ với tiêu chí mới (criteria-core)" },
    TARGET_HAS_VALUE: { description: "Hồ sơ này đã có số liệu: không ghi đè" },
    COMPUTED: { description: "Được tính tự động (mức độ của đơn vị cấp dưới)" },
  } as const,
});

const CarryLineageEnum = builder.enumType("CarryForwardLineage", {
  description: "Đơn vị của hồ sơ trước so với đơn vị của hồ sơ này",
  values: {
    SELF: { description: "Chính đơn vị này" },
    FULL: { description: "Đơn vị cũ nhập toàn bộ vào đơn vị này (sắp xếp đơn vị hành chính)" },
    PARTIAL: { description: "Đơn vị cũ nhập một phần vào đơn vị này" },
  } as const,
});

const CarryChangeRef = builder.objectRef<CarryChange>("CarryForwardChange").implement({
  description: "Một khác biệt của tiêu chí giữa hai phiên bản (theo diff của criteria-core)",
  fields: (t) => ({
    field: t.exposeString("field", {
      description:
        "name, method, unit, measure, exemptWhenNoSubjects (cần xem lại); targets, group, legalBasis, local (không đổi ý nghĩa số liệu)",
    }),
    level: t.exposeInt("level", { nullable: true, description: "Mức độ, với targets" }),
    from: t.exposeString("from"),
    to: t.exposeString("to"),
    review: t.exposeBoolean("review", { description: "Thay đổi ý nghĩa số liệu: tiêu chí cần xem lại" }),
  }),
});

const CarryItemRef = builder.objectRef<CarryItem>("CarryForwardItem").implement({
  description: "Một tiêu chí khi lấy số liệu từ hồ sơ trước",
  fields: (t) => ({
    criterionCode: t.exposeString("code"),
    name: t.exposeString("name"),
    status: t.field({ type: CarryStatusEnum, resolve: (i) => i.status }),
    value: t.field({
      type: "JSON",
      nullable: true,
      description: "Số liệu trong hồ sơ trước (đã xác minh nếu có); null = không có",
      resolve: (i) => i.value,
    }),
    note: t.exposeString("note", { nullable: true, description: "Ghi chú trong hồ sơ trước" }),
    reason: t.field({ type: CarrySkipEnum, nullable: true, resolve: (i) => i.reason }),
    reasonMessage: t.string({ nullable: true, resolve: (i) => (i.reason ? reasonText(i.reason)[0] : null) }),
    reasonMessageEn: t.string({ nullable: true, resolve: (i) => (i.reason ? reasonText(i.reason)[1] : null) }),
    issues: t.field({
      type: [ValueIssueRef],
      description: "Vì sao số liệu cũ không hợp lệ với tiêu chí mới (INVALID_VALUE)",
      resolve: (i) => i.issues,
    }),
    changes: t.field({ type: [CarryChangeRef], resolve: (i) => i.changes }),
  }),
});

const CarryCandidateRef = builder.objectRef<CarryCandidate>("CarryForwardCandidate").implement({
  description: "Một hồ sơ năm trước (của đơn vị hoặc đơn vị tiền thân) có thể lấy số liệu",
  fields: (t) => ({
    assessment: t.prismaField({ type: "Assessment", resolve: (_q, c) => c.assessment }),
    year: t.int({ resolve: (c) => c.assessment.round.year }),
    lineage: t.field({ type: CarryLineageEnum, resolve: (c) => c.lineage }),
    valueCount: t.exposeInt("valueCount", { description: "Số tiêu chí có số liệu" }),
  }),
});

const CarryPreviewRef = builder.objectRef<CarryPreview>("CarryForwardPreview").implement({
  description: "Xem trước việc lấy số liệu từ hồ sơ trước (không ghi gì)",
  fields: (t) => ({
    assessment: t.prismaField({ type: "Assessment", resolve: (_q, p) => p.target }),
    candidates: t.field({
      type: [CarryCandidateRef],
      description: "Các hồ sơ năm trước của đơn vị hoặc đơn vị được sáp nhập vào, mới nhất trước",
      resolve: (p) => p.candidates,
    }),
    source: t.field({
      type: CarryCandidateRef,
      nullable: true,
      description: "Hồ sơ được chọn (mặc định: mới nhất); null khi không có",
      resolve: (p) => p.source,
    }),
    items: t.field({
      type: [CarryItemRef],
      description: "Từng tiêu chí của phiên bản mới (theo thứ tự), rồi các tiêu chí không còn trong bộ",
      resolve: (p) => p.items,
    }),
    allowed: t.boolean({
      description: "Người dùng được lấy số liệu vào hồ sơ này lúc này (cùng quy tắc carryForward kiểm tra)",
      resolve: (p) => p.refusal === null,
    }),
    refusal: t.string({ nullable: true, resolve: (p) => p.refusal?.message ?? null }),
    refusalEn: t.string({ nullable: true, resolve: (p) => p.refusal?.messageEn ?? null }),
    carriedFrom: t.prismaField({
      type: "Assessment",
      nullable: true,
      description: "Hồ sơ đã lấy số liệu trước đây (null nếu chưa)",
      resolve: (_q, p) => p.carriedFrom,
    }),
  }),
});

const CarryResultRef = builder.objectRef<CarryResult>("CarryForwardResult").implement({
  description: "Kết quả lấy số liệu từ hồ sơ trước",
  fields: (t) => ({
    assessment: t.prismaField({ type: "Assessment", resolve: (_q, r) => r.assessment }),
    copied: t.stringList({ description: "Mã các tiêu chí đã được chuyển số liệu", resolve: (r) => r.copied }),
    items: t.field({ type: [CarryItemRef], resolve: (r) => r.items }),
  }),
});

const CarryForwardInputRef = builder.inputType("CarryForwardInput", {
  fields: (t) => ({
    assessmentId: t.globalID({ description: "Hồ sơ nhận số liệu (của đợt mới)" }),
    fromAssessmentId: t.globalID({ description: "Hồ sơ trước (một trong carryForwardPreview.candidates)" }),
    version: t.int({ description: "Phiên bản hồ sơ đã đọc (chống ghi đè)" }),
    includeChanged: t.stringList({
      required: false,
      description: "Các tiêu chí CHANGED đã xem lại và muốn chuyển cả số liệu cũ",
    }),
  }),
});

builder.queryFields((t) => ({
  carryForwardPreview: t.field({
    type: CarryPreviewRef,
    description:
      "Xem trước việc lấy số liệu từ hồ sơ năm trước (của đơn vị hoặc đơn vị tiền thân) vào hồ sơ này: từng tiêu chí giữ nguyên, thay đổi, mới, không còn",
    args: {
      assessmentId: t.arg.globalID(),
      fromAssessmentId: t.arg.globalID({ required: false }),
    },
    resolve: (_r, a, ctx) =>
      carryForwardPreview(ctx.prisma, ctx.viewer, {
        assessmentId: a.assessmentId.id,
        fromAssessmentId: a.fromAssessmentId?.id ?? null,
      }),
  }),
}));

builder.mutationFields((t) => ({
  carryForward: t.field({
    type: CarryResultRef,
    description:
      "Lấy số liệu từ hồ sơ trước: chuyển các tiêu chí giữ nguyên (và các tiêu chí thay đổi được chọn), không ghi đè số liệu đã có; lưu như saveIndicatorValues (kiểm tra theo phiên bản của hồ sơ này)",
    args: { input: t.arg({ type: CarryForwardInputRef }) },
    errors: {},
    resolve: (_r, { input }, ctx) =>
      carryForward(ctx.db, ctx.viewer, {
        assessmentId: input.assessmentId.id,
        fromAssessmentId: input.fromAssessmentId.id,
        version: input.version,
        includeChanged: input.includeChanged ?? null,
      }),
  }),
}));
