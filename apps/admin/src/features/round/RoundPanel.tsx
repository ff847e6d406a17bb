/**
 * One round: its set and deadlines, the documents, its figures (late units too), and the assessments to open —
 * "Cần xử lý" being those the viewer may act on now (the API's `actionable`). The round's own administration
 * edits it, closes or reopens it, and extends a unit's deadline.
 */
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { deadline as deadlineOn } from "@cds/calendar";
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
  formatDaysLeft,
} from "@cds/ui";
import type { Deadline } from "@cds/calendar";
import type { WorkScope } from "./access.ts";
import { CloseRoundDialog } from "./CloseRoundDialog.tsx";
import { DecisionScans } from "./DecisionScans.tsx";
import { RoundDocumentLinks } from "./documents.tsx";
import { EditRoundDialog } from "./EditRoundDialog.tsx";
import { ExtendDeadlineDialog } from "./ExtendDeadlineDialog.tsx";
import { JudgedByBadge } from "./JudgedByBadge.tsx";
import {
  actionableAssessmentsOptions,
  roundAssessmentsOptions,
  roundSummaryOptions,
  type AssessmentRow,
  type RoundRow,
  type RoundSummary,
} from "./rounds-queries.ts";
import { RoundSummaryView, type ScoreSpread } from "./RoundSummaryView.tsx";
import { ClosedBadge, setParam } from "./RoundsPage.tsx";
import { judgedByOf, numberText, pointsText, spreadOf } from "./scored.ts";

