/**
 * Everything wrong with the draft, in one list: JSON syntax errors, text typed
 * in the table that is not a number yet (not in the document, so no check sees
 * it), the schema and semantic checks of criteria-schema (run in the browser as
 * the user edits) and what the server refused on the last save. Each entry
 * leads to its place: the range in the JSON view or the cell in the table.
 */
import { useI18n } from "@cds/ui";

export interface PanelIssue {
  id: string;
  source: "syntax" | "input" | "client" | "server";
  /** RFC 6901 pointer; absent for syntax errors and typed text. */
  pointer?: string;
  message: string;
  line?: number;
  column?: number;
  /** Where it lands in the table, when it lands there. */
  cell?: { code: string; level: number | null } | null;
  /** Scored sets: where the pointer is, as it reads (e.g. "Nhóm NTS › NT-02 › khung 2"). */
  location?: string | null;
  /** Typed text: the value the document still holds at that cell. */
  kept?: string;
}

/**
 * The message led by its place: "Nhóm NTS › NT-02: khung ≥ 90 cho 20 điểm…"; a message that
 * already starts with the component's code ("NT-02: …") does not repeat it.
 */
export function locatedMessage(i: Pick<PanelIssue, "message" | "location">): { location: string | null; text: string } {
  if (!i.location) return { location: null, text: i.message };
  const m = /^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*): /.exec(i.message);
  const named = m !== null && i.location.split(" › ").includes(m[1]!);
  return { location: i.location, text: named ? i.message.slice(m[0].length) : i.message };
}

export function ValidationPanel({
  issues,
  serverAt,
  onShowJson,
  onShowCell,
}: {
  issues: PanelIssue[];
  /** When the server's issues were reported (they may be fixed since). */
  serverAt: string | null;
  onShowJson(i: PanelIssue): void;
  onShowCell(i: PanelIssue): void;
}) {
  const { t } = useI18n();
  const sections = (["syntax", "input", "client", "server"] as const)
    .map((source) => ({ source, items: issues.filter((i) => i.source === source) }))
    .filter((s) => s.items.length > 0);
  return (
    <aside className="validation-panel" data-testid="validation-panel" aria-labelledby="validation-title">
      <h2 id="validation-title">
        {t("validation.title")}{" "}
        {issues.length > 0 ? (
          <span className="badge issue-count">{t("validation.count", { count: issues.length })}</span>
        ) : null}
      </h2>
      {issues.length === 0 && (
        <p className="notice notice-ok" role="status">
          {t("validation.ok")}
        </p>
      )}
      {sections.map((s) => (
        <section key={s.source} aria-label={t(`validation.${s.source}`)}>
          <h3>
            {t(`validation.${s.source}`)}
            {s.source === "server" && serverAt && (
              <span className="muted small"> {t("validation.serverStale", { time: serverAt })}</span>
            )}
          </h3>
          <ul className="issue-list">
            {s.items.map((i) => (
              <li key={i.id} className={`issue issue-${i.source}`}>
                <div className="issue-message">
                  {(() => {
                    const { location, text } = locatedMessage(i);
                    return location ? (
                      <>
                        <span className="issue-location">{location}</span>: {text}
                      </>
                    ) : (
                      text
                    );
                  })()}
                </div>
                <div className="issue-where">
                  {i.source === "input" ? (
                    <span className="muted">{t("validation.kept", { value: i.kept ?? "" })}</span>
                  ) : i.pointer !== undefined ? (
                    <code className="pointer">{i.pointer || "/"}</code>
                  ) : (
                    <span className="muted">
                      {t("validation.lineCol", { line: i.line ?? 0, column: i.column ?? 0 })}
                    </span>
                  )}
                  {i.source !== "input" && (
                    <button type="button" className="link" onClick={() => onShowJson(i)}>
                      {t("validation.inJson")}
                    </button>
                  )}
                  {i.cell && (
                    <button type="button" className="link" onClick={() => onShowCell(i)}>
                      {t("validation.inTable")}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
