import { z } from "zod";
import { compareVietnamese } from "@cds/criteria-schema";
import { builder } from "../../builder.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { searchFilter } from "../../search.ts";
import { TenantKindEnum } from "../enums.ts";

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
    unit: t.relation("unit", { nullable: true }),
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

/** The filter of the `units` query. */
function unitsWhere(args: {
  search?: string | null;
  parentCode?: string | null;
  kind?: string | null;
  tenant?: string | null;
}): Prisma.UnitWhereInput {
  return {
    ...(args.search ? searchFilter(args.search) : {}),
    ...(args.parentCode ? { parent: { code: args.parentCode } } : {}),
    ...(args.kind ? { kindCode: args.kind } : {}),
    ...(args.tenant ? { tenantId: args.tenant } : {}),
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
    },
    resolve: (query, _r, args, ctx) =>
      ctx.prisma.unit.findMany({ ...query, where: unitsWhere(args), orderBy: [{ code: "asc" }, { id: "asc" }] }),
    totalCount: (_r, args, ctx) => ctx.prisma.unit.count({ where: unitsWhere(args) }),
  }),
  unit: t.prismaField({
    type: "Unit",
    nullable: true,
    args: { code: t.arg.string() },
    resolve: (query, _r, args, ctx) => ctx.prisma.unit.findUnique({ ...query, where: { code: args.code } }),
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
