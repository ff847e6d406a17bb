/**
 * The demo's scored indices (Bộ chỉ số), beside its 2361 level rounds, all through the services:
 * - Ninh Bình's commune index, cloned from the template `mau-dti-xa` and published by the province; last year's
 *   round ranked (recognised communes), this year's in every status, Xã Khánh Thiện still entering values;
 * - its index for its sở, ban, ngành (a set of its own, `agency-index.ts`), its agencies added as units, last
 *   year recognised, this year under way;
 * - the ministry's provincial DTI (`vn-dti-province-2022`) for last year over today's 34 provinces, published.
 * Values are drawn per unit from a seeded PRNG around a latent maturity; every score is criteria-core's.
 */
import { TWO_TIER_MAP_ID } from "@cds/admin-units";
import type { TCriteriaSet } from "@cds/criteria-schema";
import type { Platform } from "../platform.ts";
import type { Grant, Viewer } from "../services/access.ts";
import { addAgencyUnit } from "../services/agency-units.ts";
import {
  appraiseAssessment,
  recogniseAssessment,
  returnAssessment,
  verifyAssessment,
} from "../services/assessment-review.ts";
import { saveValues, submitAssessment } from "../services/assessments.ts";
import { openRound } from "../services/rounds.ts";
import { cloneVersion, createSet, documentOf, publishVersion, updateDraft } from "../services/sets.ts";
import { agencyIndex } from "./agency-index.ts";
import { versionId } from "./base.ts";
import { scoredValues, seedOf } from "./values.ts";

type Status = "DRAFT" | "SUBMITTED" | "RETURNED" | "VERIFIED" | "APPRAISED" | "RECOGNISED";

/** Ninh Bình's agencies in the demo: short code, name, type. */
export const DEMO_AGENCIES: [string, string, string][] = [
  ["SKHCN", "Sở Khoa học và Công nghệ", "Sở"],
  ["STC", "Sở Tài chính", "Sở"],
  ["SNV", "Sở Nội vụ", "Sở"],
  ["STP", "Sở Tư pháp", "Sở"],
  ["SXD", "Sở Xây dựng", "Sở"],
  ["SNNMT", "Sở Nông nghiệp và Môi trường", "Sở"],
  ["SYT", "Sở Y tế", "Sở"],
  ["SGDDT", "Sở Giáo dục và Đào tạo", "Sở"],
  ["SVHTTDL", "Sở Văn hoá, Thể thao và Du lịch", "Sở"],
  ["SCT", "Sở Công Thương", "Sở"],
  ["BQLKCN", "Ban Quản lý các khu công nghiệp", "Ban"],
  ["VPUBND", "Văn phòng UBND tỉnh", "Văn phòng"],
];

/** The agency whose staff sign in to the demo (left entering values this year). */
export const DEMO_AGENCY = "STC";

export interface ScoredDemoInput {
  year: number;
  tenantId: string;
  /** The province's Sở (opens rounds, verifies), its appraisal council, UBND tỉnh, the ministry. */
  so: Viewer;
  appraiser: Viewer;
  leader: Viewer;
  ministry: Viewer;
  /** The demo commune left in DRAFT with some values (the portal's scored form). */
  demoCommuneCode: string;
  dated: (year: number, mmdd: string) => string;
}

function actor(base: Viewer, role: Grant["role"], tenantId: string, unit: { id: string; path: string } | null): Viewer {
  const b = base as Extract<Viewer, { kind: "user" }>;
  return { ...b, grants: [{ role, tenantId, unitId: unit?.id ?? null, unitPath: unit?.path ?? null }] };
}

/** A unit's latent maturity (0.3..0.93), the same every year, a little higher this year than last. */
const maturity = (code: string, thisYear: boolean) =>
  0.3 + ((seedOf(code) % 1000) / 1000) * 0.6 + (thisYear ? 0.03 : 0);

interface Step {
  unit: { id: string; code: string; path: string; tenantId: string };
  status: Status;
  missing?: number;
}

