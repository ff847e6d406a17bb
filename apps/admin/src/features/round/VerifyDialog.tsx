/**
 * What verifying a level criterion's value and a scored component's value have in common: keep what the
 * unit entered, or correct it (with a comment saying why), saved by `verifyIndicatorValue`; the inputs
 * a criterion and a component share (yes/no, numerator/denominator, a percent, a count). Each dialog
 * brings its own inputs and its own reading of them (the shared indicator form model).
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { request, unwrap, useI18n, type ApiError, type ComponentFieldState, type FieldState } from "@cds/ui";
import { ActionError, Dialog, inputError } from "./dialog.tsx";
import { VerifyValueMutation, type AssessmentDetail } from "./queries.ts";
import { useReviewMutation, type Done } from "./useReviewMutation.ts";

export type Issue = { field: string; message: string; messageEn: string };

/** The corrected value as typed, or the issues that stop it (named by input, in the current language). */
export type Correction = { value?: unknown; issues: Issue[] };

export type Bad = (input: string) => true | undefined;

export function NumberInput({
  label,
  value,
  onChange,
  invalid,
  decimal = false,
  describedBy,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  invalid: true | undefined;
  decimal?: boolean;
  describedBy?: string;
}) {
  return (
    <label>
      {label}
      <input
        inputMode={decimal ? "decimal" : "numeric"}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid}
        aria-describedby={describedBy}
      />
    </label>
  );
}

type SharedField = Exclude<FieldState, { kind: "auto" }> | ComponentFieldState;

/** The inputs of the shapes a criterion and a component share; nothing for the others (index, points). */
export function SharedInputs({
  field,
  onChange,
  labels,
  bad,
  yesLabel,
}: {
  field: SharedField;
  onChange: (patch: Record<string, string | boolean | null>) => void;
  labels: Record<string, string>;
  bad: Bad;
  yesLabel?: string;
}) {
  const { t } = useI18n();
  const num = (name: "numerator" | "denominator" | "percent" | "count" | "total", v: string) => (
    <NumberInput
      label={labels[name]!}
      value={v}
      onChange={(x) => onChange({ [name]: x })}
      invalid={bad(name)}
      decimal={name === "percent"}
    />
  );
  switch (field.kind) {
    case "ratio":
      return (
        <>
          {num("numerator", field.numerator)}
          {num("denominator", field.denominator)}
        </>
      );
    case "percent":
      return num("percent", field.percent);
    case "boolean":
      return (
        <label>
          {labels.value}
          <select
            value={field.value === null ? "" : String(field.value)}
            onChange={(e) => onChange({ value: e.target.value === "" ? null : e.target.value === "true" })}
            aria-invalid={bad("value")}
          >
            <option value="">—</option>
            <option value="true">{yesLabel ?? t("input.yes")}</option>
            <option value="false">{t("input.no")}</option>
          </select>
        </label>
      );
    case "count":
      return num("count", field.count);
    case "countOfTotal":
      return (
        <>
          {num("count", field.count)}
          {num("total", field.total)}
        </>
      );
    default:
      return null;
  }
}

/** The verify dialog: the heading lines, keep or correct, the correcting inputs, the comment, save. */
export function VerifyDialog({
  a,
  code,
  value,
  title,
  intro,
  correctLabel,
  commentNeeded,
  doneCorrect,
  labels,
  correct,
  editor,
  onClose,
  onDone,
}: {
  a: AssessmentDetail;
  code: string;
  value: AssessmentDetail["values"][number] | undefined;
  title: string;
  /** What is verified (name, rule, the value entered…). */
  intro: ReactNode;
  correctLabel: string;
  /** The message when a correction has no comment. */
  commentNeeded: string;
  doneCorrect: string;
  labels: Record<string, string>;
  /** The correction as typed, read when saving one. */
  correct: () => Correction;
  editor: (bad: Bad) => ReactNode;
  onClose: () => void;
  onDone: Done;
}) {
  const { t } = useI18n();
  const hasCorrection = value?.verifiedValue !== null && value?.verifiedValue !== undefined;
  const [mode, setMode] = useState<"keep" | "correct">(hasCorrection ? "correct" : "keep");
  const [comment, setComment] = useState(value?.verifierComment ?? "");
  const [local, setLocal] = useState<ApiError | null>(null);
  const m = useReviewMutation(a, async (v: { value: unknown; comment: string | null }) =>
    unwrap(
      (
        await request(VerifyValueMutation, {
          assessmentId: a.id,
          version: a.version,
          criterionCode: code,
          value: v.value,
          comment: v.comment,
        })
      ).verifyIndicatorValue,
    ),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let v: unknown = null;
    const issues: Issue[] = [];
    if (mode === "correct") {
      const r = correct();
      issues.push(...r.issues);
      v = r.value;
      if (!comment.trim())
        issues.push({ field: "comment", message: commentNeeded, messageEn: "Say why the value is corrected" });
    }
    if (issues.length > 0) {
      setLocal(inputError(issues));
      return;
    }
    setLocal(null);
    m.mutate(
      { value: v, comment: comment.trim() || null },
      {
        onSuccess: () => {
          onDone(mode === "correct" ? doneCorrect : t("review.done.keep", { code }));
          onClose();
        },
      },
    );
  };
  const bad: Bad = (f) => (local?.issues.some((i) => i.field === f) ? true : undefined);
  const allLabels = { ...labels, comment: t("review.verifierComment") };

  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} style={{ display: "flex", flexDirection: "column", gap: "0.7rem" }} noValidate>
        {intro}
        <fieldset>
          <legend>{t("review.verifyChoice")}</legend>
          <label className="radio">
            <input type="radio" name="mode" checked={mode === "keep"} onChange={() => setMode("keep")} />
            {t("review.keepValue")}
          </label>
          <label className="radio">
            <input type="radio" name="mode" checked={mode === "correct"} onChange={() => setMode("correct")} />
            {correctLabel}
          </label>
        </fieldset>
        {mode === "correct" && <div className="value-editor">{editor(bad)}</div>}
        <label>
          {allLabels.comment}
          <textarea value={comment} onChange={(e) => setComment(e.target.value)} aria-invalid={bad("comment")} />
        </label>
        <ActionError error={local ?? m.error} labels={allLabels} />
        <div className="buttons">
          <button type="button" className="secondary" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={m.isPending}>
            {m.isPending ? t("common.working") : t("review.saveVerification")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
