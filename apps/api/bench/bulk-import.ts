/**
 * Bulk writes against PostgreSQL COPY of the same rows, on a fresh database (PGlite in a temporary directory by
 * default; a new database on the server named by DATABASE_URL / TEST_DATABASE_URL, created, then dropped):
 *
 *   (1) a whole province's values through importRoundValues: the province with the most communes on the
 *       three-tier map opens a 2024 commune round (vn-2361-commune); an officer holding UNIT_EDITOR on every
 *       one of its communes takes the round's template (roundTemplate, the code GET /templates/round/<id>.xlsx
 *       serves), fills every value of every commune (valuesAtLevel, no value missing) as a user would in Excel
 *       (exceljs, typed into the template's cells), runs the dry run, then imports it (not a dry run: every unit
 *       saved in one transaction, each audited with the file); the baseline is COPY of every row it wrote (values,
 *       assessments, audit events), and reading the file alone is timed too. The apply takes the file as its dry
 *       run read it (kept in the database for ten minutes, for whichever API process applies); the same import of
 *       later rounds of the province is timed with that reading gone, as when the apply comes after it expired
 *       (BENCH_IMPORT_RUNS of each, default 3, alternately; medians shown), each followed by a COPY run (the
 *       baseline measured beside them);
 *   (2) the whole-nation seed (seedNation for BENCH_YEAR, default 2025: the three-tier map, 63 provinces,
 *       10,743 assessments) in one transaction of multi-row INSERTs;
 * each against COPY of the very rows it wrote (read back, turned into CSV beforehand) into equivalent tables
 * (CREATE TABLE … (LIKE … INCLUDING ALL): the same columns, defaults, primary keys, unique and other indexes;
 * no foreign keys or triggers), in the same run. COPY is `COPY … FROM STDIN` over the wire protocol on a
 * server (`copyIn`, the platform's own COPY for node-postgres) and
 * `COPY … FROM '/dev/blob'` with PGlite's blob option on PGlite (the bench opens the PGlite instance itself
 * and hands it to the platform). The import's COPY runs after each apply; the seed's COPY BENCH_COPY_RUNS times
 * (default 3); the tables truncated in between, median shown.
 *
 *   pnpm --filter @cds/api bench:bulk                    # PGlite
 *   DATABASE_URL=postgresql://… pnpm --filter @cds/api bench:bulk
 *   BENCH_YEAR=2026 pnpm --filter @cds/api bench:bulk     # the two-tier nation (3,321 assessments)
 *
 * Exits non-zero when the rows written are not what was imported or seeded, never on a missed target.
 */
import "./production.ts";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { BUILT_IN_SETS, type TCriteriaSet } from "@cds/criteria-schema";
import { layout, readValues, type Item } from "@cds/workbook";
import { copyIn, openDatabase } from "../src/db.ts";
import { startPlatform, type Platform } from "../src/platform.ts";
import { hashPassword, viewerFromSession } from "../src/services/auth.ts";
import { openRound } from "../src/services/rounds.ts";
import { pinnedSet } from "../src/services/sets.ts";
import { forgetReads, importRoundValues, roundTemplate } from "../src/services/values-import.ts";
import { seedBase, versionId } from "../src/seed/base.ts";
import { seedNation } from "../src/seed/nation.ts";
import { seedOf, valuesAtLevel } from "../src/seed/values.ts";
import { open, save } from "../../../packages/workbook/src/test-utils.ts";
import { freshDatabase } from "./database.ts";
import { fmt, pad, padR } from "./stats.ts";

