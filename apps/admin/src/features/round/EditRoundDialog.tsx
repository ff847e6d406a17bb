/**
 * "Sửa đợt": the round's name, its deadlines (registration optional: emptied, it is removed) and its late policy.
 * The year, the set version, the map and the unit kind stay as the round was opened. The API checks the
 * deadlines' order and the name, naming the field at fault (shown under it).
 */
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { formatDate, request, unwrap, useI18n } from "@cds/ui";
import { ActionError, Dialog } from "./dialog.tsx";
import { UpdateRoundMutation, type LatePolicy } from "./round-admin-queries.ts";
import {
  DeadlineFields,
  describedBy,
  Field,
  LatePolicyField,
  readDeadlines,
  splitIssues,
  type DeadlineField,
  type DeadlineTexts,
  type FieldErrors,
} from "./round-form.tsx";
import type { RoundRow } from "./rounds-queries.ts";

type EditField = "name" | "latePolicy" | DeadlineField;
const EDIT_FIELDS: readonly EditField[] = ["name", "latePolicy", "registerDueAt", "submitDueAt", "reviewDueAt"];

const typed = (day: string | null) => (day ? formatDate(day) : "");

export function EditRoundDialog({
  round,
  onClose,
  onDone,
}: {
  round: RoundRow;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const [name, setName] = useState(round.name);
  const [texts, setTexts] = useState<DeadlineTexts>({
    registerDueAt: typed(round.registerDueAt),
    submitDueAt: typed(round.submitDueAt),
    reviewDueAt: typed(round.reviewDueAt),
  });
  const [latePolicy, setLatePolicy] = useState<LatePolicy>(round.latePolicy);
  const [local, setLocal] = useState<FieldErrors<EditField>>({});

  const save = useMutation({
    mutationFn: async (vars: {
      name: string;
      registerDueAt: string | null;
      submitDueAt: string;
      reviewDueAt: string;
      latePolicy: LatePolicy;
    }) => unwrap((await request(UpdateRoundMutation, { roundId: round.id, ...vars })).updateRound),
    onSuccess: async () => {
      // A deadline or the late policy moved: which units are late may have changed too.
      await Promise.all([
        qc.invalidateQueries({ queryKey: ["rounds"] }),
        qc.invalidateQueries({ queryKey: ["roundSummary", round.id] }),
        qc.invalidateQueries({ queryKey: ["roundAssessments", round.id] }),
      ]);
      onDone(t("roundAdmin.done.edit"));
    },
  });

  const api = splitIssues(save.error, EDIT_FIELDS, locale);
  const errors: FieldErrors<EditField> = { ...api.fields, ...local };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { days, errors: dateErrors } = readDeadlines(texts, t);
    setLocal(dateErrors);
    save.reset();
    if (Object.keys(dateErrors).length > 0 || !days.submitDueAt || !days.reviewDueAt) return;
    save.mutate({
      name,
      registerDueAt: days.registerDueAt,
      submitDueAt: days.submitDueAt,
      reviewDueAt: days.reviewDueAt,
      latePolicy,
    });
  };

  return (
    <Dialog title={t("roundAdmin.editTitle")} onClose={onClose}>
      <form onSubmit={submit} className="round-form" noValidate aria-label={t("roundAdmin.editTitle")}>
        <p className="hint">{t("roundAdmin.editHint", { year: round.year })}</p>
        <Field id="edit-name" label={t("roundAdmin.name")} error={errors.name}>
          <input
            id="edit-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={300}
            {...describedBy("edit-name", errors.name)}
          />
        </Field>
        <DeadlineFields
          idPrefix="edit"
          texts={texts}
          onChange={(f, v) => setTexts((x) => ({ ...x, [f]: v }))}
          errors={errors}
        />
        <LatePolicyField name="edit-latePolicy" value={latePolicy} onChange={setLatePolicy} error={errors.latePolicy} />
        <ActionError error={api.rest} />
        <div className="buttons">
          <button type="button" className="secondary" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? t("common.working") : t("roundAdmin.save")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
