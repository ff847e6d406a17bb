/**
 * Everything wrong with the draft, gathered once for the three views: the JSON's
 * syntax errors, the checks of criteria-schema (and the fields a draft may not
 * change), and what the server refused on the last save — as panel entries,
 * as table cells' messages and as markers on the JSON text.
 *
 * Also what was typed in the table's target cells and is not a number yet
 * ("abc", "1.000", an emptied cell): not part of the document, so no check of
 * criteria-schema sees it, but listed in the panel and holding publishing back
 * until it is fixed or put back, so that the panel never says "hợp lệ" over it.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { useI18n } from "@cds/ui";
import { validateCriteriaSet } from "@cds/criteria-schema";
import type { VersionData } from "./api.ts";
import { cellOfPointer, decimalText, fixedFieldIssues, rangeOfPointer } from "./document.ts";
import { cellKey, levelsOf } from "./CriteriaTable.tsx";
import type { PendingInput } from "./TargetControl.tsx";
import { describeScorePointer, scoreCellOfPointer } from "./scoring-document.ts";
import type { PanelIssue } from "./ValidationPanel.tsx";
import type { Draft, IssueLike } from "./useDraft.ts";

/** Text typed in a cell, with the cell it was typed in. */
export interface CellInput extends PendingInput {
  code: string;
  level: number;
}

/** The number a target cell's input shows: the target itself, or a countOrAll target's minimum. */
function numberAt(doc: unknown, code: string, level: number): number | undefined {
  const criteria = (doc as { criteria?: unknown } | null)?.criteria;
  if (!Array.isArray(criteria)) return undefined;
  const c = criteria.find((x) => (x as { code?: unknown } | null)?.code === code) as { targets?: unknown } | undefined;
  const target = Array.isArray(c?.targets) ? (c.targets as unknown[])[level - 1] : undefined;
  if (typeof target === "number") return target;
  const min = (target as { min?: unknown } | null | undefined)?.min;
  return typeof min === "number" ? min : undefined;
}

export function useEditorIssues(version: VersionData, draft: Draft, readOnly: boolean) {
  const { t, locale } = useI18n();
  const { parsed, shownDoc, text, jsonOk, serverIssues } = draft;
  const tenantCode = version.set.tenant.code;

  // What the table's cells hold that is not a number yet, by cell key.
  const [typed, setTyped] = useState<ReadonlyMap<string, CellInput>>(() => new Map());
  const onInputProblem = useCallback((code: string, level: number, p: PendingInput | null) => {
    const key = cellKey(code, level);
    setTyped((m) => {
      const old = m.get(key);
      if (p === null ? old === undefined : old?.text === p.text && old.kind === p.kind && old.against === p.against)
        return m;
      const next = new Map(m);
      if (p === null) next.delete(key);
      else next.set(key, { ...p, code, level });
      return next;
    });
  }, []);
  // Only cells that still hold the value the text was typed over: a change in the JSON view,
  // a reload, "Không áp dụng" or a removed criterion leaves nothing to explain.
  const pendingInputs = useMemo(() => {
    if (readOnly) return new Map<string, CellInput>();
    return new Map([...typed].filter(([, p]) => numberAt(shownDoc, p.code, p.level) === p.against));
  }, [typed, shownDoc, readOnly]);
  // Forget them for good (an undo back to the old value must not bring the text back).
  useEffect(() => {
    if (!readOnly && pendingInputs.size < typed.size) setTyped(pendingInputs);
  }, [pendingInputs, typed, readOnly]);

  const clientIssues = useMemo<IssueLike[]>(() => {
    if (parsed.value === null) return [];
    const r = validateCriteriaSet(parsed.value);
    const fixed =
      typeof parsed.value === "object" && !readOnly
        ? fixedFieldIssues(parsed.value, {
            setCode: version.set.code,
            version: version.version,
            unitKind: version.set.unitKind,
            tenant: tenantCode,
          })
        : [];
    return [...r.issues, ...fixed];
  }, [parsed.value, readOnly, version.set.code, version.version, version.set.unitKind, tenantCode]);

  const panelIssues = useMemo<PanelIssue[]>(() => {
    const levels = levelsOf(shownDoc, locale) ?? [];
    const inputs = [...pendingInputs.values()].map((p) => ({
      id: `i${cellKey(p.code, p.level)}`,
      source: "input" as const,
      message: t(p.kind === "empty" ? "input.issueEmpty" : "input.issue", {
        cell: t("table.cellLabel", {
          code: p.code,
          level: p.level,
          levelName: levels[p.level - 1]?.name ?? "",
        }),
        problem: t(`input.${p.kind}`),
        text: p.text.trim(),
      }),
      cell: { code: p.code, level: p.level },
      kept: decimalText(p.against, locale),
    }));
    const msg = (i: IssueLike) => (locale === "en" ? i.messageEn : i.message);
    const located = (source: "client" | "server", prefix: string) => (i: IssueLike, k: number) => ({
      id: `${prefix}${k}`,
      source,
      pointer: i.pointer ?? "",
      message: msg(i),
      // A level set's criterion cell, or a scored set's row or field in the points table.
      cell: cellOfPointer(shownDoc, i.pointer ?? "") ?? scoreCellOfPointer(shownDoc, i.pointer ?? ""),
      location: describeScorePointer(shownDoc, i.pointer ?? "", t),
    });
    return [
      ...parsed.syntax.map((s, k) => ({
        id: `s${k}`,
        source: "syntax" as const,
        message: t(`syntax.${s.code}`),
        line: s.line,
        column: s.column,
      })),
      ...inputs,
      ...clientIssues.map(located("client", "c")),
      ...(serverIssues?.issues ?? []).map(located("server", "v")),
    ];
  }, [parsed.syntax, pendingInputs, clientIssues, serverIssues, shownDoc, locale, t]);

  const cellIssues = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const i of panelIssues) {
      // Typed text explains itself under its input.
      if (!i.cell || i.source === "input") continue;
      const k = cellKey(i.cell.code, i.cell.level);
      m.set(k, [...(m.get(k) ?? []), i.message]);
    }
    return m;
  }, [panelIssues]);

  const markers = useMemo(() => {
    if (!jsonOk) return [];
    return panelIssues.flatMap((i) => {
      if (i.pointer === undefined) return [];
      const r = rangeOfPointer(text, i.pointer);
      return r ? [{ ...r, message: i.message }] : [];
    });
  }, [panelIssues, text, jsonOk]);

  // Why publishing is blocked, first cause first.
  const firstSyntax = parsed.syntax[0];
  const issueCount = clientIssues.length + (serverIssues?.issues.length ?? 0);
  const inputCount = pendingInputs.size;
  const blocked =
    !jsonOk && firstSyntax
      ? t("editor.blocked.json", { line: firstSyntax.line, column: firstSyntax.column })
      : inputCount > 0
        ? t("editor.blocked.input", { count: inputCount })
        : draft.dirty
          ? t("editor.blocked.unsaved")
          : issueCount > 0
            ? t("editor.blocked.issues", { count: issueCount })
            : null;

  return { panelIssues, cellIssues, markers, issueCount, inputCount, pendingInputs, onInputProblem, blocked };
}
