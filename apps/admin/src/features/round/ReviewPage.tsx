/**
 * One assessment under review: what the unit entered, what the verifier kept
 * or corrected, the evidence, the per-level results from criteria-core (via the
 * API's `evaluation`), what is missing for the registered level, and the
 * actions the user's role allows at this status. After every action the
 * assessment is read again, so levels shown are always the server's.
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
import { AppraiseForm, RecogniseForm, VerifyAssessmentButton } from "./ReviewActions.tsx";
import { useReviewColumns, type Row } from "./ReviewColumns.tsx";
import { History, NextStep } from "./ReviewHistory.tsx";
import { ReturnDialog } from "./ReturnDialog.tsx";
import { VerifyValueDialog } from "./VerifyValueDialog.tsx";
import { assessmentOptions, type AssessmentDetail } from "./queries.ts";
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
  const canVerifyValues = actions.has("verifyValue");
  const canReturn = actions.has("return");
  const registered = a.registeredLevel;
  const evaluation = a.evaluation;

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

  const unverified = rows.filter((r) => r.measure !== "childLevels" && !r.value?.verifiedAt).length;
  const verifyingRow = rows.find((r) => r.code === verifying);
  const overall = a.comments.filter((c) => !c.criterionCode);
  const byCriterion = a.comments.filter((c) => c.criterionCode);
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
            <dt>{t("review.submittedAt")}</dt>
            <dd>{a.submittedAt ? dateTime(a.submittedAt) : t("review.notSubmitted")}</dd>
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
        <NextStep a={a} mine={actions.has("verify") || actions.has("appraise") || actions.has("recognise")} />
        <div className="actions">
          {actions.has("verify") && <VerifyAssessmentButton a={a} onDone={setDone} />}
          {actions.has("appraise") && <AppraiseForm a={a} onDone={setDone} />}
          {actions.has("recognise") && <RecogniseForm a={a} onDone={setDone} />}
          {canReturn && !returning && (
            <button type="button" className="danger" onClick={() => setReturning(true)}>
              {t("review.return")}
            </button>
          )}
        </div>
        {canVerifyValues && unverified > 0 && <p className="hint">{t("review.unverifiedHint", { n: unverified })}</p>}
      </section>

      {registered !== null && a.status !== "RECOGNISED" && (
        <section className="card" aria-label={t("review.gapsTitle", { level: registered })}>
          <h2 style={{ marginTop: 0 }}>
            {t("review.gapsTitle", {
              level: `${registered}. ${levelOf(String(registered))?.name ?? t(`level.${registered}`)}`,
            })}
          </h2>
          {a.gaps.length === 0 ? (
            <p style={{ margin: 0 }}>{t("review.noGaps")}</p>
          ) : (
            <>
              <p style={{ margin: 0 }}>{t("review.gapsCount", { n: a.gaps.length })}</p>
              <ul className="gap-list">
                {a.gaps.map((g) => (
                  <li key={`${g.code}-${g.level}`}>
                    <code>{g.code}</code> {g.name}: {g.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
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
              </li>
            ))}
          </ul>
        </section>
      )}

      <DataTable
        caption={t("review.tableCaption", { n: rows.length })}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.code}
        csvName={`${a.unit.code}-${a.round.year}-tieu-chi.csv`}
      />

      <History a={a} me={me} />

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
