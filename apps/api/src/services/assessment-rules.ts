/**
 * The rules of an assessment's workflow, without the database: which action is possible in which status and
 * for whom (ASSESSMENT_ACTIONS), what a screen may offer (allowedActions), and the one submit precondition
 * (submitProblems), which submitAssessment enforces.
 */
import type { Evaluation, Score } from "@cds/criteria-core";
import { WorkflowError } from "../errors.ts";
import type { AssessmentStatus } from "../generated/prisma/client.ts";
import { can, ensure, reviewChainOf, unitRef, type ReviewChain, type UnitRef, type Viewer } from "./access.ts";

const STATUS_VI: Record<AssessmentStatus, string> = {
  DRAFT: "đang nhập",
  SUBMITTED: "đã nộp",
  RETURNED: "bị trả lại",
  VERIFIED: "đã xác minh",
  APPRAISED: "đã thẩm định",
  RECOGNISED: "đã công nhận",
};

export const RECOGNISED_LOCKED = ["Hồ sơ đã công nhận, không thể sửa", "Recognised: it can no longer change"] as const;

/** Why the status refuses the action (Vietnamese, English), or null when it allows it. */
function statusProblem(
  a: { status: AssessmentStatus },
  allowed: readonly AssessmentStatus[],
  action: string,
  actionEn: string,
): readonly [string, string] | null {
  if (a.status === "RECOGNISED") return RECOGNISED_LOCKED;
  if (allowed.includes(a.status)) return null;
  return [
    `Không thể ${action} khi hồ sơ ${STATUS_VI[a.status]}`,
    `Cannot ${actionEn} an assessment that is ${a.status.toLowerCase()}`,
  ];
}

/**
 * Each action on an assessment: in which statuses it is possible, who may do it, and how
 * a refusal reads. The service guards and `allowedActions` (what screens offer) both read
 * this table, so a screen never offers what the API would refuse.
 */
export const ASSESSMENT_ACTIONS = {
  registerLevel: {
    statuses: ["DRAFT", "RETURNED"],
    may: can.editUnit,
    who: ["Chỉ cán bộ của đơn vị mới được đăng ký mức độ", "Only the unit's own staff may register a level"],
    what: ["đăng ký mức độ", "register a level for"],
  },
  saveValues: {
    statuses: ["DRAFT", "RETURNED"],
    may: can.editUnit,
    who: ["Chỉ cán bộ của đơn vị mới được nhập số liệu", "Only the unit's own staff may enter values"],
    what: ["nhập số liệu", "enter values in"],
  },
  uploadEvidence: {
    statuses: ["DRAFT", "RETURNED"],
    may: can.editUnit,
    who: ["Chỉ cán bộ của đơn vị mới được tải minh chứng", "Only the unit's own staff may upload evidence"],
    what: ["thêm minh chứng", "add evidence to"],
  },
  deleteEvidence: {
    statuses: ["DRAFT", "RETURNED"],
    may: can.editUnit,
    who: ["Chỉ cán bộ của đơn vị mới được xoá minh chứng", "Only the unit's own staff may delete evidence"],
    what: ["xoá minh chứng", "delete evidence of"],
  },
  replaceEvidence: {
    statuses: ["DRAFT", "RETURNED"],
    may: can.editUnit,
    who: ["Chỉ cán bộ của đơn vị mới được thay minh chứng", "Only the unit's own staff may replace evidence"],
    what: ["thay minh chứng", "replace evidence of"],
  },
  submit: {
    statuses: ["DRAFT", "RETURNED"],
    may: can.editUnit,
    who: ["Chỉ cán bộ của đơn vị mới được nộp hồ sơ", "Only the unit's own staff may submit"],
    what: ["nộp", "submit"],
  },
  return: {
    statuses: ["SUBMITTED", "VERIFIED", "APPRAISED"],
    may: can.returnUnit,
    who: ["Bạn không phải cấp xét duyệt của đơn vị này", "You do not review this unit"],
    what: ["trả lại", "return"],
  },
  verifyValue: {
    statuses: ["SUBMITTED"],
    may: can.verifyUnit,
    who: ["Bạn không phải cấp xác minh của đơn vị này", "You do not verify this unit"],
    what: ["xác minh số liệu", "verify values of"],
  },
  appraiseValue: {
    // A scored index's appraisal council gives its points (partial credit within the component's bounds).
    statuses: ["VERIFIED"],
    may: can.appraiseUnit,
    who: ["Bạn không thuộc hội đồng thẩm định của đơn vị này", "You are not on this unit's appraisal council"],
    what: ["chấm điểm thẩm định", "give appraisal points to"],
  },
  verify: {
    statuses: ["SUBMITTED"],
    may: can.verifyUnit,
    who: ["Bạn không phải cấp xác minh của đơn vị này", "You do not verify this unit"],
    what: ["xác nhận đã xác minh", "mark as verified"],
  },
  appraise: {
    statuses: ["VERIFIED"],
    may: can.appraiseUnit,
    who: ["Bạn không thuộc hội đồng thẩm định của đơn vị này", "You are not on this unit's appraisal council"],
    what: ["thẩm định", "appraise"],
  },
  recognise: {
    statuses: ["APPRAISED"],
    may: can.recogniseUnit,
    who: ["Bạn không phải cấp công nhận của đơn vị này", "You do not recognise this unit"],
    what: ["công nhận", "recognise"],
  },
} satisfies Record<
  string,
  {
    statuses: AssessmentStatus[];
    may: (v: Viewer, u: UnitRef, chain: ReviewChain) => boolean;
    who: [string, string];
    what: [string, string];
  }
