/** Selections both portal features make of the same data, written once (unmasked: the results type as plain fields). */
import { graphql } from "@cds/ui";

/** The criteria-set version an assessment is pinned to, with its decision and issuer. */
export const PinnedSetVersionFields = graphql(`
  fragment PinnedSetVersionFields on CriteriaSetVersion @_unmask {
    id
    version
    decisionNumber
    decisionDate
    document
    set {
      title
      tenant {
        name
      }
    }
  }
`);

/** Why submitting is refused now (the API's one precondition; empty when it is allowed). */
export const SubmitProblemFields = graphql(`
  fragment SubmitProblemFields on ValueIssue @_unmask {
    criterion
    field
    reason
    message
    messageEn
  }
`);
