/**
 * "Quyết định công nhận đã ký": the decision numbers the round's recognised assessments carry, each with its day,
 * how many units it recognised and its signed scan — or a button to upload the scan (PDF or image). Offered to
 * whom `me.capabilities.decisionDocuments` says gets the draft decision; the API decides who may upload.
 */
import { useCallback, useId, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorBox, Spinner, unwrap, upload, useI18n, type Me } from "@cds/ui";
import { ActionError, Dialog } from "./dialog.tsx";
import { roundDecisionsOptions, UploadDecisionScanMutation, type RoundDecision } from "./decision-queries.ts";
import { describedBy, Field, splitIssues, type FieldErrors } from "./round-form.tsx";

const TYPES: Record<string, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
};
const ACCEPT = Object.keys(TYPES)
  .map((e) => `.${e}`)
  .join(",");

/** The file to send with a known type, or the message key of why it cannot be sent. */
export function checkScan(file: File): { file: File } | { error: string } {
  const ext = file.name.split(".").pop()?.toLowerCase() ?? "";
  const known = TYPES[ext] ?? (Object.values(TYPES).includes(file.type) ? file.type : undefined);
  if (!known) return { error: "decisions.err.type" };
  if (file.size === 0) return { error: "decisions.err.empty" };
  return { file: file.type === known ? file : new File([file], file.name, { type: known }) };
}

export function DecisionScans({ me, roundId, unitCode }: { me: Me; roundId: string; unitCode: string | null }) {
  const { t, date, dateTime, number } = useI18n();
  const may = me.capabilities.decisionDocuments;
  const q = useQuery({ ...roundDecisionsOptions(roundId, unitCode), enabled: may });
  const [uploading, setUploading] = useState<RoundDecision | null>(null);
  const close = useCallback(() => setUploading(null), []);
  if (!may) return null;
  return (
    <section className="card decision-scans" aria-labelledby={`decisions-${roundId}`}>
      <h2 id={`decisions-${roundId}`} style={{ marginTop: 0 }}>
        {t("decisions.title")}
      </h2>
      {q.isPending ? (
        <Spinner label={t("decisions.loading")} />
      ) : q.error ? (
        <ErrorBox error={q.error} />
      ) : q.data.length === 0 ? (
        <p className="muted">{t("decisions.none")}</p>
      ) : (
        <table className="decision-table">
          <thead>
            <tr>
              <th scope="col">{t("decisions.col.number")}</th>
              <th scope="col">{t("decisions.col.date")}</th>
              <th scope="col">{t("decisions.col.units")}</th>
              <th scope="col">{t("decisions.col.scan")}</th>
            </tr>
          </thead>
          <tbody>
            {q.data.map((d) => (
              <tr key={d.number} data-testid={`decision-${d.number}`}>
                <td>
                  <strong>{d.number}</strong>
                </td>
                <td>{d.dates.length > 0 ? d.dates.map((x) => date(x)).join(", ") : "—"}</td>
                <td>{t("decisions.units", { n: number(d.units) })}</td>
                <td>
                  {d.scan ? (
                    <span className="decision-scan">
                      <a href={d.scan.url} target="_blank" rel="noreferrer">
                        {d.scan.fileName}
                      </a>{" "}
                      <span className="muted">{t("decisions.uploadedAt", { at: dateTime(d.scan.createdAt) })}</span>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={t("decisions.uploadOf", { number: d.number })}
                      onClick={() => setUploading(d)}
                    >
                      {t("decisions.upload")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {uploading && <UploadScanDialog roundId={roundId} decision={uploading} onClose={close} />}
    </section>
  );
}

type ScanField = "decisionNumber" | "file";
const SCAN_FIELDS: readonly ScanField[] = ["decisionNumber", "file"];

function UploadScanDialog({
  roundId,
  decision,
  onClose,
}: {
  roundId: string;
  decision: RoundDecision;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [local, setLocal] = useState<FieldErrors<ScanField>>({});
  const m = useMutation({
    mutationFn: async (f: File) =>
      unwrap(
        (await upload(UploadDecisionScanMutation, { roundId, decisionNumber: decision.number, file: f }, f))
          .uploadDecisionScan,
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ["roundAssessments", roundId] });
      onClose();
    },
  });
  const api = splitIssues(m.error, SCAN_FIELDS, locale);
  const errors: FieldErrors<ScanField> = { ...api.fields, ...local };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.reset();
    if (!file) return setLocal({ file: t("decisions.err.noFile") });
    const checked = checkScan(file);
    if ("error" in checked) return setLocal({ file: t(checked.error, { name: file.name }) });
    setLocal({});
    m.mutate(checked.file);
  };

  return (
    <Dialog title={t("decisions.dialogTitle", { number: decision.number })} onClose={onClose}>
      <form onSubmit={submit} className="round-form" noValidate aria-label={t("decisions.formLabel")}>
        <Field id={`${id}-number`} label={t("decisions.field.number")} error={errors.decisionNumber}>
          <input
            id={`${id}-number`}
            value={decision.number}
            readOnly
            {...describedBy(`${id}-number`, errors.decisionNumber)}
          />
        </Field>
        <Field id={`${id}-file`} label={t("decisions.field.file")} error={errors.file} hint={t("decisions.fileHint")}>
          <input
            id={`${id}-file`}
            type="file"
            accept={ACCEPT}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setLocal({});
            }}
            {...describedBy(`${id}-file`, errors.file, t("decisions.fileHint"))}
          />
        </Field>
        <ActionError error={api.rest} labels={{ roundId: t("decisions.field.round") }} />
        <div className="buttons">
          <button type="button" className="secondary" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={m.isPending}>
            {m.isPending ? t("decisions.sending") : t("decisions.submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
