/**
 * How a scored draft differs from the set it was cloned from: points moved
 * between components (maxima raised or lowered, components added or
 * removed), rules stricter or looser, groups' maxima and weights, the total,
 * the rounding and — judged by both — the level bands. Computed in the
 * browser by criteria-core's `diffPoints` on the live document, so it follows
 * every unsaved edit.
 */
import { useMemo } from "react";
import { KpiCard, useI18n } from "@cds/ui";
import { diffPoints, type ComponentChange } from "@cds/criteria-core";
import { formatNumber, type TCriteriaSet } from "@cds/criteria-schema";

const OTHER_FIELDS = ["renamed", "method", "dataSource", "mayNotApply", "group"] as const;

export function PointsDiff({ base, current }: { base: TCriteriaSet; current: TCriteriaSet }) {
  const { t, locale } = useI18n();
  const loc = locale === "en" ? "en" : "vi";
  const d = useMemo(() => diffPoints(base, current), [base, current]);
  const num = (n: number | null | undefined) => (n === null || n === undefined ? "—" : formatNumber(n, loc));
  const pts = (n: number) => `${num(n)} ${t("points.unit")}`;
  const signed = (n: number) => (n > 0 ? `+${num(n)}` : n < 0 ? `−${num(-n)}` : "0");
  const settings = [
    d.judgedBy && {
      label: t("points.judgedBy"),
      from: t(`points.judged.${d.judgedBy.from}`),
      to: t(`points.judged.${d.judgedBy.to}`),
    },
    d.total && {
      label: t("points.totalMax"),
      from: `${pts(d.total.from?.max ?? 0)} (${t(`points.total.${d.total.from?.method ?? "sum"}`)})`,
      to: `${pts(d.total.to?.max ?? 0)} (${t(`points.total.${d.total.to?.method ?? "sum"}`)})`,
    },
    d.notApplicable && {
      label: t("points.notApplicable"),
      from: d.notApplicable.from ? t(`points.na.${d.notApplicable.from}`) : "—",
      to: d.notApplicable.to ? t(`points.na.${d.notApplicable.to}`) : "—",
    },
    d.decimals && { label: t("points.decimals"), from: num(d.decimals.from), to: num(d.decimals.to) },
  ].filter((x): x is { label: string; from: string; to: string } => Boolean(x));
  const empty =
    settings.length +
      d.groups.length +
      d.groupsAdded.length +
      d.groupsRemoved.length +
      d.added.length +
      d.removed.length +
      d.changed.length +
      d.levels.length ===
    0;

  const badge = (c: ComponentChange) => {
    const kind = c.rule?.change ?? "changed";
    return <span className={`badge diff-badge diff-${kind}`}>{t(`diff.${kind}`)}</span>;
  };

  return (
    <div className="semantic-diff-view points-diff-view">
      <div className="kpis diff-kpis">
        <KpiCard tone="kpi-added" value={num(d.summary.pointsAdded)} label={t("pdiff.kpi.pointsAdded")} />
        <KpiCard tone="kpi-removed" value={num(d.summary.pointsRemoved)} label={t("pdiff.kpi.pointsRemoved")} />
        <KpiCard tone="kpi-stricter" value={d.summary.stricter} label={t("pdiff.kpi.stricter")} />
        <KpiCard tone="kpi-looser" value={d.summary.looser} label={t("pdiff.kpi.looser")} />
        <KpiCard value={d.summary.weightsChanged} label={t("pdiff.kpi.weights")} />
      </div>
      <p className="muted small">{t("pdiff.legend")}</p>
      {empty ? (
        <p className="notice notice-info" data-testid="points-diff">
          {t("diff.none")}
        </p>
      ) : (
        <div data-testid="points-diff">
          {settings.length > 0 && (
            <>
              <h4>{t("pdiff.settings")}</h4>
              <ul className="pdiff-settings">
                {settings.map((s) => (
                  <li key={s.label}>
                    {s.label}: <span className="from">{s.from}</span> <span aria-hidden="true">→</span>{" "}
                    <strong>{s.to}</strong>
                  </li>
                ))}
              </ul>
            </>
          )}
          {(d.groups.length > 0 || d.groupsAdded.length > 0 || d.groupsRemoved.length > 0) && (
            <div className="table-scroll">
              <table className="semantic-diff" data-testid="points-diff-groups">
                <caption>{t("pdiff.groups")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("table.code")}</th>
                    <th scope="col">{t("points.groupName")}</th>
                    <th scope="col">{t("diff.kind")}</th>
                    <th scope="col">{t("points.max")}</th>
                    <th scope="col">{t("points.weight")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.groups.map((g) => (
                    <tr key={g.code} data-code={g.code} className="diff-row diff-changed">
                      <th scope="row">{g.code}</th>
                      <td>
                        {g.renamed ? (
                          <>
                            <s>{g.renamed.from}</s> → {g.renamed.to}
                          </>
                        ) : (
                          g.name
                        )}
                      </td>
                      <td>
                        <span className="badge diff-badge diff-mixed">{t("diff.changed")}</span>
                      </td>
                      <td className={g.max ? "diff-cell diff-changed" : "muted"}>
                        {g.max ? `${num(g.max.from)} → ${num(g.max.to)}` : "—"}
                      </td>
                      <td
                        className={g.weight ? "diff-cell diff-changed" : "muted"}
                        data-testid={`pdiff-weight-${g.code}`}
                      >
                        {g.weight ? `${num(g.weight.from)} → ${num(g.weight.to)}` : "—"}
                      </td>
                    </tr>
                  ))}
                  {d.groupsAdded.map((g) => (
                    <tr key={`+${g.code}`} className="diff-row diff-added">
                      <th scope="row">{g.code}</th>
                      <td>{g.name}</td>
                      <td>
                        <span className="badge diff-badge diff-added">{t("diff.added")}</span>
                      </td>
                      <td className="diff-cell diff-added">{num(g.max)}</td>
                      <td>—</td>
                    </tr>
                  ))}
                  {d.groupsRemoved.map((g) => (
                    <tr key={`-${g.code}`} className="diff-row diff-removed">
                      <th scope="row">{g.code}</th>
                      <td>{g.name}</td>
                      <td>
                        <span className="badge diff-badge diff-removed">{t("diff.removed")}</span>
                      </td>
                      <td className="diff-cell diff-removed">
                        <s>{num(g.max)}</s>
                      </td>
                      <td>—</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {(d.changed.length > 0 || d.added.length > 0 || d.removed.length > 0) && (
            <div className="table-scroll">
              <table className="semantic-diff" data-testid="points-diff-components">
                <caption>{t("pdiff.components")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("table.code")}</th>
                    <th scope="col">{t("points.component")}</th>
                    <th scope="col">{t("diff.kind")}</th>
                    <th scope="col">{t("points.max")}</th>
                    <th scope="col">{t("points.rule")}</th>
                    <th scope="col">{t("diff.other")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.changed.map((c) => {
                    const other = OTHER_FIELDS.filter((f) => c[f] !== undefined).map((f) => t(`pdiff.field.${f}`));
                    return (
                      <tr key={c.code} data-code={c.code} className={`diff-row diff-${c.rule?.change ?? "changed"}`}>
                        <th scope="row">{c.code}</th>
                        <td>{c.name}</td>
                        <td>{badge(c)}</td>
                        <td className={c.max ? "diff-cell diff-changed" : "muted"} data-testid={`pdiff-max-${c.code}`}>
                          {c.max ? (
                            <>
                              <span className="from">{num(c.max.from)}</span> <span aria-hidden="true">→</span>{" "}
                              <strong>{num(c.max.to)}</strong> ({signed(c.max.delta)})
                            </>
                          ) : (
                            "—"
                          )}
                        </td>
                        <td
                          className={c.rule ? `diff-cell diff-${c.rule.change}` : "muted"}
                          data-testid={`pdiff-rule-${c.code}`}
                        >
                          {c.rule ? (
                            <>
                              <span className="from">{c.rule.from}</span> <span aria-hidden="true">→</span>{" "}
                              <strong>{c.rule.to}</strong>
                              <span className="visually-hidden"> ({t(`diff.${c.rule.change}`)})</span>
                            </>
                          ) : (
                            "—"
                          )}
                        </td>
                        <td className="small">{other.join(", ") || "—"}</td>
                      </tr>
                    );
                  })}
                  {d.added.map((a) => (
                    <tr key={`+${a.code}`} data-code={a.code} className="diff-row diff-added">
                      <th scope="row">{a.code}</th>
                      <td>{a.name}</td>
                      <td>
                        <span className="badge diff-badge diff-added">{t("diff.added")}</span>
                      </td>
                      <td className="diff-cell diff-added">+{num(a.max)}</td>
                      <td className="small">{t("points.group", { code: a.group })}</td>
                      <td>—</td>
                    </tr>
                  ))}
                  {d.removed.map((r) => (
                    <tr key={`-${r.code}`} data-code={r.code} className="diff-row diff-removed">
                      <th scope="row">{r.code}</th>
                      <td>{r.name}</td>
                      <td>
                        <span className="badge diff-badge diff-removed">{t("diff.removed")}</span>
                      </td>
                      <td className="diff-cell diff-removed">−{num(r.max)}</td>
                      <td className="small">{t("points.group", { code: r.group })}</td>
                      <td>—</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {d.levels.length > 0 && (
            <div className="table-scroll">
              <table className="semantic-diff" data-testid="points-diff-levels">
                <caption>{t("points.levelBands")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("impact.level")}</th>
                    <th scope="col">{t("diff.kind")}</th>
                    <th scope="col">{t("points.minScore")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.levels.map((l) => (
                    <tr key={l.level} className={`diff-row diff-${l.change}`}>
                      <th scope="row">
                        {t("table.level", { level: l.level })} <span className="level-name">{l.name}</span>
                      </th>
                      <td>
                        <span className={`badge diff-badge diff-${l.change}`}>{t(`diff.${l.change}`)}</span>
                      </td>
                      <td className={`diff-cell diff-${l.change}`}>
                        {num(l.minScore.from)} → {num(l.minScore.to)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
