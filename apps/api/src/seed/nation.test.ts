// The whole-nation seed on both maps, for a few provinces of the suites' fixture (base map + demo).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEVEL_ABOVE_CHAIN, PROVINCE_CHAIN } from "../services/access.ts";
import { nationalSummary } from "../services/summaries.ts";
import { reviewChainJson } from "../services/units.ts";
import { setupApi, type TestApi } from "../testing/harness.ts";
import { seedNation } from "./nation.ts";

let api: TestApi;
beforeAll(async () => {
  api = await setupApi();
}, 120_000);
afterAll(async () => {
  await api?.close();
});

const count = async (sql: string, params: unknown[]) =>
  Number((await api.platform.db.sql.query<{ n: string | number }>(sql, params))[0]!.n);

/** Rounds of the year for the tenants, and assessments whose unit is not on their round's map. */
async function roundsOf(year: number, tenantIds: string[]) {
  const sql = api.platform.db.sql;
  const rounds = await sql.query<{ tenantId: string; unitKind: string; mapId: string; reviewChain: unknown }>(
    `SELECT "tenantId", "unitKind", "mapId", "reviewChain" FROM "Round"
      WHERE year = $1 AND "tenantId" = ANY($2::text[]) ORDER BY "tenantId", "unitKind"`,
    [year, tenantIds],
  );
  const offMap = await count(
    `SELECT count(*) AS n FROM "Round" r JOIN "Assessment" a ON a."roundId" = r.id JOIN "Unit" u ON u.id = a."unitId"
      WHERE r.year = $1 AND r."tenantId" = ANY($2::text[]) AND (u."mapId" <> r."mapId" OR u."tenantId" <> r."tenantId")`,
    [year, tenantIds],
  );
  return { rounds, offMap };
}

describe("seedNation", () => {
  it("a year on the three-tier map: commune and district rounds of every province, the level above reviewing", async () => {
    const tenantIds = ["ha-noi", "bac-kan"];
    const r = await seedNation(api.platform, { year: 2025, tenantIds });
    const units = await count(
      `SELECT count(*) AS n FROM "Unit" WHERE "mapId" = '2025-03' AND "kindCode" IN ('commune', 'district')
          AND "tenantId" = ANY($1::text[])`,
      [tenantIds],
    );
    expect(r).toMatchObject({ year: 2025, mapId: "2025-03", provinces: 2, skipped: [], rounds: 4, assessments: units });
    expect(r.recognisedByLevel.district.reduce((s, n) => s + n, 0)).toBeGreaterThan(0);

    const { rounds, offMap } = await roundsOf(2025, tenantIds);
    const chain = reviewChainJson(LEVEL_ABOVE_CHAIN);
    expect(rounds).toEqual([
      { tenantId: "bac-kan", unitKind: "commune", mapId: "2025-03", reviewChain: chain },
      { tenantId: "bac-kan", unitKind: "district", mapId: "2025-03", reviewChain: chain },
      { tenantId: "ha-noi", unitKind: "commune", mapId: "2025-03", reviewChain: chain },
      { tenantId: "ha-noi", unitKind: "district", mapId: "2025-03", reviewChain: chain },
    ]);
    expect(offMap).toBe(0);

    // The national summary of 2025 on the three-tier map: every commune assessed, the seed's recognitions.
    const rows = (
      await nationalSummary(api.platform.db.sql, { year: 2025, unitKind: "commune", mapId: "2025-03" })
    ).filter((x) => tenantIds.includes(x.tenantId));
    expect(rows.map((x) => x.mapId)).toEqual(["2025-03", "2025-03"]);
    expect(rows.every((x) => x.assessed === x.units)).toBe(true);
    expect(rows.map((x) => x.byLevel).reduce((s, b) => s.map((n, l) => n + b[l]!))).toEqual(
      r.recognisedByLevel.commune,
    );
  });

  it("a year on the two-tier map: commune rounds only, of the provinces open on 1 January, the province reviewing", async () => {
    // bac-kan merged into Thái Nguyên on 01/07/2025: not a province in 2026.
    const tenantIds = ["ha-noi", "bac-kan"];
    const year = 2026;
    const r = await seedNation(api.platform, { year, tenantIds });
    const communes = await count(
      `SELECT count(*) AS n FROM "Unit" WHERE "mapId" = '2025-07' AND "kindCode" = 'commune' AND "tenantId" = 'ha-noi'`,
      [],
    );
    expect(communes).toBe(126);
    expect(r).toMatchObject({
      year,
      mapId: "2025-07",
      provinces: 1,
      rounds: 1,
      assessments: communes,
      skipped: [],
      recognisedByLevel: { district: [0, 0, 0, 0, 0, 0] },
    });

    const { rounds, offMap } = await roundsOf(year, tenantIds);
    expect(rounds).toEqual([
      { tenantId: "ha-noi", unitKind: "commune", mapId: "2025-07", reviewChain: reviewChainJson(PROVINCE_CHAIN) },
    ]);
    expect(offMap).toBe(0);
    const reports = await api.platform.db.sql.query<{ summary: Record<string, unknown> }>(
      `SELECT summary FROM "ProvinceReport" WHERE year = $1 AND "tenantId" = 'ha-noi'`,
      [year],
    );
    for (const rep of reports) expect(Object.keys(rep.summary)).toEqual(["commune"]);

    const [row] = (await nationalSummary(api.platform.db.sql, { year, unitKind: "commune", mapId: "2025-07" })).filter(
      (x) => x.tenantId === "ha-noi",
    );
    expect(row).toMatchObject({ mapId: "2025-07", units: communes, assessed: communes });
    expect(row!.byLevel).toEqual(r.recognisedByLevel.commune);
  });

  it("is idempotent per year: a province with a round in the year is skipped whole", async () => {
    for (const year of [2025, 2026]) {
      const again = await seedNation(api.platform, { year, tenantIds: ["ha-noi", "bac-kan"] });
      expect(again).toMatchObject({ provinces: 0, rounds: 0, assessments: 0 });
      expect(again.skipped).toEqual(year === 2025 ? ["bac-kan", "ha-noi"] : ["ha-noi"]);
    }
  });
});