>;

export type AssessmentAction = keyof typeof ASSESSMENT_ACTIONS;

/** The statuses in which some action of the table is possible: nothing else can be "Cần xử lý" for anyone. */
export const ACTIONABLE_STATUSES: readonly AssessmentStatus[] = [
  ...new Set(Object.values(ASSESSMENT_ACTIONS).flatMap((r): readonly AssessmentStatus[] => r.statuses)),
];

/** Refuses unless the viewer may take `action` on the assessment in its current status. */
/** What the rules read of an assessment: its status, its unit and its round's review chain. */
export interface ActionTarget {
  status: AssessmentStatus;
  unit: UnitRef;
  round: { reviewChain: unknown; closedAt?: Date | null; judgedBy?: string };
}

export const ROUND_CLOSED = [
  "Đợt đánh giá đã đóng: không nhập, sửa hay nộp thêm được",
  "The round is closed: nothing more can be entered or submitted",
] as const;

/** The unit's own actions (entering values, evidence, submitting) stop when the province closes the round. */
const closedProblem = (a: ActionTarget, action: AssessmentAction) =>
  a.round.closedAt && ASSESSMENT_ACTIONS[action].may === can.editUnit ? ROUND_CLOSED : null;

export const LEVELS_COUNCIL = [
  "Hội đồng thẩm định mức độ không sửa số liệu; hãy trả lại hồ sơ nếu số liệu chưa đúng",
  "A level set's council does not change values; return the assessment instead",
] as const;

/** Only a scored index's council gives points: a round judged by levels has no `appraiseValue`. */
const kindProblem = (a: ActionTarget, action: AssessmentAction) =>
  action === "appraiseValue" && (a.round.judgedBy ?? "levels") === "levels" ? LEVELS_COUNCIL : null;

export function requireAction(viewer: Viewer, a: ActionTarget, action: AssessmentAction): void {
  const rule = ASSESSMENT_ACTIONS[action];
  ensure(rule.may(viewer, unitRef(a), reviewChainOf(a.round)), rule.who[0], rule.who[1]);
  const refused =
    statusProblem(a, rule.statuses, rule.what[0], rule.what[1]) ?? closedProblem(a, action) ?? kindProblem(a, action);
  if (refused) throw new WorkflowError(refused[0], refused[1]);
}

export const NO_LEVEL = ["Hãy đăng ký mức độ trước khi nộp", "Register a target level before submitting"] as const;

/** The criteria without a value that the registered level (and every level below it) needs. */
export function missingUpTo(e: Evaluation | null, level: number): string[] {
  const missing = new Set<string>();
  for (const l of e?.levels.slice(0, level) ?? []) for (const code of l.missing) missing.add(code);
  return [...missing];
}

/**
 * What must still be entered before submitting: for a level set, the criteria the registered level needs; for a
 * scored set, every component without a value (a component that may not apply is declared so, never left empty).
 */
export function missingToSubmit(a: { evaluation: unknown; score: unknown }, registeredLevel: number | null): string[] {
  const score = a.score as Score | null;
  if (score) return score.missing;
  return missingUpTo(a.evaluation as Evaluation | null, registeredLevel ?? 0);
}

export const missingIssue = (code: string) => ({
  criterion: code,
  field: `values.${code}`,
  reason: "missing" as const,
  message: "chưa nhập số liệu",
  messageEn: "no value entered",
});

export interface SubmitProblem {
  criterion: string;
  field: string;
  reason: "forbidden" | "status" | "no_level" | "missing";
  message: string;
  messageEn: string;
}

/**
 * Why the viewer may not submit the assessment now (empty when it may): the one submit precondition that
 * `submitAssessment` enforces, for screens to show before the user tries. Only the unit's own staff learn
 * which values are missing.
 */
export function submitProblems(
  viewer: Viewer,
  a: {
    status: AssessmentStatus;
    unit: UnitRef;
    registeredLevel: number | null;
    evaluation: Evaluation | null;
    score: Score | null;
  },
): SubmitProblem[] {
  const rule = ASSESSMENT_ACTIONS.submit;
  const issue = (reason: SubmitProblem["reason"], [message, messageEn]: readonly [string, string], field = "") => ({
    criterion: "",
    field,
    reason,
    message,
    messageEn,
  });
  if (!rule.may(viewer, unitRef(a))) return [issue("forbidden", rule.who)];
  const refused = statusProblem(a, rule.statuses, rule.what[0], rule.what[1]);
  if (refused) return [issue("status", refused)];
  if (!a.score && !a.registeredLevel) return [issue("no_level", NO_LEVEL, "registeredLevel")];
  return missingToSubmit(a, a.registeredLevel).map(missingIssue);
}

/** The actions the viewer may take on the assessment now, for screens to offer. */
export function allowedActions(viewer: Viewer, a: ActionTarget): AssessmentAction[] {
  const chain = reviewChainOf(a.round);
  return (Object.keys(ASSESSMENT_ACTIONS) as AssessmentAction[]).filter((k) => {
    const rule = ASSESSMENT_ACTIONS[k];
    return (
      (rule.statuses as readonly AssessmentStatus[]).includes(a.status) &&
      !closedProblem(a, k) &&
      !kindProblem(a, k) &&
      rule.may(viewer, unitRef(a), chain)
    );
  });
}