/** Takes a unit of a scored round to its status through the services, as its people would. */
async function playScored(
  platform: Platform,
  roundId: string,
  set: TCriteriaSet,
  steps: Step[],
  who: { verifier: Viewer; appraiser: Viewer; recogniser: Viewer; editorOf: (s: Step["unit"]) => Viewer },
  when: { year: number; thisYear: boolean },
  decision: { number: string; date: string },
): Promise<void> {
  const prisma = platform.db.prisma;
  const now = platform.services.now();
  for (const s of steps) {
    let a = await prisma.assessment.findFirstOrThrow({
      where: { roundId, unitId: s.unit.id },
    });
    const editor = who.editorOf(s.unit);
    const m = maturity(s.unit.code, when.thisYear);
    const values = scoredValues(set, m, seedOf(`${s.unit.code}:${when.year}`), s.missing ?? 0);
    a = await saveValues(platform.db, editor, { assessmentId: a.id, version: a.version, values });
    if (s.status === "DRAFT") continue;
    a = await submitAssessment(prisma, editor, { assessmentId: a.id, version: a.version, now });
    if (s.status === "RETURNED") {
      const component = set.scoring!.groups[0]!.components[0]!.code;
      await returnAssessment(prisma, who.verifier, {
        assessmentId: a.id,
        version: a.version,
        comments: [
          {
            criterionCode: component,
            needsEvidence: true,
            body: "Cần bổ sung minh chứng: văn bản ban hành kèm chữ ký số của người đứng đầu.",
          },
        ],
      });
      continue;
    }
    if (s.status === "SUBMITTED") continue;
    a = await verifyAssessment(prisma, who.verifier, { assessmentId: a.id, version: a.version });
    if (s.status === "VERIFIED") continue;
    a = await appraiseAssessment(prisma, who.appraiser, { assessmentId: a.id, version: a.version });
    if (s.status === "APPRAISED") continue;
    await recogniseAssessment(prisma, who.recogniser, {
      assessmentId: a.id,
      version: a.version,
      decisionNumber: decision.number,
      decisionDate: decision.date,
      now,
    });
  }
}

/** The statuses this year's units reach, in turn (a few of each; the rest stay untouched). */
const THIS_YEAR: Status[] = ["RECOGNISED", "APPRAISED", "VERIFIED", "SUBMITTED", "RECOGNISED", "RETURNED"];

