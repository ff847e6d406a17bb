/**
 * Excel in for the unit's own assessment: download the template, pick a filled
 * file → the API's dry run (issues by sheet/row/column, or the changes and the
 * level they give; for a scored index, the score criteria-core gives the values
 * once saved) → "Áp dụng" saves it (same checks, version, audit) or "Huỷ".
 * After applying, the assessment query is refetched so the form shows the new values.
 */
import { useState, type ChangeEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { Score } from "@cds/criteria-core";
import { ErrorBox, formatValue, LevelBadge, Notice, unwrap, upload, useI18n } from "@cds/ui";
import { ImportValuesMutation, templateUrl, type ValuesImportData } from "./api.ts";
import { pointsOutOf } from "./scored.ts";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

interface Preview {
  file: File;
  /** The version the dry run was made on; applying sends it, so a change in between is a conflict. */
  version: number;
  result: ValuesImportData;
}

export function ExcelImport({
  assessmentId,
  version,
  levelName,
  disabled = false,
  format,
  scoreAfter,
}: {
  assessmentId: string;
  version: number;
  levelName: (level: number) => string | undefined;
  disabled?: boolean;
  /** How a value of a code reads (a scored component's by its rule); `formatValue` when not given. */
  format?: (code: string, v: unknown) => string;
  /** A scored index: the score of the stored values once the changes are saved (shown instead of a level). */
  scoreAfter?: (changes: readonly { criterionCode: string; after: unknown }[]) => Score | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const qc = useQueryClient();
  const [busy, setBusy] = useState<"checking" | "applying" | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);

  const send = (file: File, v: number, dryRun: boolean) =>
    upload(ImportValuesMutation, { assessmentId, version: v, file, dryRun }, file).then((r) =>
      unwrap(r.importIndicatorValues),
    );

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const picked = input.files?.[0];
    input.value = "";
    if (!picked) return;
    setError(null);
    setDone(null);
    setPreview(null);
    const checked = xlsxFile(picked, t);
    if (typeof checked === "string") return setLocalError(checked);
    setLocalError(null);
    const file = checked;
    setBusy("checking");
    try {
      setPreview({ file, version, result: await send(file, version, true) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!preview) return;
    setError(null);
    setBusy("applying");
    try {
      await send(preview.file, preview.version, false);
      setDone(preview.result.changes.length);
      setPreview(null);
      await qc.invalidateQueries({ queryKey: ["assessment", assessmentId] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const r = preview?.result;

  return (
    <section className="card pa-excel" aria-labelledby="excel-title">
      <h2 id="excel-title">{t("excel.title")}</h2>
      <p className="muted">{t("excel.hint")}</p>
      <div className="row">
        <a className="pa-upload-btn" href={templateUrl(assessmentId)} download>
          {t("excel.template")}
        </a>
        <label className="pa-upload" style={{ marginTop: 0 }}>
          <input
            type="file"
            accept={`.xlsx,${XLSX}`}
            aria-label={t("excel.import")}
            disabled={disabled || busy !== null}
            onChange={(e) => void onFile(e)}
          />
          <span className="pa-upload-btn">{t("excel.import")}</span>
        </label>
      </div>
      {busy === "checking" && <p className="muted">{t("excel.checking")}</p>}
      {localError && (
        <p className="pa-errors" role="alert">
          {localError}
        </p>
      )}
      {done !== null && <Notice kind="ok">{t("excel.done", { n: done })}</Notice>}
      {error !== null && <ErrorBox error={error} />}

      {r && preview && r.issues.length > 0 && (
        <div role="alert">
          <p className="pa-warn-text">{t("excel.issuesTitle", { name: preview.file.name, n: r.issues.length })}</p>
          <ImportIssuesTable issues={r.issues} />
          <div className="row">
            <button type="button" className="secondary" onClick={() => setPreview(null)}>
              {t("excel.cancel")}
            </button>
          </div>
        </div>
      )}

      {r && preview && r.issues.length === 0 && (
        <div>
          <p>
            {r.changes.length > 0
              ? t("excel.changesTitle", { name: preview.file.name, n: r.changes.length })
              : t("excel.noChanges", { name: preview.file.name })}
          </p>
          {r.changes.length > 0 && (
            <div className="table-scroll">
              <table data-testid="excel-changes">
                <thead>
                  <tr>
                    <th>{t("excel.criterion")}</th>
                    <th>{t("excel.before")}</th>
                    <th>{t("excel.after")}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.changes.map((c) => (
                    <tr key={c.criterionCode}>
                      <td>{c.criterionCode}</td>
                      <td>{format ? format(c.criterionCode, c.before) : formatValue(c.before, i18n)}</td>
                      <td>{format ? format(c.criterionCode, c.after) : formatValue(c.after, i18n)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {scoreAfter ? (
            <ScoreAfter score={scoreAfter(r.changes)} />
          ) : (
            <p>
              {t("excel.level")}{" "}
              {r.wouldBeLevel ? (
                <LevelBadge level={r.wouldBeLevel} name={levelName(r.wouldBeLevel)} />
              ) : (
                <span>{t("excel.noLevel")}</span>
              )}
            </p>
          )}
          <div className="row">
            <button type="button" onClick={() => void apply()} disabled={busy !== null || r.changes.length === 0}>
              {busy === "applying" ? t("excel.applying") : t("excel.apply")}
            </button>
            <button type="button" className="secondary" onClick={() => setPreview(null)} disabled={busy === "applying"}>
              {t("excel.cancel")}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** The picked file as an XLSX upload, or why it is refused (not .xlsx, larger than 5 MB), before any request. */
export function xlsxFile(picked: File, t: ReturnType<typeof useI18n>["t"]): File | string {
  if (!picked.name.toLowerCase().endsWith(".xlsx")) return t("excel.badType", { name: picked.name });
  if (picked.size > MAX_IMPORT_BYTES) return t("excel.tooBig", { name: picked.name });
  return picked.type === XLSX ? picked : new File([picked], picked.name, { type: XLSX });
}

/** A file's issues, by sheet, row, column and criterion (the API's dry run). */
export function ImportIssuesTable({
  issues,
}: {
  issues: readonly {
    sheet: string;
    row: number;
    column: string;
    criterionCode: string;
    message: string;
    messageEn: string;
  }[];
}) {
  const { t, locale } = useI18n();
  return (
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
  );
}

/** "Điểm sau khi nhập: 825,61 / 1.000 điểm" (criteria-core's score of the values once saved). */
function ScoreAfter({ score }: { score: Score | null }) {
  const { t, locale } = useI18n();
  return (
    <p>
      {t("excel.score")}{" "}
      {score ? (
        <strong data-testid="excel-score">
          {pointsOutOf(score.scoreText, score.maxScore, locale)} {t("score.pointsWord")}
        </strong>
      ) : (
        <span>{t("excel.noScore")}</span>
      )}
    </p>
  );
}
