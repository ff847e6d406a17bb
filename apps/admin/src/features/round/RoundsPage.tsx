/**
 * The yearly rounds of the user's province (communes and districts): deadlines,
 * how far the work has come, and the assessments the user can open. The province's own
 * administration (the ministry for the national rounds) opens rounds here too.
 */
import { vietnamYear } from "@cds/calendar";
import { useCallback, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ErrorBox, navigate, Notice, Spinner, useI18n, useLocation, YearSelect, type Me } from "@cds/ui";
import { nationalScope, roundsTenant, workScope } from "./access.ts";
import { JudgedByBadge } from "./JudgedByBadge.tsx";
import { OpenRoundDialog } from "./OpenRoundDialog.tsx";
import { roundsOptions, type UnitKindRow } from "./rounds-queries.ts";
import { RoundPanel } from "./RoundPanel.tsx";
import "./round.css";

export function setParam(params: URLSearchParams, key: string, value: string | null) {
  const p = new URLSearchParams(params);
  if (value === null || value === "") p.delete(key);
  else p.set(key, value);
  const q = p.toString();
  navigate(`/rounds${q ? `?${q}` : ""}`, { replace: true });
}

export function RoundsPage({ me }: { me: Me }) {
  const { t, locale } = useI18n();
  const { params } = useLocation();
  const scope = workScope(me) ?? nationalScope(me);
  const rounds = useQuery({ ...roundsOptions(scope?.tenantId ?? null), enabled: !!scope });
  const [opening, setOpening] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  // Stable, so that the dialog does not take the focus back to its first field when the page re-renders.
  const closeOpening = useCallback(() => setOpening(false), []);

  if (!scope) return <Notice kind="warn">{t("rounds.noScope")}</Notice>;
  if (rounds.isPending) return <Spinner label={t("rounds.loading")} />;
  if (rounds.error) return <ErrorBox error={rounds.error} />;

  const all = rounds.data.rounds;
  const years = [...new Set(all.map((r) => r.year))].sort((a, b) => b - a);
  const thisYear = vietnamYear();
  const year = Number(params.get("year")) || (years.includes(thisYear) ? thisYear : (years[0] ?? thisYear));
  const ofYear = all.filter((r) => r.year === year);
  // Open the round of the units the user reviews: communes for a district grant, districts for the province.
  const preferredKind = childKind(rounds.data.unitKinds, scope);
  const selected =
    ofYear.find((r) => r.id === params.get("round")) ?? ofYear.find((r) => r.unitKind === preferredKind) ?? ofYear[0];
  const kindName = (code: string) => {
    const k = rounds.data.unitKinds.find((u) => u.code === code);
    return k ? (locale === "en" ? k.nameEn : k.name) : code;
  };
  // The rounds shown are the scope's tenant's: its own administration runs them (the API decides each call).
  const manage = roundsTenant(me) === scope.tenantId;

  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t("rounds.title", { year })}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {scope.unitName === null && nationalScope(me)
              ? t("rounds.scopeNational")
              : t("rounds.scope", { scope: scope.unitName ?? scope.tenantId })}
          </p>
        </div>
        <div className="page-head-tools">
          {years.length > 1 && (
            <YearSelect
              label={t("rounds.year")}
              years={years}
              value={year}
              onChange={(y) => setParam(new URLSearchParams(), "year", String(y))}
            />
          )}
          {manage && (
            <button
              type="button"
              onClick={() => {
                setDone(null);
                setOpening(true);
              }}
            >
              {t("roundAdmin.open")}
            </button>
          )}
        </div>
      </div>
      {done && (
        <Notice kind="ok">
          <span role="status">{done}</span>
        </Notice>
      )}
      {opening && (
        <OpenRoundDialog
          tenantId={scope.tenantId}
          kindName={kindName}
          onClose={closeOpening}
          onOpened={(r) => {
            setOpening(false);
            setDone(t("roundAdmin.done.open", { name: r.name }));
            navigate(`/rounds?${new URLSearchParams({ year: String(r.year), round: r.id }).toString()}`, {
              replace: true,
            });
          }}
        />
      )}
      {ofYear.length === 0 ? (
        <Notice>{t("rounds.none", { year })}</Notice>
      ) : (
        <>
          <div className="tabs" role="group" aria-label={t("rounds.pick")}>
            {ofYear.map((r) => (
              <button
                key={r.id}
                type="button"
                aria-pressed={r.id === selected?.id}
                onClick={() => {
                  setDone(null);
                  setParam(params, "round", r.id);
                }}
              >
                {kindName(r.unitKind)} <JudgedByBadge judgedBy={r.judgedBy} />
                {r.closedAt && <ClosedBadge />}
              </button>
            ))}
          </div>
          {selected && (
            <RoundPanel
              key={selected.id}
              me={me}
              round={selected}
              kindName={kindName(selected.unitKind)}
              scope={scope}
              manage={manage}
              onDone={setDone}
            />
          )}
        </>
      )}
    </div>
  );
}

/** A closed round (no more entering or submitting), as a badge. */
export function ClosedBadge() {
  const { t } = useI18n();
  return (
    <span className="badge round-closed" data-testid="round-closed">
      {t("rounds.closed")}
    </span>
  );
}

/** The unit kind just below the user's own unit, from the kind hierarchy (data, not a fixed map) and the grant's depth. */
function childKind(kinds: UnitKindRow[], scope: { unitPath: string | null }): string | null {
  const chain: string[] = [];
  let k = kinds.find((x) => x.parentCode === null);
  while (k && chain.length <= kinds.length) {
    chain.push(k.code);
    const code: string = k.code;
    k = kinds.find((x) => x.parentCode === code);
  }
  const depth = scope.unitPath ? scope.unitPath.split("/").length : 0;
  return chain[depth] ?? null;
}
