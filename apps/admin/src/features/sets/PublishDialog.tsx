/**
 * Publishing a draft: the decision that issues it (number, date dd/mm/yyyy),
 * checked field by field — and, when the draft drops a local criterion that
 * the set's version in force has, an explicit confirmation first.
 */
import { useId, useMemo, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { readTypedDecision } from "@cds/calendar";
import { ApiError, ErrorBox, Spinner, useI18n } from "@cds/ui";
import { publishVersion, versionQuery } from "./api.ts";
import { DialogActions, DroppedCriteria, ErrorList, fieldErrors, ModalFrame, useModal } from "./form-parts.tsx";

interface CriteriaLike {
  criteria?: { code: string; name: string; local?: boolean }[];
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
  const first = useModal<HTMLInputElement>(onClose);
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

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e: Partial<Record<Field, string>> = {};
    // The calendar's rules, as the API checks them: a number of three characters or more, a past day.
    const d = readTypedDecision(number, date);
    if (d.numberProblem) e.decisionNumber = t("publish.err.number");
    if (d.dateProblem === "format") e.decisionDate = t("publish.err.dateFormat");
    else if (d.dateProblem === "invalid") e.decisionDate = t("publish.err.dateInvalid", { date: date.trim() });
    else if (d.dateProblem === "future") e.decisionDate = t("publish.err.dateFuture");
    if (droppedLocal.length > 0 && !confirmDrop) e.confirmDrop = t("publish.err.confirmDrop");
    setErrors(e);
    if (checking) return;
    if (Object.keys(e).length === 0 && d.number !== null && d.iso !== null)
      publish.mutate({ number: d.number, iso: d.iso });
  };

  const serverError = publish.error instanceof ApiError && publish.error.code === "BAD_INPUT" ? null : publish.error;
  const field = fieldErrors(id, errors);

  return (
    <ModalFrame titleId={`${id}-title`} testId="publish-dialog" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{t("publish.title")}</h2>
        <p>{t("publish.intro", { version })}</p>
        <ErrorList errors={errors} />
        <ErrorBox error={serverError} />
        <div className="field">
          <label htmlFor={`${id}-number`}>{t("publish.number")}</label>
          <input
            id={`${id}-number`}
            ref={first}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            placeholder={t("publish.numberHint")}
            {...field.props("decisionNumber")}
          />
          {field.message("decisionNumber")}
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
            {...field.props("decisionDate")}
          />
          {field.message("decisionDate")}
        </div>
        {checking && <Spinner label={t("publish.checkingCurrent")} />}
        <ErrorBox error={current.error} />
        {droppedLocal.length > 0 && (
          <div className="notice notice-warn" data-testid="publish-drops-local">
            <p>{t("publish.dropsLocal", { count: droppedLocal.length, version: current.data?.version ?? "" })}</p>
            <DroppedCriteria criteria={droppedLocal} />
            <div className="field field-check">
              <input
                type="checkbox"
                id={`${id}-confirm`}
                checked={confirmDrop}
                onChange={(e) => setConfirmDrop(e.target.checked)}
                {...field.props("confirmDrop")}
              />
              <label htmlFor={`${id}-confirm`}>{t("publish.confirmDrop")}</label>
              {field.message("confirmDrop")}
            </div>
          </div>
        )}
        <DialogActions
          pending={publish.isPending}
          disabled={checking}
          label={t("publish.submit")}
          pendingLabel={t("common.working")}
          onCancel={onClose}
        />
      </form>
    </ModalFrame>
  );
}
