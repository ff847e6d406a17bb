/**
 * Which columns a criteria set's values template has: one or more per
 * criterion (levels sets) or scored component (points sets), following the
 * value shapes criteria-core accepts. The template writer and the reader both
 * derive the layout from the set here, so they cannot disagree.
 */
import { formatRule, formatTarget, isScored, scoreComponents, type TCriteriaSet } from "@cds/criteria-schema";

/** Which part of a value a column holds. */
export type FieldKey = "numerator" | "denominator" | "percent" | "value" | "count" | "total" | "childLevels" | "points";

/** How a cell of the column is read and validated in Excel. */
export type FieldKind = "whole" | "percent" | "yesNo" | "levelList" | "index" | "points";

export interface Field {
  key: FieldKey;
  kind: FieldKind;
  /** Row 2 of the sheet: the field's name, e.g. "Tử số". */
  label: string;
  /** Row 3 of the sheet: how to fill it. */
  hint: string;
  /** Drop-down choices (yesNo only). */
  choices?: string[];
  /** Upper bound for Excel's validation (points: the component's maximum; levelList: the number of levels). */
  max?: number;
}

/** One criterion (or scored component) and its columns. */
export interface Item {
  code: string;
  name: string;
  unit: string | undefined;
  /** measure kind (levels sets) or rule kind (points sets), e.g. "percentage", "bands:count". */
  shape: string;
  fields: Field[];
  /** "nếu có": may be declared as having nothing to count ({ noSubjects: true }). */
  noSubjects: boolean;
  /** Scored component that may be declared Không áp dụng ({ notApplicable: true }). */
  notApplicable: boolean;
  /** What the target or the rule says, per line, for the note and the instructions sheet. */
  requirement: string[];
  method: string | undefined;
}

export const YES = "Có";
export const NO = "Không";
export const NO_SUBJECTS = "Không có đối tượng";
export const NOT_APPLICABLE = "Không áp dụng";

function ratioFields(subject: string | undefined, unit: string | undefined): Field[] {
  const what = subject ?? "đối tượng";
  return [
    { key: "numerator", kind: "whole", label: "Tử số", hint: `Số ${what} đạt (số nguyên ≥ 0)` },
    { key: "denominator", kind: "whole", label: "Mẫu số", hint: `Tổng số ${what} (số nguyên ≥ 0)` },
    {
      key: "percent",
      kind: "percent",
      label: "Hoặc tỷ lệ (%)",
      hint: `Chỉ khi không có tử số/mẫu số: tỷ lệ ${unit === "%" || !unit ? "%" : unit} 0–100, vd. 85,5`,
    },
  ];
}

function yesNo(yesLabel: string | undefined, extra: string[]): Field {
  const choices = [YES, NO, ...extra];
  return {
    key: "value",
    kind: "yesNo",
    label: "Có/Không",
    hint: `Chọn ${choices.map((c) => `"${c}"`).join(" hoặc ")}${yesLabel ? ` (Có = ${yesLabel})` : ""}`,
    choices,
  };
}

/** The items of a set, in the order their columns appear (after the unit code and name). */
export function layout(set: TCriteriaSet): Item[] {
  if (isScored(set)) {
    return scoreComponents(set.scoring!.groups).map(({ component: c }) => {
      const mayNotApply = c.mayNotApply === true;
      const rule = c.rule;
      let fields: Field[];
      let shape: string = rule.kind;
      switch (rule.kind) {
        case "yesNo":
          fields = [yesNo(rule.yesLabel, mayNotApply ? [NOT_APPLICABLE] : [])];
          break;
        case "ratio":
          fields = ratioFields(c.subject, c.unit);
          break;
        case "bands":
          shape = `bands:${rule.on}`;
          fields =
            rule.on === "count"
              ? [
                  {
                    key: "count",
                    kind: "whole",
                    label: "Số lượng",
                    hint: `Số ${c.subject ?? "đối tượng"} (số nguyên ≥ 0)`,
                  },
                ]
              : ratioFields(c.subject, c.unit);
          break;
        case "indexValue":
          fields = [{ key: "value", kind: "index", label: "Giá trị chỉ số", hint: "Số từ 0 đến 1, vd. 0,7233" }];
          break;
        case "appraised":
          fields = [
            {
              key: "points",
              kind: "points",
              label: "Điểm thẩm định",
              hint: `Điểm Hội đồng chấm, 0–${c.max}`,
              max: c.max,
            },
          ];
          break;
      }
      if (mayNotApply && rule.kind !== "yesNo") fields[0]!.hint += `; gõ "${NOT_APPLICABLE}" nếu không áp dụng`;
      return {
        code: c.code,
        name: c.name,
        unit: c.unit,
        shape,
        fields,
        noSubjects: false,
        notApplicable: mayNotApply,
        requirement: [`Tối đa ${c.max} điểm — ${formatRule(c)}`],
        method: c.method,
      };
    });
  }
  return set.criteria.map((c) => {
    let fields: Field[];
    switch (c.measure) {
      case "percentage":
        fields = ratioFields(c.subject, c.unit);
        break;
      case "boolean":
        fields = [yesNo(c.yesLabel, c.exemptWhenNoSubjects ? [NO_SUBJECTS] : [])];
        break;
      case "minCount":
        fields = [
          { key: "count", kind: "whole", label: "Số lượng", hint: `Số ${c.subject ?? "đối tượng"} (số nguyên ≥ 0)` },
        ];
        break;
      case "countOrAll":
        fields = [
          { key: "count", kind: "whole", label: "Số đạt", hint: `Số ${c.subject ?? "đối tượng"} đạt (số nguyên ≥ 0)` },
          {
            key: "total",
            kind: "whole",
            label: "Tổng số",
            hint: `Tổng số ${c.subject ?? "đối tượng"} (số nguyên ≥ 0)`,
          },
        ];
        break;
      case "childLevels":
        fields = [
          {
            key: "childLevels",
            kind: "levelList",
            label: "Mức của từng đơn vị cấp dưới",
            hint: `Các mức 0–${set.levels.length} cách nhau bởi dấu chấm phẩy, vd. 3; 2; 4`,
            max: set.levels.length,
          },
        ];
        break;
    }
    if (c.exemptWhenNoSubjects && c.measure !== "boolean") fields[0]!.hint += `; gõ "${NO_SUBJECTS}" nếu không có`;
    return {
      code: c.code,
      name: c.name,
      unit: c.unit,
      shape: c.measure,
      fields,
      noSubjects: c.exemptWhenNoSubjects === true,
      notApplicable: false,
      requirement: set.levels.map((l, i) => `Mức ${l.rank} ${l.name}: ${formatTarget(c, c.targets[i] ?? null)}`),
      method: c.method,
    };
  });
}

/** Excel column letter of a 1-based column number. */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The sheet names and fixed rows of a values template. */
export const SHEET = "Số liệu";
export const GUIDE_SHEET = "Hướng dẫn";
export const META_SHEET = "_cds";
export const META_KIND = "cds-values-template";
export const HEADER_ROWS = 3;
export const FIRST_FIELD_COLUMN = 3;
export const CODE_HEADER = "Mã đơn vị";
export const NAME_HEADER = "Tên đơn vị";

/** Field names in English, for messageEn. */
export const FIELD_EN: Record<FieldKey, string> = {
  numerator: "numerator",
  denominator: "denominator",
  percent: "percentage",
  value: "value",
  count: "count",
  total: "total",
  childLevels: "child levels",
  points: "points",
};
