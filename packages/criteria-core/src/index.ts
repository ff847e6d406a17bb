export {
  evaluate,
  tryEvaluate,
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
export { rollup, levelDistribution, type Rollup, type Rate, type CriterionLevelTally } from "./rollup.ts";
export * from "./values.ts";
