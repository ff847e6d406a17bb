/**
 * The review actions: mark verified, appraise, recognise (returning and
 * verifying one value are dialogs of their own). Each checks what it can before calling the
 * API (naming the field at fault) and shows the API's own message otherwise.
 */
import { useState, type FormEvent } from "react";
import { readTypedDecision, vietnamToday } from "@cds/calendar";
import { request, unwrap, useI18n, type ApiError } from "@cds/ui";
import { ActionError, inputError } from "./dialog.tsx";
import { AppraiseMutation, RecogniseMutation, VerifyMutation, type AssessmentDetail } from "./queries.ts";
import { numberText, pointsText, type JudgedBy } from "./scored.ts";
import { useReviewMutation, type Done } from "./useReviewMutation.ts";

export function VerifyAssessmentButton({ a, onDone }: { a: AssessmentDetail; onDone: Done }) {
  const { t } = useI18n();
  const m = useReviewMutation(a, async () =>
    unwrap((await request(VerifyMutation, { assessmentId: a.id, version: a.version })).verifyAssessment),
  );
  return (
    <>
      <button
        type="button"
        disabled={m.isPending}
        onClick={() => m.mutate(undefined, { onSuccess: () => onDone(t("review.done.verify")) })}
      >
        {m.isPending ? t("common.working") : t("review.verify")}
      </button>
      {m.error ? (
        <div style={{ flexBasis: "100%", order: 10 }}>
          <ActionError error={m.error} />
        </div>
      ) : null}
    </>
  );
}

/** The score a scored index's appraisal confirms or its recognition freezes: "790,00 / 1.000 điểm" (and the level of a set judged by both). */
function useScoreLine(a: AssessmentDetail): string {
  const { t, locale } = useI18n();
  const s = a.score;
  if (!s) return t("score.none");
  const line = t("score.pointsOf", { points: pointsText(s.scoreText, locale), max: numberText(s.maxScore, locale) });
  return s.levelName ? `${line} — ${t("score.levelTitle")} ${s.levelName}` : line;
}

export function AppraiseForm({
  a,
  judgedBy,
  canGivePoints = false,
  onDone,
}: {
  a: AssessmentDetail;
  judgedBy: JudgedBy;
  /** The user may correct components here too (the council's points): the hint points to the table. */
  canGivePoints?: boolean;
  onDone: Done;
}) {
  if (judgedBy !== "levels") return <ConfirmScoreForm a={a} canGivePoints={canGivePoints} onDone={onDone} />;
  return <AppraiseLevelForm a={a} onDone={onDone} />;
}

/**
 * Appraising a scored index: no level to pick (the council's points are its corrections of the
 * components; the level of a set judged by both follows from the score); it confirms the score shown.
 */
function ConfirmScoreForm({ a, canGivePoints, onDone }: { a: AssessmentDetail; canGivePoints: boolean; onDone: Done }) {
  const { t } = useI18n();
  const line = useScoreLine(a);
  const m = useReviewMutation(a, async () =>
    unwrap((await request(AppraiseMutation, { assessmentId: a.id, version: a.version })).appraiseAssessment),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate(undefined, { onSuccess: () => onDone(t("score.done.appraise", { score: line })) });
  };
  return (
    <form onSubmit={submit} aria-label={t("review.appraiseTitle")}>
      <p style={{ flexBasis: "100%", margin: 0 }} data-testid="appraise-score">
        {t("score.appraiseConfirm", { score: line })}
      </p>
      <button type="submit" disabled={m.isPending}>
        {m.isPending ? t("common.working") : t("review.appraise")}
      </button>
      <p className="hint" style={{ flexBasis: "100%" }}>
        {t(canGivePoints ? "score.appraiseHintPoints" : "score.appraiseHint")}
      </p>
      <div style={{ flexBasis: "100%" }}>
        <ActionError error={m.error} labels={{ level: t("score.levelTitle") }} />
      </div>
    </form>
  );
}

