/** Rounds (đợt đánh giá), evidence files, the province's yearly report, API keys. */
import { fileTypeFromBuffer } from "file-type";
import { InputError, NotFoundError, WorkflowError, type FieldIssue } from "../errors.ts";
import type { PrismaClient, Round } from "../generated/prisma/client.ts";
import { can, ensure, requireWriter, type Viewer } from "./access.ts";
import { audit } from "./audit.ts";
import { newApiKey } from "./auth.ts";
import type { EvidenceStore } from "./evidence-store.ts";
import { readableAssessment, requireAction } from "./assessments.ts";
import { documentOf, pinnedSet } from "./sets.ts";
import { parseIsoDate } from "./input.ts";

export interface OpenRoundInput {
  tenantId: string;
  year: number;
  setVersionId: string;
  name?: string | null;
  submitDueAt: string;
  reviewDueAt: string;
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
  if (!Number.isInteger(input.year) || input.year < 2024 || input.year > 2100) {
    issues.push({ field: "year", message: "năm không hợp lệ", messageEn: "invalid year" });
  }
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
  } else if (version.set.tenantId !== input.tenantId && version.set.tenantId !== "vn") {
    issues.push({ field: "setVersionId", message: "bộ tiêu chí của tỉnh khác", messageEn: "another province's set" });
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
          submitDueAt: submitDue!,
          reviewDueAt: reviewDue!,
        },
      });
      const units = await tx.unit.findMany({
        where: { tenantId: input.tenantId, kindCode: unitKind },
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
        after: { year: input.year, unitKind, setVersionId: version!.id, assessments: units.length },
      });
      return round;
    },
    { timeout: 60_000 },
  );
}

/** Accepted evidence types, by the MIME type detected from the bytes (never the name or the client's type). */
export const EVIDENCE_TYPES: Record<string, string> = {
  "application/pdf": "PDF",
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
  "application/msword": "DOC",
  "application/vnd.ms-excel": "XLS",
};
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Legacy Word and Excel files are OLE compound files (file-type says `cfb`); their name tells which. */
const CFB_BY_EXTENSION: Record<string, string> = { doc: "application/msword", xls: "application/vnd.ms-excel" };

interface CheckedEvidence {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}

/** Reads an uploaded file and judges its type from its content; refuses (naming `file`) what is not accepted. */
async function checkEvidenceFile(file: File, issues: FieldIssue[]): Promise<CheckedEvidence | null> {
  const fileName = file.name.replace(/[\\/\0]/g, "_").slice(0, 200) || "minh-chung";
  if (file.size > EVIDENCE_MAX_BYTES)
    issues.push({ field: "file", message: "tệp lớn hơn 10 MB", messageEn: "file larger than 10 MB" });
  if (file.size === 0) issues.push({ field: "file", message: "tệp rỗng", messageEn: "empty file" });
  if (issues.some((i) => i.field === "file")) return null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  const extension = fileName.split(".").pop()?.toLowerCase() ?? "";
  const mimeType = detected?.ext === "cfb" ? CFB_BY_EXTENSION[extension] : detected?.mime;
  if (!mimeType || !EVIDENCE_TYPES[mimeType]) {
    const accepted = Object.values(EVIDENCE_TYPES).join(", ");
    const what = detected ? `${detected.ext.toUpperCase()} (${detected.mime})` : null;
    issues.push({
      field: "file",
      message: `nội dung tệp "${fileName}" thực chất là ${what ?? "loại không nhận ra được"}, không phải loại được chấp nhận (${accepted})`,
      messageEn: `the content of "${fileName}" is really ${what ?? "of an unrecognised type"}, not an accepted type (${accepted})`,
    });
    return null;
  }
  return { bytes, fileName, mimeType };
}

const evidenceAudit = (ev: {
  id: string;
  criterionCode: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
}) => ({
  evidenceId: ev.id,
  criterionCode: ev.criterionCode,
  fileName: ev.fileName,
  mimeType: ev.mimeType,
  size: ev.size,
  sha256: ev.sha256,
});

export async function uploadEvidence(
  prisma: PrismaClient,
  viewer: Viewer,
  store: EvidenceStore,
  input: { assessmentId: string; criterionCode: string; file: File },
) {
  const user = requireWriter(viewer);
  const a = await readableAssessment(prisma, viewer, input.assessmentId);
  requireAction(viewer, a, "uploadEvidence");
  const issues: FieldIssue[] = [];
  if (!(await pinnedSet(prisma, a.setVersionId)).criteria.some((c) => c.code === input.criterionCode)) {
    issues.push({
      field: "criterionCode",
      message: `không có tiêu chí ${input.criterionCode}`,
      messageEn: `no criterion ${input.criterionCode}`,
    });
  }
  const file = await checkEvidenceFile(input.file, issues);
  if (issues.length > 0 || !file) throw new InputError(issues);
  const stored = await store.put(file.bytes);
  return prisma.$transaction(async (tx) => {
    const ev = await tx.evidence.create({
      data: {
        assessmentId: a.id,
        criterionCode: input.criterionCode,
        fileName: file.fileName,
        mimeType: file.mimeType,
        size: file.bytes.byteLength,
        sha256: stored.sha256,
        storageKey: stored.key,
        uploadedById: user.userId,
      },
    });
    await audit(tx, viewer, {
      action: "assessment.uploadEvidence",
      entityType: "Assessment",
      entityId: a.id,
      tenantId: a.unit.tenantId,
      after: evidenceAudit(ev),
    });
    return ev;
  });
}

