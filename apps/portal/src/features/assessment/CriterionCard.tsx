import { memo, type ReactNode } from "react";
import { checkValue, type Status } from "@cds/criteria-core";
import { formatTarget, type TCriterion, type TLevel } from "@cds/criteria-schema";
import { CriterionStatus, formatValue, useI18n, type FieldError, type FieldState, type InputName } from "@cds/ui";
import {
  ErrorList,
  EvidenceAndNote,
  LegalBasis,
  NeedsEvidenceBadge,
  PairInputs,
  PercentInput,
  ratioInputs,
  ReviewComments,
  SingleInput,
  verifiedText,
  YesNoInputs,
  type ReviewNote,
} from "./card-parts.tsx";
import type { EvidenceActions, EvidenceFile } from "./EvidenceBox.tsx";

export interface CriterionCardProps {
  assessmentId: string;
  criterion: TCriterion;
  levels: TLevel[];
  state: FieldState;
  note: string;
  dirty: boolean;
  errors: FieldError[];
  /** Local statuses, level 1 first. */
  results: Status[] | undefined;
  targetLevel: number;
  readOnly: boolean;
  evidence: EvidenceFile[];
  evidenceActions: EvidenceActions;
  comments: ReviewNote[];
  verified: { value: unknown; comment: string | null } | null;
  autoValue: unknown;
  onChange(code: string, next: FieldState): void;
  onNote(code: string, text: string): void;
}

export const CriterionCard = memo(function CriterionCard(p: CriterionCardProps) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const c = p.criterion;
  const code = c.code;
  const f = p.state;
  const err = (input: InputName) => p.errors.find((e) => e.input === input);
  const errText = (input: InputName) => {
    const e = err(input);
    return e ? t(e.key) : undefined;
  };
  const disabled = p.readOnly || ("noSubjects" in f && f.noSubjects);
  const set = (patch: Partial<Extract<FieldState, { kind: typeof f.kind }>>) =>
    p.onChange(code, { ...f, ...patch } as FieldState);
  const tl = Math.min(Math.max(p.targetLevel, 1), p.levels.length);
  const target = c.targets[tl - 1] ?? null;
  const statusHere = p.results?.[tl - 1];

  let inputs: ReactNode = null;
  let live: ReactNode = null;
  switch (f.kind) {
    case "ratio":
      ({ inputs, live } = ratioInputs(i18n, {
        code,
        numerator: f.numerator,
        denominator: f.denominator,
        disabled,
        onChange: set,
        error: errText,
        // Shown only for a ratio criteria-core accepts (never a numerator above its denominator).
        accepts: (n, d) => !f.noSubjects && checkValue(c, { numerator: n, denominator: d }).length === 0,
      }));
      break;
    case "percent":
      inputs = (
        <PercentInput
          code={code}
          value={f.percent}
          onChange={(v) => set({ percent: v })}
          disabled={disabled}
          error={errText("percent")}
        />
      );
      break;
    case "boolean":
      inputs = (
        <YesNoInputs
          code={code}
          name={c.name}
          yesLabel={c.measure === "boolean" ? c.yesLabel : undefined}
          value={f.value}
          disabled={disabled}
          onChange={(value) => set({ value })}
        />
      );
      break;
    case "count":
      inputs = (
        <SingleInput
          label={t("input.count", { unit: c.unit })}
          aria={t("aria.count", { code })}
          value={f.count}
          onChange={(v) => set({ count: v })}
          disabled={disabled}
          error={errText("count")}
        />
      );
      break;
    case "countOfTotal":
      inputs = (
        <PairInputs
          disabled={disabled}
          first={{
            label: t("input.achieved"),
            aria: t("aria.achieved", { code }),
            value: f.count,
            onChange: (v) => set({ count: v }),
            error: errText("count"),
          }}
          second={{
            label: t("input.total"),
            aria: t("aria.total", { code }),
            value: f.total,
            onChange: (v) => set({ total: v }),
            error: errText("total"),
          }}
        />
      );
      break;
    case "auto": {
      const v = p.autoValue as { childLevels?: number[] } | null | undefined;
      inputs = (
        <p className="pa-auto">
          <strong>{t("input.auto")}</strong> —{" "}
          {v?.childLevels ? t("input.autoValue", { n: v.childLevels.length }) : t("input.autoNone")}
        </p>
      );
      break;
    }
  }

  return (
    <section
      className={`pa-criterion${p.comments.length ? " pa-returned" : ""}${statusHere === "fail" ? " pa-failing" : ""}`}
      data-testid={`criterion-${code}`}
      id={`criterion-${code}`}
      aria-labelledby={`title-${code}`}
    >
      <header className="pa-crit-head">
        <h4 id={`title-${code}`}>
          <span className="pa-code">{code}</span> {c.name}
          {c.local && <span className="badge pa-local">{t("crit.local")}</span>}
        </h4>
        <NeedsEvidenceBadge code={code} comments={p.comments} />
        {statusHere && (
          <span className="pa-crit-status">
            <CriterionStatus status={statusHere} />{" "}
            <span className="pa-status-text">{t(`criterion.${statusHere}`)}</span>
          </span>
        )}
      </header>
      <p className="pa-target">
        {t("crit.targetAt", { level: tl, name: p.levels[tl - 1]?.name ?? "" })}:{" "}
        <strong>{formatTarget(c, target, locale)}</strong>
        {c.unit && c.unit !== "%" ? <span className="muted"> · {t("crit.unit", { unit: c.unit })}</span> : null}
      </p>
      <ReviewComments
        comments={p.comments}
        verified={p.verified && verifiedText(formatValue(p.verified.value, i18n), p.verified.comment)}
      />
      <div className="pa-entry">
        {inputs}
        {live}
        {p.dirty && !p.readOnly && <span className="pa-unsaved">{t("crit.unsaved")}</span>}
      </div>
      {"noSubjects" in f && c.exemptWhenNoSubjects && (
        <label className="pa-check">
          <input
            type="checkbox"
            aria-label={t("aria.noSubjects", { code })}
            checked={f.noSubjects}
            disabled={p.readOnly}
            onChange={(e) => set({ noSubjects: e.target.checked })}
          />
          {t("input.noSubjects")}
        </label>
      )}
      <ErrorList errors={p.errors.map((e) => t(e.key))} />
      <details className="pa-help">
        <summary>{t("crit.help")}</summary>
        <ol className="pa-levels">
          {p.levels.map((l, i) => (
            <li key={l.rank} className={l.rank === tl ? "current" : undefined}>
              {p.results?.[i] && <CriterionStatus status={p.results[i]} />} {l.rank}. {l.name}:{" "}
              {formatTarget(c, c.targets[i] ?? null, locale)}
            </li>
          ))}
        </ol>
        <h5>{t("crit.method")}</h5>
        <p>{c.method}</p>
        <LegalBasis basis={c.legalBasis} />
      </details>
      {f.kind !== "auto" && (
        <EvidenceAndNote
          assessmentId={p.assessmentId}
          code={code}
          evidence={p.evidence}
          evidenceActions={p.evidenceActions}
          note={p.note}
          readOnly={p.readOnly}
          onNote={p.onNote}
        />
      )}
    </section>
  );
});
