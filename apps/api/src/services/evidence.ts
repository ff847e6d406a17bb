/** Evidence files (minh chứng) of an assessment: upload, replace, delete while the unit may still edit. */
import { rowKey } from "./tenant-keys.ts";
import { fileTypeFromBuffer } from "file-type";
import { InputError, NotFoundError, type FieldIssue } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { requireWriter, type Viewer } from "./access.ts";
import { audit } from "./audit.ts";
import type { EvidenceStore } from "./evidence-store.ts";
import { requireAction } from "./assessment-rules.ts";
import { assessmentEvent, loadForAction, readableAssessment } from "./assessment-store.ts";
import { pinnedSet } from "./sets.ts";

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
export async function checkEvidenceFile(file: File, issues: FieldIssue[]): Promise<CheckedEvidence | null> {
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

/** An evidence row's file fields: the checked file, where the store put it, who uploaded it. */
export const storedFile = (file: CheckedEvidence, stored: { sha256: string; key: string }, uploadedById: string) => ({
  fileName: file.fileName,
  mimeType: file.mimeType,
  size: file.bytes.byteLength,
  sha256: stored.sha256,
  storageKey: stored.key,
  uploadedById,
});

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
  const { user, a } = await loadForAction(prisma, viewer, input.assessmentId, "uploadEvidence");
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
        tenantId: a.tenantId,
        assessmentId: a.id,
        criterionCode: input.criterionCode,
        ...storedFile(file, stored, user.userId),
      },
    });
    await audit(tx, viewer, {
      ...assessmentEvent(a, "assessment.uploadEvidence"),
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
  const ev = await prisma.evidence.findFirst({ where: { id: evidenceId }, select: { assessmentId: true } });
  if (!ev) throw new NotFoundError("minh chứng", evidenceId);
  // Someone who may not even read the assessment learns nothing about the file.
  const a = await readableAssessment(prisma, viewer, ev.assessmentId).catch((e: unknown) => {
    throw e instanceof NotFoundError ? new NotFoundError("minh chứng", evidenceId) : e;
  });
  requireAction(viewer, a, action);
  return { a, ev: await prisma.evidence.findFirstOrThrow({ where: { id: evidenceId } }) };
}

/** Removes an evidence file from an assessment still being entered (the bytes stay, by their hash, for the audit trail). */
export async function deleteEvidence(prisma: PrismaClient, viewer: Viewer, input: { evidenceId: string }) {
  const { a, ev } = await editableEvidence(prisma, viewer, input.evidenceId, "deleteEvidence");
  return prisma.$transaction(async (tx) => {
    await tx.evidence.delete({ where: rowKey(ev) });
    await audit(tx, viewer, {
      ...assessmentEvent(a, "assessment.deleteEvidence"),
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
      where: rowKey(ev),
      data: { ...storedFile(file, stored, user.userId), createdAt: new Date() },
    });
    await audit(tx, viewer, {
      ...assessmentEvent(a, "assessment.replaceEvidence"),
      before: evidenceAudit(ev),
      after: evidenceAudit(next),
    });
    return next;
  });
}
