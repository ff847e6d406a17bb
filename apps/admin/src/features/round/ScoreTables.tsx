/**
 * The review of a scored index (Bộ chỉ số): the totals on top, then a table per group (pillar, main
 * index) of its components — the rule in words, the value entered and the verified one, and the three
 * scores side by side: Tự đánh giá (`selfScore`, the unit's values), Thẩm định (`score`, with the
 * verifier's and council's corrections) and, once recognised, Cuối cùng (`finalScore`), with the
 * difference thẩm định − tự đánh giá. Every number is the API's rounded text (criteria-core's); none
 * is recomputed here.
 */
import type { ReactNode } from "react";
import { formatComponentValue, ScrollTable, useI18n } from "@cds/ui";
import type { TCriteriaSet, TScoreComponent } from "@cds/criteria-schema";
import { EvidenceList } from "./ReviewColumns.tsx";
import type { AssessmentDetail, ScoreData } from "./queries.ts";
import {
  componentsOf,
  groupsOf,
  nonZero,
  numberText,
  pointsText,
  ruleText,
  signedText,
  subtractTexts,
  type JudgedBy,
} from "./scored.ts";

type ComponentPoints = ScoreData["components"][number];
type GroupPoints = ScoreData["groups"][number];

/** "Tự đánh giá 812,50 · Thẩm định 790,00 · Chênh lệch −22,50 / 1.000 điểm", and the level a set judged by both gives. */
export function ScoreTotals({ a, judgedBy }: { a: AssessmentDetail; judgedBy: JudgedBy }) {
  const { t, locale } = useI18n();
  const self = a.selfScore;
  const cur = a.score;
  const fin = a.finalScore;
  const any = cur ?? self ?? fin;
  if (!any) return <span className="muted">{t("score.none")}</span>;
  const diff = self && cur ? subtractTexts(cur.scoreText, self.scoreText) : null;
  const part = (label: string, s: ScoreData | null, testId: string) =>
    s && (
      <>
        {label} <strong data-testid={testId}>{pointsText(s.scoreText, locale)}</strong>
      </>
    );
  const parts: ReactNode[] = [
    part(t("score.self"), self, "score-self"),
    part(t("score.current"), cur, "score-current"),
    part(t("score.final"), fin, "score-final"),
    diff !== null && (
      <>
        {t("score.diff")} <strong className={diffClass(diff)}>{signedText(diff, locale)}</strong>
      </>
    ),
  ].filter(Boolean);
  return (
    <span className="score-totals" data-testid="score-totals">
      {parts.map((p, i) => (
        <span key={i}>
          {i > 0 && " · "}
          {p}
        </span>
      ))}{" "}
      {t("score.outOf", { max: numberText(any.maxScore, locale) })}
      {judgedBy === "both" && <ScoreLevels a={a} />}
    </span>
  );
}

/** A set judged by both: the level each score's bands give. */
function ScoreLevels({ a }: { a: AssessmentDetail }) {
  const { t } = useI18n();
  const items = [
    [t("score.self"), a.selfScore],
    [t("score.current"), a.score],
    [t("score.final"), a.finalScore],
  ] as const;
  return (
    <span className="score-levels" data-testid="score-levels">
      {t("score.levelTitle")}:{" "}
      {items
        .filter(([, s]) => s)
        .map(([label, s]) => `${label} ${s!.levelName ?? "—"}`)
        .join(" · ")}
    </span>
  );
}

function diffClass(diff: string): string {
  if (!nonZero(diff)) return "score-diff";
  return diff.startsWith("-") ? "score-diff down" : "score-diff up";
}

