/**
 * The save's hot path in SQL: reading an assessment with its unit, round and values, claiming its version,
 * writing value rows and the audit event, through the same connections as Prisma (`Database.sql`) without the
 * ORM's per-statement cost. Saving values is what every commune does, many times, in the weeks before the
 * deadline; every other change goes through Prisma. The rows read here are shaped exactly as Prisma returns
 * them (a test compares the two), so the rules that judge them are the same code either way.
 */
import { csvRows, type CsvRows, type SqlRunner } from "../migrate.ts";
import type { Viewer } from "./access.ts";
import type { LoadedAssessment, ValueRow } from "./assessment-store.ts";
import { auditRow, type AuditInput } from "./audit.ts";

/** The DateTime columns of the rows loaded here: jsonb carries them as ISO texts without a zone (UTC), or days. */
const DATE_COLUMNS = {
  Assessment: ["recognitionDate", "submittedAt", "recognisedAt", "createdAt", "updatedAt"],
  Unit: ["validFrom", "validTo"],
  Round: ["registerDueAt", "submitDueAt", "reviewDueAt", "closedAt", "createdAt"],
  IndicatorValue: ["verifiedAt", "updatedAt"],
} as const;

export const SQL_DATE_COLUMNS: Readonly<Record<string, readonly string[]>> = DATE_COLUMNS;

function revive<T>(row: Record<string, unknown>, columns: readonly string[]): T {
  for (const c of columns) {
    const v = row[c];
    // "2026-12-01" (a @db.Date) or "2026-12-01T08:30:00.5" (timestamp(3), stored in UTC).
    if (typeof v === "string") row[c] = new Date(v.length === 10 ? v : `${v}Z`);
  }
  return row as T;
}

/** A timestamp parameter as PostgreSQL's `timestamp(3)` holds it (UTC), whatever the session's time zone. */
export const utcParam = (d: Date | null) => (d === null ? null : d.toISOString().slice(0, -1));

const LOAD = `SELECT to_jsonb(a) AS a, to_jsonb(u) AS unit, to_jsonb(r) AS round,
            COALESCE((SELECT jsonb_agg(to_jsonb(v)) FROM "IndicatorValue" v
                       WHERE v."tenantId" = a."tenantId" AND v."assessmentId" = a.id), '[]') AS values
       FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId"
       JOIN "Round" r ON r."tenantId" = a."tenantId" AND r.id = a."roundId"`;

type LoadedRow = {
  a: Record<string, unknown>;
  unit: Record<string, unknown>;
  round: Record<string, unknown>;
  values: Record<string, unknown>[];
};

function loaded(row: LoadedRow): LoadedAssessment {
  const a = revive<Omit<LoadedAssessment, "unit" | "round" | "values">>(row.a, DATE_COLUMNS.Assessment);
  return {
    ...a,
    unit: revive(row.unit, DATE_COLUMNS.Unit),
    round: revive(row.round, DATE_COLUMNS.Round),
    values: row.values.map((v) => revive<ValueRow>(v, DATE_COLUMNS.IndicatorValue)),
  };
}

/** The assessment with its unit, round and values in one statement, as Prisma's `load` returns it; null if none. */
export async function loadAssessmentSql(sql: SqlRunner, id: string): Promise<LoadedAssessment | null> {
  const [row] = await sql.query<LoadedRow>(`${LOAD} WHERE a.id = $1`, [id]);
  return row ? loaded(row) : null;
}

/** Every assessment of a round with its unit, the round and its values in one statement (the Excel import's read). */
export async function loadRoundAssessmentsSql(
  sql: SqlRunner,
  round: { tenantId: string; id: string },
): Promise<LoadedAssessment[]> {
  const rows = await sql.query<LoadedRow>(`${LOAD} WHERE a."tenantId" = $1 AND a."roundId" = $2`, [
    round.tenantId,
    round.id,
  ]);
  return rows.map(loaded);
}

