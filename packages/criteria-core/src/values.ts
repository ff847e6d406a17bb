/**
 * Indicator values as a unit enters them, and the typed errors for values
 * that cannot be judged. A missing value is `null` or absent: it is judged
 * `missing`, never a pass or a fail.
 */
export type PercentValue = number;
export interface RatioValue {
  numerator: number;
  denominator: number;
}
export interface CountValue {
  count: number;
}
export interface CountOfTotalValue {
  count: number;
  total: number;
}
export interface ChildLevelsValue {
  childLevels: number[];
}
/** For a criterion marked "nếu có" (exemptWhenNoSubjects): the unit has nothing to count. */
export interface NoSubjectsValue {
  noSubjects: true;
}

/** For a scored component marked `appraised`: the points the appraisal council gave. */
export interface AppraisedValue {
  points: number;
}
/** For a scored component marked `mayNotApply`: it does not apply to this unit. */
export interface NotApplicableValue {
  notApplicable: true;
}

/** A value of a scored component (Bộ chỉ số): see `ComponentValues`. */
export type ComponentValue =
  PercentValue | boolean | RatioValue | CountValue | AppraisedValue | NotApplicableValue | null;

/**
 * Values of a scored set keyed by component code: yesNo → true/false; ratio and
 * percentage bands → { numerator, denominator } or a percent 0–100; count
 * bands → { count }; indexValue → a number 0..1; appraised → { points };
 * { notApplicable: true } where the component may not apply.
 */
export type ComponentValues = Readonly<Record<string, ComponentValue | undefined>>;

export type IndicatorValue =
  PercentValue | boolean | RatioValue | CountValue | CountOfTotalValue | ChildLevelsValue | NoSubjectsValue | null;

/** Values keyed by criterion code. */
export type IndicatorValues = Readonly<Record<string, IndicatorValue | undefined>>;

export type ValueIssueReason =
  | "not_an_object"
  | "unknown_criterion"
  | "wrong_shape"
  | "not_a_number"
  | "negative"
  | "not_integer"
  | "too_large"
  | "percent_over_100"
  | "numerator_exceeds_denominator"
  | "count_exceeds_total"
  | "zero_denominator"
  | "no_children"
  | "level_out_of_range"
  | "not_exempt"
  | "not_applicable_not_allowed"
  | "index_over_1"
  | "points_over_max"
  | "points_not_a_step";

export interface ValueIssue {
  /** The criterion code, or "" when the issue is about the values object itself. */
  criterion: string;
  /** Dotted field name, e.g. "CQS-02.denominator". */
  field: string;
  reason: ValueIssueReason;
  message: string;
  messageEn: string;
}

/** Thrown by `evaluate` when any value cannot be judged; lists every issue, not just the first. */
export class InvalidValuesError extends Error {
  override readonly name = "InvalidValuesError";
  constructor(readonly issues: ValueIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join("; "));
  }
}

/** The names a measure expects, for error messages. */
export const VALUE_SHAPES = {
  percentage: '{ "numerator": n, "denominator": d } hoặc một số phần trăm 0–100',
  boolean: "true hoặc false",
  minCount: '{ "count": n }',
  countOrAll: '{ "count": n, "total": t }',
  childLevels: '{ "childLevels": [mức của từng đơn vị cấp dưới] }',
} as const;

export const VALUE_SHAPES_EN = {
  percentage: '{ "numerator": n, "denominator": d } or a percent 0–100',
  boolean: "true or false",
  minCount: '{ "count": n }',
  countOrAll: '{ "count": n, "total": t }',
  childLevels: '{ "childLevels": [level of each child unit] }',
} as const;

const REASONS: Record<ValueIssueReason, [vi: string, en: string]> = {
  not_an_object: [
    "số liệu phải là một đối tượng JSON theo mã tiêu chí",
    "values must be a JSON object keyed by criterion code",
  ],
  unknown_criterion: ["không có tiêu chí này trong bộ tiêu chí", "no such criterion in the set"],
  wrong_shape: ["sai dạng số liệu", "wrong kind of value"],
  not_a_number: ["phải là một số hữu hạn", "must be a finite number"],
  negative: ["không được âm", "must not be negative"],
  not_integer: ["phải là số nguyên", "must be a whole number"],
  too_large: ["quá lớn", "is too large"],
  percent_over_100: ["tỷ lệ không được lớn hơn 100%", "a percentage cannot exceed 100%"],
  numerator_exceeds_denominator: ["tử số lớn hơn mẫu số", "numerator is greater than denominator"],
  count_exceeds_total: ["số đạt lớn hơn tổng số", "count is greater than total"],
  zero_denominator: [
    "mẫu số bằng 0 (tiêu chí này không được miễn khi không có đối tượng)",
    "denominator is 0 (this criterion is not exempt when there is nothing to count)",
  ],
  no_children: ["không có đơn vị cấp dưới nào", "there are no child units"],
  level_out_of_range: ["mức độ không hợp lệ", "level out of range"],
  not_exempt: [
    'tiêu chí này không thuộc loại "nếu có" nên không thể khai báo không có đối tượng',
    'this criterion is not "if any", so it cannot be declared as having no subjects',
  ],
  not_applicable_not_allowed: [
    "chỉ số thành phần này không được khai báo Không áp dụng",
    "this component cannot be declared not applicable",
  ],
  index_over_1: ["giá trị chỉ số phải từ 0 đến 1", "an index value must be 0 to 1"],
  points_over_max: ["số điểm lớn hơn điểm tối đa", "points exceed the maximum"],
  points_not_a_step: ["số điểm không theo bước điểm cho phép", "points are not a whole number of steps"],
};

/** The value a scoring rule expects, for error messages. */
export const RULE_VALUE_SHAPES = {
  yesNo: ["true hoặc false", "true or false"],
  ratio: [
    '{ "numerator": n, "denominator": d } hoặc một số phần trăm 0–100',
    '{ "numerator": n, "denominator": d } or a percent 0–100',
  ],
  bandsPercentage: [
    '{ "numerator": n, "denominator": d } hoặc một số phần trăm 0–100',
    '{ "numerator": n, "denominator": d } or a percent 0–100',
  ],
  bandsCount: ['{ "count": n }', '{ "count": n }'],
  indexValue: ["một số từ 0 đến 1", "a number from 0 to 1"],
  appraised: ['{ "points": p }', '{ "points": p }'],
} as const;

export function valueIssue(
  criterion: string,
  field: string,
  reason: ValueIssueReason,
  detail?: [string, string],
): ValueIssue {
  const [vi, en] = REASONS[reason];
  const name = field || "values";
  return {
    criterion,
    field: name,
    reason,
    message: `${name}: ${vi}${detail ? ` (${detail[0]})` : ""}`,
    messageEn: `${name}: ${en}${detail ? ` (${detail[1]})` : ""}`,
  };
}
