/**
 * Criteria sets and their versions: clone, edit a draft, publish. Documents
 * are validated by criteria-schema only; a published version is immutable
 * (and the database enforces it too).
 */
import {
  isScored,
  validateCriteriaSet,
  type SetIssue,
  type TCriteriaSet,
  type UnitKindInfo,
} from "@cds/criteria-schema";
import { parseDecision } from "./input.ts";
import {
  ConflictError,
  InputError,
  InvalidSetError,
  NotFoundError,
  WorkflowError,
  isImmutableViolation,
} from "../errors.ts";
import type { CriteriaSetVersion, Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { can, ensure, isPublicVersion, requireWriter, type Viewer } from "./access.ts";
import { audit } from "./audit.ts";
import { notifySetPublished, wakeOutbox } from "./notifications.ts";
import { unitKindNamer } from "./units.ts";

export async function unitKindRegistry(prisma: PrismaClient | Prisma.TransactionClient): Promise<UnitKindInfo[]> {
  const kinds = await prisma.unitKind.findMany({ select: { code: true, children: { select: { code: true } } } });
  return kinds.map((k) => ({ code: k.code, childKinds: k.children.map((c) => c.code) }));
}

/** A stored version's document as a set. Published documents were validated when published. */
export function documentOf(v: Pick<CriteriaSetVersion, "document">): TCriteriaSet {
  return v.document as unknown as TCriteriaSet;
}

const pinned = new Map<string, TCriteriaSet>();

/**
 * The document of a published (or archived) version, cached by id: published
 * versions never change (the database enforces it), so it is read once per process.
 */
export async function pinnedSet(db: PrismaClient | Prisma.TransactionClient, versionId: string): Promise<TCriteriaSet> {
  const hit = pinned.get(versionId);
  if (hit) return hit;
  const v = await db.criteriaSetVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: { document: true, status: true },
  });
  const doc = documentOf(v);
  if (v.status !== "DRAFT") pinned.set(versionId, doc);
  return doc;
}

export async function readableVersion(prisma: PrismaClient, viewer: Viewer, id: string) {
  const v = await prisma.criteriaSetVersion.findUnique({ where: { id }, include: { set: true } });
  if (!v || (!isPublicVersion(v) && !can.readTenant(viewer, v.set.tenantId)))
    throw new NotFoundError("phiên bản bộ tiêu chí", id);
  return v;
}

function setIdFor(tenantId: string, unitKind: string): string {
  return `${tenantId}-${unitKind}`;
}

export function nextVersionName(existing: string[]): string {
  let n = existing.length + 1;
  while (existing.includes(`${n}.0`)) n++;
  return `${n}.0`;
}

export interface CloneInput {
  sourceVersionId: string;
  /** The tenant that will own the draft; defaults to the viewer's province (or "vn" for the ministry). */
  tenantId: string;
  /** Existing set to add a version to; default `<tenant>-<unitKind>`. */
  setId?: string | null;
  title?: string | null;
  /**
   * "Bắt đầu lại từ bộ tiêu chí quốc gia": required when the source belongs to
   * another set (the national framework) and the target set already has a
   * published version — without it the clone is refused, so a province never
   * loses its local criteria and own targets without saying so.
   */
  startOver?: boolean | null;
}

/**
 * Clones a version into a new draft: "Nhân bản cho tỉnh" when the source is the
 * national framework, or "create a new version" when the source is the same set
 * (the province's current version: its local criteria and own targets carry over).
 */
