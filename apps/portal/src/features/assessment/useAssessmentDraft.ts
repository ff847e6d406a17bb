/**
 * The workspace's draft state machine: unsaved edits (kept in localStorage), autosave after a quiet
 * moment with the version last read, offline and back online, and a conflict when someone else
 * saved meanwhile (reload theirs or keep mine). Judges the values shown now with criteria-core.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError, request, sameField, unwrap, type ApiIssue } from "@cds/ui";
import { SaveValuesMutation, type AssessmentData } from "./api.ts";
import { clearDraft, EMPTY_DRAFT, isEmptyDraft, loadDraft, storeDraft, type Draft, type DraftField } from "./draft.ts";
import { pendingChanges, serverValues, type FormModel } from "./judge.ts";

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "offline" }
  | { kind: "conflict" }
  | { kind: "error"; error: unknown }
  /** The server answered that its database is unavailable (restarting): the draft is sent again shortly. */
  | { kind: "unavailable" };

const AUTOSAVE_MS = 1500;
/** How long to wait before sending a draft again after the server said its database is unavailable. */
const RETRY_UNAVAILABLE_MS = 3000;

export function useAssessmentDraft({
  routeId,
  data,
  model,
  editable,
}: {
  routeId: string;
  data: AssessmentData;
  /** How the set's values are read, written and judged (by criterion or by scored component). */
  model: FormModel;
  editable: boolean;
}) {
  const qc = useQueryClient();
  const queryKey = useMemo(() => ["assessment", routeId], [routeId]);
  const registered = data.registeredLevel ?? null;
  const server = useMemo(() => serverValues(data.values), [data.values]);

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
  const retryRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (retryRef.current) clearTimeout(retryRef.current);
    },
    [],
  );
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
  const currentBase = useCallback(
    () => (isEmptyDraft(draftRef.current) && !conflictRef.current ? dataRef.current.version : baseRef.current),
    [],
  );
  /** After another write (registering a level) moved the version on from `sent` to `next`. */
  const advanceBase = useCallback((sent: number, next: number) => {
    if (baseRef.current !== sent) return;
    baseRef.current = next;
    setBaseVersion(next);
  }, []);

  const touch = useCallback(() => {
    if (isEmptyDraft(draftRef.current) && !conflictRef.current) {
      baseRef.current = dataRef.current.version;
      setBaseVersion(dataRef.current.version);
    }
  }, []);

  const onChange = useCallback(
    (code: string, next: DraftField) => {
      touch();
      setDraft((d) => {
        const fields = { ...d.fields };
        if (sameField(next, model.field(code, server.entered.get(code)))) delete fields[code];
        else fields[code] = next;
        return { ...d, fields };
      });
    },
    [model, server, touch],
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
    [server, touch],
  );

  /** Saves what can be saved now; returns the new version, or null when nothing was saved. */
  const saveNow = useCallback(async (): Promise<number | null> => {
    if (savingRef.current || conflictRef.current) return null;
    const snap = draftRef.current;
    const { values, notes } = pendingChanges(model, snap);
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
      const saved = unwrap(r.saveIndicatorValues);
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
      } else if (e instanceof ApiError && e.code === "DATABASE_UNAVAILABLE") {
        // The server is up but its database is restarting (503): keep the draft, send it again in a moment.
        setSave({ kind: "unavailable" });
        if (retryRef.current) clearTimeout(retryRef.current);
        retryRef.current = setTimeout(() => {
          retryRef.current = null;
          failedRef.current = null;
          void saveRef.current();
        }, RETRY_UNAVAILABLE_MS);
      } else {
        if (e instanceof ApiError) setServerIssues(e.issues);
        setSave({ kind: "error", error: e });
      }
      return null;
    } finally {
      savingRef.current = false;
    }
  }, [model, routeId, qc, queryKey, currentBase]);

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

  /** Saves now (before submitting): the new version, or null when nothing could be saved. */
  const saveLatest = useCallback(() => saveRef.current(), []);
  /** Saves now, even what failed before (the user asked). */
  const retrySave = useCallback(() => {
    failedRef.current = null;
    return saveRef.current();
  }, []);

  // ---- conflict: reload theirs, or keep mine (saved on the current version) ----
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

  const live = useMemo(() => model.judge(server.effective, draft, registered), [model, server, draft, registered]);
  const dirty = !isEmptyDraft(draft);
  const invalidCodes = Object.keys(live.errors).filter((c) => draft.fields[c]);

  return {
    server,
    draft,
    live,
    dirty,
    invalidCodes,
    restored,
    conflict,
    save,
    serverIssues,
    onChange,
    onNote,
    currentBase,
    advanceBase,
    saveLatest,
    retrySave,
    reloadTheirs,
    keepMine,
  };
}

export type AssessmentDraft = ReturnType<typeof useAssessmentDraft>;
