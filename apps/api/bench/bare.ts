/**
 * The baseline for the save benchmark: a bare node:http handler doing the SQL
 * work of saveIndicatorValues with no GraphQL, Pothos or Prisma. For the
 * posted { assessmentId, version, values }, it checks the session cookie and
 * CSRF token and reads the user's grants, then in one transaction: locks the
 * assessment and checks status, version and that the user edits that unit; reads the current values; judges
 * the merged values with criteria-core; upserts the IndicatorValue rows (one
 * statement); stores effectiveValues / evaluation / computedLevel and bumps
 * the version (one statement); appends an AuditEvent. The published set
 * document is cached by version id (published versions are immutable).
 */
import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tryEvaluate, type IndicatorValues } from "@cds/criteria-core";
import type { TCriteriaSet } from "@cds/criteria-schema";
import type { Database } from "../src/db.ts";

const SESSION_COOKIE = "cds_session";

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Grant {
  role: string;
  tenantId: string;
  unitId: string | null;
}

/** The handler; its promise settles when the response is written (the benchmark counts in-flight saves by it). */
export function bareSaveHandler(db: Database): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const sql = db.sql;
  const sets = new Map<string, TCriteriaSet>();

  async function setOf(versionId: string, tx: Database["sql"]): Promise<TCriteriaSet> {
    const hit = sets.get(versionId);
    if (hit) return hit;
    const [row] = await tx.query<{ document: TCriteriaSet | string; status: string }>(
      `SELECT document, status FROM "CriteriaSetVersion" WHERE id = $1`,
      [versionId],
    );
    if (!row) throw new HttpError(500, "set version missing");
    const doc = typeof row.document === "string" ? (JSON.parse(row.document) as TCriteriaSet) : row.document;
    if (row.status !== "DRAFT") sets.set(versionId, doc);
    return doc;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST") throw new HttpError(405, "POST only");
    const input = JSON.parse(await readBody(req)) as {
      assessmentId: string;
      version: number;
      values: Record<string, unknown>;
    };
    if (
      typeof input.assessmentId !== "string" ||
      !Number.isInteger(input.version) ||
      typeof input.values !== "object" ||
      input.values === null
    ) {
      throw new HttpError(400, "bad input");
    }

    // Who is asking: the session and its grants (as context.ts does, outside the transaction).
    const token = cookie(req.headers.cookie, SESSION_COOKIE);
    if (!token) throw new HttpError(401, "no session");
    const [session] = await sql.query<{ userId: string; csrfToken: string; expiresAt: Date | string }>(
      `SELECT "userId", "csrfToken", "expiresAt" FROM "Session" WHERE id = $1`,
      [createHash("sha256").update(token).digest("hex")],
    );
    if (!session || new Date(session.expiresAt) <= new Date()) throw new HttpError(401, "no session");
    if (req.headers["x-csrf-token"] !== session.csrfToken) throw new HttpError(403, "csrf");
    const grants = await sql.query<Grant>(
      `SELECT r.role, r."tenantId", r."unitId" FROM "RoleAssignment" r WHERE r."userId" = $1`,
      [session.userId],
    );

    const out = await sql.transaction(async (tx) => {
      const [a] = await tx.query<{
        id: string;
        unitId: string;
        status: string;
        version: number;
        setVersionId: string;
        computedLevel: number;
        tenantId: string;
        shard: string;
      }>(
        `SELECT a.id, a."unitId", a.status, a.version, a."setVersionId", a."computedLevel", u."tenantId", a."tenantId" AS shard
           FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId" WHERE a.id = $1 FOR UPDATE OF a`,
        [input.assessmentId],
      );
      if (!a) throw new HttpError(404, "not found");
      // The API's rule (services/access.ts can.editUnit): an editor edits only its own unit.
      const editor = grants.some((g) => g.role === "UNIT_EDITOR" && g.tenantId === a.tenantId && g.unitId === a.unitId);
      if (!editor) throw new HttpError(403, "not an editor of this unit");
      if (a.status !== "DRAFT" && a.status !== "RETURNED") throw new HttpError(409, `status ${a.status}`);
      if (a.version !== input.version) throw new HttpError(409, `version ${a.version}`);

      const set = await setOf(a.setVersionId, tx);
      for (const code of Object.keys(input.values)) {
        const c = set.criteria.find((x) => x.code === code);
        if (!c || c.measure === "childLevels") throw new HttpError(400, `criterion ${code}`);
      }
      const rows = await tx.query<{ criterionCode: string; value: unknown; verifiedValue: unknown }>(
        `SELECT "criterionCode", value, "verifiedValue" FROM "IndicatorValue" WHERE "tenantId" = $2 AND "assessmentId" = $1`,
        [a.id, a.shard],
      );
      const entered: Record<string, unknown> = {};
      const effective: Record<string, unknown> = {};
      for (const r of rows) {
        if (r.value !== null) entered[r.criterionCode] = r.value;
        const v = r.verifiedValue ?? r.value;
        if (v !== null) effective[r.criterionCode] = v;
      }
      for (const [code, v] of Object.entries(input.values)) {
        if (v === null) {
          delete entered[code];
          delete effective[code];
        } else {
          entered[code] = v;
          effective[code] = v;
        }
      }
      const checked = tryEvaluate(set, entered as IndicatorValues);
      if (!checked.ok) throw new HttpError(400, "invalid values");
      const judged = rows.some((r) => r.verifiedValue !== null)
        ? tryEvaluate(set, effective as IndicatorValues)
        : checked;
      if (!judged.ok) throw new HttpError(400, "invalid values");
      const e = judged.evaluation;

      await tx.query(
        `INSERT INTO "IndicatorValue" (id, "tenantId", "assessmentId", "criterionCode", value, "updatedAt")
         SELECT v.id, $3, $1, v.code, v.value, now() FROM jsonb_to_recordset($2::jsonb) AS v(id text, code text, value jsonb)
         ON CONFLICT ("tenantId", "assessmentId", "criterionCode") DO UPDATE
           SET value = EXCLUDED.value, "verifiedValue" = NULL, "verifiedAt" = NULL, "verifiedById" = NULL, "updatedAt" = EXCLUDED."updatedAt"`,
        [
          a.id,
          JSON.stringify(Object.entries(input.values).map(([code, value]) => ({ id: randomUUID(), code, value }))),
          a.shard,
        ],
      );
      await tx.query(
        `UPDATE "Assessment" SET version = version + 1, "effectiveValues" = $2::jsonb, evaluation = $3::jsonb, "computedLevel" = $4, "updatedAt" = now()
          WHERE "tenantId" = $5 AND id = $1`,
        [a.id, JSON.stringify(effective), JSON.stringify(e), e.level, a.shard],
      );
      const before: Record<string, unknown> = {};
      for (const code of Object.keys(input.values))
        before[code] = rows.find((r) => r.criterionCode === code)?.value ?? null;
      await tx.query(
        `INSERT INTO "AuditEvent" ("actorId", "actorKind", "tenantId", action, "entityType", "entityId", before, after)
         VALUES ($1, 'user', $2, 'assessment.saveValues', 'Assessment', $3, $4::jsonb, $5::jsonb)`,
        [
          session.userId,
          a.tenantId,
          a.id,
          JSON.stringify({ values: before, level: a.computedLevel }),
          JSON.stringify({ values: input.values, level: e.level }),
        ],
      );
      return { id: a.id, version: a.version + 1, computedLevel: e.level };
    });
    send(res, 200, out);
  }

  return (req, res) =>
    handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) send(res, e.status, { error: e.message });
      else {
        console.error(e);
        send(res, 500, { error: "internal" });
      }
    });
}