/** What a save caches on the assessment: criteria-core's judgement of the effective values. */
export interface CachedJudgement {
  effectiveValues: unknown;
  evaluation: unknown;
  computedLevel: number;
  score: unknown;
  selfScore: unknown;
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** A statement's text and its parameters, numbered from $1 or, inside a larger statement, from `at`. */
interface Part {
  text: string;
  params: unknown[];
}

/** The parameter names of a part whose parameters start at `at`: $(1) is the part's first. */
const numbered = (at: number) => (i: number) => `$${at + i - 1}`;

/** Claims the version read and stores the judgement (RETURNING the new version): no row when the version moved on. */
function claimPart(id: string, expectedVersion: number, j: CachedJudgement, now: Date, at = 1): Part {
  const $ = numbered(at);
  return {
    text: `UPDATE "Assessment"
        SET version = version + 1, "effectiveValues" = ${$(3)}::jsonb, evaluation = ${$(4)}::jsonb,
            "computedLevel" = ${$(5)}::int, score = ${$(6)}::jsonb, "selfScore" = ${$(7)}::jsonb,
            "updatedAt" = ${$(8)}::timestamp(3)
      WHERE id = ${$(1)} AND version = ${$(2)}::int
      RETURNING version`,
    params: [
      id,
      expectedVersion,
      json(j.effectiveValues),
      json(j.evaluation),
      j.computedLevel,
      json(j.score),
      json(j.selfScore),
      utcParam(now),
    ],
  };
}

/** The version and status an assessment has now (after a refused claim, to say why). */
export async function versionSql(tx: SqlRunner, id: string): Promise<{ version: number; status: string } | null> {
  const [row] = await tx.query<{ version: number; status: string }>(
    `SELECT version, status FROM "Assessment" WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

/** The columns of a value row as the save writes them, and one row's fields in that order (text for COPY). */
const VALUE_COLUMNS = [
  "id",
  "tenantId",
  "assessmentId",
  "criterionCode",
  "value",
  "note",
  "verifiedValue",
  "verifierComment",
  "verifiedById",
  "verifiedAt",
  "updatedAt",
] as const;
const valueFields = (r: ValueRow): (string | null)[] => [
  r.id,
  r.tenantId,
  r.assessmentId,
  r.criterionCode,
  json(r.value),
  r.note,
  json(r.verifiedValue),
  r.verifierComment,
  r.verifiedById,
  utcParam(r.verifiedAt),
  utcParam(r.updatedAt),
];

/**
 * Inserts value rows, or updates them on the (assessment, criterion) key; `onlyIf` (an SQL condition) gates the
 * whole write. The rows travel as one array per column (`unnest`): a province's import is ~20,000 rows, and
 * PostgreSQL reads arrays faster than it takes one JSON document apart.
 */
function upsertValuesPart(rows: readonly ValueRow[], at = 1, onlyIf = "true"): Part {
  const $ = numbered(at);
  const fields = rows.map(valueFields);
  return {
    text: `INSERT INTO "IndicatorValue" (${VALUE_COLUMNS.map((c) => `"${c}"`).join(", ")})
     SELECT * FROM unnest(${$(1)}::text[], ${$(2)}::text[], ${$(3)}::text[], ${$(4)}::text[], ${$(5)}::jsonb[],
                          ${$(6)}::text[], ${$(7)}::jsonb[], ${$(8)}::text[], ${$(9)}::text[],
                          ${$(10)}::timestamp(3)[], ${$(11)}::timestamp(3)[])
      WHERE ${onlyIf}
     ON CONFLICT ("tenantId", "assessmentId", "criterionCode") DO UPDATE SET
       "value" = EXCLUDED."value", "note" = EXCLUDED."note", "verifiedValue" = EXCLUDED."verifiedValue",
       "verifierComment" = EXCLUDED."verifierComment", "verifiedById" = EXCLUDED."verifiedById",
       "verifiedAt" = EXCLUDED."verifiedAt", "updatedAt" = EXCLUDED."updatedAt"`,
    params: VALUE_COLUMNS.map((_, i) => fields.map((f) => f[i])),
  };
}

/** Writes value rows in one statement (insert, or update on the (assessment, criterion) key). */
export async function upsertValuesSql(tx: SqlRunner, rows: ValueRow[]): Promise<void> {
  if (rows.length === 0) return;
  const upsert = upsertValuesPart(rows);
  await tx.query(upsert.text, upsert.params);
}

/** Value rows as COPY's CSV, ready for `insertValuesSql`. */
export const valuesCsv = (rows: readonly ValueRow[]): CsvRows => csvRows(rows.map(valueFields));

/**
 * Writes value rows that are not stored yet with COPY (the Excel import of a province: ~20,000 new rows, about
 * twice as fast as an INSERT of them). The caller has claimed each assessment's version as it read its rows, so
 * none of these exists; if one did, COPY fails on the unique key and the transaction rolls back whole.
 */
export async function insertValuesSql(tx: SqlRunner, rows: CsvRows): Promise<void> {
  await tx.copyFrom("IndicatorValue", VALUE_COLUMNS, rows);
}

/** Appends the audit event, as `audit` does through Prisma; `onlyIf` (an SQL condition) gates it. */
function auditPart(viewer: Viewer, e: AuditInput, at = 1, onlyIf = "true"): Part {
  const $ = numbered(at);
  const r = auditRow(viewer, e);
  return {
    text: `INSERT INTO "AuditEvent" ("actorId", "actorKind", "tenantId", action, "entityType", "entityId", before, after)
     SELECT ${$(1)}::text, ${$(2)}::text, ${$(3)}::text, ${$(4)}::text, ${$(5)}::text, ${$(6)}::text,
            ${$(7)}::jsonb, ${$(8)}::jsonb
      WHERE ${onlyIf}`,
    params: [r.actorId, r.actorKind, r.tenantId, r.action, r.entityType, r.entityId, json(r.before), json(r.after)],
  };
}

/**
 * A save's writes as one statement, which is its own transaction: claims the version read and stores the
 * judgement, then (only when the claim held) writes the value rows and appends the audit event. False when the
 * version has moved on: nothing written. One round trip instead of five (BEGIN, three statements, COMMIT): a save
 * is what every commune does, many times, before the deadline. Inside a transaction (`tx`), it is one of its
 * statements.
 */
export async function saveSql(
  sql: SqlRunner,
  save: { id: string; expectedVersion: number; cached: CachedJudgement; now: Date; written: readonly ValueRow[] },
  viewer: Viewer,
  event: AuditInput,
): Promise<boolean> {
  const claim = claimPart(save.id, save.expectedVersion, save.cached, save.now);
  const claimed = "EXISTS (SELECT FROM claimed)";
  const upsert = upsertValuesPart(save.written, claim.params.length + 1, claimed);
  const audit = auditPart(viewer, event, claim.params.length + upsert.params.length + 1, claimed);
  const rows = await sql.query(
    `WITH claimed AS (${claim.text}),
          saved AS (${upsert.text}),
          audited AS (${audit.text})
     SELECT version FROM claimed`,
    [...claim.params, ...upsert.params, ...audit.params],
  );
  return rows.length === 1;
}

/**
 * Claims many versions and stores each judgement in one statement; the ids claimed (an id missing: its version
 * has moved on, nothing written for it — the caller rolls the transaction back).
 */
export async function claimManySql(
  tx: SqlRunner,
  rows: readonly ({ id: string; version: number } & CachedJudgement)[],
  now: Date,
): Promise<Set<string>> {
  const claimed = await tx.query<{ id: string }>(
    `UPDATE "Assessment" a
        SET version = a.version + 1, "effectiveValues" = r."effectiveValues", evaluation = r.evaluation,
            "computedLevel" = r."computedLevel", score = r.score, "selfScore" = r."selfScore", "updatedAt" = $2::timestamp(3)
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, version int, "effectiveValues" jsonb, evaluation jsonb,
            "computedLevel" int, score jsonb, "selfScore" jsonb)
      WHERE a.id = r.id AND a.version = r.version
      RETURNING a.id`,
    [JSON.stringify(rows), utcParam(now)],
  );
  return new Set(claimed.map((r) => r.id));
}

/** Audit events as COPY's CSV, ready for `auditManySql`. */
export const auditCsv = (viewer: Viewer, events: readonly AuditInput[]): CsvRows =>
  csvRows(
    events.map((e) => {
      const r = auditRow(viewer, e);
      return [r.actorId, r.actorKind, r.tenantId, r.action, r.entityType, r.entityId, json(r.before), json(r.after)];
    }),
  );

/** Appends many audit events with COPY (the Excel import: one per unit saved), as `saveSql` appends one. */
export async function auditManySql(tx: SqlRunner, events: CsvRows): Promise<void> {
  await tx.copyFrom(
    "AuditEvent",
    ["actorId", "actorKind", "tenantId", "action", "entityType", "entityId", "before", "after"],
    events,
  );
}
