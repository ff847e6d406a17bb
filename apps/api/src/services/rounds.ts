/** Rounds (đợt đánh giá): a province opens one per year and unit kind, pinning a published set version. */
import { InputError, WorkflowError, type FieldIssue } from "../errors.ts";
import type { PrismaClient, Round } from "../generated/prisma/client.ts";
import { can, NATIONAL_TENANT, ensure, requireWriter, type Viewer } from "./access.ts";
import { audit } from "./audit.ts";
import { checkYear, parseIsoDate } from "./input.ts";
import { defaultReviewChain, mapIdForYear, reviewChainJson } from "./units.ts";

export interface OpenRoundInput {
  tenantId: string;
  year: number;
  setVersionId: string;
  name?: string | null;
  submitDueAt: string;
  reviewDueAt: string;
  /** The administrative map whose units the round assesses; default: the map in force on 1 January of `year`. */
  mapId?: string | null;
}

/** Opens a round and creates a draft assessment for every unit of the set's kind in the province. */
export async function openRound(prisma: PrismaClient, viewer: Viewer, input: OpenRoundInput): Promise<Round> {
  requireWriter(viewer);
  ensure(
    can.runProvince(viewer, input.tenantId),
    "Chỉ Sở TT&TT của tỉnh mới mở được đợt đánh giá",
    "Only the province may open a round",
  );
  const issues: FieldIssue[] = [];
  checkYear("year", input.year, issues);
  const submitDue = parseIsoDate("submitDueAt", input.submitDueAt, issues);
  const reviewDue = parseIsoDate("reviewDueAt", input.reviewDueAt, issues);
  if (submitDue && reviewDue && reviewDue < submitDue) {
    issues.push({
      field: "reviewDueAt",
      message: "hạn thẩm định phải sau hạn nộp",
      messageEn: "review deadline must follow the submission deadline",
    });
  }
  const version = await prisma.criteriaSetVersion.findUnique({
    where: { id: input.setVersionId },
    include: { set: true },
  });
  if (!version)
    issues.push({ field: "setVersionId", message: "không tìm thấy phiên bản", messageEn: "version not found" });
  else if (version.status !== "PUBLISHED") {
    issues.push({
      field: "setVersionId",
      message: "chỉ dùng được phiên bản đã công bố",
      messageEn: "only a published version can be used",
    });
  } else if (version.set.tenantId !== input.tenantId && version.set.tenantId !== NATIONAL_TENANT) {
    issues.push({ field: "setVersionId", message: "bộ tiêu chí của tỉnh khác", messageEn: "another province's set" });
  }
  const mapId = input.mapId ?? (issues.some((i) => i.field === "year") ? null : mapIdForYear(input.year));
  const map = mapId ? await prisma.adminMap.findUnique({ where: { id: mapId } }) : null;
  if (input.mapId && !map)
    issues.push({ field: "mapId", message: "không có bản đồ hành chính này", messageEn: "no such administrative map" });
  else if (map && version?.set && !map.kinds.includes(version.set.unitKind)) {
    // The district framework (CHUNG-01 from communes) is offered only for rounds on the three-tier map.
    issues.push({
      field: input.mapId ? "mapId" : "setVersionId",
      message: `${map.name} không có cấp ${version.set.unitKind === "district" ? "huyện" : version.set.unitKind}`,
      messageEn: `the map ${map.id} has no ${version.set.unitKind} units`,
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  const unitKind = version!.set.unitKind;
  const exists = await prisma.round.findUnique({
    where: { tenantId_year_unitKind: { tenantId: input.tenantId, year: input.year, unitKind } },
  });
  if (exists)
    throw new WorkflowError(
      `Đã có đợt đánh giá ${unitKind} năm ${input.year}`,
      `A ${unitKind} round for ${input.year} already exists`,
    );
  return prisma.$transaction(
    async (tx) => {
      const round = await tx.round.create({
        data: {
          tenantId: input.tenantId,
          year: input.year,
          unitKind,
          name:
            input.name?.trim() ||
            `Đánh giá mức độ chuyển đổi số ${unitKind === "district" ? "cấp huyện" : "cấp xã"} năm ${input.year}`,
          setVersionId: version!.id,
          mapId: map!.id,
          reviewChain: reviewChainJson(defaultReviewChain(map!.id)),
          submitDueAt: submitDue!,
          reviewDueAt: reviewDue!,
        },
      });
      const units = await tx.unit.findMany({
        where: { tenantId: input.tenantId, kindCode: unitKind, mapId: map!.id },
        select: { id: true },
      });
      await tx.assessment.createMany({
        data: units.map((u) => ({ roundId: round.id, unitId: u.id, setVersionId: version!.id })),
      });
      await audit(tx, viewer, {
        action: "round.open",
        entityType: "Round",
        entityId: round.id,
        tenantId: input.tenantId,
        after: { year: input.year, unitKind, mapId: map!.id, setVersionId: version!.id, assessments: units.length },
      });
      return round;
    },
    { timeout: 60_000 },
  );
}
