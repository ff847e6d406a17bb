/**
 * The demo province, Ninh Bình: a provincial commune set cloned from national
 * v1.0 with real changes (a stricter CQS-02, a local criterion CQS-25),
 * published; rounds for the current year; assessments of Huyện Yên Khánh's
 * communes in every status; and a user for every role. Everything goes
 * through the same services as the API, so rules and audit events apply.
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
import { unitId, versionId } from "./base.ts";
import { seedOf, valuesAtLevel } from "./values.ts";
import { vietnamToday } from "@cds/calendar";

export const DEMO_PASSWORD = "demo1234";
export const DEMO_TENANT = "ninh-binh";
export const DEMO_PROVINCE_CODE = "37";
export const DEMO_DISTRICT_CODE = "375"; // Huyện Yên Khánh
export const DEMO_COMMUNE_CODE = "14563"; // Xã Khánh Thiện — the portal's demo unit, left in DRAFT

type Role = Grant["role"];

export const DEMO_USERS: {
  email: string;
  name: string;
  role: Role;
  tenantId: string;
  unitCode: string | null;
  description: string;
}[] = [
  {
    email: "bo@cds.gov.vn",
    name: "Cục Chuyển đổi số quốc gia",
    role: "MINISTRY_ADMIN",
    tenantId: "vn",
    unitCode: null,
    description: "Bộ (Cục CĐS quốc gia): khung quốc gia, tổng hợp toàn quốc",
  },
  {
    email: "so@ninhbinh.gov.vn",
    name: "Sở TT&TT Ninh Bình",
    role: "PROVINCE_ADMIN",
    tenantId: DEMO_TENANT,
    unitCode: DEMO_PROVINCE_CODE,
    description: "Sở TT&TT Ninh Bình: bộ tiêu chí, đợt đánh giá, công nhận cấp huyện",
  },
  {
    email: "thamdinh@ninhbinh.gov.vn",
    name: "Hội đồng thẩm định tỉnh",
    role: "APPRAISER",
    tenantId: DEMO_TENANT,
    unitCode: DEMO_PROVINCE_CODE,
    description: "Hội đồng thẩm định cấp tỉnh (hồ sơ cấp huyện)",
  },
  {
    email: "phong.yenkhanh@ninhbinh.gov.vn",
    name: "Phòng VH&TT Yên Khánh",
    role: "DISTRICT_OFFICER",
    tenantId: DEMO_TENANT,
    unitCode: DEMO_DISTRICT_CODE,
    description: "Phòng VH&TT huyện Yên Khánh: xác minh, trả lại, công nhận cấp xã",
  },
  {
    email: "thamdinh.yenkhanh@ninhbinh.gov.vn",
    name: "Hội đồng thẩm định huyện Yên Khánh",
    role: "APPRAISER",
    tenantId: DEMO_TENANT,
    unitCode: DEMO_DISTRICT_CODE,
    description: "Hội đồng thẩm định huyện Yên Khánh (hồ sơ cấp xã)",
  },
  {
    email: "huyen.yenkhanh@ninhbinh.gov.vn",
    name: "UBND huyện Yên Khánh",
    role: "UNIT_EDITOR",
    tenantId: DEMO_TENANT,
    unitCode: DEMO_DISTRICT_CODE,
    description: "Cán bộ huyện Yên Khánh: tự đánh giá cấp huyện",
  },
  {
    email: "xa.khanhthien@ninhbinh.gov.vn",
    name: "UBND xã Khánh Thiện",
    role: "UNIT_EDITOR",
    tenantId: DEMO_TENANT,
    unitCode: DEMO_COMMUNE_CODE,
    description: "Cán bộ xã Khánh Thiện: nhập số liệu, nộp hồ sơ",
  },
  {
    email: "xem@ninhbinh.gov.vn",
    name: "Người xem Ninh Bình",
    role: "VIEWER",
    tenantId: DEMO_TENANT,
    unitCode: DEMO_PROVINCE_CODE,
    description: "Chỉ xem số liệu của tỉnh",
  },
  {
    email: "so@hanoi.gov.vn",
    name: "Sở TT&TT Hà Nội",
    role: "PROVINCE_ADMIN",
    tenantId: "ha-noi",
    unitCode: "01",
    description: "Sở TT&TT Hà Nội (một tỉnh khác)",
  },
];

/** Statuses of Yên Khánh's communes, by GSO code: every step of the workflow is represented. */
const COMMUNE_PLAN: {
  code: string;
  level: number;
  status: "DRAFT" | "SUBMITTED" | "RETURNED" | "VERIFIED" | "APPRAISED" | "RECOGNISED";
  missing?: number;
}[] = [
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

async function ensureUsers(platform: Platform): Promise<Map<string, Viewer>> {
  const prisma = platform.db.prisma;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const viewers = new Map<string, Viewer>();
  for (const u of DEMO_USERS) {
    const unit = u.unitCode ? await prisma.unit.findUniqueOrThrow({ where: { code: u.unitCode } }) : null;
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

export async function seedDemo(
  platform: Platform,
  opts: { year?: number } = {},
): Promise<{ created: boolean; summary: string }> {
  const prisma = platform.db.prisma;
  if (await prisma.round.findFirst({ where: { tenantId: DEMO_TENANT } })) return { created: false, summary: "" };
  const now = platform.services.now();
  const year = opts.year ?? now.getUTCFullYear();
  // Decisions are dated on a plausible day of the year, never after today.
  const today = vietnamToday(now);
  const dated = (mmdd: string) => (`${year}-${mmdd}` < today ? `${year}-${mmdd}` : today);
  const v = await ensureUsers(platform);
  const so = v.get("so@ninhbinh.gov.vn")!;
  const officer = v.get("phong.yenkhanh@ninhbinh.gov.vn")!;
  const appraiser = v.get("thamdinh.yenkhanh@ninhbinh.gov.vn")!;
  const communeEditor = (code: string): Viewer => {
    const base = v.get("xa.khanhthien@ninhbinh.gov.vn") as Extract<Viewer, { kind: "user" }>;
    return {
      ...base,
      grants: [
        {
          role: "UNIT_EDITOR",
          tenantId: DEMO_TENANT,
          unitId: unitId(code),
          unitPath: `${DEMO_PROVINCE_CODE}/${DEMO_DISTRICT_CODE}/${code}`,
        },
      ],
    };
  };

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
    decisionDate: dated("02-14"),
    now,
  });
  const set = documentOf(published);

  const communeRound = await openRound(prisma, so, {
    tenantId: DEMO_TENANT,
    year,
    setVersionId: published.id,
    submitDueAt: `${year}-10-31`,
    reviewDueAt: `${year}-12-15`,
  });
  await openRound(prisma, so, {
    tenantId: DEMO_TENANT,
    year,
    setVersionId: versionId("vn-2361-district", "1.0"),
    submitDueAt: `${year}-11-15`,
    reviewDueAt: `${year}-12-20`,
  });

  const byStatus = new Map<string, number>();
  for (const plan of COMMUNE_PLAN) {
    let a = await prisma.assessment.findUniqueOrThrow({
      where: { roundId_unitId: { roundId: communeRound.id, unitId: unitId(plan.code) } },
    });
    const editor = communeEditor(plan.code);
    const values = valuesAtLevel(set, plan.level, seedOf(plan.code), plan.missing ?? 0);
    a = await registerLevel(prisma, editor, { assessmentId: a.id, version: a.version, level: Math.max(1, plan.level) });
    a = await saveValues(prisma, editor, {
      assessmentId: a.id,
      version: a.version,
      values,
      notes: { "CQS-01": "Số liệu từ Cổng dịch vụ công tỉnh, ngày 30/09." },
    });
    if (plan.status !== "DRAFT")
      a = await submitAssessment(prisma, editor, { assessmentId: a.id, version: a.version, now });
    if (plan.status === "RETURNED") {
      a = await returnAssessment(prisma, officer, {
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
    if (["VERIFIED", "APPRAISED", "RECOGNISED"].includes(plan.status))
      a = await verifyAssessment(prisma, officer, { assessmentId: a.id, version: a.version });
    if (["APPRAISED", "RECOGNISED"].includes(plan.status))
      a = await appraiseAssessment(prisma, appraiser, { assessmentId: a.id, version: a.version });
    if (plan.status === "RECOGNISED") {
      await recogniseAssessment(prisma, officer, {
        assessmentId: a.id,
        version: a.version,
        decisionNumber: `${300 + (Number(plan.code) % 100)}/QĐ-UBND`,
        decisionDate: dated("11-20"),
        now,
      });
    }
    byStatus.set(plan.status, (byStatus.get(plan.status) ?? 0) + 1);
  }
  const summary = [...byStatus].map(([s, n]) => `${n} ${s}`).join(", ");
  await prisma.auditEvent.create({
    data: {
      actorKind: "system",
      action: "seed.demo",
      entityType: "Tenant",
      entityId: DEMO_TENANT,
      tenantId: DEMO_TENANT,
      after: { year, summary },
    },
  });
  return {
    created: true,
    summary: `Ninh Bình ${year}: bộ tiêu chí cấp xã ${published.version} (${published.decisionNumber}); hồ sơ xã Yên Khánh: ${summary}`,
  };
}
