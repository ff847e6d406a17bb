import type { TCriteriaSet, TCriterion } from "@cds/criteria-schema";
import type { AssessmentData } from "../api.ts";
import type { AssessmentDraft } from "../useAssessmentDraft.ts";

/** What every part of the workspace is given: the assessment, its pinned set, what the user may do, the draft. */
export interface WorkspaceProps {
  assessmentId: string;
  data: AssessmentData;
  set: TCriteriaSet;
  byCode: Map<string, TCriterion>;
  /** The API allows saving values now (the same rule it enforces). */
  editable: boolean;
  registered: number | null;
  d: AssessmentDraft;
  levelName: (l: number) => string | undefined;
}
