/**
 * A unit's self-assessment: register a level, enter values in a form generated
 * from the pinned criteria set, see the level and what is missing live
 * (criteria-core, the same engine as the API), autosave, submit.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useIsFetching, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  evaluate,
  gaps,
  InvalidValuesError,
  type Evaluation,
  type Gap,
  type IndicatorValues,
} from "@cds/criteria-core";
import type { TCriteriaSet, TCriterion } from "@cds/criteria-schema";
import {
  ApiError,
  ErrorBox,
  LevelBadge,
  Link,
  Notice,
  request,
  Spinner,
  StatusBadge,
  unwrap,
  useI18n,
  type ApiIssue,
} from "@cds/ui";
import {
  assessmentQuery,
  RegisterLevelMutation,
  SaveValuesMutation,
  SubmitMutation,
  type AssessmentData,
} from "./api.ts";
import { CriterionCard, type ReviewNote } from "./CriterionCard.tsx";
import { evidenceActionsOf } from "./EvidenceBox.tsx";
import { ExcelImport } from "./ExcelImport.tsx";
import { clearDraft, EMPTY_DRAFT, isEmptyDraft, loadDraft, storeDraft, type Draft } from "./draft.ts";
import {
  describeValue,
  engineError,
  fieldFromValue,
  sameField,
  toRaw,
  type FieldError,
  type FieldState,
} from "./form.ts";

type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "offline" }
  | { kind: "conflict" }
  | { kind: "error"; error: unknown };

type SavedData = Pick<AssessmentData, "id" | "version" | "status" | "computedLevel" | "evaluation" | "values">;

const AUTOSAVE_MS = 1500;
const EMPTY_LIST: never[] = [];

function hhmm(d: Date): string {
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

export function AssessmentWorkspace({ assessmentId }: { assessmentId: string }) {
  const q = useQuery(assessmentQuery(assessmentId));
  if (q.isPending) return <Spinner />;
  if (q.error) return <ErrorBox error={q.error} />;
  return <Editor key={assessmentId} routeId={assessmentId} data={q.data} />;
}

interface Live {
  values: Record<string, unknown>;
  errors: Record<string, FieldError[]>;
  evaluation: Evaluation;
  target: number;
  gaps: Gap[];
}

/** Judges the values the form shows now: the server's effective values overlaid with the unsaved edits. */
function judgeLocally(
  set: TCriteriaSet,
  byCode: Map<string, TCriterion>,
  effective: Map<string, unknown>,
  draft: Draft,
  registered: number | null,
): Live {
  const values: Record<string, unknown> = {};
  for (const [code, v] of effective) if (v !== null && v !== undefined) values[code] = v;
  const errors: Record<string, FieldError[]> = {};
  for (const [code, st] of Object.entries(draft.fields)) {
    const c = byCode.get(code);
    if (!c) continue;
    const r = toRaw(c, st);
    delete values[code];
    if (r.status === "ok") values[code] = r.value;
    else if (r.status !== "empty") errors[code] = r.errors;
  }
  let evaluation: Evaluation;
  try {
    evaluation = evaluate(set, values as IndicatorValues);
  } catch (e) {
    if (!(e instanceof InvalidValuesError)) throw e;
    // What the engine cannot judge is shown on its field and judged as missing.
    for (const i of e.issues) {
      (errors[i.criterion] ??= []).push(engineError(i.field, i.reason));
      delete values[i.criterion];
    }
    evaluation = evaluate(set, values as IndicatorValues);
  }
  const target = registered ?? Math.min(evaluation.level + 1, set.levels.length);
  return { values, errors, evaluation, target, gaps: gaps(set, values as IndicatorValues, target) };
}

