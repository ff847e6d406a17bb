/**
 * Rebase of a provincial set onto a new national version (issue 9): where a version stands with the national
 * framework (`nationalUpdate`), the three-way merge previewed (`rebasePreview`) and applied with a decision per
 * conflict (`rebaseVersion`). The merge is criteria-schema's; the rules are services/rebase.ts.
 */
import type { RebaseChange, RebaseConflict, RebaseSection } from "@cds/criteria-schema";
import { builder } from "../../builder.ts";
import {
  nationalUpdate,
  rebasePreview,
  rebaseVersion,
  type NationalUpdate,
  type RebasePreview,
} from "../../services/rebase.ts";
import { SetIssueRef } from "../errors.ts";

const RebaseSectionEnum = builder.enumType("RebaseSection", {
  description: "Phần của tài liệu bộ tiêu chí mà một thay đổi hoặc xung đột thuộc về",
  values: {
    DOCUMENT: { value: "document", description: "Một trường của bộ (vd. title)" },
    LEVELS: { value: "levels", description: "Một mức độ (theo mã)" },
    GROUPS: { value: "groups", description: "Một nhóm tiêu chí (theo mã)" },
    CRITERIA: { value: "criteria", description: "Một tiêu chí (theo mã)" },
  } as const,
});

const RebaseChangeKindEnum = builder.enumType("RebaseChangeKind", {
  values: {
    ADDED: { value: "added", description: "Thêm" },
    MODIFIED: { value: "modified", description: "Sửa" },
    DELETED: { value: "deleted", description: "Bỏ" },
  } as const,
});

const RebaseConflictKindEnum = builder.enumType("RebaseConflictKind", {
  values: {
    BOTH_MODIFIED: { value: "bothModified", description: "Tỉnh và khung quốc gia mới cùng sửa, khác nhau" },
    BOTH_ADDED: { value: "bothAdded", description: "Tỉnh và khung quốc gia mới cùng thêm mã này, khác nhau" },
    OURS_MODIFIED_THEIRS_DELETED: {
      value: "oursModifiedTheirsDeleted",
      description: "Tỉnh đã sửa, khung quốc gia mới bỏ",
    },
    OURS_DELETED_THEIRS_MODIFIED: {
      value: "oursDeletedTheirsModified",
      description: "Tỉnh đã bỏ, khung quốc gia mới sửa",
    },
  } as const,
});

const RebaseChoiceEnum = builder.enumType("RebaseChoice", {
  description: "Cách xử lý một xung đột",
  values: {
    OURS: { value: "ours", description: "Giữ của tỉnh" },
    THEIRS: { value: "theirs", description: "Theo khung quốc gia mới" },
  } as const,
});

const pathOf = (section: RebaseSection, code: string) => (section === "document" ? [code] : [section, code]);

const RebaseChangeRef = builder.objectRef<RebaseChange>("RebaseChange").implement({
  description: "Một thay đổi so với khung quốc gia cũ (null = không có)",
  fields: (t) => ({
    key: t.exposeString("key", { description: 'vd. "criteria/CQS-02", "groups/KTS", "title"' }),
    path: t.stringList({
      description: 'vd. ["criteria", "CQS-02"], ["title"]',
      resolve: (c) => pathOf(c.section, c.code),
    }),
    section: t.field({ type: RebaseSectionEnum, resolve: (c) => c.section }),
    code: t.exposeString("code", { description: "Mã tiêu chí, nhóm, mức độ hoặc tên trường" }),
    kind: t.field({ type: RebaseChangeKindEnum, resolve: (c) => c.kind }),
    before: t.field({ type: "JSON", nullable: true, resolve: (c) => c.before }),
    after: t.field({ type: "JSON", nullable: true, resolve: (c) => c.after }),
    message: t.exposeString("message"),
    messageEn: t.exposeString("messageEn"),
  }),
});

const RebaseConflictRef = builder.objectRef<RebaseConflict>("RebaseConflict").implement({
  description: "Tỉnh và khung quốc gia mới cùng thay đổi một mục, khác nhau: cần chọn một bên (null = không có)",
  fields: (t) => ({
    key: t.exposeString("key", { description: "Gửi lại trong rebaseVersion(decisions)" }),
    path: t.stringList({ resolve: (c) => pathOf(c.section, c.code) }),
    section: t.field({ type: RebaseSectionEnum, resolve: (c) => c.section }),
    code: t.exposeString("code"),
    kind: t.field({ type: RebaseConflictKindEnum, resolve: (c) => c.kind }),
    base: t.field({ type: "JSON", nullable: true, description: "Khung quốc gia cũ", resolve: (c) => c.base }),
    ours: t.field({ type: "JSON", nullable: true, description: "Của tỉnh", resolve: (c) => c.ours }),
    theirs: t.field({ type: "JSON", nullable: true, description: "Khung quốc gia mới", resolve: (c) => c.theirs }),
    message: t.exposeString("message"),
    messageEn: t.exposeString("messageEn"),
  }),
});

