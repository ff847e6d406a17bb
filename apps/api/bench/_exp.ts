import pg from "pg";
const pool = new pg.Pool({ connectionString: "postgresql://postgres:postgres@localhost:5432/cds_bench_6708" });
const [{ id, tenantId }] = (await pool.query(`SELECT id, "tenantId" FROM "Round" WHERE "tenantId" = 'vn' AND year = 2026 AND "judgedBy" <> 'levels'`)).rows;
const A = `SELECT a.id, a.status::text AS status, a."rankScore" AS score,
            jsonb_build_object('id', u.id, 'code', u.code, 'name', u.name, 'kindCode', u."kindCode", 'type', u.type) AS unit
       FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId"
      WHERE a."tenantId" = $2 AND a."roundId" = $1 AND a."rankScore" IS NOT NULL`;
const B = `SELECT a.id, a.status::text AS status, a."rankScore" AS score, u.id AS uid, u.code, u.name, u."kindCode", u.type
       FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId"
      WHERE a."tenantId" = $2 AND a."roundId" = $1 AND a."rankScore" IS NOT NULL`;
const C = `SELECT json_agg(json_build_array(a.id, a.status, a."rankScore", u.id, u.code, u.name, u."kindCode", u.type))::text AS j
       FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId"
      WHERE a."tenantId" = $2 AND a."roundId" = $1 AND a."rankScore" IS NOT NULL`;
const D = `SELECT a.id, a.status::text AS status, a."rankScore"::text AS score, u.id AS uid, u.code, u.name, u."kindCode", u.type
       FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId"
      WHERE a."tenantId" = $2 AND a."roundId" = $1 AND a."rankScore" IS NOT NULL`;
const cases: Record<string, () => Promise<unknown>> = {
  A_jsonb_unit_obj: () => pool.query(A, [id, tenantId]),
  B_flat: () => pool.query(B, [id, tenantId]),
  C_json_agg_text_parse: async () => JSON.parse((await pool.query(C, [id, tenantId])).rows[0].j),
  D_score_text_parse: async () => (await pool.query(D, [id, tenantId])).rows.map((r) => JSON.parse(r.score)),
};
const res: Record<string, number[]> = {};
for (let i = 0; i < 25; i++) for (const [k, f] of Object.entries(cases)) { const t = performance.now(); await f(); (res[k] ??= []).push(performance.now() - t); }
for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(k.padEnd(24), "p50", v[12]!.toFixed(1), "min", v[0]!.toFixed(1)); }
const r = await pool.query(`SELECT avg(length("rankScore"::text))::int AS n FROM "Assessment" WHERE "roundId" = $1`, [id]); console.log(r.rows);
await pool.end();
