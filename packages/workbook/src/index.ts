export { valuesTemplate, type TemplateUnit } from "./template.ts";
export {
  readValues,
  type ReadResult,
  type ReadOptions,
  type UnitRow,
  type WorkbookIssue,
  type IssueKind,
  type Value,
  type Values,
} from "./read.ts";
export { diffValues, type UnitValuesIn, type UnitChanges, type ValueChange } from "./diff.ts";
export { tableWorkbook, type TableColumn, type TableOptions, type ColumnType } from "./table.ts";
export {
  layout,
  columnLetter,
  FIRST_FIELD_COLUMN,
  type Item,
  type Field,
  type FieldKey,
  type FieldKind,
} from "./layout.ts";
export { parseNumber } from "./cells.ts";