export async function seedScoredDemo(platform: Platform, input: ScoredDemoInput): Promise<string> {
  const prisma = platform.db.prisma;
  const now = platform.services.now();
  const { year, tenantId, so } = input;
  const lastYear = year - 1;
  const NEW = TWO_TIER_MAP_ID;

  // The province's agencies, as units beside its communes.
  const agencies = [];
  for (const [shortCode, name, type] of DEMO_AGENCIES) {
    agencies.push(await addAgencyUnit(prisma, so, { tenantId, shortCode, name, type }, now));
  }

  // The commune index: the template cloned, made the province's own, published.
  const draft = await cloneVersion(prisma, so, {
    sourceVersionId: versionId("mau-dti-xa", "1.0"),
    tenantId,
    setId: `${tenantId}-dti-xa`,
  });
  const template = documentOf(draft);
  const communeIndex = await updateDraft(prisma, so, {
    versionId: draft.id,
    revision: draft.revision,
    document: {
      ...template,
      title: "Bộ chỉ số đánh giá chuyển đổi số cấp xã tỉnh Ninh Bình (dữ liệu minh hoạ)",
      description:
        "Dữ liệu minh hoạ của nền tảng: tỉnh nhân bản Mẫu Bộ chỉ số cấp xã (mau-dti-xa) và công bố nguyên cấu trúc, 8 nhóm, 47 chỉ số thành phần, 1.000 điểm; không phải văn bản chính thức của tỉnh.",
    },
  });
  const communePublished = await publishVersion(prisma, so, {
    versionId: communeIndex.id,
    decisionNumber: "1502/QĐ-UBND",
    decisionDate: input.dated(lastYear, "03-10"),
    now,
  });
  const communeSet = documentOf(communePublished);

  // The agency index: a set of the province's own.
  const agencyDraft = await createSet(prisma, so, { tenantId, document: agencyIndex() });
  const agencyPublished = await publishVersion(prisma, so, {
    versionId: agencyDraft.id,
    decisionNumber: "1503/QĐ-UBND",
    decisionDate: input.dated(lastYear, "03-10"),
    now,
  });
  const agencySet = documentOf(agencyPublished);

  const communes = await prisma.unit.findMany({
    where: { tenantId, mapId: NEW, kindCode: "commune" },
    orderBy: { code: "asc" },
    select: { id: true, code: true, path: true, tenantId: true },
  });
  const chain = {
    verifier: so,
    appraiser: input.appraiser,
    recogniser: input.leader,
    editorOf: (u: Step["unit"]) => actor(so, "UNIT_EDITOR", tenantId, u),
  };

  const open = (setVersionId: string, y: number) =>
    openRound(prisma, so, {
      tenantId,
      year: y,
      mapId: NEW,
      setVersionId,
      submitDueAt: `${y}-10-31`,
      reviewDueAt: `${y}-12-15`,
    });

  // Last year: every third commune and every agency recognised (the published ranking to compare with).
  const lastCommuneRound = await open(communePublished.id, lastYear);
  await playScored(
    platform,
    lastCommuneRound.id,
    communeSet,
    communes.filter((_, i) => i % 3 === 0).map((unit) => ({ unit, status: "RECOGNISED" as const })),
    chain,
    { year: lastYear, thisYear: false },
    { number: "2210/QĐ-UBND", date: input.dated(lastYear, "12-10") },
  );
  const lastAgencyRound = await open(agencyPublished.id, lastYear);
  await playScored(
    platform,
    lastAgencyRound.id,
    agencySet,
    agencies.map((unit) => ({ unit, status: "RECOGNISED" as const })),
    chain,
    { year: lastYear, thisYear: false },
    { number: "2211/QĐ-UBND", date: input.dated(lastYear, "12-10") },
  );

  // This year: the same communes under way in every status; the demo commune still entering values.
  const communeRound = await open(communePublished.id, year);
  const steps: Step[] = communes
    .filter((u, i) => i % 3 === 0 && u.code !== input.demoCommuneCode)
    .map((unit, i) => ({ unit, status: THIS_YEAR[i % THIS_YEAR.length]! }));
  const demoCommune = communes.find((u) => u.code === input.demoCommuneCode);
  if (!demoCommune) throw new Error(`seedScoredDemo: no commune ${input.demoCommuneCode} on the map ${NEW}`);
  steps.push({ unit: demoCommune, status: "DRAFT", missing: 0.5 });
  await playScored(
    platform,
    communeRound.id,
    communeSet,
    steps,
    chain,
    { year, thisYear: true },
    {
      number: "2305/QĐ-UBND",
      date: input.dated(year, "11-20"),
    },
  );
  const agencyRound = await open(agencyPublished.id, year);
  await playScored(
    platform,
    agencyRound.id,
    agencySet,
    agencies.map((unit, i) => ({
      unit,
      status: unit.code.endsWith(`-${DEMO_AGENCY}`) ? ("DRAFT" as const) : THIS_YEAR[i % THIS_YEAR.length]!,
      missing: unit.code.endsWith(`-${DEMO_AGENCY}`) ? 0.4 : 0,
    })),
    chain,
    { year, thisYear: true },
    { number: "2306/QĐ-UBND", date: input.dated(year, "11-20") },
  );

  // The ministry's provincial DTI of last year over today's 34 provinces (demo values), published.
  const dti = await openRound(prisma, input.ministry, {
    tenantId: "vn",
    year: lastYear,
    mapId: NEW,
    setVersionId: versionId("vn-dti-province-2022", "2022"),
    name: `Xếp hạng DTI cấp tỉnh năm ${lastYear} (dữ liệu minh hoạ)`,
    submitDueAt: `${lastYear}-11-30`,
    reviewDueAt: `${lastYear}-12-31`,
  });
  const dtiSet = documentOf(
    await prisma.criteriaSetVersion.findUniqueOrThrow({ where: { id: versionId("vn-dti-province-2022", "2022") } }),
  );
  const provinces = await prisma.unit.findMany({
    where: { mapId: NEW, kindCode: "province" },
    orderBy: { code: "asc" },
    select: { id: true, code: true, path: true, tenantId: true },
  });
  await playScored(
    platform,
    dti.id,
    dtiSet,
    provinces.map((unit) => ({ unit, status: "RECOGNISED" as const })),
    {
      verifier: input.ministry,
      appraiser: input.ministry,
      recogniser: input.ministry,
      editorOf: (u) => actor(input.ministry, "UNIT_EDITOR", u.tenantId, u),
    },
    { year: lastYear, thisYear: false },
    { number: "1820/QĐ-BKHCN", date: input.dated(lastYear, "12-20") },
  );

  return (
    `bộ chỉ số cấp xã ${communePublished.decisionNumber} (${communes.length} xã, phường; ${steps.length} đang chấm năm ${year}), ` +
    `bộ chỉ số sở, ban, ngành ${agencyPublished.decisionNumber} (${agencies.length} cơ quan); DTI cấp tỉnh ${lastYear} (${provinces.length} tỉnh, minh hoạ)`
  );
}
