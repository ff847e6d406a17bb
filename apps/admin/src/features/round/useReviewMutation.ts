/** A review action's mutation: after it, the assessment is read again and the lists it appears in refreshed. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@cds/ui";
import type { AssessmentDetail } from "./queries.ts";

export type Done = (message: string) => void;

export function useReviewMutation<V>(a: AssessmentDetail, run: (vars: V) => Promise<unknown>) {
  const qc = useQueryClient();
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ["assessment", a.id] }),
      qc.invalidateQueries({ queryKey: ["roundAssessments"] }),
      qc.invalidateQueries({ queryKey: ["roundSummary"] }),
    ]);
  return useMutation({
    mutationFn: run,
    onSuccess: refresh,
    // A conflict or a workflow refusal means the assessment changed meanwhile: show its current state.
    onError: (e) => {
      if (e instanceof ApiError && ["CONFLICT", "WORKFLOW"].includes(e.code)) void refresh();
    },
  });
}
