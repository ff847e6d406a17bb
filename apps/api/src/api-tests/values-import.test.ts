/**
 * Excel in for one unit: the values template downloaded over HTTP (for those
 * who may read the working data), filled like a user would with exceljs, and
 * uploaded through GraphQL multipart — a dry run lists issues by sheet/row/column
 * or the changes and the level (nothing written); applying saves through the
 * same path as the form (version check, evaluation, audit with the file's sha256).
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TCriteriaSet } from "@cds/criteria-schema";
import { createHttpHandler } from "../http.ts";
import { pinnedSet } from "../services/sets.ts";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import {
  communeDraft,
  expectError,
  expectSuccess,
  mutate,
  query,
  submittedCommune,
  type MutationResult,
} from "./helpers.ts";
import { readValues, valuesTemplate } from "@cds/workbook";
import { col, open, save, type } from "../../../../packages/workbook/src/test-utils.ts";

let api: TestApi;
let editor: Client;
let server: Server;
let base: string;
let draft: { id: string; version: number };
let set: TCriteriaSet;
let ratioA: string;
let ratioB: string;

const IMPORT_RESULT = `
  dryRun fileName sha256 wouldBeLevel
  issues { sheet row column criterionCode field message messageEn }
  changes { criterionCode before after }
  assessment { id version computedLevel values { criterionCode value } history { action after } }
`;

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function importFile(
  c: Client,
  id: string,
  version: number,
  bytes: Uint8Array,
  dryRun: boolean,
  name = "so-lieu.xlsx",
): Promise<MutationResult> {
  return mutate(
    c,
    "importIndicatorValues",
    "$id: ID!, $version: Int!, $file: File!, $dryRun: Boolean!",
    "assessmentId: $id, version: $version, file: $file, dryRun: $dryRun",
    IMPORT_RESULT,
    { id, version, dryRun },
    new File([bytes as Uint8Array<ArrayBuffer>], name, { type: XLSX }),
  );
}

async function download(c: Client | null, id: string): Promise<Response> {
  return fetch(`${base}/templates/assessment/${encodeURIComponent(id)}.xlsx`, {
    headers: c?.cookie ? { cookie: c.cookie } : {},
  });
}

async function templateBytes(c: Client, id: string): Promise<Uint8Array> {
  const res = await download(c, id);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** The editor's template with `entries` typed into the unit's row (row 4). */
async function filled(entries: Parameters<typeof type>[2], bytes?: Uint8Array): Promise<Uint8Array> {
  const wb = await open(bytes ?? (await templateBytes(editor, draft.id)));
  type(wb.getWorksheet("Số liệu")!, 4, entries);
  return save(wb);
}

/** The stored row of an assessment, by its GraphQL (global) id. */
async function stored(globalId: string) {
  const id = Buffer.from(globalId, "base64")
    .toString("utf8")
    .replace(/^Assessment:/, "");
  return api.prisma.assessment.findFirstOrThrow({ where: { id }, include: { values: true } });
}

beforeAll(async () => {
  api = await setupApi();
  const c = await communeDraft(api, "id version");
  editor = c.editor;
  draft = { id: c.draft.id, version: c.draft.version };
  const row = await api.prisma.assessment.findFirstOrThrow({ where: { unit: { code: "14563" }, status: "DRAFT" } });
  set = await pinnedSet(api.prisma, row.setVersionId);
  const ratios = set.criteria.filter((c) => c.measure === "percentage").map((c) => c.code);
  [ratioA, ratioB] = [ratios[0]!, ratios[1]!];
  server = createServer(createHttpHandler(api.platform));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await api?.close();
});

