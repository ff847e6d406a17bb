/**
 * Submitting: refused here first when the API's precondition (submitProblems: no level registered,
 * values missing for it; for a scored index, every component without a value or "Không áp dụng") or a
 * field is invalid, naming the criteria or components; confirmed by the user (it locks the values and
 * evidence), then sent.
 */
import { useMemo, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError, ErrorBox, Notice, request, unwrap, useI18n } from "@cds/ui";
import { SubmitMutation } from "../api.ts";
import { clearDraft } from "../draft.ts";
import { pointsOutOf } from "../scored.ts";
import type { WorkspaceProps } from "./props.ts";

type SubmitState = { pending: boolean; error: unknown; done: boolean };

/** List items linking to each criterion's card. */
function CriterionLinks({
  codes,
  label,
  keyPrefix = "",
}: {
  codes: string[];
  label: (code: string) => string;
  keyPrefix?: string;
}) {
  return codes.map((code) => (
    <li key={keyPrefix + code}>
      <a href={`#criterion-${code}`}>{code}</a> — {label(code)}
    </li>
  ));
}

export function SubmitSection({ assessmentId, data, model, registered, editable, d, levelName }: WorkspaceProps) {
  const submitProblems = data.submitProblems;
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const { live, invalidCodes, dirty } = d;
  const scored = live.kind === "points";
  // The precondition is the API's (submitProblems, for the values saved); while edits are unsaved,
  // the live judgement previews what it will say once they are saved (they are saved before submitting).
  const { missing, noLevel } = useMemo(() => {
    const s = new Set<string>();
    if (dirty) {
      if (live.kind === "points") for (const c of live.score.missing) s.add(c);
      else for (const l of live.evaluation.levels.slice(0, registered ?? 0)) for (const c of l.missing) s.add(c);
    } else for (const p of submitProblems) if (p.reason === "missing") s.add(p.criterion);
    // An invalid field is listed once, as invalid.
    for (const c of invalidCodes) s.delete(c);
    return {
      missing: model.codes.filter((c) => s.has(c)),
      // A scored index registers no level: its score comes from the values.
      noLevel:
        live.kind === "levels" && (!registered || (!dirty && submitProblems.some((p) => p.reason === "no_level"))),
    };
  }, [dirty, live, registered, model, submitProblems, invalidCodes]);
  const scoreText =
    live.kind === "points"
      ? `${pointsOutOf(live.score.scoreText, live.score.maxScore, locale)} ${t("score.pointsWord")}`
      : "";
  const [tried, setTried] = useState(false);
  const [state, setState] = useState<SubmitState>({ pending: false, error: null, done: false });
  // Submitting locks the values and evidence: the user confirms first, seeing what is locked.
  const [confirming, setConfirming] = useState(false);
  const refused = noLevel || missing.length > 0 || invalidCodes.length > 0;
  const ask = () => {
    setTried(true);
    setState({ pending: false, error: null, done: false });
    if (!refused) setConfirming(true);
  };
  const filled = model.codes.filter((c) => live.values[c] !== undefined).length;
  const files = data.evidence.length;
  const submit = async () => {
    setConfirming(false);
    if (refused) return;
    setState({ pending: true, error: null, done: false });
    let version = d.currentBase();
    if (dirty) {
      const v = await d.saveLatest();
      if (v === null) {
        const unsaved = new ApiError("UNSAVED", t("submit.unsaved"), t("submit.unsaved"));
        setState({ pending: false, error: unsaved, done: false });
        return;
      }
      version = v;
    }
    try {
      const r = await request(SubmitMutation, { assessmentId, version });
      unwrap(r.submitAssessment);
      clearDraft(assessmentId);
      setState({ pending: false, error: null, done: true });
      await qc.invalidateQueries({ queryKey: ["assessment", assessmentId] });
      void qc.invalidateQueries({ queryKey: ["my-assessments"] });
    } catch (e) {
      setState({ pending: false, error: e, done: false });
    }
  };
  const serverMissing =
    state.error instanceof ApiError
      ? state.error.issues.filter((i) => i.field?.startsWith("values.")).map((i) => i.field!.slice("values.".length))
      : [];
  const nameOf = (code: string) => model.name(code);

  return (
    <>
      {editable && (
        <section className="card pa-submit" aria-labelledby="submit-title">
          <h2 id="submit-title">{t("submit.title")}</h2>
          <p>
            {live.kind === "points"
              ? t("submit.explainScore", { score: scoreText })
              : t("submit.explain", {
                  level: live.evaluation.level,
                  name: levelName(live.evaluation.level) ?? t("level.0"),
                })}
          </p>
          {tried && noLevel && (
            <div className="error-box" role="alert">
              {t("submit.noLevel")}
            </div>
          )}
          {tried && (missing.length > 0 || invalidCodes.length > 0) && (
            <div className="error-box" role="alert" data-testid="submit-missing">
              <strong>{t("submit.refused")}</strong>
              {missing.length > 0 && (
                <p>
                  {scored
                    ? t("submit.missingComponents", { n: missing.length })
                    : t("submit.missing", { n: missing.length, level: registered ?? "" })}
                </p>
              )}
              <ul>
                <CriterionLinks codes={missing} label={nameOf} />
                <CriterionLinks codes={invalidCodes} label={() => t("submit.invalid")} keyPrefix="inv-" />
              </ul>
            </div>
          )}
          {serverMissing.length > 0 ? (
            <div className="error-box" role="alert">
              <strong>{t("submit.serverRefused")}</strong>
              <ul>
                <CriterionLinks codes={serverMissing} label={nameOf} />
              </ul>
            </div>
          ) : (
            <ErrorBox error={state.error} />
          )}
          {confirming && (scored || registered) ? (
            <div
              className="pa-submit-confirm"
              role="alertdialog"
              aria-labelledby="submit-confirm-title"
              aria-describedby="submit-confirm-text"
            >
              <strong id="submit-confirm-title">{t("submit.confirmTitle")}</strong>
              <p id="submit-confirm-text">
                {t("submit.confirmLock")}{" "}
                {scored
                  ? t("submit.confirmScore", { score: scoreText, filled, total: model.codes.length, files })
                  : t("submit.confirmWhat", {
                      level: registered ?? "",
                      name: levelName(registered ?? 0) ?? "",
                      reached: live.evaluation.level,
                      reachedName: levelName(live.evaluation.level) ?? t("level.0"),
                      filled,
                      total: model.codes.length,
                      files,
                    })}
              </p>
              <button type="button" className="pa-big" onClick={() => void submit()} autoFocus>
                {t("submit.confirmYes")}
              </button>{" "}
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                {t("submit.confirmNo")}
              </button>
            </div>
          ) : (
            <button type="button" className="pa-big" onClick={ask} disabled={state.pending || !!d.conflict}>
              {state.pending ? t("common.working") : t("submit.button")}
            </button>
          )}
        </section>
      )}
      {state.done && <Notice kind="ok">{t("submit.done")}</Notice>}
    </>
  );
}
