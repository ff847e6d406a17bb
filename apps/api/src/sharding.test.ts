// The database can be sharded by province with Citus without a schema change: checked from the Prisma schema
// (every model placed; the tenant in every key of a distributed table and in every foreign key between two; no
// reference table pointing at a distributed one), and in the database the migrations build.
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "./db.ts";
import { listMigrations } from "./migrate.ts";
import { citusStatements, DISTRIBUTED, REFERENCE, SHARD_KEY } from "./sharding.ts";

interface Model {
  name: string;
  fields: { name: string; type: string; required: boolean; unique: boolean; id: boolean }[];
  id: string[];
  uniques: string[][];
  relations: { field: string; target: string; fields: string[]; references: string[] }[];
}

const list = (s: string) => s.split(",").map((x) => x.trim());

/** The models of a Prisma schema: their fields, primary key, unique keys and foreign keys. */
function parseSchema(text: string): Map<string, Model> {
  const models = new Map<string, Model>();
  for (const [, name, body] of text.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const m: Model = { name: name!, fields: [], id: [], uniques: [], relations: [] };
    for (const raw of body!.split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      if (!line) continue;
      const block = /^@@(id|unique)\(\[([^\]]*)\]/.exec(line);
      if (block) {
        if (block[1] === "id") m.id = list(block[2]!);
        else m.uniques.push(list(block[2]!));
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!field || line.startsWith("@@")) continue;
      const [, fname, type, isList, optional, attrs] = field;
      m.fields.push({
        name: fname!,
        type: type!,
        required: !optional && !isList,
        unique: /@unique\b/.test(attrs!),
        id: /@id\b/.test(attrs!),
      });
      if (/@id\b/.test(attrs!)) m.id = [fname!];
      const rel = /@relation\([^)]*fields: \[([^\]]*)\], references: \[([^\]]*)\]/.exec(attrs!);
      if (rel) m.relations.push({ field: fname!, target: type!, fields: list(rel[1]!), references: list(rel[2]!) });
    }
    models.set(m.name, m);
  }
  return models;
}

const schema = parseSchema(readFileSync(new URL("../prisma/schema.prisma", import.meta.url), "utf8"));
const distributed = new Set<string>(DISTRIBUTED);

describe("the Prisma schema, placed on Citus", () => {
  it("places every model exactly once: distributed by the tenant, or a reference table with its reason", () => {
    const placed = [...DISTRIBUTED, ...Object.keys(REFERENCE)];
    expect(new Set(placed).size).toBe(placed.length);
    expect([...placed].sort()).toEqual([...schema.keys()].sort());
    for (const reason of Object.values(REFERENCE)) expect(reason.length).toBeGreaterThan(10);
  });

  it("a distributed table has the tenant, required, in its primary key and in every unique key", () => {
    for (const name of DISTRIBUTED) {
      const m = schema.get(name)!;
      expect(
        m.fields.find((f) => f.name === SHARD_KEY),
        name,
      ).toMatchObject({ type: "String", required: true });
      expect(m.id, `${name}'s primary key`).toContain(SHARD_KEY);
      for (const u of m.uniques) expect(u, `${name}'s unique key (${u.join(", ")})`).toContain(SHARD_KEY);
      expect(
        m.fields.filter((f) => f.unique).map((f) => f.name),
        `${name}: a unique column alone`,
      ).toEqual([]);
    }
  });

  it("a foreign key between two distributed tables joins on the tenant; none leaves a reference table for one", () => {
    for (const m of schema.values()) {
      for (const r of m.relations) {
        if (!distributed.has(r.target)) continue;
        expect(distributed.has(m.name), `${m.name}.${r.field} → ${r.target}: a reference table`).toBe(true);
        const at = r.fields.indexOf(SHARD_KEY);
        expect(at, `${m.name}.${r.field} → ${r.target}`).toBeGreaterThanOrEqual(0);
        expect(r.references[at], `${m.name}.${r.field} → ${r.target}`).toBe(SHARD_KEY);
      }
    }
  });

  it("the statements for a Citus coordinator: reference tables first, then the distributed ones co-located", () => {
    const sql = citusStatements();
    expect(sql[0]).toBe("CREATE EXTENSION IF NOT EXISTS citus;");
    expect(sql.filter((s) => s.includes("create_reference_table"))).toHaveLength(Object.keys(REFERENCE).length);
    expect(sql.filter((s) => s.includes("create_distributed_table"))).toHaveLength(DISTRIBUTED.length);
    expect(sql.at(-1)).toBe(`SELECT create_distributed_table('"AuditEvent"', 'tenantId', colocate_with => '"Round"');`);
  });
});

