/**
 * The yearly rounds of the user's province (communes and districts): deadlines,
 * how far the work has come, and the assessments the user can open.
 */
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import {
  DataTable,
  ErrorBox,
  LevelBadge,
  navigate,
  Notice,
  Spinner,
  StatusBadge,
  useI18n,
  useLocation,
  type Column,
  type Me,
} from "@cds/ui";
import { workScope, type WorkScope } from "./access.ts";
import { BarChart } from "./charts.tsx";
import { RoundDocumentLinks } from "./documents.tsx";
import { daysUntil } from "./format.ts";
import {
  roundAssessmentsOptions,
  roundsOptions,
  roundSummaryOptions,
  type AssessmentRow,
  type RoundRow,
  type RoundSummary,
  type UnitKindRow,
} from "./queries.ts";
import "./round.css";

const STATUSES = ["DRAFT", "SUBMITTED", "RETURNED", "VERIFIED", "APPRAISED", "RECOGNISED"] as const;
const QUEUE = new Set(["SUBMITTED", "VERIFIED", "APPRAISED"]);

function setParam(params: URLSearchParams, key: string, value: string | null) {
  const p = new URLSearchParams(params);
  if (value === null || value === "") p.delete(key);
  else p.set(key, value);
  const q = p.toString();
  navigate(`/rounds${q ? `?${q}` : ""}`, { replace: true });
}

export function RoundsPage({ me }: { me: Me }) {
  const { t, locale } = useI18n();
  const { params } = useLocation();
  const scope = workScope(me);
  const rounds = useQuery({ ...roundsOptions(scope?.tenantId ?? null), enabled: !!scope });

  if (!scope) return <Notice kind="warn">{t("rounds.noScope")}</Notice>;
  if (rounds.isPending) return <Spinner label={t("rounds.loading")} />;
  if (rounds.error) return <ErrorBox error={rounds.error} />;

  const all = rounds.data.rounds;
  const years = [...new Set(all.map((r) => r.year))].sort((a, b) => b - a);
  const thisYear = new Date().getFullYear();
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

  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t("rounds.title", { year })}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {t("rounds.scope", { scope: scope.unitName ?? scope.tenantId })}
          </p>
        </div>
        {years.length > 1 && (
          <label>
            {t("rounds.year")}
            <select value={year} onChange={(e) => setParam(new URLSearchParams(), "year", e.target.value)}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
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
                onClick={() => setParam(params, "round", r.id)}
              >
                {kindName(r.unitKind)}
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
            />
          )}
        </>
      )}
    </div>
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

