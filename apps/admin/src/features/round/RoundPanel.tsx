/** One round: its set and deadlines, the documents, its figures, and the assessments to open. */
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import {
  DataTable,
  ErrorBox,
  LevelBadge,
  Link,
  navigate,
  ReviewChainText,
  Spinner,
  StatusBadge,
  useI18n,
  useLocation,
  type Column,
  type Me,
} from "@cds/ui";
import type { WorkScope } from "./access.ts";
import { RoundDocumentLinks } from "./documents.tsx";
import { JudgedByBadge } from "./JudgedByBadge.tsx";
import {
  roundAssessmentsOptions,
  roundSummaryOptions,
  type AssessmentRow,
  type RoundRow,
  type RoundSummary,
} from "./rounds-queries.ts";
import { RoundSummaryView, type ScoreSpread } from "./RoundSummaryView.tsx";
import { setParam } from "./RoundsPage.tsx";
import { judgedByOf, numberText, pointsText, spreadOf } from "./scored.ts";

export function RoundPanel({
  me,
  round,
  kindName,
  scope,
}: {
  me: Me;
  round: RoundRow;
  kindName: string;
  scope: WorkScope;
}) {
  const { t, date, number, locale } = useI18n();
  const judgedBy = judgedByOf(round.judgedBy);
  const scored = judgedBy !== "levels";
  const { params } = useLocation();
  // Tenant-wide grants see the province's totals; a district's staff see their own subtree.
  const subtree = scope.unitPath !== null && scope.unitPath.includes("/") ? scope.unitCode : null;
  const summary = useQuery(roundSummaryOptions(round.id, subtree));
  const list = useQuery(roundAssessmentsOptions(round.id, scope.unitCode));
  const s: RoundSummary | null = summary.data ?? null;
  // The review queue's statuses are the API's; the to-do list first, and everything when there is nothing to do.
  const queue = useMemo(() => new Set<string>(s?.reviewQueueStatuses ?? []), [s]);
  const status = params.get("status") ?? (list.data && !list.data.some((a) => queue.has(a.status)) ? "all" : "queue");

  const rows = useMemo(() => {
    const data = list.data ?? [];
    if (status === "all") return data;
    if (status === "queue") return data.filter((a) => queue.has(a.status));
    return data.filter((a) => a.status === status);
  }, [list.data, status, queue]);

  // The spread of the current scores of the units that submitted (texts as the engine rounded them; none recomputed).
  const spread = useMemo<ScoreSpread | null>(() => {
    if (!scored || !list.data) return null;
    // The units the "submitted" figure counts: neither being entered nor returned to the unit.
    const scores = list.data
      .filter((a) => a.status !== "DRAFT" && a.status !== "RETURNED" && a.score)
      .map((a) => a.score!);
    const x = spreadOf(scores.map((sc) => sc.scoreText));
    return x && { ...x, units: scores.length, maxScore: scores[0]!.maxScore };
  }, [scored, list.data]);

  const columns = useMemo<Column<AssessmentRow>[]>(() => {
    const unit: Column<AssessmentRow>[] = [
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
    ];
    const levels: Column<AssessmentRow>[] = [
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
    ];
    // A scored round: the current score (the engine's rounded value, for sorting; its text, shown), and the grade of a set judged by both.
    const scores: Column<AssessmentRow>[] = [
      {
        key: "score",
        header: t("rounds.col.score"),
        value: (a) => a.score?.score ?? null,
        render: (a) =>
          a.score ? (
            <span>
              {pointsText(a.score.scoreText, locale)}
              <span className="muted"> / {numberText(a.score.maxScore, locale)}</span>
            </span>
          ) : (
            <span className="muted">—</span>
          ),
        align: "right",
        type: "number",
      },
      ...(judgedBy === "both"
        ? [
            {
              key: "grade",
              header: t("rounds.col.scoreLevel"),
              value: (a: AssessmentRow) => a.score?.levelName ?? null,
            },
          ]
        : []),
    ];
    const submitted: Column<AssessmentRow> = {
      key: "submitted",
      header: t("rounds.col.submitted"),
      value: (a) => (a.submittedAt ? date(a.submittedAt) : null),
    };
    return [...unit, ...(scored ? scores : levels), submitted];
  }, [t, date, locale, scored, judgedBy]);

  return (
    <section aria-label={round.name}>
      <div className="card">
        <div className="round-title">
          <h2 style={{ margin: 0 }}>{round.name}</h2>
          <JudgedByBadge judgedBy={round.judgedBy} />
          {scored && (
            <Link className="ranking-link" to={`/rounds/${encodeURIComponent(round.id)}/ranking`}>
              {t("rounds.ranking")}
            </Link>
          )}
        </div>
        <p className="muted" style={{ margin: 0 }}>
          {t("rounds.set", {
            title: round.setVersion.title,
            version: round.setVersion.version,
            decision: round.setVersion.decisionNumber ?? "—",
          })}
        </p>
        <p className="muted round-map" style={{ margin: 0 }}>
          {t("rounds.map", { name: round.map.name })}
        </p>
        <p className="round-chain" style={{ margin: "0.25rem 0 0" }} aria-label={t("rounds.chain")}>
          <ReviewChainText chain={round.reviewChain} />
        </p>
        <div className="deadlines">
          <DeadlineLine label={t("rounds.submitDue")} day={round.submitDueAt} deadline={round.submitDeadline} />
          <DeadlineLine label={t("rounds.reviewDue")} day={round.reviewDueAt} deadline={round.reviewDeadline} />
        </div>
        <RoundDocumentLinks me={me} round={{ id: round.id }} />
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
          <RoundSummaryView s={s} judgedBy={judgedBy} spread={spread} />
        </>
      )}

      <h2>{t("rounds.listTitle")}</h2>
      <div className="filters">
        <label>
          {t("rounds.filterStatus")}
          <select value={status} onChange={(e) => setParam(params, "status", e.target.value)}>
            <option value="queue">{t("rounds.filter.queue")}</option>
            <option value="all">{t("rounds.filter.all")}</option>
            {(s?.byStatus ?? []).map(({ status: st }) => (
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

/** A deadline and the days left to it, as the API counts them (the whole last day in Vietnam is on time). */
function DeadlineLine({ label, day, deadline }: { label: string; day: string; deadline: RoundRow["submitDeadline"] }) {
  const { t, date } = useI18n();
  const text =
    deadline.state === "OPEN"
      ? t("rounds.daysLeft", { n: deadline.daysLeft })
      : deadline.state === "DUE_TODAY"
        ? t("rounds.dueToday")
        : t("rounds.daysOver", { n: -deadline.daysLeft });
  return (
    <span>
      {label}: <strong>{date(day)}</strong>{" "}
      <span className={deadline.state === "OVERDUE" ? "overdue" : "muted"}>({text})</span>
    </span>
  );
}
