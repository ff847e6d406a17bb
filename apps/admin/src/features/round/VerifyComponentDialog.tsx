/**
 * Verifying one component of a scored index: keep what the unit entered, or correct it with a comment —
 * in the inputs its rule takes (yes/no, numerator/denominator or a percent, a count, an index 0..1, or,
 * for a component the council judges, its points within 0..max on the rule's step: how the council
 * gives partial credit). The bounds are shown; whether a value is allowed is criteria-core's
 * (`checkComponent`), and each refusal names its input in the reader's language.
 */
import { useId, useState, type FormEvent } from "react";
import { request, unwrap, useI18n, type ApiError } from "@cds/ui";
import type { TCriteriaSet, TScoreComponent } from "@cds/criteria-schema";
import { checkComponent, componentField, formatComponentValue, type ComponentField } from "./component-value.ts";
import { ActionError, Dialog, inputError } from "./dialog.tsx";
import { VerifyValueMutation, type AssessmentDetail } from "./queries.ts";
import { numberText, pointsText, ruleText } from "./scored.ts";
import { useReviewMutation, type Done } from "./useReviewMutation.ts";
import { NumberInput } from "./VerifyValueDialog.tsx";

export function VerifyComponentDialog({
  a,
  set,
  component: c,
  onClose,
  onDone,
}: {
  a: AssessmentDetail;
  set: TCriteriaSet;
  component: TScoreComponent;
  onClose: () => void;
  onDone: Done;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const boundsId = useId();
  const value = a.values.find((v) => v.criterionCode === c.code);
  const appraised = c.rule.kind === "appraised";
  const hasCorrection = value?.verifiedValue !== null && value?.verifiedValue !== undefined;
  const [mode, setMode] = useState<"keep" | "correct">(hasCorrection ? "correct" : "keep");
  const [field, setField] = useState<ComponentField>(() => componentField(c, value?.verifiedValue ?? value?.value));
  const [comment, setComment] = useState(value?.verifierComment ?? "");
  const [local, setLocal] = useState<ApiError | null>(null);
  const countLabel = c.subject ? t("score.countOf", { subject: c.subject }) : t("value.count");
  const labels: Record<string, string> = {
    numerator: t("value.numerator"),
    denominator: t("value.denominator"),
    percent: t("value.percent"),
    value: t("value.boolean"),
    count: countLabel,
    total: t("value.total"),
    index: t("score.input.index"),
    points: t("score.input.points"),
    notApplicable: t("score.input.notApplicable"),
    comment: t("review.verifierComment"),
  };
  const m = useReviewMutation(a, async (v: { value: unknown; comment: string | null }) =>
    unwrap(
      (
        await request(VerifyValueMutation, {
          assessmentId: a.id,
          version: a.version,
          criterionCode: c.code,
          value: v.value,
          comment: v.comment,
        })
      ).verifyIndicatorValue,
    ),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let v: unknown = null;
    const issues: { field: string; message: string; messageEn: string }[] = [];
    if (mode === "correct") {
      const r = checkComponent(set, c, field, t, locale);
      issues.push(...r.issues);
      v = r.value;
      if (!comment.trim())
        issues.push({
          field: "comment",
          message: t(appraised ? "score.err.appraisalComment" : "review.err.correctionComment"),
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
              ? t(appraised ? "score.done.appraised" : "review.done.correct", { code: c.code })
              : t("review.done.keep", { code: c.code }),
          );
          onClose();
        },
      },
    );
  };

  const bad = (f: string) => (local?.issues.some((i) => i.field === f) ? true : undefined);
  const setShared = (patch: Record<string, string | boolean | null>) =>
    setField((f) => (f.kind === "shared" ? { ...f, field: { ...f.field, ...patch } as typeof f.field } : f));
  const num = (name: "numerator" | "denominator" | "percent" | "count" | "total", v: string) => (
    <NumberInput
      label={labels[name]!}
      value={v}
      onChange={(x) => setShared({ [name]: x })}
      invalid={bad(name)}
      decimal={name === "percent"}
    />
  );
  const self = a.selfScore?.components.find((x) => x.code === c.code);
  const cur = a.score?.components.find((x) => x.code === c.code);
  const f = field.kind === "shared" ? field.field : null;

  return (
    <Dialog title={t(appraised ? "score.appraiseTitle" : "review.verifyTitle", { code: c.code })} onClose={onClose}>
      <form onSubmit={submit} style={{ display: "flex", flexDirection: "column", gap: "0.7rem" }} noValidate>
        <p style={{ margin: 0 }}>{c.name}</p>
        <p style={{ margin: 0 }}>
          {t("score.col.rule")}: {ruleText(c, locale)}
        </p>
        <p style={{ margin: 0 }}>
          {t("review.col.entered")}: <strong>{formatComponentValue(c, value?.value, i18n)}</strong>
          {self && cur && (
            <span className="muted" style={{ display: "block", fontSize: "0.88rem" }}>
              {t("score.dialogPoints", {
                self: pointsText(self.pointsText, locale),
                current: pointsText(cur.pointsText, locale),
                max: numberText(c.max, locale),
              })}
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
            {t(appraised ? "score.giveOwnPoints" : "review.correctValue")}
          </label>
        </fieldset>
        {mode === "correct" && (
          <div className="value-editor">
            {!field.notApplicable && f?.kind === "ratio" && (
              <>
                {num("numerator", f.numerator)}
                {num("denominator", f.denominator)}
              </>
            )}
            {!field.notApplicable && f?.kind === "percent" && num("percent", f.percent)}
            {!field.notApplicable && f?.kind === "boolean" && (
              <label>
                {labels.value}
                <select
                  value={f.value === null ? "" : String(f.value)}
                  onChange={(e) => setShared({ value: e.target.value === "" ? null : e.target.value === "true" })}
                  aria-invalid={bad("value")}
                >
                  <option value="">—</option>
                  <option value="true">
                    {c.rule.kind === "yesNo" && c.rule.yesLabel ? c.rule.yesLabel : t("input.yes")}
                  </option>
                  <option value="false">{t("input.no")}</option>
                </select>
              </label>
            )}
            {!field.notApplicable && f?.kind === "count" && num("count", f.count)}
            {!field.notApplicable && field.kind === "index" && (
              <NumberInput
                label={labels.index!}
                value={field.index}
                onChange={(x) => setField({ ...field, index: x })}
                invalid={bad("index")}
                decimal
                describedBy={boundsId}
              />
            )}
            {!field.notApplicable && field.kind === "points" && (
              <NumberInput
                label={labels.points!}
                value={field.points}
                onChange={(x) => setField({ ...field, points: x })}
                invalid={bad("points")}
                decimal
                describedBy={boundsId}
              />
            )}
            {!field.notApplicable && (field.kind === "points" || field.kind === "index") && (
              <p className="hint" id={boundsId} style={{ flexBasis: "100%", margin: 0 }} data-testid="value-bounds">
                {field.kind === "index"
                  ? t("score.bounds.index")
                  : c.rule.kind === "appraised" && c.rule.step
                    ? t("score.bounds.pointsStep", {
                        max: numberText(c.max, locale),
                        step: numberText(c.rule.step, locale),
                      })
                    : t("score.bounds.points", { max: numberText(c.max, locale) })}
              </p>
            )}
            {c.mayNotApply && (
              <label className="radio" style={{ flexBasis: "100%" }}>
                <input
                  type="checkbox"
                  checked={field.notApplicable}
                  onChange={(e) => setField({ ...field, notApplicable: e.target.checked })}
                  aria-invalid={bad("notApplicable")}
                />
                {labels.notApplicable}
              </label>
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