describe("GET /templates/assessment/<id>.xlsx", () => {
  it("gives the unit's editor the template of the pinned set, the unit's code and name filled in", async () => {
    const res = await download(editor, draft.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(XLSX);
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toContain('filename="mau-so-lieu-14563-');
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent("Mẫu số liệu Xã Khánh Thiện")}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const ws = (await open(bytes)).getWorksheet("Số liệu")!;
    expect([ws.getCell("A4").value, ws.getCell("B4").value]).toEqual(["14563", "Xã Khánh Thiện"]);
    // Read back untouched: no issue, the unit and no values.
    const back = await readValues(set, bytes, { allowedUnits: ["14563"] });
    expect(back.issues).toEqual([]);
    expect(back.units.map((u) => u.code)).toEqual(["14563"]);
  });

  it("the province reads it too; another tenant and anonymous callers get 404", async () => {
    expect((await download(await api.as("so@ninhbinh.gov.vn"), draft.id)).status).toBe(200);
    expect((await download(await api.as("so@hanoi.gov.vn"), draft.id)).status).toBe(404);
    expect((await download(null, draft.id)).status).toBe(404);
    expect((await download(editor, "nope")).status).toBe(404);
  });
});

describe("importIndicatorValues", () => {
  it("a dry run of a bad file lists every issue with its sheet, row, column and criterion; nothing is written", async () => {
    const before = await stored(draft.id);
    const bytes = await filled({
      [ratioA]: { "Tử số": "năm mươi", "Mẫu số": 50 },
      [ratioB]: { "Tử số": 60, "Mẫu số": 50 },
    });
    const r = expectSuccess(await importFile(editor, draft.id, draft.version, bytes, true));
    const ws = (await open(bytes)).getWorksheet("Số liệu")!;
    expect(r.dryRun).toBe(true);
    expect(r.wouldBeLevel).toBeNull();
    expect(r.issues).toHaveLength(2);
    expect(r.issues[0]).toMatchObject({
      sheet: "Số liệu",
      row: 4,
      column: col(ws, ratioA, "Tử số"),
      criterionCode: ratioA,
      field: "numerator",
    });
    expect(r.issues[0].message).toContain(`cột ${col(ws, ratioA, "Tử số")}`);
    expect(r.issues[0].message).toContain("năm mươi");
    expect(r.issues[1]).toMatchObject({ sheet: "Số liệu", row: 4, criterionCode: ratioB });
    expect([col(ws, ratioB, "Tử số"), col(ws, ratioB, "Mẫu số")]).toContain(r.issues[1].column);
    expect(r.issues[1].messageEn).toMatch(/numerator|denominator/i);
    const after = await stored(draft.id);
    expect(after.version).toBe(before.version);
    // Applying the same file is refused, naming the cells.
    const refused = expectError(await importFile(editor, draft.id, draft.version, bytes, false), "InputError");
    expect(refused.issues!.map((i) => i.field)).toContain(`file.Số liệu!${col(ws, ratioA, "Tử số")}4`);
    expect((await stored(draft.id)).version).toBe(before.version);
  });

  it("a dry run of a good file lists the changes and the level and writes nothing; applying saves, evaluates and audits", async () => {
    const before = await stored(draft.id);
    const bytes = await filled({ [ratioA]: { "Tử số": 41, "Mẫu số": 50 } });
    const dry = expectSuccess(await importFile(editor, draft.id, draft.version, bytes, true, "Số liệu xã.xlsx"));
    const oldA = before.values.find((v) => v.criterionCode === ratioA)?.value ?? null;
    expect(dry.changes).toEqual([{ criterionCode: ratioA, before: oldA, after: { numerator: 41, denominator: 50 } }]);
    expect(dry.issues).toEqual([]);
    expect(typeof dry.wouldBeLevel).toBe("number");
    expect(dry.assessment).toBeNull();
    const unchanged = await stored(draft.id);
    expect(unchanged.version).toBe(before.version);
    expect(unchanged.values).toEqual(before.values);

    const applied = expectSuccess(await importFile(editor, draft.id, draft.version, bytes, false, "Số liệu xã.xlsx"));
    expect(applied.dryRun).toBe(false);
    expect(applied.assessment.version).toBe(draft.version + 1);
    expect(applied.assessment.computedLevel).toBe(dry.wouldBeLevel);
    expect(applied.assessment.values).toContainEqual({
      criterionCode: ratioA,
      value: { numerator: 41, denominator: 50 },
    });
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(applied.sha256).toBe(sha256);
    expect(applied.assessment.history.at(-1)).toMatchObject({
      action: "assessment.importValues",
      after: { values: { [ratioA]: { numerator: 41, denominator: 50 } }, file: { name: "Số liệu xã.xlsx", sha256 } },
    });
    const row = await stored(draft.id);
    expect(row.version).toBe(draft.version + 1);
    expect(row.computedLevel).toBe(dry.wouldBeLevel);
    expect((row.effectiveValues as Record<string, unknown>)[ratioA]).toEqual({ numerator: 41, denominator: 50 });
    const audit = await api.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: row.id, action: "assessment.importValues" },
    });
    expect(audit.after).toMatchObject({ file: { sha256 } });

    // The version read before the import is now stale: a conflict, nothing written (dry run and apply alike).
    const stale = await filled({ [ratioA]: { "Tử số": 42, "Mẫu số": 50 } });
    expect(
      expectError(await importFile(editor, draft.id, draft.version, stale, true), "ConflictError").currentVersion,
    ).toBe(draft.version + 1);
    expect(
      expectError(await importFile(editor, draft.id, draft.version, stale, false), "ConflictError").currentVersion,
    ).toBe(draft.version + 1);
    expect((await stored(draft.id)).version).toBe(draft.version + 1);
    draft.version += 1;
  });

  it("another unit's template (or another set's) is refused", async () => {
    const other = await api.prisma.unit.findUniqueOrThrow({
      where: { mapId_code: { mapId: "2025-03", code: "14566" } },
    });
    const othersTemplate = await valuesTemplate(set, [{ code: other.code, name: other.name }]);
    const bytes = await filled({ [ratioA]: { "Tử số": 1, "Mẫu số": 2 } }, othersTemplate);
    const dry = expectSuccess(await importFile(editor, draft.id, draft.version, bytes, true));
    expect(dry.issues).toContainEqual(expect.objectContaining({ sheet: "Số liệu", row: 4, column: "A" }));
    expect(dry.issues[0].message).toContain("14566");
    expect(dry.changes).toEqual([]);
    expectError(await importFile(editor, draft.id, draft.version, bytes, false), "InputError");
    // A template of another version of the set: refused as a whole file.
    const otherVersion = await filled(
      { [ratioA]: { "Tử số": 1, "Mẫu số": 2 } },
      await valuesTemplate({ ...set, version: "9.9" }, [{ code: "14563", name: "Xã Khánh Thiện" }]),
    );
    const wrongSet = expectSuccess(await importFile(editor, draft.id, draft.version, otherVersion, true));
    expect(wrongSet.issues).toEqual([expect.objectContaining({ sheet: "", row: 0, column: "" })]);
    expect(wrongSet.issues[0].message).toContain("9.9");
    expect(wrongSet.changes).toEqual([]);
    expectError(await importFile(editor, draft.id, draft.version, otherVersion, false), "InputError");
    const notXlsx = expectSuccess(
      await importFile(editor, draft.id, draft.version, new TextEncoder().encode("xin chào"), true),
    );
    expect(notXlsx.issues).toHaveLength(1);
    expect((await stored(draft.id)).version).toBe(draft.version);
  });

  it("only the unit's editors, only while editable", async () => {
    const bytes = await filled({ [ratioA]: { "Tử số": 3, "Mẫu số": 4 } });
    const officer = await api.as("phong.yenkhanh@ninhbinh.gov.vn");
    expectError(await importFile(officer, draft.id, draft.version, bytes, true), "ForbiddenError");
    const hanoi = await api.as("so@hanoi.gov.vn");
    expectError(await importFile(hanoi, draft.id, draft.version, bytes, true), "NotFoundError");

    const { editor: unitEditor, submitted } = await submittedCommune(api, "id version");
    const own = await filled({ [ratioA]: { "Tử số": 3, "Mẫu số": 4 } }, await templateBytes(unitEditor, submitted.id));
    const r = expectError(await importFile(unitEditor, submitted.id, submitted.version, own, true), "WorkflowError");
    expect(r.message).toContain("đã nộp");
    expectError(await importFile(unitEditor, submitted.id, submitted.version, own, false), "WorkflowError");
    const now = await query(unitEditor, `query ($id: ID!) { assessment(id: $id) { version } }`, { id: submitted.id });
    expect(now.assessment.version).toBe(submitted.version);
  });
});
