/**
 * How the draft differs from the set it was cloned from, criterion by
 * criterion and level by level: stricter, looser, added, removed. Computed in
 * the browser by criteria-core's `diff` — the same function behind the API's
 * `diffFromBase` — on the live document, so it follows every unsaved edit.
 */
import { useMemo } from "react";
import { KpiCard, useI18n } from "@cds/ui";
import { diff } from "@cds/criteria-core";
import { formatTarget, type TCriteriaSet } from "@cds/criteria-schema";

const OTHER_FIELDS = [
  "renamed",
  "method",
  "unit",
  "measure",
  "group",
  "legalBasis",
  "exemptWhenNoSubjects",
  "local",
] as const;

export function SemanticDiff({ base, current }: { base: TCriteriaSet; current: TCriteriaSet }) {
  const { t, locale } = useI18n();
  const loc = locale === "en" ? "en" : "vi";
  const d = useMemo(() => diff(base, current), [base, current]);
  const byCode = useMemo(() => new Map(current.criteria.map((c) => [c.code, c])), [current]);
  const baseByCode = useMemo(() => new Map(base.criteria.map((c) => [c.code, c])), [base]);
  const levels = current.levels.map((l, i) => ({ rank: i + 1, name: loc === "en" ? (l.nameEn ?? l.name) : l.name }));
  const empty = d.added.length + d.removed.length + d.changed.length === 0;

  return (
    <div className="semantic-diff-view">
      <div className="kpis diff-kpis">
        <KpiCard tone="kpi-stricter" value={d.summary.stricter} label={t("diff.kpi.stricter")} />
        <KpiCard tone="kpi-looser" value={d.summary.looser} label={t("diff.kpi.looser")} />
        <KpiCard tone="kpi-added" value={d.summary.added} label={t("diff.kpi.added")} />
        <KpiCard tone="kpi-removed" value={d.summary.removed} label={t("diff.kpi.removed")} />
      </div>
      <p className="muted small">{t("diff.legend")}</p>
      {empty ? (
        <p className="notice notice-info" data-testid="semantic-diff">
          {t("diff.none")}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="semantic-diff" data-testid="semantic-diff">
            <caption className="visually-hidden">{t("diff.semantic")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("table.code")}</th>
                <th scope="col">{t("table.criterion")}</th>
                <th scope="col">{t("diff.kind")}</th>
                {levels.map((l) => (
                  <th scope="col" key={l.rank}>
                    {t("table.level", { level: l.rank })}
                    <span className="level-name">{l.name}</span>
                  </th>
                ))}
                <th scope="col">{t("diff.other")}</th>
              </tr>
            </thead>
            <tbody>
              {d.changed.map((c) => {
                const now = byCode.get(c.code);
                const other = OTHER_FIELDS.filter((f) => c[f] !== undefined).map((f) => t(`diff.field.${f}`));
                return (
                  <tr key={c.code} className={`diff-row diff-${c.direction}`} data-code={c.code}>
                    <th scope="row">{c.code}</th>
                    <td>{c.name}</td>
                    <td>
                      <span className={`badge diff-badge diff-${c.direction}`}>
                        {t(c.direction === "unchanged" ? "diff.unchanged" : `diff.${c.direction}`)}
                      </span>
                    </td>
                    {levels.map((l) => {
                      const td = c.targets.find((x) => x.level === l.rank);
                      if (!td)
                        return (
                          <td key={l.rank} className="diff-same muted small">
                            {now ? formatTarget(now, now.targets[l.rank - 1] ?? null, loc) : ""}
                          </td>
                        );
                      return (
                        <td
                          key={l.rank}
                          className={`diff-cell diff-${td.change}`}
                          data-testid={`diff-${c.code}-${l.rank}`}
                        >
                          <span className="from">{td.from}</span> <span aria-hidden="true">→</span>{" "}
                          <strong className="to">{td.to}</strong>
                          <span className="visually-hidden"> ({t(`diff.${td.change}`)})</span>
                        </td>
                      );
                    })}
                    <td className="small">{other.join(", ") || "—"}</td>
                  </tr>
                );
              })}
              {d.added.map((a) => {
                const now = byCode.get(a.code);
                return (
                  <tr key={`+${a.code}`} className="diff-row diff-added" data-code={a.code}>
                    <th scope="row">{a.code}</th>
                    <td>{a.name}</td>
                    <td>
                      <span className="badge diff-badge diff-added">{t("diff.added")}</span>
                    </td>
                    {levels.map((l) => (
                      <td key={l.rank} className="diff-cell diff-added">
                        {now ? formatTarget(now, now.targets[l.rank - 1] ?? null, loc) : ""}
                      </td>
                    ))}
                    <td className="small">{a.local ? t("table.local") : "—"}</td>
                  </tr>
                );
              })}
              {d.removed.map((r) => {
                const was = baseByCode.get(r.code);
                return (
                  <tr key={`-${r.code}`} className="diff-row diff-removed" data-code={r.code}>
                    <th scope="row">{r.code}</th>
                    <td>{r.name}</td>
                    <td>
                      <span className="badge diff-badge diff-removed">{t("diff.removed")}</span>
                    </td>
                    {levels.map((l) => (
                      <td key={l.rank} className="diff-cell diff-removed">
                        <s>{was ? formatTarget(was, was.targets[l.rank - 1] ?? null, loc) : ""}</s>
                      </td>
                    ))}
                    <td>—</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
