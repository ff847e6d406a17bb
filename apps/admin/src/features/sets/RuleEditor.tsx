/**
 * How a component earns its points, edited in the points table: the bands of
 * a "bands" rule (threshold → points rows), the floor and cap of a "ratio"
 * rule, the step of an "appraised" one. Yes/no and index values have nothing
 * to set beyond the maximum. A rule's kind changes in the JSON view. The rule
 * is judged by criteria-core only; this edits the document, never scores.
 */
import { useEffect, useState } from "react";
import { useI18n } from "@cds/ui";
import { decimalText, parseDecimal } from "./document.ts";
import { NumberInput } from "./TargetControl.tsx";

export interface LooseRule {
  kind?: unknown;
  on?: unknown;
  bands?: unknown;
  floor?: unknown;
  cap?: unknown;
  step?: unknown;
}

export interface LooseBand {
  atLeast?: unknown;
  points?: unknown;
}

/** Rules with something to edit in the table. */
export function ruleIsEditable(rule: unknown): boolean {
  const k = (rule as LooseRule | null)?.kind;
  return k === "bands" || k === "ratio" || k === "appraised";
}

/** A band to append below the last: half its threshold and half its points (the usual partial credit). */
export function nextBand(rule: LooseRule): { atLeast: number; points: number } {
  const bands = Array.isArray(rule.bands) ? (rule.bands as LooseBand[]) : [];
  const last = bands.at(-1);
  const at = typeof last?.atLeast === "number" ? last.atLeast : 0;
  const pts = typeof last?.points === "number" ? last.points : 0;
  const half = (n: number, whole: boolean) => (whole ? Math.floor(n / 2) : Math.round(n * 50) / 100);
  return { atLeast: half(at, rule.on === "count"), points: half(pts, false) };
}

