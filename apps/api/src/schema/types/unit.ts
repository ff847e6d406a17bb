import { z } from "zod";
import { compareVietnamese } from "@cds/criteria-schema";
import { addAgencyUnit, AGENCY_TYPES } from "../../services/agency-units.ts";
import { builder } from "../../builder.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { lineageReport, type LineageReport } from "@cds/admin-units";
import { isoDayToDate, vietnamToday } from "@cds/calendar";
import { predecessorBaseline, type PredecessorBaseline } from "@cds/criteria-core";
import { nationalFramework } from "../../services/level-counts.ts";
import { searchFilter } from "../../search.ts";
import type { ChainStep, ReviewChain } from "../../services/access.ts";
import { agencyNameOn } from "../../services/agencies.ts";
import { unitByCode, validOnWhere } from "../../services/units.ts";
import { AgencyRoleEnum, MergeKindEnum, RoleEnum, TenantKindEnum } from "../enums.ts";

builder.prismaObject("AdminMap", {
  description: "Bản đồ hành chính và thời gian có hiệu lực: 3 cấp (đến 30/06/2025), 2 cấp (từ 01/07/2025)",
  fields: (t) => ({
    id: t.exposeString("id"),
    name: t.exposeString("name"),
    asOf: t.expose("asOf", { type: "Date", description: "Ngày của dữ liệu" }),
    validFrom: t.expose("validFrom", {
      type: "Date",
      nullable: true,
      description: "Có hiệu lực từ (trống: trước khi có dữ liệu)",
    }),
    validTo: t.expose("validTo", {
      type: "Date",
      nullable: true,
      description: "Hết hiệu lực sau ngày (trống: đang có hiệu lực)",
    }),
    kinds: t.exposeStringList("kinds", { description: "Các cấp đơn vị, từ trên xuống" }),
  }),
});

const ChainStepRef = builder.objectRef<ChainStep>("ReviewStep").implement({
  description:
    "Một bước xét duyệt: vai trò nào, ở đâu so với đơn vị (PARENT: cấp trên trực tiếp; PROVINCE: cấp tỉnh; NATION: Bộ)",
  fields: (t) => ({
    roles: t.field({ type: [RoleEnum], resolve: (s) => s.roles }),
    at: t.exposeString("at"),
  }),
});

export const ReviewChainRef = builder.objectRef<ReviewChain>("ReviewChain").implement({
  description: "Chuỗi xét duyệt của một đợt: xác minh (và trả lại), thẩm định, công nhận",
  fields: (t) => ({
    verify: t.field({ type: ChainStepRef, resolve: (c) => c.verify }),
    appraise: t.field({ type: ChainStepRef, resolve: (c) => c.appraise }),
    recognise: t.field({ type: ChainStepRef, resolve: (c) => c.recognise }),
  }),
});

const BaselineRef = builder.objectRef<PredecessorBaseline>("PredecessorBaseline").implement({
  description: "Mức xuất phát của một đơn vị mới sáp nhập, theo quy tắc công bố (không tự suy ra một con số)",
  fields: (t) => ({
    rule: t.string({ description: "Mã quy tắc", resolve: (b) => b.rule.code }),
    ruleText: t.string({ description: "Quy tắc, để hiển thị cùng con số", resolve: (b) => b.rule.vi }),
    level: t.exposeInt("level", { nullable: true, description: "Mức thấp nhất đã công nhận của các đơn vị cũ" }),
    distribution: t.exposeIntList("distribution", { description: "Số đơn vị cũ theo mức đã công nhận (0 đến số mức)" }),
    recognised: t.exposeInt("recognised", { description: "Số đơn vị cũ đã được công nhận" }),
    unrecognised: t.exposeInt("unrecognised", { description: "Số đơn vị cũ chưa từng được công nhận (không tính)" }),
  }),
});

interface LineageLink {
  unitId: string;
  kind: "FULL" | "PARTIAL";
}

