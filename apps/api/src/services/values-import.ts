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
import type { TCriteriaSet } from "@cds/criteria-schema";
// @cds/workbook is declared in package.json; until the workspace link exists it is imported by path.
import {
  diffValues,
  layout,
  readValues,
  valuesTemplate,
  columnLetter,
  FIRST_FIELD_COLUMN,
  type ReadResult,
  type Value,
  type WorkbookIssue,
} from "@cds/workbook";
import { ConflictError, InputError, InvalidValuesError, NotFoundError, WorkflowError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { SqlRunner } from "../migrate.ts";
import { can, requireWriter, unitRef, workTenantsWhere, type Viewer } from "./access.ts";
import { allowedActions } from "./assessment-rules.ts";
import { judgeValues, loadForAction, type LoadedAssessment, type Store } from "./assessment-store.ts";
import { loadRoundAssessmentsSql } from "./assessment-sql.ts";
import { prepareSave, saveMany, saveValues } from "./assessments.ts";
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
  const a = await prisma.assessment.findFirst({ where: { id: assessmentId }, include: { unit: true, round: true } });
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

/** What the file would do to one assessment: its issues, its changes (before → after), the level or score it would give. */
interface UnitImport {
  issues: ImportIssue[];
  changes: ImportChange[];
  wouldBeLevel: number | null;
  wouldBeScore: Score | null;
}

const CHILD_LEVEL_COLUMNS = new WeakMap<TCriteriaSet, { code: string; col: number }[]>();

/** The set's childLevels criteria and the template column of each (laid out once per set, not once per row). */
function childLevelColumns(set: TCriteriaSet): { code: string; col: number }[] {
  let out = CHILD_LEVEL_COLUMNS.get(set);
  if (out) return out;
  out = [];
  const measures = new Map(set.criteria.map((c) => [c.code, c.measure]));
  let col = FIRST_FIELD_COLUMN;
  for (const item of layout(set)) {
    if (measures.get(item.code) === "childLevels") out.push({ code: item.code, col });
    col += item.fields.length;
  }
  CHILD_LEVEL_COLUMNS.set(set, out);
  return out;
}

/** The file's row for one assessment judged against what it holds now, as `saveValues` would judge it; nothing written. */
function judgeImport(
  set: TCriteriaSet,
  a: LoadedAssessment,
  row: { row: number; values: Record<string, Value> } | undefined,
  fileClean: boolean,
): UnitImport {
  const issues: ImportIssue[] = [];
  const fromFile: Record<string, Value> = { ...(row?.values ?? {}) };
  const entered: Record<string, Value> = {};
  for (const v of a.values) if (v.value !== null) entered[v.criterionCode] = v.value as Value;

  // A childLevels value is computed from the child units' recognised levels: the file may repeat it, not change it.
  const r = row?.row ?? 0;
  for (const { code, col } of childLevelColumns(set)) {
    if (!(code in fromFile)) continue;
    const same =
      diffValues(
        [{ code: "u", values: { [code]: entered[code] ?? null } }],
        [{ code: "u", values: { [code]: fromFile[code]! } }],
      ).length === 0;
    if (!same) {
      const where = `Trang "Số liệu", dòng ${r}, cột ${columnLetter(col)} (${code})`;
      const whereEn = `Sheet "Số liệu", row ${r}, column ${columnLetter(col)} (${code})`;
      issues.push({
        sheet: "Số liệu",
        row: r,
        column: columnLetter(col),
        criterionCode: code,
        field: "childLevels",
        message: `${where}: được tính tự động từ mức độ đã công nhận của các đơn vị cấp dưới, không nhập từ tệp`,
        messageEn: `${whereEn}: computed from the child units' recognised levels, not imported`,
      });
    }
    delete fromFile[code];
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
  if (fileClean && issues.length === 0) {
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
  return { issues, changes, wouldBeLevel, wouldBeScore };
}

/** The uploaded file checked for size and hashed: its safe name, its bytes, its sha256. */
async function readUpload(file: File): Promise<{ fileName: string; bytes: Uint8Array; sha256: string }> {
  const fileName = file.name.replace(/[\\/\0]/g, "_").slice(0, 200) || "so-lieu.xlsx";
  if (file.size === 0) throw InputError.field("file", "tệp rỗng", "empty file");
  if (file.size > IMPORT_MAX_BYTES) throw InputError.field("file", "tệp lớn hơn 5 MB", "file larger than 5 MB");
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { fileName, bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** The issues as one InputError, each named by its cell ("file.Số liệu!C7"). */
function issuesError(issues: ImportIssue[]): InputError {
  return new InputError(
    issues.map((i) => ({
      field: i.column && i.row ? `file.${i.sheet}!${i.column}${i.row}` : "file",
      message: i.message,
      messageEn: i.messageEn,
    })),
  );
}

export async function importValues(
  db: Store,
  viewer: Viewer,
  input: { assessmentId: string; version: number; file: File; dryRun: boolean },
): Promise<ValuesImport> {
  const prisma = db.prisma;
  const { a } = await loadForAction(prisma, viewer, input.assessmentId, "saveValues");
  if (a.version !== input.version) throw new ConflictError(a.version);
  const { fileName, bytes, sha256 } = await readUpload(input.file);

  const set = await pinnedSet(prisma, a.setVersionId);
  const read = await readValues(set, bytes, { allowedUnits: [a.unit.code] });
  const unit = judgeImport(
    set,
    a,
    read.units.find((u) => u.code === a.unit.code),
    read.issues.length === 0,
  );
  const issues = [...read.issues.map(issueOf), ...unit.issues];
  const { changes } = unit;

  if (input.dryRun)
    return {
      dryRun: true,
      fileName,
      sha256,
      issues,
      changes,
      wouldBeLevel: unit.wouldBeLevel,
      wouldBeScore: unit.wouldBeScore,
      assessment: null,
    };
  if (issues.length > 0) throw issuesError(issues);
  const saved = await saveValues(
    db,
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

/** One unit's part of a many-unit import: the assessment (as read, or as saved), its row, what changes. */
export interface UnitValuesImport {
  assessment: LoadedAssessment;
  /** The sheet row the unit was read from. */
  row: number;
  changes: ImportChange[];
  wouldBeLevel: number | null;
  wouldBeScore: Score | null;
  /** Applied: the unit's values were saved (false for a unit whose row changes nothing). */
  saved: boolean;
}

export interface RoundValuesImport {
  dryRun: boolean;
  fileName: string;
  sha256: string;
  issues: ImportIssue[];
  /** The units of the file, in its order, that the viewer may enter values for. */
  units: UnitValuesImport[];
}

const NONE_EDITABLE = [
  "Trong đợt này không có đơn vị nào bạn được nhập số liệu",
  "No unit of this round is yours to enter values for",
] as const;

/**
 * The round's assessments whose values the viewer may enter now (`saveValues` of the action table: their own
 * units, in draft or returned, the round open), by unit code.
 */
async function editableAssessments(prisma: PrismaClient, viewer: Viewer, roundId: string) {
  const round = await prisma.round.findFirst({ where: { id: roundId } });
  if (!round) throw new NotFoundError("đợt đánh giá", roundId);
  // By province, then by `allowedActions` (which asks `can.editUnit`): one condition however many grants.
  const rows = await prisma.assessment.findMany({
    where: { roundId, ...workTenantsWhere(viewer) },
    include: { unit: true, round: true },
    orderBy: { unit: { code: "asc" } },
  });
  const editable = rows.filter((a) => entersValues(viewer, a));
  return { round, editable };
}

const entersValues = (viewer: Viewer, a: Parameters<typeof allowedActions>[1]) =>
  allowedActions(viewer, a).includes("saveValues");

/**
 * The values template of a round for many units at once: a row per unit the viewer may enter values for
 * (code and name filled in and locked); null when there is none (or no such round).
 */
export async function roundTemplate(
  prisma: PrismaClient,
  viewer: Viewer,
  roundId: string,
): Promise<{ bytes: Uint8Array; fileName: string; asciiName: string } | null> {
  const found = await editableAssessments(prisma, viewer, roundId).catch(() => null);
  if (!found || found.editable.length === 0) return null;
  const set = await pinnedSet(prisma, found.round.setVersionId);
  const bytes = await valuesTemplate(
    set,
    found.editable.map((a) => ({ code: a.unit.code, name: a.unit.name })),
  );
  return {
    bytes,
    fileName: `Mẫu số liệu ${found.round.name}.xlsx`.replace(/[\\/:*?"<>|\0]/g, "_"),
    asciiName: `mau-so-lieu-dot-${found.round.year}-${found.editable.length}-don-vi.xlsx`,
  };
}

/** How long a dry run's reading is kept for its apply. */
const READ_KEPT_MS = 10 * 60_000;

/**
 * The dry run's reading of a round's file, kept for the apply that follows it (the officer checks a file, then
 * applies the very same one) in the database (ImportReading), so the apply finds it on whichever API process it
 * lands: by the file's sha256, the set version and the units the viewer may enter values for, for ten minutes,
 * taken once. The apply judges the values again on what the database holds then; without a kept reading (later,
 * or another officer's units) it reads the file again, to the same result.
 */
async function readRoundFile(
  sql: SqlRunner,
  round: { tenantId: string; setVersionId: string },
  set: TCriteriaSet,
  file: { bytes: Uint8Array; sha256: string },
  allowedUnits: string[],
  dryRun: boolean,
): Promise<ReadResult> {
  const units = createHash("sha256").update(allowedUnits.join("\n")).digest("hex");
  const key = `${file.sha256}/${round.setVersionId}/${units}`;
  if (!dryRun) {
    const [kept] = await sql.query<{ reading: ReadResult }>(
      `DELETE FROM "ImportReading" WHERE "tenantId" = $1 AND id = $2 AND "expiresAt" > now() RETURNING reading`,
      [round.tenantId, key],
    );
    if (kept) return kept.reading;
  }
  const read = await readValues(set, file.bytes, { allowedUnits });
  if (dryRun)
    await sql.query(
      `WITH expired AS (DELETE FROM "ImportReading" WHERE "expiresAt" <= now())
       INSERT INTO "ImportReading" ("tenantId", id, reading, "expiresAt")
       VALUES ($1, $2, $3::jsonb, now() + $4::int * interval '1 millisecond')
       ON CONFLICT ("tenantId", id) DO UPDATE SET reading = EXCLUDED.reading, "expiresAt" = EXCLUDED."expiresAt"`,
      [round.tenantId, key, JSON.stringify(read), READ_KEPT_MS],
    );
  return read;
}

/** Forgets every dry run's reading kept (a benchmark's apply long after its dry run). */
export async function forgetReads(sql: SqlRunner): Promise<void> {
  await sql.query(`DELETE FROM "ImportReading"`);
}

/**
 * Excel in for many units of a round (an officer's file): a dry run names every issue by sheet, row, column and
 * criterion, and each unit's changes; nothing is written. Applying refuses while any issue remains, and when a
 * unit changed since the dry run (`versions`, as the dry run read them); then every changed unit is saved in one
 * transaction (`saveMany`: the same checks and judgement as `saveValues`, each version claimed, each unit audited
 * as "assessment.importValues" with the file): all or nothing. A row of a unit the viewer may not enter values
 * for is an issue, never a write.
 */
export async function importRoundValues(
  db: Store,
  viewer: Viewer,
  input: {
    roundId: string;
    file: File;
    dryRun: boolean;
    versions?: readonly { assessmentId: string; version: number }[];
  },
): Promise<RoundValuesImport> {
  requireWriter(viewer);
  const prisma = db.prisma;
  const round = await prisma.round.findFirst({ where: { id: input.roundId } });
  if (!round) throw new NotFoundError("đợt đánh giá", input.roundId);
  // Every assessment of the round with its unit and values in one statement; those the viewer enters values for.
  const editable = (await loadRoundAssessmentsSql(db.sql, round)).filter((a) => entersValues(viewer, a));
  if (editable.length === 0) throw new WorkflowError(NONE_EDITABLE[0], NONE_EDITABLE[1]);
  if (!input.dryRun && !input.versions)
    throw InputError.field(
      "versions",
      "cần phiên bản từng hồ sơ của lần chạy thử",
      "the dry run's versions are required",
    );
  const { fileName, bytes, sha256 } = await readUpload(input.file);

  const set = await pinnedSet(prisma, round.setVersionId);
  const byCode = new Map(editable.map((a) => [a.unit.code, a]));
  const read = await readRoundFile(db.sql, round, set, { bytes, sha256 }, [...byCode.keys()], input.dryRun);
  const issues = read.issues.map(issueOf);
  const rowsWithIssues = new Set(read.issues.map((i) => i.row));

  const units: UnitValuesImport[] = [];
  for (const row of read.units) {
    const a = byCode.get(row.code);
    if (!a) continue; // an unknown or duplicate code: an issue of the reader already
    const u = judgeImport(set, a, row, !rowsWithIssues.has(row.row));
    for (const i of u.issues)
      issues.push(
        i.row
          ? i
          : {
              ...i,
              sheet: "Số liệu",
              row: row.row,
              message: `Trang "Số liệu", dòng ${row.row}, đơn vị ${a.unit.code} (${i.criterionCode}): ${i.message}`,
              messageEn: `Sheet "Số liệu", row ${row.row}, unit ${a.unit.code} (${i.criterionCode}): ${i.messageEn}`,
            },
      );
    units.push({ assessment: a, row: row.row, ...u, saved: false });
  }

  if (input.dryRun) return { dryRun: true, fileName, sha256, issues, units };
  if (issues.length > 0) throw issuesError(issues);
  const expected = new Map(input.versions!.map((v) => [v.assessmentId, v.version]));
  for (const u of units) {
    if (u.changes.length === 0) continue;
    const v = expected.get(u.assessment.id);
    if (v === undefined)
      throw InputError.field(
        "versions",
        `thiếu phiên bản của hồ sơ ${u.assessment.unit.code}: hãy chạy thử lại`,
        `no version for ${u.assessment.unit.code}: run the dry run again`,
      );
    if (v !== u.assessment.version) throw new ConflictError(u.assessment.version);
  }
  const file = { name: fileName, size: bytes.byteLength, sha256 };
  const now = new Date();
  const changed = units.filter((u) => u.changes.length > 0);
  const saved = await saveMany(
    db,
    viewer,
    changed.map((u) => ({
      save: prepareSave(
        set,
        u.assessment,
        { values: Object.fromEntries(u.changes.map((c) => [c.criterionCode, c.after])) },
        now,
      ),
      version: u.assessment.version,
      auditAs: { action: "assessment.importValues", detail: { file, row: u.row } },
    })),
  );
  changed.forEach((u, i) => {
    const a = saved[i]!;
    Object.assign(u, {
      assessment: a,
      saved: true,
      wouldBeLevel: a.computedLevel,
      wouldBeScore: (a.score as unknown as Score | null) ?? null,
    });
  });
  return { dryRun: false, fileName, sha256, issues: [], units };
}