const IMPORT_YEAR = 2024;
const YEAR = Number(process.env.BENCH_YEAR ?? 2025) || 2025;
const COPY_RUNS = Math.max(1, Number(process.env.BENCH_COPY_RUNS ?? 3) || 3);
const IMPORT_RUNS = Math.max(1, Number(process.env.BENCH_IMPORT_RUNS ?? 3) || 3);
const TARGET = 3;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let failures = 0;
function fail(msg: string): void {
  failures++;
  console.error(`ERROR: ${msg}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

// ---- COPY ---------------------------------------------------------------------------

interface Copier {
  label: string;
  /** COPY `csv` into `table`; the rows COPY reports. */
  copy(table: string, columns: string[], csv: string): Promise<number>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

function pgCopier(url: string): Copier {
  const client = new pg.Client({ connectionString: url });
  const ready = client.connect();
  return {
    label: "COPY … FROM STDIN (node-postgres, one connection)",
    async copy(table, columns, csv) {
      await ready;
      return copyIn(
        client,
        `COPY ${table} (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN WITH (FORMAT csv)`,
        csv,
      );
    },
    async exec(sql) {
      await ready;
      await client.query(sql);
    },
    async close() {
      await client.end();
    },
  };
}

function pgliteCopier(lite: PGlite): Copier {
  return {
    label: "COPY … FROM '/dev/blob' (PGlite blob option, the platform's instance)",
    async copy(table, columns, csv) {
      const r = await lite.query(
        `COPY ${table} (${columns.map((c) => `"${c}"`).join(", ")}) FROM '/dev/blob' WITH (FORMAT csv)`,
        [],
        { blob: new Blob([csv]) },
      );
      return r.affectedRows ?? 0;
    },
    async exec(sql) {
      await lite.exec(sql);
    },
    async close() {},
  };
}

/** One CSV field: NULL unquoted-empty, everything else quoted (JSON as its text, dates as ISO). */
function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s =
    v instanceof Date
      ? v.toISOString()
      : typeof v === "object"
        ? JSON.stringify(v)
        : typeof v === "bigint"
          ? v.toString()
          : String(v);
  return `"${s.replace(/"/g, '""')}"`;
}

interface TableRows {
  table: string;
  columns: string[];
  csv: string;
  rows: number;
}

/** The rows `where` selects from `table`, every column, as CSV (read back from what the code under test wrote). */
async function rowsOf(platform: Platform, table: string, where: string, params: unknown[]): Promise<TableRows> {
  const sql = platform.db.sql;
  const cols = (
    await sql.query<{ column_name: string }>(
      // Generated columns (Assessment.rankLine…) are the database's to compute: COPY cannot write them either.
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      [table],
    )
  ).map((c) => c.column_name);
  // JSON and timestamps as text, so the CSV holds exactly what PostgreSQL prints.
  const rows = await sql.query<Record<string, string | null>>(
    `SELECT ${cols.map((c) => `"${c}"::text AS "${c}"`).join(", ")} FROM "${table}" WHERE ${where}`,
    params,
  );
  const csv = rows.map((r) => cols.map((c) => csvField(r[c])).join(",")).join("\n") + (rows.length ? "\n" : "");
  return { table, columns: cols, csv, rows: rows.length };
}

/**
 * Fresh LIKE … INCLUDING ALL copies of the tables of `sets`; `run()` COPYs every table's rows into them in one
 * transaction (the copies truncated first) and says how long the COPY took; `drop()` drops the copies.
 */
async function copyTables(copier: Copier, sets: TableRows[], tag: string) {
  for (const s of sets) {
    await copier.exec(`DROP TABLE IF EXISTS "bench_${tag}_${s.table}"`);
    await copier.exec(`CREATE TABLE "bench_${tag}_${s.table}" (LIKE "${s.table}" INCLUDING ALL)`);
  }
  const runs: number[] = [];
  let rows = 0;
  return {
    runs,
    rows: () => rows,
    async run(): Promise<number> {
      for (const s of sets) await copier.exec(`TRUNCATE "bench_${tag}_${s.table}"`);
      rows = 0;
      const t = performance.now();
      await copier.exec("BEGIN");
      for (const s of sets) rows += await copier.copy(`"bench_${tag}_${s.table}"`, s.columns, s.csv);
      await copier.exec("COMMIT");
      runs.push(performance.now() - t);
      return runs.at(-1)!;
    },
    async drop(): Promise<void> {
      for (const s of sets) await copier.exec(`DROP TABLE "bench_${tag}_${s.table}"`);
    },
  };
}

/** COPY each table's rows into a fresh LIKE … INCLUDING ALL copy, `COPY_RUNS` times; the median time of the whole set. */
async function copyAll(
  copier: Copier,
  sets: TableRows[],
  tag: string,
): Promise<{ ms: number; runs: number[]; rows: number }> {
  const tables = await copyTables(copier, sets, tag);
  for (let i = 0; i < COPY_RUNS; i++) await tables.run();
  await tables.drop();
  return { ms: median(tables.runs), runs: tables.runs, rows: tables.rows() };
}

// ---- filling the template -------------------------------------------------------------