export async function cloneVersion(
  prisma: PrismaClient,
  viewer: Viewer,
  input: CloneInput,
): Promise<CriteriaSetVersion> {
  requireWriter(viewer);
  ensure(
    can.manageSets(viewer, input.tenantId),
    "Bạn không có quyền soạn bộ tiêu chí của đơn vị này",
    "You may not edit this tenant's criteria sets",
  );
  const source = await readableVersion(prisma, viewer, input.sourceVersionId);
  if (source.status === "DRAFT") {
    throw new WorkflowError("Chỉ nhân bản được phiên bản đã công bố", "Only a published version can be cloned");
  }
  const sourceDoc = documentOf(source);
  const tenant = await prisma.tenant.findUnique({ where: { id: input.tenantId } });
  if (!tenant) throw new NotFoundError("đơn vị", input.tenantId);
  const setId =
    input.setId ?? (source.set.tenantId === input.tenantId ? source.setId : setIdFor(tenant.id, sourceDoc.unitKind));
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(setId)) {
    throw InputError.field(
      "setId",
      "chỉ gồm chữ thường không dấu, số và dấu gạch ngang",
      "lower-case letters, digits and dashes only",
    );
  }

  return prisma.$transaction(async (tx) => {
    let set = await tx.criteriaSet.findUnique({
      where: { id: setId },
      include: { versions: { select: { version: true, status: true } } },
    });
    if (set && set.tenantId !== tenant.id) {
      throw InputError.field(
        "setId",
        `Bộ tiêu chí "${setId}" thuộc đơn vị khác`,
        `Set "${setId}" belongs to another tenant`,
      );
    }
    if (set && set.unitKind !== sourceDoc.unitKind) {
      throw InputError.field(
        "setId",
        `Bộ "${setId}" dành cho cấp ${set.unitKind}`,
        `Set "${setId}" is for ${set.unitKind}`,
      );
    }
    if (set?.versions.some((v) => v.status === "DRAFT")) {
      throw new WorkflowError(
        `Bộ "${setId}" đã có một bản nháp; hãy sửa hoặc công bố bản nháp đó`,
        `Set "${setId}" already has a draft; edit or publish it`,
      );
    }
    if (set && source.setId !== setId && !input.startOver) {
      const current = await tx.criteriaSetVersion.findFirst({
        where: { setId, status: "PUBLISHED" },
        orderBy: { publishedAt: "desc" },
      });
      if (current) {
        const local = documentOf(current)
          .criteria.filter((c) => c.local)
          .map((c) => c.code);
        const drops = local.length > 0 ? `, bỏ tiêu chí địa phương ${local.join(", ")}` : "";
        const dropsEn = local.length > 0 ? `, dropping local criteria ${local.join(", ")}` : "";
        throw InputError.field(
          "startOver",
          `Tỉnh đã có bộ tiêu chí riêng (${setId} ${current.version}): tạo phiên bản mới từ phiên bản hiện hành của tỉnh, hoặc xác nhận bắt đầu lại từ ${source.setId} ${source.version} (mất các chỉ tiêu riêng${drops})`,
          `The tenant already has its own set (${setId} ${current.version}): start a new version from its current version, or confirm starting over from ${source.setId} ${source.version} (losing its own targets${dropsEn})`,
        );
      }
    }
    const kindVi = (await unitKindNamer(tx))(sourceDoc.unitKind);
    const title =
      input.title ??
      set?.title ??
      (isScored(sourceDoc)
        ? `Bộ chỉ số đánh giá chuyển đổi số ${kindVi} — ${tenant.name}`
        : `Bộ tiêu chí đánh giá mức độ chuyển đổi số ${kindVi} — ${tenant.name}`);
    if (!set) {
      set = await tx.criteriaSet.create({
        data: { id: setId, tenantId: tenant.id, unitKind: sourceDoc.unitKind, title },
        include: { versions: { select: { version: true, status: true } } },
      });
    }
    const version = nextVersionName(set.versions.map((v) => v.version));
    // Lineage in the document points at the national (or other tenant's) set it was cloned from;
    // a new version of the same set keeps its document's basedOn.
    const basedOn = source.setId === setId ? sourceDoc.basedOn : { id: sourceDoc.id, version: sourceDoc.version };
    const document: TCriteriaSet = {
      ...sourceDoc,
      id: setId,
      version,
      title,
      issuer: { tenant: tenant.id, name: tenant.kind === "MINISTRY" ? tenant.name : `Ủy ban nhân dân ${tenant.name}` },
      basedOn,
    };
    const created = await tx.criteriaSetVersion.create({
      data: {
        setId,
        version,
        status: "DRAFT",
        document: document as unknown as Prisma.InputJsonValue,
        basedOnId: source.id,
      },
    });
    await audit(tx, viewer, {
      action: "set.clone",
      entityType: "CriteriaSetVersion",
      entityId: created.id,
      tenantId: tenant.id,
      after: { setId, version, from: { setId: source.setId, version: source.version } },
    });
    return created;
  });
}

