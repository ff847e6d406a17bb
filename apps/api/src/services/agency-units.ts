/**
 * Sở, ban, ngành as units (kind `agency`): a province adds its agencies so its scored index can assess and rank
 * them beside its communes. An agency sits under the province's unit on the map in force, with a code of the
 * province's GSO code and a short code of its own ("37-STC"), unique on that map.
 */
import { searchName } from "@cds/criteria-schema";
import { InputError, NotFoundError, type FieldIssue } from "../errors.ts";
import type { Prisma, PrismaClient, Unit } from "../generated/prisma/client.ts";
import { can, ensure, requireWriter, type Viewer } from "./access.ts";
import { audit } from "./audit.ts";
import { mapIdOn } from "./units.ts";

export const AGENCY_KIND = "agency";
export const AGENCY_TYPES = ["Sở", "Ban", "Văn phòng", "Ngành"] as const;

export interface AgencyInput {
  tenantId: string;
  /** Short code of the agency, upper-case letters and digits (e.g. STC for Sở Tài chính). */
  shortCode: string;
  name: string;
  type: string;
}

function checkAgency(input: AgencyInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!/^[A-Z][A-Z0-9]{1,11}$/.test(input.shortCode))
    issues.push({
      field: "shortCode",
      message: "mã viết tắt 2–12 chữ in hoa không dấu hoặc số, vd. STC",
      messageEn: "2–12 upper-case letters or digits, e.g. STC",
    });
  const name = input.name.trim();
  if (name.length < 3 || name.length > 200)
    issues.push({ field: "name", message: "tên từ 3 đến 200 ký tự", messageEn: "3 to 200 characters" });
  if (!(AGENCY_TYPES as readonly string[]).includes(input.type))
    issues.push({
      field: "type",
      message: `loại hình là một trong: ${AGENCY_TYPES.join(", ")}`,
      messageEn: `one of ${AGENCY_TYPES.join(", ")}`,
    });
  return issues;
}

/** Adds an agency of a province (its admin only), audited; refuses a code already used on the map. */
export async function addAgencyUnit(
  db: PrismaClient,
  viewer: Viewer,
  input: AgencyInput,
  on: Date = new Date(),
): Promise<Unit> {
  requireWriter(viewer);
  ensure(
    can.runProvince(viewer, input.tenantId),
    "Chỉ Sở của tỉnh mới thêm được sở, ban, ngành",
    "Only the province may add its agencies",
  );
  const issues = checkAgency(input);
  if (issues.length > 0) throw new InputError(issues);
  const mapId = mapIdOn(on);
  const province = await db.unit.findFirst({
    where: { tenantId: input.tenantId, kindCode: "province", mapId },
  });
  if (!province) throw new NotFoundError("tỉnh trên bản đồ hiện hành", input.tenantId);
  const code = `${province.code}-${input.shortCode}`;
  return db.$transaction(async (tx: Prisma.TransactionClient) => {
    if (await tx.unit.findUnique({ where: { mapId_code: { mapId, code } } }))
      throw InputError.field("shortCode", `Đã có đơn vị mã ${code}`, `A unit ${code} already exists`);
    const name = input.name.trim();
    const unit = await tx.unit.create({
      data: {
        code,
        mapId,
        name,
        searchName: searchName(name),
        type: input.type,
        kindCode: AGENCY_KIND,
        parentId: province.id,
        path: `${province.path}/${code}`,
        tenantId: input.tenantId,
        validFrom: province.validFrom,
      },
    });
    await audit(tx, viewer, {
      action: "unit.addAgency",
      entityType: "Unit",
      entityId: unit.id,
      tenantId: input.tenantId,
      after: { code, name, type: input.type, mapId },
    });
    return unit;
  });
}
