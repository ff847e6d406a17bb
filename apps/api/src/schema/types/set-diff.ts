/** criteria-core's diff of two sets, typed, and the query that compares two versions or built-in sets. */
import { diff, type CriterionDiff, type SetDiff, type TargetDiff } from "@cds/criteria-core";
import { builder } from "../../builder.ts";
import { resolveSetRef } from "./evaluation.ts";

const StringChangeRef = builder.objectRef<{ from: string; to: string }>("StringChange").implement({
  fields: (t) => ({ from: t.exposeString("from"), to: t.exposeString("to") }),
});

const TargetDiffRef = builder.objectRef<TargetDiff>("TargetDiff").implement({
  fields: (t) => ({
    level: t.exposeInt("level"),
    from: t.exposeString("from"),
    to: t.exposeString("to"),
    change: t.exposeString("change", { description: "stricter (chặt hơn), looser (lỏng hơn) hoặc changed" }),
  }),
});

const CriterionDiffRef = builder.objectRef<CriterionDiff>("CriterionDiff").implement({
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    direction: t.exposeString("direction"),
    targets: t.field({ type: [TargetDiffRef], resolve: (d) => d.targets }),
    renamed: t.field({ type: StringChangeRef, nullable: true, resolve: (d) => d.renamed ?? null }),
    method: t.field({ type: StringChangeRef, nullable: true, resolve: (d) => d.method ?? null }),
    unit: t.field({ type: StringChangeRef, nullable: true, resolve: (d) => d.unit ?? null }),
    measure: t.field({ type: StringChangeRef, nullable: true, resolve: (d) => d.measure ?? null }),
    group: t.field({ type: StringChangeRef, nullable: true, resolve: (d) => d.group ?? null }),
    legalBasisChanged: t.boolean({ resolve: (d) => d.legalBasis !== undefined }),
  }),
});

const DiffCriterionRef = builder.objectRef<{ code: string; name: string; local?: boolean }>("DiffCriterion").implement({
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    local: t.boolean({ resolve: (c) => c.local ?? false }),
  }),
});

export const SetDiffRef = builder.objectRef<SetDiff>("SetDiff").implement({
  description: "Khác biệt giữa hai bộ tiêu chí (criteria-core diff)",
  fields: (t) => ({
    from: t.string({ resolve: (d) => `${d.from.id}@${d.from.version}` }),
    to: t.string({ resolve: (d) => `${d.to.id}@${d.to.version}` }),
    added: t.field({ type: [DiffCriterionRef], resolve: (d) => d.added }),
    removed: t.field({ type: [DiffCriterionRef], resolve: (d) => d.removed }),
    changed: t.field({ type: [CriterionDiffRef], resolve: (d) => d.changed }),
    stricter: t.int({ resolve: (d) => d.summary.stricter }),
    looser: t.int({ resolve: (d) => d.summary.looser }),
  }),
});

builder.queryFields((t) => ({
  diff: t.field({
    type: SetDiffRef,
    description: "So sánh hai phiên bản (hoặc bộ có sẵn: vn-2361-commune, vn-2361-district)",
    args: {
      fromVersionId: t.arg.globalID({ required: false }),
      fromBuiltIn: t.arg.string({ required: false }),
      toVersionId: t.arg.globalID({ required: false }),
      toBuiltIn: t.arg.string({ required: false }),
    },
    resolve: async (_r, a, ctx) =>
      diff(
        await resolveSetRef(ctx, { versionId: a.fromVersionId, builtIn: a.fromBuiltIn }),
        await resolveSetRef(ctx, { versionId: a.toVersionId, builtIn: a.toBuiltIn }),
      ),
  }),
}));
