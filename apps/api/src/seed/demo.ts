/**
 * The demo province, Ninh Bình, on today's map with yesterday's history:
 * - a provincial commune set cloned from national v1.0 with real changes (a stricter CQS-02, a local
 *   criterion CQS-25), published at the start of last year;
 * - last year on the three-tier map: rounds of old Ninh Bình with Huyện Yên Khánh's communes in every status
 *   (the level above verifies, appraises and recognises), and recognised communes of old Hà Nam and Nam Định,
 *   the provinces that merged into the new Ninh Bình on 01/07/2025 (their history is read-only);
 * - this year on the two-tier map: the new Ninh Bình's commune round, communes in every status through the
 *   province's chain (the Sở verifies, the provincial council appraises, UBND tỉnh recognises);
 * - a user for every role.
 * Everything goes through the same services as the API, so rules and audit events apply.
 */
import type { TCriteriaSet } from "@cds/criteria-schema";
import type { Platform } from "../platform.ts";
import type { Grant, Viewer } from "../services/access.ts";
import {
  appraiseAssessment,
  recogniseAssessment,
  returnAssessment,
  verifyAssessment,
} from "../services/assessment-review.ts";
import { registerLevel, saveValues, submitAssessment } from "../services/assessments.ts";
import { hashPassword } from "../services/auth.ts";
import { openRound } from "../services/rounds.ts";
import { cloneVersion, documentOf, publishVersion, updateDraft } from "../services/sets.ts";
import { THREE_TIER_MAP_ID, TWO_TIER_MAP_ID } from "@cds/admin-units";
import { vietnamToday } from "@cds/calendar";
import { versionId } from "./base.ts";
import { DEMO_AGENCY, seedScoredDemo } from "./scored-demo.ts";
import { seedOf, valuesAtLevel } from "./values.ts";

export const DEMO_PASSWORD = "demo1234";
export const DEMO_TENANT = "ninh-binh";
export const DEMO_PROVINCE_CODE = "37";
export const DEMO_DISTRICT_CODE = "375"; // Huyện Yên Khánh (three-tier map, last year)
/** Xã Khánh Thiện: on the two-tier map (merged from old Khánh Thiện, Khánh Lợi, Khánh Cường), the portal's demo unit, left in DRAFT. */
export const DEMO_COMMUNE_CODE = "14563";

type Role = Grant["role"];
type Status = "DRAFT" | "SUBMITTED" | "RETURNED" | "VERIFIED" | "APPRAISED" | "RECOGNISED";
const NEW = TWO_TIER_MAP_ID;
const OLD = THREE_TIER_MAP_ID;