/**
 * A new set of a tenant's own, not cloned (e.g. a scored index for its sở, ban, ngành): its first version is a
 * DRAFT of the given document, which criteria-schema must accept (version "1.0", issuer the tenant).
 */
export async function createSet(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { tenantId: string; document: unknown },
): Promise<CriteriaSetVersion> {
  requireWriter(viewer);
  ensure(
    can.manageSets(viewer, input.tenantId),
    "Bạn không có quyền soạn bộ tiêu chí của đơn vị này",
    "You may not edit this tenant's criteria sets",
  );
  const doc = input.document as Partial<TCriteriaSet> | null;
  const setId = typeof doc?.id === "string" ? doc.id : "";
  const unitKind = typeof doc?.unitKind === "string" ? doc.unitKind : "";
  const issues = await draftIssues(prisma, { setId, version: "1.0" }, { tenantId: input.tenantId, unitKind }, doc);
  if (issues.length > 0) throw new InvalidSetError(issues);
  const document = doc as TCriteriaSet;
  return prisma.$transaction(async (tx) => {
    if (await tx.criteriaSet.findUnique({ where: { id: setId } }))
      throw InputError.field("document.id", `Đã có bộ tiêu chí "${setId}"`, `A set "${setId}" already exists`);
    await tx.criteriaSet.create({
      data: { id: setId, tenantId: input.tenantId, unitKind, title: document.title },
    });
    const created = await tx.criteriaSetVersion.create({
      data: { setId, version: "1.0", status: "DRAFT", document: document as unknown as Prisma.InputJsonValue },
    });
    await audit(tx, viewer, {
      action: "set.create",
      entityType: "CriteriaSetVersion",
      entityId: created.id,
      tenantId: input.tenantId,
      after: { setId, version: "1.0", judgedBy: document.judgedBy ?? "levels" },
    });
    return created;
  });
}

/**
 * Checks a draft document against criteria-schema and against what its set
 * fixes (id, unit kind, issuer tenant, version). Never throws on the document.
 */
export async function draftIssues(
  prisma: PrismaClient | Prisma.TransactionClient,
  version: Pick<CriteriaSetVersion, "setId" | "version">,
  set: { tenantId: string; unitKind: string },
  document: unknown,
): Promise<SetIssue[]> {
  const r = validateCriteriaSet(document, { unitKinds: await unitKindRegistry(prisma) });
  if (!r.ok) return r.issues;
  const issues: SetIssue[] = [];
  const fixed = (path: string, actual: string, expected: string, vi: string, en: string) => {
    if (actual !== expected)
      issues.push({ code: "shape", path: [path], pointer: `/${path}`, message: vi, messageEn: en });
  };
  fixed("id", r.set.id, version.setId, `id phải là "${version.setId}"`, `id must be "${version.setId}"`);
  fixed(
    "version",
    r.set.version,
    version.version,
    `version phải là "${version.version}"`,
    `version must be "${version.version}"`,
  );
  fixed(
    "unitKind",
    r.set.unitKind,
    set.unitKind,
    `unitKind phải là "${set.unitKind}"`,
    `unitKind must be "${set.unitKind}"`,
  );
  if (r.set.issuer.tenant !== set.tenantId) {
    issues.push({
      code: "shape",
      path: ["issuer", "tenant"],
      pointer: "/issuer/tenant",
      message: `issuer.tenant phải là "${set.tenantId}"`,
      messageEn: `issuer.tenant must be "${set.tenantId}"`,
    });
  }
  return issues;
}

