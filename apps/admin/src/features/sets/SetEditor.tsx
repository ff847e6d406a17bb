/**
 * The editor of one criteria-set version: three views of ONE document — the
 * table, the JSON (Monaco) and the checks — plus the comparison with the base
 * set, the impact preview and publishing.
 *
 * State is held once, as the JSON text. The table's edits are applied to the
 * text; the object the table, the checks and the diff read is parsed from it.
 */
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, ErrorBox, Link, Notice, Spinner, formatDateTime, navigate, useI18n, type Me } from "@cds/ui";
import { ZCriteriaSet, validateCriteriaSet, type TCriteriaSet, type TCriterion } from "@cds/criteria-schema";
import {
  blockingDraft,
  canManageSets,
  editorTenant,
  ownCurrentVersion,
  saveDraft,
  setsKeys,
  setsQuery,
  versionHref,
  versionQuery,
  type VersionData,
} from "./api.ts";
import { CloneForProvinceButton } from "./CloneForProvinceButton.tsx";
import {
  addCriterion,
  cellOfPointer,
  fixedFieldIssues,
  formatDocument,
  parseText,
  rangeOfPointer,
  removeCriterion,
  setTarget,
  type Target,
  type TCriteriaSetLike,
} from "./document.ts";
import { modelPathFor, type EditorComponents } from "./editor-types.ts";
import { CriteriaTable, cellKey, levelsOf } from "./CriteriaTable.tsx";
import { ValidationPanel, type PanelIssue } from "./ValidationPanel.tsx";
import { SemanticDiff } from "./SemanticDiff.tsx";
import { ImpactPreview } from "./ImpactPreview.tsx";
import { PublishDialog } from "./PublishDialog.tsx";
import { VersionStatusBadge } from "./VersionStatusBadge.tsx";
import { useCloneVersion } from "./useCloneVersion.ts";
import "./sets.css";

type Tab = "table" | "json" | "diff" | "impact";