describe("the database the migrations build", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it("keys every distributed table by the tenant: primary, unique and foreign keys between them", async () => {
    const rows = await db.sql.query<{
      table: string;
      kind: string;
      name: string;
      columns: string[];
      target: string | null;
    }>(
      `SELECT c.relname AS table, k.contype::text AS kind, k.conname AS name, t.relname AS target,
              ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS x(n, i)
                      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.n ORDER BY x.i) AS columns
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_class t ON t.oid = k.confrelid
        WHERE k.contype IN ('p', 'u', 'f') AND c.relname = ANY($1::text[])`,
      [DISTRIBUTED],
    );
    const uniqueIndexes = await db.sql.query<{ table: string; name: string; def: string }>(
      `SELECT tablename AS table, indexname AS name, indexdef AS def FROM pg_indexes
        WHERE tablename = ANY($1::text[]) AND indexdef LIKE 'CREATE UNIQUE INDEX%'`,
      [DISTRIBUTED],
    );
    for (const name of DISTRIBUTED) {
      const pk = rows.find((r) => r.table === name && r.kind === "p");
      expect(pk?.columns, `${name}'s primary key`).toEqual([SHARD_KEY, "id"]);
    }
    for (const r of rows.filter((r) => r.kind === "u" || (r.kind === "f" && distributed.has(r.target!))))
      expect(r.columns, `${r.table}: ${r.name}`).toContain(SHARD_KEY);
    for (const i of uniqueIndexes) expect(i.def, `${i.table}: ${i.name}`).toContain(`"${SHARD_KEY}"`);
    // Every foreign key from one distributed table to another was rebuilt on the tenant.
    expect(
      rows
        .filter((r) => r.kind === "f" && distributed.has(r.target!))
        .map((r) => `${r.table} → ${r.target}`)
        .sort(),
    ).toEqual(
      [
        "Assessment → Round",
        "DecisionScan → Round",
        "DeadlineExtension → Assessment",
        "Evidence → Assessment",
        "IndicatorValue → Assessment",
        "ReviewComment → Assessment",
      ].sort(),
    );
  });
});