export function RoundPanel({
  me,
  round,
  kindName,
  scope,
  manage = false,
  onDone = () => {},
}: {
  me: Me;
  round: RoundRow;
  kindName: string;
  scope: WorkScope;
  /** The user is the round's own administration: edit, close or reopen it, extend a unit's deadline. */
  manage?: boolean;
  /** What a change did, for the page to say. */
  onDone?: (message: string) => void;
}) {
  const { t, date, dateTime, number, locale } = useI18n();
  const [dialog, setDialog] = useState<"edit" | "close" | null>(null);
  const [extending, setExtending] = useState<AssessmentRow | null>(null);
  // Stable, so that a dialog does not take the focus back to its first field when the panel re-renders.
  const closeDialog = useCallback(() => setDialog(null), []);
  const closeExtending = useCallback(() => setExtending(null), []);
  const judgedBy = judgedByOf(round.judgedBy);
  const scored = judgedBy !== "levels";
  const { params } = useLocation();
  // Tenant-wide grants see the province's totals; a district's staff see their own subtree.
  const subtree = scope.unitPath !== null && scope.unitPath.includes("/") ? scope.unitCode : null;
  const summary = useQuery(roundSummaryOptions(round.id, subtree));
  const list = useQuery(roundAssessmentsOptions(round.id, scope.unitCode));
  // "Cần xử lý": what the API says the viewer may act on now (its one action table), not a list of statuses.
  const actionable = useQuery(actionableAssessmentsOptions(round.id, scope.unitCode));
  const s: RoundSummary | null = summary.data ?? null;
  // The to-do list first, and everything when there is nothing to do.
  const status = params.get("status") ?? (actionable.data && actionable.data.size === 0 ? "all" : "queue");

  const rows = useMemo(() => {
    const data = list.data ?? [];
    if (status === "all") return data;
    if (status === "queue") return actionable.data ? data.filter((a) => actionable.data.has(a.id)) : [];
    if (status === "late") return data.filter((a) => a.late);
    return data.filter((a) => a.status === status);
  }, [list.data, status, actionable.data]);

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
        value: (a) => (a.late ? `${t(`status.${a.status}`)} — ${t("rounds.late")}` : t(`status.${a.status}`)),
        render: (a) => (
          <span className="status-cell">
            <StatusBadge status={a.status} />
            {a.late && <LateBadge />}
          </span>
        ),
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
    // A unit's own deadline when extended ("gia hạn đến 15/12/2026"), and the round's administration extends it.
    const extended = (a: AssessmentRow) => a.extensions.length > 0;
    const deadline: Column<AssessmentRow> = {
      key: "extension",
      header: t("rounds.col.extension"),
      value: (a) => (extended(a) ? t("rounds.extendedTo", { date: date(a.submitDeadline.date) }) : null),
      render: (a) => (
        <span className="extension-cell">
          {extended(a) && (
            <span title={a.extensions[0]?.reason}>{t("rounds.extendedTo", { date: date(a.submitDeadline.date) })}</span>
          )}
          {manage && (a.status === "DRAFT" || a.status === "RETURNED") && (
            <button
              type="button"
              className="secondary small"
              aria-label={t("roundAdmin.extend.actionOf", { unit: a.unit.name })}
              onClick={(e) => {
                // The row opens the assessment; this button opens the dialog instead.
                e.stopPropagation();
                setExtending(a);
              }}
            >
              {t("roundAdmin.extend.action")}
            </button>
          )}
        </span>
      ),
    };
    const showDeadline = manage || (list.data ?? []).some(extended);
    return [...unit, ...(scored ? scores : levels), submitted, ...(showDeadline ? [deadline] : [])];
  }, [t, date, locale, scored, judgedBy, manage, list.data]);

  return (
    <section aria-label={round.name}>
      <div className="card">
        <div className="round-title">
          <h2 style={{ margin: 0 }}>{round.name}</h2>
          <JudgedByBadge judgedBy={round.judgedBy} />
          {round.closedAt && <ClosedBadge />}
          {scored && (
            <Link className="ranking-link" to={`/rounds/${encodeURIComponent(round.id)}/ranking`}>
              {t("rounds.ranking")}
            </Link>
          )}
          {manage && (
            <span className="round-manage">
              <button type="button" className="secondary" onClick={() => setDialog("edit")}>
                {t("roundAdmin.edit")}
              </button>
              <button
                type="button"
                className={round.closedAt ? "secondary" : "danger"}
                onClick={() => setDialog("close")}
              >
                {t(round.closedAt ? "roundAdmin.reopen" : "roundAdmin.close")}
              </button>
            </span>
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
          {round.registerDueAt && (
            <DeadlineLine
              label={t("rounds.registerDue")}
              day={round.registerDueAt}
              deadline={deadlineOn(round.registerDueAt)}
            />
          )}
          <DeadlineLine label={t("rounds.submitDue")} day={round.submitDueAt} deadline={round.submitDeadline} />
          <DeadlineLine label={t("rounds.reviewDue")} day={round.reviewDueAt} deadline={round.reviewDeadline} />
        </div>
        <p className="muted round-late-policy" style={{ margin: "0.25rem 0 0" }}>
          {t("rounds.latePolicy", { policy: t(`roundAdmin.late.${round.latePolicy}`) })}
        </p>
        {round.closedAt && (
          <p className="round-closed-line" style={{ margin: "0.25rem 0 0" }}>
            {t("rounds.closedAt", { at: dateTime(round.closedAt) })}
          </p>
        )}
        <RoundDocumentLinks me={me} round={{ id: round.id }} />
      </div>
      {dialog === "edit" && (
        <EditRoundDialog
          round={round}
          onClose={closeDialog}
          onDone={(m) => {
            setDialog(null);
            onDone(m);
          }}
        />
      )}
      {dialog === "close" && (
        <CloseRoundDialog
          round={round}
          onClose={closeDialog}
          onDone={(m) => {
            setDialog(null);
            onDone(m);
          }}
        />
      )}
      {extending && (
        <ExtendDeadlineDialog
          a={extending}
          onClose={closeExtending}
          onDone={(m) => {
            setExtending(null);
            onDone(m);
          }}
        />
      )}

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
            <option value="late">{t("rounds.filter.late")}</option>
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
      {list.isPending || (status === "queue" && actionable.isPending) ? (
        <Spinner label={t("rounds.loadingList")} />
      ) : list.error || (status === "queue" && actionable.error) ? (
        <ErrorBox error={list.error ?? actionable.error} />
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
      <DecisionScans me={me} roundId={round.id} unitCode={scope.unitCode} />
    </section>
  );
}

/** A unit late: submitted after its deadline (flagged), or not submitted though the deadline has passed. */
export function LateBadge() {
  const { t } = useI18n();
  return (
    <span className="badge late-badge" data-testid="late">
      {t("rounds.late")}
    </span>
  );
}

/**
 * A deadline and the days left to it, as @cds/calendar counts them (the whole last day in Vietnam is on time):
 * the API's for submission and review, the same `deadline()` for registration.
 */
function DeadlineLine({
  label,
  day,
  deadline,
}: {
  label: string;
  day: string;
  deadline: { daysLeft: number; state: string };
}) {
  const { t, date } = useI18n();
  const text = formatDaysLeft(deadline as Pick<Deadline, "daysLeft" | "state">, t);
  return (
    <span>
      {label}: <strong>{date(day)}</strong>{" "}
      <span className={deadline.state === "OVERDUE" ? "overdue" : "muted"}>({text})</span>
    </span>
  );
}