interface IssueLike {
  pointer?: string | undefined;
  message: string;
  messageEn: string;
}

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
  const { JsonEditor, TextDiff } = components;
  const tenantCode = version.set.tenant.code;
  const canManage = canManageSets(me, tenantCode);
  const readOnly = version.status !== "DRAFT" || !canManage;

  // ---- the one piece of state: the text ----
  const [text, setText] = useState(() => formatDocument(version.document));
  const [saved, setSaved] = useState(() => ({ text: formatDocument(version.document), revision: version.revision }));
  const parsed = useMemo(() => parseText(text), [text]);
  const savedValue = useMemo(() => parseText(saved.text).value, [saved.text]);
  // While the JSON does not parse, the table keeps showing (read-only) the last document that did.
  const lastGood = useRef<unknown>(parsed.value);
  if (parsed.value !== null) lastGood.current = parsed.value;
  const shownDoc = parsed.value ?? lastGood.current;
  const jsonOk = parsed.value !== null;
  const dirty = !readOnly && text !== saved.text && JSON.stringify(parsed.value) !== JSON.stringify(savedValue);

  const [tab, setTab] = useState<Tab>("table");
  const [highlight, setHighlight] = useState<{ key: string; nonce: number } | null>(null);
  const [reveal, setReveal] = useState<{ offset: number; length: number; nonce: number } | null>(null);
  const [serverIssues, setServerIssues] = useState<{ issues: IssueLike[]; at: string } | null>(null);
  const [conflict, setConflict] = useState<number | null>(null);
  const [flash, setFlash] = useState<string | null>(notice ?? null);
  const [publishing, setPublishing] = useState(false);

  // ---- checks ----
  const clientIssues = useMemo<IssueLike[]>(() => {
    if (parsed.value === null) return [];
    const r = validateCriteriaSet(parsed.value);
    const fixed =
      typeof parsed.value === "object" && !readOnly
        ? fixedFieldIssues(parsed.value, {
            setCode: version.set.code,
            version: version.version,
            unitKind: version.set.unitKind,
            tenant: tenantCode,
          })
        : [];
    return [...r.issues, ...fixed];
  }, [parsed.value, readOnly, version.set.code, version.version, version.set.unitKind, tenantCode]);

  const panelIssues = useMemo<PanelIssue[]>(() => {
    const msg = (i: IssueLike) => (locale === "en" ? i.messageEn : i.message);
    return [
      ...parsed.syntax.map((s, k) => ({
        id: `s${k}`,
        source: "syntax" as const,
        message: t(`syntax.${s.code}`),
        line: s.line,
        column: s.column,
      })),
      ...clientIssues.map((i, k) => ({
        id: `c${k}`,
        source: "client" as const,
        pointer: i.pointer ?? "",
        message: msg(i),
        cell: cellOfPointer(shownDoc, i.pointer ?? ""),
      })),
      ...(serverIssues?.issues ?? []).map((i, k) => ({
        id: `v${k}`,
        source: "server" as const,
        pointer: i.pointer ?? "",
        message: msg(i),
        cell: cellOfPointer(shownDoc, i.pointer ?? ""),
      })),
    ];
  }, [parsed.syntax, clientIssues, serverIssues, shownDoc, locale, t]);

  const cellIssues = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const i of panelIssues) {
      if (!i.cell) continue;
      const k = cellKey(i.cell.code, i.cell.level);
      m.set(k, [...(m.get(k) ?? []), i.message]);
    }
    return m;
  }, [panelIssues]);

  const markers = useMemo(() => {
    if (!jsonOk) return [];
    return panelIssues.flatMap((i) => {
      if (i.pointer === undefined) return [];
      const r = rangeOfPointer(text, i.pointer);
      return r ? [{ ...r, message: i.message }] : [];
    });
  }, [panelIssues, text, jsonOk]);

  const current = useMemo(() => typed(parsed.value), [parsed.value]);
  const baseDoc = useMemo(() => typed(version.basedOn?.document), [version.basedOn]);
  const baseText = useMemo(() => (version.basedOn ? formatDocument(version.basedOn.document) : ""), [version.basedOn]);

  // ---- edits from the table ----
  const edit = (fn: (text: string, doc: TCriteriaSetLike) => string) => {
    if (readOnly || parsed.value === null) return;
    try {
      setText(fn(text, parsed.value as TCriteriaSetLike));
      setFlash(null);
    } catch {
      /* the criterion is gone from the text (edited elsewhere meanwhile): nothing to change */
    }
  };
  const onSetTarget = (code: string, level: number, target: Target) =>
    edit((tx, d) => setTarget(tx, d, code, level, target));
  const onAdd = (c: TCriterion) => {
    edit((tx, d) => addCriterion(tx, d, c));
    setHighlight({ key: cellKey(c.code, null), nonce: Date.now() });
  };
  const onRemove = (code: string) => edit((tx, d) => removeCriterion(tx, d, code));

  // ---- save ----
  const save = useMutation({
    mutationFn: (v: { text: string; doc: unknown; revision: number }) => saveDraft(version.id, v.doc, v.revision),
    onSuccess: (r, v) => {
      setSaved({ text: v.text, revision: r.revision });
      setServerIssues(null);
      setConflict(null);
      setFlash(t("editor.saved"));
      void qc.invalidateQueries({ queryKey: setsKeys.all });
    },
    onError: (e) => {
      setFlash(null);
      if (e instanceof ApiError && e.code === "INVALID_SET") {
        setServerIssues({
          issues: e.issues.map((i) => ({ pointer: i.pointer, message: i.message, messageEn: i.messageEn })),
          at: formatDateTime(new Date()).slice(11),
        });
      } else if (e instanceof ApiError && e.code === "CONFLICT") setConflict(e.currentVersion ?? 0);
    },
  });
  const saveError =
    save.error instanceof ApiError && (save.error.code === "INVALID_SET" || save.error.code === "CONFLICT")
      ? null
      : save.error;

  const canSave = !readOnly && jsonOk && dirty && !save.isPending;
  const doSave = useCallback(() => {
    if (canSave) save.mutate({ text, doc: parsed.value, revision: saved.revision });
  }, [canSave, save, text, parsed.value, saved.revision]);

  const reload = async () => {
    const fresh = await qc.fetchQuery({ ...versionQuery(version.id), staleTime: 0 });
    const tx = formatDocument(fresh.document);
    setText(tx);
    setSaved({ text: tx, revision: fresh.revision });
    setConflict(null);
    setServerIssues(null);
    save.reset();
    setFlash(t("editor.reloaded"));
  };

  // Ctrl+S saves from anywhere on the page; leaving with unsaved changes asks first.
  useEffect(() => {
    if (readOnly) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        doSave();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [readOnly, doSave]);
  useEffect(() => {
    if (!dirty) return;
    const onLeave = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener("beforeunload", onLeave);
    return () => window.removeEventListener("beforeunload", onLeave);
  }, [dirty]);

  // ---- why a button is disabled ----
  const firstSyntax = parsed.syntax[0];
  const issueCount = clientIssues.length + (serverIssues?.issues.length ?? 0);
  const blocked =
    !jsonOk && firstSyntax
      ? t("editor.blocked.json", { line: firstSyntax.line, column: firstSyntax.column })
      : dirty
        ? t("editor.blocked.unsaved")
        : issueCount > 0
          ? t("editor.blocked.issues", { count: issueCount })
          : null;
  const canPublish = !readOnly && jsonOk && !dirty && issueCount === 0 && !save.isPending;

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
  const mayPreview =
    me.roles.some((r) => r.tenantId === tenantCode) || me.roles.some((r) => r.role === "MINISTRY_ADMIN");
  const tabs: { id: Tab; label: string }[] = [
    { id: "table", label: t("tab.table") },
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
        <div className="editor-toolbar" role="toolbar" aria-label={t("editor.save")}>
          <button type="button" onClick={doSave} disabled={!canSave} aria-describedby="editor-blocked">
            {save.isPending ? t("editor.saving") : t("editor.save")}
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="publish-button"
            onClick={() => setPublishing(true)}
            disabled={!canPublish}
            aria-describedby="editor-blocked"
          >
            {t("editor.publish")}
          </button>
          <span className={`save-state ${dirty ? "dirty" : ""}`} role="status">
            {dirty ? t("editor.unsaved") : t("editor.noChanges")}
          </span>
          <span className={`blocked ${!jsonOk ? "blocked-error" : ""}`} id="editor-blocked">
            {blocked}
          </span>
        </div>
      )}

      {flash && (
        <p className="notice notice-ok" role="status">
          {flash}
        </p>
      )}
      {conflict !== null && (
        <div className="notice notice-warn" role="alert">
          <p>{t("editor.conflict", { revision: conflict })}</p>
          <div className="row">
            <button type="button" onClick={() => void reload()}>
              {t("editor.conflictReload")}
            </button>
            <button type="button" className="secondary" onClick={() => setTab("json")}>
              {t("editor.conflictKeep")}
            </button>
          </div>
        </div>
      )}
      {serverIssues && (
        <p className="notice notice-warn" role="alert">
          {t("editor.invalidOnSave", { count: serverIssues.issues.length })}
        </p>
      )}
      <ErrorBox error={saveError} />

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
            onClick={() => setTab(x.id)}
          >
            {x.label}
            {x.id === "table" || x.id === "json" ? (
              panelIssues.length > 0 ? (
                <span className="tab-count">{panelIssues.length}</span>
              ) : null
            ) : null}
          </button>
        ))}
      </div>

      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className={`tab-panel tab-panel-${tab}`}>
        {(tab === "table" || tab === "json") && (
          <div className="editor-split">
            <div className="editor-main">
              {tab === "table" ? (
                <>
                  {!jsonOk && <Notice kind="warn">{t("table.invalidJson")}</Notice>}
                  <CriteriaTable
                    doc={shownDoc}
                    readOnly={readOnly || !jsonOk}
                    baseDoc={baseDoc}
                    issues={cellIssues}
                    highlight={highlight}
                    onSetTarget={onSetTarget}
                    onAdd={onAdd}
                    onRemove={onRemove}
                  />
                </>
              ) : (
                <Suspense fallback={<Spinner label={t("editor.loadingEditor")} />}>
                  <JsonEditor
                    text={text}
                    modelPath={modelPathFor(version.id)}
                    readOnly={readOnly}
                    markers={markers}
                    reveal={reveal}
                    onChange={setText}
                    onSave={doSave}
                  />
                </Suspense>
              )}
            </div>
            <ValidationPanel
              issues={panelIssues}
              serverAt={serverIssues?.at ?? null}
              onShowJson={showJson}
              onShowCell={showCell}
            />
          </div>
        )}
        {tab === "diff" && version.basedOn && (
          <div className="diff-view">
            <h2>{t("diff.title", { set: version.basedOn.set.code, version: version.basedOn.version })}</h2>
            <h3>{t("diff.semantic")}</h3>
            {baseDoc && current ? (
              <SemanticDiff base={baseDoc} current={current} />
            ) : (
              <Notice kind="warn">{t("diff.needValid")}</Notice>
            )}
            <h3>{t("diff.text")}</h3>
            <Suspense fallback={<Spinner label={t("editor.loadingEditor")} />}>
              <TextDiff original={baseText} modified={text} modelPath={modelPathFor(version.id, "diff")} />
            </Suspense>
          </div>
        )}
        {tab === "impact" && (
          <ImpactPreview
            versionId={version.id}
            tenantCode={tenantCode}
            tenantName={version.set.tenant.name}
            unitKind={version.set.unitKind}
            revision={saved.revision}
            dirty={dirty}
            levelNames={levelNames}
          />
        )}
      </div>

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

