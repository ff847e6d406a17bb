export { recognitionDecision, LOCAL_GOVERNMENT_LAW, DECISION_2361 } from "./recognition-decision.ts";
export type { RecognitionDecisionInput, RecognisedUnit } from "./recognition-decision.ts";
export {
  DocumentInputError,
  LEVEL_NAMES,
  formatDate,
  formatLevel,
  formatLongDate,
  formatNumber,
  formatPercent,
  formatTime,
} from "./format.ts";
export type { Level } from "./format.ts";
export type { DocumentMeta, Issuer, JudgedBy } from "./types.ts";
export type { SignatureBlock } from "./layout.ts";
export { appraisalMinutes } from "./appraisal-minutes.ts";
export type { AppraisalMinutesInput, AppraisedUnit, CouncilMember } from "./appraisal-minutes.ts";
export { unitResultSheet, formatValue, RESULT_LABELS } from "./unit-result-sheet.ts";
export type { CriterionLine, CriterionResult, CriterionValue, UnitResultSheetInput } from "./unit-result-sheet.ts";
export { provinceYearlyReport } from "./province-yearly-report.ts";
export type { CriterionPassRate, LevelsByKind, ProvinceYearlyReportInput } from "./province-yearly-report.ts";
