import { useState, type ChangeEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ErrorBox, request, unwrap, upload, useI18n } from "@cds/ui";
import { DeleteEvidenceMutation, ReplaceEvidenceMutation, UploadEvidenceMutation, type AssessmentData } from "./api.ts";

export interface EvidenceFile {
  id: string;
  fileName: string;
  size: number;
  createdAt: string;
}

/** What the API accepts, by MIME type and by extension (some phones send no type). */
const TYPES: Record<string, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
};
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
const ACCEPT = [...Object.keys(TYPES).map((e) => `.${e}`), ...new Set(Object.values(TYPES))].join(",");

/** The file to send with a known type, or the message key of why it cannot be sent. */
export function checkEvidence(file: File): { file: File } | { error: string } {
  const ext = file.name.split(".").pop()?.toLowerCase() ?? "";
  const known = Object.values(TYPES).includes(file.type) ? file.type : TYPES[ext];
  if (!known) return { error: "evidence.badType" };
  if (file.size > MAX_EVIDENCE_BYTES) return { error: "evidence.tooBig" };
  if (file.size === 0) return { error: "evidence.empty" };
  return { file: file.type === known ? file : new File([file], file.name, { type: known }) };
}

type Evidence = AssessmentData["evidence"][number];

/** What the user may do with the evidence now, as the API's allowedActions say. */
export interface EvidenceActions {
  upload: boolean;
  delete: boolean;
  replace: boolean;
}

export const evidenceActionsOf = (allowed: readonly string[]): EvidenceActions => ({
  upload: allowed.includes("uploadEvidence"),
  delete: allowed.includes("deleteEvidence"),
  replace: allowed.includes("replaceEvidence"),
});

export function EvidenceBox({
  assessmentId,
  code,
  files,
  can,
}: {
  assessmentId: string;
  code: string;
  files: EvidenceFile[];
  can: EvidenceActions;
}) {
  const { t, dateTime, number } = useI18n();
  const qc = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const busy = progress !== null || deleting;

  const updateList = (change: (list: Evidence[]) => Evidence[]) =>
    qc.setQueryData<AssessmentData>(["assessment", assessmentId], (old) =>
      old ? { ...old, evidence: change(old.evidence) } : old,
    );

  /** Checks the picked file, then sends it: a new file, or in place of `replacing`. */
  const onFile = async (e: ChangeEvent<HTMLInputElement>, replacing?: string) => {
    const input = e.target;
    const picked = input.files?.[0];
    input.value = "";
    if (!picked) return;
    setError(null);
    const checked = checkEvidence(picked);
    if ("error" in checked) {
      setLocalError(
        t(checked.error, { name: picked.name, size: number(Math.round((picked.size / 1024 / 1024) * 10) / 10) }),
      );
      return;
    }
    setLocalError(null);
    setProgress(0);
    try {
      if (replacing) {
        const r = await upload(
          ReplaceEvidenceMutation,
          { id: replacing, file: checked.file },
          checked.file,
          setProgress,
        );
        const ev = unwrap(r.replaceEvidence);
        updateList((list) => list.map((x) => (x.id === ev.id ? ev : x)));
      } else {
        const r = await upload(
          UploadEvidenceMutation,
          { assessmentId, criterionCode: code, file: checked.file },
          checked.file,
          setProgress,
        );
        const ev = unwrap(r.uploadEvidence);
        updateList((list) => [...list, ev]);
      }
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };

  const onDelete = async (id: string) => {
    setError(null);
    setDeleting(true);
    try {
      unwrap((await request(DeleteEvidenceMutation, { id })).deleteEvidence);
      updateList((list) => list.filter((x) => x.id !== id));
      setConfirming(null);
    } catch (err) {
      setError(err);
    } finally {
      setDeleting(false);
    }
  };

  return (
    <div className="pa-evidence">
      <span className="pa-evidence-title">{t("evidence.title")}</span>
      {files.length > 0 ? (
        <ul>
          {files.map((f) => (
            <li key={f.id} data-testid={`evidence-${f.id}`}>
              <a href={`/evidence/${encodeURIComponent(f.id)}`} target="_blank" rel="noreferrer">
                {f.fileName}
              </a>{" "}
              <span className="muted">
                ({number(Math.max(1, Math.round(f.size / 1024)))} KB · {dateTime(f.createdAt)})
              </span>
              {(can.replace || can.delete) && confirming !== f.id && (
                <span className="pa-evidence-actions">
                  {can.replace && (
                    <label className="pa-upload pa-replace">
                      <input
                        type="file"
                        accept={ACCEPT}
                        aria-label={t("evidence.replaceAria", { name: f.fileName })}
                        disabled={busy}
                        onChange={(e) => void onFile(e, f.id)}
                      />
                      <span className="pa-link">{t("evidence.replace")}</span>
                    </label>
                  )}
                  {can.delete && (
                    <button
                      type="button"
                      className="link"
                      disabled={busy}
                      onClick={() => setConfirming(f.id)}
                      aria-label={t("evidence.deleteAria", { name: f.fileName })}
                    >
                      {t("evidence.delete")}
                    </button>
                  )}
                </span>
              )}
              {confirming === f.id && (
                <span
                  className="pa-evidence-confirm"
                  role="group"
                  aria-label={t("evidence.confirmDelete", { name: f.fileName })}
                >
                  {t("evidence.confirmDelete", { name: f.fileName })}{" "}
                  <button type="button" className="danger" disabled={deleting} onClick={() => void onDelete(f.id)}>
                    {t("evidence.confirmYes")}
                  </button>{" "}
                  <button type="button" className="link" disabled={deleting} onClick={() => setConfirming(null)}>
                    {t("common.cancel")}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted"> {t("evidence.none")}</span>
      )}
      {can.upload && (
        <label className="pa-upload">
          <input
            type="file"
            accept={ACCEPT}
            aria-label={t("aria.evidence", { code })}
            disabled={busy}
            onChange={(e) => void onFile(e)}
          />
          <span className="pa-upload-btn">{t("evidence.add")}</span>
          <span className="hint">{t("evidence.hint")}</span>
        </label>
      )}
      {progress !== null && (
        <div
          className="pa-progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(progress * 100)}
          aria-label={t("evidence.uploading")}
        >
          <div className="bar">
            <span style={{ width: `${Math.round(progress * 100)}%` }} />
          </div>
          <span>{t("evidence.progress", { p: Math.round(progress * 100) })}</span>
        </div>
      )}
      {localError && (
        <p className="pa-errors" role="alert">
          {localError}
        </p>
      )}
      <ErrorBox error={error} />
    </div>
  );
}
