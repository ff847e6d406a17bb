/**
 * One component of a scored index (Bộ chỉ số): its name and code, unit, maximum, the rule in words,
 * the input its rule asks for, "Không áp dụng" where it may not apply, and the points it earns now
 * (criteria-core's `score` of the values shown, never computed here).
 */
import { memo, useState, type ReactNode } from "react";
import { formatPoints, type ComponentScore } from "@cds/criteria-core";
import { formatRule, type TScoreComponent } from "@cds/criteria-schema";
import { formatComponentValue, useI18n, type ComponentFieldState, type FieldError, type InputName } from "@cds/ui";
import {
  ErrorList,
  EvidenceAndNote,
  LegalBasis,
  NeedsEvidenceBadge,
  PercentInput,
  ratioInputs,
  ReviewComments,
  SingleInput,
  verifiedText,
  YesNoInputs,
  type ReviewNote,
} from "./card-parts.tsx";
import type { EvidenceActions, EvidenceFile } from "./EvidenceBox.tsx";
import { pointsOutOf } from "./scored.ts";

export interface ComponentCardProps {
  assessmentId: string;
  component: TScoreComponent;
  state: ComponentFieldState;
  note: string;
  dirty: boolean;
  errors: FieldError[];
  /** What criteria-core's score of the values shown gives this component now: its status and points as the set rounds them. */
  status: ComponentScore["status"] | undefined;
  pointsText: string | undefined;
  readOnly: boolean;
  evidence: EvidenceFile[];
  evidenceActions: EvidenceActions;
  comments: ReviewNote[];
  verified: { value: unknown; comment: string | null } | null;
  onChange(code: string, next: ComponentFieldState): void;
  onNote(code: string, text: string): void;
}

