import { z } from "zod";
import {
  diff,
  evaluate,
  gaps,
  InvalidValuesError as CoreInvalidValues,
  type CriterionDiff,
  type Evaluation,
  type Gap,
  type LevelEvaluation,
  type SetDiff,
  type TargetDiff,
} from "@cds/criteria-core";
import { BUILT_IN_SETS, formatTarget, type TCriteriaSet, type TCriterion } from "@cds/criteria-schema";
import { builder } from "../builder.ts";
import { InputError, InvalidSetError, InvalidValuesError, NotFoundError } from "../errors.ts";
import { can } from "../services/access.ts";
import {
  cloneVersion,
  documentOf,
  draftIssues,
  publishVersion,
  readableVersion,
  updateDraft,
} from "../services/sets.ts";
import { CriterionStatusEnum, VersionStatusEnum } from "./enums.ts";
import { SetIssueRef } from "./errors.ts";

// ---- the engine's results, typed ----

export const LevelResultRef = builder.objectRef<LevelEvaluation>("LevelResult").implement({
  description: "Kết quả một mức độ: đạt khi mọi tiêu chí áp dụng ở mức này đều đạt",
  fields: (t) => ({
    level: t.exposeInt("level"),
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    met: t.exposeBoolean("met"),
    failing: t.exposeStringList("failing"),
    missing: t.exposeStringList("missing"),
    exempt: t.exposeStringList("exempt"),
  }),
});

const CriterionResultRef = builder.objectRef<Evaluation["criteria"][number]>("CriterionResult").implement({
  fields: (t) => ({
    code: t.exposeString("code"),
    group: t.exposeString("group"),
    measure: t.exposeString("measure"),
    results: t.field({
      type: [CriterionStatusEnum],
      description: "Một kết quả cho mỗi mức, mức 1 trước",
      resolve: (c) => c.results,
    }),
  }),
});

export const EvaluationRef = builder.objectRef<Evaluation>("Evaluation").implement({
  description: "Kết quả đánh giá của criteria-core",
  fields: (t) => ({
    setId: t.exposeString("setId"),
    setVersion: t.exposeString("setVersion"),
    level: t.exposeInt("level", { description: "Mức đạt được, 0 = chưa đạt mức Khởi động" }),
    levelName: t.exposeString("levelName"),
    levelNameEn: t.exposeString("levelNameEn"),
    levels: t.field({ type: [LevelResultRef], resolve: (e) => e.levels }),
    criteria: t.field({ type: [CriterionResultRef], resolve: (e) => e.criteria }),
  }),
});

export const GapRef = builder.objectRef<Gap>("Gap").implement({
  description: "Điều một tiêu chí còn thiếu để đạt mức mục tiêu",
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    level: t.exposeInt("level"),
    status: t.exposeString("status"),
    target: t.exposeString("target"),
    current: t.exposeString("current", { nullable: true }),
    shortfall: t.exposeFloat("shortfall", { nullable: true }),
    message: t.exposeString("message"),
    messageEn: t.exposeString("messageEn"),
  }),
});

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

// ---- criteria sets ----

const CriterionRef = builder.objectRef<{ c: TCriterion; set: TCriteriaSet }>("Criterion").implement({
  description: "Một tiêu chí thành phần",
  fields: (t) => ({
    code: t.string({ resolve: (x) => x.c.code }),
    group: t.string({ resolve: (x) => x.c.group }),
    name: t.string({ resolve: (x) => x.c.name }),
    unit: t.string({ resolve: (x) => x.c.unit }),
    measure: t.string({ resolve: (x) => x.c.measure }),
    method: t.string({ resolve: (x) => x.c.method }),
    legalBasis: t.stringList({ resolve: (x) => x.c.legalBasis }),
    local: t.boolean({ resolve: (x) => x.c.local }),
    exemptWhenNoSubjects: t.boolean({ resolve: (x) => x.c.exemptWhenNoSubjects }),
    targets: t.field({
      type: "JSON",
      description: "Chỉ tiêu theo mức, null = Không áp dụng",
      resolve: (x) => x.c.targets,
    }),
    targetLabels: t.stringList({
      description: "Chỉ tiêu theo mức, dạng chữ",
      resolve: (x) => x.c.targets.map((tg) => formatTarget(x.c, tg)),
    }),
  }),
});

builder.prismaNode("CriteriaSet", {
  description: "Bộ tiêu chí (của Bộ hoặc của một tỉnh)",
  id: { field: "id" },
  fields: (t) => ({
    code: t.exposeString("id", { description: "Mã bộ, vd. vn-2361-commune" }),
    title: t.exposeString("title"),
    unitKind: t.exposeString("unitKind"),
    tenant: t.relation("tenant"),
    versions: t.prismaField({
      type: ["CriteriaSetVersion"],
      description: "Các phiên bản, mới nhất trước (bản nháp chỉ hiện với đơn vị sở hữu)",
      resolve: (query, set, _a, ctx) =>
        ctx.prisma.criteriaSetVersion.findMany({
          ...query,
          where: { setId: set.id, ...(can.readTenant(ctx.viewer, set.tenantId) ? {} : { status: { not: "DRAFT" } }) },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        }),
    }),
  }),
});

