/**
 * The save's SQL reads what Prisma reads: every assessment of the seeded demo (drafts, returned, verified, with a
 * verifier's value, recognised with a decision date, scored ones) loaded both ways is the same object, dates as
 * Dates, JSON as JSON, nulls as nulls; and the DateTime columns it revives are exactly the schema's.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { setupApi, type TestApi } from "../testing/harness.ts";
import { loadAssessmentSql, SQL_DATE_COLUMNS } from "./assessment-sql.ts";
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
  // A verifier's value with its time and comment, on a row of the first assessment that has values.
  const row = await api.prisma.indicatorValue.findFirstOrThrow({ orderBy: { id: "asc" } });
  await api.prisma.indicatorValue.update({
    where: { id: row.id },
    data: {
      verifiedValue: row.value ?? 1,
      verifiedAt: new Date("2026-11-30T09:15:30.25Z"),
      verifierComment: "đã xác minh",
    },
  });
  let verified = 0;
  for (const { id } of ids) {
    const viaPrisma = await load(api.prisma, id);
    const viaSql = await loadAssessmentSql(api.platform.db.sql, id);
    expect({ ...viaSql, values: byCode(viaSql!.values) }).toEqual({
      ...viaPrisma,
      values: byCode(viaPrisma.values),
    });
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
