/**
 * The editor of one criteria-set version: three views of ONE document — the
 * table, the JSON (Monaco) and the checks — plus the comparison with the base
 * set, the impact preview and publishing.
 *
 * State is held once, as the JSON text (useDraft). The table's edits are applied
 * to the text; the object the table, the checks and the diff read is parsed from it.
 */
import { useMemo, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ErrorBox, Link, useI18n, type Me } from "@cds/ui";
import { ZCriteriaSet, type TCriteriaSet, type TCriterion } from "@cds/criteria-schema";
import { canManageSets, setsKeys, type VersionData } from "./api.ts";
import {
  addCriterion,
  formatDocument,
  insertAt,
  rangeOfPointer,
  removeCriterion,
  setAt,
  setTarget,
  type Target,
} from "./document.ts";
import { isScoredDoc, pathOfTarget, valueAt, type ScoreTarget } from "./scoring-document.ts";
import type { EditorComponents } from "./editor-types.ts";
import { cellKey, levelsOf } from "./CriteriaTable.tsx";
import type { PanelIssue } from "./ValidationPanel.tsx";
import { PublishDialog } from "./PublishDialog.tsx";
import { VersionStatusBadge } from "./VersionStatusBadge.tsx";
import { ReadOnlyBanner } from "./ReadOnlyBanner.tsx";
import { useDraft } from "./useDraft.ts";
import { useEditorIssues } from "./useEditorIssues.ts";
import { EditorTabs, EditorToolbar, SaveNotices, type Tab } from "./EditorParts.tsx";
import { EditorViews, type Highlight, type Reveal, type TableEdits } from "./EditorViews.tsx";
import "./sets.css";

function typed(value: unknown): TCriteriaSet | null {
  if (value === null || value === undefined) return null;
  const r = ZCriteriaSet.safeParse(value);
  return r.success ? r.data : null;
}