export async function updateDraft(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { versionId: string; document: unknown; revision: number },
): Promise<CriteriaSetVersion> {
  requireWriter(viewer);
  const v = await readableVersion(prisma, viewer, input.versionId);
  ensure(can.manageSets(viewer, v.set.tenantId));
  if (v.status !== "DRAFT") {
    throw new WorkflowError(
      "Phiên bản đã công bố, không thể sửa; hãy tạo phiên bản mới",
      "Published versions cannot change; create a new version",
    );
  }
  const issues = await draftIssues(prisma, v, v.set, input.document);
  if (issues.length > 0) throw new InvalidSetError(issues);
  const doc = input.document as TCriteriaSet;
  return prisma.$transaction(async (tx) => {
    const r = await tx.criteriaSetVersion.updateMany({
      where: { id: v.id, revision: input.revision, status: "DRAFT" },
      data: { document: doc as unknown as Prisma.InputJsonValue, revision: { increment: 1 } },
    });
    if (r.count === 0) {
      const now = await tx.criteriaSetVersion.findUniqueOrThrow({ where: { id: v.id } });
      throw new ConflictError(now.revision);
    }
    if (doc.title !== v.set.title) await tx.criteriaSet.update({ where: { id: v.setId }, data: { title: doc.title } });
    await audit(tx, viewer, {
      action: "set.update",
      entityType: "CriteriaSetVersion",
      entityId: v.id,
      tenantId: v.set.tenantId,
      before: v.document,
      after: doc,
    });
    return tx.criteriaSetVersion.findUniqueOrThrow({ where: { id: v.id } });
  });
}

export async function publishVersion(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { versionId: string; decisionNumber: string; decisionDate: string; now: Date },
): Promise<CriteriaSetVersion> {
  requireWriter(viewer);
  const v = await readableVersion(prisma, viewer, input.versionId);
  ensure(can.manageSets(viewer, v.set.tenantId));
  if (v.status !== "DRAFT")
    throw new WorkflowError("Phiên bản này đã được công bố", "This version is already published");
  const { decisionNumber, date } = parseDecision(input, [
    "Nhập số quyết định ban hành (vd. 1234/QĐ-UBND)",
    "Enter the decision number (e.g. 1234/QĐ-UBND)",
  ]);
  const doc: TCriteriaSet = {
    ...documentOf(v),
    issuer: { ...documentOf(v).issuer, decisionNumber, decisionDate: input.decisionDate },
  };
  const issues = await draftIssues(prisma, v, v.set, doc);
  if (issues.length > 0) throw new InvalidSetError(issues);
  // What is frozen is the document as criteria-schema reads it (its defaults written out), so every reader of a
  // published version (the engine, the browser) gets a complete set.
  const checked = validateCriteriaSet(doc, { unitKinds: await unitKindRegistry(prisma) });
  const frozen = checked.ok ? checked.set : doc;
  try {
    const done = await prisma.$transaction(async (tx) => {
      await tx.criteriaSetVersion.updateMany({
        where: { setId: v.setId, status: "PUBLISHED" },
        data: { status: "ARCHIVED" },
      });
      const published = await tx.criteriaSetVersion.update({
        where: { id: v.id },
        data: {
          status: "PUBLISHED",
          document: frozen as unknown as Prisma.InputJsonValue,
          decisionNumber,
          decisionDate: date,
          publishedAt: input.now,
          publishedById: viewer.kind === "user" ? viewer.userId : null,
        },
      });
      await audit(tx, viewer, {
        action: "set.publish",
        entityType: "CriteriaSetVersion",
        entityId: v.id,
        tenantId: v.set.tenantId,
        before: { status: "DRAFT" },
        after: { status: "PUBLISHED", decisionNumber, decisionDate: input.decisionDate },
      });
      await notifySetPublished(
        tx,
        viewer,
        { ...published, set: v.set },
        { number: decisionNumber, date: input.decisionDate },
      );
      return published;
    });
    wakeOutbox(prisma);
    return done;
  } catch (e) {
    if (isImmutableViolation(e))
      throw new WorkflowError("Phiên bản đã công bố, không thể sửa", "Published versions cannot change");
    throw e;
  }
}