function AppraiseLevelForm({ a, onDone }: { a: AssessmentDetail; onDone: Done }) {
  const { t } = useI18n();
  const max = a.evaluation?.level ?? a.computedLevel;
  const [level, setLevel] = useState(max);
  const m = useReviewMutation(a, async (l: number) =>
    unwrap((await request(AppraiseMutation, { assessmentId: a.id, version: a.version, level: l })).appraiseAssessment),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate(level, {
      onSuccess: () => onDone(t("review.done.appraise", { level: `${level}. ${t(`level.${level}`)}` })),
    });
  };
  return (
    <form onSubmit={submit} aria-label={t("review.appraiseTitle")}>
      <label>
        {t("review.appraiseLevel")}
        <select value={level} onChange={(e) => setLevel(Number(e.target.value))}>
          {Array.from({ length: max + 1 }, (_, l) => (
            <option key={l} value={l}>
              {l}. {t(`level.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={m.isPending}>
        {m.isPending ? t("common.working") : t("review.appraise")}
      </button>
      <p className="hint" style={{ flexBasis: "100%" }}>
        {t("review.appraiseHint", { level: max })}
      </p>
      <div style={{ flexBasis: "100%" }}>
        <ActionError error={m.error} labels={{ level: t("review.appraiseLevel") }} />
      </div>
    </form>
  );
}

export function RecogniseForm({ a, judgedBy, onDone }: { a: AssessmentDetail; judgedBy: JudgedBy; onDone: Done }) {
  const { t, date } = useI18n();
  const scoreLine = useScoreLine(a);
  const [number, setNumber] = useState("");
  const [day, setDay] = useState(() => date(vietnamToday()));
  const [local, setLocal] = useState<ApiError | null>(null);
  const labels = { decisionNumber: t("review.decisionNumber"), decisionDate: t("review.decisionDate") };
  const m = useReviewMutation(a, async (v: { decisionNumber: string; decisionDate: string }) =>
    unwrap((await request(RecogniseMutation, { assessmentId: a.id, version: a.version, ...v })).recogniseAssessment),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const issues: { field: string; message: string; messageEn: string }[] = [];
    // The calendar's rules of a decision (the API applies the same ones).
    const { number: decisionNumber, iso, numberProblem, dateProblem } = readTypedDecision(number, day);
    if (numberProblem)
      issues.push({
        field: "decisionNumber",
        message: t("review.err.decisionNumber"),
        messageEn: "Enter the recognition decision number",
      });
    if (dateProblem === "future")
      issues.push({
        field: "decisionDate",
        message: t("review.err.decisionDateFuture"),
        messageEn: "The decision date cannot be after today",
      });
    else if (dateProblem)
      issues.push({
        field: "decisionDate",
        message: t("review.err.decisionDate"),
        messageEn: "Enter the decision date as dd/mm/yyyy",
      });
    if (!decisionNumber || !iso || issues.length > 0) {
      setLocal(inputError(issues));
      return;
    }
    setLocal(null);
    m.mutate(
      { decisionNumber, decisionDate: iso },
      { onSuccess: () => onDone(t("review.done.recognise", { number: decisionNumber })) },
    );
  };
  const bad = (f: string) => (local?.issues.some((i) => i.field === f) ? true : undefined);
  return (
    <form
      onSubmit={submit}
      aria-label={t(judgedBy === "levels" ? "review.recogniseTitle" : "score.recogniseTitle")}
      noValidate
    >
      <p style={{ flexBasis: "100%", margin: 0 }}>
        {judgedBy === "levels"
          ? t("review.recogniseLevel", { level: `${a.appraisedLevel ?? 0}. ${t(`level.${a.appraisedLevel ?? 0}`)}` })
          : t("score.recogniseScore", { score: scoreLine })}
      </p>
      <label>
        {t("review.decisionNumber")}
        <input
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder={t("review.decisionNumberPlaceholder")}
          aria-invalid={bad("decisionNumber")}
        />
      </label>
      <label>
        {t("review.decisionDate")}
        <input
          value={day}
          onChange={(e) => setDay(e.target.value)}
          placeholder="dd/mm/yyyy"
          inputMode="numeric"
          style={{ width: "9rem" }}
          aria-invalid={bad("decisionDate")}
        />
      </label>
      <button type="submit" disabled={m.isPending}>
        {m.isPending ? t("common.working") : t("review.recognise")}
      </button>
      <div style={{ flexBasis: "100%" }}>
        <ActionError error={local ?? m.error} labels={labels} />
      </div>
    </form>
  );
}
