/** Aggregates for the ministry and provinces: national summary, pass rates, comparison, deviations (the impact of a draft: impact.ts). */
import { sortByVietnamese } from "@cds/criteria-schema";
import { builder } from "../../builder.ts";
import { InputError } from "../../errors.ts";
import {
  convertToSuccessors,
  nationalSummary,
  passRates,
  setDeviation,
  type CriterionRate,
  type NationalRow,
  type ProvincePassRates,
} from "../../services/summaries.ts";
import { summaryMapId } from "../../services/units.ts";
import { SetDiffRef } from "./set-diff.ts";

const RateRef = builder.objectRef<{ numerator: number; denominator: number }>("Rate").implement({
  description: "Tỷ lệ giữ nguyên tử số và mẫu số (không làm tròn)",
  fields: (t) => ({
    numerator: t.exposeInt("numerator"),
    denominator: t.exposeInt("denominator"),
    percent: t.float({
      nullable: true,
      description: "Để hiển thị; so sánh dùng tử và mẫu",
      resolve: (r) => (r.denominator === 0 ? null : (100 * r.numerator) / r.denominator),
    }),
  }),
});

const NationalRowRef = builder.objectRef<NationalRow>("ProvinceSummary").implement({
  description: "Một tỉnh trong tổng hợp toàn quốc",
  fields: (t) => ({
    tenantId: t.exposeString("tenantId"),
    name: t.exposeString("name"),
    units: t.exposeInt("units"),
    assessed: t.exposeInt("assessed"),
    recognised: t.exposeInt("recognised"),
    byLevel: t.exposeIntList("byLevel", {
      description: "Số đơn vị được công nhận theo mức (0 đến số mức của khung quốc gia)",
    }),
    basicOrAbove: t.field({
      type: RateRef,
      description: "Tỷ lệ đơn vị đạt từ mức Cơ bản trở lên",
      resolve: (r) => r.basicOrAbove,
    }),
    reportSubmittedAt: t.expose("reportSubmittedAt", { type: "DateTime", nullable: true }),
    reportOnTime: t.exposeBoolean("reportOnTime", {
      nullable: true,
      description: "Gửi trước 25/12; null nếu chưa gửi",
    }),
    reportDeadline: t.expose("reportDeadline", { type: "DateTime" }),
    mapId: t.exposeString("mapId", { description: "Bản đồ hành chính của dòng này" }),
    successorId: t.exposeString("successorId", {
      nullable: true,
      description: "Tỉnh hiện nay đã tiếp nhận tỉnh (cũ) này",
    }),
    convertedFrom: t.exposeStringList("convertedFrom", {
      nullable: true,
      description: "Dòng quy đổi: các tỉnh cũ được cộng vào (null: số liệu đo trực tiếp)",
    }),
    conversionRule: t.exposeString("conversionRule", {
      nullable: true,
      description: "Dòng quy đổi: quy tắc quy đổi, hiển thị cùng con số (null: số liệu đo trực tiếp)",
    }),
  }),
});

const LevelTallyRef = builder.objectRef<CriterionRate["levels"][number]>("CriterionLevelTally").implement({
  fields: (t) => ({
    level: t.exposeInt("level"),
    pass: t.exposeInt("pass"),
    fail: t.exposeInt("fail"),
    missing: t.exposeInt("missing"),
    exempt: t.exposeInt("exempt"),
    na: t.exposeInt("na"),
    passRate: t.field({
      type: RateRef,
      description: "criteria-core: đạt / (đạt + không đạt)",
      resolve: (l) => l.passRate,
    }),
  }),
});

const CriterionRateRef = builder.objectRef<CriterionRate>("CriterionPassRate").implement({
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    levels: t.field({ type: [LevelTallyRef], resolve: (c) => c.levels }),
  }),
});

const ProvinceRatesRef = builder.objectRef<ProvincePassRates>("ProvincePassRates").implement({
  description: "Tỷ lệ đạt từng tiêu chí của các đơn vị được công nhận, theo bộ của tỉnh và theo khung quốc gia",
  fields: (t) => ({
    tenantId: t.exposeString("tenantId"),
    name: t.exposeString("name"),
    units: t.exposeInt("units"),
    ownSet: t.field({ type: [CriterionRateRef], resolve: (p) => p.ownSet }),
    national: t.field({
      type: [CriterionRateRef],
      description: "Cùng số liệu, chấm theo khung quốc gia v1.0",
      resolve: (p) => p.national,
    }),
    nationalByLevel: t.exposeIntList("nationalByLevel"),
  }),
});

const DeviationRef = builder
  .objectRef<{ tenantId: string; name: string; deviation: Awaited<ReturnType<typeof setDeviation>> }>("SetDeviation")
  .implement({
    fields: (t) => ({
      tenantId: t.exposeString("tenantId"),
      name: t.exposeString("name"),
      versionId: t.string({ nullable: true, resolve: (d) => d.deviation?.versionId ?? null }),
      diff: t.field({ type: SetDiffRef, nullable: true, resolve: (d) => d.deviation?.diff ?? null }),
    }),
  });

