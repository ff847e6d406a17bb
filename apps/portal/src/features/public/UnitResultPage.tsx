import { useQuery } from "@tanstack/react-query";
import type { TCriteriaSet } from "@cds/criteria-schema";
import {
  CriterionStatus,
  ErrorBox,
  LevelBadge,
  Link,
  Notice,
  PrintButton,
  PrintStamp,
  request,
  Spinner,
  UnitLineage,
  useI18n,
  type ResultOf,
} from "@cds/ui";
import { recognisedQuery, UnitAssessmentQuery, UnitQuery } from "./api.ts";
import { RecognisedUnitItem } from "./RecognisedUnitItem.tsx";
import { UnitScores } from "./UnitScores.tsx";

/**
 * One unit's recognised level, the decision, and how it fared on each criterion at each level; for a unit assessed
 * by a scored index (Bộ chỉ số), its recognised score, radar and scores across the years.
 */
export function UnitResultPage({ code, mapId = null }: { code: string; mapId?: string | null }) {
  const { t, date } = useI18n();
  const unit = useQuery({
    queryKey: ["public", "unit", code, mapId],
    queryFn: () => request(UnitQuery, { code, mapId }).then((r) => r.unit),
  });
  const recognised = useQuery(recognisedQuery(code));
  // A code repeats across maps: the unit's own results are those of this very unit, its children those on its map.
  const here = unit.data;
  const rows = (recognised.data?.rows ?? []).filter((r) => here && r.unit.map.id === here.map.id);
  const own = rows.filter((r) => r.unit.id === here?.id).sort((a, b) => b.round.year - a.round.year);
  const children = rows.filter((r) => r.unit.id !== here?.id);
  const latest = own[0];
  const detail = useQuery({
    queryKey: ["public", "unit-assessment", latest?.id],
    queryFn: () => request(UnitAssessmentQuery, { id: latest!.id }).then((r) => r.assessment),
    enabled: !!latest,
  });

  if (unit.isPending || recognised.isPending) return <Spinner />;
  if (unit.error || recognised.error) return <ErrorBox error={unit.error ?? recognised.error} />;
  if (!unit.data) return <Notice kind="warn">{t("unit.notFound", { code })}</Notice>;
  const u = unit.data;
  const scored = u.scoreHistory.some((h) => h.final);

  return (
    <div className="pp-unit-page print-page">
      <PrintStamp />
      <p className="pa-back no-print">
        <Link to="/">← {t("results.title")}</Link>
      </p>
      <h1>{u.name}</h1>
      <p className="muted">
        {/* On the two-tier map a commune's parent is its province: named once. */}
        {[...new Set([u.parent?.name, u.tenant.name].filter(Boolean))].join(" · ")} · {t("unit.code", { code: u.code })}
      </p>
      <PrintButton />
      {!latest && !scored && <Notice>{t("unit.none")}</Notice>}
      {latest && (
        <section className="card pp-recognition">
          <p className="pp-big">
            {t("unit.level", { year: latest.round.year })} <LevelBadge level={latest.recognisedLevel} />
          </p>
          <p>{t("unit.decision", { n: latest.recognitionDecision ?? "—", d: date(latest.recognitionDate) })}</p>
          {latest.decisionScan && (
            <p>
              <a className="pp-document-link" href={latest.decisionScan.url} target="_blank" rel="noreferrer">
                {t("unit.decisionScan")}
              </a>
            </p>
          )}
          <p>
            <a
              className="pp-document-link"
              href={`/documents/result-sheet/${encodeURIComponent(latest.id)}.pdf`}
              download
            >
              {t("unit.printSheet")}
            </a>
          </p>
          {own.length > 1 && (
            <p className="muted">
              {t("unit.earlier")}{" "}
              {own.slice(1).map((r) => (
                <span key={r.id}>
                  {r.round.year}: <LevelBadge level={r.recognisedLevel} />{" "}
                </span>
              ))}
            </p>
          )}
        </section>
      )}
      <UnitScores name={u.name} history={u.scoreHistory} />
      <UnitLineage unit={u} />
      {latest && detail.isPending && <Spinner />}
      <ErrorBox error={detail.error} />
      {detail.data?.evaluation && <CriteriaResults data={detail.data} />}
      {children.length > 0 && (
        <section>
          <h2>{t("unit.children")}</h2>
          <ul className="pp-units">
            {children.map((r) => (
              <RecognisedUnitItem key={r.id} r={r} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

type Detail = ResultOf<typeof UnitAssessmentQuery>["assessment"];

function CriteriaResults({ data }: { data: Detail }) {
  const { t, date, locale } = useI18n();
  const set = data.setVersion.document as TCriteriaSet;
  const names = new Map(set.criteria.map((c) => [c.code, c.name]));
  const groups = set.groups;
  const crit = data.evaluation!.criteria;
  return (
    <section className="pp-criteria">
      <h2>{t("unit.criteria")}</h2>
      <p className="muted">
        {t("unit.set", { title: data.setVersion.set.title, v: data.setVersion.version })}
        {data.setVersion.decisionNumber
          ? ` — ${t("unit.setDecision", { n: data.setVersion.decisionNumber, d: date(data.setVersion.decisionDate) })}`
          : ""}
      </p>
      <p className="pp-legend">
        <CriterionStatus status="pass" /> {t("criterion.pass")} · <CriterionStatus status="fail" />{" "}
        {t("criterion.fail")} · <CriterionStatus status="na" /> {t("criterion.na")} ·{" "}
        <CriterionStatus status="exempt" /> {t("criterion.exempt")} · <CriterionStatus status="missing" />{" "}
        {t("criterion.missing")}
      </p>
      <div className="table-scroll card pp-table">
        <table>
          <thead>
            <tr>
              <th>{t("unit.criterion")}</th>
              {set.levels.map((l) => (
                <th key={l.rank} className="pp-lv" title={l.name}>
                  {l.rank}
                  <span className="pp-lv-name">. {locale === "en" ? (l.nameEn ?? l.name) : l.name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => {
              const rows = crit.filter((c) => c.group === g.code);
              if (rows.length === 0) return null;
              return [
                <tr key={`g-${g.code}`} className="pp-group-row">
                  <th colSpan={set.levels.length + 1}>{locale === "en" ? (g.nameEn ?? g.name) : g.name}</th>
                </tr>,
                ...rows.flatMap((c) => [
                  <tr key={`n-${c.code}`} className="pp-name-row">
                    <td colSpan={set.levels.length + 1}>
                      <strong>{c.code}</strong> {names.get(c.code) ?? ""}
                    </td>
                  </tr>,
                  <tr key={c.code}>
                    <td>
                      <strong>{c.code}</strong> <span className="pp-crit-name">{names.get(c.code) ?? ""}</span>
                    </td>
                    {c.results.map((s, i) => (
                      <td key={i} className="pp-cell">
                        <CriterionStatus status={s} />
                      </td>
                    ))}
                  </tr>,
                ]),
              ];
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
