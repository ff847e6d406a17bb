/**
 * Excel in for many units of a round at once (an officer who enters values for several communes): download the
 * round's template (a row per unit the API says the user may enter values for), pick a filled file → the API's
 * dry run (issues by sheet/row/column, or each unit's changes and the level they give) → "Áp dụng" saves each unit
 * in its own transaction with the versions the dry run read, or "Huỷ".
 */
import { useState, type ChangeEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ErrorBox, formatValue, LevelBadge, Notice, unwrap, upload, useI18n } from "@cds/ui";
import { ImportRoundValuesMutation, roundTemplateUrl, type RoundValuesImportData } from "./api.ts";
import { ImportIssuesTable, xlsxFile } from "./ExcelImport.tsx";

interface Preview {
  file: File;
  result: RoundValuesImportData;
}

export function RoundExcelImport({
  round,
  unitCount,
}: {
  round: { id: string; name: string; judgedBy: string };
  /** How many units of the round the user may enter values for now (the API's allowedActions). */
  unitCount: number;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const qc = useQueryClient();
  const [busy, setBusy] = useState<"checking" | "applying" | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);

  const send = (file: File, versions: { assessmentId: string; version: number }[] | null) =>
    upload(ImportRoundValuesMutation, { roundId: round.id, file, dryRun: versions === null, versions }, file).then(
      (r) => unwrap(r.importRoundValues),
    );

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const picked = input.files?.[0];
    input.value = "";
    if (!picked) return;
    setError(null);
    setDone(null);
    setPreview(null);
    const file = xlsxFile(picked, t);
    if (typeof file === "string") return setLocalError(file);
    setLocalError(null);
    setBusy("checking");
    try {
      setPreview({ file, result: await send(file, null) });
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
      const versions = preview.result.units.map((u) => ({
        assessmentId: u.assessment.id,
        version: u.assessment.version,
      }));
      const r = await send(preview.file, versions);
      setDone(r.units.filter((u) => u.saved).length);
      setPreview(null);
      await qc.invalidateQueries({ queryKey: ["my-assessments"] });
      await qc.invalidateQueries({ queryKey: ["assessment"] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const r = preview?.result;
  const changed = r ? r.units.filter((u) => u.changes.length > 0) : [];
  const titleId = `round-excel-${round.id}`;
  return (
    <section className="card pa-excel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("roundExcel.title", { round: round.name })}</h2>
      <p className="muted">{t("roundExcel.hint", { n: unitCount })}</p>
      <div className="row">
        <a className="pa-upload-btn" href={roundTemplateUrl(round.id)} download>
          {t("roundExcel.template", { n: unitCount })}
        </a>
        <label className="pa-upload" style={{ marginTop: 0 }}>
          <input
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label={t("roundExcel.import")}
            disabled={busy !== null}
            onChange={(e) => void onFile(e)}
          />
          <span className="pa-upload-btn">{t("roundExcel.import")}</span>
        </label>
      </div>
      {busy === "checking" && <p className="muted">{t("excel.checking")}</p>}
      {localError && (
        <p className="pa-errors" role="alert">
          {localError}
        </p>
      )}
      {done !== null && <Notice kind="ok">{t("roundExcel.done", { n: done })}</Notice>}
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
            {changed.length > 0
              ? t("roundExcel.changesTitle", { name: preview.file.name, units: changed.length, n: r.units.length })
              : t("excel.noChanges", { name: preview.file.name })}
          </p>
          {changed.length > 0 && (
            <div className="table-scroll">
              <table data-testid="round-excel-changes">
                <thead>
                  <tr>
                    <th>{t("excel.row")}</th>
                    <th>{t("roundExcel.unit")}</th>
                    <th>{t("excel.criterion")}</th>
                    <th>{t("excel.before")}</th>
                    <th>{t("excel.after")}</th>
                    {round.judgedBy === "levels" && <th>{t("roundExcel.level")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {changed.flatMap((u) =>
                    u.changes.map((c, n) => (
                      <tr key={`${u.assessment.id}-${c.criterionCode}`}>
                        {n === 0 && (
                          <>
                            <td rowSpan={u.changes.length}>{u.row}</td>
                            <td rowSpan={u.changes.length}>
                              {u.assessment.unit.name} <span className="muted">({u.assessment.unit.code})</span>
                            </td>
                          </>
                        )}
                        <td>{c.criterionCode}</td>
                        <td>{formatValue(c.before, i18n)}</td>
                        <td>{formatValue(c.after, i18n)}</td>
                        {round.judgedBy === "levels" && n === 0 && (
                          <td rowSpan={u.changes.length}>
                            {u.wouldBeLevel ? <LevelBadge level={u.wouldBeLevel} /> : t("excel.noLevel")}
                          </td>
                        )}
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          )}
          <div className="row">
            <button type="button" onClick={() => void apply()} disabled={busy !== null || changed.length === 0}>
              {busy === "applying" ? t("excel.applying") : t("roundExcel.apply", { n: changed.length })}
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
