/**
 * Verifying one value: keep what the unit entered, or correct it in the shape the unit entered it
 * (the shared indicator form model: the same parsing as the portal's form), with a comment.
 */
import { useState, type FormEvent } from "react";
import {
  emptyFieldError,
  fieldFromValue,
  formatValue,
  parseField,
  request,
  unwrap,
  useI18n,
  type ApiError,
  type FieldState,
} from "@cds/ui";
import type { TCriterion } from "@cds/criteria-schema";
import { ActionError, Dialog, inputError } from "./dialog.tsx";
import { VerifyValueMutation, type AssessmentDetail, type CriterionRow } from "./queries.ts";
import { useReviewMutation, type Done } from "./useReviewMutation.ts";

type Issue = { field: string; message: string; messageEn: string };

/** The value as an editable field; a reviewer corrects numbers, never "nothing to count". */
function editableField(measure: string, v: unknown): FieldState {
  const f = fieldFromValue({ measure: measure as TCriterion["measure"] }, v);
  return f.kind === "auto" ? f : { ...f, noSubjects: false };
}

/** The corrected value, or the issues that stop it (named by input, in the current language). */
function correction(f: FieldState, t: (k: string) => string): { value?: unknown; issues: Issue[] } {
  const r = parseField(f);
  if (r.status === "ok") return { value: r.value, issues: [] };
  const errors = r.status === "empty" ? [emptyFieldError(f)] : r.errors;
  return { issues: errors.map((e) => ({ field: e.input, message: t(e.key), messageEn: t(e.key) })) };
}

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
  const hasCorrection = value?.verifiedValue !== null && value?.verifiedValue !== undefined;
  const [mode, setMode] = useState<"keep" | "correct">(hasCorrection ? "correct" : "keep");
  const [field, setField] = useState<FieldState>(() =>
    editableField(criterion.measure, value?.verifiedValue ?? value?.value),
  );
  const [comment, setComment] = useState(value?.verifierComment ?? "");
  const [local, setLocal] = useState<ApiError | null>(null);
  const labels: Record<string, string> = {
    numerator: t("value.numerator"),
    denominator: t("value.denominator"),
    percent: t("value.percent"),
    value: t("value.boolean"),
    count: t("value.count"),
    total: t("value.total"),
    comment: t("review.verifierComment"),
  };
  const m = useReviewMutation(a, async (v: { value: unknown; comment: string | null }) =>
    unwrap(
      (
        await request(VerifyValueMutation, {
          assessmentId: a.id,
          version: a.version,
          criterionCode: criterion.code,
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
      const r = correction(field, t);
      issues.push(...r.issues);
      v = r.value;
      if (!comment.trim())
        issues.push({
          field: "comment",
          message: t("review.err.correctionComment"),
          messageEn: "Say why the value is corrected",
        });
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
          onDone(
            mode === "correct"
              ? t("review.done.correct", { code: criterion.code })
              : t("review.done.keep", { code: criterion.code }),
          );
          onClose();
        },
      },
    );
  };
  const set = (patch: Record<string, string | boolean | null>) => setField((f) => ({ ...f, ...patch }) as FieldState);
  const bad = (f: string) => (local?.issues.some((i) => i.field === f) ? true : undefined);
  const num = (name: "numerator" | "denominator" | "percent" | "count" | "total", v: string) => (
    <NumberInput
      label={labels[name]!}
      value={v}
      onChange={(x) => set({ [name]: x })}
      invalid={bad(name)}
      decimal={name === "percent"}
    />
  );
  return (
    <Dialog title={t("review.verifyTitle", { code: criterion.code })} onClose={onClose}>
      <form onSubmit={submit} style={{ display: "flex", flexDirection: "column", gap: "0.7rem" }} noValidate>
        <p style={{ margin: 0 }}>{criterion.name}</p>
        <p style={{ margin: 0 }}>
          {t("review.col.entered")}: <strong>{formatValue(value?.value, i18n)}</strong>
          {criterion.targetLabels.length > 0 && (
            <span className="muted" style={{ display: "block", fontSize: "0.88rem" }}>
              {t("review.targets")}: {criterion.targetLabels.map((l, i) => `M${i + 1} ${l}`).join(" · ")}
            </span>
          )}
        </p>
        <fieldset>
          <legend>{t("review.verifyChoice")}</legend>
          <label className="radio">
            <input type="radio" name="mode" checked={mode === "keep"} onChange={() => setMode("keep")} />
            {t("review.keepValue")}
          </label>
          <label className="radio">
            <input type="radio" name="mode" checked={mode === "correct"} onChange={() => setMode("correct")} />
            {t("review.correctValue")}
          </label>
        </fieldset>
        {mode === "correct" && (
          <div className="value-editor">
            {field.kind === "ratio" && (
              <>
                {num("numerator", field.numerator)}
                {num("denominator", field.denominator)}
              </>
            )}
            {field.kind === "percent" && num("percent", field.percent)}
            {field.kind === "boolean" && (
              <label>
                {labels.value}
                <select
                  value={field.value === null ? "" : String(field.value)}
                  onChange={(e) => set({ value: e.target.value === "" ? null : e.target.value === "true" })}
                  aria-invalid={bad("value")}
                >
                  <option value="">—</option>
                  <option value="true">{t("input.yes")}</option>
                  <option value="false">{t("input.no")}</option>
                </select>
              </label>
            )}
            {field.kind === "count" && num("count", field.count)}
            {field.kind === "countOfTotal" && (
              <>
                {num("count", field.count)}
                {num("total", field.total)}
              </>
            )}
          </div>
        )}
        <label>
          {labels.comment}
          <textarea value={comment} onChange={(e) => setComment(e.target.value)} aria-invalid={bad("comment")} />
        </label>
        <ActionError error={local ?? m.error} labels={labels} />
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
