/**
 * Publishing a draft: the decision that issues it (number, date dd/mm/yyyy),
 * checked field by field — and, when the draft drops a local criterion that
 * the set's version in force has, an explicit confirmation first.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ApiError, ErrorBox, Spinner, useI18n, vietnamDay } from "@cds/ui";
import { publishVersion, versionQuery } from "./api.ts";

interface CriteriaLike {
  criteria?: { code: string; name: string; local?: boolean }[];
}

/** "14/02/2025" → "2025-02-14"; "bad" when not dd/mm/yyyy, "invalid" when no such day. */
export function parseVietnameseDate(s: string): { iso: string } | { error: "format" | "invalid" } {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(s);
  if (!m) return { error: "format" };
  const iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return { error: "invalid" };
  return { iso };
}

type Field = "decisionNumber" | "decisionDate" | "confirmDrop";

export function PublishDialog({
  versionId,
  version,
  document,
  currentVersionId,
  onClose,
  onPublished,
}: {
  versionId: string;
  version: string;
  /** The draft's document, as it will be published. */
  document: unknown;
  /** The set's version in force (published), to compare with; null when there is none. */
  currentVersionId: string | null;
  onClose(): void;
  onPublished(): void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const [number, setNumber] = useState("");
  const [date, setDate] = useState("");
  const [confirmDrop, setConfirmDrop] = useState(false);
  const current = useQuery({ ...versionQuery(currentVersionId ?? ""), enabled: currentVersionId !== null });
  const droppedLocal = useMemo(() => {
    const now = new Set(((document as CriteriaLike | null)?.criteria ?? []).map((c) => c.code));
    return ((current.data?.document as CriteriaLike | undefined)?.criteria ?? []).filter(
      (c) => c.local && !now.has(c.code),
    );
  }, [document, current.data]);
  const checking = currentVersionId !== null && current.isPending;
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const first = useRef<HTMLInputElement>(null);
  const publish = useMutation({
    mutationFn: (v: { number: string; iso: string }) => publishVersion(versionId, v.number, v.iso),
    onSuccess: onPublished,
    onError: (e) => {
      // The API names the field at fault: show it under that field.
      if (e instanceof ApiError && e.code === "BAD_INPUT") {
        const next: Partial<Record<Field, string>> = {};
        for (const i of e.issues)
          if (i.field === "decisionNumber" || i.field === "decisionDate")
            next[i.field] = locale === "en" ? i.messageEn : i.message;
        setErrors(next);
      }
    },
  });

  useEffect(() => {
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e: Partial<Record<Field, string>> = {};
    if (number.trim().length < 3) e.decisionNumber = t("publish.err.number");
    const d = parseVietnameseDate(date);
    if ("error" in d)
      e.decisionDate =
        d.error === "format" ? t("publish.err.dateFormat") : t("publish.err.dateInvalid", { date: date.trim() });
    else if (d.iso > vietnamDay(new Date())) e.decisionDate = t("publish.err.dateFuture");
    if (droppedLocal.length > 0 && !confirmDrop) e.confirmDrop = t("publish.err.confirmDrop");
    setErrors(e);
    if (checking) return;
    if (Object.keys(e).length === 0 && !("error" in d)) publish.mutate({ number: number.trim(), iso: d.iso });
  };

  const serverError = publish.error instanceof ApiError && publish.error.code === "BAD_INPUT" ? null : publish.error;

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="modal card"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        data-testid="publish-dialog"
      >
        <form onSubmit={submit} noValidate>
          <h2 id={`${id}-title`}>{t("publish.title")}</h2>
          <p>{t("publish.intro", { version })}</p>
          {Object.keys(errors).length > 0 && (
            <div className="error-box" role="alert">
              <ul>
                {Object.values(errors).map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
          <ErrorBox error={serverError} />
          <div className="field">
            <label htmlFor={`${id}-number`}>{t("publish.number")}</label>
            <input
              id={`${id}-number`}
              ref={first}
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              placeholder={t("publish.numberHint")}
              aria-invalid={errors.decisionNumber ? true : undefined}
              aria-describedby={errors.decisionNumber ? `${id}-num-err` : undefined}
            />
            {errors.decisionNumber && (
              <span className="field-error" id={`${id}-num-err`}>
                {errors.decisionNumber}
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-date`}>{t("publish.date")}</label>
            <input
              id={`${id}-date`}
              value={date}
              onChange={(e) => setDate(e.target.value)}
              placeholder={t("publish.dateHint")}
              inputMode="numeric"
              autoComplete="off"
              aria-invalid={errors.decisionDate ? true : undefined}
              aria-describedby={errors.decisionDate ? `${id}-date-err` : undefined}
            />
            {errors.decisionDate && (
              <span className="field-error" id={`${id}-date-err`}>
                {errors.decisionDate}
              </span>
            )}
          </div>
          {checking && <Spinner label={t("publish.checkingCurrent")} />}
          <ErrorBox error={current.error} />
          {droppedLocal.length > 0 && (
            <div className="notice notice-warn" data-testid="publish-drops-local">
              <p>{t("publish.dropsLocal", { count: droppedLocal.length, version: current.data?.version ?? "" })}</p>
              <ul>
                {droppedLocal.map((c) => (
                  <li key={c.code}>
                    <strong>{c.code}</strong> {c.name}
                  </li>
                ))}
              </ul>
              <div className="field field-check">
                <input
                  type="checkbox"
                  id={`${id}-confirm`}
                  checked={confirmDrop}
                  onChange={(e) => setConfirmDrop(e.target.checked)}
                  aria-invalid={errors.confirmDrop ? true : undefined}
                  aria-describedby={errors.confirmDrop ? `${id}-confirm-err` : undefined}
                />
                <label htmlFor={`${id}-confirm`}>{t("publish.confirmDrop")}</label>
                {errors.confirmDrop && (
                  <span className="field-error" id={`${id}-confirm-err`}>
                    {errors.confirmDrop}
                  </span>
                )}
              </div>
            </div>
          )}
          <div className="row modal-actions">
            <button type="submit" disabled={publish.isPending || checking}>
              {publish.isPending ? t("common.working") : t("publish.submit")}
            </button>
            <button type="button" className="secondary" onClick={onClose}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
