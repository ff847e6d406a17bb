/**
 * The table view of a draft: criteria × levels, as the decision's appendix
 * prints them. A civil servant edits targets here without touching JSON; the
 * document it shows may be half-valid (the JSON view can hold anything), so
 * every cell reads its value defensively.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { ScrollTable, SearchInput, useI18n } from "@cds/ui";
import { formatTarget, matchesSearch, type TCriteriaSet, type TCriterion } from "@cds/criteria-schema";
import { defaultTarget, type Target } from "./document.ts";
import { TargetControl, type PendingInput } from "./TargetControl.tsx";
import { AddCriterionForm } from "./AddCriterionForm.tsx";

interface LooseCriterion {
  code?: unknown;
  group?: unknown;
  name?: unknown;
  unit?: unknown;
  measure?: unknown;
  targets?: unknown;
  local?: unknown;
  yesLabel?: unknown;
  subject?: unknown;
}

interface LooseSet {
  levels?: unknown;
  groups?: unknown;
  criteria?: unknown;
}

export interface LevelInfo {
  rank: number;
  name: string;
}

/** Cell key for issues and highlights: "CQS-01:2" for a level, "CQS-01" for the whole row. */
export function cellKey(code: string, level: number | null): string {
  return level === null ? code : `${code}:${level}`;
}

function str(v: unknown, fallback = ""): string {
  return typeof v === "string" ? v : fallback;
}

export function levelsOf(doc: unknown, locale: string): LevelInfo[] | null {
  const levels = (doc as LooseSet | null)?.levels;
  if (!Array.isArray(levels)) return null;
  return levels.map((l, i) => {
    const x = (l ?? {}) as { name?: unknown; nameEn?: unknown };
    return { rank: i + 1, name: locale === "en" ? str(x.nameEn, str(x.name)) : str(x.name) };
  });
}

export interface CriteriaTableProps {
  /** The parsed document (possibly invalid against the schema). */
  doc: unknown;
  readOnly: boolean;
  /** The set this draft was cloned from, to mark cells that differ from it. */
  baseDoc: TCriteriaSet | null;
  /** Messages per cell or row (see cellKey). */
  issues: Map<string, string[]>;
  highlight: { key: string; nonce: number } | null;
  onSetTarget(code: string, level: number, target: Target): void;
  onAdd(c: TCriterion): void;
  onRemove(code: string): void;
  /** Text typed in cells that is not a number yet, by cell (see cellKey). */
  pendingInputs?: ReadonlyMap<string, PendingInput> | undefined;
  onInputProblem?: ((code: string, level: number, p: PendingInput | null) => void) | undefined;
}

