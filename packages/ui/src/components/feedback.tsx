import type { ReactNode } from "react";
import { ApiError } from "../graphql.ts";
import { useI18n } from "../i18n.tsx";

export function Spinner({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="spinner" role="status" aria-live="polite">
      <span className="spinner-dot" />
      {label ?? t("common.loading")}
    </div>
  );
}

/** An API error in the user's language, with each field at fault listed. */
export function ErrorBox({ error, title }: { error: unknown; title?: string }) {
  const { t, error: msg, locale } = useI18n();
  if (!error) return null;
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div className="error-box" role="alert">
      <strong>{title ?? t("common.error")}</strong> {msg(error)}
      {issues.length > 0 && (
        <ul>
          {issues.map((i, k) => (
            <li key={k}>
              {(i.field ?? i.pointer ?? i.criterion) && <code>{i.field ?? i.pointer ?? i.criterion}</code>}{" "}
              {locale === "en" ? i.messageEn : i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Notice({ kind = "info", children }: { kind?: "info" | "ok" | "warn"; children: ReactNode }) {
  return <div className={`notice notice-${kind}`}>{children}</div>;
}

/** Printed on top of a result page only (hidden on screen): when the page was printed. */
export function PrintStamp({ name }: { name?: string }) {
  const { t, dateTime } = useI18n();
  return (
    <p className="print-only print-stamp">
      {name && <strong>{name}</strong>}
      {name && " — "}
      {t("common.printedAt", { at: dateTime(new Date()) })}
    </p>
  );
}

/** "In trang": the browser's print of the page (the print stylesheet lays it out on A4); never itself printed. */
export function PrintButton() {
  const { t } = useI18n();
  return (
    <p className="no-print">
      <button type="button" className="secondary" onClick={() => window.print()}>
        {t("common.print")}
      </button>
    </p>
  );
}
