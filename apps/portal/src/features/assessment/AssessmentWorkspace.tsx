/**
 * A unit's self-assessment: register a level, enter values in a form generated
 * from the pinned criteria set, see the level and what is missing live
 * (criteria-core, the same engine as the API), autosave, submit. For a scored
 * index (Bộ chỉ số) the form lists its groups and components and the live
 * panel its score and how to earn more points; there is no level to register.
 */
import { useMemo } from "react";
import { useIsFetching, useQuery } from "@tanstack/react-query";
import { isScored, type TCriteriaSet } from "@cds/criteria-schema";
import { ErrorBox, Notice, Spinner, UnitLineage, useI18n } from "@cds/ui";
import { assessmentQuery, type AssessmentData } from "./api.ts";
import { CarryForward } from "./CarryForward.tsx";
import { ExcelImport } from "./ExcelImport.tsx";
import { conflictRows, levelForm } from "./judge.ts";
import { componentsOf, pointsForm, sameScore, scoreAfterChanges } from "./scored.ts";
import { useAssessmentDraft } from "./useAssessmentDraft.ts";
import { ConflictPanel } from "./workspace/ConflictPanel.tsx";
import { CriteriaForm } from "./workspace/CriteriaForm.tsx";
import { LivePanel } from "./workspace/LivePanel.tsx";
import { RegisterSection } from "./workspace/RegisterSection.tsx";
import { SaveBar } from "./workspace/SaveBar.tsx";
import { ScoreForm } from "./workspace/ScoreForm.tsx";
import { ScorePanel } from "./workspace/ScorePanel.tsx";
import { SubmitSection } from "./workspace/SubmitSection.tsx";
import { Timeline } from "./workspace/Timeline.tsx";
import { WorkspaceHeader } from "./workspace/WorkspaceHeader.tsx";
import type { WorkspaceProps } from "./workspace/props.ts";

export function AssessmentWorkspace({ assessmentId }: { assessmentId: string }) {
  const q = useQuery(assessmentQuery(assessmentId));
  if (q.isPending) return <Spinner />;
  if (q.error) return <ErrorBox error={q.error} />;
  return <Editor key={assessmentId} routeId={assessmentId} data={q.data} />;
}

function Editor({ routeId, data }: { routeId: string; data: AssessmentData }) {
  const i18n = useI18n();
  const { t, locale, date } = i18n;
  const fetching = useIsFetching({ queryKey: ["assessment", routeId] }) > 0;
  const set = data.setVersion.document as TCriteriaSet;
  const scored = isScored(set);
  const byCode = useMemo(() => new Map(set.criteria.map((c) => [c.code, c])), [set]);
  // A scored index keys its values by component; a set judged by levels by criterion.
  const model = useMemo(
    () => (scored ? pointsForm(set, componentsOf(set)) : levelForm(set, byCode)),
    [scored, set, byCode],
  );
  // The API says what this user may do now (same rules it enforces).
  const editable = data.allowedActions.includes("saveValues");
  const registered = scored ? null : (data.registeredLevel ?? null);
  const d = useAssessmentDraft({ routeId, data, model, editable });
  const { live, dirty, conflict } = d;

  const serverLevel = data.evaluation?.level ?? data.computedLevel;
  // Once everything is saved, the browser's judgement and the server's must agree (the same engine, the same values).
  const settled = !dirty && !fetching && d.save.kind !== "saving";
  const mismatch =
    settled &&
    (live.kind === "levels"
      ? data.evaluation !== null && data.evaluation !== undefined && data.evaluation.level !== live.evaluation.level
      : data.score !== null && data.score !== undefined && !sameScore(data.score, live.score));
  const levelName = (l: number) =>
    l === 0
      ? undefined
      : locale === "en"
        ? (set.levels[l - 1]?.nameEn ?? set.levels[l - 1]?.name)
        : set.levels[l - 1]?.name;
  const w: WorkspaceProps = { assessmentId: routeId, data, set, byCode, model, editable, registered, d, levelName };
  const format = (code: string, v: unknown) => model.format(code, v, i18n);
  const showComments = data.status === "RETURNED" || data.status === "DRAFT";
  const generalComments = data.comments.filter((c) => !c.criterionCode);

  return (
    <div className="pa-page">
      <WorkspaceHeader {...w} />
      <UnitLineage unit={data.unit} collapsible />
      {showComments &&
        generalComments.map((c) => (
          <div className="pa-comment" key={c.id} role="note">
            <strong>{t("review.general")}</strong> ({date(c.createdAt)}) {c.body}
          </div>
        ))}
      {d.restored && dirty && !conflict && <Notice kind="info">{t("draft.restored")}</Notice>}

      {conflict && (
        <ConflictPanel
          rows={conflictRows(model, d.draft, d.server, i18n)}
          fetching={fetching}
          onReload={d.reloadTheirs}
          onKeep={d.keepMine}
          scored={scored}
        />
      )}

      <div className="pa-layout">
        <div className="pa-form">
          {!scored && <RegisterSection {...w} />}

          {/* Carrying values forward maps criteria only: the API refuses it for a scored index. */}
          {!scored && editable && data.status === "DRAFT" && (
            <CarryForward
              assessmentId={routeId}
              version={data.version}
              hasValues={data.values.some((v) => v.value !== null || v.verifiedValue !== null)}
              disabled={dirty || !!conflict}
            />
          )}

          {editable && (
            <ExcelImport
              assessmentId={routeId}
              version={data.version}
              levelName={levelName}
              disabled={dirty || !!conflict}
              format={format}
              scoreAfter={scored ? (changes) => scoreAfterChanges(set, d.server.effective, changes) : undefined}
            />
          )}

          {live.kind === "levels" ? (
            <CriteriaForm {...w} live={live} showComments={showComments} />
          ) : (
            <ScoreForm {...w} live={live} showComments={showComments} />
          )}

          <SubmitSection {...w} />

          <Timeline history={data.history} scored={scored} />
        </div>

        {live.kind === "levels" ? (
          <LivePanel
            live={live}
            serverLevel={serverLevel}
            mismatch={mismatch}
            serverIssues={d.serverIssues}
            levelName={levelName}
          />
        ) : (
          <ScorePanel
            live={live}
            server={data.score ?? null}
            settled={settled}
            mismatch={mismatch}
            serverIssues={d.serverIssues}
          />
        )}
      </div>

      <SaveBar {...w} />
    </div>
  );
}
