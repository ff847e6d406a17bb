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

/** The evaluation as the unit's workspace and the review show it: the level reached, each level's tally, each criterion's results. */
export const EvaluationFields = graphql(`
  fragment EvaluationFields on Evaluation @_unmask {
    level
    levelName
    levelNameEn
    levels {
      level
      name
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

/** The unit an assessment is of, as the unit's own screens and the review name it. */
export const AssessedUnitFields = graphql(`
  fragment AssessedUnitFields on Unit @_unmask {
    id
    code
    name
    type
    path
    parent {
      name
      path
    }
    tenant {
      code
      name
    }
  }
`);

/** One assessment as the unit's workspace and the review both read it: its state and levels, the unit, the values, evidence and comments, and the evaluation. */
export const AssessmentFields = graphql(
  `
    fragment AssessmentFields on Assessment @_unmask {
      id
      status
      allowedActions
      version
      registeredLevel
      computedLevel
      selfAssessedLevel
      appraisedLevel
      recognisedLevel
      recognitionDecision
      recognitionDate
      submittedAt
      unit {
        ...AssessedUnitFields
      }
      values {
        ...IndicatorValueFields
      }
      evidence {
        ...EvidenceFields
      }
      comments {
        ...ReviewCommentFields
      }
      evaluation {
        ...EvaluationFields
      }
    }
  `,
  [AssessedUnitFields, IndicatorValueFields, EvidenceFields, ReviewCommentFields, EvaluationFields],
);

/** A criteria set as its lists show it: code, title, the unit kind it is for, and whose it is. */
export const CriteriaSetFields = graphql(`
  fragment CriteriaSetFields on CriteriaSet @_unmask {
    id
    code
    title
    unitKind
    tenant {
      id
      code
      name
      kind
    }
  }
`);

/** A criteria-set version as the lists of sets show it: its number, status and decision. */
export const SetVersionSummaryFields = graphql(`
  fragment SetVersionSummaryFields on CriteriaSetVersion @_unmask {
    id
    version
    status
    decisionNumber
    decisionDate
    publishedAt
  }
`);

/**
 * Where a unit came from across the reform: the old units merged into it (whole or in part) with their last
 * recognition (level, decision, year), the declared baseline with its rule, and, for an old unit, what it was
 * merged into. Flat (no nested fragment): it sits deep in the review's query, under the API's depth limit.
 */
export const UnitLineageFields = graphql(`
  fragment UnitLineageFields on Unit @_unmask {
    validFrom
    validTo
    predecessors {
      kind
      unit {
        code
        name
        validTo
        lastRecognition {
          recognisedLevel
          recognitionDecision
          recognitionDate
          round {
            year
          }
        }
      }
    }
    successors {
      kind
      unit {
        code
        name
      }
    }
    baseline {
      rule
      ruleText
      level
      distribution
      recognised
      unrecognised
    }
  }
`);

/** Who verifies, appraises and recognises in a round, and where they sit (PARENT: the level above; PROVINCE). */
export const ReviewChainFields = graphql(`
  fragment ReviewChainFields on ReviewChain @_unmask {
    verify {
      roles
      at
    }
    appraise {
      roles
      at
    }
    recognise {
      roles
      at
    }
  }
`);

/**
 * A scored index's score (Bộ chỉ số) as the API computes it (criteria-core's `score`), read by the unit's
 * workspace and the review alike: the engine's rounded texts and exact value, the groups (pillars, main
 * indices) and the components. Every number is the engine's; none is recomputed by a screen.
 */
export const ScoreFields = graphql(`
  fragment ScoreFields on Score @_unmask {
    score
    scoreText
    maxScore
    exact {
      numerator
      denominator
    }
    level
    levelName
    groups {
      code
      name
      parent
      points
      pointsText
      max
      index
      indexText
      weight
      notApplicable
    }
    components {
      code
      group
      status
      points
      pointsText
      max
      band
    }
    missing
    notApplicable
  }
`);