export const DEMO_USERS: {
  email: string;
  name: string;
  role: Role;
  tenantId: string;
  /** The unit of the grant (map and GSO code); null = the whole tenant. */
  unit: { mapId: string; code: string } | null;
  /** The grant follows the map of the demo's current round (the portal's demo commune). */
  onCurrentMap?: true;
  description: string;
}[] = [
  {
    email: "bo@cds.gov.vn",
    name: "Cục Chuyển đổi số quốc gia",
    role: "MINISTRY_ADMIN",
    tenantId: "vn",
    unit: null,
    description: "Bộ KH&CN (Cục CĐS quốc gia): khung quốc gia, tổng hợp toàn quốc",
  },
  {
    email: "so@ninhbinh.gov.vn",
    name: "Sở KH&CN Ninh Bình",
    role: "PROVINCE_ADMIN",
    tenantId: DEMO_TENANT,
    unit: { mapId: NEW, code: DEMO_PROVINCE_CODE },
    description: "Sở KH&CN Ninh Bình: bộ tiêu chí, đợt đánh giá, xác minh hồ sơ cấp xã",
  },
  {
    email: "lanhdao@ninhbinh.gov.vn",
    name: "Lãnh đạo UBND tỉnh Ninh Bình",
    role: "PROVINCE_LEADER",
    tenantId: DEMO_TENANT,
    unit: { mapId: NEW, code: DEMO_PROVINCE_CODE },
    description: "UBND tỉnh Ninh Bình: công nhận mức độ chuyển đổi số cấp xã (bản đồ 2 cấp)",
  },
  {
    email: "thamdinh@ninhbinh.gov.vn",
    name: "Hội đồng thẩm định tỉnh",
    role: "APPRAISER",
    tenantId: DEMO_TENANT,
    unit: { mapId: NEW, code: DEMO_PROVINCE_CODE },
    description: "Hội đồng thẩm định cấp tỉnh (hồ sơ cấp xã trên bản đồ 2 cấp, cấp huyện năm trước)",
  },
  {
    email: "phong.yenkhanh@ninhbinh.gov.vn",
    name: "Phòng VH&TT Yên Khánh",
    role: "DISTRICT_OFFICER",
    tenantId: DEMO_TENANT,
    unit: { mapId: OLD, code: DEMO_DISTRICT_CODE },
    description: "Phòng VH&TT huyện Yên Khánh (năm trước, bản đồ 3 cấp): xác minh, trả lại, công nhận cấp xã",
  },
  {
    email: "thamdinh.yenkhanh@ninhbinh.gov.vn",
    name: "Hội đồng thẩm định huyện Yên Khánh",
    role: "APPRAISER",
    tenantId: DEMO_TENANT,
    unit: { mapId: OLD, code: DEMO_DISTRICT_CODE },
    description: "Hội đồng thẩm định huyện Yên Khánh (năm trước, hồ sơ cấp xã)",
  },
  {
    email: "huyen.yenkhanh@ninhbinh.gov.vn",
    name: "UBND huyện Yên Khánh",
    role: "UNIT_EDITOR",
    tenantId: DEMO_TENANT,
    unit: { mapId: OLD, code: DEMO_DISTRICT_CODE },
    description: "Cán bộ huyện Yên Khánh (năm trước): tự đánh giá cấp huyện",
  },
  {
    email: "xa.khanhthien@ninhbinh.gov.vn",
    name: "UBND xã Khánh Thiện",
    role: "UNIT_EDITOR",
    tenantId: DEMO_TENANT,
    unit: { mapId: NEW, code: DEMO_COMMUNE_CODE },
    onCurrentMap: true,
    description: "Cán bộ xã Khánh Thiện (xã mới từ 01/07/2025): nhập số liệu, nộp hồ sơ",
  },
  {
    email: "stc@ninhbinh.gov.vn",
    name: "Sở Tài chính Ninh Bình",
    role: "UNIT_EDITOR",
    tenantId: DEMO_TENANT,
    unit: { mapId: NEW, code: `${DEMO_PROVINCE_CODE}-${DEMO_AGENCY}` },
    description: "Cán bộ Sở Tài chính: tự chấm Bộ chỉ số chuyển đổi số sở, ban, ngành (bộ chấm điểm)",
  },
  {
    email: "xem@ninhbinh.gov.vn",
    name: "Người xem Ninh Bình",
    role: "VIEWER",
    tenantId: DEMO_TENANT,
    unit: { mapId: NEW, code: DEMO_PROVINCE_CODE },
    description: "Chỉ xem số liệu của tỉnh (cả lịch sử Hà Nam, Nam Định)",
  },
  {
    email: "so@hanam.gov.vn",
    name: "Sở KH&CN Hà Nam (cũ)",
    role: "PROVINCE_ADMIN",
    tenantId: "ha-nam",
    unit: { mapId: OLD, code: "35" },
    description: "Tỉnh Hà Nam cũ (đã hợp nhất vào Ninh Bình): chỉ đọc lịch sử",
  },
  {
    email: "so@hanoi.gov.vn",
    name: "Sở KH&CN Hà Nội",
    role: "PROVINCE_ADMIN",
    tenantId: "ha-noi",
    unit: { mapId: NEW, code: "01" },
    description: "Sở KH&CN Hà Nội (một tỉnh khác)",
  },
];

interface PlanRow {
  code: string;
  level: number;
  status: Status;
  missing?: number;
}