export function CriteriaTable({
  doc,
  readOnly,
  baseDoc,
  issues,
  highlight,
  onSetTarget,
  onAdd,
  onRemove,
  pendingInputs,
  onInputProblem,
}: CriteriaTableProps) {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState("");
  const [adding, setAdding] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  const levels = levelsOf(doc, locale);
  const criteria = (doc as LooseSet | null)?.criteria;
  const groupsRaw = (doc as LooseSet | null)?.groups;
  const groups = useMemo(
    () =>
      Array.isArray(groupsRaw)
        ? groupsRaw.map((g) => ({
            code: str((g as { code?: unknown })?.code),
            name: str((locale === "en" && (g as { nameEn?: unknown })?.nameEn) || (g as { name?: unknown })?.name),
          }))
        : [],
    [groupsRaw, locale],
  );
  const baseByCode = useMemo(() => new Map((baseDoc?.criteria ?? []).map((c) => [c.code, c])), [baseDoc]);

  useEffect(() => {
    if (!highlight) return;
    const el = tableRef.current?.querySelector<HTMLElement>(`[data-cell="${highlight.key.replace(/["\\]/g, "\\$&")}"]`);
    if (!el) return;
    el.scrollIntoView?.({ block: "center", behavior: "smooth" });
    (el.querySelector<HTMLElement>("input:not([disabled])") ?? el).focus?.({ preventScroll: true });
  }, [highlight]);

  if (!levels) return <p className="notice notice-warn">{t("table.cannotShow", { what: "levels" })}</p>;
  if (!Array.isArray(criteria))
    return <p className="notice notice-warn">{t("table.cannotShow", { what: "criteria" })}</p>;

  const rows = (criteria as LooseCriterion[]).map((c, index) => ({
    c: c ?? {},
    index,
    code: str(c?.code, `#${index + 1}`),
  }));
  const shown = filter
    ? rows.filter((r) => matchesSearch(`${r.code} ${str(r.c.name)}`, filter) || matchesSearch(str(r.c.name), filter))
    : rows;
  const known = new Set(groups.map((g) => g.code));
  const sections = [
    ...groups.map((g) => ({
      key: g.code,
      title: `${g.code} — ${g.name}`,
      rows: shown.filter((r) => str(r.c.group) === g.code),
    })),
    { key: "?", title: "?", rows: shown.filter((r) => !known.has(str(r.c.group))) },
  ].filter((s) => s.rows.length > 0);
  const codes = rows.map((r) => r.code);

  const cellLabel = (code: string, l: LevelInfo) => t("table.cellLabel", { code, level: l.rank, levelName: l.name });

  return (
    <div className="criteria-table-view">
      <div className="table-tools">
        <SearchInput value={filter} onChange={setFilter} label={t("table.filter")} />
        <span className="muted legend">{t("table.legend")}</span>
        {!readOnly && (
          <button type="button" className="secondary" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
            {t("add.open")}
          </button>
        )}
      </div>
      {added && !adding && (
        <p className="notice notice-ok" role="status">
          {t("add.added", { code: added })}
        </p>
      )}
      {adding && !readOnly && (
        <AddCriterionForm
          levels={levels}
          groups={groups}
          codes={codes}
          onCancel={() => setAdding(false)}
          onAdd={(c) => {
            onAdd(c);
            setAdding(false);
            setAdded(c.code);
          }}
        />
      )}
      <ScrollTable className="criteria-table" ref={tableRef}>
        <caption className="visually-hidden">{t("table.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-code">
              {t("table.code")}
            </th>
            <th scope="col" className="col-name">
              {t("table.criterion")}
            </th>
            {levels.map((l) => (
              <th scope="col" key={l.rank} className={`col-level level-head-${l.rank}`}>
                {t("table.level", { level: l.rank })}
                <span className="level-name">{l.name}</span>
              </th>
            ))}
            {!readOnly && <th scope="col" className="col-actions" aria-label={t("sets.col.actions")} />}
          </tr>
        </thead>
        {sections.map((s) => (
          <tbody key={s.key}>
            <tr className="group-row">
              <th colSpan={levels.length + (readOnly ? 2 : 3)} scope="colgroup">
                {s.title}
              </th>
            </tr>
            {s.rows.map(({ c, code, index }) => {
              const measure = str(c.measure);
              const targets = Array.isArray(c.targets) ? (c.targets as unknown[]) : [];
              const local = c.local === true;
              const base = baseByCode.get(code);
              const rowIssues = issues.get(cellKey(code, null));
              const asCriterion = c as unknown as TCriterion;
              return (
                <tr
                  key={`${index}-${code}`}
                  data-cell={cellKey(code, null)}
                  className={[
                    rowIssues ? "has-error" : "",
                    highlight?.key === cellKey(code, null) ? "highlight" : "",
                  ].join(" ")}
                >
                  <th scope="row" className="col-code" title={rowIssues?.join("\n")}>
                    {code}
                    {local && <span className="badge local-badge">{t("table.local")}</span>}
                  </th>
                  <td className="col-name">
                    <div className="criterion-name">{str(c.name)}</div>
                    <div className="muted small">
                      {t("table.unit", { unit: str(c.unit) })} · {t(`measure.${measure}`)}
                    </div>
                    {rowIssues && (
                      <ul className="row-issues">
                        {rowIssues.map((m, k) => (
                          <li key={k}>{m}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  {levels.map((l) => {
                    const key = cellKey(code, l.rank);
                    const target = targets[l.rank - 1];
                    const baseTarget = base ? (base.targets[l.rank - 1] ?? null) : undefined;
                    const changed = base !== undefined && JSON.stringify(baseTarget) !== JSON.stringify(target ?? null);
                    const cellIssues = issues.get(key);
                    const pending = pendingInputs?.get(key) ?? null;
                    const titleParts = [
                      ...(cellIssues ?? []),
                      ...(changed && base
                        ? [
                            t("table.changedFromBase", {
                              target: formatTarget(base, baseTarget ?? null, locale === "en" ? "en" : "vi"),
                            }),
                          ]
                        : []),
                    ];
                    return (
                      <td
                        key={l.rank}
                        data-testid={`target-${code}-${l.rank}`}
                        data-cell={key}
                        className={[
                          "col-level",
                          cellIssues || pending ? "has-error" : "",
                          changed ? "changed" : "",
                          highlight?.key === key ? "highlight" : "",
                        ].join(" ")}
                        title={titleParts.join("\n") || undefined}
                      >
                        <TargetControl
                          measure={measure}
                          target={target === undefined ? null : target}
                          label={cellLabel(code, l)}
                          yesLabel={typeof c.yesLabel === "string" ? c.yesLabel : undefined}
                          describe={(tg) => formatTarget(asCriterion, tg, locale === "en" ? "en" : "vi")}
                          disabled={readOnly}
                          fallback={() =>
                            defaultTarget(
                              { ...asCriterion, targets: targets as TCriterion["targets"] } as TCriterion,
                              l.rank,
                              undefined,
                              baseTarget,
                            )
                          }
                          onChange={(tg) => onSetTarget(code, l.rank, tg)}
                          pending={pending}
                          onProblem={(p) => onInputProblem?.(code, l.rank, p)}
                        />
                        {cellIssues && (
                          <span className="cell-issue">
                            <span aria-hidden="true">⚠</span>
                            <span className="visually-hidden">{cellIssues.join(" ")}</span>
                          </span>
                        )}
                      </td>
                    );
                  })}
                  {!readOnly && (
                    <td className="col-actions">
                      {local &&
                        (confirmRemove === code ? (
                          <span className="confirm-remove">
                            {t("table.removeConfirm", { code })}
                            <button
                              type="button"
                              className="danger"
                              onClick={() => (setConfirmRemove(null), onRemove(code))}
                            >
                              {t("table.removeYes")}
                            </button>
                            <button type="button" className="secondary" onClick={() => setConfirmRemove(null)}>
                              {t("common.cancel")}
                            </button>
                          </span>
                        ) : (
                          <button
                            type="button"
                            className="secondary"
                            aria-label={`${t("table.remove")} ${code}`}
                            onClick={() => setConfirmRemove(code)}
                          >
                            {t("table.remove")}
                          </button>
                        ))}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        ))}
      </ScrollTable>
    </div>
  );
}
