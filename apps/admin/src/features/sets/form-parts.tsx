/** What the criteria-set dialogs and forms share: the modal frame, the list of errors, field errors, the actions. */
import { useEffect, useRef, type ReactNode } from "react";
import { useI18n } from "@cds/ui";

/** A modal: closes on Esc and on a click outside; focus goes to the element given the returned ref. */
export function useModal<T extends HTMLElement>(onClose: () => void) {
  const first = useRef<T>(null);
  useEffect(() => {
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return first;
}

export function ModalFrame({
  titleId,
  testId,
  wide,
  onClose,
  children,
}: {
  titleId: string;
  testId: string;
  wide?: boolean;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className={wide ? "modal modal-wide card" : "modal card"}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
      >
        {children}
      </div>
    </div>
  );
}

/** Every error of a form, at its top (each also stands under its field). */
export function ErrorList({ errors }: { errors: Partial<Record<string, string>> }) {
  if (Object.keys(errors).length === 0) return null;
  return (
    <div className="error-box" role="alert">
      <ul>
        {Object.values(errors).map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}

/** A field's error under it, and the attributes that tie the field to it (`${id}-${field}-err`). */
export function fieldErrors<F extends string>(id: string, errors: Partial<Record<F, string>>) {
  return {
    props: (f: F) => ({
      "aria-invalid": errors[f] ? true : undefined,
      "aria-describedby": errors[f] ? `${id}-${f}-err` : undefined,
    }),
    message: (f: F) =>
      errors[f] ? (
        <span className="field-error" id={`${id}-${f}-err`}>
          {errors[f]}
        </span>
      ) : null,
  };
}

/** The submit and cancel buttons of a dialog. */
export function DialogActions({
  pending,
  label,
  pendingLabel,
  disabled,
  onCancel,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  disabled?: boolean;
  onCancel(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="row modal-actions">
      <button type="submit" disabled={pending || disabled}>
        {pending ? pendingLabel : label}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {t("common.cancel")}
      </button>
    </div>
  );
}

/** The local criteria a choice would drop, named one by one. */
export function DroppedCriteria({ criteria }: { criteria: { code: string; name: string }[] }) {
  return (
    <ul>
      {criteria.map((c) => (
        <li key={c.code}>
          <strong>{c.code}</strong> {c.name}
        </li>
      ))}
    </ul>
  );
}