/** The components of each group with the three scores; `set` is the pinned set's document. */
export function ScoreTables({
  a,
  set,
  canVerifyValues,
  onVerify,
}: {
  a: AssessmentDetail;
  set: TCriteriaSet;
  canVerifyValues: boolean;
  onVerify: (code: string) => void;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const self = index(a.selfScore);
  const cur = index(a.score);
  const fin = a.finalScore ? index(a.finalScore) : null;
  const components = componentsOf(set);
  const missing = a.score?.missing ?? [];

  const pointsCell = (p: ComponentPoints | GroupPoints | undefined, group = false) => {
    if (!p) return <td className="num muted">—</td>;
    if (("notApplicable" in p && p.notApplicable) || ("status" in p && p.status === "notApplicable"))
      return <td className="num muted">{t("score.notApplicable")}</td>;
    return (
      <td className="num">
        <span className="score-points">{pointsText(p.pointsText, locale)}</span>
        <span className="muted"> / {numberText(p.max, locale)}</span>
        {group && "indexText" in p && p.indexText !== null && (
          <span className="score-index">{t("score.index", { index: pointsText(p.indexText, locale) })}</span>
        )}
        {"status" in p && p.status === "missing" && <span className="score-note">{t("score.missing")}</span>}
      </td>
    );
  };
  const diffCell = (s?: { pointsText: string }, c?: { pointsText: string }) => {
    if (!s || !c) return <td className="num muted">—</td>;
    const d = subtractTexts(c.pointsText, s.pointsText);
    return (
      <td className="num">
        <span className={diffClass(d)}>{signedText(d, locale)}</span>
      </td>
    );
  };
  const value = (code: string) => a.values.find((v) => v.criterionCode === code);

  const row = (c: TScoreComponent) => {
    const v = value(c.code);
    const appraised = c.rule.kind === "appraised";
    return (
      <tr key={c.code} data-testid={`component-${c.code}`}>
        <td>
          <code>{c.code}</code>
        </td>
        <td>{c.name}</td>
        <td className="score-rule">{ruleText(c, locale)}</td>
        <td>
          {formatComponentValue(c, v?.value, i18n)}
          {v?.note && <span className="score-note">{v.note}</span>}
        </td>
        <td>
          {v?.verifiedAt ? (
            <div className="verified-cell">
              {v.verifiedValue !== null && v.verifiedValue !== undefined ? (
                <strong>{t("review.correctedTo", { value: formatComponentValue(c, v.verifiedValue, i18n) })}</strong>
              ) : (
                <span>✓ {t("review.kept")}</span>
              )}
              {v.verifierComment && <span className="comment">{v.verifierComment}</span>}
            </div>
          ) : (
            <span className="muted">{t("review.notVerified")}</span>
          )}
        </td>
        {pointsCell(self.components.get(c.code))}
        {pointsCell(cur.components.get(c.code))}
        {fin && pointsCell(fin.components.get(c.code))}
        {diffCell(self.components.get(c.code), cur.components.get(c.code))}
        <td>
          <EvidenceList evidence={a.evidence.filter((e) => e.criterionCode === c.code)} />
        </td>
        {canVerifyValues && (
          <td>
            <button
              type="button"
              className="secondary"
              onClick={() => onVerify(c.code)}
              aria-label={t(appraised ? "score.appraiseOf" : "review.verifyValueOf", { code: c.code })}
            >
              {appraised
                ? t("score.appraiseComponent")
                : v?.verifiedAt
                  ? t("review.reverify")
                  : t("review.verifyValue")}
            </button>
          </td>
        )}
      </tr>
    );
  };

  return (
    <section aria-label={t("score.tablesTitle")}>
      <h2>{t("score.tablesTitle")}</h2>
      {missing.length > 0 && <p className="hint">{t("score.missingHint", { n: missing.length })}</p>}
      {groupsOf(set).map(({ group: g, depth }) => {
        const own = components.filter((x) => x.group === g.code).map((x) => x.component);
        const name = `${g.code} — ${g.name}`;
        return (
          <div
            key={g.code}
            className="data-table score-group"
            style={depth > 0 ? { marginLeft: `${depth * 1.25}rem` } : undefined}
          >
            <ScrollTable aria-label={name}>
              <caption className="score-caption">{name}</caption>
              <thead>
                <tr>
                  <th className="col-code">{t("review.col.code")}</th>
                  <th className="col-name">{t("score.col.name")}</th>
                  <th className="col-rule">{t("score.col.rule")}</th>
                  <th className="col-value">{t("review.col.entered")}</th>
                  <th className="col-value">{t("review.col.verified")}</th>
                  <th className="num col-points">{t("score.self")}</th>
                  <th className="num col-points">{t("score.current")}</th>
                  {fin && <th className="num col-points">{t("score.final")}</th>}
                  <th className="num col-diff">{t("score.diff")}</th>
                  <th className="col-evidence">{t("review.col.evidence")}</th>
                  {canVerifyValues && <th className="col-action">{t("review.col.action")}</th>}
                </tr>
              </thead>
              <tbody>
                <tr className="score-group-row" data-testid={`group-${g.code}`}>
                  <th scope="row">{g.code}</th>
                  <th scope="row" colSpan={4}>
                    {t("score.groupTotal", { name: g.name })}
                  </th>
                  {pointsCell(self.groups.get(g.code), true)}
                  {pointsCell(cur.groups.get(g.code), true)}
                  {fin && pointsCell(fin.groups.get(g.code), true)}
                  {diffCell(self.groups.get(g.code), cur.groups.get(g.code))}
                  <td />
                  {canVerifyValues && <td />}
                </tr>
                {own.map(row)}
              </tbody>
            </ScrollTable>
          </div>
        );
      })}
    </section>
  );
}

/** A score's groups and components by code (an absent score has none). */
function index(s: ScoreData | null) {
  return {
    groups: new Map((s?.groups ?? []).map((g) => [g.code, g])),
    components: new Map((s?.components ?? []).map((c) => [c.code, c])),
  };
}