/** The cells of one value in the template's columns for its item, as a user would type them. */
function cellsOf(item: Item, value: unknown): (string | number | null)[] {
  const out: (string | number | null)[] = item.fields.map(() => null);
  const at = (key: string, v: string | number) => {
    const i = item.fields.findIndex((f) => f.key === key);
    if (i < 0) throw new Error(`${item.code}: no ${key} column`);
    out[i] = v;
  };
  if (value === null || value === undefined) return out;
  if (typeof value === "boolean") at("value", value ? "Có" : "Không");
  else if (typeof value === "number") at(item.fields.some((f) => f.key === "percent") ? "percent" : "count", value);
  else {
    const v = value as Record<string, unknown>;
    if (v.noSubjects) out[0] = "Không có đối tượng";
    else if (v.notApplicable) out[0] = "Không áp dụng";
    else
      for (const [k, x] of Object.entries(v))
        at(k === "percent" ? "percent" : k, Array.isArray(x) ? x.join("; ") : (x as number));
  }
  return out;
}

/** The template with every commune's row filled; the values by unit code, as the file should give them. */
async function fillTemplate(
  bytes: Uint8Array,
  set: TCriteriaSet,
): Promise<{ bytes: Uint8Array; values: Map<string, Record<string, unknown>>; cells: number }> {
  const wb = await open(bytes);
  const ws = wb.getWorksheet("Số liệu")!;
  const items = layout(set);
  const values = new Map<string, Record<string, unknown>>();
  let cells = 0;
  for (let r = 4; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const code = String(row.getCell(1).value ?? "");
    if (!code) continue;
    const level = seedOf(`${code}/level`) % 6;
    const v = valuesAtLevel(set, level, seedOf(code) ^ IMPORT_YEAR, 0);
    values.set(code, v);
    let col = 3;
    for (const item of items) {
      const cs = cellsOf(item, v[item.code]);
      for (const c of cs) {
        if (c !== null) {
          row.getCell(col).value = c;
          cells++;
        }
        col++;
      }
    }
  }
  return { bytes: await save(wb), values, cells };
}

