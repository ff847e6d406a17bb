/**
 * Selections both apps make of the same data, written once: an assessment's values,
 * evidence and review comments, and its evaluation by level. Unmasked, so the
 * results type as plain fields.
 */
import { graphql } from "./graphql.ts";

export const IndicatorValueFields = graphql(`
  fragment IndicatorValueFields on IndicatorValue @_unmask {
    criterionCode
    value
    effectiveValue
    note
    verifiedValue
    verifierComment
    verifiedAt
  }
`);

export const EvidenceFields = graphql(`
  fragment EvidenceFields on Evidence @_unmask {
    id
    criterionCode
    fileName
    mimeType
    size
    createdAt
  }
`);

export const ReviewCommentFields = graphql(`
  fragment ReviewCommentFields on ReviewComment @_unmask {
    id
    criterionCode
    body
    createdAt
  }
`);

/** The evaluation as the unit's workspace shows it: the level reached, each level's tally, each criterion's results. */
export const EvaluationFields = graphql(`
  fragment EvaluationFields on Evaluation @_unmask {
    level
    levels {
      level
      met
      failing
      missing
      exempt
    }
    criteria {
      code
      results
    }
  }
`);

/** A kind of unit (province, district, commune) with its names and the kind above it. */
export const UnitKindFields = graphql(`
  fragment UnitKindFields on UnitKind @_unmask {
    code
    name
    nameEn
    parentCode
  }
`);
