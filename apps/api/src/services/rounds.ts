/**
 * Rounds (đợt đánh giá): a province opens one per year, unit kind and way of judging (the 2361 level round beside
 * a scored index), pinning a published set version; the ministry opens national rounds (the provincial DTI).
 */
import { judgedBy, type TCriteriaSet } from "@cds/criteria-schema";
import { InputError, WorkflowError, type FieldIssue } from "../errors.ts";
import type { PrismaClient, Round } from "../generated/prisma/client.ts";
import { can, NATIONAL_CHAIN, NATIONAL_TENANT, ensure, requireWriter, type Viewer } from "./access.ts";
import { judgeAssessment, judgementData } from "./assessment-store.ts";
import { audit } from "./audit.ts";
import { checkYear, parseIsoDate } from "./input.ts";
import { documentOf } from "./sets.ts";
import { defaultReviewChain, mapIdForYear, NON_TERRITORIAL_KINDS, reviewChainJson } from "./units.ts";

/** The unit kinds a set assesses: `appliesTo` when it says, else its own kind. */
export function assessedKinds(set: Pick<TCriteriaSet, "unitKind" | "appliesTo">): string[] {
  return set.appliesTo ?? [set.unitKind];
}

const KIND_VI: Record<string, string> = {
  commune: "cấp xã",
  district: "cấp huyện",
  province: "cấp tỉnh",
  agency: "sở, ban, ngành",
};

function defaultName(set: TCriteriaSet, year: number): string {
  const kinds = assessedKinds(set)
    .map((k) => KIND_VI[k] ?? k)
    .join(", ");
  return judgedBy(set) === "levels"
    ? `Đánh giá mức độ chuyển đổi số ${kinds} năm ${year}`
    : `Chấm điểm ${set.title} (${kinds}) năm ${year}`;
}

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
  const national = input.tenantId === NATIONAL_TENANT;
  ensure(
    national ? can.isMinistryAdmin(viewer) : can.runProvince(viewer, input.tenantId),
    national ? "Chỉ Bộ mới mở được đợt đánh giá cấp quốc gia" : "Chỉ Sở của tỉnh mới mở được đợt đánh giá",
    national ? "Only the ministry may open a national round" : "Only the province may open a round",
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
  const doc = version?.status === "PUBLISHED" ? documentOf(version) : null;
  const territorial = doc ? assessedKinds(doc).filter((k) => !NON_TERRITORIAL_KINDS.includes(k)) : [];
  const absent = map ? territorial.find((k) => !map.kinds.includes(k)) : undefined;
  if (input.mapId && !map) {
    // reported above
  } else if (map && doc && absent !== undefined) {
    // The district framework (CHUNG-01 from communes) is offered only for rounds on the three-tier map.
    issues.push({
      field: input.mapId ? "mapId" : "setVersionId",
      message: `${map.name} không có ${KIND_VI[absent] ?? absent}`,
      messageEn: `the map ${map.id} has no ${absent} units`,
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  const set = doc!;
  const unitKind = set.unitKind;
  const how = judgedBy(set);
  const exists = await prisma.round.findUnique({
    where: {
      tenantId_year_unitKind_judgedBy: { tenantId: input.tenantId, year: input.year, unitKind, judgedBy: how },
    },
  });
  if (exists)
    throw new WorkflowError(
      how === "levels"
        ? `Đã có đợt đánh giá mức độ ${KIND_VI[unitKind] ?? unitKind} năm ${input.year}`
        : `Đã có đợt chấm điểm ${KIND_VI[unitKind] ?? unitKind} năm ${input.year}`,
      `A ${how} round for ${unitKind} in ${input.year} already exists`,
    );
  // Every assessment starts from no values: its cached judgement is the same for all (a scored set: all missing).
  const empty = judgeAssessment(set, []);
  return prisma.$transaction(
    async (tx) => {
      const round = await tx.round.create({
        data: {
          tenantId: input.tenantId,
          year: input.year,
          unitKind,
          judgedBy: how,
          name: input.name?.trim() || defaultName(set, input.year),
          setVersionId: version!.id,
          mapId: map!.id,
          reviewChain: reviewChainJson(national ? NATIONAL_CHAIN : defaultReviewChain(map!.id)),
          submitDueAt: submitDue!,
          reviewDueAt: reviewDue!,
        },
      });
      // A national round assesses the units of every province (the provincial DTI); a province's, its own.
      const units = await tx.unit.findMany({
        where: {
          ...(national ? {} : { tenantId: input.tenantId }),
          kindCode: { in: assessedKinds(set) },
          mapId: map!.id,
        },
        select: { id: true },
      });
      const cached = judgementData({}, empty);
      await tx.assessment.createMany({
        data: units.map((u) => ({ roundId: round.id, unitId: u.id, setVersionId: version!.id, ...cached })),
      });
      await audit(tx, viewer, {
        action: "round.open",
        entityType: "Round",
        entityId: round.id,
        tenantId: input.tenantId,
        after: {
          year: input.year,
          unitKind,
          judgedBy: how,
          mapId: map!.id,
          setVersionId: version!.id,
          assessments: units.length,
        },
      });
      return round;
    },
    { timeout: 60_000 },
  );
}
