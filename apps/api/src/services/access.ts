/**
 * Who may do what, by role and unit subtree. Every resolver asks here; the
 * rules follow Decision 2361's procedure: a unit's own staff enter and submit
 * its values; the level above verifies, returns and recognises (Phòng VH&TT
 * for communes, Sở TT&TT for districts); an appraisal council at the level
 * above appraises; the province manages its sets and rounds; the ministry
 * manages the national framework and sees the whole nation.
 */
import type { Prisma, Role } from "../generated/prisma/client.ts";
import { ForbiddenError, UnauthenticatedError } from "../errors.ts";

export interface Grant {
  role: Role;
  tenantId: string;
  /** Root of the subtree; null = the whole tenant (or, for the ministry, the nation). */
  unitId: string | null;
  unitPath: string | null;
}

export type Viewer =
  | { kind: "anonymous" }
  | {
      kind: "user";
      userId: string;
      email: string;
      name: string;
      grants: Grant[];
      sessionId: string;
      /** The request carried the session's CSRF token (required for every change). */
      csrfOk: boolean;
    }
  | { kind: "apiKey"; keyId: string; tenantId: string };

export type UserViewer = Extract<Viewer, { kind: "user" }>;

export interface UnitRef {
  id: string;
  path: string;
  tenantId: string;
  parentId: string | null;
}

export const NATIONAL_TENANT = "vn";

function covers(g: Grant, unit: UnitRef): boolean {
  if (g.role === "MINISTRY_ADMIN" && g.tenantId === NATIONAL_TENANT) return true;
  if (g.tenantId !== unit.tenantId) return false;
  if (g.unitPath === null) return true;
  return unit.path === g.unitPath || unit.path.startsWith(g.unitPath + "/");
}

/** The grant sits exactly one level above the unit (its parent), or tenant-wide. */
function isLevelAbove(g: Grant, unit: UnitRef): boolean {
  if (g.tenantId !== unit.tenantId) return false;
  return g.unitId === unit.parentId || (g.unitId === null && unit.parentId !== null);
}

export function requireUser(viewer: Viewer): UserViewer {
  if (viewer.kind !== "user") throw new UnauthenticatedError();
  return viewer;
}

/** A change needs a signed-in user whose request carried the CSRF token. */
export function requireWriter(viewer: Viewer): UserViewer {
  const u = requireUser(viewer);
  if (!u.csrfOk)
    throw new ForbiddenError("Thiếu hoặc sai mã CSRF (x-csrf-token)", "Missing or wrong CSRF token (x-csrf-token)");
  return u;
}

const has = (viewer: Viewer, pred: (g: Grant) => boolean) => viewer.kind === "user" && viewer.grants.some(pred);

