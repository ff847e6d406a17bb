/**
 * Excel in for many units (issue 11): an officer who enters values for several communes downloads one
 * template of the round with a row per unit they may enter (GET /templates/round/<id>.xlsx), fills it like a user
 * would with exceljs, and uploads it through GraphQL multipart (`importRoundValues`). A dry run names every issue
 * by sheet, row, column and criterion, and each unit's changes, writing nothing; applying needs the dry run's
 * versions and saves each unit in its own transaction, audited with the file. The officer's account is made
 * through the API, as a province admin would.
 */
import { rowKey } from "../services/tenant-keys.ts";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TCriteriaSet } from "@cds/criteria-schema";
import { listen, type HttpServer } from "../http.ts";
import { decodeGlobalId } from "../schema/ids.ts";
import { pinnedSet } from "../services/sets.ts";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import { expectError, expectSuccess, mutate, query, type Json, type MutationResult } from "./helpers.ts";
import { col, open, save, type } from "../../../../packages/workbook/src/test-utils.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const RESULT = `
  dryRun fileName sha256
  issues { sheet row column criterionCode field message messageEn }
  units { row saved wouldBeLevel changes { criterionCode before after }
          assessment { id version computedLevel unit { code name } } }
`;

let api: TestApi;
let http: HttpServer;
let so: Client;
let officer: Client;
let roundId: string;
let set: TCriteriaSet;
let ratio: string;
/** Three draft communes the officer enters values for, and one submitted commune they also hold. */
let drafts: Json[];
let submitted: Json;

async function download(c: Client | null, id: string): Promise<Response> {
  return fetch(`${http.url}/templates/round/${encodeURIComponent(id)}.xlsx`, {
    headers: c?.cookie ? { cookie: c.cookie } : {},
  });
}

async function importFile(
  c: Client,
  bytes: Uint8Array,
  dryRun: boolean,
  versions?: { assessmentId: string; version: number }[],
): Promise<MutationResult> {
  return mutate(
    c,
    "importRoundValues",
    "$round: ID!, $file: File!, $dryRun: Boolean!, $versions: [AssessmentVersionInput!]",
    "roundId: $round, file: $file, dryRun: $dryRun, versions: $versions",
    RESULT,
    { round: roundId, dryRun, versions: versions ?? null },
    new File([bytes as Uint8Array<ArrayBuffer>], "Số liệu các xã.xlsx", { type: XLSX }),
  );
}

const versionsOf = (r: Json) =>
  r.units.map((u: Json) => ({ assessmentId: u.assessment.id, version: u.assessment.version }));
const storedOf = (globalId: string) =>
  api.prisma.assessment.findFirstOrThrow({ where: { id: decodeGlobalId(globalId).id }, include: { values: true } });

/** The officer's template with values typed into rows, by unit code. */
async function filled(byCode: Record<string, Parameters<typeof type>[2]>): Promise<Uint8Array> {
  const res = await download(officer, roundId);
  expect(res.status).toBe(200);
  const wb = await open(new Uint8Array(await res.arrayBuffer()));
  const ws = wb.getWorksheet("Số liệu")!;
  for (const [code, entries] of Object.entries(byCode)) {
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === code) row = n;
    });
    if (!row) {
      // A unit that is not in the template: a user types its code on the first empty row.
      row = ws.rowCount + 1;
      ws.getCell(`A${row}`).value = code;
    }
    type(ws, row, entries);
  }
  return save(wb);
}

/**
 * The province admin makes an officer's account with UNIT_EDITOR on each unit, through the API; the officer signs
 * in, changes the temporary password and signs in again.
 */
async function newOfficer(email: string, name: string, unitIds: string[]): Promise<Client> {
  const made = expectSuccess(
    await mutate(so, "createAccount", "$input: CreateAccountInput!", "input: $input", "account { id }", {
      input: {
        tenantId: "ninh-binh",
        email,
        name,
        role: "UNIT_EDITOR",
        unitId: unitIds[0],
        password: "mat-khau-tam-thoi",
      },
    }),
  );
  for (const unitId of unitIds.slice(1))
    expectSuccess(
      await mutate(so, "grantRole", "$input: GrantRoleInput!", "input: $input", "id", {
        input: { tenantId: "ninh-binh", userId: made.account.id, role: "UNIT_EDITOR", unitId },
      }),
    );
  const first = await api.as(email, "mat-khau-tam-thoi");
  expectSuccess(
    await mutate(
      first,
      "changePassword",
      "$c: String!, $n: String!",
      "currentPassword: $c, newPassword: $n",
      "endedSessions",
      { c: "mat-khau-tam-thoi", n: `${email}-mat-khau` },
    ),
  );
  return api.as(email, `${email}-mat-khau`);
}

beforeAll(async () => {
  api = await setupApi();
  so = await api.as("so@ninhbinh.gov.vn");
  const rounds = (await query(so, `{ rounds(tenant: "ninh-binh") { id year unitKind judgedBy } }`)).rounds as Json[];
  const round = rounds
    .filter((r) => r.unitKind === "commune" && r.judgedBy === "levels")
    .sort((a, b) => b.year - a.year)[0]!;
  roundId = round.id;
  const of = async (status: string) =>
    (
      await query(
        so,
        `query ($r: ID!, $s: [AssessmentStatus!]) {
          assessments(roundId: $r, status: $s, first: 20) { edges { node { id version unit { id code name } } } } }`,
        { r: roundId, s: [status] },
      )
    ).assessments.edges.map((e: Json) => e.node) as Json[];
  drafts = (await of("DRAFT")).filter((a) => a.unit.code !== "14563").slice(0, 3);
  expect(drafts).toHaveLength(3);
  submitted = (await of("SUBMITTED"))[0]!;
  const row = await api.prisma.assessment.findFirstOrThrow({ where: { id: decodeGlobalId(drafts[0]!.id).id } });
  set = await pinnedSet(api.prisma, row.setVersionId);
  ratio = set.criteria.find((c) => c.measure === "percentage")!.code;

  officer = await newOfficer("nhap-lieu@test.ninhbinh.gov.vn", "Cán bộ nhập liệu", [
    drafts[0]!.unit.id,
    drafts[1]!.unit.id,
    drafts[2]!.unit.id,
    submitted.unit.id,
  ]);

  http = await listen(api.platform, { host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await http?.close(100);
  await api?.close();
});

describe("GET /templates/round/<id>.xlsx", () => {
  it("gives the officer a row per unit they may enter values for now (not the submitted one), codes and names filled in", async () => {
    const res = await download(officer, roundId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(XLSX);
    expect(res.headers.get("content-disposition")).toContain('filename="mau-so-lieu-dot-');
    const ws = (await open(new Uint8Array(await res.arrayBuffer()))).getWorksheet("Số liệu")!;
    const rows: [unknown, unknown][] = [];
    ws.eachRow((r, n) => {
      if (n >= 4) rows.push([r.getCell(1).value, r.getCell(2).value]);
    });
    const expected = drafts
      .map((d) => [d.unit.code, d.unit.name] as [string, string])
      .sort((a, b) => a[0].localeCompare(b[0]));
    expect(rows).toEqual(expected);
    expect(ws.getCell("A4").protection?.locked).not.toBe(false);
  });

  it("is a 404 for whoever may enter no unit's values (the province, anonymous) and for a bad id", async () => {
    expect((await download(so, roundId)).status).toBe(404);
    expect((await download(null, roundId)).status).toBe(404);
    expect((await download(officer, "nope")).status).toBe(404);
  });
});

describe("importRoundValues", () => {
  it("a dry run names every issue by sheet, row, column and criterion, lists each unit's changes and writes nothing", async () => {
    const [a, b] = drafts;
    const bytes = await filled({
      [a!.unit.code]: { [ratio]: { "Tử số": 30, "Mẫu số": 40 } },
      [b!.unit.code]: { [ratio]: { "Tử số": "ba mươi", "Mẫu số": 40 } },
      [submitted.unit.code]: { [ratio]: { "Tử số": 1, "Mẫu số": 2 } },
    });
    const ws = (await open(bytes)).getWorksheet("Số liệu")!;
    const r = expectSuccess(await importFile(officer, bytes, true));
    expect(r.dryRun).toBe(true);
    const rowOf = (code: string) => r.units.find((u: Json) => u.assessment.unit.code === code)?.row;
    const bad = r.issues.find((i: Json) => i.criterionCode === ratio);
    expect(bad).toMatchObject({ sheet: "Số liệu", row: rowOf(b!.unit.code), column: col(ws, ratio, "Tử số") });
    expect(bad.message).toContain("ba mươi");
    expect(bad.message).toContain(`dòng ${rowOf(b!.unit.code)}`);
    // The submitted unit's row: not the officer's to enter now, named by its row and code, never written.
    const foreign = r.issues.find((i: Json) => i.message.includes(submitted.unit.code));
    expect(foreign).toMatchObject({ sheet: "Số liệu", column: "A" });
    expect(foreign.row).toBeGreaterThan(3);
    expect(r.issues).toHaveLength(2);
    const first = r.units.find((u: Json) => u.assessment.unit.code === a!.unit.code);
    expect(first.changes).toEqual([{ criterionCode: ratio, before: null, after: { numerator: 30, denominator: 40 } }]);
    expect(typeof first.wouldBeLevel).toBe("number");
    expect(first.saved).toBe(false);
    for (const d of [...drafts, submitted]) expect((await storedOf(d.id)).version).toBe(d.version);

    // Applying the same file is refused, naming the cells; nothing is written.
    const refused = expectError(await importFile(officer, bytes, false, versionsOf(r)), "InputError");
    expect(refused.issues!.map((i) => i.field)).toContain(
      `file.Số liệu!${col(ws, ratio, "Tử số")}${rowOf(b!.unit.code)}`,
    );
    for (const d of [...drafts, submitted]) expect((await storedOf(d.id)).version).toBe(d.version);
  });

  it("applying needs the dry run's versions; then each changed unit is saved and audited with the file, an unchanged one is not", async () => {
    const [a, b, c] = drafts;
    const bytes = await filled({
      [a!.unit.code]: { [ratio]: { "Tử số": 30, "Mẫu số": 40 } },
      [b!.unit.code]: { [ratio]: { "Tử số": 35, "Mẫu số": 40 } },
    });
    const noVersions = expectError(await importFile(officer, bytes, false), "InputError");
    expect(noVersions.issues!.map((i) => i.field)).toEqual(["versions"]);

    const dry = expectSuccess(await importFile(officer, bytes, true));
    expect(dry.issues).toEqual([]);
    const applied = expectSuccess(await importFile(officer, bytes, false, versionsOf(dry)));
    expect(applied.dryRun).toBe(false);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(applied.sha256).toBe(sha256);
    const byCode = new Map(applied.units.map((u: Json) => [u.assessment.unit.code, u]));
    for (const [d, numerator] of [
      [a!, 30],
      [b!, 35],
    ] as const) {
      const u = byCode.get(d.unit.code) as Json;
      expect(u.saved).toBe(true);
      expect(u.assessment.version).toBe(d.version + 1);
      const row = await storedOf(d.id);
      expect(row.version).toBe(d.version + 1);
      expect(row.values.find((v) => v.criterionCode === ratio)?.value).toEqual({ numerator, denominator: 40 });
      expect(row.computedLevel).toBe(u.wouldBeLevel);
      const audit = await api.prisma.auditEvent.findFirstOrThrow({
        where: { entityId: row.id, action: "assessment.importValues" },
      });
      expect(audit.after).toMatchObject({ file: { name: "Số liệu các xã.xlsx", sha256 }, row: u.row });
    }
    const untouched = byCode.get(c!.unit.code) as Json;
    expect(untouched).toMatchObject({ saved: false, changes: [] });
    expect((await storedOf(c!.id)).version).toBe(c!.version);

    // The dry run's versions are stale now: applying them again is a conflict and writes nothing.
    const again = await filled({ [a!.unit.code]: { [ratio]: { "Tử số": 31, "Mẫu số": 40 } } });
    const stale = await importFile(officer, again, false, versionsOf(dry));
    expect(stale.__typename).toBe("ConflictError");
    expect((await storedOf(a!.id)).version).toBe(a!.version + 1);
  });

  it("writes a unit's new value rows and updates its stored ones in the same import, keeping each stored row", async () => {
    const [a, b] = drafts;
    // b holds no row for the criterion (removed here, as a unit that never entered it); a holds one.
    const bRow = (await storedOf(b!.id)).values.find((v) => v.criterionCode === ratio);
    if (bRow) await api.prisma.indicatorValue.delete({ where: rowKey(bRow) });
    const aRow = (await storedOf(a!.id)).values.find((v) => v.criterionCode === ratio)!;
    expect(aRow).toBeDefined();
    const bytes = await filled({
      [a!.unit.code]: { [ratio]: { "Tử số": 12, "Mẫu số": 40 } },
      [b!.unit.code]: { [ratio]: { "Tử số": 13, "Mẫu số": 40 } },
    });
    const dry = expectSuccess(await importFile(officer, bytes, true));
    expect(dry.issues).toEqual([]);
    expectSuccess(await importFile(officer, bytes, false, versionsOf(dry)));
    const aAfter = (await storedOf(a!.id)).values.filter((v) => v.criterionCode === ratio);
    const bAfter = (await storedOf(b!.id)).values.filter((v) => v.criterionCode === ratio);
    expect(aAfter.map((v) => [v.id, v.value])).toEqual([[aRow.id, { numerator: 12, denominator: 40 }]]);
    expect(bAfter.map((v) => v.value)).toEqual([{ numerator: 13, denominator: 40 }]);
    expect(bAfter[0]!.tenantId).toBe(aRow.tenantId);
  });

  it("an apply reads the file as its own viewer may: another officer's dry run of the same file lends it nothing", async () => {
    const [a, b] = drafts;
    // A second officer, who enters values for a alone.
    const second = await newOfficer("nhap-lieu-2@test.ninhbinh.gov.vn", "Cán bộ nhập liệu 2", [a!.unit.id]);
    const before = [await storedOf(a!.id), await storedOf(b!.id)];
    const bytes = await filled({
      [a!.unit.code]: { [ratio]: { "Tử số": 21, "Mẫu số": 40 } },
      [b!.unit.code]: { [ratio]: { "Tử số": 22, "Mẫu số": 40 } },
    });
    // The first officer's dry run of the file: clean, both units theirs.
    const dry = expectSuccess(await importFile(officer, bytes, true));
    expect(dry.issues).toEqual([]);
    // The second officer applies the very same file with those versions: b's row is not theirs, nothing is written.
    const refused = expectError(await importFile(second, bytes, false, versionsOf(dry)), "InputError");
    expect(refused.issues!.some((i) => i.message.includes(b!.unit.code))).toBe(true);
    expect([(await storedOf(a!.id)).version, (await storedOf(b!.id)).version]).toEqual(before.map((x) => x.version));
    // The first officer applies it: both saved.
    const applied = expectSuccess(await importFile(officer, bytes, false, versionsOf(dry)));
    expect(
      applied.units
        .filter((u: Json) => u.saved)
        .map((u: Json) => u.assessment.unit.code)
        .sort(),
    ).toEqual([a!.unit.code, b!.unit.code].sort());
  });

  it("keeps the dry run's reading in the database for the apply, on whichever process it lands; taken once, for ten minutes", async () => {
    const [a] = drafts;
    const sql = api.platform.db.sql;
    const kept = () =>
      sql.query<{ key: string; reading: { units: { code: string; values: Record<string, unknown> }[] }; ttl: number }>(
        `SELECT id AS key, reading, extract(epoch FROM "expiresAt" - now())::float AS ttl FROM "ImportReading" WHERE "tenantId" = 'ninh-binh'`,
      );
    /** The kept reading says another value for a than the file does (what the apply uses shows which it read). */
    const tamper = async (numerator: number) => {
      const [row] = await kept();
      const unit = row!.reading.units.find((u) => u.code === a!.unit.code)!;
      unit.values[ratio] = { numerator, denominator: 40 };
      await sql.query(`UPDATE "ImportReading" SET reading = $2::jsonb WHERE id = $1`, [
        row!.key,
        JSON.stringify(row!.reading),
      ]);
    };
    const stored = async () => (await storedOf(a!.id)).values.find((v) => v.criterionCode === ratio)?.value;
    const bytes = await filled({ [a!.unit.code]: { [ratio]: { "Tử số": 24, "Mẫu số": 40 } } });
    const sha256 = createHash("sha256").update(bytes).digest("hex");

    const dry = expectSuccess(await importFile(officer, bytes, true));
    const [row] = await kept();
    expect(row!.key.startsWith(`${sha256}/`)).toBe(true);
    expect(row!.ttl).toBeGreaterThan(9 * 60);
    expect(row!.ttl).toBeLessThanOrEqual(10 * 60);
    await tamper(25);
    expectSuccess(await importFile(officer, bytes, false, versionsOf(dry)));
    expect(await stored()).toEqual({ numerator: 25, denominator: 40 }); // the kept reading, not the file again
    expect(await kept()).toEqual([]); // taken

    // Past its ten minutes, a kept reading is not used: the apply reads the file.
    const dry2 = expectSuccess(await importFile(officer, bytes, true));
    await tamper(26);
    await sql.query(`UPDATE "ImportReading" SET "expiresAt" = now() - interval '1 second'`);
    expectSuccess(await importFile(officer, bytes, false, versionsOf(dry2)));
    expect(await stored()).toEqual({ numerator: 24, denominator: 40 });
  });

  it("refuses whoever may enter no value of the round, naming why", async () => {
    const bytes = await filled({});
    const r = expectError(await importFile(so, bytes, true), "WorkflowError");
    expect(r.message).toContain("không có đơn vị nào bạn được nhập số liệu");
  });
});