/** Last year, three-tier map: statuses of Yên Khánh's communes, by GSO code (every step of the workflow). */
const HISTORY_PLAN: PlanRow[] = [
  { code: "14560", level: 4, status: "RECOGNISED" }, // Thị trấn Yên Ninh
  { code: DEMO_COMMUNE_CODE, level: 2, status: "DRAFT", missing: 0.35 },
  { code: "14566", level: 3, status: "SUBMITTED" },
  { code: "14569", level: 3, status: "RETURNED" },
  { code: "14572", level: 2, status: "VERIFIED" },
  { code: "14575", level: 3, status: "APPRAISED" },
  { code: "14578", level: 3, status: "RECOGNISED" },
  { code: "14581", level: 2, status: "RECOGNISED" },
  { code: "14587", level: 1, status: "SUBMITTED" },
  { code: "14590", level: 2, status: "DRAFT", missing: 0.6 },
];

/** Last year, three-tier map: recognised communes of the provinces that merged into the new Ninh Bình. */
const MERGED_HISTORY: { tenantId: string; plan: PlanRow[] }[] = [
  {
    tenantId: "ha-nam",
    plan: [
      { code: "13285", level: 3, status: "RECOGNISED" }, // Phường Quang Trung → Phường Phủ Lý (partial)
      { code: "13294", level: 2, status: "RECOGNISED" }, // Phường Châu Cầu → Phường Phủ Lý
      { code: "13291", level: 4, status: "RECOGNISED" }, // Phường Lê Hồng Phong → Phường Phù Vân
    ],
  },
  { tenantId: "nam-dinh", plan: [{ code: "13657", level: 3, status: "RECOGNISED" }] },
];

/** This year, two-tier map: the new Ninh Bình's communes in every status (codes of the new map). */
const TODAY_PLAN: PlanRow[] = [
  { code: "14560", level: 3, status: "RECOGNISED" }, // Xã Yên Khánh
  { code: DEMO_COMMUNE_CODE, level: 2, status: "DRAFT", missing: 0.35 }, // Xã Khánh Thiện
  { code: "14566", level: 3, status: "SUBMITTED" }, // Phường Đông Hoa Lư
  { code: "13285", level: 3, status: "RETURNED" }, // Phường Phủ Lý
  { code: "14608", level: 2, status: "VERIFIED" }, // Xã Khánh Trung
  { code: "14614", level: 3, status: "APPRAISED" }, // Xã Khánh Hội
  { code: "13291", level: 4, status: "RECOGNISED" }, // Phường Phù Vân
];

async function ensureUsers(platform: Platform, communeMap: string): Promise<Map<string, Viewer>> {
  const prisma = platform.db.prisma;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const viewers = new Map<string, Viewer>();
  for (const u of DEMO_USERS) {
    const mapId = u.onCurrentMap ? communeMap : u.unit?.mapId;
    const unit = u.unit
      ? await prisma.unit.findUnique({ where: { mapId_code: { mapId: mapId!, code: u.unit.code } } })
      : null;
    // An agency's staff come once the demo has added the agency (not in the three-tier fixture); any other
    // unit must be there.
    if (u.unit && !unit) {
      if (u.unit.code === `${DEMO_PROVINCE_CODE}-${DEMO_AGENCY}`) continue;
      throw new Error(`seedDemo: no unit ${u.unit.code} on the map ${mapId} for ${u.email}`);
    }
    const user = await prisma.user.upsert({
      where: { email: u.email },
      create: {
        email: u.email,
        name: u.name,
        passwordHash,
        roles: { create: { role: u.role, tenantId: u.tenantId, unitId: unit?.id ?? null } },
      },
      update: {},
    });
    viewers.set(u.email, {
      kind: "user",
      userId: user.id,
      email: u.email,
      name: u.name,
      grants: [{ role: u.role, tenantId: u.tenantId, unitId: unit?.id ?? null, unitPath: unit?.path ?? null }],
      sessionId: "seed",
      csrfOk: true,
    });
  }
  return viewers;
}

