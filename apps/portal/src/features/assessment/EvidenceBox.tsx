import { useState, type ChangeEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ErrorBox, unwrap, upload, useI18n } from "@cds/ui";
import { UploadEvidenceMutation, type AssessmentData } from "./api.ts";

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

export function EvidenceBox({ assessmentId, code, files, readOnly }: { assessmentId: string; code: string; files: EvidenceFile[]; readOnly: boolean }) {
  const { t, dateTime, number } = useI18n();
  const qc = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const picked = input.files?.[0];
    input.value = "";
    if (!picked) return;
    setError(null);
    const checked = checkEvidence(picked);
    if ("error" in checked) {
      setLocalError(t(checked.error, { name: picked.name, size: number(Math.round((picked.size / 1024 / 1024) * 10) / 10) }));
      return;
    }
    setLocalError(null);
    setProgress(0);
    try {
      const r = await upload(UploadEvidenceMutation, { assessmentId, criterionCode: code, file: checked.file }, checked.file, setProgress);
      const ev = unwrap(r.uploadEvidence as never) as AssessmentData["evidence"][number];
      qc.setQueryData<AssessmentData>(["assessment", assessmentId], (old) => (old ? { ...old, evidence: [...old.evidence, ev] } : old));
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="pa-evidence">
      <span className="pa-evidence-title">{t("evidence.title")}</span>
      {files.length > 0 ? (
        <ul>
          {files.map((f) => (
            <li key={f.id}>
              <a href={`/evidence/${encodeURIComponent(f.id)}`} target="_blank" rel="noreferrer">
                {f.fileName}
              </a>{" "}
              <span className="muted">
                ({number(Math.max(1, Math.round(f.size / 1024)))} KB · {dateTime(f.createdAt)})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted"> {t("evidence.none")}</span>
      )}
      {!readOnly && (
        <label className="pa-upload">
          <input type="file" accept={ACCEPT} aria-label={t("aria.evidence", { code })} disabled={progress !== null} onChange={(e) => void onFile(e)} />
          <span className="pa-upload-btn">{t("evidence.add")}</span>
          <span className="hint">{t("evidence.hint")}</span>
        </label>
      )}
      {progress !== null && (
        <div className="pa-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)} aria-label={t("evidence.uploading")}>
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
