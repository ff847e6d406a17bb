/**
 * Scored indices (Bộ chỉ số) through GraphQL: criteria-core's score typed (groups, components, exact value), what
 * earns more (pointsGaps), scoring values without saving, and a round's ranking with last year's ranks and the
 * averages of its main indices.
 */
import {
  pointsGaps,
  score,
  type ComponentScore,
  type GroupScore,
  type PointsGap,
  type Score,
} from "@cds/criteria-core";
import type { ExactValue } from "@cds/criteria-schema";
import { builder } from "../../builder.ts";
import { InvalidValuesError } from "../../errors.ts";
import {
  roundRanking,
  unitScoreHistory,
  type MainIndexAverage,
  type Ranking,
  type RankingEntry,
  type RankingGroupRows,
} from "../../services/rankings.ts";
import { judging, resolveSetRef } from "./evaluation.ts";

const ExactRef = builder.objectRef<ExactValue>("ExactValue").implement({
  description: "Giá trị chính xác dạng phân số (xếp hạng và hoà điểm xét trên giá trị này)",
  fields: (t) => ({
    numerator: t.exposeString("numerator"),
    denominator: t.exposeString("denominator"),
  }),
});

const ComponentScoreRef = builder.objectRef<ComponentScore>("ComponentScore").implement({
  description: "Điểm một chỉ số thành phần",
  fields: (t) => ({
    code: t.exposeString("code"),
    group: t.exposeString("group", { description: "Mã nhóm của chỉ số thành phần" }),
    status: t.exposeString("status", { description: "scored | missing (chưa nhập, 0 điểm) | notApplicable" }),
    points: t.exposeFloat("points"),
    pointsText: t.exposeString("pointsText", { description: "Điểm làm tròn theo số chữ số thập phân của bộ" }),
    max: t.exposeFloat("max"),
    band: t.exposeInt("band", { nullable: true, description: "Khung đạt được (0 = khung cao nhất)" }),
  }),
});

const GroupScoreRef = builder.objectRef<GroupScore>("GroupScore").implement({
  description: "Điểm và chỉ số của một nhóm (trụ cột, chỉ số chính)",
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    parent: t.exposeString("parent", { nullable: true }),
    points: t.exposeFloat("points"),
    pointsText: t.exposeString("pointsText"),
    max: t.exposeFloat("max"),
    index: t.exposeFloat("index", { nullable: true, description: "Điểm ÷ điểm tối đa (0..1)" }),
    indexText: t.exposeString("indexText", { nullable: true }),
    weight: t.exposeFloat("weight", { nullable: true }),
    notApplicable: t.exposeBoolean("notApplicable"),
  }),
});

export const ScoreRef = builder.objectRef<Score>("Score").implement({
  description: "Điểm của một đơn vị theo bộ chỉ số (criteria-core, chính xác; làm tròn một lần khi hiển thị)",
  fields: (t) => ({
    setId: t.exposeString("setId"),
    setVersion: t.exposeString("setVersion"),
    score: t.exposeFloat("score"),
    scoreText: t.exposeString("scoreText", { description: "Điểm làm tròn nửa lên theo số chữ số thập phân của bộ" }),
    maxScore: t.exposeFloat("maxScore"),
    exact: t.field({ type: ExactRef, resolve: (s) => s.exact }),
    level: t.exposeInt("level", { nullable: true, description: "Bộ xếp loại theo khung điểm: mức đạt được" }),
    levelName: t.exposeString("levelName", { nullable: true }),
    groups: t.field({ type: [GroupScoreRef], resolve: (s) => s.groups }),
    components: t.field({ type: [ComponentScoreRef], resolve: (s) => s.components }),
    missing: t.exposeStringList("missing", { description: "Chỉ số thành phần chưa nhập (0 điểm)" }),
    notApplicable: t.exposeStringList("notApplicable"),
  }),
});

const NextStepRef = builder.objectRef<NonNullable<PointsGap["next"]>>("PointsNextStep").implement({
  fields: (t) => ({
    target: t.exposeString("target"),
    targetEn: t.exposeString("targetEn"),
    shortfall: t.exposeFloat("shortfall", { nullable: true }),
    points: t.exposeFloat("points"),
    pointsText: t.exposeString("pointsText"),
  }),
});

export const PointsGapRef = builder.objectRef<PointsGap>("PointsGap").implement({
  description: "Một chỉ số thành phần chưa đủ điểm: điểm còn thiếu và giá trị để được thêm điểm",
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    group: t.exposeString("group"),
    status: t.exposeString("status", { description: "partial | missing" }),
    points: t.exposeFloat("points"),
    pointsText: t.exposeString("pointsText"),
    max: t.exposeFloat("max"),
    missingPoints: t.exposeFloat("missingPoints"),
    missingPointsText: t.exposeString("missingPointsText"),
    next: t.field({ type: NextStepRef, nullable: true, resolve: (g) => g.next }),
    message: t.exposeString("message"),
    messageEn: t.exposeString("messageEn"),
  }),
});

const PreviousRankRef = builder.objectRef<NonNullable<RankingEntry["previous"]>>("PreviousRank").implement({
  fields: (t) => ({
    year: t.exposeInt("year"),
    rank: t.exposeInt("rank"),
    score: t.exposeFloat("score"),
    scoreText: t.exposeString("scoreText"),
  }),
});

const IndexValueRef = builder.objectRef<RankingEntry["indices"][number]>("MainIndexValue").implement({
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    index: t.exposeFloat("index", { nullable: true }),
    indexText: t.exposeString("indexText", { nullable: true }),
  }),
});

