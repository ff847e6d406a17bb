/**
 * The impact of a SCORED draft (Bộ chỉ số, judgedBy points) through the API:
 * Ninh Bình clones the commune index template (mau-dti-xa) into a set of its own,
 * publishes it, opens a 2027 round on it (the two-tier map: Xã and Phường rank
 * apart), and drafts version 2.0 that moves points between components and
 * changes one component's rule to another kind. The preview scores the round's
 * values under both versions and ranks the units per ranking group.
 *
 * The tests run in order and share the round and the draft.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtInSet } from "@cds/criteria-schema";
import { globalId } from "../testing/authz-cases.ts";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import { assessmentById, createUnitEditor, expectSuccess, mutate, query, queryError, type Json } from "./helpers.ts";

let api: TestApi;
let so: Client;
let roundId: string;
let draftId: string;
/** Assessments of the 2027 round by the letter the tests give their units. */
const unit: Record<string, { id: string; name: string }> = {};

const template = builtInSet("mau-dti-xa")!;

const IMPACT = `query ($r: ID!, $v: ID!) {
  impactPreview(roundId: $r, versionId: $v) {
    units current draft up down moved { assessmentId }
    scored maxScore rankChanged
    scoreChanges {
      assessmentId unitName group groupName currentScore currentScoreText currentRank
      draftScore draftScoreText draftRank unreadable
    }
  }
}`;

type Component = { code: string; max: number; rule: Json };
type Doc = Json & { scoring: { groups: { code: string; max: number; components: Component[] }[] } };
const componentOf = (doc: Doc, code: string) =>
  doc.scoring.groups.flatMap((g) => g.components).find((c) => c.code === code)!;

beforeAll(async () => {
  api = await setupApi();
  so = await api.as("so@ninhbinh.gov.vn");
});
afterAll(async () => {
  await api?.close();
});