export function RuleEditor({
  code,
  rule,
  subject,
  disabled,
  onSet,
  onAddBand,
}: {
  code: string;
  rule: LooseRule;
  subject?: string | undefined;
  disabled: boolean;
  /** Sets a field under the rule (a path relative to it); `undefined` removes it. */
  onSet(field: (string | number)[], value: number | undefined): void;
  onAddBand(): void;
}) {
  const { t } = useI18n();
  if (rule.kind === "bands") {
    const bands = Array.isArray(rule.bands) ? (rule.bands as (LooseBand | null)[]) : [];
    const pct = rule.on === "percentage";
    const unit = pct ? "%" : (subject ?? t("points.rule.count"));
    return (
      <fieldset className="rule-editor bands-editor">
        <legend className="visually-hidden">{t("points.rule.bandsOf", { code })}</legend>
        <table className="bands-table">
          <thead>
            <tr>
              <th scope="col">{t("points.rule.threshold", { unit })}</th>
              <th scope="col">{t("points.rule.points")}</th>
              <th scope="col" className="visually-hidden">
                {t("sets.col.actions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {bands.map((b, i) => (
              <tr key={i}>
                <td>
                  <NumberCell
                    value={b?.atLeast}
                    label={t("points.rule.thresholdLabel", { code, n: i + 1 })}
                    prefix="≥"
                    {...(pct ? { suffix: "%" } : {})}
                    disabled={disabled}
                    onCommit={(n) => onSet(["bands", i, "atLeast"], n)}
                  />
                </td>
                <td>
                  <NumberCell
                    value={b?.points}
                    label={t("points.rule.pointsLabel", { code, n: i + 1 })}
                    suffix={t("points.unit")}
                    disabled={disabled}
                    onCommit={(n) => onSet(["bands", i, "points"], n)}
                  />
                </td>
                <td>
                  {!disabled && bands.length > 1 && (
                    <button
                      type="button"
                      className="secondary small-button"
                      aria-label={t("points.rule.removeBand", { code, n: i + 1 })}
                      onClick={() => onSet(["bands", i], undefined)}
                    >
                      ×
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">{t("points.rule.otherwise")}</p>
        {!disabled && (
          <button type="button" className="secondary small-button" onClick={onAddBand}>
            {t("points.rule.addBand")}
          </button>
        )}
      </fieldset>
    );
  }
  if (rule.kind === "ratio")
    return (
      <fieldset className="rule-editor">
        <legend className="visually-hidden">{t("points.rule.ratioOf", { code })}</legend>
        <label className="rule-field">
          {t("points.rule.floor")}
          <OptionalNumberInput
            value={rule.floor}
            ariaLabel={t("points.rule.floorLabel", { code })}
            suffix="%"
            disabled={disabled}
            onCommit={(n) => onSet(["floor"], n)}
          />
        </label>
        <label className="rule-field">
          {t("points.rule.cap")}
          <OptionalNumberInput
            value={rule.cap}
            ariaLabel={t("points.rule.capLabel", { code })}
            suffix="%"
            disabled={disabled}
            onCommit={(n) => onSet(["cap"], n)}
          />
        </label>
        <p className="muted small">{t("points.rule.ratioHint")}</p>
      </fieldset>
    );
  if (rule.kind === "appraised")
    return (
      <fieldset className="rule-editor">
        <legend className="visually-hidden">{t("points.rule.appraisedOf", { code })}</legend>
        <label className="rule-field">
          {t("points.rule.step")}
          <OptionalNumberInput
            value={rule.step}
            ariaLabel={t("points.rule.stepLabel", { code })}
            suffix={t("points.unit")}
            disabled={disabled}
            onCommit={(n) => onSet(["step"], n)}
          />
        </label>
        <p className="muted small">{t("points.rule.stepHint")}</p>
      </fieldset>
    );
  return null;
}

/** A number from the document: an input when it is a number, its JSON otherwise (to fix in the JSON view). */
export function NumberCell({
  value,
  label,
  prefix,
  suffix,
  disabled,
  optional,
  onCommit,
}: {
  value: unknown;
  label: string;
  prefix?: string;
  suffix?: string;
  disabled: boolean;
  /** Empty is allowed and removes the property. */
  optional?: boolean;
  onCommit(n: number | undefined): void;
}) {
  const { t } = useI18n();
  if (optional || value === undefined)
    return (
      <OptionalNumberInput
        value={value}
        ariaLabel={label}
        {...(prefix ? { prefix } : {})}
        {...(suffix ? { suffix } : {})}
        disabled={disabled}
        onCommit={onCommit}
      />
    );
  if (typeof value !== "number")
    return (
      <span className="wrong-shape" title={t("table.unknownShape")}>
        <code>{JSON.stringify(value)}</code>
      </span>
    );
  return (
    <NumberInput
      value={value}
      ariaLabel={label}
      {...(prefix ? { prefix } : {})}
      {...(suffix ? { suffix } : {})}
      disabled={disabled}
      onCommit={onCommit}
    />
  );
}

function shownNumber(v: unknown, locale: "vi" | "en"): string {
  return typeof v === "number" ? decimalText(v, locale) : "";
}

/**
 * A number that may be left empty (a ratio without a floor, an appraisal
 * without a step): empty commits `undefined`, which removes the property.
 */
export function OptionalNumberInput({
  value,
  ariaLabel,
  prefix,
  suffix,
  disabled,
  onCommit,
}: {
  value: unknown;
  ariaLabel: string;
  prefix?: string;
  suffix?: string;
  disabled: boolean;
  onCommit(n: number | undefined): void;
}) {
  const { t, locale } = useI18n();
  const [text, setText] = useState(() => shownNumber(value, locale));
  useEffect(() => {
    // The document changed elsewhere (JSON view, undo): show its value unless the text already means it.
    setText((cur) => {
      const n = cur.trim() === "" ? undefined : parseDecimal(cur);
      return n === value ? cur : shownNumber(value, locale);
    });
  }, [value, locale]);
  const bad = text.trim() !== "" && parseDecimal(text) === null;
  return (
    <span className="number-input">
      {prefix && <span className="affix">{prefix}</span>}
      <input
        type="text"
        inputMode="decimal"
        value={text}
        disabled={disabled}
        aria-label={ariaLabel}
        aria-invalid={bad || undefined}
        placeholder={t("points.none")}
        title={bad ? t("table.notANumber") : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === "") onCommit(undefined);
          else {
            const n = parseDecimal(e.target.value);
            if (n !== null) onCommit(n);
          }
        }}
        onBlur={() => {
          if (bad) setText(shownNumber(value, locale));
        }}
      />
      {suffix && <span className="affix">{suffix}</span>}
    </span>
  );
}
