/**
 * Excel in for many units of a round at once (an officer who enters values for several communes): download the
 * round's template (a row per unit the API says the user may enter values for), pick a filled file → the API's
 * dry run (issues by sheet/row/column, or each unit's changes and the level they give) → "Áp dụng" saves each unit
 * in its own transaction with the versions the dry run read, or "Huỷ".
 */
import { useQueryClient } from "@tanstack/react-query";
import { formatValue, LevelBadge, unwrap, upload, useI18n } from "@cds/ui";
import { ImportRoundValuesMutation, roundTemplateUrl } from "./api.ts";
import { ApplyOrCancel, ImportIssues, ImportPicker, useExcelImport } from "./excel-import.tsx";

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
  const send = (file: File, versions: { assessmentId: string; version: number }[] | null) =>
    upload(ImportRoundValuesMutation, { roundId: round.id, file, dryRun: versions === null, versions }, file).then(
      (r) => unwrap(r.importRoundValues),
    );
  // Applying sends the versions the dry run read: a unit changed in between is a conflict, nothing written.
  const state = useExcelImport(
    (file) => send(file, null),
    async ({ file, result }) => {
      const versions = result.units.map((u) => ({ assessmentId: u.assessment.id, version: u.assessment.version }));
      const r = await send(file, versions);
      await qc.invalidateQueries({ queryKey: ["my-assessments"] });
      await qc.invalidateQueries({ queryKey: ["assessment"] });
      return r.units.filter((u) => u.saved).length;
    },
  );
  const { preview } = state;
  const r = preview?.result;
  const changed = r ? r.units.filter((u) => u.changes.length > 0) : [];
  const titleId = `round-excel-${round.id}`;
  return (
    <section className="card pa-excel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("roundExcel.title", { round: round.name })}</h2>
      <p className="muted">{t("roundExcel.hint", { n: unitCount })}</p>
      <ImportPicker
        state={state}
        templateHref={roundTemplateUrl(round.id)}
        templateLabel={t("roundExcel.template", { n: unitCount })}
        importLabel={t("roundExcel.import")}
        doneText={(n) => t("roundExcel.done", { n })}
      />

      {r && preview && r.issues.length > 0 && (
        <ImportIssues fileName={preview.file.name} issues={r.issues} onCancel={state.cancel} />
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
          <ApplyOrCancel
            state={state}
            label={t("roundExcel.apply", { n: changed.length })}
            nothing={changed.length === 0}
          />
        </div>
      )}
    </section>
  );
}
