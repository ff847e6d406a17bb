/** Someone else saved meanwhile: mine beside theirs, then reload theirs or keep mine. */
import { Spinner, useI18n } from "@cds/ui";
import type { ConflictRow } from "../judge.ts";

export function ConflictPanel({
  rows,
  fetching,
  onReload,
  onKeep,
  scored = false,
}: {
  rows: ConflictRow[];
  /** The values are a scored index's components (the first column names them so). */
  scored?: boolean;
  fetching: boolean;
  onReload: () => void;
  onKeep: () => void;
}) {
  const { t } = useI18n();
  return (
    <section className="card pa-conflict" role="alertdialog" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t("conflict.title")}</h2>
      <p>{t("conflict.text")}</p>
      {rows.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t(scored ? "conflict.component" : "conflict.criterion")}</th>
                <th>{t("conflict.mine")}</th>
                <th>{t("conflict.theirs")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code}>
                  <td>{r.code}</td>
                  <td>{r.mine}</td>
                  <td>{r.theirs}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {fetching && <Spinner label={t("conflict.loading")} />}
      <div className="row">
        <button type="button" className="secondary" onClick={onReload} disabled={fetching}>
          {t("conflict.reload")}
        </button>
        <button type="button" onClick={onKeep} disabled={fetching}>
          {t("conflict.keep")}
        </button>
      </div>
    </section>
  );
}
