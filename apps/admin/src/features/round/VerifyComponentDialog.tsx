/**
 * Verifying one component of a scored index: keep what the unit entered, or correct it with a comment —
 * in the inputs its rule takes (yes/no, numerator/denominator or a percent, a count, an index 0..1, or,
 * for a component the council judges, its points within 0..max on the rule's step: how the council
 * gives partial credit). The bounds are shown; reading and checking the value is the shared indicator
 * form's (`componentToRaw`, criteria-core's `score` behind it), and each refusal names its input in the
 * reader's language.
 */
import { useId, useState } from "react";
import {
  componentFieldFromValue,
  componentToRaw,
  emptyFieldError,
  formatComponentValue,
  useI18n,
  type ComponentFieldState,
  type FieldError,
} from "@cds/ui";
import type { Locale, TCriteriaSet, TScoreComponent } from "@cds/criteria-schema";
import type { AssessmentDetail } from "./queries.ts";
import { numberText, pointsText, ruleText } from "./scored.ts";
import type { Done } from "./useReviewMutation.ts";
import { NumberInput, SharedInputs, VerifyDialog, type Correction } from "./VerifyDialog.tsx";

type T = (key: string, params?: Record<string, string | number>) => string;

/** Why an empty field cannot stand as a correction. */
function emptyError(f: ComponentFieldState): FieldError {
  if (f.kind === "index") return { input: "index", key: "score.err.indexNeeded" };
  if (f.kind === "points") return { input: "points", key: "score.err.pointsNeeded" };
  return emptyFieldError({ ...f, noSubjects: false });
}

/** The corrected value, or the issues that stop it: as typed, then by criteria-core's reading of the component. */
function correction(set: TCriteriaSet, c: TScoreComponent, f: ComponentFieldState, t: T, locale: Locale): Correction {
  const r = componentToRaw(set, c, f);
  if (r.status === "ok") return { value: r.value, issues: [] };
  const errors = r.status === "empty" ? [emptyError(f)] : r.errors;
  return {
    issues: errors.map((e) => {
      const params = Object.fromEntries(Object.entries(e.params ?? {}).map(([k, n]) => [k, numberText(n, locale)]));
      const message = t(e.key, params);
      return { field: e.input, message, messageEn: message };
    }),
  };
}

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
  const [field, setField] = useState<ComponentFieldState>(() =>
    componentFieldFromValue(c, value?.verifiedValue ?? value?.value),
  );
  const labels: Record<string, string> = {
    numerator: t("value.numerator"),
    denominator: t("value.denominator"),
    percent: t("value.percent"),
    value: t("value.boolean"),
    count: c.subject ? t("score.countOf", { subject: c.subject }) : t("value.count"),
    index: t("score.input.index"),
    points: t("score.input.points"),
    notApplicable: t("score.input.notApplicable"),
  };
  const self = a.selfScore?.components.find((x) => x.code === c.code);
  const cur = a.score?.components.find((x) => x.code === c.code);
  const max = numberText(c.max, locale);

  return (
    <VerifyDialog
      a={a}
      code={c.code}
      value={value}
      title={t(appraised ? "score.appraiseTitle" : "review.verifyTitle", { code: c.code })}
      intro={
        <>
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
                  max,
                })}
              </span>
            )}
          </p>
        </>
      }
      correctLabel={t(appraised ? "score.giveOwnPoints" : "review.correctValue")}
      commentNeeded={t(appraised ? "score.err.appraisalComment" : "review.err.correctionComment")}
      doneCorrect={t(appraised ? "score.done.appraised" : "review.done.correct", { code: c.code })}
      labels={labels}
      correct={() => correction(set, c, field, t, locale)}
      editor={(bad) => (
        <>
          {!field.notApplicable && (
            <SharedInputs
              field={field}
              onChange={(patch) => setField((f) => ({ ...f, ...patch }) as ComponentFieldState)}
              labels={labels}
              bad={bad}
              yesLabel={c.rule.kind === "yesNo" ? c.rule.yesLabel : undefined}
            />
          )}
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
                  ? t("score.bounds.pointsStep", { max, step: numberText(c.rule.step, locale) })
                  : t("score.bounds.points", { max })}
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
        </>
      )}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