const RankingEntryRef = builder.objectRef<RankingEntry>("RankingEntry").implement({
  description: "Một đơn vị trong bảng xếp hạng",
  fields: (t) => ({
    assessmentId: t.exposeString("assessmentId"),
    unitId: t.exposeString("unitId"),
    unitCode: t.exposeString("unitCode"),
    unitName: t.exposeString("unitName"),
    unitKind: t.exposeString("unitKind"),
    unitType: t.exposeString("unitType"),
    group: t.exposeString("group", { nullable: true }),
    score: t.exposeFloat("score"),
    scoreText: t.exposeString("scoreText"),
    rank: t.exposeInt("rank", { description: "Thứ hạng (hoà điểm cùng hạng, hạng sau bị bỏ qua: 15, 15, 17)" }),
    status: t.exposeString("status"),
    previous: t.field({ type: PreviousRankRef, nullable: true, resolve: (e) => e.previous }),
    rankChange: t.exposeInt("rankChange", {
      nullable: true,
      description: "Hạng năm trước − hạng năm nay (dương: tăng hạng)",
    }),
    indices: t.field({ type: [IndexValueRef], resolve: (e) => e.indices }),
    indexTexts: t.field({
      type: ["String"],
      nullable: { list: false, items: true },
      description:
        "Các chỉ số chính của đơn vị theo đúng thứ tự của Ranking.mainIndices (đã làm tròn; null khi nhóm không áp dụng): " +
        "gọn hơn `indices` khi đọc cả bảng xếp hạng",
      resolve: (e) => e.indices.map((i) => i.indexText),
    }),
  }),
});

const RankingGroupRowsRef = builder.objectRef<RankingGroupRows>("RankingGroupRows").implement({
  description: "Bảng xếp hạng của một nhóm xếp hạng (sở/ngành, xã, phường…)",
  fields: (t) => ({
    code: t.exposeString("code", { nullable: true }),
    name: t.exposeString("name"),
    entries: t.field({ type: [RankingEntryRef], resolve: (g) => g.entries }),
  }),
});

const MainIndexAverageRef = builder.objectRef<MainIndexAverage>("MainIndexAverage").implement({
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    average: t.exposeFloat("average", { nullable: true }),
    averageText: t.exposeString("averageText", { nullable: true }),
  }),
});

const RankingRef = builder.objectRef<Ranking>("Ranking").implement({
  description: "Xếp hạng một đợt chấm điểm",
  fields: (t) => ({
    roundId: t.exposeString("roundId"),
    year: t.exposeInt("year"),
    final: t.exposeBoolean("final", {
      description: "true: kết quả đã công nhận (điểm cuối cùng); false: điểm đang chấm của mọi đơn vị",
    }),
    maxScore: t.exposeFloat("maxScore"),
    decimals: t.exposeInt("decimals"),
    previousYear: t.exposeInt("previousYear", { nullable: true }),
    groups: t.field({ type: [RankingGroupRowsRef], resolve: (r) => r.groups }),
    mainIndices: t.field({
      type: [MainIndexAverageRef],
      description: "Trung bình từng chỉ số chính của các đơn vị được xếp hạng",
      resolve: (r) => r.mainIndices,
    }),
  }),
});

const ScoreHistoryRef = builder
  .objectRef<Awaited<ReturnType<typeof unitScoreHistory>>[number]>("UnitScoreYear")
  .implement({
    description: "Điểm của một đơn vị trong một đợt chấm điểm",
    fields: (t) => ({
      assessmentId: t.exposeString("assessmentId"),
      roundId: t.exposeString("roundId"),
      roundName: t.exposeString("roundName"),
      year: t.exposeInt("year"),
      final: t.exposeBoolean("final", { description: "Điểm đã công nhận (nếu không: điểm đang chấm)" }),
      score: t.field({ type: ScoreRef, resolve: (h) => h.score }),
    }),
  });

builder.prismaObjectFields("Unit", (t) => ({
  scoreHistory: t.field({
    type: [ScoreHistoryRef],
    description: "Điểm qua các năm trong các đợt chấm điểm (đã công nhận; điểm đang chấm nếu có quyền)",
    resolve: (u, _a, ctx) => unitScoreHistory(ctx.prisma, ctx.viewer, u.id),
  }),
}));

builder.prismaObjectFields("Round", (t) => ({
  ranking: t.field({
    type: RankingRef,
    nullable: true,
    description:
      "Xếp hạng đợt chấm điểm theo nhóm xếp hạng; final = kết quả đã công nhận (mặc định với người ngoài tỉnh); null với đợt đánh giá theo mức độ",
    args: { final: t.arg.boolean({ required: false }) },
    resolve: (r, a, ctx) =>
      r.judgedBy === "levels" ? null : roundRanking(ctx.db, ctx.viewer, r.id, { final: a.final }),
  }),
}));

builder.queryFields((t) => ({
  score: t.field({
    type: ScoreRef,
    description: "Chấm điểm số liệu theo một bộ chỉ số, không lưu (xem trước, bên thứ ba)",
    args: {
      versionId: t.arg.globalID({ required: false }),
      builtIn: t.arg.string({ required: false }),
      values: t.arg({ type: "JSON" }),
    },
    errors: { types: [InvalidValuesError], directResult: true },
    resolve: async (_r, a, ctx) => {
      const set = await resolveSetRef(ctx, a);
      return judging(a, () => score(set, a.values as never));
    },
  }),
  pointsGaps: t.field({
    type: [PointsGapRef],
    description: "Những gì còn thiếu để được thêm điểm, không lưu",
    args: {
      versionId: t.arg.globalID({ required: false }),
      builtIn: t.arg.string({ required: false }),
      values: t.arg({ type: "JSON" }),
    },
    resolve: async (_r, a, ctx) => {
      const set = await resolveSetRef(ctx, a);
      return judging(a, () => pointsGaps(set, a.values as never));
    },
  }),
}));
