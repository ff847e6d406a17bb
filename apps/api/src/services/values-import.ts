/**
 * Excel in, for one unit's assessment: the values template of its pinned set
 * (the unit's code and name filled in), and a filled template read back —
 * a dry run (every issue by sheet/row/column/criterion, the changes, the level
 * they would give; nothing written) or applied through `saveValues`, the same
 * path as the form (version check, criteria-core, one transaction, audited as
 * "assessment.importValues" with the file's name and sha256).
 *
 * Importing is the right to save values (`saveValues` in ASSESSMENT_ACTIONS).
 * The file merges into the stored values: an empty cell leaves a value as it is.
 */
import { createHash } from "node:crypto";
import type { Score } from "@cds/criteria-core";
// @cds/workbook is declared in package.json; until the workspace link exists it is imported by path.
import {
  diffValues,
  layout,
  readValues,
  valuesTemplate,
  columnLetter,
  type Value,
  type WorkbookIssue,
} from "@cds/workbook";
import { ConflictError, InputError, InvalidValuesError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { can, unitRef, type Viewer } from "./access.ts";
import { judgeValues, loadForAction, type LoadedAssessment } from "./assessment-store.ts";
import { saveValues } from "./assessments.ts";
import { pinnedSet } from "./sets.ts";

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export interface ImportIssue {
  sheet: string;
  row: number;
  column: string;
  criterionCode: string;
  field: string;
  message: string;
  messageEn: string;
}

export interface ImportChange {
  criterionCode: string;
  before: Value;
  after: Value;
}

export interface ValuesImport {
  dryRun: boolean;
  fileName: string;
  sha256: string;
  issues: ImportIssue[];
  changes: ImportChange[];
  /** The level the assessment would reach (dry run) or has reached (applied); null while there are issues. */
  wouldBeLevel: number | null;
  /** A scored set: the score the assessment would get (dry run) or got (applied), as criteria-core gives it. */
  wouldBeScore: Score | null;
  /** The assessment as saved (apply only). */
  assessment: LoadedAssessment | null;
}

/** The template of the assessment's pinned set for its unit, for whoever may read its working data; null = not found. */
export async function assessmentTemplate(
  prisma: PrismaClient,
  viewer: Viewer,
  assessmentId: string,
): Promise<{ bytes: Uint8Array; fileName: string; asciiName: string } | null> {
  const a = await prisma.assessment.findUnique({ where: { id: assessmentId }, include: { unit: true, round: true } });
  if (!a || !can.readUnit(viewer, unitRef(a))) return null;
  const set = await pinnedSet(prisma, a.setVersionId);
  const bytes = await valuesTemplate(set, [{ code: a.unit.code, name: a.unit.name }]);
  return {
    bytes,
    fileName: `Mẫu số liệu ${a.unit.name} ${a.round.year}.xlsx`.replace(/[\\/:*?"<>|\0]/g, "_"),
    asciiName: `mau-so-lieu-${a.unit.code}-${a.round.year}.xlsx`,
  };
}

const issueOf = (i: WorkbookIssue): ImportIssue => ({
  // The metadata sheet is very hidden: an issue about it is about the whole file.
  sheet: i.row === 0 && i.sheet === "_cds" ? "" : i.sheet,
  row: i.row,
  column: i.column,
  criterionCode: i.criterion,
  field: i.field,
  message: i.message,
  messageEn: i.messageEn,
});

export async function importValues(
  prisma: PrismaClient,
  viewer: Viewer,
  input: { assessmentId: string; version: number; file: File; dryRun: boolean },
): Promise<ValuesImport> {
  const { a } = await loadForAction(prisma, viewer, input.assessmentId, "saveValues");
  if (a.version !== input.version) throw new ConflictError(a.version);

  const fileName = input.file.name.replace(/[\\/\0]/g, "_").slice(0, 200) || "so-lieu.xlsx";
  if (input.file.size === 0) throw InputError.field("file", "tệp rỗng", "empty file");
  if (input.file.size > IMPORT_MAX_BYTES) throw InputError.field("file", "tệp lớn hơn 5 MB", "file larger than 5 MB");
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  const sha256 = createHash("sha256").update(bytes).digest("hex");

  const set = await pinnedSet(prisma, a.setVersionId);
  const read = await readValues(set, bytes, { allowedUnits: [a.unit.code] });
  const issues = read.issues.map(issueOf);
  const fromFile: Record<string, Value> = { ...(read.units.find((u) => u.code === a.unit.code)?.values ?? {}) };

  const entered: Record<string, Value> = {};
  for (const v of a.values) if (v.value !== null) entered[v.criterionCode] = v.value as Value;

  // A childLevels value is computed from the child units' recognised levels: the file may repeat it, not change it.
  const row = read.units[0]?.row ?? 0;
  let col = 3; // the first value column (A, B: unit code and name)
  for (const item of layout(set)) {
    const c = set.criteria.find((x) => x.code === item.code);
    if (c?.measure === "childLevels" && item.code in fromFile) {
      const same =
        diffValues(
          [{ code: "u", values: { [item.code]: entered[item.code] ?? null } }],
          [{ code: "u", values: { [item.code]: fromFile[item.code]! } }],
        ).length === 0;
      if (!same) {
        const where = `Trang "Số liệu", dòng ${row}, cột ${columnLetter(col)} (${item.code})`;
        const whereEn = `Sheet "Số liệu", row ${row}, column ${columnLetter(col)} (${item.code})`;
        issues.push({
          sheet: "Số liệu",
          row,
          column: columnLetter(col),
          criterionCode: item.code,
          field: "childLevels",
          message: `${where}: được tính tự động từ mức độ đã công nhận của các đơn vị cấp dưới, không nhập từ tệp`,
          messageEn: `${whereEn}: computed from the child units' recognised levels, not imported`,
        });
      }
      delete fromFile[item.code];
    }
    col += item.fields.length;
  }

  const merged = { ...entered, ...fromFile };
  const changes: ImportChange[] = (
    diffValues([{ code: a.unit.code, values: entered }], [{ code: a.unit.code, values: merged }])[0]?.changes ?? []
  ).map((c) => ({
    criterionCode: c.criterion,
    before: c.before,
    after: c.after,
  }));

  // The level the save would give: as saveValues judges, a changed value drops its verified value.
  let wouldBeLevel: number | null = null;
  let wouldBeScore: Score | null = null;
  if (issues.length === 0) {
    const changed = new Set(changes.map((c) => c.criterionCode));
    const effective: Record<string, unknown> = {};
    for (const v of a.values) {
      const val = changed.has(v.criterionCode) ? null : (v.verifiedValue ?? v.value);
      if (val !== null) effective[v.criterionCode] = val;
    }
    for (const c of changes) effective[c.criterionCode] = c.after;
    try {
      const j = judgeValues(set, effective);
      wouldBeScore = j.score;
      wouldBeLevel = j.score ? j.score.level : j.evaluation.level;
    } catch (e) {
      if (!(e instanceof InvalidValuesError)) throw e;
      for (const i of e.issues) {
        issues.push({
          sheet: "",
          row: 0,
          column: "",
          criterionCode: i.criterion,
          field: i.field,
          message: i.message,
          messageEn: i.messageEn,
        });
      }
    }
  }

  if (input.dryRun)
    return { dryRun: true, fileName, sha256, issues, changes, wouldBeLevel, wouldBeScore, assessment: null };
  if (issues.length > 0) {
    throw new InputError(
      issues.map((i) => ({
        field: i.column && i.row ? `file.${i.sheet}!${i.column}${i.row}` : "file",
        message: i.message,
        messageEn: i.messageEn,
      })),
    );
  }
  const saved = await saveValues(
    prisma,
    viewer,
    {
      assessmentId: a.id,
      version: input.version,
      values: Object.fromEntries(changes.map((c) => [c.criterionCode, c.after])),
    },
    { action: "assessment.importValues", detail: { file: { name: fileName, size: bytes.byteLength, sha256 } } },
  );
  return {
    dryRun: false,
    fileName,
    sha256,
    issues: [],
    changes,
    wouldBeLevel: saved.computedLevel,
    wouldBeScore: (saved.score as unknown as Score | null) ?? null,
    assessment: saved,
  };
}
