/**
 * The review actions: verify or correct one value, mark verified, return with
 * comments, appraise, recognise. Each checks what it can before calling the
 * API (naming the field at fault) and shows the API's own message otherwise.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, request, unwrap, useI18n } from "@cds/ui";
import { ActionError, Dialog, inputError } from "./dialog.tsx";
import { formatValue, parseViDate, todayVn } from "./format.ts";
import {
  AppraiseMutation,
  RecogniseMutation,
  ReturnMutation,
  VerifyMutation,
  VerifyValueMutation,
  type AssessmentDetail,
  type CriterionRow,
} from "./queries.ts";

type Done = (message: string) => void;

/** After an action: read the assessment again and refresh the lists it appears in. */
function useReviewMutation<V>(a: AssessmentDetail, run: (vars: V) => Promise<unknown>) {
  const qc = useQueryClient();
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ["assessment", a.id] }),
      qc.invalidateQueries({ queryKey: ["roundAssessments"] }),
      qc.invalidateQueries({ queryKey: ["roundSummary"] }),
    ]);
  return useMutation({
    mutationFn: run,
    onSuccess: refresh,
    // A conflict or a workflow refusal means the assessment changed meanwhile: show its current state.
    onError: (e) => {
      if (e instanceof ApiError && ["CONFLICT", "WORKFLOW"].includes(e.code)) void refresh();
    },
  });
}

export function VerifyAssessmentButton({ a, onDone }: { a: AssessmentDetail; onDone: Done }) {
  const { t } = useI18n();
  const m = useReviewMutation(a, async () =>
    unwrap((await request(VerifyMutation, { assessmentId: a.id, version: a.version })).verifyAssessment),
  );
  return (
    <>
      <button
        type="button"
        disabled={m.isPending}
        onClick={() => m.mutate(undefined, { onSuccess: () => onDone(t("review.done.verify")) })}
      >
        {m.isPending ? t("common.working") : t("review.verify")}
      </button>
      {m.error ? (
        <div style={{ flexBasis: "100%", order: 10 }}>
          <ActionError error={m.error} />
        </div>
      ) : null}
    </>
  );
}

