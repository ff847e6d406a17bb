import { useQueries } from "@tanstack/react-query";
import { ErrorBox, LevelBadge, Link, Notice, Spinner, StatusBadge, useI18n, type Me } from "@cds/ui";
import { myAssessmentsQuery, type MyAssessment } from "./api.ts";
import { RoundExcelImport } from "./RoundExcelImport.tsx";
import { pointsOutOf } from "./scored.ts";

/** The assessments of the units the user works for, in the current rounds: their own unit's first. */
export function MyAssessmentsPage({ me }: { me: Me }) {
  const { t, date, locale } = useI18n();
  const codes = [...new Set(me.roles.map((g) => g.unit?.code).filter((c): c is string => !!c))];
  const results = useQueries({ queries: codes.map((c) => myAssessmentsQuery(c)) });
  if (codes.length === 0) return <Notice>{t("my.noUnit")}</Notice>;
  if (results.some((r) => r.isPending)) return <Spinner />;
  const error = results.find((r) => r.error)?.error;
  const seen = new Set<string>();
  const all: MyAssessment[] = [];
  for (const r of results) {
    for (const a of r.data ?? []) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      all.push(a);
    }
  }
  const year = Math.max(0, ...all.map((a) => a.round.year));
  const current = all.filter((a) => a.round.year === year);
  const mine = current.filter((a) => codes.includes(a.unit.code));
  const others = current.filter((a) => !mine.includes(a));
  // An officer entering values for several units of a round gets one Excel file for them all (the API says which).
  const bulk = new Map<string, { round: MyAssessment["round"]; n: number }>();
  for (const a of current) {
    if (!a.allowedActions.includes("saveValues")) continue;
    const b = bulk.get(a.round.id) ?? { round: a.round, n: 0 };
    bulk.set(a.round.id, { ...b, n: b.n + 1 });
  }
  const older = all.filter((a) => a.round.year !== year).sort((a, b) => b.round.year - a.round.year);

  const card = (a: MyAssessment) => (
    <li key={a.id}>
      <Link to={`/assessments/${encodeURIComponent(a.id)}`} className="pa-my-card">
        <span className="pa-my-unit">
          <strong>{a.unit.name}</strong>
          <span className="muted">
            {a.unit.parent?.name ? `${a.unit.parent.name} · ` : ""}
            {a.round.name || t("a.year", { year: a.round.year })}
          </span>
        </span>
        <span className="pa-my-facts">
          <StatusBadge status={a.status} />
          <span>
            {t("my.deadline")} <strong>{date(a.round.submitDueAt)}</strong>
          </span>
          {a.round.judgedBy !== "levels" ? (
            // A scored index: the score of the values now, no level to register.
            <span>
              {t("my.score")}{" "}
              <strong>{a.score ? pointsOutOf(a.score.scoreText, a.score.maxScore, locale) : "—"}</strong>
            </span>
          ) : (
            <>
              <span>
                {t("my.registered")} <LevelBadge level={a.registeredLevel} />
              </span>
              <span>
                {t("my.computed")} <LevelBadge level={a.computedLevel} />
              </span>
            </>
          )}
          {a.round.judgedBy === "levels" && a.recognisedLevel !== null && a.recognisedLevel !== undefined && (
            <span>
              {t("my.recognised")} <LevelBadge level={a.recognisedLevel} />
            </span>
          )}
        </span>
        <span className="pa-my-go" aria-hidden>
          ›
        </span>
      </Link>
    </li>
  );

  return (
    <div className="pa-my">
      <h1>{t("my.title")}</h1>
      <ErrorBox error={error} />
      {current.length === 0 && !error && <Notice>{t("my.none")}</Notice>}
      {mine.length > 0 && (
        <section>
          <h2>{t("my.yours", { year })}</h2>
          <ul className="pa-my-list">{mine.map(card)}</ul>
        </section>
      )}
      {[...bulk.values()]
        .filter((b) => b.n > 1)
        .map((b) => (
          <RoundExcelImport key={b.round.id} round={b.round} unitCount={b.n} />
        ))}
      {others.length > 0 && (
        <section>
          <h2>{t("my.others", { year })}</h2>
          <ul className="pa-my-list">{others.map(card)}</ul>
        </section>
      )}
      {older.length > 0 && (
        <details>
          <summary>{t("my.older")}</summary>
          <ul className="pa-my-list">{older.map(card)}</ul>
        </details>
      )}
    </div>
  );
}