describe("an existing database, upgraded", () => {
  it("copies each row's tenant from its parent, gives the ministry the audit of no province, keeps the locks", async () => {
    const pg = new PGlite();
    const [before, after] = [
      listMigrations().filter((m) => m.name < "20261205000000_tenant_keys"),
      listMigrations().filter((m) => m.name >= "20261205000000_tenant_keys"),
    ];
    for (const m of before) await pg.exec(m.sql);
    // A province's round with a recognised assessment (its rows locked) and a draft, and an audit of no province.
    await pg.exec(`${UPGRADE_DATA}`);
    for (const m of after) await pg.exec(m.sql);
    const rows = async (sql: string) => (await pg.query<Record<string, unknown>>(sql)).rows;
    expect(await rows(`SELECT id, "tenantId" FROM "Assessment" ORDER BY id`)).toEqual([
      { id: "a1", tenantId: "p1" },
      { id: "a2", tenantId: "p1" },
    ]);
    for (const table of ["IndicatorValue", "Evidence", "ReviewComment", "DeadlineExtension", "DecisionScan"])
      expect(await rows(`SELECT DISTINCT "tenantId" FROM "${table}"`), table).toEqual([{ tenantId: "p1" }]);
    expect(await rows(`SELECT action, "tenantId" FROM "AuditEvent" ORDER BY action`)).toEqual([
      { action: "login", tenantId: "vn" },
      { action: "save", tenantId: "p1" },
    ]);
    // The ranking part of the existing score, kept by the database as a line.
    expect(await rows(`SELECT "rankLine", "finalRankLine" FROM "Assessment" ORDER BY id`)).toEqual([
      { rankLine: "1|1/1||G:0.5:", finalRankLine: null },
      { rankLine: null, finalRankLine: null },
    ]);
    // The recognised assessment's rows are locked again, the audit append-only again.
    await expect(pg.exec(`UPDATE "IndicatorValue" SET note = 'x' WHERE id = 'iv1'`)).rejects.toThrow(/cds_immutable/);
    await expect(pg.exec(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/cds_immutable/);
    await pg.close();
  });
});

const UPGRADE_DATA = `
INSERT INTO "Tenant"(id, name, kind) VALUES ('vn','Bộ','MINISTRY'), ('p1','Tỉnh','PROVINCE');
INSERT INTO "AdminMap"(id, name, "asOf", kinds) VALUES ('m','map', now(), ARRAY['province','commune']);
INSERT INTO "UnitKind"(code, name, "nameEn") VALUES ('commune','xã','commune');
INSERT INTO "Unit"(id, code, "mapId", name, "searchName", type, "kindCode", path, "tenantId") VALUES ('u1','00001','m','X','x','Xã','commune','/u1','p1'), ('u2','00002','m','Y','y','Xã','commune','/u2','p1');
INSERT INTO "CriteriaSet"(id, "tenantId", "unitKind", title) VALUES ('s','p1','commune','S');
INSERT INTO "CriteriaSetVersion"(id, "setId", version, document, "updatedAt") VALUES ('v','s','1','{}', now());
INSERT INTO "Round"(id, "tenantId", year, "unitKind", name, "mapId", "reviewChain", "setVersionId", "submitDueAt", "reviewDueAt") VALUES ('r','p1',2026,'commune','R','m','{}','v', now(), now());
INSERT INTO "Assessment"(id, "roundId", "unitId", "setVersionId", "updatedAt", score, "finalScore") VALUES
 ('a1','r','u1','v', now(), '{"score":1,"scoreText":"1","exact":{"numerator":"1","denominator":"1"},"level":null,"groups":[{"code":"G","parent":null,"index":0.5,"indexText":"0.5","indexExact":null,"name":"n"}],"components":[{"x":1}]}', NULL),
 ('a2','r','u2','v', now(), NULL, NULL);
INSERT INTO "IndicatorValue"(id, "assessmentId", "criterionCode", value, "updatedAt") VALUES ('iv1','a1','C1','1', now()), ('iv2','a2','C1','2', now());
INSERT INTO "Evidence"(id, "assessmentId", "criterionCode", "fileName", "mimeType", size, sha256, "storageKey", "uploadedById") VALUES ('e1','a1','C1','f','application/pdf',1,'0','k','x');
INSERT INTO "ReviewComment"(id, "assessmentId", body, "authorId") VALUES ('c1','a1','b','x');
INSERT INTO "DeadlineExtension"(id, "assessmentId", "dueAt", reason, "grantedById") VALUES ('d1','a2', now(), 'lý do','x');
INSERT INTO "DecisionScan"(id, "roundId", "decisionNumber", "fileName", "mimeType", size, sha256, "storageKey", "uploadedById") VALUES ('ds','r','1/QĐ','f','application/pdf',1,'0','k','x');
INSERT INTO "AuditEvent"("actorKind", action, "entityType", "entityId") VALUES ('user','login','User','x');
INSERT INTO "AuditEvent"("actorKind", "tenantId", action, "entityType", "entityId") VALUES ('user','p1','save','Assessment','a1');
UPDATE "Assessment" SET status = 'RECOGNISED' WHERE id = 'a1';
`;