/** What a read-only version says about itself, and the way forward: a new version, or a clone for the province. */
function ReadOnlyBanner({ me, version, canManage }: { me: Me; version: VersionData; canManage: boolean }) {
  const { t, date } = useI18n();
  const clone = useCloneVersion();
  const target = editorTenant(me);
  const cloneInto =
    version.set.tenant.kind === "MINISTRY" && target && target !== version.set.tenant.code && canManageSets(me, target)
      ? target
      : null;
  // To find the province's own set (a clone then asks what to start from), or the draft that blocks a clone.
  const sets = useQuery({
    ...setsQuery(),
    enabled: clone.isError || (cloneInto !== null && version.status === "PUBLISHED"),
  });
  if (version.status === "DRAFT" && canManage) return null;
  const draft = version.set.versions.find((v) => v.status === "DRAFT");
  const provinceCurrent = cloneInto && sets.data ? ownCurrentVersion(sets.data, cloneInto, version.set.unitKind) : null;
  const tenantName = me.roles.find((r) => r.tenantId === cloneInto)?.unit?.name ?? cloneInto ?? "";
  const blocking =
    clone.error instanceof ApiError && clone.error.code === "WORKFLOW" && sets.data
      ? blockingDraft(sets.data, cloneInto ?? version.set.tenant.code, version.set.unitKind)
      : null;
  const message =
    version.status === "PUBLISHED"
      ? t("editor.readOnly.published", { number: version.decisionNumber ?? "—", date: date(version.decisionDate) })
      : version.status === "ARCHIVED"
        ? t("editor.readOnly.archived")
        : t("editor.readOnly.noRight");
  return (
    <div className="notice notice-info read-only-banner">
      <p>{message}</p>
      <div className="row">
        {canManage && version.status === "PUBLISHED" && !draft && (
          <button
            type="button"
            disabled={clone.isPending}
            onClick={() => clone.mutate({ sourceVersionId: version.id, tenantId: version.set.tenant.code })}
          >
            {t("sets.newVersion")}
          </button>
        )}
        {canManage && draft && (
          <button type="button" className="secondary" onClick={() => navigate(versionHref(draft.id))}>
            {t("sets.openDraft")} ({draft.version})
          </button>
        )}
        {cloneInto && version.status === "PUBLISHED" && (
          <CloneForProvinceButton
            national={{ id: version.id, version: version.version, setCode: version.set.code }}
            current={
              provinceCurrent
                ? {
                    id: provinceCurrent.version.id,
                    version: provinceCurrent.version.version,
                    setCode: provinceCurrent.set.code,
                  }
                : null
            }
            tenantId={cloneInto}
            tenantName={tenantName}
            disabled={clone.isPending || sets.isPending}
            onCloneDirectly={() => clone.mutate({ sourceVersionId: version.id, tenantId: cloneInto })}
          />
        )}
      </div>
      {clone.isPending && <Spinner label={t("sets.cloning")} />}
      {blocking ? (
        <div className="error-box" role="alert">
          {t("sets.draftExists", { version: blocking.version.version, set: blocking.set.code })}{" "}
          <Link to={versionHref(blocking.version.id)}>{t("sets.openDraft")}</Link>
        </div>
      ) : (
        <ErrorBox error={clone.error} />
      )}
    </div>
  );
}