export function SetEditor({
  me,
  version,
  components,
  notice,
  onPublished,
}: {
  me: Me;
  version: VersionData;
  components: EditorComponents;
  /** A message to show on arrival (e.g. "published"). */
  notice?: string | null;
  onPublished?: () => void;
}) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const tenantCode = version.set.tenant.code;
  const canManage = canManageSets(me, tenantCode);
  // The API says what this user may do with this version: a draft they run is editable.
  const readOnly = !version.allowedActions.includes("EDIT");
  const draft = useDraft(version, readOnly, notice ?? null);
  const { parsed, shownDoc, text, jsonOk, dirty } = draft;
  const issues = useEditorIssues(version, draft, readOnly);

  const [tab, setTab] = useState<Tab>("table");
  const [highlight, setHighlight] = useState<Highlight | null>(null);
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const [publishing, setPublishing] = useState(false);
  const canPublish =
    !readOnly && jsonOk && !dirty && issues.issueCount === 0 && issues.inputCount === 0 && !draft.saving;

  const current = useMemo(() => typed(parsed.value), [parsed.value]);
  const baseDoc = useMemo(() => typed(version.basedOn?.document), [version.basedOn]);
  const baseText = useMemo(() => (version.basedOn ? formatDocument(version.basedOn.document) : ""), [version.basedOn]);

  const tableEdits: TableEdits = {
    onSetTarget: (code: string, level: number, target: Target) =>
      draft.edit((tx, d) => setTarget(tx, d, code, level, target)),
    onAdd: (c: TCriterion) => {
      draft.edit((tx, d) => addCriterion(tx, d, c));
      setHighlight({ key: cellKey(c.code, null), nonce: Date.now() });
    },
    onRemove: (code: string) => draft.edit((tx, d) => removeCriterion(tx, d, code)),
    onSetScore: (target: ScoreTarget, field: (string | number)[], value: unknown) =>
      draft.edit((tx, d) => setAt(tx, [...pathOfTarget(d, target), ...field], value)),
    onInsertBand: (code: string, band: { atLeast: number; points: number }) =>
      draft.edit((tx, d) => {
        const at = [...pathOfTarget(d, { kind: "component", code }), "rule", "bands"];
        const bands = valueAt(d, at);
        if (!Array.isArray(bands)) throw new Error(`${code}: no bands`);
        return insertAt(tx, at, bands.length, band);
      }),
  };

  const showJson = (i: PanelIssue) => {
    const r =
      i.source === "syntax"
        ? (() => {
            const s = parsed.syntax[Number(i.id.slice(1))];
            return s ? { offset: s.offset, length: Math.max(1, s.length) } : null;
          })()
        : rangeOfPointer(text, i.pointer ?? "");
    if (r) setReveal({ ...r, nonce: Date.now() });
    setTab("json");
  };
  const showCell = (i: PanelIssue) => {
    if (!i.cell) return;
    setHighlight({ key: cellKey(i.cell.code, i.cell.level), nonce: Date.now() });
    setTab("table");
  };

  const title =
    (typeof (shownDoc as { title?: unknown } | null)?.title === "string"
      ? (shownDoc as { title: string }).title
      : null) ?? version.title;
  const levelNames = (levelsOf(shownDoc, locale) ?? []).map((l) => l.name);
  const mayPreview = me.roles.some((r) => r.tenantId === tenantCode) || me.capabilities.readNational;
  const scored = isScoredDoc(shownDoc);
  const tabs: { id: Tab; label: string }[] = [
    { id: "table", label: t(scored ? "tab.points" : "tab.table") },
    { id: "json", label: t("tab.json") },
    ...(version.basedOn ? [{ id: "diff" as const, label: t("tab.diff") }] : []),
    ...(mayPreview ? [{ id: "impact" as const, label: t("tab.impact") }] : []),
  ];

  return (
    <div className={readOnly ? "set-editor read-only" : "set-editor"}>
      <div className="editor-head">
        <Link
          to="/sets"
          className="back-link"
          onClick={(e) => {
            if (dirty && !window.confirm(t("editor.leaveWarning"))) e.preventDefault();
          }}
        >
          {t("editor.back")}
        </Link>
        <h1>{title}</h1>
        <div className="set-meta muted">
          <code>{version.set.code}</code>
          <span>{t("editor.version", { version: version.version })}</span>
          <VersionStatusBadge status={version.status} />
          {version.basedOn && (
            <span>{t("editor.basedOn", { set: version.basedOn.set.code, version: version.basedOn.version })}</span>
          )}
        </div>
      </div>

      <ReadOnlyBanner me={me} version={version} canManage={canManage} />
      {!readOnly && (
        <p className="muted small draft-notice">{t("editor.draftNotice", { tenant: version.set.tenant.name })}</p>
      )}
      {!readOnly && (
        <EditorToolbar
          draft={draft}
          canPublish={canPublish}
          blocked={issues.blocked}
          onPublish={() => setPublishing(true)}
        />
      )}
      <SaveNotices draft={draft} onKeepMine={() => setTab("json")} />
      <ErrorBox error={draft.saveError} />

      <EditorTabs tabs={tabs} tab={tab} issueCount={issues.panelIssues.length} onSelect={setTab} />
      <EditorViews
        tab={tab}
        version={version}
        draft={draft}
        issues={issues}
        readOnly={readOnly}
        components={components}
        highlight={highlight}
        reveal={reveal}
        edits={tableEdits}
        onShowJson={showJson}
        onShowCell={showCell}
        diff={{ base: baseDoc, current, baseText }}
        levelNames={levelNames}
        scored={scored}
      />

      {publishing && (
        <PublishDialog
          versionId={version.id}
          version={version.version}
          document={parsed.value}
          currentVersionId={
            version.set.versions.find((v) => v.status === "PUBLISHED" && v.id !== version.id)?.id ?? null
          }
          onClose={() => setPublishing(false)}
          onPublished={() => {
            setPublishing(false);
            onPublished?.();
            void qc.invalidateQueries({ queryKey: setsKeys.all });
          }}
        />
      )}
    </div>
  );
}
