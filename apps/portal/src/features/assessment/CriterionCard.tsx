import { memo, type ReactNode } from "react";
import { checkValue, type Status } from "@cds/criteria-core";
import { formatTarget, type TCriterion, type TLevel } from "@cds/criteria-schema";
import {
  CriterionStatus,
  formatValue,
  parseWhole,
  useI18n,
  type FieldError,
  type FieldState,
  type InputName,
} from "@cds/ui";
import { EvidenceBox, type EvidenceActions, type EvidenceFile } from "./EvidenceBox.tsx";

export interface ReviewNote {
  id: string;
  body: string;
  createdAt: string;
  /** The reviewer asks for more evidence on this criterion or component. */
  needsEvidence?: boolean;
}

/** "Cần bổ sung minh chứng" when a review comment on the code asks for more evidence. */
export function NeedsEvidenceBadge({ code, comments }: { code: string; comments: readonly ReviewNote[] }) {
  const { t } = useI18n();
  if (!comments.some((c) => c.needsEvidence)) return null;
  return (
    <span className="badge status-returned" data-testid={`needs-evidence-${code}`}>
      {t("review.needsEvidence")}
    </span>
  );
}

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

/** A number typed as text (half-typed numbers survive), with the keypad phones should show. */
export function NumberInput({
  label,
  aria,
  value,
  onChange,
  disabled,
  error,
  decimal = false,
}: {
  label: string;
  aria: string;
  value: string;
  onChange(v: string): void;
  disabled: boolean;
  error?: string;
  /** A percentage takes a decimal comma ("42,5"): phones then show a keypad with one. */
  decimal?: boolean;
}) {
  return (
    <label className="pa-num">
      <span>{label}</span>
      <input
        type="text"
        inputMode={decimal ? "decimal" : "numeric"}
        autoComplete="off"
        aria-label={aria}
        aria-invalid={error ? true : undefined}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

export const CriterionCard = memo(function CriterionCard(p: CriterionCardProps) {
  const i18n = useI18n();
  const { t, locale, percent } = i18n;
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
    case "ratio": {
      inputs = (
        <div className="pa-inputs">
          <NumberInput
            label={t("input.numerator")}
            aria={t("aria.numerator", { code })}
            value={f.numerator}
            onChange={(v) => set({ numerator: v })}
            disabled={disabled}
            error={errText("numerator")}
          />
          <span className="pa-slash" aria-hidden>
            /
          </span>
          <NumberInput
            label={t("input.denominator")}
            aria={t("aria.denominator", { code })}
            value={f.denominator}
            onChange={(v) => set({ denominator: v })}
            disabled={disabled}
            error={errText("denominator")}
          />
        </div>
      );
      const n = parseWhole(f.numerator);
      const d = parseWhole(f.denominator);
      // Shown only for a ratio criteria-core accepts (never a numerator above its denominator).
      if (
        !f.noSubjects &&
        n !== null &&
        d !== null &&
        d > 0 &&
        checkValue(c, { numerator: n, denominator: d }).length === 0
      ) {
        live = (
          <span className="pa-live-pct" data-testid={`percent-${code}`}>
            = {percent(n, d)}
          </span>
        );
      }
      break;
    }
    case "percent":
      inputs = (
        <div className="pa-inputs">
          <NumberInput
            label={t("input.percent")}
            aria={t("aria.percent", { code })}
            value={f.percent}
            onChange={(v) => set({ percent: v })}
            disabled={disabled}
            decimal
            error={errText("percent")}
          />
        </div>
      );
      break;
    case "boolean":
      inputs = (
        <div className="pa-yesno" role="radiogroup" aria-label={c.name}>
          <label className={f.value === true ? "on" : ""}>
            <input
              type="radio"
              name={`yn-${code}`}
              aria-label={t("aria.yes", { code })}
              checked={f.value === true}
              disabled={disabled}
              onChange={() => set({ value: true })}
            />
            {(c.measure === "boolean" ? c.yesLabel : undefined) ?? t("input.yes")}
          </label>
          <label className={f.value === false ? "on" : ""}>
            <input
              type="radio"
              name={`yn-${code}`}
              aria-label={t("aria.no", { code })}
              checked={f.value === false}
              disabled={disabled}
              onChange={() => set({ value: false })}
            />
            {t("input.no")}
          </label>
          {f.value !== null && !disabled && (
            <button type="button" className="link" onClick={() => set({ value: null })}>
              {t("input.clear")}
            </button>
          )}
        </div>
      );
      break;
    case "count":
      inputs = (
        <div className="pa-inputs">
          <NumberInput
            label={t("input.count", { unit: c.unit })}
            aria={t("aria.count", { code })}
            value={f.count}
            onChange={(v) => set({ count: v })}
            disabled={disabled}
            error={errText("count")}
          />
        </div>
      );
      break;
    case "countOfTotal":
      inputs = (
        <div className="pa-inputs">
          <NumberInput
            label={t("input.achieved")}
            aria={t("aria.achieved", { code })}
            value={f.count}
            onChange={(v) => set({ count: v })}
            disabled={disabled}
            error={errText("count")}
          />
          <span className="pa-slash" aria-hidden>
            /
          </span>
          <NumberInput
            label={t("input.total")}
            aria={t("aria.total", { code })}
            value={f.total}
            onChange={(v) => set({ total: v })}
            disabled={disabled}
            error={errText("total")}
          />
        </div>
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

  const errors = p.errors.map((e) => t(e.key));
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
      {p.comments.map((cm) => (
        <div className="pa-comment" key={cm.id} role="note">
          <strong>{t("review.comment")}</strong> {cm.body}
        </div>
      ))}
      {p.verified && (
        <div className="pa-comment pa-verified" role="note">
          <strong>{t("review.verified")}</strong> {formatValue(p.verified.value, i18n)}
          {p.verified.comment ? ` — ${p.verified.comment}` : ""}
        </div>
      )}
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
      {errors.length > 0 && (
        <ul className="pa-errors" role="alert">
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
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
        {c.legalBasis.length > 0 && (
          <>
            <h5>{t("crit.legal")}</h5>
            <ul>
              {c.legalBasis.map((b, i) => (
                <li key={i}>{b}</li>
              ))}
            </ul>
          </>
        )}
      </details>
      {f.kind !== "auto" && (
        <div className="pa-extra">
          <EvidenceBox assessmentId={p.assessmentId} code={code} files={p.evidence} can={p.evidenceActions} />
          {(!p.readOnly || p.note) && (
            <label className="pa-note">
              <span>{t("input.note")}</span>
              <textarea
                aria-label={t("aria.note", { code })}
                rows={2}
                maxLength={2000}
                value={p.note}
                disabled={p.readOnly}
                onChange={(e) => p.onNote(code, e.target.value)}
              />
            </label>
          )}
        </div>
      )}
    </section>
  );
});
