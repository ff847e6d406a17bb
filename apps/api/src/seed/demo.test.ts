// The demo a new user sees: last year on the three-tier map, this year on today's map, the merged provinces' history.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../db.ts";
import { loadEnv } from "../env.ts";
import { startPlatform } from "../platform.ts";
import { seedBase } from "./base.ts";
import { seedDemo } from "./demo.ts";
import { DEMO_AGENCIES } from "./scored-demo.ts";

let db: Database;
let summary: string;

beforeAll(async () => {
  db = await openDatabase();
  const platform = await startPlatform(
    loadEnv({ NODE_ENV: "test", DATA_DIR: mkdtempSync(path.join(tmpdir(), "cds-demo-")) }),
    { db },
  );
  await seedBase(db.prisma);
  summary = (await seedDemo(platform, { year: 2026 })).summary;
}, 300_000);
afterAll(async () => {
  await db?.close();
});

describe("seedDemo on today's map", () => {
  it("runs 2026 on the two-tier map with the province's chain, and 2025 on the three-tier map", async () => {
    const rounds = await db.prisma.round.findMany({
      where: { judgedBy: "levels" },
      orderBy: [{ tenantId: "asc" }, { year: "asc" }, { unitKind: "asc" }],
      select: { tenantId: true, year: true, unitKind: true, mapId: true, reviewChain: true },
    });
    expect(rounds.map((r) => [r.tenantId, r.year, r.unitKind, r.mapId])).toEqual([
      ["ha-nam", 2025, "commune", "2025-03"],
      ["nam-dinh", 2025, "commune", "2025-03"],
      ["ninh-binh", 2025, "commune", "2025-03"],
      ["ninh-binh", 2025, "district", "2025-03"],
      ["ninh-binh", 2026, "commune", "2025-07"],
    ]);
    expect(rounds.at(-1)!.reviewChain).toMatchObject({ recognise: { roles: ["PROVINCE_LEADER"], at: "PROVINCE" } });
    expect(summary).toContain("bản đồ 2 cấp");
  });

  it("has this year's new communes in every status, recognised by UBND tỉnh", async () => {
    const rows = await db.prisma.assessment.groupBy({
      by: ["status"],
      where: {
        round: { tenantId: "ninh-binh", year: 2026, judgedBy: "levels" },
        OR: [{ status: { not: "DRAFT" } }, { registeredLevel: { not: null } }],
      },
      _count: { _all: true },
      orderBy: { status: "asc" },
    });
    expect(Object.fromEntries(rows.map((r) => [r.status, r._count._all]))).toEqual({
      DRAFT: 1,
      SUBMITTED: 1,
      RETURNED: 1,
      VERIFIED: 1,
      APPRAISED: 1,
      RECOGNISED: 2,
    });
    const leader = await db.prisma.user.findUniqueOrThrow({ where: { email: "lanhdao@ninhbinh.gov.vn" } });
    const levelRound = await db.prisma.assessment.findMany({
      where: { round: { tenantId: "ninh-binh", year: 2026, judgedBy: "levels" } },
      select: { id: true },
    });
    const events = await db.prisma.auditEvent.findMany({
      where: { action: "assessment.recognise", actorId: leader.id, entityId: { in: levelRound.map((a) => a.id) } },
    });
    expect(events).toHaveLength(2);
  });

  it("puts the portal's demo editor on the new Xã Khánh Thiện, whose predecessors have last year's history", async () => {
    const editor = await db.prisma.user.findUniqueOrThrow({
      where: { email: "xa.khanhthien@ninhbinh.gov.vn" },
      include: { roles: { include: { unit: true } } },
    });
    expect(editor.roles[0]!.unit).toMatchObject({ mapId: "2025-07", code: "14563", name: "Xã Khánh Thiện" });
    const predecessors = await db.prisma.unitLineage.findMany({
      where: { toId: editor.roles[0]!.unitId! },
      include: { from: { include: { assessments: { include: { round: true } } } } },
    });
    const history = predecessors.map((p) => [p.from.name, p.from.assessments.map((a) => [a.round.year, a.status])]);
    expect(history).toEqual(
      expect.arrayContaining([
        ["Xã Khánh Thiện", [[2025, "DRAFT"]]],
        ["Xã Khánh Lợi", [[2025, "VERIFIED"]]],
        ["Xã Khánh Cường", [[2025, "RECOGNISED"]]],
      ]),
    );
  });

  it("keeps Hà Nam's and Nam Định's recognitions as their own history, read by the new Ninh Bình", async () => {
    const recognised = await db.prisma.assessment.findMany({
      where: { status: "RECOGNISED", round: { tenantId: { in: ["ha-nam", "nam-dinh"] } } },
      select: { unit: { select: { code: true, tenantId: true } }, recognisedLevel: true },
      orderBy: { unit: { code: "asc" } },
    });
    expect(recognised.map((a) => [a.unit.tenantId, a.unit.code])).toEqual([
      ["ha-nam", "13285"],
      ["ha-nam", "13291"],
      ["ha-nam", "13294"],
      ["nam-dinh", "13657"],
    ]);
  });
});

describe("seedDemo's scored indices", () => {
  it("runs the commune index and the agency index beside the level rounds, two years each, and the ministry's DTI", async () => {
    const rounds = await db.prisma.round.findMany({
      where: { judgedBy: { not: "levels" } },
      orderBy: [{ tenantId: "asc" }, { year: "asc" }, { unitKind: "asc" }],
      select: { tenantId: true, year: true, unitKind: true, mapId: true, setVersion: { select: { setId: true } } },
    });
    expect(rounds.map((r) => [r.tenantId, r.year, r.unitKind, r.setVersion.setId])).toEqual([
      ["ninh-binh", 2025, "agency", "ninh-binh-dti-so-nganh"],
      ["ninh-binh", 2025, "commune", "ninh-binh-dti-xa"],
      ["ninh-binh", 2026, "agency", "ninh-binh-dti-so-nganh"],
      ["ninh-binh", 2026, "commune", "ninh-binh-dti-xa"],
      ["vn", 2025, "province", "vn-dti-province-2022"],
    ]);
    expect(await db.prisma.unit.count({ where: { tenantId: "ninh-binh", kindCode: "agency" } })).toBe(
      DEMO_AGENCIES.length,
    );
    expect(summary).toContain("bộ chỉ số cấp xã");
  });

  it("freezes a final score at recognition and caches the self-assessed and current scores", async () => {
    const recognised = await db.prisma.assessment.findMany({
      where: { round: { judgedBy: "points", year: 2025, unitKind: "agency" } },
      select: { status: true, score: true, selfScore: true, finalScore: true },
    });
    expect(recognised).toHaveLength(DEMO_AGENCIES.length);
    for (const a of recognised) {
      expect(a.status).toBe("RECOGNISED");
      expect(a.finalScore).toEqual(a.score);
      expect((a.selfScore as { maxScore: number }).maxScore).toBe(450);
    }
    const dti = await db.prisma.assessment.count({
      where: { round: { tenantId: "vn", year: 2025 }, status: "RECOGNISED" },
    });
    expect(dti).toBe(34);
  });
});