const RebasePreviewRef = builder.objectRef<RebasePreview>("RebasePreview").implement({
  description: "Xem trước việc cập nhật bộ tiêu chí của tỉnh theo khung quốc gia mới (hợp nhất ba chiều)",
  fields: (t) => ({
    version: t.prismaField({
      type: "CriteriaSetVersion",
      description: "Phiên bản của tỉnh",
      resolve: (_q, p) => p.version,
    }),
    base: t.prismaField({
      type: "CriteriaSetVersion",
      description: "Phiên bản quốc gia mà bộ của tỉnh đang theo (gốc chung)",
      resolve: (_q, p) => p.base,
    }),
    onto: t.prismaField({
      type: "CriteriaSetVersion",
      description: "Phiên bản quốc gia mới",
      resolve: (_q, p) => p.onto,
    }),
    applied: t.field({
      type: [RebaseChangeRef],
      description: "Thay đổi của khung quốc gia mới được áp dụng tự động (tỉnh chưa sửa các mục này)",
      resolve: (p) => p.applied,
    }),
    kept: t.field({
      type: [RebaseChangeRef],
      description: "Thay đổi riêng của tỉnh được giữ nguyên (khung quốc gia mới không đổi các mục này)",
      resolve: (p) => p.kept,
    }),
    conflicts: t.field({ type: [RebaseConflictRef], resolve: (p) => p.conflicts }),
    document: t.field({
      type: "JSON",
      description: "Tài liệu sau khi hợp nhất, các xung đột tạm giữ của tỉnh",
      resolve: (p) => p.document,
    }),
    issues: t.field({
      type: [SetIssueRef],
      description: "Lỗi của tài liệu sau khi hợp nhất theo criteria-schema (sửa trong bản nháp trước khi công bố)",
      resolve: (p) => p.issues,
    }),
  }),
});

const NationalUpdateRef = builder.objectRef<NationalUpdate>("NationalUpdate").implement({
  description: "Bộ tiêu chí của tỉnh so với khung quốc gia mà nó nhân bản từ",
  fields: (t) => ({
    descendsFrom: t.prismaField({
      type: "CriteriaSetVersion",
      description: "Phiên bản quốc gia mà phiên bản này đang theo",
      resolve: (_q, u) => u.descendsFrom,
    }),
    latest: t.prismaField({
      type: "CriteriaSetVersion",
      description: "Phiên bản quốc gia mới nhất đã công bố",
      resolve: (_q, u) => u.latest,
    }),
    available: t.exposeBoolean("available", { description: "Đã có phiên bản quốc gia mới hơn" }),
    canRebase: t.exposeBoolean("canRebase", { description: "Người dùng được cập nhật bộ tiêu chí này" }),
  }),
});

const RebaseDecisionInputRef = builder.inputType("RebaseDecisionInput", {
  fields: (t) => ({
    key: t.string({ description: "RebaseConflict.key" }),
    choice: t.field({ type: RebaseChoiceEnum }),
  }),
});

const RebaseVersionInputRef = builder.inputType("RebaseVersionInput", {
  fields: (t) => ({
    versionId: t.globalID({ description: "Phiên bản của tỉnh (đã công bố, hoặc bản nháp)" }),
    ontoVersionId: t.globalID({ description: "Phiên bản quốc gia mới (đang có hiệu lực)" }),
    decisions: t.field({
      type: [RebaseDecisionInputRef],
      description: "Một lựa chọn cho mỗi xung đột của rebasePreview",
    }),
    revision: t.int({ required: false, description: "Bắt buộc khi cập nhật một bản nháp: revision đã đọc" }),
  }),
});

builder.queryFields((t) => ({
  nationalUpdate: t.field({
    type: NationalUpdateRef,
    nullable: true,
    description:
      "Phiên bản quốc gia mà phiên bản này đang theo và phiên bản quốc gia mới nhất; null với khung quốc gia và bộ không nhân bản từ khung quốc gia",
    args: { versionId: t.arg.globalID() },
    resolve: (_r, a, ctx) => nationalUpdate(ctx.prisma, ctx.viewer, a.versionId.id),
  }),
  rebasePreview: t.field({
    type: RebasePreviewRef,
    description:
      "Xem trước việc cập nhật bộ tiêu chí của tỉnh theo phiên bản quốc gia mới: thay đổi được áp dụng tự động, thay đổi riêng của tỉnh được giữ, các xung đột (khung cũ | của tỉnh | khung mới)",
    args: { versionId: t.arg.globalID(), ontoVersionId: t.arg.globalID() },
    resolve: (_r, a, ctx) =>
      rebasePreview(ctx.prisma, ctx.viewer, { versionId: a.versionId.id, ontoVersionId: a.ontoVersionId.id }),
  }),
}));

builder.mutationFields((t) => ({
  rebaseVersion: t.prismaField({
    type: "CriteriaSetVersion",
    description:
      "Cập nhật bộ tiêu chí của tỉnh theo phiên bản quốc gia mới (hợp nhất ba chiều) với một lựa chọn cho mỗi xung đột: phiên bản đã công bố thành một bản nháp mới (basedOn = phiên bản của tỉnh, rebasedOnto = phiên bản quốc gia mới); bản nháp được cập nhật tại chỗ",
    args: { input: t.arg({ type: RebaseVersionInputRef }) },
    errors: {},
    resolve: (_q, _r, { input }, ctx) =>
      rebaseVersion(ctx.prisma, ctx.viewer, {
        versionId: input.versionId.id,
        ontoVersionId: input.ontoVersionId.id,
        decisions: input.decisions,
        revision: input.revision ?? null,
      }),
  }),
}));
