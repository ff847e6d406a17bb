/** Agency names over time (Bộ/Sở TT&TT until 28/02/2025, Bộ/Sở KH&CN since, UBND tỉnh): data with validity. */
import { isoDayToDate } from "@cds/calendar";
import type { AgencyRole, PrismaClient } from "../generated/prisma/client.ts";
import { NATIONAL_TENANT } from "./access.ts";
import { validOnWhere } from "./units.ts";

/** The name an agency of a tenant had on a day (yyyy-mm-dd), or null when the data has none. */
export async function agencyNameOn(
  prisma: Pick<PrismaClient, "agencyName">,
  tenantId: string,
  role: AgencyRole,
  day: string,
): Promise<string | null> {
  const row = await prisma.agencyName.findFirst({
    where: { tenantId, role, ...validOnWhere(isoDayToDate(day)!) },
    select: { name: true },
  });
  return row?.name ?? null;
}

/** The ministry in charge on a day ("Bộ Khoa học và Công nghệ" since 01/03/2025). */
export const ministryNameOn = (prisma: Pick<PrismaClient, "agencyName">, day: string) =>
  agencyNameOn(prisma, NATIONAL_TENANT, "MINISTRY", day);

/** A province's department as a document names it, without the province ("Sở Khoa học và Công nghệ"). */
export async function departmentOn(prisma: Pick<PrismaClient, "agencyName">, tenantId: string, day: string) {
  const name = (await agencyNameOn(prisma, tenantId, "DEPARTMENT", day)) ?? "Sở Khoa học và Công nghệ";
  return name.replace(/ (tỉnh|thành phố) .*$/u, "");
}
