/**
 * The level above at work (Decision 2361, II.2): it returns an assessment with comments, verifies values and
 * the assessment, the appraisal council appraises, and the level above recognises it (locked for good).
 */
import { valueKey } from "./tenant-keys.ts";
import type { Score } from "@cds/criteria-core";
import { InputError, type FieldIssue } from "../errors.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { Viewer } from "./access.ts";
import {
  claim,
  effectiveValues,
  guarded,
  judgeValues,
  load,
  loadForAction,
  readableAssessment,
  refreshEvaluation,
  transition,
  type LoadedAssessment,
  assessmentEvent,
  scoreText,
  valueCodes,
} from "./assessment-store.ts";
import { audit } from "./audit.ts";
import { parseDecision } from "./input.ts";
import { notifyComment, notifyRecognised, notifyReturned, wakeOutbox } from "./notifications.ts";
import { pinnedSet } from "./sets.ts";

export async function returnAssessment(
  prisma: PrismaClient,
  viewer: Viewer,
  input: {
    assessmentId: string;
    version: number;
    comments: { criterionCode?: string | null; body: string; needsEvidence?: boolean | null }[];
  },
): Promise<LoadedAssessment> {
  const { user, a } = await loadForAction(prisma, viewer, input.assessmentId, "return");
  const codes = valueCodes(await pinnedSet(prisma, a.setVersionId));
  const comments = input.comments.filter((c) => c.body.trim().length > 0);
  const issues: FieldIssue[] = [];
  if (comments.length === 0)
    issues.push({ field: "comments", message: "Nêu lý do trả lại", messageEn: "Say why it is returned" });
  input.comments.forEach((c, i) => {
    if (c.needsEvidence && !c.criterionCode)
      issues.push({
        field: `comments.${i}.criterionCode`,
        message: "chọn tiêu chí cần bổ sung minh chứng",
        messageEn: "name the criterion that needs more evidence",
      });
    if (c.criterionCode && !codes.has(c.criterionCode)) {
      issues.push({
        field: `comments.${i}.criterionCode`,
        message: `không có tiêu chí ${c.criterionCode}`,
        messageEn: `no criterion ${c.criterionCode}`,
      });
    }
    if (c.body.length > 4000)
      issues.push({
        field: `comments.${i}.body`,
        message: "tối đa 4.000 ký tự",
        messageEn: "at most 4,000 characters",
      });
  });
  if (issues.length > 0) throw new InputError(issues);
  const returned = await guarded(() =>
    prisma.$transaction(async (tx) => {
      await claim(tx, a, input.version, { status: "RETURNED" });
      await tx.reviewComment.createMany({
        data: comments.map((c) => ({
          tenantId: a.tenantId,
          assessmentId: a.id,
          criterionCode: c.criterionCode ?? null,
          body: c.body.trim(),
          needsEvidence: Boolean(c.needsEvidence),
          authorId: user.userId,
        })),
      });
      await audit(tx, viewer, {
        ...assessmentEvent(a, "assessment.return"),
        before: { status: a.status },
        after: { status: "RETURNED", comments },
      });
      await notifyReturned(tx, viewer, a, comments);
      return load(tx, a.id);
    }),
  );
  wakeOutbox(prisma);
  return returned;
}