const ComparisonRef = builder
  .objectRef<{
    summary: NationalRow[];
    rates: ProvincePassRates[];
    deviations: { tenantId: string; name: string; deviation: Awaited<ReturnType<typeof setDeviation>> }[];
  }>("ProvinceComparison")
  .implement({
    fields: (t) => ({
      summary: t.field({ type: [NationalRowRef], resolve: (c) => c.summary }),
      passRates: t.field({ type: [ProvinceRatesRef], resolve: (c) => c.rates }),
      deviations: t.field({ type: [DeviationRef], resolve: (c) => c.deviations }),
    }),
  });

builder.queryFields((t) => ({
  nationalSummary: t.field({
    type: [NationalRowRef],
    description:
      "Tổng hợp toàn quốc theo tỉnh: số đơn vị, số được công nhận theo mức, tỷ lệ từ Cơ bản trở lên, báo cáo đúng hạn",
    args: {
      year: t.arg.int(),
      unitKind: t.arg.string(),
      mapId: t.arg.string({
        required: false,
        description:
          "Bản đồ hành chính (mặc định: bản đồ các đợt đánh giá của năm đã dùng; chưa có đợt thì bản đồ có hiệu lực ngày 01/01 của năm)",
      }),
      asToday: t.arg.boolean({
        required: false,
        description:
          "Quy đổi các tỉnh cũ về tỉnh hiện nay (cộng gộp), mỗi dòng quy đổi ghi rõ quy tắc và các tỉnh được cộng",
      }),
    },
    resolve: async (_r, a, ctx) => {
      const rows = await nationalSummary(ctx.db.sql, a);
      if (!a.asToday) return rows;
      const current = await ctx.prisma.tenant.findMany({
        where: { kind: "PROVINCE", validTo: null },
        select: { id: true, name: true },
      });
      return convertToSuccessors(rows, current, a.unitKind);
    },
  }),
  criterionPassRates: t.field({
    type: [ProvinceRatesRef],
    args: {
      year: t.arg.int(),
      unitKind: t.arg.string(),
      tenantIds: t.arg.stringList({ required: false }),
      mapId: t.arg.string({
        required: false,
        description: "Mặc định: bản đồ các đợt của năm đã dùng, nếu chưa có thì bản đồ có hiệu lực ngày 01/01",
      }),
    },
    resolve: async (_r, a, ctx) =>
      passRates(ctx.prisma, { ...a, mapId: a.mapId ?? (await summaryMapId(ctx.db.sql, a.year, a.unitKind)) }),
  }),
  compareProvinces: t.field({
    type: ComparisonRef,
    description: "So sánh 2–4 tỉnh",
    args: {
      year: t.arg.int(),
      unitKind: t.arg.string(),
      tenantIds: t.arg.stringList(),
      mapId: t.arg.string({
        required: false,
        description: "Mặc định: bản đồ các đợt của năm đã dùng, nếu chưa có thì bản đồ có hiệu lực ngày 01/01",
      }),
    },
    resolve: async (_r, a, ctx) => {
      if (a.tenantIds.length < 2 || a.tenantIds.length > 4) {
        throw InputError.field("tenantIds", "Chọn từ 2 đến 4 tỉnh", "Choose 2 to 4 provinces");
      }
      const mapId = a.mapId ?? (await summaryMapId(ctx.db.sql, a.year, a.unitKind));
      const all = await nationalSummary(ctx.db.sql, { ...a, mapId });
      const summary = all.filter((r) => a.tenantIds.includes(r.tenantId));
      const rates = await passRates(ctx.prisma, { ...a, mapId });
      const deviations = await Promise.all(
        summary.map(async (r) => ({
          tenantId: r.tenantId,
          name: r.name,
          deviation: await setDeviation(ctx.prisma, { tenantId: r.tenantId, unitKind: a.unitKind }),
        })),
      );
      return { summary, rates, deviations };
    },
  }),
  setDeviations: t.field({
    type: [DeviationRef],
    description: "Bộ tiêu chí đã công bố của từng tỉnh so với khung quốc gia v1.0",
    args: { unitKind: t.arg.string() },
    resolve: async (_r, a, ctx) => {
      const tenants = sortByVietnamese(
        await ctx.prisma.tenant.findMany({ where: { kind: "PROVINCE" } }),
        (tn) => tn.name,
      );
      return Promise.all(
        tenants.map(async (tn) => ({
          tenantId: tn.id,
          name: tn.name,
          deviation: await setDeviation(ctx.prisma, { tenantId: tn.id, unitKind: a.unitKind }),
        })),
      );
    },
  }),
}));
