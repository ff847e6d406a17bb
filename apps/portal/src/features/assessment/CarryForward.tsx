/**
 * "Lấy số liệu từ hồ sơ trước": offered on a DRAFT assessment with no values yet when the API lists an earlier
 * assessment of the unit (or of a unit merged into it). The preview is the API's (carryForwardPreview): per
 * criterion of this assessment's version, the old value and what happens to it — kept and copied, changed (to
 * review; copied only when ticked), new (left empty), no longer in the set. "Chuyển" calls carryForward with the
 * version read, then the assessment is refetched so the form shows the copied values, judged against its own set.
 */
import { useState } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorBox, formatValue, Notice, request, unwrap, useI18n } from "@cds/ui";
import {
  CarryForwardMutation,
  carryPreviewQuery,
  type CarryItemData,
  type CarryPreviewData,
} from "./carry-forward-api.ts";

const MEASURES = ["percentage", "boolean", "minCount", "countOrAll", "childLevels"];

export function CarryForward({
  assessmentId,
  version,
  hasValues,
  disabled = false,
}: {
  assessmentId: string;
  /** The assessment's version as read: carrying sends it, so a save in between is a conflict. */
  version: number;
  /** The assessment already has values: nothing is offered (the API never overwrites one either). */
  hasValues: boolean;
  disabled?: boolean;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState<string | null>(null);
  const [include, setInclude] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ n: number; year: number } | null>(null);
  const q = useQuery({
    ...carryPreviewQuery(assessmentId, from),
    enabled: !hasValues && done === null,
    placeholderData: keepPreviousData,
  });

  if (done) {
    return (
      <section className="card pa-carry" aria-labelledby="carry-title">
        <h2 id="carry-title">{t("carry.title")}</h2>
        <Notice kind="ok">{t("carry.done", { n: done.n, year: done.year })}</Notice>
      </section>
    );
  }
  const p = q.data;
  // Nothing to offer (or the preview failed): the workspace goes on without it.
  if (hasValues || !p || !p.allowed || !p.source || p.candidates.length === 0) return null;
  const source = p.source;
  const copied = p.items.filter((i) => i.status === "COPIED").length;
  const n = copied + include.size;

  const choose = (id: string) => {
    setFrom(id);
    setInclude(new Set());
  };
  const toggle = (code: string, on: boolean) => {
    const next = new Set(include);
    if (on) next.add(code);
    else next.delete(code);
    setInclude(next);
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = unwrap(
        (
          await request(CarryForwardMutation, {
            input: {
              assessmentId,
              fromAssessmentId: source.assessment.id,
              version,
              includeChanged: [...include],
            },
          })
        ).carryForward,
      );
      setDone({ n: r.copied.length, year: source.year });
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ["assessment", assessmentId] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card pa-carry" aria-labelledby="carry-title">
      <h2 id="carry-title">{t("carry.title")}</h2>
      <p className="muted">{t("carry.hint", { year: source.year, unit: source.assessment.unit.name })}</p>
      {!open ? (
        <div className="row">
          <button type="button" onClick={() => setOpen(true)} disabled={disabled}>
            {t("carry.open")}
          </button>
        </div>
      ) : (
        <div>
          {p.candidates.length > 1 && (
            <label className="field">
              <span>{t("carry.source")}</span>
              <select value={source.assessment.id} onChange={(e) => choose(e.target.value)} disabled={busy}>
                {p.candidates.map((c) => (
                  <option key={c.assessment.id} value={c.assessment.id}>
                    {candidateLabel(c, t)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {source.lineage !== "SELF" && (
            <Notice kind="warn">{t(`carry.lineage.${source.lineage}`, { unit: source.assessment.unit.name })}</Notice>
          )}
          <div className="table-scroll">
            <table data-testid="carry-preview">
              <thead>
                <tr>
                  <th>{t("carry.criterion")}</th>
                  <th>{t("carry.oldValue")}</th>
                  <th>{t("carry.status")}</th>
                  <th>{t("carry.include")}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((i) => (
                  <tr key={i.criterionCode} data-status={i.status}>
                    <td>
                      <strong>{i.criterionCode}</strong> {i.name}
                    </td>
                    <td>{i.status === "NEW" ? "—" : formatValue(i.value, i18n)}</td>
                    <td>
                      {t(`carry.status.${i.status}`)}
                      {i.reason && i.status !== "COPIED" && (
                        <span className="muted">
                          {" "}
                          ({locale === "en" ? i.reasonMessageEn : i.reasonMessage}
                          {i.issues.length > 0 &&
                            `: ${i.issues.map((x) => (locale === "en" ? x.messageEn : x.message)).join("; ")}`}
                          )
                        </span>
                      )}
                      {i.status === "CHANGED" && <Changes item={i} />}
                    </td>
                    <td>
                      {i.status === "CHANGED" && !i.reason && (
                        <input
                          type="checkbox"
                          aria-label={t("carry.includeAria", { code: i.criterionCode })}
                          checked={include.has(i.criterionCode)}
                          disabled={busy}
                          onChange={(e) => toggle(i.criterionCode, e.target.checked)}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>{t("carry.judgedHere")}</p>
          {error !== null && <ErrorBox error={error} />}
          <div className="row">
            <button type="button" onClick={() => void confirm()} disabled={busy || disabled || n === 0}>
              {busy ? t("carry.carrying") : t("carry.confirm", { n })}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)} disabled={busy}>
              {t("carry.cancel")}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function candidateLabel(
  c: CarryPreviewData["candidates"][number],
  t: (k: string, p?: Record<string, string | number>) => string,
) {
  return t("carry.candidate", {
    year: c.year,
    unit: c.assessment.unit.name,
    v: c.assessment.setVersion.version,
    n: c.valueCount,
  });
}

/** What changed in a criterion that needs review (name, method, unit, measure, "nếu có"), from → to. */
function Changes({ item }: { item: CarryItemData }) {
  const { t } = useI18n();
  const shown = (field: string, v: string) =>
    field === "measure" && MEASURES.includes(v) ? t(`carry.measure.${v}`) : v;
  const review = item.changes.filter((c) => c.review);
  if (review.length === 0) return null;
  return (
    <ul className="pa-carry-changes">
      {review.map((c, k) => (
        <li key={k}>
          {t(`carry.field.${c.field}`)}: {shown(c.field, c.from)} → {shown(c.field, c.to)}
        </li>
      ))}
    </ul>
  );
}