/** A unit's lineage edges on one side: the units merged into it, or the units it went into. */
async function lineageOf(
  prisma: Pick<PrismaClient, "unitLineage">,
  unitId: string,
  side: "predecessors" | "successors",
): Promise<LineageLink[]> {
  const [mine, other] = side === "predecessors" ? (["toId", "fromId"] as const) : (["fromId", "toId"] as const);
  const edges = await prisma.unitLineage.findMany({ where: { [mine]: unitId }, orderBy: { [other]: "asc" } });
  return edges.map((e) => ({ unitId: e[other], kind: e.kind }));
}

builder.prismaObject("UnitKind", {
  description: "Cấp đơn vị hành chính (dữ liệu, không cố định): province, district, commune",
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    nameEn: t.exposeString("nameEn"),
    parentCode: t.exposeString("parentCode", { nullable: true }),
  }),
});

builder.prismaNode("Tenant", {
  description: "Bộ (vn) hoặc một tỉnh, thành phố",
  id: { field: "id" },
  fields: (t) => ({
    code: t.exposeString("id", { description: "Mã đơn vị trên nền tảng, vd. ninh-binh" }),
    name: t.exposeString("name"),
    kind: t.field({ type: TenantKindEnum, resolve: (x) => x.kind }),
    unit: t.relation("unit", { nullable: true, description: "Đơn vị hành chính hiện nay của tỉnh" }),
    validTo: t.expose("validTo", {
      type: "Date",
      nullable: true,
      description: "Ngày cuối tỉnh còn tồn tại (đã sáp nhập vào tỉnh khác); trống: tỉnh hiện nay",
    }),
    successor: t.relation("successor", { nullable: true, description: "Tỉnh hiện nay đã tiếp nhận tỉnh này" }),
    predecessors: t.relation("predecessors", { description: "Các tỉnh cũ đã sáp nhập vào tỉnh này (lịch sử chỉ đọc)" }),
    agencyName: t.string({
      nullable: true,
      description: "Tên cơ quan vào một ngày (mặc định hôm nay): Bộ/Sở TT&TT trước 01/03/2025, Bộ/Sở KH&CN từ đó",
      args: {
        role: t.arg({ type: AgencyRoleEnum }),
        at: t.arg({ type: "Date", required: false }),
      },
      resolve: (tenant, a, ctx) => agencyNameOn(ctx.prisma, tenant.id, a.role, a.at ?? vietnamToday(ctx.now())),
    }),
  }),
});

builder.prismaNode("Unit", {
  description: "Đơn vị hành chính (tỉnh, huyện, xã) với mã GSO",
  id: { field: "id" },
  fields: (t) => ({
    code: t.exposeString("code", { description: "Mã GSO" }),
    name: t.exposeString("name"),
    type: t.exposeString("type", { description: "Loại theo nguồn: Tỉnh, Huyện, Quận, Xã, Phường, Thị trấn…" }),
    kind: t.relation("kind"),
    map: t.relation("map"),
    validFrom: t.expose("validFrom", {
      type: "Date",
      nullable: true,
      description: "Có hiệu lực từ (trống: trước khi có dữ liệu)",
    }),
    validTo: t.expose("validTo", {
      type: "Date",
      nullable: true,
      description: "Hết hiệu lực sau ngày (trống: hiện nay)",
    }),
    predecessors: t.field({
      type: [LineageRef],
      description: "Các đơn vị cũ đã sáp nhập (toàn bộ hoặc một phần) vào đơn vị này",
      resolve: (u, _a, ctx) => lineageOf(ctx.prisma, u.id, "predecessors"),
    }),
    successors: t.field({
      type: [LineageRef],
      description: "Các đơn vị mới đã nhận (toàn bộ hoặc một phần) đơn vị này",
      resolve: (u, _a, ctx) => lineageOf(ctx.prisma, u.id, "successors"),
    }),
    lastRecognition: t.prismaField({
      type: "Assessment",
      nullable: true,
      description: "Lần công nhận gần nhất của đơn vị (mức, quyết định, năm): công khai",
      resolve: (query, u, _a, ctx) =>
        ctx.prisma.assessment.findFirst({
          ...query,
          where: { unitId: u.id, status: "RECOGNISED" },
          orderBy: [{ round: { year: "desc" } }, { recognisedAt: "desc" }],
        }),
    }),
    baseline: t.field({
      type: BaselineRef,
      nullable: true,
      description: "Đơn vị mới sáp nhập: mức xuất phát theo các đơn vị cũ, với quy tắc (null nếu không có đơn vị cũ)",
      resolve: async (u, _a, ctx) => {
        const edges = await ctx.prisma.unitLineage.findMany({ where: { toId: u.id }, select: { fromId: true } });
        if (edges.length === 0) return null;
        const recognised = await ctx.prisma.assessment.findMany({
          where: { unitId: { in: edges.map((e) => e.fromId) }, status: "RECOGNISED" },
          orderBy: [{ round: { year: "desc" } }, { recognisedAt: "desc" }],
          select: { unitId: true, recognisedLevel: true },
        });
        const last = new Map<string, number | null>();
        for (const r of recognised) if (!last.has(r.unitId)) last.set(r.unitId, r.recognisedLevel);
        const levels = nationalFramework(u.kindCode)?.levels.length ?? 5;
        return predecessorBaseline(
          edges.map((e) => last.get(e.fromId) ?? null),
          levels,
        );
      },
    }),
    path: t.exposeString("path"),
    parent: t.relation("parent", { nullable: true }),
    tenant: t.relation("tenant"),
    children: t.relatedConnection("children", {
      cursor: "id",
      totalCount: true,
      query: { orderBy: [{ code: "asc" }, { id: "asc" }] },
    }),
  }),
});

