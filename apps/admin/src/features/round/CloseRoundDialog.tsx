/**
 * "Đóng đợt" / "Mở lại đợt", after a confirmation that says what it means: once closed, the units can no
 * longer enter values or submit (the review of what was submitted goes on); reopened, they can again.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request, unwrap, useI18n } from "@cds/ui";
import { ActionError, Dialog } from "./dialog.tsx";
import { CloseRoundMutation } from "./round-admin-queries.ts";
import type { RoundRow } from "./rounds-queries.ts";

export function CloseRoundDialog({
  round,
  onClose,
  onDone,
}: {
  round: RoundRow;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  // The dialog closes an open round, reopens a closed one.
  const closing = !round.closedAt;
  const m = useMutation({
    mutationFn: async () =>
      unwrap((await request(CloseRoundMutation, { roundId: round.id, closed: closing })).closeRound),
    onSuccess: async () => {
      // What the users may do on the round's assessments changes with it ("Cần xử lý").
      await Promise.all([
        qc.invalidateQueries({ queryKey: ["rounds"] }),
        qc.invalidateQueries({ queryKey: ["roundAssessments", round.id] }),
      ]);
      onDone(t(closing ? "roundAdmin.done.close" : "roundAdmin.done.reopen"));
    },
  });
  return (
    <Dialog title={t(closing ? "roundAdmin.closeTitle" : "roundAdmin.reopenTitle")} onClose={onClose}>
      <p>{t(closing ? "roundAdmin.closeBody" : "roundAdmin.reopenBody", { name: round.name })}</p>
      <ActionError error={m.error} />
      <div className="buttons">
        <button type="button" className="secondary" onClick={onClose}>
          {t("common.cancel")}
        </button>
        <button
          type="button"
          className={closing ? "danger" : undefined}
          disabled={m.isPending}
          onClick={() => m.mutate()}
        >
          {m.isPending ? t("common.working") : t(closing ? "roundAdmin.confirmClose" : "roundAdmin.confirmReopen")}
        </button>
      </div>
    </Dialog>
  );
}
