/**
 * The save's SQL reads what Prisma reads: every assessment of the seeded demo (drafts, returned, verified, with a
 * verifier's value, recognised with a decision date, scored ones) loaded both ways is the same object, dates as
 * Dates, JSON as JSON, nulls as nulls; and the DateTime columns it revives are exactly the schema's.
 */
import { rowKey } from "./tenant-keys.ts";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { setupApi, type TestApi } from "../testing/harness.ts";
import { loadAssessmentSql, loadRoundAssessmentsSql, SQL_DATE_COLUMNS } from "./assessment-sql.ts";
import { load } from "./assessment-store.ts";

let api: TestApi;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

const byCode = <T extends { criterionCode: string }>(rows: T[]) =>
  [...rows].sort((a, b) => a.criterionCode.localeCompare(b.criterionCode));

it("loads every seeded assessment exactly as Prisma does", async () => {
  const ids = await api.prisma.assessment.findMany({ select: { id: true, status: true } });
  expect(new Set(ids.map((a) => a.status))).toEqual(
    new Set(["DRAFT", "SUBMITTED", "RETURNED", "VERIFIED", "APPRAISED", "RECOGNISED"]),
  );
  // A verifier's value with its time and comment, on a row of an assessment that has values (not a recognised
  // one: its rows are locked).
  const row = await api.prisma.indicatorValue.findFirstOrThrow({
    where: { assessment: { status: { not: "RECOGNISED" } } },
    orderBy: { id: "asc" },
  });
  await api.prisma.indicatorValue.update({
    where: rowKey(row),
    data: {
      verifiedValue: row.value ?? 1,
      verifiedAt: new Date("2026-11-30T09:15:30.25Z"),
      verifierComment: "đã xác minh",
    },
  });
  let verified = 0;
  // A whole round at once (the Excel import of a round) gives the same rows, and only that round's.
  const rounds = await api.prisma.round.findMany({ select: { id: true, tenantId: true } });
  const many = new Map<string, Awaited<ReturnType<typeof loadAssessmentSql>>>();
  for (const r of rounds)
    for (const a of await loadRoundAssessmentsSql(api.platform.db.sql, r)) {
      expect(a.roundId).toBe(r.id);
      many.set(a.id, a);
    }
  expect(many.size).toBe(ids.length);
  for (const { id } of ids) {
    const viaPrisma = await load(api.prisma, id);
    const viaSql = await loadAssessmentSql(api.platform.db.sql, id);
    expect({ ...viaSql, values: byCode(viaSql!.values) }).toEqual({
      ...viaPrisma,
      values: byCode(viaPrisma.values),
    });
    expect(many.get(id)).toEqual(viaSql);
    verified += viaPrisma.values.filter((v) => v.verifiedAt !== null).length;
  }
  expect(verified).toBeGreaterThan(0);
  expect(await loadAssessmentSql(api.platform.db.sql, "no-such-id")).toBeNull();
});

it("revives exactly the schema's DateTime columns", () => {
  const schema = readFileSync(new URL("../../prisma/schema.prisma", import.meta.url), "utf8");
  for (const [model, columns] of Object.entries(SQL_DATE_COLUMNS)) {
    const body = new RegExp(`^model ${model} \\{\\n([\\s\\S]*?)^\\}`, "m").exec(schema)?.[1] ?? "";
    const dates = [...body.matchAll(/^\s+(\w+)\s+DateTime\??/gm)].map((m) => m[1]);
    expect([...columns].sort(), model).toEqual(dates.sort());
  }
});

