/**
 * A unit across the reform (01/07/2025): the old units it was formed from, whole or in part, each with its last
 * recognised level, year and decision; the declared starting level with the API's rule (shown, never implied)
 * and the distribution it was taken from. For an old unit, what it was merged into. Nothing when the unit has
 * no lineage. The data is `UnitLineageFields`.
 */
import type { UnitLineageFields } from "../fragments.ts";
import type { ResultOf } from "../graphql.ts";
import { useI18n } from "../i18n.tsx";

export type UnitLineageData = ResultOf<typeof UnitLineageFields>;
type Recognition = NonNullable<UnitLineageData["predecessors"][number]["unit"]["lastRecognition"]>;
type Baseline = NonNullable<UnitLineageData["baseline"]>;

export function UnitLineage({
  unit,
  collapsible = false,
  open = false,
}: {
  unit: UnitLineageData;
  /** A `<details>` the reader opens (the review page), instead of a section. */
  collapsible?: boolean;
  open?: boolean;
}) {
  const { t, date } = useI18n();
  const formed = unit.predecessors.length > 0;
  if (!formed && unit.successors.length === 0) return null;
  const title = formed
    ? unit.validFrom
      ? t("lineage.title", { date: date(unit.validFrom) })
      : t("lineage.titleNoDate")
    : unit.validTo
      ? t("lineage.successors", { date: date(unit.validTo) })
      : t("lineage.successorsNoDate");
  const body = formed ? (
    <>
      <ul className="lineage-list">
        {unit.predecessors.map((p) => (
          <li key={p.unit.code}>
            <strong>{p.unit.name}</strong> <MergeKindBadge kind={p.kind} /> —{" "}
            <RecognitionText r={p.unit.lastRecognition} />
          </li>
        ))}
      </ul>
      {unit.baseline && <BaselineLines b={unit.baseline} />}
    </>
  ) : (
    <ul className="lineage-list">
      {unit.successors.map((s) => (
        <li key={s.unit.code}>
          <strong>{s.unit.name}</strong> <MergeKindBadge kind={s.kind} />
        </li>
      ))}
    </ul>
  );
  if (collapsible)
    return (
      <details className="card lineage" open={open}>
        <summary>{title}</summary>
        {body}
      </details>
    );
  return (
    <section className="card lineage" aria-label={title}>
      <h2>{title}</h2>
      {body}
    </section>
  );
}

function MergeKindBadge({ kind }: { kind: string }) {
  const { t } = useI18n();
  return <span className={`badge lineage-kind lineage-${kind.toLowerCase()}`}>{t(`lineage.kind.${kind}`)}</span>;
}

/** "Mức 3 (Cơ bản) — năm 2025, QĐ 360/QĐ-UBND ngày 15/12/2025", or "chưa được công nhận". */
export function RecognitionText({ r }: { r: Recognition | null | undefined }) {
  const { t, date } = useI18n();
  if (!r || r.recognisedLevel === null) return <span className="muted">{t("lineage.notRecognised")}</span>;
  const text = t("lineage.recognised", {
    level: r.recognisedLevel,
    name: t(`level.${r.recognisedLevel}`),
    year: r.round.year,
    decision: r.recognitionDecision ?? "—",
  });
  return (
    <span className={`lineage-recognised`}>
      {r.recognitionDate ? `${text} ${t("lineage.decisionDate", { date: date(r.recognitionDate) })}` : text}
    </span>
  );
}

function BaselineLines({ b }: { b: Baseline }) {
  const { t, number } = useI18n();
  const parts = b.distribution
    .map((n, level) => ({ n, level }))
    .filter((x) => x.n > 0)
    .map((x) => t("lineage.distributionLevel", { level: x.level, n: number(x.n) }));
  if (b.unrecognised > 0) parts.push(t("lineage.unrecognised", { n: number(b.unrecognised) }));
  return (
    <div className="lineage-baseline" data-testid="lineage-baseline">
      <p className="lineage-level">
        <strong>
          {b.level === null
            ? t("lineage.baselineNone")
            : t("lineage.baseline", { level: b.level, name: t(`level.${b.level}`) })}
        </strong>
      </p>
      <p className="lineage-rule" data-rule={b.rule}>
        <small>{b.ruleText}</small>
      </p>
      {parts.length > 0 && <p className="hint">{t("lineage.distribution", { parts: parts.join(" · ") })}</p>}
    </div>
  );
}
