/**
 * Who may do what, by role and unit subtree. Every resolver asks here; the
 * rules follow Decision 2361's procedure: a unit's own staff enter and submit
 * its values; who verifies, appraises and recognises is the round's review
 * chain, as data (on the three-tier map the level above: Phòng VH&TT for
 * communes, Sở for districts; on the two-tier map the province: Sở verifies,
 * the provincial council appraises, UBND tỉnh recognises); the province
 * manages its sets and rounds; the ministry manages the national framework
 * and sees the whole nation. A province merged into another (a closed
 * tenant) is read-only history, read by its successor's province-wide roles.
 */
import type { Prisma } from "../generated/prisma/client.ts";
import { Role } from "../generated/prisma/enums.ts";
import { ForbiddenError, UnauthenticatedError } from "../errors.ts";

export interface Grant {
  role: Role;
  tenantId: string;
  /** Root of the subtree; null = the whole tenant (or, for the ministry, the nation). */
  unitId: string | null;
  unitPath: string | null;
  /** The grant's tenant is closed (merged into another province): it reads, never writes. */
  readOnly?: boolean;
  /** Closed tenants whose history this tenant inherited (the new Ninh Bình: Hà Nam, Nam Định). */
  historyTenantIds?: readonly string[];
  /** The units merged into the grant's unit (its predecessors on the older map): their history is read with it. */
  predecessorUnitIds?: readonly string[];
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
      /** The account still has the temporary password an administrator gave it: it changes it before anything else. */
      mustChangePassword?: boolean;
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

/** The unit of a row (an assessment, an evidence file's assessment) as the rules read it. */
export function unitRef(a: { unit: UnitRef }): UnitRef {
  return { id: a.unit.id, path: a.unit.path, tenantId: a.unit.tenantId, parentId: a.unit.parentId };
}

/** The subtree rule, once: a unit path lies under a root path when it is the root or starts with "<root>/". */
export function inSubtree(path: string, rootPath: string): boolean {
  return path === rootPath || path.startsWith(`${rootPath}/`);
}

/** `inSubtree` as a Prisma filter on a unit's path. */
export function subtreeWhere(rootPath: string): Prisma.UnitWhereInput {
  return { OR: [{ path: rootPath }, { path: { startsWith: `${rootPath}/` } }] };
}

/** A grant over the whole province (tenant-wide, or rooted at a province unit): it reads inherited history. */
const provinceWide = (g: Grant) => g.unitPath === null || !g.unitPath.includes("/");

function covers(g: Grant, unit: UnitRef): boolean {
  if (g.role === "MINISTRY_ADMIN" && g.tenantId === NATIONAL_TENANT) return true;
  if (g.predecessorUnitIds?.includes(unit.id)) return true;
  if (g.tenantId !== unit.tenantId) return provinceWide(g) && (g.historyTenantIds ?? []).includes(unit.tenantId);
  return provinceWide(g) || inSubtree(unit.path, g.unitPath!);
}

// ---- the review chain of a round ----

/** Where a step's role sits relative to the assessed unit: its parent, its province, or the ministry (a national round). */
export type ChainPlace = "PARENT" | "PROVINCE" | "NATION";
export interface ChainStep {
  roles: Role[];
  at: ChainPlace;
}
/** Who verifies (and returns), appraises and recognises in a round: data on the round, set when it opens. */
export interface ReviewChain {
  verify: ChainStep;
  appraise: ChainStep;
  recognise: ChainStep;
}

/** The three-tier map's chain: the level above the unit (Phòng VH&TT for a commune, the Sở for a district). */
export const LEVEL_ABOVE_CHAIN: ReviewChain = {
  verify: { roles: ["DISTRICT_OFFICER", "PROVINCE_ADMIN"], at: "PARENT" },
  appraise: { roles: ["APPRAISER"], at: "PARENT" },
  recognise: { roles: ["DISTRICT_OFFICER", "PROVINCE_ADMIN"], at: "PARENT" },
};
/** The two-tier map's chain: the Sở verifies, the provincial appraisal council appraises, UBND tỉnh recognises. */
export const PROVINCE_CHAIN: ReviewChain = {
  verify: { roles: ["PROVINCE_ADMIN"], at: "PROVINCE" },
  appraise: { roles: ["APPRAISER"], at: "PROVINCE" },
  recognise: { roles: ["PROVINCE_LEADER"], at: "PROVINCE" },
};

/** A national round's chain (the provincial DTI): the ministry verifies, appraises and publishes each province's index. */
export const NATIONAL_CHAIN: ReviewChain = {
  verify: { roles: ["MINISTRY_ADMIN"], at: "NATION" },
  appraise: { roles: ["MINISTRY_ADMIN"], at: "NATION" },
  recognise: { roles: ["MINISTRY_ADMIN"], at: "NATION" },
};

const ROLES: readonly string[] = Object.values(Role);

/** Reads a round's stored chain; anything malformed falls back to the level-above chain the round would have had. */
export function reviewChainOf(round: { reviewChain: unknown }): ReviewChain {
  const raw = round.reviewChain as Partial<Record<keyof ReviewChain, Partial<ChainStep>>> | null;
  const step = (k: keyof ReviewChain): ChainStep => {
    const s = raw?.[k];
    const roles = Array.isArray(s?.roles) ? s.roles.filter((r): r is Role => ROLES.includes(r)) : [];
    return s && roles.length > 0 && (s.at === "PARENT" || s.at === "PROVINCE" || s.at === "NATION")
      ? { roles, at: s.at }
      : LEVEL_ABOVE_CHAIN[k];
  };
  return { verify: step("verify"), appraise: step("appraise"), recognise: step("recognise") };
}

/** The grant holds the step's role at the step's place for the unit (or tenant-wide, for a unit below the top). */
function atStep(g: Grant, unit: UnitRef, step: ChainStep): boolean {
  if (step.at === "NATION") return !g.readOnly && step.roles.includes(g.role) && isMinistryGrant(g);
  if (g.readOnly || g.tenantId !== unit.tenantId || !step.roles.includes(g.role)) return false;
  // A province is reviewed by nobody in its own tenant.
  if (unit.parentId === null) return false;
  if (g.unitId === null) return true;
  // A grant on the province (its unit on either map) stands for the province for every unit of its tenant: the
  // new Bắc Ninh continues old Bắc Ninh though its code and path changed. Below the province, by path.
  const parentPath = unit.path.slice(0, Math.max(0, unit.path.lastIndexOf("/")));
  if (step.at === "PROVINCE" || !parentPath.includes("/")) return provinceWide(g);
  return g.unitPath === parentPath;
}

/** Every role that appears in some step of some chain: who gets the review screens and draft decisions. */
const REVIEWER_ROLES: readonly Role[] = [
  ...new Set([...LEVEL_ABOVE_CHAIN.verify.roles, ...PROVINCE_CHAIN.verify.roles, ...PROVINCE_CHAIN.recognise.roles]),
];

export function requireUser(viewer: Viewer): UserViewer {
  if (viewer.kind !== "user") throw new UnauthenticatedError();
  return viewer;
}

/**
 * A change needs a signed-in user whose request carried the CSRF token, and who has chosen their own password:
 * an account still on the temporary password an administrator gave it may only change it or sign out
 * (`requirePasswordWriter`). Every mutation asks here, so this is the one place that holds the first sign-in.
 */
export function requireWriter(viewer: Viewer): UserViewer {
  const u = requirePasswordWriter(viewer);
  if (u.mustChangePassword)
    throw new ForbiddenError(
      "Bạn cần đổi mật khẩu tạm trước khi làm việc khác",
      "Change your temporary password before doing anything else",
    );
  return u;
}

/** `requireWriter` for the two changes an account on a temporary password may make: changing it, and signing out. */
export function requirePasswordWriter(viewer: Viewer): UserViewer {
  const u = requireUser(viewer);
  if (!u.csrfOk)
    throw new ForbiddenError("Thiếu hoặc sai mã CSRF (x-csrf-token)", "Missing or wrong CSRF token (x-csrf-token)");
  return u;
}

const has = (viewer: Viewer, pred: (g: Grant) => boolean) => viewer.kind === "user" && viewer.grants.some(pred);
/** `has`, among the grants that may write (not those of a closed tenant). */
const mayWrite = (viewer: Viewer, pred: (g: Grant) => boolean) => has(viewer, (g) => !g.readOnly && pred(g));

/** A role on a tenant: what the rules below read of a grant. */
type RoleGrant = Pick<Grant, "role" | "tenantId">;

const isMinistryGrant = (g: RoleGrant) => g.role === "MINISTRY_ADMIN" && g.tenantId === NATIONAL_TENANT;

/** The tenant's own administration: the ministry for "vn", a province for itself. */
const runsTenantGrant = (g: RoleGrant, tenantId: string) =>
  (isMinistryGrant(g) && tenantId === NATIONAL_TENANT) || (g.role === "PROVINCE_ADMIN" && g.tenantId === tenantId);
const runsTenant = (v: Viewer, tenantId: string) => mayWrite(v, (g) => runsTenantGrant(g, tenantId));

export const can = {
  isMinistryAdmin: (v: Viewer) => has(v, isMinistryGrant),
  /** Edit and publish the criteria sets of a tenant. */
  manageSets: (v: Viewer, tenantId: string) => runsTenant(v, tenantId),
  /** Read a tenant's drafts and non-public data. */
  readTenant: (v: Viewer, tenantId: string) =>
    has(
      v,
      (g) =>
        isMinistryGrant(g) ||
        g.tenantId === tenantId ||
        (provinceWide(g) && (g.historyTenantIds ?? []).includes(tenantId)),
    ),
  /**
   * Read the working data of every unit of a tenant (a scored round's working ranking): the ministry, and the
   * province's province-wide roles (not a commune's or a district's staff).
   */
  readTenantWork: (v: Viewer, tenantId: string) =>
    has(v, (g) => isMinistryGrant(g) || (g.tenantId === tenantId && provinceWide(g))),
  /** Open rounds, submit the yearly report, see the province dashboard. */
  runProvince: (v: Viewer, tenantId: string) =>
    mayWrite(v, (g) => g.role === "PROVINCE_ADMIN" && g.tenantId === tenantId),
  /** Each tenant's own admin issues its keys (the ministry for "vn", a province for itself). */
  manageApiKeys: (v: Viewer, tenantId: string) => runsTenant(v, tenantId),
  /**
   * Create the tenant's accounts, grant and revoke its roles (`grantableRoles`), reset passwords, disable
   * accounts (only those `accountOfTenant`): the tenant's own admin (the ministry for "vn", a province for itself).
   */
  manageAccounts: (v: Viewer, tenantId: string) => runsTenant(v, tenantId),
  /**
   * See a unit's assessments that are not yet recognised (recognised ones are public), and the working data of
   * any of its assessments: the "work" fields of ASSESSMENT_FIELD_READ, aggregates of them, evidence files.
   * As a query filter: `workWhere`.
   */
  readUnit: (v: Viewer, unit: UnitRef) => has(v, (g) => covers(g, unit)),
  /** See an assessment at all: a recognised one is public, any other needs `readUnit` (as `visibleAssessmentsWhere`). */
  readAssessment: (v: Viewer, a: { status: string; unit: UnitRef }) =>
    a.status === "RECOGNISED" || can.readUnit(v, a.unit),
  /** Register a level, enter values, upload evidence, submit: the unit's own staff (granted on that very unit). */
  editUnit: (v: Viewer, unit: UnitRef) =>
    mayWrite(v, (g) => g.role === "UNIT_EDITOR" && g.tenantId === unit.tenantId && g.unitId === unit.id),
  /** Verify values and mark verified: the chain's verify step. */
  verifyUnit: (v: Viewer, unit: UnitRef, chain: ReviewChain) => has(v, (g) => atStep(g, unit, chain.verify)),
  /** Return to the unit: whoever verifies or recognises it. */
  returnUnit: (v: Viewer, unit: UnitRef, chain: ReviewChain) =>
    has(v, (g) => atStep(g, unit, chain.verify) || atStep(g, unit, chain.recognise)),
  /** Appraise: the chain's appraisal council. */
  appraiseUnit: (v: Viewer, unit: UnitRef, chain: ReviewChain) => has(v, (g) => atStep(g, unit, chain.appraise)),
  /** Recognise: the chain's recognise step. */
  recogniseUnit: (v: Viewer, unit: UnitRef, chain: ReviewChain) => has(v, (g) => atStep(g, unit, chain.recognise)),
  /**
   * Put a unit in a round's document: the draft recognition decision for whoever verifies or recognises it,
   * the appraisal minutes also for its appraisal council. (The province's Sở puts every unit: `runProvince`.)
   */
  documentUnit: (v: Viewer, unit: UnitRef, chain: ReviewChain, document: "recognise" | "appraise") =>
    can.returnUnit(v, unit, chain) || (document === "appraise" && can.appraiseUnit(v, unit, chain)),
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
  finalScore: "public",
  recognisedLevel: "public",
  recognitionDecision: "public",
  recognitionDate: "public",
  recognisedAt: "public",
  decisionScan: "public",
  allowedActions: "asker",
  submitProblems: "asker",
  submitDeadline: "public",
  registeredLevel: "work",
  selfAssessedLevel: "work",
  appraisedLevel: "work",
  submittedAt: "work",
  values: "work",
  evidence: "work",
  comments: "work",
  history: "work",
  gaps: "work",
  score: "work",
  selfScore: "work",
  pointsGaps: "work",
  late: "work",
  extensions: "work",
} as const satisfies Record<string, "public" | "work" | "asker">;

/** Types that hold nothing but working data: reachable from queries only through the "work" fields above. */
export const WORKING_DATA_TYPES = ["IndicatorValue", "Evidence", "ReviewComment", "AuditEvent"] as const;

/** `can.readUnit` as a query filter: the assessments whose working data the viewer may read. */
export function workWhere(viewer: Viewer): Prisma.AssessmentWhereInput {
  if (viewer.kind !== "user") return { id: { in: [] } };
  if (can.isMinistryAdmin(viewer)) return {};
  return {
    OR: viewer.grants.flatMap((g) => [
      { unit: { tenantId: g.tenantId, ...(provinceWide(g) ? {} : subtreeWhere(g.unitPath!)) } },
      ...(provinceWide(g) && g.historyTenantIds?.length
        ? [{ unit: { tenantId: { in: [...g.historyTenantIds] } } }]
        : []),
    ]),
  };
}

/**
 * A coarse superset of `workWhere`, by province only: one condition however many unit grants the viewer holds (an
 * officer entering values for 500 communes holds 500). The caller keeps only the rows `can` allows.
 */
export function workTenantsWhere(viewer: Viewer): Prisma.AssessmentWhereInput {
  if (viewer.kind !== "user") return { id: { in: [] } };
  if (can.isMinistryAdmin(viewer)) return {};
  const tenants = new Set<string>();
  for (const g of viewer.grants) {
    tenants.add(g.tenantId);
    if (provinceWide(g)) for (const t of g.historyTenantIds ?? []) tenants.add(t);
  }
  return { unit: { tenantId: { in: [...tenants] } } };
}

/** The assessments the viewer may see at all: recognised ones (public) and those whose working data it may read. */
export function visibleAssessmentsWhere(viewer: Viewer): Prisma.AssessmentWhereInput {
  // Prisma reads `{}` inside OR as "no match", so the ministry (which reads everything) is said plainly.
  if (can.isMinistryAdmin(viewer)) return {};
  return { OR: [{ status: "RECOGNISED" }, workWhere(viewer)] };
}

/** A published (or archived) version: public; a draft is read only with `can.readTenant`. */
export const PUBLIC_VERSION = { status: { not: "DRAFT" } } satisfies Prisma.CriteriaSetVersionWhereInput;

/** `PUBLIC_VERSION` for a loaded version. */
export function isPublicVersion(v: { status: string }): boolean {
  return v.status !== "DRAFT";
}

/** The versions of a set the viewer may see, as a query filter. */
export function visibleVersionsWhere(viewer: Viewer, set: { tenantId: string }): Prisma.CriteriaSetVersionWhereInput {
  return can.readTenant(viewer, set.tenantId) ? {} : PUBLIC_VERSION;
}

/** The criteria sets the viewer may see: those of its tenants, and any other once it has a published version. */
export function visibleSetsWhere(viewer: Viewer): Prisma.CriteriaSetWhereInput {
  if (can.isMinistryAdmin(viewer)) return {};
  const tenants =
    viewer.kind === "user" ? viewer.grants.flatMap((g) => [g.tenantId, ...(g.historyTenantIds ?? [])]) : [];
  const own = tenants.length > 0 ? [{ tenantId: { in: tenants } }] : [];
  return { OR: [{ versions: { some: PUBLIC_VERSION } }, ...own] };
}

/**
 * The roles a tenant's admin may grant in it: a province, its own roles (never the ministry's); the ministry, in the
 * national tenant, only VIEWER (a second ministry admin, or a province role on the nation, is not given here).
 */
export function grantableRoles(tenantId: string): readonly Role[] {
  return tenantId === NATIONAL_TENANT
    ? ["VIEWER"]
    : ["PROVINCE_ADMIN", "PROVINCE_LEADER", "DISTRICT_OFFICER", "UNIT_EDITOR", "APPRAISER", "VIEWER"];
}

/**
 * An account is the tenant's to reset and disable when every role it holds is of that tenant and none is the
 * ministry's: an account with roles elsewhere too is shared (its roles here are still granted and revoked here).
 */
export function accountOfTenant(roles: readonly RoleGrant[], tenantId: string): boolean {
  return roles.length > 0 && roles.every((r) => r.tenantId === tenantId && r.role !== "MINISTRY_ADMIN");
}

export function ensure(allowed: boolean, vi?: string, en?: string): void {
  if (!allowed) throw new ForbiddenError(vi, en);
}

// ---- what the viewer may do, for the screens (Me.capabilities, CriteriaSetVersion.allowedActions) ----

export type AdminSection = "NATIONAL" | "COMPARE" | "SETS" | "ROUNDS" | "REPORT" | "ACCOUNTS";

/** The admin app's page for those whose work is in the unit portal (a unit's own staff): it leads them to `portalLanding`. */
export const ADMIN_TO_PORTAL = "/portal";
export type SetVersionAction = "EDIT" | "PUBLISH" | "CLONE";

export interface Capabilities {
  adminLanding: string;
  portalLanding: string;
  adminSections: AdminSection[];
  ownTenant: string | null;
  manageSets: boolean;
  readNational: boolean;
  decisionDocuments: boolean;
  minutesDocuments: boolean;
}

/** The tenant whose sets, rounds and report the grants run: the province, or "vn" for the ministry. */
function ownTenantOf(grants: readonly (RoleGrant & { readOnly?: boolean })[]): string | null {
  const province = grants.find((g) => g.role === "PROVINCE_ADMIN" && !g.readOnly);
  if (province) return province.tenantId;
  return grants.some(isMinistryGrant) ? NATIONAL_TENANT : null;
}

/** What a signed-in user (their grants) may do and where each app lands them; the apps ask instead of reading roles. */
export function capabilities(grants: readonly (RoleGrant & { readOnly?: boolean })[]): Capabilities {
  const roles = new Set(grants.map((g) => g.role));
  // One test of "the ministry" for the menu, the landing and readNational alike.
  const ministry = grants.some(isMinistryGrant);
  const runsRounds = (["PROVINCE_ADMIN", "PROVINCE_LEADER", "DISTRICT_OFFICER", "APPRAISER", "VIEWER"] as const).some(
    (r) => roles.has(r),
  );
  const adminSections: AdminSection[] = [
    ...(ministry ? (["NATIONAL", "COMPARE"] as const) : []),
    // The ministry runs the national rounds (the provincial DTI) as a province runs its own.
    ...(roles.size > 0 ? (["ROUNDS"] as const) : []),
    "SETS",
    ...(roles.has("PROVINCE_ADMIN") ? (["REPORT"] as const) : []),
    // `can.manageAccounts` of the tenant the grant runs.
    ...(grants.some((g) => !g.readOnly && runsTenantGrant(g, g.tenantId)) ? (["ACCOUNTS"] as const) : []),
  ];
  const own = ownTenantOf(grants);
  const decisionDocuments = REVIEWER_ROLES.some((r) => roles.has(r));
  return {
    // A unit's own staff work in the portal: the admin app sends them there, never to the set list.
    adminLanding: ministry
      ? "/national"
      : runsRounds
        ? "/rounds"
        : roles.has("UNIT_EDITOR")
          ? ADMIN_TO_PORTAL
          : "/sets",
    portalLanding: roles.has("UNIT_EDITOR") ? "/my" : "/",
    adminSections,
    ownTenant: own,
    manageSets: own !== null && grants.some((g) => runsTenantGrant(g, own)),
    readNational: ministry,
    decisionDocuments,
    minutesDocuments: decisionDocuments || roles.has("APPRAISER"),
  };
}

/**
 * What the viewer may do with a version of a set: edit and publish a draft of a tenant it runs; clone a
 * published version into a new version of its own set, or clone the national framework into its province.
 */
export function setVersionActions(
  viewer: Viewer,
  set: { tenantId: string },
  version: { status: "DRAFT" | "PUBLISHED" | "ARCHIVED" },
): SetVersionAction[] {
  const manages = can.manageSets(viewer, set.tenantId);
  if (version.status === "DRAFT") return manages ? ["EDIT", "PUBLISH"] : [];
  const own = viewer.kind === "user" ? ownTenantOf(viewer.grants) : null;
  const cloneInto = set.tenantId === NATIONAL_TENANT && own !== null && own !== set.tenantId;
  return manages || cloneInto ? ["CLONE"] : [];
}
