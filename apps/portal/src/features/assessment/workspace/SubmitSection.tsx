/**
 * Submitting: refused here first when the API's precondition (submitProblems: no level registered,
 * values missing for it) or a field is invalid, naming the criteria; confirmed by the user (it locks
 * the values and evidence), then sent.
 */
import { useMemo, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError, ErrorBox, Notice, request, unwrap, useI18n } from "@cds/ui";
import { SubmitMutation } from "../api.ts";
import { clearDraft } from "../draft.ts";
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

export function SubmitSection({ assessmentId, data, set, byCode, registered, editable, d, levelName }: WorkspaceProps) {
  const submitProblems = data.submitProblems;
  const { t } = useI18n();
  const qc = useQueryClient();
  const { live, invalidCodes, dirty } = d;
  // The precondition is the API's (submitProblems, for the values saved); while edits are unsaved,
  // the live judgement previews what it will say once they are saved (they are saved before submitting).
  const { missing, noLevel } = useMemo(() => {
    const s = new Set<string>();
    if (dirty) {
      for (const l of live.evaluation.levels.slice(0, registered ?? 0)) for (const c of l.missing) s.add(c);
    } else for (const p of submitProblems) if (p.reason === "missing") s.add(p.criterion);
    return {
      missing: set.criteria.filter((c) => s.has(c.code)).map((c) => c.code),
      noLevel: !registered || (!dirty && submitProblems.some((p) => p.reason === "no_level")),
    };
  }, [dirty, live, registered, set, submitProblems]);
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
  const filled = set.criteria.filter((c) => live.values[c.code] !== undefined).length;
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
  const nameOf = (code: string) => byCode.get(code)?.name ?? code;

  return (
    <>
      {editable && (
        <section className="card pa-submit" aria-labelledby="submit-title">
          <h2 id="submit-title">{t("submit.title")}</h2>
          <p>
            {t("submit.explain", {
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
              {missing.length > 0 && <p>{t("submit.missing", { n: missing.length, level: registered ?? "" })}</p>}
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
          {confirming && registered ? (
            <div
              className="pa-submit-confirm"
              role="alertdialog"
              aria-labelledby="submit-confirm-title"
              aria-describedby="submit-confirm-text"
            >
              <strong id="submit-confirm-title">{t("submit.confirmTitle")}</strong>
              <p id="submit-confirm-text">
                {t("submit.confirmLock")}{" "}
                {t("submit.confirmWhat", {
                  level: registered,
                  name: levelName(registered) ?? "",
                  filled,
                  total: set.criteria.length,
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