it("the database refuses any change to a recognised assessment's values, evidence and comments, one row or many", async () => {
  const recognised = await api.prisma.assessment.findFirstOrThrow({
    where: { status: "RECOGNISED", values: { some: {} } },
    include: { values: true },
  });
  const draft = await api.prisma.assessment.findFirstOrThrow({ where: { status: "DRAFT" }, include: { values: true } });
  const locked = /cds_immutable: recognised assessment .* is locked/;
  const v = recognised.values[0]!;
  await expect(api.prisma.indicatorValue.update({ where: rowKey(v), data: { note: "x" } })).rejects.toThrow(locked);
  await expect(api.prisma.indicatorValue.delete({ where: rowKey(v) })).rejects.toThrow(locked);
  await expect(
    api.prisma.indicatorValue.create({
      data: { tenantId: recognised.tenantId, assessmentId: recognised.id, criterionCode: "NEW-1", value: 1 },
    }),
  ).rejects.toThrow(locked);
  // A row moved onto a recognised assessment, or off one.
  const d =
    draft.values[0] ??
    (await api.prisma.indicatorValue.create({
      data: { tenantId: draft.tenantId, assessmentId: draft.id, criterionCode: "T-1", value: 1 },
    }));
  await expect(
    api.prisma.indicatorValue.update({
      where: rowKey(d),
      data: { tenantId: recognised.tenantId, assessmentId: recognised.id, criterionCode: "T-2" },
    }),
  ).rejects.toThrow(locked);
  await expect(
    api.prisma.indicatorValue.update({
      where: rowKey(v),
      data: { tenantId: draft.tenantId, assessmentId: draft.id, criterionCode: "T-3" },
    }),
  ).rejects.toThrow(locked);
  // Many rows in one statement: one locked row refuses the whole statement.
  await expect(
    api.prisma.indicatorValue.updateMany({
      where: { assessmentId: { in: [draft.id, recognised.id] } },
      data: { note: "hàng loạt" },
    }),
  ).rejects.toThrow(locked);
  expect(await api.prisma.indicatorValue.count({ where: { note: "hàng loạt" } })).toBe(0);
  await expect(
    api.prisma.evidence.create({
      data: {
        tenantId: recognised.tenantId,
        assessmentId: recognised.id,
        criterionCode: v.criterionCode,
        fileName: "a.pdf",
        mimeType: "application/pdf",
        size: 1,
        sha256: "0".repeat(64),
        storageKey: "k",
        uploadedById: "u",
      },
    }),
  ).rejects.toThrow(locked);
  await expect(
    api.prisma.reviewComment.create({
      data: { tenantId: recognised.tenantId, assessmentId: recognised.id, body: "x", authorId: "u" },
    }),
  ).rejects.toThrow(locked);
  // The draft's rows stay writable.
  const c = await api.prisma.reviewComment.create({
    data: { tenantId: draft.tenantId, assessmentId: draft.id, body: "được", authorId: "u" },
  });
  await api.prisma.reviewComment.delete({ where: rowKey(c) });
  expect((await api.prisma.indicatorValue.update({ where: rowKey(d), data: { note: "được" } })).note).toBe("được");
});

it("COPY writes rows as given (quotes, commas, line breaks, NULLs); a refused COPY leaves nothing and the database usable", async () => {
  const sql = api.platform.db.sql;
  const draft = await api.prisma.assessment.findFirstOrThrow({
    where: { status: "DRAFT", values: { some: {} } },
    include: { values: true },
  });
  const taken = draft.values[0]!;
  const columns = ["id", "tenantId", "assessmentId", "criterionCode", "value", "note", "updatedAt"];
  const row = (id: string, code: string, note: string | null) => [
    id,
    draft.tenantId,
    draft.id,
    code,
    JSON.stringify({ numerator: 3, denominator: 4 }),
    note,
    "2026-12-02T10:00:00.000",
  ];
  const note = 'Ghi chú "có ngoặc", dấu phẩy,\nxuống dòng; và \\ gạch chéo';
  await sql.transaction(async (tx) => {
    expect(await tx.copyFrom("IndicatorValue", columns, [row("copy-test-1", "COPY-TEST-1", note)])).toBe(1);
    expect(await tx.copyFrom("IndicatorValue", columns, [row("copy-test-2", "COPY-TEST-2", null)])).toBe(1);
  });
  const written = await api.prisma.indicatorValue.findMany({
    where: { assessmentId: draft.id, criterionCode: { startsWith: "COPY-TEST" } },
    orderBy: { criterionCode: "asc" },
  });
  expect(written.map((v) => [v.criterionCode, v.value, v.note])).toEqual([
    ["COPY-TEST-1", { numerator: 3, denominator: 4 }, note],
    ["COPY-TEST-2", { numerator: 3, denominator: 4 }, null],
  ]);
  // A row already stored (the unique key): the transaction fails whole, the row before it in the same COPY too.
  await expect(
    sql.transaction(async (tx) => {
      await tx.copyFrom("IndicatorValue", columns, [
        row("copy-test-3", "COPY-TEST-3", null),
        row("copy-test-4", taken.criterionCode, null),
      ]);
    }),
  ).rejects.toThrow(/duplicate key|unique/i);
  expect(await api.prisma.indicatorValue.count({ where: { id: { in: ["copy-test-3", "copy-test-4"] } } })).toBe(0);
  expect(await sql.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
  await api.prisma.indicatorValue.deleteMany({ where: { id: { in: ["copy-test-1", "copy-test-2"] } } });
});
