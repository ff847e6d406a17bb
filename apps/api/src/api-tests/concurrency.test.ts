/**
 * Optimistic concurrency on assessments: two saves with the same `version`
 * at the same time — exactly one wins, the other gets ConflictError with the
 * current version and writes nothing; a retry with the fresh version works
 * and nothing is lost. Three rounds, each on a different editable assessment
 * of Huyện Yên Khánh (two sessions each, like two people at two computers).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeGlobalId } from "../schema/ids.ts";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import {
  assessmentOf,
  createUnitEditor,
  expectError,
  expectSuccess,
  mutate,
  type Json,
  type MutationResult,
} from "./helpers.ts";

let api: TestApi;

const save = (c: Client, v: { id: string; version: number; values: Record<string, unknown> }) =>
  mutate(
    c,
    "saveIndicatorValues",
    "$id: ID!, $version: Int!, $values: JSON!",
    "assessmentId: $id, version: $version, values: $values",
    "id version computedLevel values { criterionCode value }",
    v,
  );

const FIELDS = "id version status computedLevel values { criterionCode value }";
const valuesOf = (a: Json): Record<string, unknown> =>
  Object.fromEntries(a.values.map((v: Json) => [v.criterionCode, v.value]));

beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

// 14563 Xã Khánh Thiện (DRAFT, its demo editor), 14590 (DRAFT) and 14569 (RETURNED) with a test-created editor each.
const CASES: { unit: string; email: string | null; status: string }[] = [
  { unit: "14563", email: "xa.khanhthien@ninhbinh.gov.vn", status: "DRAFT" },
  { unit: "14590", email: null, status: "DRAFT" },
  { unit: "14569", email: null, status: "RETURNED" },
];

describe("two concurrent saves with the same version", () => {
  for (const [n, c] of CASES.entries()) {
    it(`round ${n + 1} (${c.unit}, ${c.status}): one wins, the other conflicts; a retry with the fresh version succeeds`, async () => {
      const email = c.email ?? (await createUnitEditor(api, c.unit));
      const [alice, bob] = await Promise.all([api.as(email), api.as(email)]);
      const start = await assessmentOf(alice, c.unit, FIELDS);
      expect(start.status).toBe(c.status);
      const before = valuesOf(start);
      // Different criteria and values per person, so a lost write would show.
      const mine = { "CQS-01": { numerator: 61 + n, denominator: 100 }, "CQS-03": { numerator: 7, denominator: 10 } };
      const theirs = {
        "CQS-06": { numerator: 33 + n, denominator: 40 },
        "CQS-01": { numerator: 99, denominator: 100 },
      };

      const results: MutationResult[] = await Promise.all([
        save(alice, { id: start.id, version: start.version, values: mine }),
        save(bob, { id: start.id, version: start.version, values: theirs }),
      ]);
      const ok = results.filter((r) => r.__typename === "MutationSaveIndicatorValuesSuccess");
      const conflicts = results.filter((r) => r.__typename === "ConflictError");
      expect(results.map((r) => r.__typename).sort(), JSON.stringify(results)).toEqual([
        "ConflictError",
        "MutationSaveIndicatorValuesSuccess",
      ]);
      expect(ok).toHaveLength(1);
      expect(conflicts).toHaveLength(1);
      const conflict = expectError(conflicts[0]!, "ConflictError");
      expect(conflict.code).toBe("CONFLICT");
      expect(conflict.currentVersion).toBe(start.version + 1);
      expect(ok[0]!.data!.version).toBe(start.version + 1);

      const aliceWon = results[0]!.__typename === "MutationSaveIndicatorValuesSuccess";
      const [winnerValues, loserValues, loser] = aliceWon ? [mine, theirs, bob] : [theirs, mine, alice];

      // The winner's values are stored; the loser wrote nothing.
      const mid = await assessmentOf(alice, c.unit, FIELDS);
      expect(mid.version).toBe(start.version + 1);
      expect(valuesOf(mid)).toEqual({ ...before, ...winnerValues });
      // One audit event for the one save that happened.
      const saves = await api.prisma.auditEvent.count({
        where: { entityId: decodeGlobalId(start.id).id, action: "assessment.saveValues" },
      });

      // The loser reloads and saves again with the fresh version.
      const retry = expectSuccess(
        await save(loser, { id: start.id, version: conflict.currentVersion!, values: loserValues }),
      );
      expect(retry.version).toBe(start.version + 2);
      const end = await assessmentOf(bob, c.unit, FIELDS);
      expect(end.version).toBe(start.version + 2);
      expect(valuesOf(end)).toEqual({ ...before, ...winnerValues, ...loserValues });
      expect(end.computedLevel).toBe(retry.computedLevel);
      const savesAfter = await api.prisma.auditEvent.count({
        where: { entityId: decodeGlobalId(start.id).id, action: "assessment.saveValues" },
      });
      expect(savesAfter).toBe(saves + 1);
    });
  }

  it("a stale version after the fact is a conflict too, and writes nothing", async () => {
    const ed = await api.as("xa.khanhthien@ninhbinh.gov.vn");
    const a = await assessmentOf(ed, "14563", FIELDS);
    const where = { entityId: decodeGlobalId(a.id).id };
    const events = await api.prisma.auditEvent.count({ where });
    const rows = await api.prisma.indicatorValue.findMany({ where: { assessmentId: where.entityId } });
    const r = expectError(
      await save(ed, { id: a.id, version: a.version - 2, values: { "CQS-01": { numerator: 1, denominator: 100 } } }),
      "ConflictError",
    );
    expect(r.currentVersion).toBe(a.version);
    expect(await assessmentOf(ed, "14563", FIELDS)).toEqual(a);
    // The save's one statement wrote no value row (not even its time) and no audit event.
    expect(await api.prisma.indicatorValue.findMany({ where: { assessmentId: where.entityId } })).toEqual(rows);
    expect(await api.prisma.auditEvent.count({ where })).toBe(events);
  });
});
