/** The editor's toolbar (save, publish and why they are disabled), the save's notices, and the view tabs. */
import { useI18n } from "@cds/ui";
import type { Draft } from "./useDraft.ts";

export type Tab = "table" | "json" | "diff" | "impact";

export function EditorToolbar({
  draft,
  canPublish,
  blocked,
  onPublish,
}: {
  draft: Draft;
  canPublish: boolean;
  /** Why publishing is not possible yet, or null. */
  blocked: string | null;
  onPublish(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t("editor.save")}>
      <button type="button" onClick={draft.doSave} disabled={!draft.canSave} aria-describedby="editor-blocked">
        {draft.saving ? t("editor.saving") : t("editor.save")}
      </button>
      <button
        type="button"
        className="secondary"
        data-testid="publish-button"
        onClick={onPublish}
        disabled={!canPublish}
        aria-describedby="editor-blocked"
        title={!canPublish && blocked ? blocked : undefined}
      >
        {t("editor.publish")}
      </button>
      <span className={`save-state ${draft.dirty ? "dirty" : ""}`} role="status">
        {draft.dirty ? t("editor.unsaved") : t("editor.noChanges")}
      </span>
      <span className={`blocked ${!draft.jsonOk ? "blocked-error" : ""}`} id="editor-blocked">
        {blocked}
      </span>
    </div>
  );
}

/** "Saved", a conflict with someone else's save (reload, or keep mine), and the server's refusal of the document. */
export function SaveNotices({ draft, onKeepMine }: { draft: Draft; onKeepMine(): void }) {
  const { t } = useI18n();
  return (
    <>
      {draft.flash && (
        <p className="notice notice-ok" role="status">
          {draft.flash}
        </p>
      )}
      {draft.conflict !== null && (
        <div className="notice notice-warn" role="alert">
          <p>{t("editor.conflict", { revision: draft.conflict })}</p>
          <div className="row">
            <button type="button" onClick={() => void draft.reload()}>
              {t("editor.conflictReload")}
            </button>
            <button type="button" className="secondary" onClick={onKeepMine}>
              {t("editor.conflictKeep")}
            </button>
          </div>
        </div>
      )}
      {draft.serverIssues && (
        <p className="notice notice-warn" role="alert">
          {t("editor.invalidOnSave", { count: draft.serverIssues.issues.length })}
        </p>
      )}
    </>
  );
}

export function EditorTabs({
  tabs,
  tab,
  issueCount,
  onSelect,
}: {
  tabs: { id: Tab; label: string }[];
  tab: Tab;
  /** Shown on the table and JSON tabs, where the issues are. */
  issueCount: number;
  onSelect(tab: Tab): void;
}) {
  const { t } = useI18n();
  return (
    <div className="tabs" role="tablist" aria-label={t("tab.views")}>
      {tabs.map((x) => (
        <button
          key={x.id}
          type="button"
          role="tab"
          id={`tab-${x.id}`}
          aria-selected={tab === x.id}
          aria-controls={`panel-${x.id}`}
          className={tab === x.id ? "tab active" : "tab"}
          onClick={() => onSelect(x.id)}
        >
          {x.label}
          {(x.id === "table" || x.id === "json") && issueCount > 0 ? (
            <span className="tab-count">{issueCount}</span>
          ) : null}
        </button>
      ))}
    </div>
  );
}