// ---- main ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const db = await freshDatabase();
  let platform: Platform | null = null;
  let copier: Copier | null = null;
  try {
    const t0 = performance.now();
    if (db.kind === "pglite") {
      // The bench opens PGlite itself, so COPY can hand it a blob on the very instance the platform writes with.
      const lite = new PGlite(path.join(db.env.DATA_DIR, "pglite"));
      platform = await startPlatform(db.env, { db: await openDatabase({ pglite: lite }) });
      copier = pgliteCopier(lite);
    } else {
      platform = await startPlatform(db.env);
      copier = pgCopier(db.env.DATABASE_URL!);
    }
    const { prisma, sql } = platform.db;
    const [ver] = await sql.query<{ version: string }>(`SELECT version()`);
    const pgVersion = /PostgreSQL [\d.]+/.exec(ver!.version)?.[0] ?? ver!.version;
    console.log(
      `Bulk writes against COPY — database: ${db.label}, ${pgVersion}\n  ${db.where} (fresh; opened and migrated in ${fmt(performance.now() - t0)} ms)` +
        `\n  baseline: ${copier.label}, median of its runs\n  load at start ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(" ")}`,
    );
    let t = performance.now();
    await seedBase(prisma);
    console.log(`seedBase             ${fmt((performance.now() - t) / 1000, 1)} s`);

    // ---- (1) a province's values through importRoundValues ----
    const [big] = await sql.query<{ tenantId: string; n: number }>(
      `SELECT u."tenantId", count(*)::int AS n FROM "Unit" u JOIN "Tenant" t ON t.id = u."tenantId"
        WHERE u."kindCode" = 'commune' AND u."mapId" = '2025-03' AND t.kind = 'PROVINCE'
        GROUP BY u."tenantId" ORDER BY n DESC, u."tenantId" LIMIT 1`,
    );
    const tenantId = big!.tenantId;
    const nationalSet = BUILT_IN_SETS["vn-2361-commune"]!;
    const password = "bench-password-1";
    const hash = await hashPassword(password);
    await prisma.user.create({ data: { id: "bench_so", email: "so@bench.localhost", name: "Sở", passwordHash: hash } });
    await prisma.roleAssignment.create({ data: { userId: "bench_so", role: "PROVINCE_ADMIN", tenantId } });
    const signIn = async (email: string) => {
      const res = await platform!.app.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { __typename ... on MutationLoginSuccess { data { csrfToken } } } }`,
          variables: { e: email, p: password },
        }),
      });
      const body = (await res.json()) as { data?: { login: { data?: { csrfToken: string } } } };
      const csrf = body.data?.login.data?.csrfToken;
      const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
      if (!csrf || !cookie.startsWith("cds_session=")) throw new Error(`login failed for ${email}`);
      return viewerFromSession(prisma, platform!.services, cookie.slice("cds_session=".length), csrf);
    };
    const so = await signIn("so@bench.localhost");
    // The officer: UNIT_EDITOR on every commune of the province (as a province admin grants them, one per unit).
    const communes = await prisma.unit.findMany({
      where: { tenantId, mapId: "2025-03", kindCode: "commune" },
      select: { id: true },
    });
    await prisma.user.create({
      data: { id: "bench_officer", email: "officer@bench.localhost", name: "Cán bộ nhập liệu", passwordHash: hash },
    });
    await prisma.roleAssignment.createMany({
      data: communes.map((u) => ({ userId: "bench_officer", role: "UNIT_EDITOR" as const, tenantId, unitId: u.id })),
    });
    const officer = await signIn("officer@bench.localhost");
    /**
     * A round of the province for `year` (the three-tier map), its template filled, a dry run, then the apply; with
     * `readAgain` the dry run's reading is forgotten first (as when the apply comes after it expired).
     */
    const importProvince = async (year: number, readAgain: boolean) => {
      const round = await openRound(prisma, so, {
        tenantId,
        year,
        mapId: "2025-03",
        setVersionId: versionId(nationalSet.id, nationalSet.version),
        submitDueAt: `${year}-10-31`,
        reviewDueAt: `${year}-12-15`,
      });
      // The round's assessments, one per commune.
      const units = await prisma.assessment.findMany({
        where: { roundId: round.id },
        select: { id: true, unit: { select: { id: true, code: true } } },
      });

      t = performance.now();
      const template = await roundTemplate(prisma, officer, round.id);
      if (!template) throw new Error("roundTemplate: nothing to enter");
      const templateMs = performance.now() - t;
      const set = await pinnedSet(prisma, round.setVersionId);
      t = performance.now();
      const filled = await fillTemplate(template.bytes, set);
      const fillMs = performance.now() - t;
      const expectedValues = [...filled.values.values()].reduce((s, v) => s + Object.keys(v).length, 0);
      if (year === IMPORT_YEAR)
        console.log(
          `\n(1) ${tenantId}: ${units.length} communes, round ${round.id} (${year}, ${round.mapId}, ${set.id} ${set.version})` +
            `\n    template ${fmt(template.bytes.byteLength / 1024)} KiB in ${fmt(templateMs)} ms; filled by exceljs: ${fmt(filled.cells)} cells, ` +
            `${fmt(expectedValues)} values, ${fmt(filled.bytes.byteLength / 1024)} KiB in ${fmt(fillMs)} ms`,
        );
      const file = () => new File([filled.bytes as Uint8Array<ArrayBuffer>], "So lieu toan tinh.xlsx", { type: XLSX });
      t = performance.now();
      const dry = await importRoundValues(platform!.db, officer, { roundId: round.id, file: file(), dryRun: true });
      const dryMs = performance.now() - t;
      if (readAgain) await forgetReads(sql);
      if (dry.issues.length) fail(`dry run: ${dry.issues.length} issues, first: ${dry.issues[0]!.message}`);
      const changes = dry.units.reduce((s, u) => s + u.changes.length, 0);
      t = performance.now();
      const applied = await importRoundValues(platform!.db, officer, {
        roundId: round.id,
        file: file(),
        dryRun: false,
        versions: dry.units.map((u) => ({ assessmentId: u.assessment.id, version: u.assessment.version })),
      });
      const applyMs = performance.now() - t;
      const saved = applied.units.filter((u) => u.saved).length;
      const [stored] = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "IndicatorValue" v JOIN "Assessment" a ON a.id = v."assessmentId" WHERE a."roundId" = $1`,
        [round.id],
      );
      if (saved !== units.length) fail(`import: ${saved} of ${units.length} units saved`);
      if (stored!.n !== expectedValues)
        fail(`import: ${stored!.n} IndicatorValue rows, the file held ${expectedValues} values`);
      if (changes !== expectedValues) fail(`dry run: ${changes} changes, the file held ${expectedValues} values`);
      return { round, units, set, filled, dry, dryMs, applyMs, saved };
    };
    const { round, units, set, filled, dry, dryMs, ...first } = await importProvince(IMPORT_YEAR, false);
    const saved = first.saved;
    // The baseline: COPY of every row the import wrote — the values, the assessments (version, cached judgement)
    // and the audit events.
    const inRound = `"assessmentId" IN (SELECT id FROM "Assessment" WHERE "roundId" = $1)`;
    const importRows = [
      await rowsOf(platform, "IndicatorValue", inRound, [round.id]),
      await rowsOf(platform, "Assessment", `"roundId" = $1`, [round.id]),
      await rowsOf(
        platform,
        "AuditEvent",
        `action = 'assessment.importValues' AND "entityId" IN (SELECT id FROM "Assessment" WHERE "roundId" = $1)`,
        [round.id],
      ),
    ];
    const written1 = importRows.reduce((s, x) => s + x.rows, 0);
    if (importRows[2]!.rows !== saved) fail(`import: ${importRows[2]!.rows} audit events for ${saved} units saved`);
    // More rounds of the province (later years), alternately with the dry run's reading kept and forgotten; a
    // COPY of the first round's rows after each apply, so the two are measured side by side in the same state
    // of the machine and of the database (which grows by a round each time).
    const copies = await copyTables(copier, importRows, "import");
    await copies.run();
    const keptRuns = [first.applyMs];
    const againRuns: number[] = [];
    for (let i = 0; i < IMPORT_RUNS; i++) {
      againRuns.push((await importProvince(IMPORT_YEAR + 2 + 2 * i, true)).applyMs);
      await copies.run();
      if (keptRuns.length < IMPORT_RUNS) {
        keptRuns.push((await importProvince(IMPORT_YEAR + 3 + 2 * i, false)).applyMs);
        await copies.run();
      }
    }
    await copies.drop();
    const copy1 = { ms: median(copies.runs), runs: copies.runs, rows: copies.rows() };
    const applyMs = median(keptRuns);
    const againMs = median(againRuns);
    if (copy1.rows !== written1) fail(`COPY: ${copy1.rows} rows, the import wrote ${written1}`);
    // The part of the import that is reading the Excel file (exceljs), timed alone.
    t = performance.now();
    await readValues(set, filled.bytes, { allowedUnits: units.map((u) => u.unit.code) });
    const readMs = performance.now() - t;
    const row = (label: string, rows: number, ms: number) =>
      `\n${padR(`    ${label}`, 82)} ${pad(fmt(rows), 9)} ${pad(fmt(ms, 0), 10)} ${pad(`${(ms / copy1.ms).toFixed(1)}×`, 9)}`;
    console.log(
      `    rows written: ${importRows.map((x) => `${x.table} ${fmt(x.rows)}`).join(", ")}` +
        `\n${padR("    method", 82)} ${pad("rows", 9)} ${pad("ms", 10)} ${pad("vs COPY", 9)}` +
        `\n${padR(`    COPY of the rows the import wrote, one transaction (CSV ready), after each apply`, 82)} ${pad(fmt(copy1.rows), 9)} ${pad(fmt(copy1.ms, 1), 10)} ${pad("1.00×", 9)}` +
        `\n${padR("    reading the file alone (readValues, exceljs)", 82)} ${pad("0", 9)} ${pad(fmt(readMs, 0), 10)} ${pad(`${(readMs / copy1.ms).toFixed(1)}×`, 9)}` +
        `\n${padR(`    importRoundValues dry run (read the file, judge ${dry.units.length} units; nothing written)`, 82)} ${pad("0", 9)} ${pad(fmt(dryMs, 0), 10)} ${pad(`${(dryMs / copy1.ms).toFixed(1)}×`, 9)}` +
        row(`importRoundValues applied after it (${saved} units saved in one transaction)`, written1, applyMs) +
        row(`importRoundValues applied, the file read again (the dry run's reading expired)`, written1, againMs) +
        row(`  the same, less reading the file`, written1, againMs - readMs) +
        `\n    COPY runs: ${copy1.runs.map((x) => fmt(x, 1)).join(" / ")} ms; applies: ${keptRuns.map((x) => fmt(x, 0)).join(" / ")} ms, ` +
        `read again ${againRuns.map((x) => fmt(x, 0)).join(" / ")} ms (medians shown); per unit saved: ${fmt(applyMs / Math.max(1, saved), 1)} ms` +
        `\n    target: import ≤ ${TARGET}× COPY — ${applyMs / copy1.ms <= TARGET ? "MET" : "NOT MET"} (${(applyMs / copy1.ms).toFixed(1)}×; ` +
        `the file read again ${againMs / copy1.ms <= TARGET ? "MET" : "NOT MET"}, ${(againMs / copy1.ms).toFixed(1)}×; ` +
        `less reading it ${(againMs - readMs) / copy1.ms <= TARGET ? "MET" : "NOT MET"}, ${((againMs - readMs) / copy1.ms).toFixed(1)}×)`,
    );

    // ---- (2) the whole-nation seed ----
    const r = await seedNation(platform, { year: YEAR });
    const writeMs = ["assessments", "values", "recognise", "rest"].reduce((s, k) => s + (r.phases[k] ?? 0), 0);
    const rounds = `SELECT id FROM "Round" WHERE year = $1 AND id LIKE 'rnd\\_%'`;
    const seedRows = [
      await rowsOf(platform, "Round", `id IN (${rounds})`, [YEAR]),
      await rowsOf(platform, "Assessment", `"roundId" IN (${rounds})`, [YEAR]),
      await rowsOf(
        platform,
        "IndicatorValue",
        `"assessmentId" IN (SELECT id FROM "Assessment" WHERE "roundId" IN (${rounds}))`,
        [YEAR],
      ),
      await rowsOf(platform, "ProvinceReport", `year = $1 AND "submittedById" = 'seed:nation'`, [YEAR]),
      await rowsOf(platform, "AuditEvent", `action = 'seed.nation' AND "entityId" IN (${rounds})`, [YEAR]),
    ];
    const expect2: Record<string, number> = {
      Round: r.rounds,
      Assessment: r.assessments,
      IndicatorValue: r.values,
      ProvinceReport: r.reports,
      AuditEvent: r.rounds,
    };
    for (const s of seedRows)
      if (s.rows !== expect2[s.table]) fail(`seed: ${s.rows} ${s.table} rows, the seed says ${expect2[s.table]}`);
    const copy2 = await copyAll(copier, seedRows, "seed");
    const total2 = seedRows.reduce((s, x) => s + x.rows, 0);
    if (copy2.rows !== total2) fail(`COPY: ${copy2.rows} rows, the seed wrote ${total2}`);
    const mb = seedRows.reduce((s, x) => s + x.csv.length, 0) / 2 ** 20;
    console.log(
      `\n(2) seedNation ${YEAR} on ${r.mapId}: ${r.provinces} provinces, ${r.rounds} rounds, ${fmt(r.assessments)} assessments, ${fmt(r.values)} values, ${r.reports} reports` +
        `\n    phases: ${Object.entries(r.phases)
          .map(([k, ms]) => `${k} ${fmt(ms / 1000, 2)} s`)
          .join(", ")}` +
        `\n    rows written: ${seedRows.map((s) => `${s.table} ${fmt(s.rows)}`).join(", ")} (${fmt(mb, 1)} MiB of CSV)` +
        `\n${padR("    method", 82)} ${pad("rows", 9)} ${pad("ms", 10)} ${pad("vs COPY", 9)}` +
        `\n${padR("    COPY of the same rows into the five tables' copies, one transaction (CSV ready)", 82)} ${pad(fmt(copy2.rows), 9)} ${pad(fmt(copy2.ms, 0), 10)} ${pad("1.00×", 9)}` +
        `\n${padR("    seedNation, its writes only (INSERTs + UPDATE + reports + audit)", 82)} ${pad(fmt(total2), 9)} ${pad(fmt(writeMs, 0), 10)} ${pad(`${(writeMs / copy2.ms).toFixed(2)}×`, 9)}` +
        `\n${padR("    seedNation, whole (+ criteria-core judging, JSON, VACUUM ANALYZE)", 82)} ${pad(fmt(total2), 9)} ${pad(fmt(r.ms, 0), 10)} ${pad(`${(r.ms / copy2.ms).toFixed(2)}×`, 9)}` +
        `\n    COPY runs: ${copy2.runs.map((x) => fmt(x, 0)).join(" / ")} ms` +
        `\n    target: seed ≤ ${TARGET}× COPY — writes ${writeMs / copy2.ms <= TARGET ? "MET" : "NOT MET"} (${(writeMs / copy2.ms).toFixed(2)}×), ` +
        `whole ${r.ms / copy2.ms <= TARGET ? "MET" : "NOT MET"} (${(r.ms / copy2.ms).toFixed(2)}×)`,
    );
    console.log(
      `\nnode ${process.version} via tsx (NODE_ENV=${process.env.NODE_ENV}), ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ` +
        `load ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(" ")}, ${new Date().toISOString()}\ndatabase: ${db.label}, ${pgVersion}`,
    );
  } finally {
    await copier?.close();
    if (platform) await platform.close();
    await db.cleanup();
  }
  if (failures > 0) {
    console.error(`\nFAIL: ${failures} error(s), see above`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
