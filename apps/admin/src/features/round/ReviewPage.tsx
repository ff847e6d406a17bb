/**
 * One assessment under review: what the unit entered, what the verifier kept
 * or corrected, the evidence, the per-level results from criteria-core (via the
 * API's `evaluation`), what is missing for the registered level, and the
 * actions the user's role allows at this status. A scored index (Bộ chỉ số)
 * shows its components by group with the three scores instead (ScoreTables).
 * After every action the assessment is read again, so levels and scores shown
 * are always the server's.
 */
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import {
  DataTable,
  ErrorBox,
  LevelBadge,
  Link,
  Notice,
  PrintStamp,
  Spinner,
  StatusBadge,
  UnitLineage,
  useI18n,
  type Me,
} from "@cds/ui";
import { ResultSheetLink, RoundDocumentLinks } from "./documents.tsx";
import { LateBadge } from "./RoundPanel.tsx";
import { AppraiseForm, RecogniseForm, VerifyAssessmentButton } from "./ReviewActions.tsx";
import { useReviewColumns, type Row } from "./ReviewColumns.tsx";
import { History, NextStep } from "./ReviewHistory.tsx";
import { ReturnDialog, type CommentTarget } from "./ReturnDialog.tsx";
import { VerifyValueDialog } from "./VerifyValueDialog.tsx";
import { VerifyComponentDialog } from "./VerifyComponentDialog.tsx";
import { ScoreTables, ScoreTotals } from "./ScoreTables.tsx";
import { assessmentOptions, gapsOptions, scoredSetOptions, type AssessmentDetail } from "./queries.ts";
import { componentsOf, judgedByOf, scoredSet } from "./scored.ts";
import { JudgedByBadge } from "./JudgedByBadge.tsx";
import "./round.css";

export function ReviewPage({ me, assessmentId }: { me: Me; assessmentId: string }) {
  const { t } = useI18n();
  const q = useQuery(assessmentOptions(assessmentId));
  if (q.isPending) return <Spinner label={t("review.loading")} />;
  if (q.error)
    return (
      <div>
        <Link to="/rounds">← {t("review.backToList")}</Link>
        <ErrorBox error={q.error} />
      </div>
    );
  return <Review me={me} a={q.data} refreshing={q.isFetching} />;
}