describe("impact of a scored draft (ordered)", () => {
  it("Ninh Bình publishes its own index from the template and opens a 2027 round on it", async () => {
    // The template is a published version of the ministry's (the base seed ships it).
    const src = (
      await query(so, `{ criteriaSets(unitKind: "commune") { code versions { id status } } }`)
    ).criteriaSets.find((s: Json) => s.code === template.id).versions[0];
    expect(src).toEqual({ id: expect.any(String), status: "PUBLISHED" });

    const draft = expectSuccess(
      await mutate(
        so,
        "cloneCriteriaSet",
        "$src: ID!",
        `sourceVersionId: $src, tenantId: "ninh-binh", setId: "ninh-binh-chi-so-thu"`,
        "id version revision document",
        { src: src.id },
      ),
    );
    expect(draft.document.judgedBy).toBe("points");
    const published = expectSuccess(
      await mutate(
        so,
        "publishCriteriaSetVersion",
        "$id: ID!",
        `versionId: $id, decisionNumber: "99/QĐ-UBND", decisionDate: "2025-11-20"`,
        "id status",
        { id: draft.id },
      ),
    );
    expect(published.status).toBe("PUBLISHED");

    const round = expectSuccess(
      await mutate(
        so,
        "openRound",
        "$v: ID!",
        `tenantId: "ninh-binh", year: 2027, setVersionId: $v, submitDueAt: "2027-10-31", reviewDueAt: "2027-12-15"`,
        "id map { id }",
        { v: published.id },
      ),
    );
    expect(round.map).toEqual({ id: "2025-07" });
    roundId = round.id;

    // Values keyed by component code, saved by each unit's editor through the API.
    const rows = await api.prisma.assessment.findMany({
      where: { round: { tenantId: "ninh-binh", year: 2027, unitKind: "commune" } },
      select: { id: true, unit: { select: { code: true, name: true, type: true } } },
      orderBy: { unit: { code: "asc" } },
    });
    const xa = rows.filter((r) => r.unit.type === "Xã");
    const phuong = rows.filter((r) => r.unit.type === "Phường");
    expect(xa.length).toBeGreaterThan(4);
    expect(phuong.length).toBeGreaterThan(2);
    const values: Record<string, [(typeof rows)[number], Record<string, unknown>]> = {
      A: [xa[0]!, { "NT-02": true, "NT-03": true }],
      B: [xa[1]!, { "NT-02": true, "NT-04": { count: 12 } }],
      C: [xa[2]!, { "NT-03": true }],
      D: [xa[3]!, { "NT-02": true }],
      E: [phuong[0]!, { "NT-03": true }],
      F: [phuong[1]!, { "NT-02": true }],
    };
    for (const [letter, [row, v]] of Object.entries(values)) {
      unit[letter] = { id: row.id, name: row.unit.name };
      const editor = await api.as(await createUnitEditor(api, row.unit.code, "2025-07"));
      const a = await assessmentById(editor, globalId("Assessment", row.id), "id version");
      const saved = expectSuccess(
        await mutate(
          editor,
          "saveIndicatorValues",
          "$id: ID!, $v: Int!, $values: JSON!",
          "assessmentId: $id, version: $v, values: $values",
          "id version",
          { id: a.id, v: a.version, values: v },
        ),
      );
      expect(saved.version).toBe(a.version + 1);
    }
  }, 120_000);

  it("a draft equal to the round's version changes no score and no rank", async () => {
    const pinned = (await query(so, `{ rounds(tenant: "ninh-binh") { id setVersion { id } } }`)).rounds.find(
      (r: Json) => r.id === roundId,
    ).setVersion.id;
    const draft = expectSuccess(
      await mutate(so, "cloneCriteriaSet", "$src: ID!", `sourceVersionId: $src, tenantId: "ninh-binh"`, "id version", {
        src: pinned,
      }),
    );
    expect(draft.version).toBe("2.0");
    draftId = draft.id;
    const p = (await query(so, IMPACT, { r: roundId, v: draftId })).impactPreview;
    expect(p.scored).toBe(true);
    expect(p.maxScore).toBe(1000);
    expect(p.units).toBe(p.scoreChanges.length);
    expect(p.rankChanged).toBe(0);
    // A points-only index has no levels: one bucket, nobody moves between levels.
    expect(p.current).toEqual([p.units]);
    expect(p.draft).toEqual([p.units]);
    expect(p.moved).toEqual([]);
    for (const u of p.scoreChanges) {
      expect(u.draftScoreText).toBe(u.currentScoreText);
      expect(u.draftRank).toBe(u.currentRank);
    }
    const a = p.scoreChanges.find((u: Json) => u.assessmentId === unit.A!.id);
    expect(a).toMatchObject({ currentScoreText: "30.00", currentRank: 1, group: "xa", groupName: "Xã" });
  });

  it("moving points and changing a rule's kind: scores, ranks per ranking group, biggest moves first", async () => {
    const v = (
      await query(so, `query ($id: ID!) { criteriaSetVersion(id: $id) { revision document } }`, { id: draftId })
    ).criteriaSetVersion;
    const doc = structuredClone(v.document) as Doc;
    // 10 points move from NT-02 to NT-03 (the group still adds up to 80); NT-04 turns from counted bands to yes/no.
    componentOf(doc, "NT-02").max = 5;
    componentOf(doc, "NT-03").max = 25;
    componentOf(doc, "NT-04").rule = { kind: "yesNo" };
    expectSuccess(
      await mutate(
        so,
        "updateCriteriaSetDraft",
        "$id: ID!, $document: JSON!, $revision: Int!",
        "versionId: $id, document: $document, revision: $revision",
        "id",
        { id: draftId, document: doc, revision: v.revision },
      ),
    );

    const p = (await query(so, IMPACT, { r: roundId, v: draftId })).impactPreview;
    const of = (letter: string) => p.scoreChanges.find((u: Json) => u.assessmentId === unit[letter]!.id);
    // Xã: A 30 & B 30 tie first, C 15 & D 15 third; under the draft A 30, C 25, B 5 & D 5.
    expect(of("A")).toMatchObject({ currentScoreText: "30.00", draftScoreText: "30.00", currentRank: 1, draftRank: 1 });
    expect(of("B")).toMatchObject({
      currentScoreText: "30.00",
      draftScoreText: "5.00",
      currentScore: 30,
      draftScore: 5,
      currentRank: 1,
      draftRank: 3,
      // B's count for NT-04 does not fit a yes/no: missing under the draft, never an error.
      unreadable: ["NT-04"],
    });
    expect(of("C")).toMatchObject({ currentScoreText: "15.00", draftScoreText: "25.00", currentRank: 3, draftRank: 2 });
    expect(of("D")).toMatchObject({ currentScoreText: "15.00", draftScoreText: "5.00", currentRank: 3, draftRank: 3 });
    expect(of("A").unreadable).toEqual([]);
    // Phường rank apart: E 15 & F 15 tie first; under the draft E 25 first, F 5 second.
    expect(of("E")).toMatchObject({ group: "phuong", groupName: "Phường", currentRank: 1, draftRank: 1 });
    expect(of("F")).toMatchObject({ group: "phuong", currentRank: 1, draftRank: 2, draftScoreText: "5.00" });
    // Units without values stay tied behind in their group: no rank change for them.
    const others = p.scoreChanges.filter((u: Json) => !Object.values(unit).some((x) => x.id === u.assessmentId));
    for (const u of others) {
      expect(u.currentScoreText).toBe("0.00");
      expect(u.draftRank).toBe(u.currentRank);
      expect(u.draftRank).toBe(u.group === "xa" ? 5 : 3);
    }

    expect(p.rankChanged).toBe(3);
    // Biggest rank move first (B, 2 places), then the moves of one place, Xã before Phường.
    expect(p.scoreChanges.slice(0, 3).map((u: Json) => u.assessmentId)).toEqual([unit.B!.id, unit.C!.id, unit.F!.id]);
    expect(p.units).toBe(await api.prisma.assessment.count({ where: { roundId: (await roundRow()).id } }));
  });

  it("a scored draft against a round of another unit kind is refused, naming roundId", async () => {
    const district = (await query(so, `{ rounds(tenant: "ninh-binh") { id unitKind } }`)).rounds.find(
      (r: Json) => r.unitKind === "district",
    );
    expect(district).toBeDefined();
    const res = await so.gql(IMPACT, { r: district.id, v: draftId });
    expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res)).toBe("BAD_INPUT");
    expect(JSON.stringify(res.errors)).toContain("roundId");
  });

  it("a level draft reports no scores; an anonymous visitor sees no draft", async () => {
    const published = (
      await query(so, `{ criteriaSets(tenant: "ninh-binh", unitKind: "commune") { code versions { id status } } }`)
    ).criteriaSets
      .find((s: Json) => s.code === "ninh-binh-commune")
      .versions.find((x: Json) => x.status === "PUBLISHED");
    const level = expectSuccess(
      await mutate(so, "cloneCriteriaSet", "$src: ID!", `sourceVersionId: $src, tenantId: "ninh-binh"`, "id", {
        src: published.id,
      }),
    );
    const demo = (await query(so, `{ rounds(tenant: "ninh-binh") { id unitKind setVersion { id } } }`)).rounds.find(
      (r: Json) => r.setVersion.id === published.id,
    );
    const p = (await query(so, IMPACT, { r: demo.id, v: level.id })).impactPreview;
    expect(p).toMatchObject({ scored: false, maxScore: null, scoreChanges: [], rankChanged: 0 });
    expect(p.current.reduce((s: number, x: number) => s + x, 0)).toBe(p.units);

    await queryError(api.anon, IMPACT, { r: roundId, v: draftId }, "NOT_FOUND");
  });
});

async function roundRow() {
  return api.prisma.round.findFirstOrThrow({ where: { tenantId: "ninh-binh", year: 2027, unitKind: "commune" } });
}
