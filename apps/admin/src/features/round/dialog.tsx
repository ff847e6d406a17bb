/** A modal dialog: labelled by its title, Esc closes, focus goes to the first field. */
import { useEffect, useId, useRef, type ReactNode } from "react";
import { ApiError, ErrorBox, Notice, useI18n } from "@cds/ui";

export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>("textarea, input, select");
    first?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={id} ref={ref}>
        <h2 id={id}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/**
 * What the API refused, in words a reviewer can act on: a conflict says what
 * happened (the page has been reloaded); bad input names each field by its label.
 */
export function ActionError({ error, labels = {} }: { error: unknown; labels?: Record<string, string> }) {
  const { t, locale } = useI18n();
  if (!error) return null;
  if (error instanceof ApiError && (error.code === "CONFLICT" || error.currentVersion !== undefined)) {
    return (
      <Notice kind="warn">
        <span role="alert">{t("review.conflict", { version: error.currentVersion ?? "?" })}</span>
      </Notice>
    );
  }
  if (error instanceof ApiError && error.issues.length > 0) {
    return (
      <div className="error-box" role="alert">
        <strong>{t("common.error")}</strong>
        <ul>
          {error.issues.map((i, k) => {
            const f = i.field ?? i.criterion ?? "";
            const label = labels[f] ?? f;
            const msg = locale === "en" ? i.messageEn : i.message;
            // Value issues already start with their field ("CQS-02.denominator: …").
            return <li key={k}>{label && !msg.startsWith(`${f}:`) ? `${label}: ${msg}` : msg}</li>;
          })}
        </ul>
      </div>
    );
  }
  return <ErrorBox error={error} />;
}

/** A refusal found before calling the API, shaped like the API's own (field + message in both languages). */
export function inputError(issues: { field: string; message: string; messageEn: string }[]): ApiError {
  return new ApiError(
    "BAD_INPUT",
    issues.map((i) => i.message).join("; "),
    issues.map((i) => i.messageEn).join("; "),
    issues,
  );
}