builder.prismaNode("CriteriaSetVersion", {
  description: "Một phiên bản của bộ tiêu chí; đã công bố thì bất biến",
  id: { field: "id" },
  fields: (t) => ({
    version: t.exposeString("version"),
    status: t.field({ type: VersionStatusEnum, resolve: (v) => v.status }),
    set: t.relation("set"),
    document: t.field({
      type: "JSON",
      description: "Toàn bộ tài liệu JSON của bộ tiêu chí",
      resolve: (v) => v.document,
    }),
    title: t.string({ resolve: (v) => documentOf(v).title }),
    unitKind: t.string({ resolve: (v) => documentOf(v).unitKind }),
    criteria: t.field({
      type: [CriterionRef],
      resolve: (v) => documentOf(v).criteria.map((c) => ({ c, set: documentOf(v) })),
    }),
    decisionNumber: t.exposeString("decisionNumber", { nullable: true }),
    decisionDate: t.expose("decisionDate", { type: "Date", nullable: true }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    revision: t.exposeInt("revision", { description: "Gửi lại khi sửa bản nháp (chống ghi đè)" }),
    basedOn: t.relation("basedOn", { nullable: true, description: "Phiên bản gốc đã nhân bản" }),
    issues: t.field({
      type: [SetIssueRef],
      description: "Lỗi của tài liệu theo criteria-schema (luôn rỗng với phiên bản đã công bố)",
      resolve: async (v, _a, ctx) => {
        const set = await ctx.prisma.criteriaSet.findUniqueOrThrow({ where: { id: v.setId } });
        return draftIssues(ctx.prisma, v, set, v.document);
      },
    }),
    diffFromBase: t.field({
      type: SetDiffRef,
      nullable: true,
      description: "Khác biệt so với phiên bản gốc",
      resolve: async (v, _a, ctx) => {
        if (!v.basedOnId) return null;
        const base = await ctx.prisma.criteriaSetVersion.findUniqueOrThrow({ where: { id: v.basedOnId } });
        return diff(documentOf(base), documentOf(v));
      },
    }),
  }),
});

async function resolveSetRef(
  ctx: Parameters<typeof readableVersion>[0],
  viewer: Parameters<typeof readableVersion>[1],
  ref: { versionId?: string | null; builtIn?: string | null },
): Promise<TCriteriaSet> {
  if (ref.versionId) return documentOf(await readableVersion(ctx, viewer, ref.versionId));
  if (ref.builtIn) {
    const s = BUILT_IN_SETS[ref.builtIn];
    if (s) return s;
    throw new NotFoundError("bộ tiêu chí", ref.builtIn);
  }
  throw InputError.field("versionId", "Cần versionId hoặc builtIn", "Give versionId or builtIn");
}

function decodeId(id: string, type: string): string {
  // Accept a relay global id or a raw id.
  try {
    const raw = Buffer.from(id, "base64").toString("utf8");
    const [t, rest] = [raw.slice(0, raw.indexOf(":")), raw.slice(raw.indexOf(":") + 1)];
    if (t === type && rest) return rest;
  } catch {
    /* not base64 */
  }
  return id;
}
export { decodeId };

builder.queryFields((t) => ({
  criteriaSets: t.prismaField({
    type: ["CriteriaSet"],
    description: "Các bộ tiêu chí: khung quốc gia và của các tỉnh",
    args: { tenant: t.arg.string({ required: false }), unitKind: t.arg.string({ required: false }) },
    resolve: (query, _r, args, ctx) =>
      ctx.prisma.criteriaSet.findMany({
        ...query,
        where: {
          ...(args.tenant ? { tenantId: args.tenant } : {}),
          ...(args.unitKind ? { unitKind: args.unitKind } : {}),
          // Without a right to read the tenant, a set shows only once it has a published version.
          ...(ctx.viewer.kind === "user" && can.isMinistryAdmin(ctx.viewer)
            ? {}
            : {
                OR: [
                  { versions: { some: { status: { not: "DRAFT" } } } },
                  ...(ctx.viewer.kind === "user"
                    ? [{ tenantId: { in: ctx.viewer.grants.map((g) => g.tenantId) } }]
                    : []),
                ],
              }),
        },
        orderBy: [{ tenantId: "asc" }, { unitKind: "asc" }, { id: "asc" }],
      }),
  }),
  criteriaSetVersion: t.prismaField({
    type: "CriteriaSetVersion",
    args: { id: t.arg.id() },
    resolve: (_q, _r, args, ctx) =>
      readableVersion(ctx.prisma, ctx.viewer, decodeId(String(args.id), "CriteriaSetVersion")),
  }),
  diff: t.field({
    type: SetDiffRef,
    description: "So sánh hai phiên bản (hoặc bộ có sẵn: vn-2361-commune, vn-2361-district)",
    args: {
      fromVersionId: t.arg.id({ required: false }),
      fromBuiltIn: t.arg.string({ required: false }),
      toVersionId: t.arg.id({ required: false }),
      toBuiltIn: t.arg.string({ required: false }),
    },
    resolve: async (_r, a, ctx) =>
      diff(
        await resolveSetRef(ctx.prisma, ctx.viewer, {
          versionId: a.fromVersionId ? decodeId(String(a.fromVersionId), "CriteriaSetVersion") : null,
          builtIn: a.fromBuiltIn,
        }),
        await resolveSetRef(ctx.prisma, ctx.viewer, {
          versionId: a.toVersionId ? decodeId(String(a.toVersionId), "CriteriaSetVersion") : null,
          builtIn: a.toBuiltIn,
        }),
      ),
  }),
  evaluate: t.field({
    type: EvaluationRef,
    description: "Đánh giá số liệu theo một bộ tiêu chí, không lưu (xem trước, bên thứ ba)",
    args: {
      versionId: t.arg.id({ required: false }),
      builtIn: t.arg.string({ required: false }),
      values: t.arg({ type: "JSON" }),
    },
    errors: { types: [InvalidValuesError], directResult: true },
    resolve: async (_r, a, ctx) => {
      const set = await resolveSetRef(ctx.prisma, ctx.viewer, {
        versionId: a.versionId ? decodeId(String(a.versionId), "CriteriaSetVersion") : null,
        builtIn: a.builtIn,
      });
      try {
        return evaluate(set, a.values as never);
      } catch (e) {
        if (e instanceof CoreInvalidValues) throw new InvalidValuesError(e.issues);
        throw e;
      }
    },
  }),
  gaps: t.field({
    type: [GapRef],
    description: "Những gì còn thiếu để đạt một mức, không lưu",
    args: {
      versionId: t.arg.id({ required: false }),
      builtIn: t.arg.string({ required: false }),
      values: t.arg({ type: "JSON" }),
      level: t.arg.int(),
    },
    resolve: async (_r, a, ctx) => {
      const set = await resolveSetRef(ctx.prisma, ctx.viewer, {
        versionId: a.versionId ? decodeId(String(a.versionId), "CriteriaSetVersion") : null,
        builtIn: a.builtIn,
      });
      if (a.level < 1 || a.level > set.levels.length)
        throw InputError.field("level", `từ 1 đến ${set.levels.length}`, `1 to ${set.levels.length}`);
      try {
        return gaps(set, a.values as never, a.level);
      } catch (e) {
        if (e instanceof CoreInvalidValues) throw new InvalidValuesError(e.issues);
        throw e;
      }
    },
  }),
}));

// ---- mutations ----

builder.mutationFields((t) => ({
  cloneCriteriaSet: t.prismaField({
    type: "CriteriaSetVersion",
    description: 'Nhân bản một phiên bản thành bản nháp ("Nhân bản cho tỉnh" hoặc "tạo phiên bản mới")',
    args: {
      sourceVersionId: t.arg.id(),
      tenantId: t.arg.string(),
      setId: t.arg.string({ required: false }),
      title: t.arg.string({ required: false, validate: z.string().max(300, "tối đa 300 ký tự") }),
      startOver: t.arg.boolean({
        required: false,
        description:
          '"Bắt đầu lại từ bộ tiêu chí quốc gia": bắt buộc khi nhân bản bộ của đơn vị khác vào một bộ đã có phiên bản công bố (bỏ tiêu chí địa phương và chỉ tiêu riêng). Để giữ chúng, nhân bản phiên bản hiện hành của chính bộ đó.',
      }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      cloneVersion(ctx.prisma, ctx.viewer, {
        sourceVersionId: decodeId(String(a.sourceVersionId), "CriteriaSetVersion"),
        tenantId: a.tenantId,
        setId: a.setId,
        title: a.title,
        startOver: a.startOver,
      }),
  }),
  updateCriteriaSetDraft: t.prismaField({
    type: "CriteriaSetVersion",
    description: "Thay toàn bộ tài liệu của bản nháp; kiểm tra bằng criteria-schema, lỗi kèm đường dẫn JSON",
    args: { versionId: t.arg.id(), document: t.arg({ type: "JSON" }), revision: t.arg.int() },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      updateDraft(ctx.prisma, ctx.viewer, {
        versionId: decodeId(String(a.versionId), "CriteriaSetVersion"),
        document: a.document,
        revision: a.revision,
      }),
  }),
  publishCriteriaSetVersion: t.prismaField({
    type: "CriteriaSetVersion",
    description: "Công bố bản nháp (số và ngày quyết định); sau đó không thể sửa",
    args: {
      versionId: t.arg.id(),
      decisionNumber: t.arg.string({ validate: z.string().max(100, "tối đa 100 ký tự") }),
      decisionDate: t.arg({ type: "Date" }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) =>
      publishVersion(ctx.prisma, ctx.viewer, {
        versionId: decodeId(String(a.versionId), "CriteriaSetVersion"),
        decisionNumber: a.decisionNumber,
        decisionDate: a.decisionDate,
        now: ctx.now(),
      }),
  }),
}));

export { InvalidSetError };
