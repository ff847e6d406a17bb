/** Returning an assessment to the unit, with an overall comment and comments per criterion. */
import { useState, type FormEvent } from "react";
import { request, unwrap, useI18n, type ApiError } from "@cds/ui";
import { ActionError, Dialog, inputError } from "./dialog.tsx";
import { ReturnMutation, type AssessmentDetail } from "./queries.ts";
import { useReviewMutation, type Done } from "./useReviewMutation.ts";

interface CommentDraft {
  key: number;
  criterionCode: string;
  body: string;
}

export function ReturnDialog({ a, onClose, onDone }: { a: AssessmentDetail; onClose: () => void; onDone: Done }) {
  const { t } = useI18n();
  const [overall, setOverall] = useState("");
  const [items, setItems] = useState<CommentDraft[]>([]);
  const [local, setLocal] = useState<ApiError | null>(null);
  const m = useReviewMutation(a, async (comments: { criterionCode: string | null; body: string }[]) =>
    unwrap((await request(ReturnMutation, { assessmentId: a.id, version: a.version, comments })).returnAssessment),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const comments = [
      ...(overall.trim() ? [{ criterionCode: null, body: overall.trim() }] : []),
      ...items
        .filter((i) => i.body.trim())
        .map((i) => ({ criterionCode: i.criterionCode || null, body: i.body.trim() })),
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
                {a.setVersion.criteria.map((c) => (
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
          </div>
        ))}
        <div>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              setItems((xs) => [
                ...xs,
                { key: Date.now() + xs.length, criterionCode: a.setVersion.criteria[0]?.code ?? "", body: "" },
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
