/**
 * What both Excel imports of the portal share (one unit's file, an officer's many-unit file): the file check
 * before any request, the dry run → apply → done states, the picker row with the template link, and the
 * issues table (by sheet, row, column and criterion, as the API's dry run names them).
 */
import { useState, type ChangeEvent } from "react";
import { ErrorBox, Notice, useI18n } from "@cds/ui";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The picked file as an XLSX upload, or why it is refused (not .xlsx, larger than 5 MB), before any request. */
export function xlsxFile(picked: File, t: ReturnType<typeof useI18n>["t"]): File | string {
  if (!picked.name.toLowerCase().endsWith(".xlsx")) return t("excel.badType", { name: picked.name });
  if (picked.size > MAX_IMPORT_BYTES) return t("excel.tooBig", { name: picked.name });
  return picked.type === XLSX ? picked : new File([picked], picked.name, { type: XLSX });
}

export interface ImportPreview<R> {
  file: File;
  result: R;
}

/**
 * The import's states: a picked file is checked, then dry-run (`dryRun`); `apply` sends it for real and says how
 * many things were saved (shown as done). Errors of either call are kept for an ErrorBox.
 */
export function useExcelImport<R>(
  dryRun: (file: File) => Promise<R>,
  applyIt: (preview: ImportPreview<R>) => Promise<number>,
) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<"checking" | "applying" | null>(null);
  const [preview, setPreview] = useState<ImportPreview<R> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);

  const run = async (what: "checking" | "applying", step: () => Promise<void>) => {
    setError(null);
    setBusy(what);
    try {
      await step();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const picked = input.files?.[0];
    input.value = "";
    if (!picked) return;
    setDone(null);
    setPreview(null);
    const file = xlsxFile(picked, t);
    if (typeof file === "string") return setLocalError(file);
    setLocalError(null);
    await run("checking", async () => setPreview({ file, result: await dryRun(file) }));
  };

  const apply = () =>
    run("applying", async () => {
      if (!preview) return;
      setDone(await applyIt(preview));
      setPreview(null);
    });

  return { busy, preview, error, localError, done, onFile, apply, cancel: () => setPreview(null) };
}

/** What the picker shows of an import's states (`useExcelImport`). */
export interface ImportStatus {
  busy: "checking" | "applying" | null;
  localError: string | null;
  done: number | null;
  error: unknown;
  onFile: (e: ChangeEvent<HTMLInputElement>) => Promise<void>;
}

/** The template link and the file picker, then what the import is doing (checking, refused file, done, error). */
export function ImportPicker({
  state,
  templateHref,
  templateLabel,
  importLabel,
  doneText,
  disabled = false,
}: {
  state: ImportStatus;
  templateHref: string;
  templateLabel: string;
  importLabel: string;
  doneText: (n: number) => string;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="row">
        <a className="pa-upload-btn" href={templateHref} download>
          {templateLabel}
        </a>
        <label className="pa-upload" style={{ marginTop: 0 }}>
          <input
            type="file"
            accept={`.xlsx,${XLSX}`}
            aria-label={importLabel}
            disabled={disabled || state.busy !== null}
            onChange={(e) => void state.onFile(e)}
          />
          <span className="pa-upload-btn">{importLabel}</span>
        </label>
      </div>
      {state.busy === "checking" && <p className="muted">{t("excel.checking")}</p>}
      {state.localError && (
        <p className="pa-errors" role="alert">
          {state.localError}
        </p>
      )}
      {state.done !== null && <Notice kind="ok">{doneText(state.done)}</Notice>}
      {state.error !== null && <ErrorBox error={state.error} />}
    </>
  );
}

/** A file's issues, by sheet, row, column and criterion (the API's dry run), and a way back. */
export function ImportIssues({
  fileName,
  issues,
  onCancel,
}: {
  fileName: string;
  issues: readonly {
    sheet: string;
    row: number;
    column: string;
    criterionCode: string;
    message: string;
    messageEn: string;
  }[];
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  return (
    <div role="alert">
      <p className="pa-warn-text">{t("excel.issuesTitle", { name: fileName, n: issues.length })}</p>
      <div className="table-scroll">
        <table data-testid="excel-issues">
          <thead>
            <tr>
              <th>{t("excel.sheet")}</th>
              <th>{t("excel.row")}</th>
              <th>{t("excel.column")}</th>
              <th>{t("excel.criterion")}</th>
              <th>{t("excel.error")}</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((i, n) => (
              <tr key={n}>
                <td>{i.sheet}</td>
                <td>{i.row || ""}</td>
                <td>{i.column}</td>
                <td>{i.criterionCode}</td>
                <td>{locale === "en" ? i.messageEn : i.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row">
        <button type="button" className="secondary" onClick={onCancel}>
          {t("excel.cancel")}
        </button>
      </div>
    </div>
  );
}

/** "Áp dụng" (while there is something to apply) and "Huỷ" under a dry run. */
export function ApplyOrCancel({
  state,
  label,
  nothing,
}: {
  state: Pick<ImportStatus, "busy"> & { apply(): Promise<void>; cancel(): void };
  label: string;
  /** The dry run changes nothing: nothing to apply. */
  nothing: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="row">
      <button type="button" onClick={() => void state.apply()} disabled={state.busy !== null || nothing}>
        {state.busy === "applying" ? t("excel.applying") : label}
      </button>
      <button type="button" className="secondary" onClick={state.cancel} disabled={state.busy === "applying"}>
        {t("excel.cancel")}
      </button>
    </div>
  );
}