/** The evidence row and its assessment, if the viewer may take `action` on it now (else NotFound / Forbidden / Workflow). */
async function editableEvidence(
  prisma: PrismaClient,
  viewer: Viewer,
  evidenceId: string,
  action: "deleteEvidence" | "replaceEvidence",
) {
  requireWriter(viewer);
  const ev = await prisma.evidence.findUnique({ where: { id: evidenceId }, select: { assessmentId: true } });
  if (!ev) throw new NotFoundError("minh chứng", evidenceId);
  // Someone who may not even read the assessment learns nothing about the file.
  const a = await readableAssessment(prisma, viewer, ev.assessmentId).catch((e: unknown) => {
    throw e instanceof NotFoundError ? new NotFoundError("minh chứng", evidenceId) : e;
  });
  requireAction(viewer, a, action);
  return { a, ev: await prisma.evidence.findUniqueOrThrow({ where: { id: evidenceId } }) };
}

/** Removes an evidence file from an assessment still being entered (the bytes stay, by their hash, for the audit trail). */
export async function deleteEvidence(prisma: PrismaClient, viewer: Viewer, input: { evidenceId: string }) {
  const { a, ev } = await editableEvidence(prisma, viewer, input.evidenceId, "deleteEvidence");
  return prisma.$transaction(async (tx) => {
    await tx.evidence.delete({ where: { id: ev.id } });
    await audit(tx, viewer, {
      action: "assessment.deleteEvidence",
      entityType: "Assessment",
      entityId: a.id,
      tenantId: a.unit.tenantId,
      before: evidenceAudit(ev),
    });
    return ev;
  });
}

/** Puts a new file in place of an evidence file (same id and criterion) while the assessment is still being entered. */
export async function replaceEvidence(
  prisma: PrismaClient,
  viewer: Viewer,
  store: EvidenceStore,
  input: { evidenceId: string; file: File },
) {
  const user = requireWriter(viewer);
  const { a, ev } = await editableEvidence(prisma, viewer, input.evidenceId, "replaceEvidence");
  const issues: FieldIssue[] = [];
  const file = await checkEvidenceFile(input.file, issues);
  if (!file) throw new InputError(issues);
  const stored = await store.put(file.bytes);
  return prisma.$transaction(async (tx) => {
    const next = await tx.evidence.update({
      where: { id: ev.id },
      data: {
        fileName: file.fileName,
        mimeType: file.mimeType,
        size: file.bytes.byteLength,
        sha256: stored.sha256,
        storageKey: stored.key,
        uploadedById: user.userId,
        createdAt: new Date(),
      },
    });
    await audit(tx, viewer, {
      action: "assessment.replaceEvidence",
      entityType: "Assessment",
      entityId: a.id,
      tenantId: a.unit.tenantId,
      before: evidenceAudit(ev),
      after: evidenceAudit(next),
    });
    return next;
  });
}

/** The report deadline: before 25 December of the year, Vietnam time (UTC+7). */
export function reportDeadline(year: number): Date {
  return new Date(Date.UTC(year, 11, 24, 17, 0, 0));
}

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
  const existing = await prisma.provinceReport.findUnique({
    where: { tenantId_year: { tenantId: input.tenantId, year: input.year } },
  });
  if (existing)
    throw new WorkflowError(`Đã gửi báo cáo năm ${input.year}`, `The ${input.year} report was already submitted`);
  const rounds = await prisma.round.findMany({ where: { tenantId: input.tenantId, year: input.year } });
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
    const byLevel = new Array<number>(n + 1).fill(0);
    let units = 0;
    let recognised = 0;
    for (const row of rows) {
      units += row._count;
      if (row.status === "RECOGNISED") {
        recognised += row._count;
        byLevel[row.recognisedLevel ?? 0]! += row._count;
      }
    }
    summary[r.unitKind] = {
      roundId: r.id,
      setVersionId: r.setVersionId,
      units,
      recognised,
      recognisedByLevel: byLevel,
    };
  }
  const onTime = input.now < reportDeadline(input.year);
  return prisma.$transaction(async (tx) => {
    const report = await tx.provinceReport.create({
      data: {
        tenantId: input.tenantId,
        year: input.year,
        submittedAt: input.now,
        onTime,
        summary: summary as object,
        submittedById: user.userId,
      },
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

export async function createApiKey(prisma: PrismaClient, viewer: Viewer, input: { tenantId: string; name: string }) {
  const user = requireWriter(viewer);
  ensure(can.manageApiKeys(viewer, input.tenantId), "Bạn không có quyền cấp khoá API", "You may not issue API keys");
  const name = input.name.trim();
  if (name.length < 2 || name.length > 120)
    throw InputError.field("name", "Tên khoá từ 2 đến 120 ký tự", "Name: 2 to 120 characters");
  const k = newApiKey();
  return prisma.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { name, prefix: k.prefix, hash: k.hash, tenantId: input.tenantId, createdById: user.userId },
    });
    await audit(tx, viewer, {
      action: "apiKey.create",
      entityType: "ApiKey",
      entityId: row.id,
      tenantId: input.tenantId,
      after: { name, prefix: k.prefix },
    });
    return { apiKey: row, key: k.key };
  });
}

export async function revokeApiKey(prisma: PrismaClient, viewer: Viewer, input: { id: string; now: Date }) {
  requireWriter(viewer);
  const key = await prisma.apiKey.findUnique({ where: { id: input.id } });
  if (!key || !can.manageApiKeys(viewer, key.tenantId)) throw new NotFoundError("khoá API", input.id);
  if (key.revokedAt) return key;
  return prisma.$transaction(async (tx) => {
    const row = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: input.now } });
    await audit(tx, viewer, {
      action: "apiKey.revoke",
      entityType: "ApiKey",
      entityId: key.id,
      tenantId: key.tenantId,
      before: { revokedAt: null },
      after: { revokedAt: input.now },
    });
    return row;
  });
}
