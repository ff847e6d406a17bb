/**
 * Everything wrong with the draft, gathered once for the three views: the JSON's
 * syntax errors, the checks of criteria-schema (and the fields a draft may not
 * change), and what the server refused on the last save — as panel entries,
 * as table cells' messages and as markers on the JSON text.
 */
import { useMemo } from "react";
import { useI18n } from "@cds/ui";
import { validateCriteriaSet } from "@cds/criteria-schema";
import type { VersionData } from "./api.ts";
import { cellOfPointer, fixedFieldIssues, rangeOfPointer } from "./document.ts";
import { cellKey } from "./CriteriaTable.tsx";
import { describeScorePointer, scoreCellOfPointer } from "./scoring-document.ts";
import type { PanelIssue } from "./ValidationPanel.tsx";
import type { Draft, IssueLike } from "./useDraft.ts";

export function useEditorIssues(version: VersionData, draft: Draft, readOnly: boolean) {
  const { t, locale } = useI18n();
  const { parsed, shownDoc, text, jsonOk, serverIssues } = draft;
  const tenantCode = version.set.tenant.code;

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
      ...clientIssues.map(located("client", "c")),
      ...(serverIssues?.issues ?? []).map(located("server", "v")),
    ];
  }, [parsed.syntax, clientIssues, serverIssues, shownDoc, locale, t]);

  const cellIssues = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const i of panelIssues) {
      if (!i.cell) continue;
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
  const blocked =
    !jsonOk && firstSyntax
      ? t("editor.blocked.json", { line: firstSyntax.line, column: firstSyntax.column })
      : draft.dirty
        ? t("editor.blocked.unsaved")
        : issueCount > 0
          ? t("editor.blocked.issues", { count: issueCount })
          : null;

  return { panelIssues, cellIssues, markers, issueCount, blocked };
}
