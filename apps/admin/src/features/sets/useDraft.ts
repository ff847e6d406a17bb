/**
 * The draft's one piece of state — the JSON text — and its saving: what was last
 * saved, whether the text differs, the server's refusal (issues or a conflict),
 * reloading, the table's edits applied to the text, Ctrl+S and the leave warning.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { formatVietnameseTime } from "@cds/calendar";
import { ApiError, useI18n } from "@cds/ui";
import { saveDraft, setsKeys, versionQuery, type VersionData } from "./api.ts";
import { formatDocument, parseText, type TCriteriaSetLike } from "./document.ts";

export interface IssueLike {
  pointer?: string | undefined;
  message: string;
  messageEn: string;
}

export interface ServerIssues {
  issues: IssueLike[];
  /** The time of the refused save, shown beside its issues (they may be fixed since). */
  at: string;
}

export function useDraft(version: VersionData, readOnly: boolean, notice: string | null) {
  const { t } = useI18n();
  const qc = useQueryClient();
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

  const [serverIssues, setServerIssues] = useState<ServerIssues | null>(null);
  const [conflict, setConflict] = useState<number | null>(null);
  const [flash, setFlash] = useState<string | null>(notice);

  /** A table edit: a function of the text and its document to the new text. */
  const edit = (fn: (text: string, doc: TCriteriaSetLike) => string) => {
    if (readOnly || parsed.value === null) return;
    try {
      setText(fn(text, parsed.value as TCriteriaSetLike));
      setFlash(null);
    } catch {
      /* the criterion is gone from the text (edited elsewhere meanwhile): nothing to change */
    }
  };

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
          at: formatVietnameseTime(new Date()),
        });
      } else if (e instanceof ApiError && e.code === "CONFLICT") setConflict(e.currentVersion ?? 0);
    },
  });
  // Issues and conflicts have their own notices; any other refusal shows as an error.
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

  return {
    text,
    setText,
    revision: saved.revision,
    parsed,
    shownDoc,
    jsonOk,
    dirty,
    edit,
    saving: save.isPending,
    saveError,
    canSave,
    doSave,
    reload,
    serverIssues,
    conflict,
    flash,
  };
}

export type Draft = ReturnType<typeof useDraft>;