function RoundPanel({ me, round, kindName, scope }: { me: Me; round: RoundRow; kindName: string; scope: WorkScope }) {
  const { t, date, number } = useI18n();
  const { params } = useLocation();
  // Tenant-wide grants see the province's totals; a district's staff see their own subtree.
  const subtree = scope.unitPath !== null && scope.unitPath.includes("/") ? scope.unitCode : null;
  const summary = useQuery({ ...roundSummaryOptions(round.id), enabled: subtree === null });
  const list = useQuery(roundAssessmentsOptions(round.id, scope.unitCode));
  // The to-do list first; when there is nothing to do, everything.
  const status = params.get("status") ?? (list.data && !list.data.some((a) => QUEUE.has(a.status)) ? "all" : "queue");

  const local = useMemo(() => (list.data ? summarise(list.data) : null), [list.data]);
  const s: RoundSummary | null = subtree === null ? (summary.data ?? null) : local;

  const rows = useMemo(() => {
    const data = list.data ?? [];
    if (status === "all") return data;
    if (status === "queue") return data.filter((a) => QUEUE.has(a.status));
    return data.filter((a) => a.status === status);
  }, [list.data, status]);

  const columns = useMemo<Column<AssessmentRow>[]>(
    () => [
      {
        key: "unit",
        header: t("rounds.col.unit"),
        value: (a) => a.unit.name,
        render: (a) => <strong>{a.unit.name}</strong>,
      },
      { key: "parent", header: t("rounds.col.parent"), value: (a) => a.unit.parent?.name ?? null },
      { key: "code", header: t("rounds.col.code"), value: (a) => a.unit.code },
      {
        key: "status",
        header: t("rounds.col.status"),
        value: (a) => t(`status.${a.status}`),
        render: (a) => <StatusBadge status={a.status} />,
      },
      {
        key: "registered",
        header: t("rounds.col.registered"),
        value: (a) => a.registeredLevel,
        render: (a) => <LevelBadge level={a.registeredLevel} />,
        align: "right",
      },
      {
        key: "computed",
        header: t("rounds.col.computed"),
        value: (a) => a.computedLevel,
        render: (a) => <LevelBadge level={a.computedLevel} />,
        align: "right",
      },
      {
        key: "recognised",
        header: t("rounds.col.recognised"),
        value: (a) => (a.status === "RECOGNISED" ? a.recognisedLevel : null),
        render: (a) =>
          a.status === "RECOGNISED" ? <LevelBadge level={a.recognisedLevel} /> : <span className="muted">—</span>,
        align: "right",
      },
      {
        key: "submitted",
        header: t("rounds.col.submitted"),
        value: (a) => (a.submittedAt ? date(a.submittedAt) : null),
      },
    ],
    [t, date],
  );

  const submitDays = daysUntil(round.submitDueAt);
  const reviewDays = daysUntil(round.reviewDueAt);
  const recognised = s?.byStatus.find((x) => x.status === "RECOGNISED")?.count ?? 0;
  const submitted = s
    ? s.units -
      (s.byStatus.find((x) => x.status === "DRAFT")?.count ?? 0) -
      (s.byStatus.find((x) => x.status === "RETURNED")?.count ?? 0)
    : 0;

  return (
    <section aria-label={round.name}>
      <div className="card">
        <h2 style={{ marginTop: 0 }}>{round.name}</h2>
        <p className="muted" style={{ margin: 0 }}>
          {t("rounds.set", {
            title: round.setVersion.title,
            version: round.setVersion.version,
            decision: round.setVersion.decisionNumber ?? "—",
          })}
        </p>
        <div className="deadlines">
          <span>
            {t("rounds.submitDue")}: <strong>{date(round.submitDueAt)}</strong>{" "}
            <span className={submitDays < 0 ? "overdue" : "muted"}>({deadlineText(t, submitDays)})</span>
          </span>
          <span>
            {t("rounds.reviewDue")}: <strong>{date(round.reviewDueAt)}</strong>{" "}
            <span className={reviewDays < 0 ? "overdue" : "muted"}>({deadlineText(t, reviewDays)})</span>
          </span>
        </div>
        <RoundDocumentLinks me={me} round={{ id: round.id, tenantId: scope.tenantId }} />
      </div>

      {summary.error && <ErrorBox error={summary.error} />}
      {!s ? (
        !summary.error && !list.error && <Spinner label={t("rounds.loadingSummary")} />
      ) : (
        <>
          <p className="muted" style={{ margin: "0 0 0.4rem" }}>
            {subtree === null
              ? t("rounds.kpiScopeTenant", { kind: kindName.toLocaleLowerCase("vi") })
              : t("rounds.kpiScopeSubtree", {
                  kind: kindName.toLocaleLowerCase("vi"),
                  scope: scope.unitName ?? subtree,
                })}
          </p>
          <div className="kpis">
            <Kpi label={t("rounds.kpi.units")} value={number(s.units)} />
            <Kpi label={t("rounds.kpi.submitted")} value={number(submitted)} />
            <Kpi label={t("rounds.kpi.queue")} value={number(s.reviewQueue)} />
            <Kpi label={t("rounds.kpi.recognised")} value={number(recognised)} />
          </div>
          <div className="charts">
            <div className="card">
              <BarChart
                title={t("rounds.chart.status")}
                total={s.units}
                format={number}
                bars={STATUSES.map((st) => ({
                  key: st,
                  label: t(`status.${st}`),
                  value: s.byStatus.find((x) => x.status === st)?.count ?? 0,
                  tone: `status-${st.toLowerCase()}`,
                }))}
              />
            </div>
            <div className="card">
              <BarChart
                title={t("rounds.chart.computed")}
                total={s.units}
                format={number}
                bars={s.byComputedLevel.map((n, l) => ({
                  key: String(l),
                  label: levelLabel(t, l),
                  value: n,
                  tone: `level-${l}`,
                }))}
              />
            </div>
            <div className="card">
              <BarChart
                title={t("rounds.chart.recognised", { n: number(recognised) })}
                total={recognised || undefined}
                format={number}
                bars={s.byRecognisedLevel.map((n, l) => ({
                  key: String(l),
                  label: levelLabel(t, l),
                  value: n,
                  tone: `level-${l}`,
                }))}
              />
            </div>
          </div>
        </>
      )}

      <h2>{t("rounds.listTitle")}</h2>
      <div className="filters">
        <label>
          {t("rounds.filterStatus")}
          <select value={status} onChange={(e) => setParam(params, "status", e.target.value)}>
            <option value="queue">{t("rounds.filter.queue")}</option>
            <option value="all">{t("rounds.filter.all")}</option>
            {STATUSES.map((st) => (
              <option key={st} value={st}>
                {t(`status.${st}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          {list.data ? t("rounds.shown", { n: number(rows.length), total: number(list.data.length) }) : ""}
        </span>
      </div>
      {list.isPending ? (
        <Spinner label={t("rounds.loadingList")} />
      ) : list.error ? (
        <ErrorBox error={list.error} />
      ) : (
        <DataTable
          caption={t("rounds.tableCaption")}
          columns={columns}
          rows={rows}
          rowKey={(a) => a.id}
          csvName={`ho-so-${round.unitKind}-${round.year}.csv`}
          onRowClick={(a) => navigate(`/assessments/${encodeURIComponent(a.id)}`)}
        />
      )}
    </section>
  );
}

function levelLabel(t: (k: string) => string, l: number): string {
  return l === 0 ? t("rounds.level0Short") : `${l}. ${t(`level.${l}`)}`;
}

function deadlineText(t: (k: string, p?: Record<string, string | number>) => string, days: number): string {
  if (days > 0) return t("rounds.daysLeft", { n: days });
  if (days === 0) return t("rounds.dueToday");
  return t("rounds.daysOver", { n: -days });
}

function Kpi({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="kpi">
      <div className="value" data-testid={testId}>
        {value}
      </div>
      <div className="label">{label}</div>
    </div>
  );
}

/** The round summary of a subtree, from its assessments (the API's roundSummary counts the whole province). */
function summarise(rows: AssessmentRow[]): RoundSummary {
  const byStatus = new Map<string, number>();
  const byComputedLevel = [0, 0, 0, 0, 0, 0];
  const byRecognisedLevel = [0, 0, 0, 0, 0, 0];
  for (const a of rows) {
    byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    byComputedLevel[a.computedLevel] = (byComputedLevel[a.computedLevel] ?? 0) + 1;
    if (a.status === "RECOGNISED")
      byRecognisedLevel[a.recognisedLevel ?? 0] = (byRecognisedLevel[a.recognisedLevel ?? 0] ?? 0) + 1;
  }
  return {
    units: rows.length,
    reviewQueue: rows.filter((a) => QUEUE.has(a.status)).length,
    byStatus: STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    byComputedLevel,
    byRecognisedLevel,
  };
}
