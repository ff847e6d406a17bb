/**
 * What the round dialogs share: days typed dd/mm/yyyy (read by @cds/calendar, the one calendar), each field's
 * error under it — the form's own checks and the API's issues that name the field — and the deadline fields
 * and late policy of opening and editing a round.
 */
import type { ReactNode } from "react";
import { parseVietnameseDate } from "@cds/calendar";
import { ApiError, useI18n, type Locale } from "@cds/ui";
import type { LatePolicy } from "./round-admin-queries.ts";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;
type T = (key: string, params?: Record<string, string | number>) => string;

/** A typed day as yyyy-mm-dd, nothing for an empty optional field, or what is wrong with it. */
export function readDay(text: string, optional: boolean, t: T): { iso: string | null } | { error: string } {
  const s = text.trim();
  if (s === "") return optional ? { iso: null } : { error: t("roundAdmin.err.dateNeeded") };
  const r = parseVietnameseDate(s);
  if ("iso" in r) return { iso: r.iso };
  return {
    error: r.error === "format" ? t("roundAdmin.err.dateFormat") : t("roundAdmin.err.dateInvalid", { date: s }),
  };
}

/**
 * The API's refusal, split: the issues naming one of the form's fields (each shown under its field), and the
 * rest (shown at the foot of the form; null when every issue found its field).
 */
export function splitIssues<F extends string>(
  error: unknown,
  fields: readonly F[],
  locale: Locale,
): { fields: FieldErrors<F>; rest: unknown } {
  if (!(error instanceof ApiError) || error.issues.length === 0) return { fields: {}, rest: error };
  const out: FieldErrors<F> = {};
  const others = error.issues.filter((i) => {
    const f = fields.find((x) => x === i.field);
    if (f === undefined) return true;
    const msg = locale === "en" ? i.messageEn : i.message;
    out[f] = out[f] ? `${out[f]}; ${msg}` : msg;
    return false;
  });
  const rest =
    others.length === 0 ? null : new ApiError(error.code, error.message, error.messageEn, others, error.currentVersion);
  return { fields: out, rest };
}

/** The attributes that tie a field to its error or hint (`${id}-err`, `${id}-hint`). */
export function describedBy(id: string, error: string | undefined, hint?: ReactNode) {
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-err` : hint ? `${id}-hint` : undefined,
  };
}

/** A labelled field with its hint and its error under it. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="round-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-err`}>
          {error}
        </span>
      )}
    </div>
  );
}

/** A day typed dd/mm/yyyy, as the other admin date inputs. */
export function DayField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: ReactNode;
}) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="dd/mm/yyyy"
        inputMode="numeric"
        autoComplete="off"
        style={{ width: "9rem" }}
        {...describedBy(id, error, hint)}
      />
    </Field>
  );
}

export type DeadlineField = "registerDueAt" | "submitDueAt" | "reviewDueAt";
export const DEADLINE_FIELDS: readonly DeadlineField[] = ["registerDueAt", "submitDueAt", "reviewDueAt"];
export type DeadlineTexts = Record<DeadlineField, string>;

/** The three typed deadlines read (registration optional): the days, and what is wrong with each. */
export function readDeadlines(
  texts: DeadlineTexts,
  t: T,
): { days: Record<DeadlineField, string | null>; errors: FieldErrors<DeadlineField> } {
  const days: Record<DeadlineField, string | null> = { registerDueAt: null, submitDueAt: null, reviewDueAt: null };
  const errors: FieldErrors<DeadlineField> = {};
  for (const f of DEADLINE_FIELDS) {
    const r = readDay(texts[f], f === "registerDueAt", t);
    if ("error" in r) errors[f] = r.error;
    else days[f] = r.iso;
  }
  return { days, errors };
}

/** Registration (optional), submission and review deadlines, in their order. */
export function DeadlineFields({
  idPrefix,
  texts,
  onChange,
  errors,
}: {
  idPrefix: string;
  texts: DeadlineTexts;
  onChange: (f: DeadlineField, v: string) => void;
  errors: FieldErrors<DeadlineField>;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="round-deadlines">
      <legend>{t("roundAdmin.deadlines")}</legend>
      {DEADLINE_FIELDS.map((f) => (
        <DayField
          key={f}
          id={`${idPrefix}-${f}`}
          label={t(`roundAdmin.${f}`)}
          value={texts[f]}
          onChange={(v) => onChange(f, v)}
          error={errors[f]}
          hint={t(f === "registerDueAt" ? "roundAdmin.dateHintOptional" : "roundAdmin.dateHint")}
        />
      ))}
    </fieldset>
  );
}

/** Whether a submission after the unit's deadline is accepted and flagged late, or refused. */
export function LatePolicyField({
  name,
  value,
  onChange,
  error,
}: {
  name: string;
  value: LatePolicy;
  onChange: (v: LatePolicy) => void;
  error?: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset aria-describedby={error ? `${name}-err` : undefined}>
      <legend>{t("roundAdmin.latePolicy")}</legend>
      {(["FLAG", "REFUSE"] as const).map((p) => (
        <label key={p} className="radio">
          <input type="radio" name={name} value={p} checked={value === p} onChange={() => onChange(p)} />
          {t(`roundAdmin.late.${p}`)}
          <span className="muted"> — {t(`roundAdmin.late.${p}.hint`)}</span>
        </label>
      ))}
      {error && (
        <span className="field-error" id={`${name}-err`}>
          {error}
        </span>
      )}
    </fieldset>
  );
}
