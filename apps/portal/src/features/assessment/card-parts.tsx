/**
 * The parts a criterion's card (CriterionCard, judged by levels) and a scored component's card (ComponentCard)
 * share: number inputs, a ratio's two inputs, yes/no, the reviewers' comments and verified value, the errors, the
 * legal basis, the evidence and the note.
 */
import type { ReactNode } from "react";
import { parseWhole, useI18n } from "@cds/ui";
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

/** Two whole numbers, "a / b": a numerator and a denominator, or a count achieved and a total. */
export function PairInputs({
  first,
  second,
  disabled,
}: {
  first: { label: string; aria: string; value: string; onChange(v: string): void; error?: string };
  second: { label: string; aria: string; value: string; onChange(v: string): void; error?: string };
  disabled: boolean;
}) {
  return (
    <div className="pa-inputs">
      <NumberInput {...first} disabled={disabled} />
      <span className="pa-slash" aria-hidden>
        /
      </span>
      <NumberInput {...second} disabled={disabled} />
    </div>
  );
}

/**
 * A ratio's numerator and denominator, and "= 42%" beside them once both read as whole numbers and `accepts`
 * (criteria-core's judgement, asked by the card) takes them.
 */
export function ratioInputs(
  { t, percent }: Pick<ReturnType<typeof useI18n>, "t" | "percent">,
  {
    code,
    numerator,
    denominator,
    disabled,
    onChange,
    error,
    accepts,
  }: {
    code: string;
    numerator: string;
    denominator: string;
    disabled: boolean;
    onChange(patch: { numerator: string } | { denominator: string }): void;
    error(input: "numerator" | "denominator"): string | undefined;
    accepts(numerator: number, denominator: number): boolean;
  },
): { inputs: ReactNode; live: ReactNode } {
  const n = parseWhole(numerator);
  const d = parseWhole(denominator);
  return {
    inputs: (
      <PairInputs
        disabled={disabled}
        first={{
          label: t("input.numerator"),
          aria: t("aria.numerator", { code }),
          value: numerator,
          onChange: (v) => onChange({ numerator: v }),
          error: error("numerator"),
        }}
        second={{
          label: t("input.denominator"),
          aria: t("aria.denominator", { code }),
          value: denominator,
          onChange: (v) => onChange({ denominator: v }),
          error: error("denominator"),
        }}
      />
    ),
    live:
      n !== null && d !== null && d > 0 && accepts(n, d) ? (
        <span className="pa-live-pct" data-testid={`percent-${code}`}>
          = {percent(n, d)}
        </span>
      ) : null,
  };
}

/** A percentage typed directly (a decimal comma allowed), in its row of inputs. */
export function PercentInput({
  code,
  value,
  onChange,
  disabled,
  error,
}: {
  code: string;
  value: string;
  onChange(v: string): void;
  disabled: boolean;
  error: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <SingleInput
      label={t("input.percent")}
      aria={t("aria.percent", { code })}
      value={value}
      onChange={onChange}
      disabled={disabled}
      decimal
      error={error}
    />
  );
}

/** One number in its row of inputs. */
export function SingleInput(p: Parameters<typeof NumberInput>[0]) {
  return (
    <div className="pa-inputs">
      <NumberInput {...p} />
    </div>
  );
}

/** Yes / no radios with a way back to nothing chosen. */
export function YesNoInputs({
  code,
  name,
  yesLabel,
  value,
  disabled,
  onChange,
}: {
  code: string;
  /** The criterion's or component's name (the group's label). */
  name: string;
  yesLabel: string | undefined;
  value: boolean | null;
  disabled: boolean;
  onChange(v: boolean | null): void;
}) {
  const { t } = useI18n();
  return (
    <div className="pa-yesno" role="radiogroup" aria-label={name}>
      <label className={value === true ? "on" : ""}>
        <input
          type="radio"
          name={`yn-${code}`}
          aria-label={t("aria.yes", { code })}
          checked={value === true}
          disabled={disabled}
          onChange={() => onChange(true)}
        />
        {yesLabel ?? t("input.yes")}
      </label>
      <label className={value === false ? "on" : ""}>
        <input
          type="radio"
          name={`yn-${code}`}
          aria-label={t("aria.no", { code })}
          checked={value === false}
          disabled={disabled}
          onChange={() => onChange(false)}
        />
        {t("input.no")}
      </label>
      {value !== null && !disabled && (
        <button type="button" className="link" onClick={() => onChange(null)}>
          {t("input.clear")}
        </button>
      )}
    </div>
  );
}

/** The reviewers' comments on the code, and the value they verified (as the card reads it). */
export function ReviewComments({ comments, verified }: { comments: readonly ReviewNote[]; verified: string | null }) {
  const { t } = useI18n();
  return (
    <>
      {comments.map((cm) => (
        <div className="pa-comment" key={cm.id} role="note">
          <strong>{t("review.comment")}</strong> {cm.body}
        </div>
      ))}
      {verified !== null && (
        <div className="pa-comment pa-verified" role="note">
          <strong>{t("review.verified")}</strong> {verified}
        </div>
      )}
    </>
  );
}

/** The verified value and the reviewer's comment on it: "6/10 (60%) — theo báo cáo quý". */
export const verifiedText = (value: string, comment: string | null) => (comment ? `${value} — ${comment}` : value);

export function ErrorList({ errors }: { errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <ul className="pa-errors" role="alert">
      {errors.map((e, i) => (
        <li key={i}>{e}</li>
      ))}
    </ul>
  );
}

export function LegalBasis({ basis }: { basis: readonly string[] }) {
  const { t } = useI18n();
  if (basis.length === 0) return null;
  return (
    <>
      <h5>{t("crit.legal")}</h5>
      <ul>
        {basis.map((b, i) => (
          <li key={i}>{b}</li>
        ))}
      </ul>
    </>
  );
}

/** The evidence files of a code and the unit's note on it (shown read-only only when there is one). */
export function EvidenceAndNote({
  assessmentId,
  code,
  evidence,
  evidenceActions,
  note,
  readOnly,
  onNote,
}: {
  assessmentId: string;
  code: string;
  evidence: EvidenceFile[];
  evidenceActions: EvidenceActions;
  note: string;
  readOnly: boolean;
  onNote(code: string, text: string): void;
}) {
  const { t } = useI18n();
  return (
    <div className="pa-extra">
      <EvidenceBox assessmentId={assessmentId} code={code} files={evidence} can={evidenceActions} />
      {(!readOnly || note) && (
        <label className="pa-note">
          <span>{t("input.note")}</span>
          <textarea
            aria-label={t("aria.note", { code })}
            rows={2}
            maxLength={2000}
            value={note}
            disabled={readOnly}
            onChange={(e) => onNote(code, e.target.value)}
          />
        </label>
      )}
    </div>
  );
}
