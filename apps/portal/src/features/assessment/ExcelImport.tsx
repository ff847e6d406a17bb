/**
 * Excel in for the unit's own assessment: download the template, pick a filled
 * file → the API's dry run (issues by sheet/row/column, or the changes and the
 * level they give; for a scored index, the score criteria-core gives the values
 * once saved) → "Áp dụng" saves it (same checks, version, audit) or "Huỷ".
 * After applying, the assessment query is refetched so the form shows the new values.
 */
import { useQueryClient } from "@tanstack/react-query";
import type { Score } from "@cds/criteria-core";
import { formatValue, LevelBadge, unwrap, upload, useI18n } from "@cds/ui";
import { ImportValuesMutation, templateUrl } from "./api.ts";
import { ApplyOrCancel, ImportIssues, ImportPicker, useExcelImport } from "./excel-import.tsx";
import { pointsOutOf } from "./scored.ts";

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
  const send = (file: File, v: number, dryRun: boolean) =>
    upload(ImportValuesMutation, { assessmentId, version: v, file, dryRun }, file).then((r) =>
      unwrap(r.importIndicatorValues),
    );
  // The dry run keeps the version it was made on; applying sends it, so a change in between is a conflict.
  const state = useExcelImport(
    async (file) => ({ version, data: await send(file, version, true) }),
    async ({ file, result }) => {
      await send(file, result.version, false);
      await qc.invalidateQueries({ queryKey: ["assessment", assessmentId] });
      return result.data.changes.length;
    },
  );
  const { preview } = state;
  const r = preview?.result.data;

  return (
    <section className="card pa-excel" aria-labelledby="excel-title">
      <h2 id="excel-title">{t("excel.title")}</h2>
      <p className="muted">{t("excel.hint")}</p>
      <ImportPicker
        state={state}
        templateHref={templateUrl(assessmentId)}
        templateLabel={t("excel.template")}
        importLabel={t("excel.import")}
        doneText={(n) => t("excel.done", { n })}
        disabled={disabled}
      />

      {r && preview && r.issues.length > 0 && (
        <ImportIssues fileName={preview.file.name} issues={r.issues} onCancel={state.cancel} />
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
          <ApplyOrCancel state={state} label={t("excel.apply")} nothing={r.changes.length === 0} />
        </div>
      )}
    </section>
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
