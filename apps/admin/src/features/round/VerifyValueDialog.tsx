/**
 * Verifying one value: keep what the unit entered, or correct it in the shape the unit entered it
 * (the shared indicator form model: the same parsing as the portal's form), with a comment.
 */
import { useState } from "react";
import { emptyFieldError, fieldFromValue, formatValue, parseField, useI18n, type FieldState } from "@cds/ui";
import type { TCriterion } from "@cds/criteria-schema";
import type { AssessmentDetail, CriterionRow } from "./queries.ts";
import type { Done } from "./useReviewMutation.ts";
import { SharedInputs, VerifyDialog, type Correction } from "./VerifyDialog.tsx";

/** The value as an editable field; a reviewer corrects numbers, never "nothing to count". */
function editableField(measure: string, v: unknown): FieldState {
  const f = fieldFromValue({ measure: measure as TCriterion["measure"] }, v);
  return f.kind === "auto" ? f : { ...f, noSubjects: false };
}

/** The corrected value, or the issues that stop it (named by input, in the current language). */
function correction(f: FieldState, t: (k: string) => string): Correction {
  const r = parseField(f);
  if (r.status === "ok") return { value: r.value, issues: [] };
  const errors = r.status === "empty" ? [emptyFieldError(f)] : r.errors;
  return { issues: errors.map((e) => ({ field: e.input, message: t(e.key), messageEn: t(e.key) })) };
}

export function VerifyValueDialog({
  a,
  criterion,
  value,
  onClose,
  onDone,
}: {
  a: AssessmentDetail;
  criterion: CriterionRow;
  value: AssessmentDetail["values"][number] | undefined;
  onClose: () => void;
  onDone: Done;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [field, setField] = useState<FieldState>(() =>
    editableField(criterion.measure, value?.verifiedValue ?? value?.value),
  );
  const labels: Record<string, string> = {
    numerator: t("value.numerator"),
    denominator: t("value.denominator"),
    percent: t("value.percent"),
    value: t("value.boolean"),
    count: t("value.count"),
    total: t("value.total"),
  };
  return (
    <VerifyDialog
      a={a}
      code={criterion.code}
      value={value}
      title={t("review.verifyTitle", { code: criterion.code })}
      intro={
        <>
          <p style={{ margin: 0 }}>{criterion.name}</p>
          <p style={{ margin: 0 }}>
            {t("review.col.entered")}: <strong>{formatValue(value?.value, i18n)}</strong>
            {criterion.targetLabels.length > 0 && (
              <span className="muted" style={{ display: "block", fontSize: "0.88rem" }}>
                {t("review.targets")}: {criterion.targetLabels.map((l, i) => `M${i + 1} ${l}`).join(" · ")}
              </span>
            )}
          </p>
        </>
      }
      correctLabel={t("review.correctValue")}
      commentNeeded={t("review.err.correctionComment")}
      doneCorrect={t("review.done.correct", { code: criterion.code })}
      labels={labels}
      correct={() => correction(field, t)}
      editor={(bad) =>
        field.kind === "auto" ? null : (
          <SharedInputs
            field={field}
            onChange={(patch) => setField((f) => ({ ...f, ...patch }) as FieldState)}
            labels={labels}
            bad={bad}
          />
        )
      }
      onClose={onClose}
      onDone={onDone}
    />
  );
}