function Review({ me, a, refreshing }: { me: Me; a: AssessmentDetail; refreshing: boolean }) {
  const { t, date, dateTime } = useI18n();
  const [verifying, setVerifying] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  // What this user may do now comes from the API (the same rules it enforces), never a copy of them.
  const actions = new Set<string>(a.allowedActions);
  // The verifier corrects a submitted assessment's values; a scored index's council gives points once verified.
  const canVerifyValues = actions.has("verifyValue") || actions.has("appraiseValue");
  const canReturn = actions.has("return");
  const registered = a.registeredLevel;
  const evaluation = a.evaluation;
  // A scored index: its components (names, rules) are in the pinned set's document, read once.
  const judgedBy = judgedByOf(a.setVersion.judgedBy);
  const scored = judgedBy !== "levels";
  const setQ = useQuery({ ...scoredSetOptions(a.setVersion.id), enabled: scored });
  const set = useMemo(() => (scored ? scoredSet(setQ.data?.document) : null), [scored, setQ.data]);
  const components = useMemo(() => (set ? componentsOf(set).map((x) => x.component) : []), [set]);

  const rows = useMemo<Row[]>(
    () =>
      a.setVersion.criteria.map((c) => ({
        ...c,
        value: a.values.find((v) => v.criterionCode === c.code),
        evidence: a.evidence.filter((e) => e.criterionCode === c.code),
        results: evaluation?.criteria.find((r) => r.code === c.code)?.results ?? [],
      })),
    [a, evaluation],
  );
  const levels = useMemo(() => evaluation?.levels ?? [], [evaluation]);

  const columns = useReviewColumns(levels, canVerifyValues, setVerifying);

  const unverified = scored
    ? components.filter((c) => !a.values.find((v) => v.criterionCode === c.code)?.verifiedAt).length
    : rows.filter((r) => r.measure !== "childLevels" && !r.value?.verifiedAt).length;
  const verifyingRow = scored ? undefined : rows.find((r) => r.code === verifying);
  const verifyingComponent = scored ? components.find((c) => c.code === verifying) : undefined;
  const targets: CommentTarget[] = scored ? components : a.setVersion.criteria;
  const overall = a.comments.filter((c) => !c.criterionCode);
  const byCriterion = a.comments.filter((c) => c.criterionCode);
  const needsEvidence = new Set(a.commentFlags.filter((c) => c.needsEvidence).map((c) => c.id));
  const levelOf = (code: string) => levels.find((l) => l.level === Number(code));

  return (
    <div className="print-page">
      <PrintStamp />
      <p style={{ margin: "0 0 0.5rem" }} className="no-print">
        <Link to={`/rounds?round=${encodeURIComponent(a.round.id)}`}>← {t("review.backToList")}</Link>
      </p>
      <section className="card review-head" aria-label={t("review.header")}>
        <div>
          <h1>{a.unit.name}</h1>
          <dl>
            <dt>{t("review.parent")}</dt>
            <dd>{a.unit.parent?.name ?? "—"}</dd>
            <dt>{t("review.round")}</dt>
            <dd>{a.round.name}</dd>
            <dt>{t("review.set")}</dt>
            <dd>
              {a.setVersion.title} — {t("review.setVersion", { version: a.setVersion.version })}
              {a.setVersion.decisionNumber && (
                <>
                  {" "}
                  (
                  {t("review.decision", { number: a.setVersion.decisionNumber, date: date(a.setVersion.decisionDate) })}
                  )
                </>
              )}
            </dd>
            <dt>{t("review.submitDue")}</dt>
            <dd>
              {date(a.submitDeadline.date)}
              {a.extensions.length > 0 && (
                <span className="muted"> ({t("review.extended", { reason: a.extensions.at(-1)!.reason })})</span>
              )}
            </dd>
            <dt>{t("review.submittedAt")}</dt>
            <dd>
              {a.submittedAt ? dateTime(a.submittedAt) : t("review.notSubmitted")}
              {a.late && (
                <>
                  {" "}
                  <LateBadge />
                </>
              )}
            </dd>
            <dt>{t("score.judgedBy")}</dt>
            <dd>
              <JudgedByBadge judgedBy={judgedBy} />
            </dd>
            {scored && (
              <>
                <dt>{t("score.title")}</dt>
                <dd>
                  <ScoreTotals a={a} judgedBy={judgedBy} />
                </dd>
              </>
            )}
            {!scored && (
              <>
                <dt>{t("review.levels")}</dt>
                <dd className="row" style={{ gap: "0.4rem", alignItems: "center" }}>
                  <span>{t("review.registered")}</span> <LevelBadge level={registered} />
                  <span>{t("review.computed")}</span> <LevelBadge level={evaluation?.level ?? a.computedLevel} />
                  {a.appraisedLevel !== null && (
                    <>
                      <span>{t("review.appraised")}</span> <LevelBadge level={a.appraisedLevel} />
                    </>
                  )}
                  {a.status === "RECOGNISED" && (
                    <>
                      <span>{t("review.recognised")}</span> <LevelBadge level={a.recognisedLevel} />
                    </>
                  )}
                </dd>
              </>
            )}
          </dl>
        </div>
        <div className="review-status">
          <span data-testid="review-status" data-status={a.status}>
            <StatusBadge status={a.status} />
          </span>
          <span className="muted">{t("review.version", { version: a.version })}</span>
          {refreshing && <Spinner label={t("review.refreshing")} />}
          <ResultSheetLink assessmentId={a.id} />
        </div>
      </section>
      <RoundDocumentLinks me={me} round={{ id: a.round.id, tenantId: a.unit.tenant.code }} />
      <UnitLineage unit={a.unit} collapsible />

      {levels.length > 0 && (
        <ul className="level-strip" aria-label={t("review.levelResults")}>
          {levels.map((l) => (
            <li key={l.level} className={l.met ? "met" : "unmet"}>
              <strong>
                {l.level}. {l.name}
              </strong>
              :{" "}
              {l.met
                ? t("review.levelMet")
                : t("review.levelUnmet", { failing: l.failing.length, missing: l.missing.length })}
            </li>
          ))}
        </ul>
      )}

      <section className="card" style={{ marginTop: "0.75rem" }} aria-label={t("review.actions")}>
        <h2 style={{ marginTop: 0 }}>{t("review.actions")}</h2>
        {done && a.status !== "RECOGNISED" && <Notice kind="ok">{done}</Notice>}
        <NextStep
          a={a}
          mine={actions.has("verify") || actions.has("appraise") || actions.has("recognise")}
          scored={scored}
          canGivePoints={canVerifyValues}
        />
        <div className="actions">
          {actions.has("verify") && <VerifyAssessmentButton a={a} onDone={setDone} />}
          {actions.has("appraise") && (
            <AppraiseForm a={a} judgedBy={judgedBy} canGivePoints={canVerifyValues} onDone={setDone} />
          )}
          {actions.has("recognise") && <RecogniseForm a={a} judgedBy={judgedBy} onDone={setDone} />}
          {canReturn && !returning && (
            <button type="button" className="danger" onClick={() => setReturning(true)}>
              {t("review.return")}
            </button>
          )}
        </div>
        {canVerifyValues && unverified > 0 && (
          <p className="hint">{t(scored ? "score.unverifiedHint" : "review.unverifiedHint", { n: unverified })}</p>
        )}
      </section>

      {!scored && registered !== null && a.status !== "RECOGNISED" && (
        <Gaps
          assessmentId={a.id}
          level={`${registered}. ${levelOf(String(registered))?.name ?? t(`level.${registered}`)}`}
        />
      )}

      {a.comments.length > 0 && (
        <section className="card" aria-label={t("review.comments")}>
          <h2 style={{ marginTop: 0 }}>{t("review.comments")}</h2>
          <ul className="comment-list">
            {overall.map((c) => (
              <li key={c.id}>
                <span className="muted">{date(c.createdAt)}</span> {t("review.overallComment")}: {c.body}
              </li>
            ))}
            {byCriterion.map((c) => (
              <li key={c.id}>
                <span className="muted">{date(c.createdAt)}</span> <code>{c.criterionCode}</code>: {c.body}
                {needsEvidence.has(c.id) && (
                  <>
                    {" "}
                    <span className="badge needs-evidence-badge">{t("review.needsEvidence")}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {!scored ? (
        <DataTable
          caption={t("review.tableCaption", { n: rows.length })}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.code}
          csvName={`${a.unit.code}-${a.round.year}-tieu-chi.csv`}
        />
      ) : set ? (
        <ScoreTables a={a} set={set} canVerifyValues={canVerifyValues} onVerify={setVerifying} />
      ) : setQ.error ? (
        <ErrorBox error={setQ.error} />
      ) : setQ.isPending ? (
        <Spinner label={t("score.loadingSet")} />
      ) : (
        <Notice kind="warn">{t("score.noSet")}</Notice>
      )}

      <History a={a} me={me} set={{ judgedBy, component: (code) => components.find((c) => c.code === code) }} />

      {verifyingComponent && set && (
        <VerifyComponentDialog
          a={a}
          set={set}
          component={verifyingComponent}
          onClose={() => setVerifying(null)}
          onDone={setDone}
        />
      )}
      {verifyingRow && (
        <VerifyValueDialog
          a={a}
          criterion={verifyingRow}
          value={verifyingRow.value}
          onClose={() => setVerifying(null)}
          onDone={setDone}
        />
      )}
      {returning && (
        <ReturnDialog
          a={a}
          targets={targets}
          onClose={() => setReturning(false)}
          onDone={(m) => {
            setReturning(false);
            setDone(m);
          }}
        />
      )}
    </div>
  );
}

/** What the current values still miss for the registered level (a level assessment only). */
function Gaps({ assessmentId, level }: { assessmentId: string; level: string }) {
  const { t } = useI18n();
  const q = useQuery(gapsOptions(assessmentId));
  return (
    <section className="card" aria-label={t("review.gapsTitle", { level })}>
      <h2 style={{ marginTop: 0 }}>{t("review.gapsTitle", { level })}</h2>
      {q.isPending ? (
        <Spinner />
      ) : q.error ? (
        <ErrorBox error={q.error} />
      ) : q.data.length === 0 ? (
        <p style={{ margin: 0 }}>{t("review.noGaps")}</p>
      ) : (
        <>
          <p style={{ margin: 0 }}>{t("review.gapsCount", { n: q.data.length })}</p>
          <ul className="gap-list">
            {q.data.map((g) => (
              <li key={`${g.code}-${g.level}`}>
                <code>{g.code}</code> {g.name}: {g.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