export const ComponentCard = memo(function ComponentCard(p: ComponentCardProps) {
  const i18n = useI18n();
  const { t, locale, number } = i18n;
  const c = p.component;
  const code = c.code;
  const rule = c.rule;
  // A ratio or percentage band may be typed as a numerator and denominator, or as a percent: the way chosen
  // while nothing is typed stays here (nothing to save) until a number is typed.
  const [mode, setMode] = useState<"ratio" | "percent" | null>(null);
  const empty =
    (p.state.kind === "ratio" && !p.state.numerator.trim() && !p.state.denominator.trim()) ||
    (p.state.kind === "percent" && !p.state.percent.trim());
  const f: ComponentFieldState =
    empty && mode && mode !== p.state.kind
      ? mode === "percent"
        ? { kind: "percent", percent: "", notApplicable: p.state.notApplicable }
        : { kind: "ratio", numerator: "", denominator: "", notApplicable: p.state.notApplicable }
      : p.state;
  const errText = (input: InputName) => {
    const e = p.errors.find((x) => x.input === input);
    return e ? message(e) : undefined;
  };
  const message = (e: FieldError) =>
    t(e.key, Object.fromEntries(Object.entries(e.params ?? {}).map(([k, v]) => [k, number(v)])));
  const disabled = p.readOnly || f.notApplicable;
  const set = (patch: Partial<Extract<ComponentFieldState, { kind: typeof f.kind }>>) =>
    p.onChange(code, { ...f, ...patch } as ComponentFieldState);
  const max = formatPoints(String(c.max), locale);

  let inputs: ReactNode = null;
  let extra: ReactNode = null;
  switch (f.kind) {
    case "ratio":
      ({ inputs, live: extra } = ratioInputs(i18n, {
        code,
        numerator: f.numerator,
        denominator: f.denominator,
        disabled,
        onChange: set,
        error: errText,
        // Shown only for a ratio criteria-core accepts (no error on the component).
        accepts: () => !f.notApplicable && p.errors.length === 0,
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
          yesLabel={rule.kind === "yesNo" ? rule.yesLabel : undefined}
          value={f.value}
          disabled={disabled}
          onChange={(value) => set({ value })}
        />
      );
      break;
    case "count":
      inputs = (
        <SingleInput
          label={t("input.count", { unit: c.unit ?? c.subject ?? t("score.countUnit") })}
          aria={t("aria.count", { code })}
          value={f.count}
          onChange={(v) => set({ count: v })}
          disabled={disabled}
          error={errText("count")}
        />
      );
      break;
    case "index":
      inputs = (
        <SingleInput
          label={t("input.index")}
          aria={t("aria.index", { code })}
          value={f.index}
          onChange={(v) => set({ index: v })}
          disabled={disabled}
          decimal
          error={errText("index")}
        />
      );
      break;
    case "points": {
      const step = rule.kind === "appraised" ? rule.step : undefined;
      inputs = (
        <SingleInput
          label={step ? t("input.pointsStep", { max, step: number(step) }) : t("input.points", { max })}
          aria={t("aria.points", { code })}
          value={f.points}
          onChange={(v) => set({ points: v })}
          disabled={disabled}
          decimal={!step || !Number.isInteger(step)}
          error={errText("points")}
        />
      );
      extra = <span className="muted pa-small">{t("score.appraisedHint")}</span>;
      break;
    }
  }

  const switchTo =
    !p.readOnly && !f.notApplicable && empty && (f.kind === "ratio" || f.kind === "percent") ? (
      <button type="button" className="link" onClick={() => setMode(f.kind === "ratio" ? "percent" : "ratio")}>
        {f.kind === "ratio" ? t("score.asPercent") : t("score.asRatio")}
      </button>
    ) : null;

  const earned =
    p.status === "notApplicable" ? (
      t("value.notApplicable")
    ) : (
      <>
        {t("score.earned")} <strong>{pointsOutOf(p.pointsText ?? "0", c.max, locale)}</strong> {t("score.pointsWord")}
        {p.status === "missing" && <span className="muted"> · {t("score.notEntered")}</span>}
      </>
    );
  return (
    <section
      className={`pa-criterion${p.comments.length ? " pa-returned" : ""}`}
      data-testid={`component-${code}`}
      id={`criterion-${code}`}
      aria-labelledby={`title-${code}`}
    >
      <header className="pa-crit-head">
        <h4 id={`title-${code}`}>
          <span className="pa-code">{code}</span> {locale === "en" ? (c.nameEn ?? c.name) : c.name}
        </h4>
        <NeedsEvidenceBadge code={code} comments={p.comments} />
        <span className="pa-crit-status" data-testid={`points-${code}`} data-status={p.status}>
          {earned}
        </span>
      </header>
      <p className="pa-target">
        {t("score.max", { max })} · {t("score.rule")} <strong>{formatRule(c, locale)}</strong>
        {c.unit && c.unit !== "%" ? <span className="muted"> · {t("crit.unit", { unit: c.unit })}</span> : null}
      </p>
      <ReviewComments
        comments={p.comments}
        verified={p.verified && verifiedText(formatComponentValue(c, p.verified.value, i18n), p.verified.comment)}
      />
      <div className="pa-entry">
        {inputs}
        {extra}
        {switchTo}
        {p.dirty && !p.readOnly && <span className="pa-unsaved">{t("crit.unsaved")}</span>}
      </div>
      {c.mayNotApply && (
        <label className="pa-check">
          <input
            type="checkbox"
            aria-label={t("aria.notApplicable", { code })}
            checked={f.notApplicable}
            disabled={p.readOnly}
            onChange={(e) => set({ notApplicable: e.target.checked })}
          />
          {t("value.notApplicable")}
        </label>
      )}
      <ErrorList errors={p.errors.map(message)} />
      <details className="pa-help">
        <summary>{t("score.help")}</summary>
        <h5>{t("crit.method")}</h5>
        <p>{c.method}</p>
        <h5>{t("score.dataSource")}</h5>
        <p>{c.dataSource}</p>
        <LegalBasis basis={c.legalBasis} />
      </details>
      <EvidenceAndNote
        assessmentId={p.assessmentId}
        code={code}
        evidence={p.evidence}
        evidenceActions={p.evidenceActions}
        note={p.note}
        readOnly={p.readOnly}
        onNote={p.onNote}
      />
    </section>
  );
});
