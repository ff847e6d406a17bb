/** The level the unit registers for (what it will be judged against at submission); a scored index has none. */
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError, ErrorBox, LevelBadge, request, unwrap, useI18n } from "@cds/ui";
import { RegisterLevelMutation, type AssessmentData } from "../api.ts";
import type { WorkspaceProps } from "./props.ts";

export function RegisterSection({ assessmentId, set, registered, editable, d, levelName }: WorkspaceProps) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const queryKey = ["assessment", assessmentId];
  const [chosen, setChosen] = useState<number>(
    () =>
      registered ??
      Math.max(1, Math.min((d.live.kind === "levels" ? d.live.evaluation.level : 0) + 1, set.levels.length)),
  );
  const [state, setState] = useState<{ pending: boolean; error: unknown }>({ pending: false, error: null });
  const register = async () => {
    setState({ pending: true, error: null });
    const sent = d.currentBase();
    try {
      const r = await request(RegisterLevelMutation, { assessmentId, version: sent, level: chosen });
      const saved = unwrap(r.registerLevel);
      qc.setQueryData<AssessmentData>(queryKey, (old) =>
        old ? { ...old, version: saved.version, registeredLevel: saved.registeredLevel } : old,
      );
      d.advanceBase(sent, saved.version);
      setState({ pending: false, error: null });
      void qc.invalidateQueries({ queryKey });
    } catch (e) {
      setState({ pending: false, error: e });
      if (e instanceof ApiError && e.code === "CONFLICT") void qc.invalidateQueries({ queryKey });
    }
  };
  return (
    <section className="card pa-register">
      <h2>{t("register.title")}</h2>
      {registered ? (
        <p>
          {t("register.current")} <LevelBadge level={registered} name={levelName(registered)} />
        </p>
      ) : (
        <p className="pa-warn-text">{t("register.none")}</p>
      )}
      {editable && (
        <div className="row">
          <label className="grow">
            {t("register.choose")}
            <select
              value={chosen}
              onChange={(e) => setChosen(Number(e.target.value))}
              aria-label={t("register.choose")}
            >
              {set.levels.map((l) => (
                <option key={l.rank} value={l.rank}>
                  {l.rank}. {locale === "en" ? (l.nameEn ?? l.name) : l.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void register()} disabled={state.pending || chosen === registered}>
            {state.pending ? t("common.working") : t("register.button")}
          </button>
        </div>
      )}
      <ErrorBox error={state.error} />
    </section>
  );
}
