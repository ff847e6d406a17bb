/**
 * "Gia hạn": a later submission deadline for one unit, with the reason (recorded in the history). The API
 * decides what is allowed (a day after the unit's current deadline and not past; a unit that has not submitted)
 * and names the field at fault, shown under it.
 */
import { useId, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { formatDate, request, unwrap, useI18n } from "@cds/ui";
import { ActionError, Dialog } from "./dialog.tsx";
import { ExtendDeadlineMutation } from "./round-admin-queries.ts";
import { DayField, describedBy, Field, readDay, splitIssues, type FieldErrors } from "./round-form.tsx";
import type { AssessmentRow } from "./rounds-queries.ts";

type ExtendField = "dueAt" | "reason";
const EXTEND_FIELDS: readonly ExtendField[] = ["dueAt", "reason"];

export function ExtendDeadlineDialog({
  a,
  onClose,
  onDone,
}: {
  a: AssessmentRow;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const qc = useQueryClient();
  const [day, setDay] = useState("");
  const [reason, setReason] = useState("");
  const [local, setLocal] = useState<FieldErrors<ExtendField>>({});
  const m = useMutation({
    mutationFn: async (vars: { dueAt: string; reason: string }) =>
      unwrap((await request(ExtendDeadlineMutation, { assessmentId: a.id, ...vars })).extendDeadline),
    onSuccess: async (x) => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: ["roundAssessments"] }),
        qc.invalidateQueries({ queryKey: ["roundSummary"] }),
        qc.invalidateQueries({ queryKey: ["assessment", a.id] }),
      ]);
      onDone(t("roundAdmin.extend.done", { unit: a.unit.name, date: formatDate(x.submitDeadline.date) }));
    },
  });
  const api = splitIssues(m.error, EXTEND_FIELDS, locale);
  const errors: FieldErrors<ExtendField> = { ...api.fields, ...local };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: FieldErrors<ExtendField> = {};
    const d = readDay(day, false, t);
    if ("error" in d) next.dueAt = d.error;
    if (!reason.trim()) next.reason = t("roundAdmin.err.reason");
    setLocal(next);
    m.reset();
    if (Object.keys(next).length > 0 || !("iso" in d) || !d.iso) return;
    m.mutate({ dueAt: d.iso, reason: reason.trim() });
  };

  return (
    <Dialog title={t("roundAdmin.extend.title", { unit: a.unit.name })} onClose={onClose}>
      <form onSubmit={submit} className="round-form" noValidate aria-label={t("roundAdmin.extend.formLabel")}>
        <p style={{ margin: 0 }}>
          {t(a.extensions.length > 0 ? "roundAdmin.extend.currentExtended" : "roundAdmin.extend.current", {
            date: formatDate(a.submitDeadline.date),
          })}
        </p>
        {a.extensions.length > 0 && (
          <ul className="extension-list" aria-label={t("roundAdmin.extend.history")}>
            {a.extensions.map((x) => (
              <li key={x.id}>
                {t("roundAdmin.extend.historyLine", {
                  date: formatDate(x.dueAt),
                  at: formatDate(x.createdAt),
                  reason: x.reason,
                })}
              </li>
            ))}
          </ul>
        )}
        <DayField
          id={`${id}-dueAt`}
          label={t("roundAdmin.extend.dueAt")}
          value={day}
          onChange={setDay}
          error={errors.dueAt}
          hint={t("roundAdmin.dateHint")}
        />
        <Field id={`${id}-reason`} label={t("roundAdmin.extend.reason")} error={errors.reason}>
          <textarea
            id={`${id}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={1000}
            {...describedBy(`${id}-reason`, errors.reason)}
          />
        </Field>
        <ActionError error={api.rest} labels={{ assessmentId: t("roundAdmin.extend.assessment") }} />
        <div className="buttons">
          <button type="button" className="secondary" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={m.isPending}>
            {m.isPending ? t("common.working") : t("roundAdmin.extend.submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
