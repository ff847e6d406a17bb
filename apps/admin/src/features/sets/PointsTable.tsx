/**
 * The table view of a scored draft (Bộ chỉ số: judgedBy points or both): the
 * groups (pillars, main indices) with their maxima and weights, the
 * components with their maxima and how they earn points, and — judged by
 * both — the score each level needs. A civil servant edits the numbers here
 * without touching JSON; every edit goes to the one JSON text like the level
 * table's. The document may be half-valid, so every cell reads defensively.
 * Rules read through criteria-schema's `formatRule`; nothing here scores.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { ScrollTable, SearchInput, useI18n } from "@cds/ui";
import {
  formatNumber,
  formatRule,
  isScored,
  matchesSearch,
  scoreComponents,
  SCORE_RULE_KINDS,
  type TCriteriaSet,
  type TScoreComponent,
  type TScoreGroup,
} from "@cds/criteria-schema";
import {
  scoreKey,
  scoreRows,
  scoringOf,
  str,
  type ComponentRow,
  type GroupRow,
  type LooseComponent,
  type ScoreTarget,
} from "./scoring-document.ts";
import { NumberCell, nextBand, RuleEditor, ruleIsEditable, type LooseRule } from "./RuleEditor.tsx";

export interface PointsTableProps {
  /** The parsed document (possibly invalid against the schema). */
  doc: unknown;
  readOnly: boolean;
  /** The set this draft was cloned from, to mark what differs from it. */
  baseDoc: TCriteriaSet | null;
  /** Messages per row or field (see `scoreKey`). */
  issues: Map<string, string[]>;
  highlight: { key: string; nonce: number } | null;
  /** Sets a field of a group, component, level or the scoring (a path below it); `undefined` removes it. */
  onSet(target: ScoreTarget, field: (string | number)[], value: unknown): void;
  onInsertBand(code: string, band: { atLeast: number; points: number }): void;
}

/** A rule's reading by criteria-schema, when the component is whole enough to read; null otherwise. */
function readRule(c: LooseComponent, locale: "vi" | "en"): string | null {
  const rule = c.rule as LooseRule | null | undefined;
  if (typeof c.max !== "number" || !rule || !SCORE_RULE_KINDS.includes(rule.kind as never)) return null;
  if (rule.kind === "bands") {
    const bands = Array.isArray(rule.bands) ? (rule.bands as { atLeast?: unknown; points?: unknown }[]) : null;
    if (!bands || bands.some((b) => typeof b?.atLeast !== "number" || typeof b?.points !== "number")) return null;
  }
  for (const k of ["floor", "cap", "step"] as const)
    if (rule[k] !== undefined && typeof rule[k] !== "number") return null;
  try {
    return formatRule(c as Pick<TScoreComponent, "rule" | "max" | "subject">, locale);
  } catch {
    return null;
  }
}

function allGroups(groups: readonly TScoreGroup[]): TScoreGroup[] {
  return groups.flatMap((g) => [g, ...allGroups(g.groups)]);
}