/** The people who act in a round: an editor per unit, whoever verifies, appraises and recognises. */
interface Actors {
  editor: (unit: { id: string; path: string }) => Viewer;
  verifier: Viewer;
  appraiser: Viewer;
  recogniser: Viewer;
}

/** Takes each planned unit of a round to its status through the services, as its people would. */
async function playRound(
  platform: Platform,
  round: { id: string; mapId: string },
  set: TCriteriaSet,
  plan: PlanRow[],
  actors: Actors,
  decisionDate: string,
): Promise<Map<string, number>> {
  const prisma = platform.db.prisma;
  const now = platform.services.now();
  const byStatus = new Map<string, number>();
  for (const row of plan) {
    const unit = await prisma.unit.findUniqueOrThrow({
      where: { mapId_code: { mapId: round.mapId, code: row.code } },
    });
    let a = await prisma.assessment.findFirstOrThrow({
      where: { roundId: round.id, unitId: unit.id },
    });
    const editor = actors.editor(unit);
    const values = valuesAtLevel(set, row.level, seedOf(row.code), row.missing ?? 0);
    a = await registerLevel(prisma, editor, { assessmentId: a.id, version: a.version, level: Math.max(1, row.level) });
    a = await saveValues(platform.db, editor, {
      assessmentId: a.id,
      version: a.version,
      values,
      notes: { "CQS-01": "Số liệu từ Cổng dịch vụ công tỉnh, ngày 30/09." },
    });
    if (row.status !== "DRAFT")
      a = await submitAssessment(prisma, editor, { assessmentId: a.id, version: a.version, now });
    if (row.status === "RETURNED") {
      a = await returnAssessment(prisma, actors.verifier, {
        assessmentId: a.id,
        version: a.version,
        comments: [
          {
            criterionCode: "CQS-02",
            body: "Số hồ sơ trực tuyến toàn trình chưa khớp báo cáo của Trung tâm phục vụ hành chính công; đề nghị rà soát lại.",
          },
          { criterionCode: null, body: "Bổ sung minh chứng cho các tiêu chí nhóm Xã hội số." },
        ],
      });
    }
    if (["VERIFIED", "APPRAISED", "RECOGNISED"].includes(row.status))
      a = await verifyAssessment(prisma, actors.verifier, { assessmentId: a.id, version: a.version });
    if (["APPRAISED", "RECOGNISED"].includes(row.status))
      a = await appraiseAssessment(prisma, actors.appraiser, { assessmentId: a.id, version: a.version });
    if (row.status === "RECOGNISED") {
      await recogniseAssessment(prisma, actors.recogniser, {
        assessmentId: a.id,
        version: a.version,
        decisionNumber: `${300 + (Number(row.code) % 100)}/QĐ-UBND`,
        decisionDate,
        now,
      });
    }
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
  }
  return byStatus;
}

/** A seed-only viewer holding one role on one unit (the people of a unit or province who have no login in the demo). */
function actor(base: Viewer, role: Role, tenantId: string, unit: { id: string; path: string } | null): Viewer {
  const b = base as Extract<Viewer, { kind: "user" }>;
  return { ...b, grants: [{ role, tenantId, unitId: unit?.id ?? null, unitPath: unit?.path ?? null }] };
}

/**
 * `layout: "today"` (the default, what a new user sees): last year's history on the three-tier map and this
 * year's round on the two-tier map. `layout: "three-tier-fixture"`: the test suites' fixture, the three-tier
 * plan only, in the current year, with the commune editor on old Xã Khánh Thiện (the suites written before
 * the reform exercise the level-above chain on it; the two-tier chain has its own tests).
 */
