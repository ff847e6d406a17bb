/** The data-entry form: a jump list of groups (with what is missing) and one card per criterion. */
import { useMemo } from "react";
import type { TCriteriaSet } from "@cds/criteria-schema";
import { useI18n, type FieldState } from "@cds/ui";
import { CriterionCard } from "../CriterionCard.tsx";
import { evidenceActionsOf } from "../EvidenceBox.tsx";
import type { LiveLevels } from "../judge.ts";
import type { WorkspaceProps } from "./props.ts";

const EMPTY_LIST: never[] = [];

function groupBy<T>(items: readonly T[], key: (x: T) => string | null | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    if (k) m.set(k, [...(m.get(k) ?? []), x]);
  }
  return m;
}

export function CriteriaForm({
  assessmentId,
  data,
  set,
  model,
  editable,
  showComments,
  d,
  live,
}: WorkspaceProps & { showComments: boolean; live: LiveLevels }) {
  const { t, locale } = useI18n();
  const { draft, server } = d;
  const evidenceActions = useMemo(() => evidenceActionsOf(data.allowedActions), [data.allowedActions]);
  const evidenceBy = useMemo(() => groupBy(data.evidence, (e) => e.criterionCode), [data.evidence]);
  const commentsBy = useMemo(() => groupBy(data.comments, (c) => c.criterionCode), [data.comments]);
  const resultsByCode = useMemo(() => new Map(live.evaluation.criteria.map((c) => [c.code, c.results])), [live]);
  const groupName = (g: TCriteriaSet["groups"][number]) => (locale === "en" ? (g.nameEn ?? g.name) : g.name);
  return (
    <>
      <nav className="pa-groupnav" aria-label={t("form.groups")}>
        {set.groups.map((g) => {
          const codes = set.criteria.filter((c) => c.group === g.code);
          const missing = codes.filter((c) => resultsByCode.get(c.code)?.some((r) => r === "missing")).length;
          return (
            <a key={g.code} href={`#group-${g.code}`}>
              {g.code} · {groupName(g)}
              {missing > 0 && <span className="pa-count">{t("form.missingCount", { n: missing })}</span>}
            </a>
          );
        })}
      </nav>

      {set.groups.map((g) => {
        const list = set.criteria.filter((c) => c.group === g.code);
        if (list.length === 0) return null;
        return (
          <section key={g.code} id={`group-${g.code}`} className="pa-group" aria-labelledby={`group-title-${g.code}`}>
            <h3 id={`group-title-${g.code}`}>
              {g.code} — {groupName(g)} <span className="muted">({t("form.criteriaCount", { n: list.length })})</span>
            </h3>
            {list.map((c) => (
              <CriterionCard
                key={c.code}
                assessmentId={assessmentId}
                criterion={c}
                levels={set.levels}
                state={(draft.fields[c.code] ?? model.field(c.code, server.entered.get(c.code))) as FieldState}
                note={draft.notes[c.code] ?? server.notes.get(c.code) ?? ""}
                dirty={c.code in draft.fields || c.code in draft.notes}
                errors={live.errors[c.code] ?? EMPTY_LIST}
                results={resultsByCode.get(c.code)}
                targetLevel={live.target}
                readOnly={!editable}
                evidence={evidenceBy.get(c.code) ?? EMPTY_LIST}
                evidenceActions={evidenceActions}
                comments={showComments ? (commentsBy.get(c.code) ?? EMPTY_LIST) : EMPTY_LIST}
                verified={server.verified.get(c.code) ?? null}
                autoValue={server.effective.get(c.code)}
                onChange={d.onChange}
                onNote={d.onNote}
              />
            ))}
          </section>
        );
      })}
    </>
  );
}
