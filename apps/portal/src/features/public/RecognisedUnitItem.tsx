/** One recognised unit in a list: its name, level and decision, linking to the unit's page. */
import { LevelBadge, Link, useI18n } from "@cds/ui";
import type { Recognised } from "./api.ts";

export function RecognisedUnitItem({ r }: { r: Recognised }) {
  const { t, date } = useI18n();
  return (
    <li>
      {/* The unit on the map it was recognised on (codes repeat across maps). */}
      <Link
        to={`/units/${encodeURIComponent(r.unit.code)}?map=${encodeURIComponent(r.unit.map.id)}`}
        className="pp-unit"
      >
        <span className="pp-unit-name">{r.unit.name}</span>
        <LevelBadge level={r.recognisedLevel} />
        <span className="muted pp-decision">
          {t("results.decision", {
            n: r.recognitionDecision ?? "—",
            d: date(r.recognitionDate),
            year: r.round.year,
          })}
        </span>
      </Link>
    </li>
  );
}
