/** The province's yearly report to the ministry: recognised levels per round, on time before 25/12. */
import { isLate, reportLastDay } from "@cds/calendar";
import { levelDistribution } from "@cds/criteria-core";
import { InputError, WorkflowError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { can, ensure, requireWriter, type Viewer } from "./access.ts";
import { audit } from "./audit.ts";
import { documentOf } from "./sets.ts";
import { basicOrAboveCount, levelsOfGroups } from "./level-counts.ts";

export async function submitProvinceReport(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { tenantId: string; year: number; now: Date },
) {
  const user = requireWriter(viewer);
  ensure(
    can.runProvince(viewer, input.tenantId),
    "Chỉ Sở TT&TT của tỉnh mới gửi được báo cáo",
    "Only the province may submit its report",
  );
  const alreadySent = () =>
    new WorkflowError(`Đã gửi báo cáo năm ${input.year}`, `The ${input.year} report was already submitted`);
  const existing = await prisma.provinceReport.findUnique({
    where: { tenantId_year: { tenantId: input.tenantId, year: input.year } },
  });
  if (existing) throw alreadySent();
  // The report counts the 2361 level rounds (one per unit kind); a scored index is ranked, not reported here.
  const rounds = await prisma.round.findMany({
    where: { tenantId: input.tenantId, year: input.year, judgedBy: "levels" },
  });
  if (rounds.length === 0)
    throw InputError.field("year", `Chưa có đợt đánh giá nào năm ${input.year}`, `No round in ${input.year}`);
  const summary: Record<string, unknown> = {};
  for (const r of rounds) {
    const n = documentOf(await prisma.criteriaSetVersion.findUniqueOrThrow({ where: { id: r.setVersionId } })).levels
      .length;
    const rows = await prisma.assessment.groupBy({
      by: ["status", "recognisedLevel"],
      where: { roundId: r.id },
      _count: true,
    });
    const units = rows.reduce((sum, row) => sum + row._count, 0);
    const recognisedLevels = levelsOfGroups(
      rows.filter((row) => row.status === "RECOGNISED"),
      (row) => row.recognisedLevel,
    );
    const byLevel = levelDistribution(recognisedLevels, n);
    const recognised = recognisedLevels.length;
    summary[r.unitKind] = {
      roundId: r.id,
      setVersionId: r.setVersionId,
      units,
      recognised,
      recognisedByLevel: byLevel,
      recognisedBasicOrAbove: basicOrAboveCount(r.unitKind, byLevel),
    };
  }
  const onTime = !isLate(reportLastDay(input.year), input.now);
  return prisma.$transaction(async (tx) => {
    // Two submits at once: the second meets the unique (tenant, year) key and gets the same answer as above.
    const report = await tx.provinceReport
      .create({
        data: {
          tenantId: input.tenantId,
          year: input.year,
          submittedAt: input.now,
          onTime,
          summary: summary as object,
          submittedById: user.userId,
        },
      })
      .catch((e: unknown) => {
        throw (e as { code?: unknown }).code === "P2002" ? alreadySent() : e;
      });
    await audit(tx, viewer, {
      action: "report.submit",
      entityType: "ProvinceReport",
      entityId: report.id,
      tenantId: input.tenantId,
      after: { year: input.year, onTime, summary },
    });
    return report;
  });
}
