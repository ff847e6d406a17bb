/** The criteria table of the review page: entered and verified values, evidence, per-level results, the verify action. */
import { useMemo } from "react";
import { CriterionStatus, formatValue, useI18n, type Column, type ValueFormat } from "@cds/ui";
import type { AssessmentDetail, CriterionRow } from "./queries.ts";

export type Row = CriterionRow & {
  value: AssessmentDetail["values"][number] | undefined;
  evidence: AssessmentDetail["evidence"];
  results: string[];
};

type LevelResult = NonNullable<AssessmentDetail["evaluation"]>["levels"][number];

function verifiedText(r: Row, fmt: ValueFormat): string | null {
  const { t } = fmt;
  if (!r.value?.verifiedAt) return null;
  const v =
    r.value.verifiedValue !== null && r.value.verifiedValue !== undefined
      ? t("review.correctedTo", { value: formatValue(r.value.verifiedValue, fmt) })
      : t("review.kept");
  return r.value.verifierComment ? `${v} — ${r.value.verifierComment}` : v;
}

/** An assessment's evidence for one criterion or component: links that open the file, with its size. */
export function EvidenceList({ evidence }: { evidence: AssessmentDetail["evidence"] }) {
  const { number } = useI18n();
  if (evidence.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="evidence-list">
      {evidence.map((e) => (
        <li key={e.id}>
          <a
            href={`/evidence/${encodeURIComponent(e.id)}`}
            target="_blank"
            rel="noreferrer"
            onClick={(ev) => ev.stopPropagation()}
          >
            {e.fileName}
          </a>{" "}
          <span className="muted">({formatSize(e.size, number)})</span>
        </li>
      ))}
    </ul>
  );
}

function formatSize(bytes: number, number: (n: number) => string): string {
  if (bytes < 1024) return `${number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${number(Math.round(bytes / 102.4) / 10)} KB`;
  return `${number(Math.round(bytes / (1024 * 102.4)) / 10)} MB`;
}

export function useReviewColumns(
  levels: LevelResult[],
  canVerifyValues: boolean,
  onVerify: (code: string) => void,
): Column<Row>[] {
  const i18n = useI18n();
  return useMemo<Column<Row>[]>(() => {
    const { t } = i18n;
    const cols: Column<Row>[] = [
      { key: "code", header: t("review.col.code"), value: (r) => r.code, render: (r) => <code>{r.code}</code> },
      {
        key: "name",
        header: t("review.col.name"),
        value: (r) => r.name,
        render: (r) => (
          <div className="crit-name">
            {r.name}
            {r.local && <span className="local">{t("review.local")}</span>}
          </div>
        ),
      },
      {
        key: "entered",
        header: t("review.col.entered"),
        value: (r) => formatValue(r.value?.value, i18n),
        render: (r) => (
          <div>
            {formatValue(r.value?.value, i18n)}
            {r.value?.note && (
              <span className="muted" style={{ display: "block", fontSize: "0.85rem" }}>
                {r.value.note}
              </span>
            )}
          </div>
        ),
      },
      {
        key: "verified",
        header: t("review.col.verified"),
        value: (r) => verifiedText(r, i18n),
        render: (r) =>
          r.value?.verifiedAt ? (
            <div className="verified-cell">
              {r.value.verifiedValue !== null && r.value.verifiedValue !== undefined ? (
                <strong>{t("review.correctedTo", { value: formatValue(r.value.verifiedValue, i18n) })}</strong>
              ) : (
                <span>✓ {t("review.kept")}</span>
              )}
              {r.value.verifierComment && <span className="comment">{r.value.verifierComment}</span>}
            </div>
          ) : (
            <span className="muted">{t("review.notVerified")}</span>
          ),
      },
      {
        key: "evidence",
        header: t("review.col.evidence"),
        value: (r) => r.evidence.map((e) => e.fileName).join("; ") || null,
        render: (r) => <EvidenceList evidence={r.evidence} />,
      },
      ...levels.map<Column<Row>>((l, i) => ({
        key: `l${l.level}`,
        header: `M${l.level}`,
        value: (r) => (r.results[i] ? t(`criterion.${r.results[i]}`) : null),
        render: (r) => (r.results[i] ? <CriterionStatus status={r.results[i]} /> : "—"),
      })),
    ];
    if (canVerifyValues) {
      cols.push({
        key: "action",
        header: t("review.col.action"),
        value: () => null,
        render: (r) =>
          r.measure === "childLevels" ? (
            <span className="muted">{t("review.computedFromChildren")}</span>
          ) : (
            <button
              type="button"
              className="secondary"
              onClick={() => onVerify(r.code)}
              aria-label={t("review.verifyValueOf", { code: r.code })}
            >
              {r.value?.verifiedAt ? t("review.reverify") : t("review.verifyValue")}
            </button>
          ),
      });
    }
    return cols;
  }, [i18n, levels, canVerifyValues, onVerify]);
}