const LineageRef = builder.objectRef<LineageLink>("UnitLineage").implement({
  description: "Một cạnh sáp nhập giữa hai bản đồ: đơn vị kia và cách sáp nhập (FULL: toàn bộ, PARTIAL: một phần)",
  fields: (t) => ({
    unit: t.prismaField({
      type: "Unit",
      resolve: (query, l, _a, ctx) => ctx.prisma.unit.findUniqueOrThrow({ ...query, where: { id: l.unitId } }),
    }),
    kind: t.field({ type: MergeKindEnum, resolve: (l) => l.kind }),
  }),
});

/** The day of a `Date` argument (yyyy-mm-dd, checked by the scalar), default today in Vietnam, at 00:00 UTC. */
const dayArg = (at: string | null | undefined, now: Date) => isoDayToDate(at ?? vietnamToday(now))!;

/** The filter of the `units` query: units valid on `at`, narrowed by the other arguments. */
function unitsWhere(
  args: {
    search?: string | null;
    parentCode?: string | null;
    kind?: string | null;
    tenant?: string | null;
  },
  at: Date,
): Prisma.UnitWhereInput {
  return {
    AND: [
      validOnWhere(at),
      {
        ...(args.search ? searchFilter(args.search) : {}),
        ...(args.parentCode ? { parent: { code: args.parentCode, ...validOnWhere(at) } } : {}),
        ...(args.kind ? { kindCode: args.kind } : {}),
        ...(args.tenant ? { tenantId: args.tenant } : {}),
      },
    ],
  };
}

