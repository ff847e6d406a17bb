/**
 * Rebase of a provincial set onto a new national version ("Cập nhật theo khung quốc gia mới"): the three-way
 * merge is criteria-schema's (`rebaseCriteriaSet`, `resolveRebase`); here are the versions it merges, who may
 * do it, and the write. Merge base = the national version the province's version descends from (walking
 * `rebasedOntoId`, then `basedOnId`). A published version is rebased into a new DRAFT of the province's set
 * (basedOn = the province's version, rebasedOnto = the new national version); a draft is rebased in place
 * (its revision checked) and keeps its basedOn. One transaction, audited as `set.rebase`.
 */
import {
  rebaseCriteriaSet,
  resolveRebase,
  validateCriteriaSet,
  type RebaseChange,
  type RebaseChoice,
  type RebaseConflict,
  type RebaseResult,
  type SetIssue,
  type TCriteriaSet,
} from "@cds/criteria-schema";
import { ConflictError, InputError, WorkflowError, type FieldIssue } from "../errors.ts";
import type { CriteriaSet, CriteriaSetVersion, Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { can, ensure, NATIONAL_TENANT, requireWriter, type Viewer } from "./access.ts";
import { audit } from "./audit.ts";
import { documentOf, draftIssues, nextVersionName, readableVersion, unitKindRegistry } from "./sets.ts";

type Db = PrismaClient | Prisma.TransactionClient;
type VersionWithSet = CriteriaSetVersion & { set: CriteriaSet };

/** Lineage longer than this is a cycle or corrupt data, not a history. */
const MAX_LINEAGE = 100;

export interface RebasePlan {
  /** The province's version being rebased. */
  version: VersionWithSet;
  /** The national version it descends from (national old, the merge base). */
  base: VersionWithSet;
  /** The new national version (national new). */
  onto: VersionWithSet;
  merge: RebaseResult;
}

export interface RebasePreview extends RebasePlan {
  applied: RebaseChange[];
  kept: RebaseChange[];
  conflicts: RebaseConflict[];
  /** The document the rebase would write, every conflict provisionally the province's. */
  document: TCriteriaSet;
  /** criteria-schema's issues of that document (what the editor will show on the draft). */
  issues: SetIssue[];
}

export interface NationalUpdate {
  version: VersionWithSet;
  /** The national version the province's version descends from. */
  descendsFrom: VersionWithSet;
  /** The newest published version of that national set. */
  latest: VersionWithSet;
  /** A newer national version than `descendsFrom` is published. */
  available: boolean;
  /** The viewer may rebase (manages the province's sets). */
  canRebase: boolean;
}

const isNational = (v: VersionWithSet) => v.set.tenantId === NATIONAL_TENANT;
const when = (v: CriteriaSetVersion) => (v.publishedAt ?? v.createdAt).getTime();

/** The national version `version` descends from: its second parent (a rebase) first, else its first. */
export async function nationalAncestor(db: Db, version: CriteriaSetVersion): Promise<VersionWithSet | null> {
  let cur: CriteriaSetVersion = version;
  for (let i = 0; i < MAX_LINEAGE; i++) {
    const parentId = cur.rebasedOntoId ?? cur.basedOnId;
    if (!parentId) return null;
    const parent = await db.criteriaSetVersion.findUniqueOrThrow({ where: { id: parentId }, include: { set: true } });
    if (isNational(parent)) return parent;
    cur = parent;
  }
  return null;
}

/** A stored document with criteria-schema's defaults filled in, so both sides compare alike. */
async function normalised(db: Db, v: CriteriaSetVersion): Promise<TCriteriaSet> {
  const r = validateCriteriaSet(v.document, { unitKinds: await unitKindRegistry(db) });
  return r.ok ? r.set : documentOf(v);
}

async function provincialVersion(prisma: PrismaClient, viewer: Viewer, versionId: string): Promise<VersionWithSet> {
  const version = await readableVersion(prisma, viewer, versionId);
  ensure(
    can.manageSets(viewer, version.set.tenantId),
    "Bạn không có quyền soạn bộ tiêu chí của đơn vị này",
    "You may not edit this tenant's criteria sets",
  );
  if (isNational(version)) {
    throw InputError.field(
      "versionId",
      "Đây là khung quốc gia; chỉ bộ tiêu chí của tỉnh mới cập nhật theo khung quốc gia mới",
      "This is the national framework; only a provincial set is rebased onto a new national version",
    );
  }
  return version;
}

async function mergeBase(prisma: PrismaClient, version: VersionWithSet): Promise<VersionWithSet> {
  const base = await nationalAncestor(prisma, version);
  if (!base) {
    throw InputError.field(
      "versionId",
      `Bộ tiêu chí ${version.setId} ${version.version} không được nhân bản từ khung quốc gia`,
      `Set ${version.setId} ${version.version} was not cloned from the national framework`,
    );
  }
  return base;
}

/** The versions and the merge, checked: the viewer manages the province's set, onto is newer, published, national. */
export async function planRebase(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { versionId: string; ontoVersionId: string },
): Promise<RebasePlan> {
  const version = await provincialVersion(prisma, viewer, input.versionId);
  const base = await mergeBase(prisma, version);
  const onto = await readableVersion(prisma, viewer, input.ontoVersionId);
  if (onto.setId !== base.setId) {
    throw InputError.field(
      "ontoVersionId",
      `Phải là một phiên bản của khung quốc gia ${base.setId} (bộ của tỉnh nhân bản từ khung này)`,
      `Must be a version of the national set ${base.setId} (the one the province's set was cloned from)`,
    );
  }
  if (onto.status !== "PUBLISHED") {
    throw InputError.field(
      "ontoVersionId",
      `Phiên bản ${onto.version} của ${onto.setId} không phải là phiên bản đang có hiệu lực (đã công bố)`,
      `Version ${onto.version} of ${onto.setId} is not the published version in force`,
    );
  }
  if (onto.id === base.id || when(onto) <= when(base)) {
    throw InputError.field(
      "ontoVersionId",
      `Bộ tiêu chí của tỉnh đã theo ${base.setId} ${base.version}; hãy chọn một phiên bản mới hơn`,
      `The province's set already follows ${base.setId} ${base.version}; choose a newer version`,
    );
  }
  const [b, t, o] = await Promise.all([
    normalised(prisma, base),
    normalised(prisma, onto),
    normalised(prisma, version),
  ]);
  return { version, base, onto, merge: rebaseCriteriaSet({ base: b, theirs: t, ours: o }) };
}

/** The merged document as the province's version: its set, the version name it gets, lineage to the new national. */
function asProvincialDocument(
  merged: TCriteriaSet,
  version: VersionWithSet,
  onto: CriteriaSetVersion,
  versionName: string,
): TCriteriaSet {
  const ours = documentOf(version);
  return {
    ...merged,
    id: version.setId,
    version: versionName,
    issuer: { tenant: ours.issuer.tenant, name: ours.issuer.name },
    basedOn: { id: onto.setId, version: documentOf(onto).version },
  };
}

/** The name of the version a rebase writes: the draft's own, or the set's next version. */
async function rebasedVersionName(db: Db, version: VersionWithSet): Promise<string> {
  if (version.status === "DRAFT") return version.version;
  const versions = await db.criteriaSetVersion.findMany({ where: { setId: version.setId }, select: { version: true } });
  return nextVersionName(versions.map((v) => v.version));
}

export async function rebasePreview(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { versionId: string; ontoVersionId: string },
): Promise<RebasePreview> {
  const plan = await planRebase(prisma, viewer, input);
  const { merge, version, onto } = plan;
  const versionName = await rebasedVersionName(prisma, version);
  const document = asProvincialDocument(merge.document, version, onto, versionName);
  return {
    ...plan,
    applied: merge.applied,
    kept: merge.kept,
    conflicts: merge.conflicts,
    document,
    issues: await draftIssues(prisma, { setId: version.setId, version: versionName }, version.set, document),
  };
}

/** Where the province's version stands with the national framework: the banner of the set editor. */
export async function nationalUpdate(
  prisma: PrismaClient,
  viewer: Viewer,
  versionId: string,
): Promise<NationalUpdate | null> {
  const version = await readableVersion(prisma, viewer, versionId);
  if (isNational(version)) return null;
  const descendsFrom = await nationalAncestor(prisma, version);
  if (!descendsFrom) return null;
  const latest = await prisma.criteriaSetVersion.findFirst({
    where: { setId: descendsFrom.setId, status: "PUBLISHED" },
    include: { set: true },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
  });
  if (!latest) return null;
  return {
    version,
    descendsFrom,
    latest,
    available: latest.id !== descendsFrom.id && when(latest) > when(descendsFrom),
    canRebase: can.manageSets(viewer, version.set.tenantId),
  };
}

export interface RebaseDecisionInput {
  key: string;
  choice: RebaseChoice;
}

function decisionsOf(input: readonly RebaseDecisionInput[]): Record<string, RebaseChoice> {
  const out: Record<string, RebaseChoice> = {};
  const issues: FieldIssue[] = [];
  for (const d of input) {
    if (Object.hasOwn(out, d.key)) {
      issues.push({
        field: `decisions.${d.key}`,
        message: `Xung đột "${d.key}" được chọn nhiều lần`,
        messageEn: `Conflict "${d.key}" is decided more than once`,
      });
    }
    out[d.key] = d.choice;
  }
  if (issues.length > 0) throw new InputError(issues);
  return out;
}

/**
 * Rebases the province's version onto the new national version with a decision for every conflict. A published
 * version gives a new DRAFT of the province's set; a draft (with its `revision`) is rebased in place.
 */
export async function rebaseVersion(
  prisma: PrismaClient,
  viewer: Viewer,
  input: {
    versionId: string;
    ontoVersionId: string;
    decisions: readonly RebaseDecisionInput[];
    revision?: number | null;
  },
): Promise<CriteriaSetVersion> {
  requireWriter(viewer);
  const decisions = decisionsOf(input.decisions);
  const { version, base, onto, merge } = await planRebase(prisma, viewer, input);
  const isDraft = version.status === "DRAFT";
  if (isDraft && (input.revision === null || input.revision === undefined)) {
    throw InputError.field(
      "revision",
      "Cần revision của bản nháp đã đọc (chống ghi đè)",
      "The revision of the draft you read is required (no lost updates)",
    );
  }
  const resolved = resolveRebase(merge, decisions);
  if (!resolved.ok) {
    throw new InputError(
      resolved.problems.map((p) => ({ field: `decisions.${p.key}`, message: p.message, messageEn: p.messageEn })),
    );
  }
  const tenantId = version.set.tenantId;
  const record = {
    from: { setId: version.setId, version: version.version },
    base: { setId: base.setId, version: base.version },
    onto: { setId: onto.setId, version: onto.version },
    applied: merge.applied.map((c) => c.key),
    kept: merge.kept.map((c) => c.key),
    decisions,
  };

  return prisma.$transaction(async (tx) => {
    const set = await tx.criteriaSet.findUniqueOrThrow({
      where: { id: version.setId },
      include: { versions: { select: { version: true, status: true } } },
    });
    const versionName = await rebasedVersionName(tx, version);
    // The province's identity; lineage in the document points at the national version it now follows.
    const document = asProvincialDocument(resolved.document, version, onto, versionName);
    const json = document as unknown as Prisma.InputJsonValue;
    let rebased: CriteriaSetVersion;
    if (isDraft) {
      const r = await tx.criteriaSetVersion.updateMany({
        where: { id: version.id, revision: input.revision!, status: "DRAFT" },
        data: { document: json, rebasedOntoId: onto.id, revision: { increment: 1 } },
      });
      if (r.count === 0) {
        const now = await tx.criteriaSetVersion.findUniqueOrThrow({ where: { id: version.id } });
        throw new ConflictError(now.revision);
      }
      rebased = await tx.criteriaSetVersion.findUniqueOrThrow({ where: { id: version.id } });
    } else {
      if (set.versions.some((v) => v.status === "DRAFT")) {
        throw new WorkflowError(
          `Bộ "${set.id}" đã có một bản nháp; hãy cập nhật theo khung quốc gia mới trên bản nháp đó, hoặc công bố nó trước`,
          `Set "${set.id}" already has a draft; rebase that draft, or publish it first`,
        );
      }
      rebased = await tx.criteriaSetVersion.create({
        data: {
          setId: version.setId,
          version: versionName,
          status: "DRAFT",
          document: json,
          basedOnId: version.id,
          rebasedOntoId: onto.id,
        },
      });
    }
    if (document.title !== set.title) {
      await tx.criteriaSet.update({ where: { id: set.id }, data: { title: document.title } });
    }
    await audit(tx, viewer, {
      action: "set.rebase",
      entityType: "CriteriaSetVersion",
      entityId: rebased.id,
      tenantId,
      before: isDraft ? version.document : undefined,
      after: { ...record, setId: version.setId, version: versionName },
    });
    return rebased;
  });
}
