/** The editor's views of the one document: the table or the JSON beside the checks, the diff with the base set, the impact. */
import { Suspense } from "react";
import { Notice, Spinner, useI18n } from "@cds/ui";
import { isScored, type TCriteriaSet, type TCriterion } from "@cds/criteria-schema";
import type { VersionData } from "./api.ts";
import type { Target } from "./document.ts";
import { modelPathFor, type EditorComponents, type TextRange } from "./editor-types.ts";
import { CriteriaTable } from "./CriteriaTable.tsx";
import { PointsTable } from "./PointsTable.tsx";
import { PointsDiff } from "./PointsDiff.tsx";
import type { ScoreTarget } from "./scoring-document.ts";
import { ValidationPanel, type PanelIssue } from "./ValidationPanel.tsx";
import { SemanticDiff } from "./SemanticDiff.tsx";
import { ImpactPreview } from "./ImpactPreview.tsx";
import type { Tab } from "./EditorParts.tsx";
import type { Draft } from "./useDraft.ts";
import type { useEditorIssues } from "./useEditorIssues.ts";

/** A new nonce each time the user asks, so the same place can be shown twice. */
export type Highlight = { key: string; nonce: number };
export type Reveal = TextRange & { nonce: number };

export interface TableEdits {
  onSetTarget(code: string, level: number, target: Target): void;
  onAdd(c: TCriterion): void;
  onRemove(code: string): void;
  /** Scored sets: a field below a group, component, level or the scoring; `undefined` removes it. */
  onSetScore(target: ScoreTarget, field: (string | number)[], value: unknown): void;
  onInsertBand(code: string, band: { atLeast: number; points: number }): void;
}

export function EditorViews({
  tab,
  version,
  draft,
  issues,
  readOnly,
  components: { JsonEditor, TextDiff },
  highlight,
  reveal,
  edits,
  onShowJson,
  onShowCell,
  diff,
  levelNames,
  scored,
}: {
  tab: Tab;
  version: VersionData;
  draft: Draft;
  issues: ReturnType<typeof useEditorIssues>;
  readOnly: boolean;
  components: EditorComponents;
  highlight: Highlight | null;
  reveal: Reveal | null;
  edits: TableEdits;
  onShowJson(i: PanelIssue): void;
  onShowCell(i: PanelIssue): void;
  diff: { base: TCriteriaSet | null; current: TCriteriaSet | null; baseText: string };
  levelNames: string[];
  /** The draft says it is judged by points (or both): the points table, the points diff, scores in the impact. */
  scored: boolean;
}) {
  const { t } = useI18n();
  const { jsonOk } = draft;
  return (
    <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className={`tab-panel tab-panel-${tab}`}>
      {(tab === "table" || tab === "json") && (
        <div className="editor-split">
          <div className="editor-main">
            {tab === "table" ? (
              <>
                {!jsonOk && <Notice kind="warn">{t("table.invalidJson")}</Notice>}
                {scored ? (
                  <PointsTable
                    doc={draft.shownDoc}
                    readOnly={readOnly || !jsonOk}
                    baseDoc={diff.base}
                    issues={issues.cellIssues}
                    highlight={highlight}
                    onSet={edits.onSetScore}
                    onInsertBand={edits.onInsertBand}
                  />
                ) : (
                  <CriteriaTable
                    doc={draft.shownDoc}
                    readOnly={readOnly || !jsonOk}
                    baseDoc={diff.base}
                    issues={issues.cellIssues}
                    highlight={highlight}
                    onSetTarget={edits.onSetTarget}
                    onAdd={edits.onAdd}
                    onRemove={edits.onRemove}
                    pendingInputs={issues.pendingInputs}
                    onInputProblem={issues.onInputProblem}
                  />
                )}
              </>
            ) : (
              <Suspense fallback={<Spinner label={t("editor.loadingEditor")} />}>
                <JsonEditor
                  text={draft.text}
                  modelPath={modelPathFor(version.id)}
                  readOnly={readOnly}
                  markers={issues.markers}
                  reveal={reveal}
                  onChange={draft.setText}
                  onSave={draft.doSave}
                />
              </Suspense>
            )}
          </div>
          <ValidationPanel
            issues={issues.panelIssues}
            serverAt={draft.serverIssues?.at ?? null}
            onShowJson={onShowJson}
            onShowCell={onShowCell}
          />
        </div>
      )}
      {tab === "diff" && version.basedOn && (
        <div className="diff-view">
          <h2>{t("diff.title", { set: version.basedOn.set.code, version: version.basedOn.version })}</h2>
          <h3>{t(scored ? "diff.semanticPoints" : "diff.semantic")}</h3>
          {diff.base && diff.current ? (
            isScored(diff.base) || isScored(diff.current) ? (
              <PointsDiff base={diff.base} current={diff.current} />
            ) : (
              <SemanticDiff base={diff.base} current={diff.current} />
            )
          ) : (
            <Notice kind="warn">{t("diff.needValid")}</Notice>
          )}
          <h3>{t("diff.text")}</h3>
          <Suspense fallback={<Spinner label={t("editor.loadingEditor")} />}>
            <TextDiff original={diff.baseText} modified={draft.text} modelPath={modelPathFor(version.id, "diff")} />
          </Suspense>
        </div>
      )}
      {tab === "impact" && (
        <ImpactPreview
          versionId={version.id}
          tenantCode={version.set.tenant.code}
          tenantName={version.set.tenant.name}
          unitKind={version.set.unitKind}
          revision={draft.revision}
          dirty={draft.dirty}
          levelNames={levelNames}
          scored={scored}
        />
      )}
    </div>
  );
}