export async function seedDemo(
  platform: Platform,
  opts: { year?: number; layout?: "today" | "three-tier-fixture" } = {},
): Promise<{ created: boolean; summary: string }> {
  const prisma = platform.db.prisma;
  if (await prisma.round.findFirst({ where: { tenantId: DEMO_TENANT } })) return { created: false, summary: "" };
  const now = platform.services.now();
  const fixture = opts.layout === "three-tier-fixture";
  const year = opts.year ?? now.getUTCFullYear();
  const lastYear = fixture ? year : year - 1;
  // Decisions are dated on a plausible day of their year, never after today.
  const today = vietnamToday(now);
  const dated = (y: number, mmdd: string) => (`${y}-${mmdd}` < today ? `${y}-${mmdd}` : today);
  const v = await ensureUsers(platform, fixture ? OLD : NEW);
  const so = v.get("so@ninhbinh.gov.vn")!;
  const unitOf = (mapId: string, code: string) =>
    prisma.unit.findUniqueOrThrow({ where: { mapId_code: { mapId, code } } });

  // The provincial commune set: national v1.0 with a stricter CQS-02 and a local criterion.
  const draft = await cloneVersion(prisma, so, {
    sourceVersionId: versionId("vn-2361-commune", "1.0"),
    tenantId: DEMO_TENANT,
  });
  const doc = documentOf(draft);
  const changed: TCriteriaSet = {
    ...doc,
    title: "Bộ tiêu chí đánh giá mức độ chuyển đổi số cấp xã tỉnh Ninh Bình",
    criteria: [
      ...doc.criteria.map((c) =>
        c.code === "CQS-02" && c.measure === "percentage" ? { ...c, targets: [30, 40, 60, 80, 90] } : c,
      ),
    ],
  };
  const insertAt = changed.criteria.findIndex((c) => c.code === "KTS-01");
  changed.criteria.splice(insertAt, 0, {
    code: "CQS-25",
    group: "CQS",
    name: "Tỷ lệ thôn, tổ dân phố có tổ công nghệ số cộng đồng hoạt động thường xuyên",
    unit: "%",
    subject: "thôn, tổ dân phố",
    measure: "percentage",
    targets: [null, 50, 70, 90, 100],
    method:
      "Số thôn, tổ dân phố có tổ công nghệ số cộng đồng hoạt động thường xuyên trên tổng số thôn, tổ dân phố của xã.",
    legalBasis: ["Thực tế tại địa phương."],
    local: true,
    exemptWhenNoSubjects: false,
  });
  const updated = await updateDraft(prisma, so, { versionId: draft.id, document: changed, revision: draft.revision });
  const published = await publishVersion(prisma, so, {
    versionId: updated.id,
    decisionNumber: "215/QĐ-UBND",
    decisionDate: dated(lastYear, "02-14"),
    now,
  });
  const set = documentOf(published);

  // Last year on the three-tier map: old Ninh Bình's rounds, the level above reviewing.
  const historyRound = await openRound(prisma, so, {
    tenantId: DEMO_TENANT,
    year: lastYear,
    mapId: OLD,
    setVersionId: published.id,
    submitDueAt: `${lastYear}-10-31`,
    reviewDueAt: `${lastYear}-12-15`,
  });
  await openRound(prisma, so, {
    tenantId: DEMO_TENANT,
    year: lastYear,
    mapId: OLD,
    setVersionId: versionId("vn-2361-district", "1.0"),
    submitDueAt: `${lastYear}-11-15`,
    reviewDueAt: `${lastYear}-12-20`,
  });
  const yenKhanh = await unitOf(OLD, DEMO_DISTRICT_CODE);
  const history = await playRound(
    platform,
    historyRound,
    set,
    HISTORY_PLAN,
    {
      editor: (u) => actor(so, "UNIT_EDITOR", DEMO_TENANT, u),
      verifier: v.get("phong.yenkhanh@ninhbinh.gov.vn")!,
      appraiser: v.get("thamdinh.yenkhanh@ninhbinh.gov.vn")!,
      recogniser: v.get("phong.yenkhanh@ninhbinh.gov.vn")!,
    },
    dated(lastYear, "11-20"),
  );

  if (fixture) {
    const text = [...history].map(([st, n]) => `${n} ${st}`).join(", ");
    return { created: true, summary: `Ninh Bình ${year} (bản đồ 3 cấp, dữ liệu kiểm thử): ${yenKhanh.name}: ${text}` };
  }

  // Last year in the provinces that merged into the new Ninh Bình: the national set, recognised communes.
  const national = documentOf(
    await prisma.criteriaSetVersion.findUniqueOrThrow({ where: { id: versionId("vn-2361-commune", "1.0") } }),
  );
  for (const m of MERGED_HISTORY) {
    const province = await prisma.tenant.findUniqueOrThrow({ where: { id: m.tenantId } });
    const provinceUnit = await prisma.unit.findUniqueOrThrow({ where: { id: province.unitId! } });
    const sở = actor(so, "PROVINCE_ADMIN", m.tenantId, provinceUnit);
    const round = await openRound(prisma, sở, {
      tenantId: m.tenantId,
      year: lastYear,
      mapId: OLD,
      setVersionId: versionId("vn-2361-commune", "1.0"),
      submitDueAt: `${lastYear}-10-31`,
      reviewDueAt: `${lastYear}-12-15`,
    });
    const districtOf = async (code: string) =>
      prisma.unit.findUniqueOrThrow({ where: { id: (await unitOf(OLD, code)).parentId! } });
    for (const row of m.plan) {
      const district = await districtOf(row.code);
      await playRound(
        platform,
        round,
        national,
        [row],
        {
          editor: (u) => actor(so, "UNIT_EDITOR", m.tenantId, u),
          verifier: actor(so, "DISTRICT_OFFICER", m.tenantId, district),
          appraiser: actor(so, "APPRAISER", m.tenantId, district),
          recogniser: actor(so, "DISTRICT_OFFICER", m.tenantId, district),
        },
        dated(lastYear, "11-25"),
      );
    }
  }

  // This year on the two-tier map: the new Ninh Bình, the province's chain.
  const todayRound = await openRound(prisma, so, {
    tenantId: DEMO_TENANT,
    year,
    mapId: NEW,
    setVersionId: published.id,
    submitDueAt: `${year}-10-31`,
    reviewDueAt: `${year}-12-15`,
  });
  const current = await playRound(
    platform,
    todayRound,
    set,
    TODAY_PLAN,
    {
      editor: (u) => actor(so, "UNIT_EDITOR", DEMO_TENANT, u),
      verifier: so,
      appraiser: v.get("thamdinh@ninhbinh.gov.vn")!,
      recogniser: v.get("lanhdao@ninhbinh.gov.vn")!,
    },
    dated(year, "11-20"),
  );

  // The scored indices beside the level rounds (communes, agencies, the ministry's provincial DTI).
  const scored = await seedScoredDemo(platform, {
    year,
    tenantId: DEMO_TENANT,
    so,
    appraiser: v.get("thamdinh@ninhbinh.gov.vn")!,
    leader: v.get("lanhdao@ninhbinh.gov.vn")!,
    ministry: v.get("bo@cds.gov.vn")!,
    demoCommuneCode: DEMO_COMMUNE_CODE,
    dated,
  });
  await ensureUsers(platform, NEW);

  const text = (m: Map<string, number>) => [...m].map(([st, n]) => `${n} ${st}`).join(", ");
  await prisma.auditEvent.create({
    data: {
      actorKind: "system",
      action: "seed.demo",
      entityType: "Tenant",
      entityId: DEMO_TENANT,
      tenantId: DEMO_TENANT,
      after: { year, lastYear, today: text(current), history: text(history) },
    },
  });
  return {
    created: true,
    summary:
      `Ninh Bình ${year} (bản đồ 2 cấp): bộ tiêu chí cấp xã ${published.version} (${published.decisionNumber}); ` +
      `hồ sơ cấp xã: ${text(current)}. Lịch sử ${lastYear} (bản đồ 3 cấp): ${yenKhanh.name}: ${text(history)}; ` +
      `Hà Nam, Nam Định: xã đã công nhận. Chấm điểm: ${scored}.`,
  };
}
