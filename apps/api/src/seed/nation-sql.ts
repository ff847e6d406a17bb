/**
 * The whole-nation seed's writes: a few large multi-row INSERTs, the rows passed as one JSON parameter
 * and expanded by jsonb_to_recordset, on the raw SQL runner inside the seed's transaction.
 */
import type { SqlRunner } from "../db.ts";

export type Status = "DRAFT" | "SUBMITTED" | "RETURNED" | "VERIFIED" | "APPRAISED" | "RECOGNISED";
export type Kind = "commune" | "district";

export interface RoundRow {
  id: string;
  tenantId: string;
  year: number;
  unitKind: Kind;
  name: string;
  /** The administrative map the round assesses. */
  mapId: string;
  /** Who verifies, appraises and recognises (`reviewChainJson`). */
  reviewChain: Record<string, unknown>;
  setVersionId: string;
  submitDueAt: string;
  reviewDueAt: string;
  createdAt: string;
}

export interface AssessmentRow {
  id: string;
  tenantId: string;
  roundId: string;
  unitId: string;
  setVersionId: string;
  status: Status;
  registeredLevel: number | null;
  selfAssessedLevel: number | null;
  appraisedLevel: number | null;
  recognisedLevel: number | null;
  recognitionDecision: string | null;
  recognitionDate: string | null;
  submittedAt: string | null;
  recognisedAt: string | null;
  effectiveValues: Record<string, unknown>;
  evaluation: unknown;
  computedLevel: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ValueRow {
  id: string;
  tenantId: string;
  assessmentId: string;
  criterionCode: string;
  value: unknown;
  updatedAt: string;
}

export interface ReportRow {
  id: string;
  tenantId: string;
  year: number;
  submittedAt: string;
  onTime: boolean;
  summary: Record<string, unknown>;
  submittedById: string;
}

const ASSESSMENT_CHUNK = 1_000;
const VALUE_CHUNK = 20_000;

async function insertChunks(tx: SqlRunner, rows: unknown[], chunk: number, sql: string): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await tx.query(sql, [JSON.stringify(rows.slice(i, i + chunk))]);
  }
}

export async function insertRounds(tx: SqlRunner, rounds: RoundRow[]): Promise<void> {
  await tx.query(
    `INSERT INTO "Round" (id, "tenantId", year, "unitKind", name, "mapId", "reviewChain", "setVersionId", "submitDueAt", "reviewDueAt",
              "createdAt")
       SELECT r.id, r."tenantId", r.year, r."unitKind", r.name, r."mapId", r."reviewChain", r."setVersionId", r."submitDueAt",
              r."reviewDueAt", r."createdAt"
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, "tenantId" text, year int, "unitKind" text, name text, "mapId" text,
              "reviewChain" jsonb, "setVersionId" text, "submitDueAt" date, "reviewDueAt" date, "createdAt" timestamp(3))`,
    [JSON.stringify(rounds)],
  );
}

/** Every assessment goes in unrecognised (the recognised ones as APPRAISED), so its values can follow. */
export async function insertAssessments(tx: SqlRunner, assessments: AssessmentRow[]): Promise<void> {
  await insertChunks(
    tx,
    assessments.map((a) => (a.status === "RECOGNISED" ? { ...a, status: "APPRAISED" } : a)),
    ASSESSMENT_CHUNK,
    `INSERT INTO "Assessment" (id, "tenantId", "roundId", "unitId", "setVersionId", status, "registeredLevel", "selfAssessedLevel", "appraisedLevel",
              "recognisedLevel", "recognitionDecision", "recognitionDate", "submittedAt", "recognisedAt", "effectiveValues", evaluation,
              "computedLevel", version, "createdAt", "updatedAt")
       SELECT a.id, a."tenantId", a."roundId", a."unitId", a."setVersionId", a.status::"AssessmentStatus", a."registeredLevel", a."selfAssessedLevel",
              a."appraisedLevel", a."recognisedLevel", a."recognitionDecision", a."recognitionDate", a."submittedAt", a."recognisedAt",
              a."effectiveValues", a.evaluation, a."computedLevel", a.version, a."createdAt", a."updatedAt"
         FROM jsonb_to_recordset($1::jsonb) AS a(id text, "tenantId" text, "roundId" text, "unitId" text, "setVersionId" text, status text,
              "registeredLevel" int, "selfAssessedLevel" int, "appraisedLevel" int, "recognisedLevel" int, "recognitionDecision" text,
              "recognitionDate" date, "submittedAt" timestamp(3), "recognisedAt" timestamp(3), "effectiveValues" jsonb, evaluation jsonb,
              "computedLevel" int, version int, "createdAt" timestamp(3), "updatedAt" timestamp(3))`,
  );
}

