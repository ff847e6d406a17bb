/**
 * One target at one level, as a civil servant edits it: a number for a
 * percentage or a count, the yes label for a yes/no criterion, and a
 * "Không áp dụng" toggle. Used by the table cells and the add-criterion form.
 */
import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "@cds/ui";
import { decimalText, parseDecimal, type Target } from "./document.ts";

/**
 * Why the text typed in a target cell is not (yet) a value of the document:
 * nothing typed, letters, or digits with separators that are not one decimal
 * comma (a thousands separator such as "1.000" reads as 1 and is refused).
 */
export type InputProblemKind = "empty" | "notNumber" | "thousands" | "format";

/** Text typed in a cell that the document has not taken, and the document's value it was typed over. */
export interface PendingInput {
  text: string;
  kind: InputProblemKind;
  /** The document's value at that cell when the text was typed (it still holds it). */
  against: number;
}

/**
 * Reads what a civil servant types as a target: "80", "85,5" (the Vietnamese
 * decimal comma) or "85.5"; "80%" in a percentage cell. Anything else says why not.
 */
export function readTargetNumber(
  text: string,
  locale: "vi" | "en",
  percent = false,
): { value: number } | { problem: InputProblemKind } {
  let s = text.trim();
  if (percent) s = s.replace(/\s*%$/, "");
  if (s === "") return { problem: "empty" };
  // "1.000" (vi) or "1,000" (en) is a thousand written with a separator, not 1.
  const thousands = locale === "vi" ? /^-?[1-9]\d{0,2}(\.\d{3})+$/ : /^-?[1-9]\d{0,2}(,\d{3})+$/;
  if (thousands.test(s.replace(/\s/g, ""))) return { problem: "thousands" };
  const n = parseDecimal(s);
  if (n !== null && Number.isFinite(n)) return { value: n };
  return { problem: /^[-+\d\s.,]+$/.test(s) ? "format" : "notNumber" };
}

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
  /** Text typed earlier in this cell that the document did not take (shown again after a tab switch). */
  pending?: PendingInput | null | undefined;
  /** Told when the typed text stops or starts being a number the document can take. */
  onProblem?: ((p: PendingInput | null) => void) | undefined;
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
  pending,
  onProblem,
}: TargetControlProps) {
  const { t } = useI18n();
  // What the cell held before it was marked "Không áp dụng", to restore it when unticked.
  const remembered = useRef<NonNullable<Target> | null>(null);
  const na = target === null;
  const toggleNa = (checked: boolean) => {
    if (checked) {
      if (target !== null && target !== undefined) remembered.current = target as NonNullable<Target>;
      // "Không áp dụng" answers what the cell was missing: its typed text goes with the input.
      onProblem?.(null);
      onChange(null);
    } else onChange(remembered.current ?? fallback());
  };

  // In the table (which hands back pending text) the note also says what the set still holds.
  const explain = {
    pending: pending ?? null,
    kept: pending !== undefined,
    onProblem: (p: PendingInput | null) => onProblem?.(p),
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
        explain={explain}
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
          explain={explain}
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
 *
 * With `explain` (the target cells), text that is not a number stays as typed,
 * with a message under the input saying what is wrong, and is reported to the
 * editor (its checks list it and publishing waits for it); Escape puts the
 * document's value back. Without it, such text quietly gives way to the
 * document's value on blur.
 */
export function NumberInput({
  value,
  ariaLabel,
  prefix,
  suffix,
  disabled,
  onCommit,
  explain,
}: {
  value: number;
  ariaLabel: string;
  prefix?: string;
  suffix?: string;
  disabled: boolean;
  onCommit(n: number): void;
  explain?: { pending: PendingInput | null; kept: boolean; onProblem(p: PendingInput | null): void };
}) {
  const { t, locale } = useI18n();
  const messageId = useId();
  const percent = explain !== undefined && suffix === "%";
  const read = (s: string) =>
    explain ? readTargetNumber(s, locale, percent) : ((n) => (n === null ? null : { value: n }))(parseDecimal(s));
  const [text, setText] = useState(() =>
    explain?.pending && explain.pending.against === value ? explain.pending.text : decimalText(value, locale),
  );
  // The value and locale shown last, so that mounting again over pending text does not replace it.
  const shown = useRef({ value, locale });
  useEffect(() => {
    if (shown.current.value === value && shown.current.locale === locale) return;
    shown.current = { value, locale };
    // The document changed elsewhere (JSON view, undo): show its value unless the text already means it.
    setText((cur) => {
      const r = read(cur);
      return r !== null && "value" in r && r.value === value ? cur : decimalText(value, locale);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `read` follows locale and suffix
  }, [value, locale]);
  const r = read(text);
  const problem: InputProblemKind | null = r === null ? "notNumber" : "problem" in r ? r.problem : null;
  const bad = problem !== null;

  // Tell the editor when the text stops or starts being a value (the latest callback, not one per render).
  const report = useRef(explain?.onProblem);
  report.current = explain?.onProblem;
  const explaining = explain !== undefined;
  useEffect(() => {
    if (!explaining) return;
    report.current?.(problem ? { text, kind: problem, against: value } : null);
  }, [explaining, problem, text, value]);

  const field = (
    <span className="number-input">
      {prefix && <span className="affix">{prefix}</span>}
      <input
        type="text"
        inputMode="decimal"
        value={text}
        disabled={disabled}
        aria-label={ariaLabel}
        aria-invalid={bad || undefined}
        aria-describedby={explaining && bad ? messageId : undefined}
        title={bad && !explaining ? t("table.notANumber") : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const n = read(e.target.value);
          if (n !== null && "value" in n) onCommit(n.value);
        }}
        onKeyDown={(e) => {
          if (explaining && bad && e.key === "Escape") setText(decimalText(value, locale));
        }}
        onBlur={() => {
          if (bad && !explaining) setText(decimalText(value, locale));
        }}
      />
      {suffix && <span className="affix">{suffix}</span>}
    </span>
  );
  if (!explaining) return field;
  return (
    <span className="explained-input">
      {field}
      {problem && (
        <span className="input-problem" id={messageId}>
          {t(`input.${problem}`)}
          {explain.kept && (
            <span className="input-kept"> {t("input.kept", { value: decimalText(value, locale) })}</span>
          )}
        </span>
      )}
    </span>
  );
}
