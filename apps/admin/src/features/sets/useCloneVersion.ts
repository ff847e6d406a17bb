import { useMutation, useQueryClient } from "@tanstack/react-query";
import { navigate } from "@cds/ui";
import { cloneVersion, setsKeys, versionHref } from "./api.ts";

/**
 * "Nhân bản cho tỉnh", "Tạo phiên bản mới" and the two choices of CloneChoiceDialog:
 * clone a version into a draft, then open the draft.
 */
export function useCloneVersion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { sourceVersionId: string; tenantId: string; startOver?: boolean }) =>
      cloneVersion(v.sourceVersionId, v.tenantId, v.startOver),
    onSuccess: async (draft) => {
      await qc.invalidateQueries({ queryKey: setsKeys.all });
      navigate(versionHref(draft.id));
    },
    // A refused clone ("already has a draft") may mean the list is stale: refresh it so the draft's link shows.
    onError: () => qc.invalidateQueries({ queryKey: setsKeys.all }),
  });
}