export async function insertValues(tx: SqlRunner, values: ValueRow[]): Promise<void> {
  await insertChunks(
    tx,
    values,
    VALUE_CHUNK,
    `INSERT INTO "IndicatorValue" (id, "tenantId", "assessmentId", "criterionCode", value, "updatedAt")
       SELECT v.id, v."tenantId", v."assessmentId", v."criterionCode", v.value, v."updatedAt"
         FROM jsonb_to_recordset($1::jsonb) AS v(id text, "tenantId" text, "assessmentId" text, "criterionCode" text, value jsonb, "updatedAt" timestamp(3))`,
  );
}

/** Locks the recognised assessments of the rounds (they were APPRAISED with their recognition fields already filled in). */
export async function recogniseRounds(tx: SqlRunner, rounds: RoundRow[]): Promise<void> {
  await tx.query(
    `UPDATE "Assessment" SET status = 'RECOGNISED'
        WHERE "roundId" IN (SELECT jsonb_array_elements_text($1::jsonb)) AND "recognisedLevel" IS NOT NULL`,
    [JSON.stringify(rounds.map((r) => r.id))],
  );
}

export async function insertReports(tx: SqlRunner, reports: ReportRow[]): Promise<void> {
  if (reports.length === 0) return;
  await tx.query(
    `INSERT INTO "ProvinceReport" (id, "tenantId", year, "submittedAt", "onTime", summary, "submittedById")
         SELECT r.id, r."tenantId", r.year, r."submittedAt", r."onTime", r.summary, r."submittedById"
           FROM jsonb_to_recordset($1::jsonb) AS r(id text, "tenantId" text, year int, "submittedAt" timestamp(3), "onTime" boolean,
                summary jsonb, "submittedById" text)`,
    [JSON.stringify(reports)],
  );
}

export async function auditRounds(tx: SqlRunner, rounds: RoundRow[]): Promise<void> {
  await tx.query(
    `INSERT INTO "AuditEvent" ("actorKind", "tenantId", action, "entityType", "entityId", after)
       SELECT 'system', r."tenantId", 'seed.nation', 'Round', r.id, jsonb_build_object('year', r.year, 'unitKind', r."unitKind")
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, "tenantId" text, year int, "unitKind" text)`,
    [JSON.stringify(rounds)],
  );
}

/**
 * After the bulk load, outside its transaction: planner statistics for the tables the seed wrote and the national
 * summary reads, and their visibility map (so an index holding every column a count needs is read alone). PGlite
 * runs no autovacuum: without this its planner never learns the tables' sizes — it took every scan for one row and
 * recomputed the per-province count of assessments once per province (~0.6 s for one national summary on five
 * years of data instead of ~30 ms). IndicatorValue, the largest, is only analysed.
 */
export async function refreshStatistics(sql: SqlRunner): Promise<void> {
  await sql.script(`VACUUM (ANALYZE) "Tenant", "Unit", "Round", "Assessment", "ProvinceReport"`);
  await sql.script(`ANALYZE "IndicatorValue"`);
}