export async function verifyValue(
  prisma: PrismaClient,
  viewer: Viewer,
  input: {
    assessmentId: string;
    version: number;
    criterionCode: string;
    value?: unknown;
    comment?: string | null;
    now: Date;
  },
): Promise<LoadedAssessment> {
  // The verifier corrects values of a submitted assessment; a scored index's council, those of a verified one.
  const found = await readableAssessment(prisma, viewer, input.assessmentId);
  const action = found.status === "VERIFIED" && found.round.judgedBy !== "levels" ? "appraiseValue" : "verifyValue";
  const { user, a } = await loadForAction(prisma, viewer, input.assessmentId, action);
  const set = await pinnedSet(prisma, a.setVersionId);

  if (!valueCodes(set).has(input.criterionCode)) {
    throw InputError.field(
      "criterionCode",
      `không có tiêu chí ${input.criterionCode}`,
      `no criterion ${input.criterionCode}`,
    );
  }
  const corrected = input.value === undefined || input.value === null ? null : input.value;
  if (corrected !== null) judgeValues(set, { ...effectiveValues(a), [input.criterionCode]: corrected });
  const old = a.values.find((v) => v.criterionCode === input.criterionCode);
  const verified = await guarded(() =>
    prisma.$transaction(async (tx) => {
      await claim(tx, a, input.version);
      const data = {
        verifiedValue: corrected === null ? Prisma.DbNull : (corrected as Prisma.InputJsonValue),
        verifierComment: input.comment?.trim() || null,
        verifiedById: user.userId,
        verifiedAt: input.now,
      };
      await tx.indicatorValue.upsert({
        where: valueKey(a, input.criterionCode),
        create: {
          tenantId: a.tenantId,
          assessmentId: a.id,
          criterionCode: input.criterionCode,
          value: Prisma.DbNull,
          ...data,
        },
        update: data,
      });
      const fresh = await refreshEvaluation(tx, a.id);
      await audit(tx, viewer, {
        ...assessmentEvent(a, action === "appraiseValue" ? "assessment.appraiseValue" : "assessment.verifyValue"),
        before: {
          criterionCode: input.criterionCode,
          value: old?.value ?? null,
          verifiedValue: old?.verifiedValue ?? null,
        },
        after: {
          criterionCode: input.criterionCode,
          verifiedValue: corrected,
          comment: data.verifierComment,
          level: fresh.computedLevel,
          ...(fresh.score ? { score: scoreText(fresh.score) } : {}),
        },
      });
      // A new comment for the unit (not one repeated unchanged with a corrected value).
      if (data.verifierComment && data.verifierComment !== old?.verifierComment)
        await notifyComment(tx, viewer, a, { criterionCode: input.criterionCode, body: data.verifierComment });
      return fresh;
    }),
  );
  wakeOutbox(prisma);
  return verified;
}

export async function verifyAssessment(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { assessmentId: string; version: number },
) {
  const { a } = await loadForAction(prisma, viewer, input.assessmentId, "verify");
  return transition(prisma, viewer, a, input.version, "VERIFIED", {}, "assessment.verify", {
    computedLevel: a.computedLevel,
  });
}

export async function appraiseAssessment(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { assessmentId: string; version: number; level?: number | null },
) {
  const { a } = await loadForAction(prisma, viewer, input.assessmentId, "appraise");
  if (a.score) {
    // A scored index: the council's points are its corrections of the components (verifyValue); appraising
    // confirms the score as it stands (and, for a set judged by both, the level its bands give).
    if (input.level !== undefined && input.level !== null && input.level !== a.computedLevel)
      throw InputError.field(
        "level",
        "Bộ chỉ số chấm điểm: mức xếp loại tính từ điểm, không nhập tay",
        "A scored index: the level follows from the score",
      );
    const level = (a.score as unknown as Score).level;
    return transition(prisma, viewer, a, input.version, "APPRAISED", { appraisedLevel: level }, "assessment.appraise", {
      appraisedLevel: level,
      score: scoreText(a.score),
    });
  }
  const level = input.level ?? a.computedLevel;
  if (!Number.isInteger(level) || level < 0 || level > a.computedLevel) {
    throw InputError.field(
      "level",
      `Mức thẩm định phải từ 0 đến ${a.computedLevel} (mức số liệu đạt được)`,
      `The appraised level must be 0 to ${a.computedLevel} (what the data reach)`,
    );
  }
  return transition(prisma, viewer, a, input.version, "APPRAISED", { appraisedLevel: level }, "assessment.appraise", {
    appraisedLevel: level,
  });
}

export async function recogniseAssessment(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { assessmentId: string; version: number; decisionNumber: string; decisionDate: string; now: Date },
) {
  const { a } = await loadForAction(prisma, viewer, input.assessmentId, "recognise");
  const { decisionNumber, date } = parseDecision(input, [
    "Nhập số quyết định công nhận",
    "Enter the recognition decision number",
  ]);
  const recognised = await transition(
    prisma,
    viewer,
    a,
    input.version,
    "RECOGNISED",
    {
      recognisedLevel: a.appraisedLevel,
      // A scored index's result is frozen with the recognition (the database locks the row from then on).
      ...(a.score ? { finalScore: a.score as Prisma.InputJsonValue } : {}),
      recognitionDecision: decisionNumber,
      recognitionDate: date,
      recognisedAt: input.now,
    },
    "assessment.recognise",
    {
      recognisedLevel: a.appraisedLevel,
      ...(a.score ? { score: scoreText(a.score) } : {}),
      decisionNumber,
      decisionDate: input.decisionDate,
    },
    (tx) =>
      notifyRecognised(tx, a, {
        level: a.appraisedLevel,
        scoreText: a.score ? scoreText(a.score) : null,
        decisionNumber,
        decisionDate: input.decisionDate,
      }),
  );
  wakeOutbox(prisma);
  return recognised;
}
