/**
 * The signed scan of a recognition decision (bản quét quyết định đã ký): whoever recognises a round's units (or the
 * province's Sở) uploads the signed PDF or image for a decision number the round's recognitions carry; it is then
 * attached to those recognitions and public, as they are. A new upload for the same decision replaces the file
 * (both audited).
 */
import { InputError, NotFoundError, type FieldIssue } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { can, requireWriter, reviewChainOf, unitRef, type Viewer } from "./access.ts";
import { audit } from "./audit.ts";
import { checkEvidenceFile, storedFile } from "./evidence.ts";
import { parseDecisionNumber } from "./input.ts";
import type { EvidenceStore } from "./evidence-store.ts";

/** A signed decision is a PDF or a scanned image. */
const SCAN_TYPES = ["application/pdf", "image/png", "image/jpeg"];

export async function uploadDecisionScan(
  prisma: PrismaClient,
  viewer: Viewer,
  store: EvidenceStore,
  input: { roundId: string; decisionNumber: string; file: File },
) {
  const user = requireWriter(viewer);
  const round = await prisma.round.findFirst({ where: { id: input.roundId } });
  if (!round || !can.readTenant(viewer, round.tenantId)) throw new NotFoundError("đợt đánh giá", input.roundId);
  const issues: FieldIssue[] = [];
  // Read as the recognition stored it (recogniseAssessment's rule), so a blank number is asked for, not looked up.
  const decisionNumber = parseDecisionNumber(
    "decisionNumber",
    input.decisionNumber,
    issues,
    "Nhập số quyết định công nhận",
    "Enter the recognition decision number",
  );
  const recognised =
    issues.length > 0
      ? []
      : await prisma.assessment.findMany({
          where: { roundId: round.id, status: "RECOGNISED", recognitionDecision: decisionNumber },
          select: { unit: { select: { id: true, path: true, tenantId: true, parentId: true } } },
        });
  if (issues.length === 0 && recognised.length === 0)
    issues.push({
      field: "decisionNumber",
      message: `không có hồ sơ nào của đợt được công nhận theo quyết định "${decisionNumber}"`,
      messageEn: `no recognition of this round carries decision "${decisionNumber}"`,
    });
  const chain = reviewChainOf(round);
  const mayUpload =
    can.runProvince(viewer, round.tenantId) ||
    (recognised.length > 0 && recognised.every((a) => can.recogniseUnit(viewer, unitRef(a), chain)));
  if (recognised.length > 0 && !mayUpload)
    throw new InputError([
      {
        field: "decisionNumber",
        message: "chỉ cấp công nhận các đơn vị của quyết định này (hoặc Sở) mới tải được bản quét",
        messageEn: "only whoever recognised this decision's units (or the province) may upload its scan",
      },
    ]);
  const file = await checkEvidenceFile(input.file, issues);
  if (file && !SCAN_TYPES.includes(file.mimeType))
    issues.push({
      field: "file",
      message: "bản quét quyết định phải là PDF, PNG hoặc JPEG",
      messageEn: "a decision scan is a PDF, PNG or JPEG",
    });
  if (issues.length > 0 || !file) throw new InputError(issues);
  const stored = await store.put(file.bytes);
  const fields = storedFile(file, stored, user.userId);
  return prisma.$transaction(async (tx) => {
    const key = { tenantId: round.tenantId, roundId: round.id, decisionNumber };
    const before = await tx.decisionScan.findUnique({ where: { tenantId_roundId_decisionNumber: key } });
    const scan = await tx.decisionScan.upsert({
      where: { tenantId_roundId_decisionNumber: key },
      create: { ...key, ...fields },
      update: fields,
    });
    await audit(tx, viewer, {
      action: "round.uploadDecisionScan",
      entityType: "Round",
      entityId: round.id,
      tenantId: round.tenantId,
      before: before ? { decisionNumber, fileName: before.fileName, sha256: before.sha256 } : null,
      after: {
        decisionNumber,
        fileName: scan.fileName,
        size: scan.size,
        sha256: scan.sha256,
        units: recognised.length,
      },
    });
    return scan;
  });
}

/** The scan of the decision that recognised an assessment, if any (public, as the recognition is). */
export function scanOfRecognition(
  prisma: PrismaClient,
  a: { tenantId: string; roundId: string; status: string; recognitionDecision: string | null },
) {
  if (a.status !== "RECOGNISED" || !a.recognitionDecision) return null;
  return prisma.decisionScan.findFirst({
    where: { tenantId: a.tenantId, roundId: a.roundId, decisionNumber: a.recognitionDecision },
  });
}
