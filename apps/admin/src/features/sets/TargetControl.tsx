/**
 * One target at one level, as a civil servant edits it: a number for a
 * percentage or a count, the yes label for a yes/no criterion, and a
 * "Không áp dụng" toggle. Used by the table cells and the add-criterion form.
 */
import { useEffect, useRef, useState } from "react";
import { useI18n } from "@cds/ui";
import { decimalText, parseDecimal, type Target } from "./document.ts";

export interface TargetControlProps {
  measure: string;
  target: unknown;
  /** Accessible name of the cell, e.g. "CQS-01, mức 2 (Kết nối)". */
  label: string;
  yesLabel?: string | undefined;
  /** What the readable form of a target is (for measures edited only in JSON). */
  describe?: ((t: Target) => string) | undefined;
  disabled: boolean;
  /** A target to put back when "Không áp dụng" is unticked. */
  fallback: () => NonNullable<Target>;
  onChange(t: Target): void;
}

function isCountOrAll(v: unknown): v is { min: number; orAll: boolean } {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as { min?: unknown }).min === "number" &&
    typeof (v as { orAll?: unknown }).orAll === "boolean"
  );
}

export function TargetControl({
  measure,
  target,
  label,
  yesLabel,
  describe,
  disabled,
  fallback,
  onChange,
}: TargetControlProps) {
  const { t } = useI18n();
  // What the cell held before it was marked "Không áp dụng", to restore it when unticked.
  const remembered = useRef<NonNullable<Target> | null>(null);
  const na = target === null;
  const toggleNa = (checked: boolean) => {
    if (checked) {
      if (target !== null && target !== undefined) remembered.current = target as NonNullable<Target>;
      onChange(null);
    } else onChange(remembered.current ?? fallback());
  };

  let body;
  if (na) body = <span className="na-text">{t("table.na")}</span>;
  else if ((measure === "percentage" || measure === "minCount") && typeof target === "number")
    body = (
      <NumberInput
        value={target}
        ariaLabel={t("table.targetLabel", { cell: label })}
        {...(measure === "percentage" ? { suffix: "%" } : { prefix: "≥" })}
        disabled={disabled}
        onCommit={onChange}
      />
    );
  else if (measure === "boolean" && target === true) body = <span className="yes-text">{yesLabel ?? "Có"}</span>;
  else if (measure === "countOrAll" && isCountOrAll(target))
    body = (
      <span className="count-or-all">
        <NumberInput
          value={target.min}
          ariaLabel={t("table.targetLabel", { cell: label })}
          prefix="≥"
          disabled={disabled}
          onCommit={(n) => onChange({ ...target, min: n })}
        />
        <label className="inline-check">
          <input
            type="checkbox"
            checked={target.orAll}
            disabled={disabled}
            onChange={(e) => onChange({ ...target, orAll: e.target.checked })}
            aria-label={`${label}: ${t("table.orAll")}`}
          />
          {t("table.orAll")}
        </label>
      </span>
    );
  else if (measure === "childLevels" && typeof target === "object")
    body = (
      <span className="child-levels" title={t("table.editInJson")}>
        {describe ? describe(target as Target) : JSON.stringify(target)}
      </span>
    );
  else
    body = (
      <span className="wrong-shape" title={t("table.unknownShape")}>
        <code>{JSON.stringify(target)}</code>
      </span>
    );

  return (
    <div className="target-control">
      {body}
      <label className="inline-check na-toggle">
        <input
          type="checkbox"
          checked={na}
          disabled={disabled}
          onChange={(e) => toggleNa(e.target.checked)}
          aria-label={`${t("table.na")} — ${label}`}
        />
        {t("table.na")}
      </label>
    </div>
  );
}

/**
 * A number input that lets people type freely ("12," on the way to "12,5"):
 * it keeps the text it shows and commits every value that reads as a number.
 */
export function NumberInput({
  value,
  ariaLabel,
  prefix,
  suffix,
  disabled,
  onCommit,
}: {
  value: number;
  ariaLabel: string;
  prefix?: string;
  suffix?: string;
  disabled: boolean;
  onCommit(n: number): void;
}) {
  const { t, locale } = useI18n();
  const [text, setText] = useState(() => decimalText(value, locale));
  useEffect(() => {
    // The document changed elsewhere (JSON view, undo): show its value unless the text already means it.
    setText((cur) => (parseDecimal(cur) === value ? cur : decimalText(value, locale)));
  }, [value, locale]);
  const bad = parseDecimal(text) === null;
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
        title={bad ? t("table.notANumber") : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const n = parseDecimal(e.target.value);
          if (n !== null) onCommit(n);
        }}
        onBlur={() => {
          if (bad) setText(decimalText(value, locale));
        }}
      />
      {suffix && <span className="affix">{suffix}</span>}
    </span>
  );
}
