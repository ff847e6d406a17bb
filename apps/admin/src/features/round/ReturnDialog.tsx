/**
 * Returning an assessment to the unit, with an overall comment and comments per criterion (per component
 * of a scored index), each of which may ask for more evidence ("Cần bổ sung minh chứng").
 */
import { useState, type FormEvent } from "react";
import { request, unwrap, useI18n, type ApiError } from "@cds/ui";
import { ActionError, Dialog, inputError } from "./dialog.tsx";
import { ReturnMutation, type AssessmentDetail } from "./queries.ts";
import { useReviewMutation, type Done } from "./useReviewMutation.ts";

interface CommentDraft {
  key: number;
  criterionCode: string;
  body: string;
  needsEvidence: boolean;
}

interface SentComment {
  criterionCode: string | null;
  body: string;
  needsEvidence?: boolean;
}

/** What a comment can be about: the set's criteria, or a scored index's components. */
export interface CommentTarget {
  code: string;
  name: string;
}

export function ReturnDialog({
  a,
  targets,
  onClose,
  onDone,
}: {
  a: AssessmentDetail;
  targets: CommentTarget[];
  onClose: () => void;
  onDone: Done;
}) {
  const { t } = useI18n();
  const [overall, setOverall] = useState("");
  const [items, setItems] = useState<CommentDraft[]>([]);
  const [local, setLocal] = useState<ApiError | null>(null);
  const m = useReviewMutation(a, async (comments: SentComment[]) =>
    unwrap((await request(ReturnMutation, { assessmentId: a.id, version: a.version, comments })).returnAssessment),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const comments: SentComment[] = [
      ...(overall.trim() ? [{ criterionCode: null, body: overall.trim() }] : []),
      ...items
        .filter((i) => i.body.trim())
        .map((i) => ({
          criterionCode: i.criterionCode || null,
          body: i.body.trim(),
          needsEvidence: i.needsEvidence && Boolean(i.criterionCode),
        })),
    ];
    if (comments.length === 0) {
      setLocal(
        inputError([{ field: "comments", message: t("review.err.comments"), messageEn: "Say why it is returned" }]),
      );
      return;
    }
    setLocal(null);
    m.mutate(comments, { onSuccess: () => onDone(t("review.done.return")) });
  };
  const update = (key: number, patch: Partial<CommentDraft>) =>
    setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  return (
    <Dialog title={t("review.returnTitle")} onClose={onClose}>
      <form onSubmit={submit} style={{ display: "flex", flexDirection: "column", gap: "0.7rem" }} noValidate>
        <p className="hint">{t("review.returnHint")}</p>
        <label>
          {t("review.overallComment")}
          <textarea value={overall} onChange={(e) => setOverall(e.target.value)} />
        </label>
        {items.map((it, i) => (
          <div className="comment-row" key={it.key}>
            <label>
              {t("review.commentCriterion", { n: i + 1 })}
              <select value={it.criterionCode} onChange={(e) => update(it.key, { criterionCode: e.target.value })}>
                {targets.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} — {c.name.length > 60 ? `${c.name.slice(0, 60)}…` : c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("review.commentBody", { n: i + 1 })}
              <textarea
                value={it.body}
                onChange={(e) => update(it.key, { body: e.target.value })}
                style={{ minHeight: "3rem" }}
              />
            </label>
            <button
              type="button"
              className="link"
              style={{ marginTop: "1.6rem" }}
              onClick={() => setItems((xs) => xs.filter((x) => x.key !== it.key))}
            >
              {t("review.removeComment")}
            </button>
            <label className="radio needs-evidence">
              <input
                type="checkbox"
                checked={it.needsEvidence}
                onChange={(e) => update(it.key, { needsEvidence: e.target.checked })}
                aria-label={t("review.needsEvidenceOf", { n: i + 1 })}
              />
              {t("review.needsEvidence")}
            </label>
          </div>
        ))}
        <div>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              setItems((xs) => [
                ...xs,
                {
                  key: Date.now() + xs.length,
                  criterionCode: targets[0]?.code ?? "",
                  body: "",
                  needsEvidence: false,
                },
              ])
            }
          >
            + {t("review.addComment")}
          </button>
        </div>
        <ActionError error={local ?? m.error} labels={{ comments: t("review.commentsField") }} />
        <div className="buttons">
          <button type="button" className="secondary" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="danger" disabled={m.isPending}>
            {m.isPending ? t("common.working") : t("review.return")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