export const can = {
  isMinistryAdmin: (v: Viewer) => has(v, (g) => g.role === "MINISTRY_ADMIN" && g.tenantId === NATIONAL_TENANT),
  /** Edit and publish the criteria sets of a tenant. */
  manageSets: (v: Viewer, tenantId: string) =>
    has(
      v,
      (g) =>
        (g.role === "MINISTRY_ADMIN" && g.tenantId === NATIONAL_TENANT && tenantId === NATIONAL_TENANT) ||
        (g.role === "PROVINCE_ADMIN" && g.tenantId === tenantId),
    ),
  /** Read a tenant's drafts and non-public data. */
  readTenant: (v: Viewer, tenantId: string) =>
    has(v, (g) => (g.role === "MINISTRY_ADMIN" && g.tenantId === NATIONAL_TENANT) || g.tenantId === tenantId),
  /** Open rounds, submit the yearly report, see the province dashboard. */
  runProvince: (v: Viewer, tenantId: string) => has(v, (g) => g.role === "PROVINCE_ADMIN" && g.tenantId === tenantId),
  /** Each tenant's own admin issues its keys (the ministry for "vn", a province for itself). */
  manageApiKeys: (v: Viewer, tenantId: string) =>
    has(
      v,
      (g) =>
        (g.role === "MINISTRY_ADMIN" && g.tenantId === NATIONAL_TENANT && tenantId === NATIONAL_TENANT) ||
        (g.role === "PROVINCE_ADMIN" && g.tenantId === tenantId),
    ),
  /**
   * See a unit's assessments that are not yet recognised (recognised ones are public), and the working data of
   * any of its assessments: the "work" fields of ASSESSMENT_FIELD_READ, aggregates of them, evidence files.
   * As a query filter: `workWhere`.
   */
  readUnit: (v: Viewer, unit: UnitRef) => has(v, (g) => covers(g, unit)),
  /** Register a level, enter values, upload evidence, submit: the unit's own staff (granted on that very unit). */
  editUnit: (v: Viewer, unit: UnitRef) =>
    has(v, (g) => g.role === "UNIT_EDITOR" && g.tenantId === unit.tenantId && g.unitId === unit.id),
  /** Verify values, return, recognise: the officer one level above. */
  reviewUnit: (v: Viewer, unit: UnitRef) =>
    has(v, (g) => (g.role === "DISTRICT_OFFICER" || g.role === "PROVINCE_ADMIN") && isLevelAbove(g, unit)),
  /** Appraise: the appraisal council one level above. */
  appraiseUnit: (v: Viewer, unit: UnitRef) => has(v, (g) => g.role === "APPRAISER" && isLevelAbove(g, unit)),
};

/**
 * How each field of an assessment is read; the schema test checks every field of the SDL against this table.
 * - "public": the published result, for whoever may see the assessment (everyone once it is recognised):
 *   the levels and decision, and criteria-core's pass/fail per criterion (no figures);
 * - "work": the unit's working data and anything derived from its figures (values, evidence, comments,
 *   history, gaps with current values and shortfalls, the steps before recognition): only with `can.readUnit`;
 * - "asker": answers about the asker itself.
 */
export const ASSESSMENT_FIELD_READ = {
  id: "public",
  status: "public",
  version: "public",
  unit: "public",
  round: "public",
  setVersion: "public",
  computedLevel: "public",
  evaluation: "public",
  recognisedLevel: "public",
  recognitionDecision: "public",
  recognitionDate: "public",
  recognisedAt: "public",
  allowedActions: "asker",
  registeredLevel: "work",
  selfAssessedLevel: "work",
  appraisedLevel: "work",
  submittedAt: "work",
  values: "work",
  evidence: "work",
  comments: "work",
  history: "work",
  gaps: "work",
} as const satisfies Record<string, "public" | "work" | "asker">;

/** Types that hold nothing but working data: reachable from queries only through the "work" fields above. */
export const WORKING_DATA_TYPES = ["IndicatorValue", "Evidence", "ReviewComment", "AuditEvent"] as const;

/** `can.readUnit` as a query filter: the assessments whose working data the viewer may read. */
export function workWhere(viewer: Viewer): Prisma.AssessmentWhereInput {
  if (viewer.kind !== "user") return { id: { in: [] } };
  if (can.isMinistryAdmin(viewer)) return {};
  return {
    OR: viewer.grants.map((g) => ({
      unit: {
        tenantId: g.tenantId,
        ...(g.unitPath ? { OR: [{ path: g.unitPath }, { path: { startsWith: `${g.unitPath}/` } }] } : {}),
      },
    })),
  };
}

/** The assessments the viewer may see at all: recognised ones (public) and those whose working data it may read. */
export function visibleAssessmentsWhere(viewer: Viewer): Prisma.AssessmentWhereInput {
  // Prisma reads `{}` inside OR as "no match", so the ministry (which reads everything) is said plainly.
  if (can.isMinistryAdmin(viewer)) return {};
  return { OR: [{ status: "RECOGNISED" }, workWhere(viewer)] };
}

export function ensure(allowed: boolean, vi?: string, en?: string): void {
  if (!allowed) throw new ForbiddenError(vi, en);
}
