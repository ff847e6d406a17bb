/**
 * The data-entry form of a scored index: a jump list of its top groups (with what is missing), each group
 * (pillar, main index) as a section with its points, maximum and index now, and one card per component.
 */
import { useMemo, type ReactNode } from "react";
import { formatPoints, type GroupScore } from "@cds/criteria-core";
import type { TScoreGroup } from "@cds/criteria-schema";
import { useI18n, type ComponentFieldState } from "@cds/ui";
import { ComponentCard } from "../ComponentCard.tsx";
import { evidenceActionsOf } from "../EvidenceBox.tsx";
import type { LivePoints } from "../judge.ts";
import { groupComponents, pointsOutOf } from "../scored.ts";
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

export function ScoreForm({
  assessmentId,
  data,
  set,
  model,
  editable,
  showComments,
  d,
  live,
}: WorkspaceProps & { showComments: boolean; live: LivePoints }) {
  const { t, locale } = useI18n();
  const { draft, server } = d;
  const groups = set.scoring?.groups ?? EMPTY_LIST;
  const evidenceActions = useMemo(() => evidenceActionsOf(data.allowedActions), [data.allowedActions]);
  const evidenceBy = useMemo(() => groupBy(data.evidence, (e) => e.criterionCode), [data.evidence]);
  const commentsBy = useMemo(() => groupBy(data.comments, (c) => c.criterionCode), [data.comments]);
  const resultBy = useMemo(() => new Map(live.score.components.map((c) => [c.code, c])), [live]);
  // The form state of every stored value, made once per server answer (the cards are memoised on their props).
  const serverFields = useMemo(
    () => new Map(model.codes.map((code) => [code, model.field(code, server.entered.get(code))])),
    [model, server],
  );
  const groupScores = useMemo(() => new Map(live.score.groups.map((g) => [g.code, g])), [live]);
  const name = (g: { name: string; nameEn?: string | undefined }) => (locale === "en" ? (g.nameEn ?? g.name) : g.name);

  /** "42 / 80 điểm · chỉ số 0,525", or "không áp dụng" when nothing in the group applies. */
  const groupPoints = (g: TScoreGroup, s: GroupScore | undefined): ReactNode =>
    !s ? null : s.notApplicable ? (
      t("value.notApplicable")
    ) : (
      <>
        <strong>{pointsOutOf(s.pointsText, g.max, locale)}</strong> {t("score.pointsWord")}
        {s.indexText !== null && ` · ${t("score.index", { index: formatPoints(s.indexText, locale) })}`}
      </>
    );

  const renderGroup = (g: TScoreGroup, depth: number): ReactNode => {
    const Heading = depth === 0 ? "h3" : "h4";
    return (
      <section
        key={g.code}
        id={`group-${g.code}`}
        className="pa-group"
        aria-labelledby={`group-title-${g.code}`}
        data-testid={`group-${g.code}`}
      >
        <Heading id={`group-title-${g.code}`}>
          {g.code} — {name(g)}{" "}
          <span className="muted pa-small" data-testid={`group-points-${g.code}`}>
            ({groupPoints(g, groupScores.get(g.code))})
          </span>
        </Heading>
        {g.groups.map((sub) => renderGroup(sub, depth + 1))}
        {g.components.map((c) => (
          <ComponentCard
            key={c.code}
            assessmentId={assessmentId}
            component={c}
            state={(draft.fields[c.code] ?? serverFields.get(c.code)) as ComponentFieldState}
            note={draft.notes[c.code] ?? server.notes.get(c.code) ?? ""}
            dirty={c.code in draft.fields || c.code in draft.notes}
            errors={live.errors[c.code] ?? EMPTY_LIST}
            status={resultBy.get(c.code)?.status}
            pointsText={resultBy.get(c.code)?.pointsText}
            readOnly={!editable}
            evidence={evidenceBy.get(c.code) ?? EMPTY_LIST}
            evidenceActions={evidenceActions}
            comments={showComments ? (commentsBy.get(c.code) ?? EMPTY_LIST) : EMPTY_LIST}
            verified={server.verified.get(c.code) ?? null}
            onChange={d.onChange}
            onNote={d.onNote}
          />
        ))}
      </section>
    );
  };

  return (
    <>
      <nav className="pa-groupnav" aria-label={t("score.groups")}>
        {groups.map((g) => {
          const missing = groupComponents(g).filter((c) => resultBy.get(c.code)?.status === "missing").length;
          return (
            <a key={g.code} href={`#group-${g.code}`}>
              {g.code} · {name(g)}
              {missing > 0 && <span className="pa-count">{t("form.missingCount", { n: missing })}</span>}
            </a>
          );
        })}
      </nav>
      {groups.map((g) => renderGroup(g, 0))}
    </>
  );
}