export function PointsTable({ doc, readOnly, baseDoc, issues, highlight, onSet, onInsertBand }: PointsTableProps) {
  const { t, locale } = useI18n();
  const loc = locale === "en" ? "en" : "vi";
  const [filter, setFilter] = useState("");
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const tableRef = useRef<HTMLDivElement>(null);

  const scoring = scoringOf(doc);
  const rows = useMemo(() => scoreRows(doc), [doc]);
  const weighted = scoring?.total?.method === "weighted";
  const both = (doc as { judgedBy?: unknown } | null)?.judgedBy === "both";

  const base = useMemo(() => {
    if (!baseDoc || !isScored(baseDoc) || !baseDoc.scoring) return null;
    return {
      components: new Map(scoreComponents(baseDoc.scoring.groups).map((p) => [p.component.code, p.component])),
      groups: new Map(allGroups(baseDoc.scoring.groups).map((g) => [g.code, g])),
    };
  }, [baseDoc]);

  useEffect(() => {
    if (!highlight) return;
    setFilter("");
    const rule = /^c:(.+)\/rule$/.exec(highlight.key);
    if (rule) setOpen((s) => new Set([...s, rule[1]!]));
    // After the editor opens and the filter clears, bring the place into view and focus its input.
    const id = setTimeout(() => {
      const sel = `[data-cell="${highlight.key.replace(/["\\]/g, "\\$&")}"]`;
      const el = tableRef.current?.querySelector<HTMLElement>(sel);
      if (!el) return;
      el.scrollIntoView?.({ block: "center", behavior: "smooth" });
      (el.querySelector<HTMLElement>("input:not([disabled])") ?? el).focus?.({ preventScroll: true });
    }, 0);
    return () => clearTimeout(id);
  }, [highlight]);

  if (!scoring || !Array.isArray(scoring.groups)) return <p className="notice notice-warn">{t("points.cannotShow")}</p>;

  const shownComponents = filter
    ? new Set(
        rows
          .filter(
            (r): r is ComponentRow =>
              r.kind === "component" && matchesSearch(`${r.code} ${str(r.component.name)}`, filter),
          )
          .map((r) => r.path.join("/")),
      )
    : null;
  const visible = (r: GroupRow | ComponentRow) => {
    if (!shownComponents) return true;
    if (r.kind === "component") return shownComponents.has(r.path.join("/"));
    const prefix = r.path.join("/") + "/";
    return [...shownComponents].some((p) => p.startsWith(prefix));
  };
  // One tbody per top group (pillar / main index), as the decision's tables print them.
  const sections: { key: string; rows: (GroupRow | ComponentRow)[] }[] = [];
  for (const r of rows) {
    if (r.kind === "group" && r.depth === 0) sections.push({ key: `${r.path.join("/")}`, rows: [] });
    if (visible(r)) sections.at(-1)?.rows.push(r);
  }
  const cols = weighted ? 5 : 4;
  const hl = (key: string) => (highlight?.key === key ? "highlight" : "");
  const bad = (key: string) => (issues.has(key) ? "has-error" : "");
  const marker = (key: string) => {
    const m = issues.get(key);
    return m ? (
      <span className="cell-issue">
        <span aria-hidden="true">⚠</span>
        <span className="visually-hidden">{m.join(" ")}</span>
      </span>
    ) : null;
  };
  const toggle = (code: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(code)) n.delete(code);
      else n.add(code);
      return n;
    });

  const groupRow = (r: GroupRow) => {
    const g = r.group;
    const target: ScoreTarget = { kind: "group", code: r.code };
    const was = base?.groups.get(r.code);
    const maxChanged = was !== undefined && was.max !== g.max;
    const weightChanged = was !== undefined && (was.weight ?? null) !== (g.weight ?? null);
    const rowIssues = issues.get(scoreKey.group(r.code));
    const name = loc === "en" && r.nameEn ? r.nameEn : r.name;
    const parts = [
      Array.isArray(g.groups) && g.groups.length > 0 ? t("points.groupSubgroups", { count: g.groups.length }) : null,
      Array.isArray(g.components) && g.components.length > 0
        ? t("points.groupParts", { count: g.components.length })
        : null,
    ].filter(Boolean);
    return (
      <tr
        key={`g-${r.path.join("/")}`}
        className={`group-row score-group-row depth-${r.depth} ${bad(scoreKey.group(r.code))} ${hl(scoreKey.group(r.code))}`}
        data-cell={scoreKey.group(r.code)}
        data-testid={`group-${r.code}`}
      >
        <th scope="rowgroup" colSpan={2} title={rowIssues?.join("\n")}>
          <span className="group-title" style={{ paddingLeft: `${r.depth * 1.2}rem` }}>
            {r.depth === 0 ? t("points.group", { code: r.code }) : t("points.subgroup", { code: r.code })} — {name}
          </span>
          {rowIssues && (
            <ul className="row-issues">
              {rowIssues.map((m, k) => (
                <li key={k}>{m}</li>
              ))}
            </ul>
          )}
        </th>
        <td
          className={`col-max ${maxChanged ? "changed" : ""} ${bad(scoreKey.group(r.code, "max"))} ${hl(scoreKey.group(r.code, "max"))}`}
          data-cell={scoreKey.group(r.code, "max")}
          title={
            maxChanged ? t("points.baseWas", { what: `${formatNumber(was.max, loc)} ${t("points.unit")}` }) : undefined
          }
        >
          <NumberCell
            value={g.max}
            label={t("points.groupMaxLabel", { code: r.code })}
            suffix={t("points.unit")}
            disabled={readOnly}
            onCommit={(n) => onSet(target, ["max"], n)}
          />
          {marker(scoreKey.group(r.code, "max"))}
        </td>
        <td className="col-rule muted small">{parts.join(", ")}</td>
        {weighted && (
          <td
            className={`col-weight ${weightChanged ? "changed" : ""} ${bad(scoreKey.group(r.code, "weight"))} ${hl(scoreKey.group(r.code, "weight"))}`}
            data-cell={scoreKey.group(r.code, "weight")}
            title={weightChanged ? t("points.baseWas", { what: String(was?.weight ?? t("points.none")) }) : undefined}
          >
            {r.depth === 0 ? (
              <NumberCell
                value={g.weight}
                label={t("points.weightLabel", { code: r.code })}
                optional
                disabled={readOnly}
                onCommit={(n) => onSet(target, ["weight"], n)}
              />
            ) : null}
            {marker(scoreKey.group(r.code, "weight"))}
          </td>
        )}
      </tr>
    );
  };

  const componentRow = (r: ComponentRow) => {
    const c = r.component;
    const code = r.code;
    const target: ScoreTarget = { kind: "component", code };
    const rule = (c.rule ?? {}) as LooseRule;
    const was = base?.components.get(code);
    const maxChanged = was !== undefined && was.max !== c.max;
    // Compared as data, not as text: the base (parsed) and the draft (as typed) may order their keys differently.
    const ruleChanged = was !== undefined && canonical(was.rule) !== canonical(c.rule);
    const reading = readRule(c, loc);
    const rowKey = scoreKey.component(code);
    const rowIssues = issues.get(rowKey);
    const isOpen = open.has(code);
    const editable = ruleIsEditable(c.rule);
    const derived = c.derivedFrom as { set?: unknown; code?: unknown } | undefined;
    const kind = typeof rule.kind === "string" && SCORE_RULE_KINDS.includes(rule.kind as never) ? rule.kind : null;
    return (
      <tr
        key={`c-${r.path.join("/")}`}
        className={`component-row ${rowIssues ? "has-error" : ""} ${hl(rowKey)}`}
        data-cell={rowKey}
        data-testid={`component-${code}`}
      >
        <th scope="row" className="col-code" title={rowIssues?.join("\n")}>
          <span style={{ paddingLeft: `${(r.depth - 1) * 1.2}rem` }}>{code}</span>
          {c.mayNotApply === true && <span className="badge na-badge">{t("points.mayNotApply")}</span>}
        </th>
        <td className="col-name">
          <div className="criterion-name">{str(loc === "en" && c.nameEn ? c.nameEn : c.name)}</div>
          <div className="muted small">
            {[
              typeof c.unit === "string" ? t("table.unit", { unit: c.unit }) : null,
              derived && typeof derived.code === "string"
                ? t("points.derivedFrom", { set: str(derived.set), code: derived.code })
                : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </div>
          <details className="component-details">
            <summary>{t("points.methodAndSource")}</summary>
            <dl className="small">
              <dt>{t("points.methodLabel")}</dt>
              <dd>{str(c.method, "—")}</dd>
              <dt>{t("points.dataSource")}</dt>
              <dd>{str(c.dataSource, "—")}</dd>
            </dl>
          </details>
          {rowIssues && (
            <ul className="row-issues">
              {rowIssues.map((m, k) => (
                <li key={k}>{m}</li>
              ))}
            </ul>
          )}
        </td>
        <td
          className={`col-max ${maxChanged ? "changed" : ""} ${bad(scoreKey.component(code, "max"))} ${hl(scoreKey.component(code, "max"))}`}
          data-cell={scoreKey.component(code, "max")}
          title={
            maxChanged ? t("points.baseWas", { what: `${formatNumber(was.max, loc)} ${t("points.unit")}` }) : undefined
          }
        >
          <NumberCell
            value={c.max}
            label={t("points.maxLabel", { code })}
            suffix={t("points.unit")}
            disabled={readOnly}
            onCommit={(n) => onSet(target, ["max"], n)}
          />
          {marker(scoreKey.component(code, "max"))}
        </td>
        <td
          className={`col-rule ${ruleChanged ? "changed" : ""} ${bad(scoreKey.component(code, "rule"))} ${hl(scoreKey.component(code, "rule"))}`}
          data-cell={scoreKey.component(code, "rule")}
          data-testid={`rule-${code}`}
          title={ruleChanged && was ? t("points.baseWas", { what: formatRule(was, loc) }) : undefined}
        >
          <div className="rule-text">{reading ?? <code>{JSON.stringify(c.rule ?? null)}</code>}</div>
          <div className="muted small">
            {kind ? t(`points.kind.${kind}`) : t("table.unknownShape")}
            {!editable && kind && !readOnly ? ` · ${t("points.kindInJson")}` : ""}
          </div>
          {editable && !readOnly && (
            <button
              type="button"
              className="link"
              aria-expanded={isOpen}
              aria-label={t("points.editRuleLabel", { code })}
              onClick={() => toggle(code)}
            >
              {isOpen ? t("points.closeRule") : t("points.editRule")}
            </button>
          )}
          {editable && isOpen && !readOnly && (
            <RuleEditor
              code={code}
              rule={rule}
              subject={typeof c.subject === "string" ? c.subject : undefined}
              disabled={readOnly}
              onSet={(field, value) => onSet(target, ["rule", ...field], value)}
              onAddBand={() => onInsertBand(code, nextBand(rule))}
            />
          )}
          {marker(scoreKey.component(code, "rule"))}
        </td>
        {weighted && <td className="col-weight" />}
      </tr>
    );
  };

  return (
    <div className="criteria-table-view points-table-view" ref={tableRef}>
      <ScoringSummary doc={doc} issues={issues} highlight={highlight} />
      {both && (
        <LevelBands
          doc={doc}
          readOnly={readOnly}
          issues={issues}
          highlight={highlight}
          onSet={onSet}
          baseDoc={baseDoc}
        />
      )}
      <div className="table-tools">
        <SearchInput value={filter} onChange={setFilter} label={t("points.filter")} />
        <span className="muted legend">{t("points.legend")}</span>
      </div>
      <ScrollTable className="criteria-table points-table">
        <caption className="visually-hidden">{t("points.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-code">
              {t("table.code")}
            </th>
            <th scope="col" className="col-name">
              {t("points.component")}
            </th>
            <th scope="col" className="col-max">
              {t("points.max")}
            </th>
            <th scope="col" className="col-rule">
              {t("points.rule")}
            </th>
            {weighted && (
              <th scope="col" className="col-weight">
                {t("points.weight")}
              </th>
            )}
          </tr>
        </thead>
        {sections
          .filter((s) => s.rows.length > 0)
          .map((s) => (
            <tbody key={s.key}>{s.rows.map((r) => (r.kind === "group" ? groupRow(r) : componentRow(r)))}</tbody>
          ))}
        {sections.every((s) => s.rows.length === 0) && (
          <tbody>
            <tr>
              <td colSpan={cols} className="muted">
                {filter ? t("points.noMatch") : t("points.empty")}
              </td>
            </tr>
          </tbody>
        )}
      </ScrollTable>
    </div>
  );
}

/** The scoring's settings as they read: total, method, not-applicable handling, rounding, ranking groups. */
function ScoringSummary({
  doc,
  issues,
  highlight,
}: {
  doc: unknown;
  issues: Map<string, string[]>;
  highlight: { key: string; nonce: number } | null;
}) {
  const { t, locale } = useI18n();
  const loc = locale === "en" ? "en" : "vi";
  const s = scoringOf(doc)!;
  const judged = str((doc as { judgedBy?: unknown }).judgedBy);
  const total = s.total ?? {};
  const known = (prefix: string, v: unknown, values: readonly string[]) =>
    typeof v === "string" && values.includes(v) ? t(`${prefix}.${v}`) : JSON.stringify(v ?? null);
  const ranking = Array.isArray(s.rankingGroups)
    ? (s.rankingGroups as { name?: unknown; code?: unknown }[]).map((g) => str(g?.name, str(g?.code, "?")))
    : [];
  const keyTotal = scoreKey.scoring("total");
  const keyAll = scoreKey.scoring();
  const item = (label: string, value: ReactNode, testId?: string) => (
    <div className="scoring-item" {...(testId ? { "data-testid": testId } : {})}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const problems = [...(issues.get(keyTotal) ?? []), ...(issues.get(keyAll) ?? [])];
  return (
    <section
      className={`scoring-summary ${problems.length ? "has-error" : ""} ${highlight?.key === keyTotal || highlight?.key === keyAll ? "highlight" : ""}`}
      aria-label={t("points.summary")}
      data-cell={keyAll}
      tabIndex={-1}
    >
      <dl data-cell={keyTotal}>
        {item(t("points.judgedBy"), known("points.judged", judged, ["points", "both"]))}
        {item(
          t("points.totalMax"),
          typeof total.max === "number" ? `${formatNumber(total.max, loc)} ${t("points.unit")}` : "—",
          "total-max",
        )}
        {item(t("points.totalMethod"), known("points.total", total.method, ["sum", "weighted"]), "total-method")}
        {item(
          t("points.notApplicable"),
          known("points.na", s.notApplicable, ["removeFromMax", "scoreZero"]),
          "not-applicable",
        )}
        {item(
          t("points.decimals"),
          typeof s.decimals === "number"
            ? t("points.decimalsValue", {
                decimals: s.decimals,
                index: typeof s.indexDecimals === "number" ? s.indexDecimals : 4,
              })
            : "—",
          "decimals",
        )}
        {item(t("points.rankingGroups"), ranking.length ? ranking.join(", ") : t("points.rankedTogether"))}
      </dl>
      {problems.length > 0 && (
        <ul className="row-issues">
          {problems.map((m, k) => (
            <li key={k}>{m}</li>
          ))}
        </ul>
      )}
      <p className="muted small">{t("points.settingsInJson")}</p>
    </section>
  );
}

/** judgedBy both: the least score of each level (levels[].minScore). */
function LevelBands({
  doc,
  readOnly,
  issues,
  highlight,
  onSet,
  baseDoc,
}: {
  doc: unknown;
  readOnly: boolean;
  issues: Map<string, string[]>;
  highlight: { key: string; nonce: number } | null;
  onSet: PointsTableProps["onSet"];
  baseDoc: TCriteriaSet | null;
}) {
  const { t, locale } = useI18n();
  const levels = (doc as { levels?: unknown }).levels;
  if (!Array.isArray(levels)) return null;
  return (
    <section className="level-bands" aria-labelledby="level-bands-title">
      <h3 id="level-bands-title">{t("points.levelBands")}</h3>
      <table className="level-bands-table">
        <thead>
          <tr>
            <th scope="col">{t("impact.level")}</th>
            <th scope="col">{t("points.levelName")}</th>
            <th scope="col">{t("points.minScore")}</th>
          </tr>
        </thead>
        <tbody>
          {(levels as ({ name?: unknown; nameEn?: unknown; minScore?: unknown } | null)[]).map((l, i) => {
            const rank = i + 1;
            const key = scoreKey.level(rank);
            const name = str(locale === "en" && l?.nameEn ? l.nameEn : l?.name);
            const was = baseDoc?.levels[i]?.minScore;
            const changed = baseDoc !== null && isScored(baseDoc) && was !== l?.minScore;
            const m = issues.get(key);
            return (
              <tr key={i} data-cell={key} className={highlight?.key === key ? "highlight" : ""}>
                <th scope="row">{t("table.level", { level: rank })}</th>
                <td>{name}</td>
                <td
                  className={`${m ? "has-error" : ""} ${changed ? "changed" : ""}`}
                  title={[...(m ?? []), ...(changed ? [t("points.baseWas", { what: String(was ?? "—") })] : [])].join(
                    "\n",
                  )}
                >
                  <NumberCell
                    value={l?.minScore}
                    label={t("points.minScoreLabel", { level: rank, name })}
                    prefix="≥"
                    suffix={t("points.unit")}
                    disabled={readOnly}
                    onCommit={(n) => onSet({ kind: "level", rank }, ["minScore"], n)}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** JSON with object keys sorted, so two equal values give the same text whatever order their keys came in. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );
}
