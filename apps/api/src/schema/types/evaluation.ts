/** criteria-core's results, typed: an evaluation, its levels and criteria, gaps; and judging values without saving. */
import {
  evaluate,
  gaps,
  InvalidValuesError as CoreInvalidValues,
  NotJudgedByLevelsError,
  NotScoredError,
  type Evaluation,
  type Gap,
  type LevelEvaluation,
} from "@cds/criteria-core";
import { builtInSet, isScored, type TCriteriaSet } from "@cds/criteria-schema";
import { builder } from "../../builder.ts";
import type { Context } from "../../context.ts";
import { InputError, InvalidValuesError, NotFoundError } from "../../errors.ts";
import { documentOf, readableVersion } from "../../services/sets.ts";
import { CriterionStatusEnum } from "../enums.ts";

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

/** The arguments a query names its set by. */
type SetRefArgs = { versionId?: { id: string } | null; builtIn?: string | null };

/** The set a query names: a version (by id, as the asker may read it) or a built-in set. */
export async function resolveSetRef(ctx: Context, ref: SetRefArgs): Promise<TCriteriaSet> {
  if (ref.versionId) {
    const id = ref.versionId.id;
    return documentOf(await readableVersion(ctx.prisma, ctx.viewer, id));
  }
  if (ref.builtIn) {
    const s = builtInSet(ref.builtIn);
    if (s) return s;
    throw new NotFoundError("bộ tiêu chí", ref.builtIn);
  }
  throw InputError.field("versionId", "Cần versionId hoặc builtIn", "Give versionId or builtIn");
}

/** The field a problem with the set a query named is told on. */
const setField = (ref: SetRefArgs) => (ref.versionId ? "versionId" : "builtIn");

/** A scored set asked for its levels (evaluate, gaps). */
const notByLevels = (ref: SetRefArgs) =>
  InputError.field(
    setField(ref),
    "Bộ chỉ số này chấm điểm, không đánh giá theo mức độ (dùng score)",
    "This set is scored, not judged by levels (use score)",
  );

/**
 * Runs criteria-core on the asker's values (evaluate, gaps, score, pointsGaps): its bad values become the API's
 * InvalidValuesError, and a set of the other way of judging an InputError naming the set's argument.
 */
export function judging<T>(ref: SetRefArgs, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof CoreInvalidValues) throw new InvalidValuesError(e.issues);
    if (e instanceof NotJudgedByLevelsError) throw notByLevels(ref);
    if (e instanceof NotScoredError)
      throw InputError.field(
        setField(ref),
        "Bộ tiêu chí này đánh giá theo mức độ, không chấm điểm (dùng evaluate)",
        "This set is judged by levels, not scored (use evaluate)",
      );
    throw e;
  }
}

builder.queryFields((t) => ({
  evaluate: t.field({
    type: EvaluationRef,
    description: "Đánh giá số liệu theo một bộ tiêu chí, không lưu (xem trước, bên thứ ba)",
    args: {
      versionId: t.arg.globalID({ required: false }),
      builtIn: t.arg.string({ required: false }),
      values: t.arg({ type: "JSON" }),
    },
    errors: { types: [InvalidValuesError], directResult: true },
    resolve: async (_r, a, ctx) => {
      const set = await resolveSetRef(ctx, a);
      return judging(a, () => evaluate(set, a.values as never));
    },
  }),
  gaps: t.field({
    type: [GapRef],
    description: "Những gì còn thiếu để đạt một mức, không lưu",
    args: {
      versionId: t.arg.globalID({ required: false }),
      builtIn: t.arg.string({ required: false }),
      values: t.arg({ type: "JSON" }),
      level: t.arg.int(),
    },
    resolve: async (_r, a, ctx) => {
      const set = await resolveSetRef(ctx, a);
      // A scored set has no levels to range the argument over: say so, not "1 to 0".
      if (isScored(set)) throw notByLevels(a);
      if (a.level < 1 || a.level > set.levels.length)
        throw InputError.field("level", `từ 1 đến ${set.levels.length}`, `1 to ${set.levels.length}`);
      return judging(a, () => gaps(set, a.values as never, a.level));
    },
  }),
}));