builder.queryFields((t) => ({
  units: t.prismaConnection({
    type: "Unit",
    cursor: "id",
    description: 'Tìm đơn vị; tìm kiếm không phân biệt dấu ("yen hoa" tìm thấy "Yên Hoà")',
    args: {
      search: t.arg.string({ required: false, validate: z.string().max(100, "tối đa 100 ký tự") }),
      parentCode: t.arg.string({ required: false }),
      kind: t.arg.string({ required: false }),
      tenant: t.arg.string({ required: false }),
      at: t.arg({ type: "Date", required: false, description: "Đơn vị có hiệu lực vào ngày này (mặc định hôm nay)" }),
    },
    resolve: (query, _r, args, ctx) =>
      ctx.prisma.unit.findMany({
        ...query,
        where: unitsWhere(args, dayArg(args.at, ctx.now())),
        orderBy: [{ code: "asc" }, { id: "asc" }],
      }),
    totalCount: (_r, args, ctx) => ctx.prisma.unit.count({ where: unitsWhere(args, dayArg(args.at, ctx.now())) }),
  }),
  unit: t.prismaField({
    type: "Unit",
    nullable: true,
    description:
      "Đơn vị theo mã GSO. Mã lặp lại giữa hai bản đồ: đọc trên bản đồ `mapId`, hoặc bản đồ có hiệu lực ngày `at` (mặc định hôm nay), nếu không có thì đơn vị mới nhất mang mã đó",
    args: {
      code: t.arg.string(),
      mapId: t.arg.string({ required: false }),
      at: t.arg({ type: "Date", required: false }),
    },
    resolve: async (query, _r, args, ctx) => {
      const unit = await unitByCode(ctx.prisma, args.code, {
        mapId: args.mapId ?? undefined,
        on: args.at ?? ctx.now(),
      });
      return unit ? ctx.prisma.unit.findUnique({ ...query, where: { id: unit.id } }) : null;
    },
  }),
  adminMapReport: t.field({
    type: builder.objectRef<LineageReport>("LineageReport").implement({
      description: "Những gì dữ liệu sáp nhập không nói được, báo cáo thay vì đoán",
      fields: (r) => ({
        predecessorsNotCommunes: r.field({
          type: [
            builder.objectRef<LineageReport["predecessorsNotCommunes"][number]>("PredecessorNotCommune").implement({
              description: "Một đơn vị cũ được nêu là tiền thân của xã mới nhưng không phải xã trên bản đồ 3 cấp",
              fields: (f) => ({
                newCode: f.exposeString("newCode", { description: "Mã xã mới" }),
                oldCode: f.exposeString("oldCode", { description: "Mã cũ trong tệp sáp nhập" }),
                name: f.exposeString("name"),
                foundAs: f.exposeString("foundAs", {
                  nullable: true,
                  description: "Là gì trên bản đồ 3 cấp: district (huyện), province, hoặc null (không có)",
                }),
              }),
            }),
          ],
          resolve: (x) => x.predecessorsNotCommunes,
        }),
        communesWithoutSuccessor: r.stringList({
          description: "Mã các xã của bản đồ 3 cấp không có đơn vị kế thừa",
          resolve: (x) => x.communesWithoutSuccessor.map((c) => c.code),
        }),
      }),
    }),
    description: "Báo cáo dữ liệu sáp nhập 01/07/2025: mã cũ không phải xã, xã không có đơn vị kế thừa",
    resolve: () => lineageReport(),
  }),
  adminMaps: t.prismaField({
    type: ["AdminMap"],
    description: "Các bản đồ hành chính, cũ trước",
    resolve: (query, _r, _a, ctx) => ctx.prisma.adminMap.findMany({ ...query, orderBy: { asOf: "asc" } }),
  }),
  unitKinds: t.prismaField({
    type: ["UnitKind"],
    resolve: (query, _r, _a, ctx) => ctx.prisma.unitKind.findMany({ ...query }),
  }),
  tenants: t.prismaField({
    type: ["Tenant"],
    description: "Bộ và các tỉnh, thành phố",
    resolve: async (query, _r, _a, ctx) => {
      // The ministry first, then the provinces in Vietnamese order (sorted here: the database's collation puts "Đ…" last).
      const rows = await ctx.prisma.tenant.findMany({ ...query });
      return rows.sort(
        (a, b) => Number(a.kind !== "MINISTRY") - Number(b.kind !== "MINISTRY") || compareVietnamese(a.name, b.name),
      );
    },
  }),
}));

builder.mutationFields((t) => ({
  addAgencyUnit: t.prismaField({
    type: "Unit",
    description:
      "Thêm một sở, ban, ngành của tỉnh làm đơn vị được chấm điểm (bộ chỉ số sở, ban, ngành); mã = mã tỉnh + mã viết tắt",
    args: {
      tenantId: t.arg.string(),
      shortCode: t.arg.string({ description: "Mã viết tắt, vd. STC (Sở Tài chính)" }),
      name: t.arg.string(),
      type: t.arg.string({ description: `Loại hình: ${AGENCY_TYPES.join(", ")}` }),
    },
    errors: {},
    resolve: (_q, _r, a, ctx) => addAgencyUnit(ctx.prisma, ctx.viewer, a, ctx.now()),
  }),
}));
