import type { TCriteriaSet, TCriterion } from "@cds/criteria-schema";
import type { AssessmentData } from "../api.ts";
import type { FormModel } from "../judge.ts";
import type { AssessmentDraft } from "../useAssessmentDraft.ts";

/** What every part of the workspace is given: the assessment, its pinned set, what the user may do, the draft. */
export interface WorkspaceProps {
  assessmentId: string;
  data: AssessmentData;
  set: TCriteriaSet;
  /** The set's criteria by code (empty for a scored index, whose values are keyed by component). */
  byCode: Map<string, TCriterion>;
  /** How the set's values are read, written and judged: by criterion (levels) or by component (points). */
  model: FormModel;
  /** The API allows saving values now (the same rule it enforces). */
  editable: boolean;
  registered: number | null;
  d: AssessmentDraft;
  levelName: (l: number) => string | undefined;
}
