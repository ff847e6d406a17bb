export {
  evaluate,
  tryEvaluate,
  NotJudgedByLevelsError,
  checkValue,
  childLevelsValue,
  type Evaluation,
  type EvaluateResult,
  type CriterionEvaluation,
  type LevelEvaluation,
  type Status,
} from "./evaluate.ts";
export { gaps, type Gap } from "./gaps.ts";
export { diff, type SetDiff, type CriterionDiff, type TargetDiff, type FieldChange } from "./diff.ts";
export {
  rollup,
  levelDistribution,
  predecessorBaseline,
  PREDECESSOR_BASELINE_RULE,
  type PredecessorBaseline,
  type Rollup,
  type Rate,
  type CriterionLevelTally,
} from "./rollup.ts";
export * from "./values.ts";
export {
  score,
  tryScore,
  NotScoredError,
  type Score,
  type ScoreResult,
  type ComponentScore,
  type GroupScore,
  type ComponentStatus,
} from "./points.ts";
export { rank, rankUnits, rankingGroupFor, type RankInput, type RankRow, type UnitValues } from "./rank.ts";
export { pointsGaps, formatPoints, scoreDifference, type PointsGap } from "./points-gaps.ts";
export { diffPoints, type PointsDiff, type ComponentChange, type GroupChange } from "./points-diff.ts";