function Editor({ routeId, data }: { routeId: string; data: AssessmentData }) {
  const { t, locale, date, dateTime, percent } = useI18n();
  const qc = useQueryClient();
  const queryKey = useMemo(() => ["assessment", routeId], [routeId]);
  const fetching = useIsFetching({ queryKey }) > 0;
  const set = data.setVersion.document as TCriteriaSet;
  const byCode = useMemo(() => new Map(set.criteria.map((c) => [c.code, c])), [set]);
  // The API says what this user may do now (same rules it enforces).
  const editable = data.allowedActions.includes("saveValues");
  const evidenceActions = useMemo(() => evidenceActionsOf(data.allowedActions), [data.allowedActions]);
  const registered = data.registeredLevel ?? null;

  const server = useMemo(() => {
    const entered = new Map<string, unknown>();
    const effective = new Map<string, unknown>();
    const notes = new Map<string, string>();
    const verified = new Map<string, { value: unknown; comment: string | null }>();
    for (const v of data.values) {
      entered.set(v.criterionCode, v.value);
      effective.set(v.criterionCode, v.effectiveValue);
      if (v.note) notes.set(v.criterionCode, v.note);
      if (v.verifiedValue !== null && v.verifiedValue !== undefined)
        verified.set(v.criterionCode, { value: v.verifiedValue, comment: v.verifierComment ?? null });
      else if (v.verifierComment) verified.set(v.criterionCode, { value: v.value, comment: v.verifierComment });
    }
    return { entered, effective, notes, verified };
  }, [data.values]);

  // A draft left by a lost connection or a closed tab comes back; if the assessment moved on since, that is a conflict.
  const [initial] = useState(() => (editable ? loadDraft(routeId) : null));
  const [draft, setDraft] = useState<Draft>(initial?.draft ?? EMPTY_DRAFT);
  const [baseVersion, setBaseVersion] = useState(initial?.version ?? data.version);
  const [restored, setRestored] = useState(initial !== null);
  const [conflict, setConflict] = useState<{ currentVersion: number } | null>(
    initial && initial.version !== data.version ? { currentVersion: data.version } : null,
  );
  const [save, setSave] = useState<SaveState>(
    initial && initial.version !== data.version ? { kind: "conflict" } : { kind: "idle" },
  );
  const [serverIssues, setServerIssues] = useState<ApiIssue[]>([]);

  const draftRef = useRef(draft);
  const baseRef = useRef(baseVersion);
  const dataRef = useRef(data);
  const conflictRef = useRef(conflict);
  const savingRef = useRef(false);
  const failedRef = useRef<Draft | null>(null);
  useEffect(() => {
    draftRef.current = draft;
    baseRef.current = baseVersion;
    dataRef.current = data;
    conflictRef.current = conflict;
  });

  useEffect(() => {
    if (editable) storeDraft(routeId, baseVersion, draft);
  }, [editable, routeId, baseVersion, draft]);

  /** The version edits are made on: the one read when the first unsaved edit was made. */
  const currentBase = () =>
    isEmptyDraft(draftRef.current) && !conflictRef.current ? dataRef.current.version : baseRef.current;

  const touch = () => {
    if (isEmptyDraft(draftRef.current) && !conflictRef.current) {
      baseRef.current = dataRef.current.version;
      setBaseVersion(dataRef.current.version);
    }
  };

  const onChange = useCallback(
    (code: string, next: FieldState) => {
      touch();
      setDraft((d) => {
        const fields = { ...d.fields };
        if (sameField(next, fieldFromValue(byCode.get(code)!, server.entered.get(code)))) delete fields[code];
        else fields[code] = next;
        return { ...d, fields };
      });
    },
    [byCode, server],
  );
  const onNote = useCallback(
    (code: string, text: string) => {
      touch();
      setDraft((d) => {
        const notes = { ...d.notes };
        if (text === (server.notes.get(code) ?? "")) delete notes[code];
        else notes[code] = text;
        return { ...d, notes };
      });
    },
    [server],
  );

  /** Saves what can be saved now; returns the new version, or null when nothing was saved. */
  const saveNow = useCallback(async (): Promise<number | null> => {
    if (savingRef.current || conflictRef.current) return null;
    const snap = draftRef.current;
    const values: Record<string, unknown> = {};
    const notes: Record<string, string | null> = {};
    for (const [code, st] of Object.entries(snap.fields)) {
      const c = byCode.get(code);
      if (!c) continue;
      const r = toRaw(c, st);
      if (r.status === "ok") values[code] = r.value;
      else if (r.status === "empty") values[code] = null;
    }
    for (const [code, text] of Object.entries(snap.notes)) notes[code] = text.trim() ? text : null;
    if (Object.keys(values).length === 0 && Object.keys(notes).length === 0) return null;
    if (typeof navigator !== "undefined" && navigator.onLine === false) {
      failedRef.current = snap;
      setSave({ kind: "offline" });
      return null;
    }
    savingRef.current = true;
    setSave({ kind: "saving" });
    try {
      const r = await request(SaveValuesMutation, {
        assessmentId: routeId,
        version: currentBase(),
        values,
        notes: Object.keys(notes).length ? notes : null,
      });
      const saved = unwrap(r.saveIndicatorValues as never) as SavedData;
      qc.setQueryData<AssessmentData>(queryKey, (old) => (old ? { ...old, ...saved } : old));
      baseRef.current = saved.version;
      setBaseVersion(saved.version);
      setDraft((d) => {
        const fields = { ...d.fields };
        for (const code of Object.keys(values)) if (fields[code] === snap.fields[code]) delete fields[code];
        const n = { ...d.notes };
        for (const code of Object.keys(notes)) if (n[code] === snap.notes[code]) delete n[code];
        return { fields, notes: n };
      });
      setServerIssues([]);
      setRestored(false);
      failedRef.current = null;
      setSave({ kind: "saved", at: new Date() });
      return saved.version;
    } catch (e) {
      failedRef.current = snap;
      if (e instanceof ApiError && e.code === "CONFLICT") {
        setConflict({ currentVersion: e.currentVersion ?? dataRef.current.version + 1 });
        setSave({ kind: "conflict" });
        void qc.invalidateQueries({ queryKey });
      } else if (e instanceof ApiError && e.code === "NETWORK") {
        setSave({ kind: "offline" });
      } else {
        if (e instanceof ApiError) setServerIssues(e.issues);
        setSave({ kind: "error", error: e });
      }
      return null;
    } finally {
      savingRef.current = false;
    }
  }, [byCode, routeId, qc, queryKey]);

  const saveRef = useRef(saveNow);
  useEffect(() => {
    saveRef.current = saveNow;
  });

  // Autosave: a quiet moment after the last change, with the version last read.
  useEffect(() => {
    if (!editable || conflict || save.kind === "saving" || isEmptyDraft(draft) || failedRef.current === draft) return;
    const timer = setTimeout(() => void saveRef.current(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [editable, conflict, save.kind, draft]);

  // Back online: send what is waiting.
  useEffect(() => {
    const online = () => {
      failedRef.current = null;
      void saveRef.current();
    };
    const offline = () => {
      if (!isEmptyDraft(draftRef.current)) setSave({ kind: "offline" });
    };
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
    };
  }, []);

  const live = useMemo(
    () => judgeLocally(set, byCode, server.effective, draft, registered),
    [set, byCode, server, draft, registered],
  );
  const resultsByCode = useMemo(() => new Map(live.evaluation.criteria.map((c) => [c.code, c.results])), [live]);

  const dirty = !isEmptyDraft(draft);
  const invalidCodes = Object.keys(live.errors).filter((c) => draft.fields[c]);
  const serverLevel = data.evaluation?.level ?? data.computedLevel;
  const mismatch =
    !dirty &&
    !fetching &&
    save.kind !== "saving" &&
    data.evaluation !== null &&
    data.evaluation !== undefined &&
    data.evaluation.level !== live.evaluation.level;
  const levelName = (l: number) =>
    l === 0
      ? undefined
      : locale === "en"
        ? (set.levels[l - 1]?.nameEn ?? set.levels[l - 1]?.name)
        : set.levels[l - 1]?.name;

  // ---- conflict -------------------------------------------------------------
  const reloadTheirs = () => {
    clearDraft(routeId);
    failedRef.current = null;
    conflictRef.current = null;
    draftRef.current = EMPTY_DRAFT;
    setDraft(EMPTY_DRAFT);
    setConflict(null);
    setRestored(false);
    setBaseVersion(data.version);
    setSave({ kind: "idle" });
  };
  const keepMine = () => {
    conflictRef.current = null;
    baseRef.current = data.version;
    failedRef.current = null;
    setBaseVersion(data.version);
    setConflict(null);
    setSave({ kind: "idle" });
    void saveRef.current();
  };

  // ---- register, submit -----------------------------------------------------
  const [chosen, setChosen] = useState<number>(
    registered ?? Math.max(1, Math.min(live.evaluation.level + 1, set.levels.length)),
  );
  const [registerState, setRegisterState] = useState<{ pending: boolean; error: unknown }>({
    pending: false,
    error: null,
  });
  const register = async () => {
    setRegisterState({ pending: true, error: null });
    const sent = currentBase();
    try {
      const r = await request(RegisterLevelMutation, { assessmentId: routeId, version: sent, level: chosen });
      const d = unwrap(r.registerLevel as never) as { version: number; registeredLevel: number };
      qc.setQueryData<AssessmentData>(queryKey, (old) =>
        old ? { ...old, version: d.version, registeredLevel: d.registeredLevel } : old,
      );
      if (baseRef.current === sent) {
        baseRef.current = d.version;
        setBaseVersion(d.version);
      }
      setRegisterState({ pending: false, error: null });
      void qc.invalidateQueries({ queryKey });
    } catch (e) {
      setRegisterState({ pending: false, error: e });
      if (e instanceof ApiError && e.code === "CONFLICT") void qc.invalidateQueries({ queryKey });
    }
  };

  const missingForSubmit = useMemo(() => {
    if (!registered) return [];
    const s = new Set<string>();
    for (const l of live.evaluation.levels.slice(0, registered)) for (const c of l.missing) s.add(c);
    return set.criteria.filter((c) => s.has(c.code)).map((c) => c.code);
  }, [live, registered, set]);
  const [submitTried, setSubmitTried] = useState(false);
  const [submitState, setSubmitState] = useState<{ pending: boolean; error: unknown; done: boolean }>({
    pending: false,
    error: null,
    done: false,
  });
  // Submitting locks the values and evidence: the user confirms first, seeing what is locked.
  const [confirming, setConfirming] = useState(false);
  const askSubmit = () => {
    setSubmitTried(true);
    setSubmitState({ pending: false, error: null, done: false });
    if (!registered || missingForSubmit.length > 0 || invalidCodes.length > 0) return;
    setConfirming(true);
  };
  const filledCount = set.criteria.filter((c) => live.values[c.code] !== undefined).length;
  const submit = async () => {
    setConfirming(false);
    if (!registered || missingForSubmit.length > 0 || invalidCodes.length > 0) return;
    setSubmitState({ pending: true, error: null, done: false });
    let version = currentBase();
    if (dirty) {
      const v = await saveRef.current();
      if (v === null) {
        setSubmitState({
          pending: false,
          error: new ApiError("UNSAVED", t("submit.unsaved"), t("submit.unsaved")),
          done: false,
        });
        return;
      }
      version = v;
    }
    try {
      const r = await request(SubmitMutation, { assessmentId: routeId, version });
      unwrap(r.submitAssessment as never);
      clearDraft(routeId);
      setSubmitState({ pending: false, error: null, done: true });
      await qc.invalidateQueries({ queryKey });
      void qc.invalidateQueries({ queryKey: ["my-assessments"] });
    } catch (e) {
      setSubmitState({ pending: false, error: e, done: false });
    }
  };
  const serverMissing =
    submitState.error instanceof ApiError
      ? submitState.error.issues
          .filter((i) => i.field?.startsWith("values."))
          .map((i) => i.field!.slice("values.".length))
      : [];

  // ---- derived view data ----------------------------------------------------
  const evidenceBy = useMemo(() => {
    const m = new Map<string, AssessmentData["evidence"]>();
    for (const e of data.evidence) m.set(e.criterionCode, [...(m.get(e.criterionCode) ?? []), e]);
    return m;
  }, [data.evidence]);
  const showComments = data.status === "RETURNED" || data.status === "DRAFT";
  const commentsBy = useMemo(() => {
    const m = new Map<string, ReviewNote[]>();
    for (const c of data.comments) if (c.criterionCode) m.set(c.criterionCode, [...(m.get(c.criterionCode) ?? []), c]);
    return m;
  }, [data.comments]);
  const generalComments = data.comments.filter((c) => !c.criterionCode);
  const timeline = data.history.filter((h) => TIMELINE_ACTIONS.includes(h.action));
  const nameOf = (code: string) => byCode.get(code)?.name ?? code;
  const daysLeft = Math.ceil(
    (new Date(`${data.round.submitDueAt}T23:59:59+07:00`).getTime() - Date.now()) / 86_400_000,
  );
  const conflictRows = conflict
    ? Object.entries(draft.fields)
        .map(([code, st]) => {
          const c = byCode.get(code)!;
          const r = toRaw(c, st);
          return {
            code,
            mine:
              r.status === "ok"
                ? describeValue(r.value, t, percent)
                : r.status === "empty"
                  ? t("value.none")
                  : t("value.incomplete"),
            theirs: describeValue(server.entered.get(code), t, percent),
          };
        })
        .concat(
          Object.entries(draft.notes).map(([code, text]) => ({
            code: `${code} (${t("input.note").toLowerCase()})`,
            mine: text || t("value.none"),
            theirs: server.notes.get(code) ?? t("value.none"),
          })),
        )
    : [];

  const statusText = (() => {
    if (!editable) return t("save.readOnly");
    const extra = invalidCodes.length ? ` · ${t("save.invalid", { n: invalidCodes.length })}` : "";
    switch (save.kind) {
      case "saving":
        return t("save.saving");
      case "offline":
        return t("save.offline") + extra;
      case "conflict":
        return t("save.conflict");
      case "error":
        return t("save.error") + extra;
      case "saved":
        return (
          (dirty && invalidCodes.length < Object.keys(draft.fields).length + Object.keys(draft.notes).length
            ? t("save.pending")
            : t("save.savedAt", { time: hhmm(save.at) })) + extra
        );
      default:
        return (restored && dirty ? t("save.restored") : dirty ? t("save.pending") : t("save.allSaved")) + extra;
    }
  })();

  return (
    <div className="pa-page">
      <p className="pa-back">
        <Link to="/my">← {t("my.title")}</Link>
      </p>
      <header className="card pa-header">
        <div className="pa-header-main">
          <h1>{data.unit.name}</h1>
          <p className="muted">
            {[data.unit.parent?.name, data.unit.tenant.name].filter(Boolean).join(" · ")} ·{" "}
            {t("a.gso", { code: data.unit.code })}
          </p>
          <dl className="pa-facts">
            <div>
              <dt>{t("a.round")}</dt>
              <dd>{data.round.name || t("a.year", { year: data.round.year })}</dd>
            </div>
            <div>
              <dt>{t("a.set")}</dt>
              <dd>
                {data.setVersion.set.title} — {t("a.version", { v: data.setVersion.version })}
                <br />
                <span className="muted">
                  {data.setVersion.set.tenant.name}
                  {data.setVersion.decisionNumber
                    ? ` · ${t("a.decision", { n: data.setVersion.decisionNumber, d: date(data.setVersion.decisionDate) })}`
                    : ""}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t("a.deadline")}</dt>
              <dd>
                <strong>{date(data.round.submitDueAt)}</strong>
                {editable && (
                  <span className={daysLeft < 0 ? "pa-late" : "muted"}>
                    {" "}
                    ({daysLeft < 0 ? t("a.overdue", { n: -daysLeft }) : t("a.daysLeft", { n: daysLeft })})
                  </span>
                )}
              </dd>
            </div>
            <div>
              <dt>{t("a.status")}</dt>
              <dd>
                <StatusBadge status={data.status} />
              </dd>
            </div>
          </dl>
        </div>
      </header>

      {data.status === "RECOGNISED" && data.recognisedLevel !== null && data.recognisedLevel !== undefined && (
        <Notice kind="ok">
          <strong>{t("a.recognised")}</strong>{" "}
          <LevelBadge level={data.recognisedLevel} name={levelName(data.recognisedLevel)} />{" "}
          {t("a.recognisedBy", { n: data.recognitionDecision ?? "—", d: date(data.recognitionDate) })}
        </Notice>
      )}
      {!editable && data.status !== "RECOGNISED" && (
        <Notice kind="info">
          {data.status === "DRAFT" || data.status === "RETURNED"
            ? t("a.noEditRight")
            : t("a.locked", { status: t(`status.${data.status}`) })}
        </Notice>
      )}
      {data.status === "RETURNED" && <Notice kind="warn">{t("a.returned")}</Notice>}
      {showComments &&
        generalComments.map((c) => (
          <div className="pa-comment" key={c.id} role="note">
            <strong>{t("review.general")}</strong> ({date(c.createdAt)}) {c.body}
          </div>
        ))}
      {restored && dirty && !conflict && <Notice kind="info">{t("draft.restored")}</Notice>}

      {conflict && (
        <section className="card pa-conflict" role="alertdialog" aria-labelledby="conflict-title">
          <h2 id="conflict-title">{t("conflict.title")}</h2>
          <p>{t("conflict.text")}</p>
          {conflictRows.length > 0 && (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th>{t("conflict.criterion")}</th>
                    <th>{t("conflict.mine")}</th>
                    <th>{t("conflict.theirs")}</th>
                  </tr>
                </thead>
                <tbody>
                  {conflictRows.map((r) => (
                    <tr key={r.code}>
                      <td>{r.code}</td>
                      <td>{r.mine}</td>
                      <td>{r.theirs}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {fetching && <Spinner label={t("conflict.loading")} />}
          <div className="row">
            <button type="button" className="secondary" onClick={reloadTheirs} disabled={fetching}>
              {t("conflict.reload")}
            </button>
            <button type="button" onClick={keepMine} disabled={fetching}>
              {t("conflict.keep")}
            </button>
          </div>
        </section>
      )}

      <div className="pa-layout">
        <div className="pa-form">
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
                <button
                  type="button"
                  onClick={() => void register()}
                  disabled={registerState.pending || chosen === registered}
                >
                  {registerState.pending ? t("common.working") : t("register.button")}
                </button>
              </div>
            )}
            <ErrorBox error={registerState.error} />
          </section>

          {editable && (
            <ExcelImport
              assessmentId={routeId}
              version={data.version}
              levelName={levelName}
              disabled={dirty || !!conflict}
            />
          )}

          <nav className="pa-groupnav" aria-label={t("form.groups")}>
            {set.groups.map((g) => {
              const codes = set.criteria.filter((c) => c.group === g.code);
              const missing = codes.filter((c) =>
                live.evaluation.criteria.find((x) => x.code === c.code)?.results.some((r) => r === "missing"),
              ).length;
              return (
                <a key={g.code} href={`#group-${g.code}`}>
                  {g.code} · {locale === "en" ? (g.nameEn ?? g.name) : g.name}
                  {missing > 0 && <span className="pa-count">{t("form.missingCount", { n: missing })}</span>}
                </a>
              );
            })}
          </nav>

          {set.groups.map((g) => {
            const list = set.criteria.filter((c) => c.group === g.code);
            if (list.length === 0) return null;
            return (
              <section
                key={g.code}
                id={`group-${g.code}`}
                className="pa-group"
                aria-labelledby={`group-title-${g.code}`}
              >
                <h3 id={`group-title-${g.code}`}>
                  {g.code} — {locale === "en" ? (g.nameEn ?? g.name) : g.name}{" "}
                  <span className="muted">({t("form.criteriaCount", { n: list.length })})</span>
                </h3>
                {list.map((c) => (
                  <CriterionCard
                    key={c.code}
                    assessmentId={routeId}
                    criterion={c}
                    levels={set.levels}
                    state={draft.fields[c.code] ?? fieldFromValue(c, server.entered.get(c.code))}
                    note={draft.notes[c.code] ?? server.notes.get(c.code) ?? ""}
                    dirty={c.code in draft.fields || c.code in draft.notes}
                    errors={live.errors[c.code] ?? EMPTY_LIST}
                    results={resultsByCode.get(c.code)}
                    targetLevel={live.target}
                    readOnly={!editable}
                    evidence={evidenceBy.get(c.code) ?? EMPTY_LIST}
                    evidenceActions={evidenceActions}
                    comments={showComments ? (commentsBy.get(c.code) ?? EMPTY_LIST) : EMPTY_LIST}
                    verified={server.verified.get(c.code) ?? null}
                    autoValue={server.effective.get(c.code)}
                    onChange={onChange}
                    onNote={onNote}
                  />
                ))}
              </section>
            );
          })}

          {editable && (
            <section className="card pa-submit" aria-labelledby="submit-title">
              <h2 id="submit-title">{t("submit.title")}</h2>
              <p>
                {t("submit.explain", {
                  level: live.evaluation.level,
                  name: levelName(live.evaluation.level) ?? t("level.0"),
                })}
              </p>
              {submitTried && !registered && (
                <div className="error-box" role="alert">
                  {t("submit.noLevel")}
                </div>
              )}
              {submitTried && (missingForSubmit.length > 0 || invalidCodes.length > 0) && (
                <div className="error-box" role="alert" data-testid="submit-missing">
                  <strong>{t("submit.refused")}</strong>
                  {missingForSubmit.length > 0 && (
                    <p>{t("submit.missing", { n: missingForSubmit.length, level: registered ?? "" })}</p>
                  )}
                  <ul>
                    {missingForSubmit.map((code) => (
                      <li key={code}>
                        <a href={`#criterion-${code}`}>{code}</a> — {nameOf(code)}
                      </li>
                    ))}
                    {invalidCodes.map((code) => (
                      <li key={`inv-${code}`}>
                        <a href={`#criterion-${code}`}>{code}</a> — {t("submit.invalid")}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {serverMissing.length > 0 ? (
                <div className="error-box" role="alert">
                  <strong>{t("submit.serverRefused")}</strong>
                  <ul>
                    {serverMissing.map((code) => (
                      <li key={code}>
                        <a href={`#criterion-${code}`}>{code}</a> — {nameOf(code)}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : (
                <ErrorBox error={submitState.error} />
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
                      filled: filledCount,
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
                <button
                  type="button"
                  className="pa-big"
                  onClick={askSubmit}
                  disabled={submitState.pending || !!conflict}
                >
                  {submitState.pending ? t("common.working") : t("submit.button")}
                </button>
              )}
            </section>
          )}
          {submitState.done && <Notice kind="ok">{t("submit.done")}</Notice>}

          {timeline.length > 0 && (
            <section className="card pa-timeline" aria-labelledby="timeline-title">
              <h2 id="timeline-title">{t("timeline.title")}</h2>
              <ol>
                {timeline.map((h) => (
                  <li key={h.id} className={`pa-tl-${h.action.split(".")[1]}`}>
                    <time dateTime={h.at}>{dateTime(h.at)}</time> — {t(`timeline.${h.action}`, timelineParams(h.after))}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </div>

        <aside className="pa-live card" aria-labelledby="live-title">
          <h2 id="live-title">{t("live.title")}</h2>
          <p className="pa-live-big">
            {t("live.level")} <LevelBadge level={live.evaluation.level} name={levelName(live.evaluation.level)} />
          </p>
          <p className="muted pa-small">
            {t("live.server")}{" "}
            <span data-testid="server-level" data-level={serverLevel}>
              <LevelBadge level={serverLevel} name={levelName(serverLevel)} />
            </span>
          </p>
          {mismatch && (
            <Notice kind="warn">
              <span data-testid="level-mismatch">
                {t("live.mismatch", { local: live.evaluation.level, server: serverLevel })}
              </span>
            </Notice>
          )}
          <h3>{t("live.checklist")}</h3>
          <ol className="pa-checklist">
            {live.evaluation.levels.map((l) => (
              <li key={l.level} className={l.met ? "met" : "unmet"}>
                <details>
                  <summary>
                    <span aria-hidden>{l.met ? "✓" : "✗"}</span> {l.level}. {levelName(l.level)} —{" "}
                    {l.met ? t("live.met") : t("live.unmet", { f: l.failing.length, m: l.missing.length })}
                  </summary>
                  {l.failing.length > 0 && (
                    <p>
                      {t("live.failing")} {l.failing.join(", ")}
                    </p>
                  )}
                  {l.missing.length > 0 && (
                    <p>
                      {t("live.missingList")} {l.missing.join(", ")}
                    </p>
                  )}
                  {l.exempt.length > 0 && (
                    <p>
                      {t("live.exempt")} {l.exempt.join(", ")}
                    </p>
                  )}
                </details>
              </li>
            ))}
          </ol>
          <h3>{t("live.gaps", { level: live.target, name: levelName(live.target) ?? "" })}</h3>
          {live.gaps.length === 0 ? (
            <p className="pa-ok-text">{t("live.noGaps", { level: live.target })}</p>
          ) : (
            <ul className="pa-gaps" data-testid="gaps">
              {live.gaps.map((g) => (
                <li key={g.code} className={`pa-gap-${g.status}`}>
                  <a href={`#criterion-${g.code}`}>{locale === "en" ? g.messageEn : g.message}</a>
                </li>
              ))}
            </ul>
          )}
          {serverIssues.length > 0 && (
            <div className="error-box" role="alert">
              <ul>
                {serverIssues.map((i, k) => (
                  <li key={k}>{locale === "en" ? i.messageEn : i.message}</li>
                ))}
              </ul>
            </div>
          )}
        </aside>
      </div>

      <div className="pa-bar" role="status">
        <span className="pa-bar-level">
          {t("live.short")}{" "}
          <span data-testid="live-level" data-level={live.evaluation.level}>
            <LevelBadge level={live.evaluation.level} name={levelName(live.evaluation.level)} />
          </span>
        </span>
        <span data-testid="save-status" className={`pa-save pa-save-${save.kind}`}>
          {statusText}
        </span>
        {editable && dirty && !conflict && save.kind !== "saving" && (
          <button
            type="button"
            className="secondary pa-save-now"
            onClick={() => {
              failedRef.current = null;
              void saveRef.current();
            }}
          >
            {t("save.now")}
          </button>
        )}
      </div>
    </div>
  );
}

const TIMELINE_ACTIONS = [
  "assessment.register",
  "assessment.submit",
  "assessment.return",
  "assessment.verify",
  "assessment.appraise",
  "assessment.recognise",
];

function timelineParams(after: unknown): Record<string, string | number> {
  const a = (after ?? {}) as Record<string, unknown>;
  const out: Record<string, string | number> = {};
  for (const k of ["registeredLevel", "selfAssessedLevel", "appraisedLevel", "recognisedLevel", "decisionNumber"]) {
    const v = a[k];
    out[k] = typeof v === "number" || typeof v === "string" ? v : "—";
  }
  return out;
}