export function AppraiseForm({ a, onDone }: { a: AssessmentDetail; onDone: Done }) {
  const { t } = useI18n();
  const max = a.evaluation?.level ?? a.computedLevel;
  const [level, setLevel] = useState(max);
  const m = useReviewMutation(a, async (l: number) =>
    unwrap((await request(AppraiseMutation, { assessmentId: a.id, version: a.version, level: l })).appraiseAssessment),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate(level, {
      onSuccess: () => onDone(t("review.done.appraise", { level: `${level}. ${t(`level.${level}`)}` })),
    });
  };
  return (
    <form onSubmit={submit} aria-label={t("review.appraiseTitle")}>
      <label>
        {t("review.appraiseLevel")}
        <select value={level} onChange={(e) => setLevel(Number(e.target.value))}>
          {Array.from({ length: max + 1 }, (_, l) => (
            <option key={l} value={l}>
              {l}. {t(`level.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={m.isPending}>
        {m.isPending ? t("common.working") : t("review.appraise")}
      </button>
      <p className="hint" style={{ flexBasis: "100%" }}>
        {t("review.appraiseHint", { level: max })}
      </p>
      <div style={{ flexBasis: "100%" }}>
        <ActionError error={m.error} labels={{ level: t("review.appraiseLevel") }} />
      </div>
    </form>
  );
}

export function RecogniseForm({ a, onDone }: { a: AssessmentDetail; onDone: Done }) {
  const { t, date } = useI18n();
  const [number, setNumber] = useState("");
  const [day, setDay] = useState(() => date(todayVn()));
  const [local, setLocal] = useState<ApiError | null>(null);
  const labels = { decisionNumber: t("review.decisionNumber"), decisionDate: t("review.decisionDate") };
  const m = useReviewMutation(a, async (v: { decisionNumber: string; decisionDate: string }) =>
    unwrap((await request(RecogniseMutation, { assessmentId: a.id, version: a.version, ...v })).recogniseAssessment),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const issues: { field: string; message: string; messageEn: string }[] = [];
    const decisionNumber = number.trim();
    if (decisionNumber.length < 3)
      issues.push({
        field: "decisionNumber",
        message: t("review.err.decisionNumber"),
        messageEn: "Enter the recognition decision number",
      });
    const iso = parseViDate(day);
    if (!iso)
      issues.push({
        field: "decisionDate",
        message: t("review.err.decisionDate"),
        messageEn: "Enter the decision date as dd/mm/yyyy",
      });
    else if (iso > todayVn())
      issues.push({
        field: "decisionDate",
        message: t("review.err.decisionDateFuture"),
        messageEn: "The decision date cannot be after today",
      });
    if (issues.length > 0) {
      setLocal(inputError(issues));
      return;
    }
    setLocal(null);
    m.mutate(
      { decisionNumber, decisionDate: iso! },
      { onSuccess: () => onDone(t("review.done.recognise", { number: decisionNumber })) },
    );
  };
  const bad = (f: string) => (local?.issues.some((i) => i.field === f) ? true : undefined);
  return (
    <form onSubmit={submit} aria-label={t("review.recogniseTitle")} noValidate>
      <p style={{ flexBasis: "100%", margin: 0 }}>
        {t("review.recogniseLevel", { level: `${a.appraisedLevel ?? 0}. ${t(`level.${a.appraisedLevel ?? 0}`)}` })}
      </p>
      <label>
        {t("review.decisionNumber")}
        <input
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder={t("review.decisionNumberPlaceholder")}
          aria-invalid={bad("decisionNumber")}
        />
      </label>
      <label>
        {t("review.decisionDate")}
        <input
          value={day}
          onChange={(e) => setDay(e.target.value)}
          placeholder="dd/mm/yyyy"
          inputMode="numeric"
          style={{ width: "9rem" }}
          aria-invalid={bad("decisionDate")}
        />
      </label>
      <button type="submit" disabled={m.isPending}>
        {m.isPending ? t("common.working") : t("review.recognise")}
      </button>
      <div style={{ flexBasis: "100%" }}>
        <ActionError error={local ?? m.error} labels={labels} />
      </div>
    </form>
  );
}

interface CommentDraft {
  key: number;
  criterionCode: string;
  body: string;
}

export function ReturnDialog({ a, onClose, onDone }: { a: AssessmentDetail; onClose: () => void; onDone: Done }) {
  const { t } = useI18n();
  const [overall, setOverall] = useState("");
  const [items, setItems] = useState<CommentDraft[]>([]);
  const [local, setLocal] = useState<ApiError | null>(null);
  const m = useReviewMutation(a, async (comments: { criterionCode: string | null; body: string }[]) =>
    unwrap((await request(ReturnMutation, { assessmentId: a.id, version: a.version, comments })).returnAssessment),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const comments = [
      ...(overall.trim() ? [{ criterionCode: null, body: overall.trim() }] : []),
      ...items
        .filter((i) => i.body.trim())
        .map((i) => ({ criterionCode: i.criterionCode || null, body: i.body.trim() })),
    ];
    if (comments.length === 0) {
      setLocal(
        inputError([{ field: "comments", message: t("review.err.comments"), messageEn: "Say why it is returned" }]),
      );
      return;
    }
    setLocal(null);
    m.mutate(comments, { onSuccess: () => onDone(t("review.done.return")) });
  };
  const update = (key: number, patch: Partial<CommentDraft>) =>
    setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  return (
    <Dialog title={t("review.returnTitle")} onClose={onClose}>
      <form onSubmit={submit} style={{ display: "flex", flexDirection: "column", gap: "0.7rem" }} noValidate>
        <p className="hint">{t("review.returnHint")}</p>
        <label>
          {t("review.overallComment")}
          <textarea value={overall} onChange={(e) => setOverall(e.target.value)} />
        </label>
        {items.map((it, i) => (
          <div className="comment-row" key={it.key}>
            <label>
              {t("review.commentCriterion", { n: i + 1 })}
              <select value={it.criterionCode} onChange={(e) => update(it.key, { criterionCode: e.target.value })}>
                {a.setVersion.criteria.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} — {c.name.length > 60 ? `${c.name.slice(0, 60)}…` : c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("review.commentBody", { n: i + 1 })}
              <textarea
                value={it.body}
                onChange={(e) => update(it.key, { body: e.target.value })}
                style={{ minHeight: "3rem" }}
              />
            </label>
            <button
              type="button"
              className="link"
              style={{ marginTop: "1.6rem" }}
              onClick={() => setItems((xs) => xs.filter((x) => x.key !== it.key))}
            >
              {t("review.removeComment")}
            </button>
          </div>
        ))}
        <div>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              setItems((xs) => [
                ...xs,
                { key: Date.now() + xs.length, criterionCode: a.setVersion.criteria[0]?.code ?? "", body: "" },
              ])
            }
          >
            + {t("review.addComment")}
          </button>
        </div>
        <ActionError error={local ?? m.error} labels={{ comments: t("review.commentsField") }} />
        <div className="buttons">
          <button type="button" className="secondary" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="danger" disabled={m.isPending}>
            {m.isPending ? t("common.working") : t("review.return")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The editable parts of a value, as text, in the shape the unit entered (or the measure's shape). */
type Draft =
  | { kind: "ratio"; numerator: string; denominator: string }
  | { kind: "percent"; percent: string }
  | { kind: "boolean"; value: string }
  | { kind: "count"; count: string }
  | { kind: "countOfTotal"; count: string; total: string };

function draftOf(measure: string, v: unknown): Draft {
  const o = typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
  const s = (x: unknown) => (typeof x === "number" ? String(x) : "");
  switch (measure) {
    case "percentage":
      return typeof v === "number"
        ? { kind: "percent", percent: String(v) }
        : { kind: "ratio", numerator: s(o.numerator), denominator: s(o.denominator) };
    case "boolean":
      return { kind: "boolean", value: typeof v === "boolean" ? String(v) : "" };
    case "minCount":
      return { kind: "count", count: s(o.count) };
    default:
      return { kind: "countOfTotal", count: s(o.count), total: s(o.total) };
  }
}

/** "1.234" → 1234 for whole numbers; "42,5" or "42.5" → 42.5 for a percent. */
function num(s: string, integer: boolean): number | null {
  let x = s.trim().replace(/\s/g, "");
  if (integer) x = x.replace(/\./g, "");
  else if (x.includes(",")) x = x.replace(/\./g, "").replace(",", ".");
  if (x === "" || !/^\d+(\.\d+)?$/.test(x)) return null;
  return Number(x);
}

function valueOf(
  d: Draft,
  t: (k: string) => string,
): { value?: unknown; issues: { field: string; message: string; messageEn: string }[] } {
  const issues: { field: string; message: string; messageEn: string }[] = [];
  const need = (field: string, s: string, integer = true) => {
    const n = num(s, integer);
    if (n === null)
      issues.push({
        field,
        message: t(integer ? "review.err.integer" : "review.err.number"),
        messageEn: integer ? "Enter a whole number" : "Enter a number",
      });
    return n ?? 0;
  };
  switch (d.kind) {
    case "ratio":
      return {
        value: { numerator: need("numerator", d.numerator), denominator: need("denominator", d.denominator) },
        issues,
      };
    case "percent":
      return { value: need("percent", d.percent, false), issues };
    case "boolean":
      if (d.value === "")
        issues.push({ field: "boolean", message: t("review.err.choose"), messageEn: "Choose yes or no" });
      return { value: d.value === "true", issues };
    case "count":
      return { value: { count: need("count", d.count) }, issues };
    case "countOfTotal":
      return { value: { count: need("count", d.count), total: need("total", d.total) }, issues };
  }
}

export function VerifyValueDialog({
  a,
  criterion,
  value,
  onClose,
  onDone,
}: {
  a: AssessmentDetail;
  criterion: CriterionRow;
  value: AssessmentDetail["values"][number] | undefined;
  onClose: () => void;
  onDone: Done;
}) {
  const { t, number } = useI18n();
  const hasCorrection = value?.verifiedValue !== null && value?.verifiedValue !== undefined;
  const [mode, setMode] = useState<"keep" | "correct">(hasCorrection ? "correct" : "keep");
  const [draft, setDraft] = useState<Draft>(() => draftOf(criterion.measure, value?.verifiedValue ?? value?.value));
  const [comment, setComment] = useState(value?.verifierComment ?? "");
  const [local, setLocal] = useState<ApiError | null>(null);
  const labels: Record<string, string> = {
    numerator: t("value.numerator"),
    denominator: t("value.denominator"),
    percent: t("value.percent"),
    boolean: t("value.boolean"),
    count: t("value.count"),
    total: t("value.total"),
    comment: t("review.verifierComment"),
  };
  const m = useReviewMutation(a, async (v: { value: unknown; comment: string | null }) =>
    unwrap(
      (
        await request(VerifyValueMutation, {
          assessmentId: a.id,
          version: a.version,
          criterionCode: criterion.code,
          value: v.value,
          comment: v.comment,
        })
      ).verifyIndicatorValue,
    ),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let v: unknown = null;
    const issues: { field: string; message: string; messageEn: string }[] = [];
    if (mode === "correct") {
      const r = valueOf(draft, t);
      issues.push(...r.issues);
      v = r.value;
      if (!comment.trim())
        issues.push({
          field: "comment",
          message: t("review.err.correctionComment"),
          messageEn: "Say why the value is corrected",
        });
    }
    if (issues.length > 0) {
      setLocal(inputError(issues));
      return;
    }
    setLocal(null);
    m.mutate(
      { value: v, comment: comment.trim() || null },
      {
        onSuccess: () => {
          onDone(
            mode === "correct"
              ? t("review.done.correct", { code: criterion.code })
              : t("review.done.keep", { code: criterion.code }),
          );
          onClose();
        },
      },
    );
  };
  const set = (patch: Record<string, string>) => setDraft((d) => ({ ...d, ...patch }));
  const bad = (f: string) => (local?.issues.some((i) => i.field === f) ? true : undefined);
  return (
    <Dialog title={t("review.verifyTitle", { code: criterion.code })} onClose={onClose}>
      <form onSubmit={submit} style={{ display: "flex", flexDirection: "column", gap: "0.7rem" }} noValidate>
        <p style={{ margin: 0 }}>{criterion.name}</p>
        <p style={{ margin: 0 }}>
          {t("review.col.entered")}: <strong>{formatValue(value?.value, t, number)}</strong>
          {criterion.targetLabels.length > 0 && (
            <span className="muted" style={{ display: "block", fontSize: "0.88rem" }}>
              {t("review.targets")}: {criterion.targetLabels.map((l, i) => `M${i + 1} ${l}`).join(" · ")}
            </span>
          )}
        </p>
        <fieldset>
          <legend>{t("review.verifyChoice")}</legend>
          <label className="radio">
            <input type="radio" name="mode" checked={mode === "keep"} onChange={() => setMode("keep")} />
            {t("review.keepValue")}
          </label>
          <label className="radio">
            <input type="radio" name="mode" checked={mode === "correct"} onChange={() => setMode("correct")} />
            {t("review.correctValue")}
          </label>
        </fieldset>
        {mode === "correct" && (
          <div className="value-editor">
            {draft.kind === "ratio" && (
              <>
                <label>
                  {labels.numerator}
                  <input
                    inputMode="numeric"
                    value={draft.numerator}
                    onChange={(e) => set({ numerator: e.target.value })}
                    aria-invalid={bad("numerator")}
                  />
                </label>
                <label>
                  {labels.denominator}
                  <input
                    inputMode="numeric"
                    value={draft.denominator}
                    onChange={(e) => set({ denominator: e.target.value })}
                    aria-invalid={bad("denominator")}
                  />
                </label>
              </>
            )}
            {draft.kind === "percent" && (
              <label>
                {labels.percent}
                <input
                  inputMode="decimal"
                  value={draft.percent}
                  onChange={(e) => set({ percent: e.target.value })}
                  aria-invalid={bad("percent")}
                />
              </label>
            )}
            {draft.kind === "boolean" && (
              <label>
                {labels.boolean}
                <select
                  value={draft.value}
                  onChange={(e) => set({ value: e.target.value })}
                  aria-invalid={bad("boolean")}
                >
                  <option value="">—</option>
                  <option value="true">{t("value.yes")}</option>
                  <option value="false">{t("value.no")}</option>
                </select>
              </label>
            )}
            {draft.kind === "count" && (
              <label>
                {labels.count}
                <input
                  inputMode="numeric"
                  value={draft.count}
                  onChange={(e) => set({ count: e.target.value })}
                  aria-invalid={bad("count")}
                />
              </label>
            )}
            {draft.kind === "countOfTotal" && (
              <>
                <label>
                  {labels.count}
                  <input
                    inputMode="numeric"
                    value={draft.count}
                    onChange={(e) => set({ count: e.target.value })}
                    aria-invalid={bad("count")}
                  />
                </label>
                <label>
                  {labels.total}
                  <input
                    inputMode="numeric"
                    value={draft.total}
                    onChange={(e) => set({ total: e.target.value })}
                    aria-invalid={bad("total")}
                  />
                </label>
              </>
            )}
          </div>
        )}
        <label>
          {labels.comment}
          <textarea value={comment} onChange={(e) => setComment(e.target.value)} aria-invalid={bad("comment")} />
        </label>
        <ActionError error={local ?? m.error} labels={labels} />
        <div className="buttons">
          <button type="button" className="secondary" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={m.isPending}>
            {m.isPending ? t("common.working") : t("review.saveVerification")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
