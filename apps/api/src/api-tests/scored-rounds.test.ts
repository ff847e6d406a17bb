/**
 * A scored index (Bộ chỉ số) through the API, beside the 2361 level round of the same year: Ninh Bình clones the
 * commune index template, publishes it, opens a points round on today's map; communes enter values keyed by
 * component and are scored by criteria-core exactly as the browser scores them; the Sở corrects an appraised
 * component and asks for evidence, the council appraises, UBND tỉnh recognises and the final score is frozen;
 * the ranking is public once recognised and the working one is the province's. Agencies and the ministry's
 * national round close it. The tests run in order and share the round.
 */
import { rowKey } from "../services/tenant-keys.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPoints, rank, rankingGroupFor, score, type Score } from "@cds/criteria-core";
import { allText, readPdf } from "../../../../packages/documents/src/pdf-text.ts";
import { listen } from "../http.ts";
import { scoreComponents, type TCriteriaSet } from "@cds/criteria-schema";
import { versionId } from "../seed/base.ts";
import { scoredValues, seedOf } from "../seed/values.ts";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import { assessmentById, createUnitEditor, expectError, expectSuccess, mutate, query, type Json } from "./helpers.ts";

let api: TestApi;
let so: Client;
let set: TCriteriaSet;
let roundId: string;
const editors: Record<string, Client> = {};
const assessments: Record<string, { id: string; version: number }> = {};

const XA = "14563"; // Xã Khánh Thiện
const PHUONG = "13285"; // Phường Phủ Lý
const SCORE = `score scoreText maxScore exact { numerator denominator } missing notApplicable
  groups { code points pointsText max index indexText } components { code status points pointsText max }`;

/** Values for every component of the set around maturity `k` (0..1), as the seed draws them: what a commune would enter. */
const valuesFor = (doc: TCriteriaSet, k: number) => scoredValues(doc, k, seedOf(`scored-rounds:${k}`));

const appraisedCode = () =>
  scoreComponents(set.scoring!.groups).find((p) => p.component.rule.kind === "appraised")!.component;

const assessment = (client: Client, id: string, fields = `id version status score { ${SCORE} }`) =>
  assessmentById(client, id, fields);

async function save(code: string, values: Record<string, unknown>) {
  const a = assessments[code]!;
  const r = await mutate(
    editors[code]!,
    "saveIndicatorValues",
    "$id: ID!, $v: Int!, $values: JSON!",
    "assessmentId: $id, version: $v, values: $values",
    `id version score { ${SCORE} } selfScore { scoreText }`,
    { id: a.id, v: a.version, values },
  );
  if (r.__typename.endsWith("Success")) assessments[code] = { id: a.id, version: r.data!.version };
  return r;
}

beforeAll(async () => {
  api = await setupApi();
  so = await api.as("so@ninhbinh.gov.vn");
});
afterAll(async () => {
  await api?.close();
});

describe("a scored commune index beside the level round (ordered)", () => {
  it("Ninh Bình clones the template into its own index, publishes it and opens a points round on today's map", async () => {
    const draft = expectSuccess(
      await mutate(
        so,
        "cloneCriteriaSet",
        "$src: ID!",
        'sourceVersionId: $src, tenantId: "ninh-binh", setId: "ninh-binh-chi-so-xa"',
        "id revision judgedBy title document",
        { src: versionId("mau-dti-xa", "1.0") },
      ),
    );
    expect(draft.judgedBy).toBe("points");
    expect(draft.title).toBe("Bộ chỉ số đánh giá chuyển đổi số cấp xã — Tỉnh Ninh Bình");
    const published = expectSuccess(
      await mutate(
        so,
        "publishCriteriaSetVersion",
        "$id: ID!",
        'versionId: $id, decisionNumber: "1502/QĐ-UBND", decisionDate: "2026-03-10"',
        "id document",
        { id: draft.id },
      ),
    );
    set = published.document as TCriteriaSet;
    const round = expectSuccess(
      await mutate(
        so,
        "openRound",
        "$v: ID!",
        'tenantId: "ninh-binh", year: 2026, setVersionId: $v, mapId: "2025-07", submitDueAt: "2026-10-31", reviewDueAt: "2026-12-15"',
        "id judgedBy unitKind name map { id } reviewChain { verify { roles at } }",
        { v: published.id },
      ),
    );
    expect(round).toMatchObject({ judgedBy: "points", unitKind: "commune", map: { id: "2025-07" } });
    expect(round.name).toContain("Chấm điểm");
    roundId = round.id;

    // One scored round per year and kind: a second is refused, the level round of the same year stays.
    const again = await mutate(
      so,
      "openRound",
      "$v: ID!",
      'tenantId: "ninh-binh", year: 2026, setVersionId: $v, mapId: "2025-07", submitDueAt: "2026-10-31", reviewDueAt: "2026-12-15"',
      "id",
      { v: published.id },
    );
    expectError(again, "WorkflowError");
    expect(again.message).toContain("chấm điểm");
    const rounds = await query(so, `{ rounds(tenant: "ninh-binh", year: 2026) { judgedBy unitKind } }`);
    expect(rounds.rounds).toEqual(
      expect.arrayContaining([
        { judgedBy: "levels", unitKind: "commune" },
        { judgedBy: "points", unitKind: "commune" },
      ]),
    );

    const dbRound = await api.prisma.round.findFirstOrThrow({
      where: { tenantId: "ninh-binh", year: 2026, judgedBy: "points" },
    });
    for (const code of [XA, PHUONG]) {
      editors[code] = await api.as(await createUnitEditor(api, code, "2025-07"));
      const unit = await api.prisma.unit.findUniqueOrThrow({ where: { mapId_code: { mapId: "2025-07", code } } });
      const a = await api.prisma.assessment.findFirstOrThrow({
        where: { roundId: dbRound.id, unitId: unit.id },
      });
      assessments[code] = { id: a.id, version: a.version };
    }
    // A fresh assessment is scored already: nothing entered, every component missing, 0 points.
    const fresh = await assessment(editors[XA]!, assessments[XA]!.id);
    expect(fresh.score.scoreText).toBe("0.00");
    expect(fresh.score.missing).toHaveLength(47);
  });

  it("scores saved values exactly as criteria-core scores them in the browser, and keeps the unit's own score", async () => {
    const values = valuesFor(set, 0.7);
    const saved = expectSuccess(await save(XA, values));
    const expected = score(set, values as never);
    expect(saved.score.scoreText).toBe(expected.scoreText);
    expect(saved.score.exact).toEqual(expected.exact);
    expect(saved.score.groups.map((g: Json) => g.pointsText)).toEqual(expected.groups.map((g) => g.pointsText));
    expect(saved.selfScore.scoreText).toBe(expected.scoreText);
    expect(expectSuccess(await save(PHUONG, valuesFor(set, 0.4))).score.scoreText).toBe(
      score(set, valuesFor(set, 0.4) as never).scoreText,
    );
  });

  it("refuses a registered level, a bad value (whole, naming the component) and a code the index does not have", async () => {
    const a = assessments[XA]!;
    const level = await mutate(
      editors[XA]!,
      "registerLevel",
      "$id: ID!, $v: Int!",
      "assessmentId: $id, version: $v, level: 3",
      "id",
      { id: a.id, v: a.version },
    );
    expectError(level, "InputError");
    expect(level.issues![0]!.field).toBe("level");

    const ratio = scoreComponents(set.scoring!.groups).find((p) => p.component.rule.kind === "ratio")!.component;
    const bad = await save(XA, { [ratio.code]: { numerator: 9, denominator: 3 } });
    expectError(bad, "InvalidValuesError");
    expect(bad.issues!.map((i) => i.criterion)).toContain(ratio.code);
    const unknown = await save(XA, { "CQS-01": true });
    expectError(unknown, "InputError");
    expect(unknown.issues![0]!.field).toBe("values.CQS-01");
    expect((await assessment(editors[XA]!, a.id)).version).toBe(a.version);
  });

  it("submits only with every component entered, naming those missing", async () => {
    const skip = scoreComponents(set.scoring!.groups)
      .slice(0, 2)
      .map((p) => p.component.code);
    const partial = valuesFor(set, 0.7);
    for (const c of skip) partial[c] = null;
    expectSuccess(await save(XA, partial));
    const problems = await query(
      editors[XA]!,
      `query ($id: ID!) { assessment(id: $id) { submitProblems { field } } }`,
      {
        id: assessments[XA]!.id,
      },
    );
    expect(problems.assessment.submitProblems.map((p: Json) => p.field)).toEqual(skip.map((c) => `values.${c}`));
    const submit = `mutation ($id: ID!, $v: Int!) { r: submitAssessment(assessmentId: $id, version: $v) {
      __typename ... on MutationSubmitAssessmentSuccess { data { version status } } ... on InputError { issues { field } } } }`;
    const refused = await editors[XA]!.gql(submit, { id: assessments[XA]!.id, v: assessments[XA]!.version });
    expect(refused.data!.r.__typename).toBe("InputError");
    expectSuccess(await save(XA, valuesFor(set, 0.7)));
    for (const code of [XA, PHUONG]) {
      const r = await editors[code]!.gql(submit, { id: assessments[code]!.id, v: assessments[code]!.version });
      expect(r.data!.r.data.status).toBe("SUBMITTED");
      assessments[code]!.version = r.data!.r.data.version;
    }
  });

  it("the Sở corrects an appraised component within its bounds: the score changes, the self-assessed score stays", async () => {
    const c = appraisedCode();
    const verify = (value: unknown) =>
      mutate(
        so,
        "verifyIndicatorValue",
        "$id: ID!, $v: Int!, $code: String!, $value: JSON",
        'assessmentId: $id, version: $v, criterionCode: $code, value: $value, comment: "Hội đồng chấm lại"',
        `id version score { scoreText components { code pointsText } } selfScore { scoreText components { code pointsText } }`,
        { id: assessments[XA]!.id, v: assessments[XA]!.version, code: c.code, value },
      );
    const off = await verify({ points: 7 });
    expectError(off, "InvalidValuesError");
    expect(off.issues![0]!.criterion).toBe(c.code);
    const above = await verify({ points: c.max + 5 });
    expectError(above, "InvalidValuesError");
    const ok = expectSuccess(await verify({ points: 0 }));
    assessments[XA]!.version = ok.version;
    expect(ok.score.components.find((x: Json) => x.code === c.code).pointsText).toBe("0.00");
    const corrected = { ...valuesFor(set, 0.7), [c.code]: { points: 0 } };
    expect(ok.score.scoreText).toBe(score(set, corrected as never).scoreText);
    expect(ok.selfScore.scoreText).toBe(score(set, valuesFor(set, 0.7) as never).scoreText);
  });

  it("returns a component as 'Cần bổ sung minh chứng', and refuses such a request without a component", async () => {
    const ret = (comments: Json[]) =>
      mutate(
        so,
        "returnAssessment",
        "$id: ID!, $v: Int!, $c: [ReviewCommentInput!]!",
        "assessmentId: $id, version: $v, comments: $c",
        "id version status comments { criterionCode body needsEvidence }",
        { id: assessments[PHUONG]!.id, v: assessments[PHUONG]!.version, c: comments },
      );
    const noCode = await ret([{ body: "Bổ sung minh chứng", needsEvidence: true }]);
    expectError(noCode, "InputError");
    expect(noCode.issues![0]!.field).toBe("comments.0.criterionCode");
    const code = set.scoring!.groups[0]!.components[0]!.code;
    const done = expectSuccess(
      await ret([{ criterionCode: code, body: "Thiếu quyết định ban hành", needsEvidence: true }]),
    );
    expect(done.status).toBe("RETURNED");
    expect(done.comments).toEqual([{ criterionCode: code, body: "Thiếu quyết định ban hành", needsEvidence: true }]);
  });

  it("appraises without a level, recognises and freezes the final score, public from then on", async () => {
    const a = assessments[XA]!;
    const step = async (client: Client, field: string, args: string) => {
      const r = expectSuccess(
        await mutate(
          client,
          field,
          "$id: ID!, $v: Int!",
          `assessmentId: $id, version: $v${args}`,
          "id version status",
          {
            id: a.id,
            v: a.version,
          },
        ),
      );
      a.version = r.version;
      return r;
    };
    await step(so, "verifyAssessment", "");
    const council = await api.as("thamdinh@ninhbinh.gov.vn");
    const withLevel = await mutate(
      council,
      "appraiseAssessment",
      "$id: ID!, $v: Int!",
      "assessmentId: $id, version: $v, level: 2",
      "id",
      { id: a.id, v: a.version },
    );
    expectError(withLevel, "InputError");
    expect(withLevel.issues![0]!.field).toBe("level");
    // The council gives an appraised component its points within bounds (partial credit), before appraising.
    const c = appraisedCode();
    const points = expectSuccess(
      await mutate(
        council,
        "verifyIndicatorValue",
        "$id: ID!, $v: Int!, $code: String!, $value: JSON",
        "assessmentId: $id, version: $v, criterionCode: $code, value: $value",
        "id version status score { components { code pointsText } }",
        { id: a.id, v: a.version, code: c.code, value: { points: c.max / 2 } },
      ),
    );
    a.version = points.version;
    expect(points.status).toBe("VERIFIED");
    expect(points.score.components.find((x: Json) => x.code === c.code).pointsText).toBe(`${c.max / 2}.00`);
    await step(council, "appraiseAssessment", "");
    const leader = await api.as("lanhdao@ninhbinh.gov.vn");
    expect(
      (await step(leader, "recogniseAssessment", ', decisionNumber: "2305/QĐ-UBND", decisionDate: "2026-11-20"'))
        .status,
    ).toBe("RECOGNISED");

    const seen = await assessment(
      api.anon,
      a.id,
      "status finalScore { scoreText } score { scoreText } selfScore { scoreText } pointsGaps { code }",
    );
    const own = await assessment(
      so,
      a.id,
      "finalScore { scoreText exact { numerator } } score { scoreText exact { numerator } } pointsGaps { code }",
    );
    expect(seen.finalScore.scoreText).toBe(own.score.scoreText);
    expect(own.finalScore).toEqual(own.score);
    // The working figures stay the unit's and its reviewers'.
    expect(seen.score).toBeNull();
    expect(seen.selfScore).toBeNull();
    // The appraised component got half its points: the reviewers see what earns more, the public nothing.
    expect(own.pointsGaps.map((g: Json) => g.code)).toContain(c.code);
    expect(seen.pointsGaps).toEqual([]);
  });

  it("ranks the published results for everyone and the working scores for the province only, ties sharing a rank", async () => {
    const q = `query ($id: ID!, $final: Boolean) { node(id: $id) { ... on Round { ranking(final: $final) {
      final groups { code name entries { unitCode scoreText rank status indices { code indexText } indexTexts } }
      mainIndices { code averageText } } } } }`;
    const published = (await query(api.anon, q, { id: roundId })).node.ranking;
    expect(published.final).toBe(true);
    expect(published.groups.flatMap((g: Json) => g.entries)).toEqual([
      expect.objectContaining({ unitCode: XA, rank: 1, status: "RECOGNISED" }),
    ]);
    const refused = await api.anon.gql(q, { id: roundId, final: false });
    expect(refused.errors![0]!.message).toContain("final");

    const working = (await query(so, q, { id: roundId, final: false })).node.ranking;
    expect(working.final).toBe(false);
    expect(working.groups.map((g: Json) => g.code)).toEqual(["xa", "phuong"]);
    const xa = working.groups[0].entries;
    // Every other commune has nothing entered: they tie at 0 points, ranked after Khánh Thiện, sharing rank 2.
    expect(xa[0]).toMatchObject({ unitCode: XA, rank: 1 });
    expect(new Set(xa.slice(1).map((e: Json) => e.rank))).toEqual(new Set([2]));
    expect(xa.slice(1).every((e: Json) => e.scoreText === "0.00")).toBe(true);
    const phuong = working.groups[1].entries;
    expect(phuong[0]).toMatchObject({ unitCode: PHUONG, rank: 1 });
    // Every group, whole, as criteria-core ranks the stored scores (ties in Vietnamese order of the unit's name).
    const rows = await api.prisma.assessment.findMany({
      where: { round: { tenantId: "ninh-binh", year: 2026, judgedBy: "points" } },
      select: { id: true, score: true, unit: { select: { code: true, name: true, kindCode: true, type: true } } },
    });
    expect(rows.every((r) => r.score !== null)).toBe(true);
    const codeOf = new Map(rows.map((r) => [`${r.unit.name}\u0000${r.id}`, r.unit.code]));
    const core = rank(
      rows.map((r) => ({
        unit: `${r.unit.name}\u0000${r.id}`,
        score: r.score as never,
        group: rankingGroupFor(set, r.unit.kindCode, r.unit.type),
      })),
      set.scoring!.rankingGroups!.map((g) => g.code),
    );
    const groupOf = (code: string) =>
      core.filter((r) => r.group === code).map((r) => [codeOf.get(r.unit), r.rank, r.scoreText]);
    expect(phuong.map((e: Json) => [e.unitCode, e.rank, e.scoreText])).toEqual(groupOf("phuong"));
    expect(xa.map((e: Json) => [e.unitCode, e.rank, e.scoreText])).toEqual(groupOf("xa"));
    expect(new Set(core.map((r) => r.group))).toEqual(new Set(["xa", "phuong"]));
    expect(working.mainIndices).toHaveLength(8);
    // Each unit's main indices, in the order of mainIndices: the stored score's top groups, the short list too.
    const stored = rows.find((r) => r.unit.code === XA)!.score as unknown as Score;
    const top = stored.groups.filter((g) => g.parent === null);
    expect(working.mainIndices.map((m: Json) => m.code)).toEqual(top.map((g) => g.code));
    expect(xa[0].indices).toEqual(top.map((g) => ({ code: g.code, indexText: g.indexText })));
    expect(xa[0].indexTexts).toEqual(top.map((g) => g.indexText));
    expect(xa[0].indexTexts.some((t: string | null) => t !== null && t !== "0.0000")).toBe(true);
  });

  it("answers a ranking asked again from what it computed, and follows any change to its rows at once", async () => {
    const q = `query ($id: ID!) { node(id: $id) { ... on Round { ranking(final: false) {
      groups { code entries { unitCode unitName scoreText rank } } } } } }`;
    const first = (await query(so, q, { id: roundId })).node.ranking;
    expect((await query(so, q, { id: roundId })).node.ranking).toEqual(first);
    const entries = first.groups[0].entries as Json[];
    const [top, bottom] = await Promise.all(
      [entries[0]!, entries.at(-1)!].map((e) =>
        api.prisma.assessment.findFirstOrThrow({
          where: { unit: { code: e.unitCode }, round: { tenantId: "ninh-binh", year: 2026, judgedBy: "points" } },
          include: { unit: true },
        }),
      ),
    );
    expect(bottom!.status).not.toBe("RECOGNISED");
    const entryOf = async (code: string) =>
      ((await query(so, q, { id: roundId })).node.ranking.groups[0].entries as Json[]).find((e) => e.unitCode === code);
    // A score written without a new version (as a database tool might): the ranking has it on the next reading.
    await api.prisma.assessment.update({ where: rowKey(bottom!), data: { score: top!.score as never } });
    expect(await entryOf(bottom!.unit.code)).toMatchObject({ rank: 1, scoreText: entries[0]!.scoreText });
    // A unit renamed: the next reading names it so.
    await api.prisma.unit.update({ where: { id: bottom!.unitId }, data: { name: `${bottom!.unit.name} (mới)` } });
    expect((await entryOf(bottom!.unit.code))!.unitName).toBe(`${bottom!.unit.name} (mới)`);
    // Both undone: the ranking is the first one again.
    await api.prisma.unit.update({ where: { id: bottom!.unitId }, data: { name: bottom!.unit.name } });
    await api.prisma.assessment.update({ where: rowKey(bottom!), data: { score: bottom!.score as never } });
    expect((await query(so, q, { id: roundId })).node.ranking).toEqual(first);
  });

  it("prints the recognised score in the draft decision and both scores in the appraisal minutes (PDF read back)", async () => {
    const http = await listen(api.platform, { host: "127.0.0.1", port: 0 });
    try {
      const dbRound = await api.prisma.round.findFirstOrThrow({
        where: { tenantId: "ninh-binh", year: 2026, judgedBy: "points" },
      });
      const get = async (path: string) => {
        const r = await fetch(`${http.url}${path}`, { headers: { cookie: so.cookie! } });
        expect(r.status).toBe(200);
        return allText(await readPdf(new Uint8Array(await r.arrayBuffer())));
      };
      const a = await api.prisma.assessment.findFirstOrThrow({
        where: { roundId: dbRound.id, status: "RECOGNISED" },
        select: { finalScore: true, selfScore: true, unit: { select: { name: true } } },
      });
      const vi = (x: unknown) => formatPoints((x as { scoreText: string }).scoreText, "vi", true);
      const decision = (await get(`/documents/recognition-decision/${dbRound.id}.pdf`)).replace(/\s+/g, " ");
      expect(decision).toContain(a.unit.name);
      expect(decision).toContain(vi(a.finalScore));
      const minutes = (await get(`/documents/appraisal-minutes/${dbRound.id}.pdf`)).replace(/\s+/g, " ");
      expect(minutes).toContain(vi(a.selfScore));
      // The unit's result sheet: the score and every component with its points.
      const sheet = (await get(`/documents/result-sheet/${assessments[XA]!.id}.pdf`)).replace(/\s+/g, " ");
      expect(sheet).toContain(vi(a.finalScore));
      expect(sheet).toContain(set.scoring!.groups[0]!.components[0]!.code);
    } finally {
      await http.close(100);
    }
  });

  it("takes the signed decision's scan for a decision number of the round and shows it with the recognition", async () => {
    const upload = (decisionNumber: string, bytes: Uint8Array, name: string) =>
      mutate(
        so,
        "uploadDecisionScan",
        "$r: ID!, $n: String!, $file: File!",
        "roundId: $r, decisionNumber: $n, file: $file",
        "id decisionNumber fileName url",
        { r: roundId, n: decisionNumber },
        new File([bytes as Uint8Array<ArrayBuffer>], name),
      );
    const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
    const unknown = await upload("9999/QĐ-UBND", pdf, "qd.pdf");
    expectError(unknown, "InputError");
    expect(unknown.issues![0]!.field).toBe("decisionNumber");
    const notPdf = await upload("2305/QĐ-UBND", new TextEncoder().encode("MZ\x90\x00 not a scan"), "qd.pdf");
    expect(notPdf.issues!.map((i) => i.field)).toContain("file");
    const scan = expectSuccess(await upload("2305/QĐ-UBND", pdf, "QĐ 2305 đã ký.pdf"));
    expect(scan).toMatchObject({ decisionNumber: "2305/QĐ-UBND", fileName: "QĐ 2305 đã ký.pdf" });
    const seen = await assessment(api.anon, assessments[XA]!.id, "decisionScan { url fileName }");
    expect(seen.decisionScan).toEqual({ url: scan.url, fileName: "QĐ 2305 đã ký.pdf" });
    const http = await listen(api.platform, { host: "127.0.0.1", port: 0 });
    try {
      const r = await fetch(`${http.url}${scan.url}`);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toBe("application/pdf");
      expect(new Uint8Array(await r.arrayBuffer())).toEqual(pdf);
    } finally {
      await http.close(100);
    }
    expect(await api.prisma.auditEvent.count({ where: { action: "round.uploadDecisionScan" } })).toBe(1);
  });

  it("shows a unit's scores across the years, the published one to everyone", async () => {
    const q = `{ unit(code: "${XA}", mapId: "2025-07") { scoreHistory { year final score { scoreText } } } }`;
    const d = await query(api.anon, q);
    expect(d.unit.scoreHistory).toEqual([{ year: 2026, final: true, score: expect.any(Object) }]);
  });
});

describe("agencies and the ministry's national round", () => {
  it("a province adds its agencies as units (audited), naming the field of a bad or repeated code", async () => {
    const add = (client: Client, shortCode: string, name = "Sở Tài chính") =>
      mutate(
        client,
        "addAgencyUnit",
        "$code: String!, $name: String!",
        'tenantId: "ninh-binh", shortCode: $code, name: $name, type: "Sở"',
        "id code name kind { code } parent { code }",
        { code: shortCode, name },
      );
    const stc = expectSuccess(await add(so, "STC"));
    expect(stc).toMatchObject({ code: "37-STC", kind: { code: "agency" }, parent: { code: "37" } });
    const again = await add(so, "STC");
    expectError(again, "InputError");
    expect(again.issues![0]!.field).toBe("shortCode");
    const bad = await add(so, "stc tài chính");
    expect(bad.issues![0]!.field).toBe("shortCode");
    expectError(await add(editors[XA]!, "SYT", "Sở Y tế"), "ForbiddenError");
    expect(await api.prisma.auditEvent.count({ where: { action: "unit.addAgency" } })).toBe(1);
  });

  it("only the ministry opens a national round, over every province of the map, reviewed by the ministry", async () => {
    const open = (client: Client) =>
      mutate(
        client,
        "openRound",
        "$v: ID!",
        'tenantId: "vn", year: 2025, setVersionId: $v, mapId: "2025-07", submitDueAt: "2025-11-30", reviewDueAt: "2025-12-31"',
        "id judgedBy unitKind reviewChain { recognise { roles at } }",
        { v: versionId("vn-dti-province-2022", "2022") },
      );
    expectError(await open(so), "ForbiddenError");
    const bo = await api.as("bo@cds.gov.vn");
    const round = expectSuccess(await open(bo));
    expect(round).toMatchObject({
      judgedBy: "points",
      unitKind: "province",
      reviewChain: { recognise: { roles: ["MINISTRY_ADMIN"], at: "NATION" } },
    });
    expect(await api.prisma.assessment.count({ where: { round: { tenantId: "vn", year: 2025 } } })).toBe(34);
  });

  it("keeps the national level summary to the level rounds", async () => {
    const d = await query(
      await api.as("bo@cds.gov.vn"),
      `{ nationalSummary(year: 2026, unitKind: "commune", mapId: "2025-07") { tenantId assessed } }`,
    );
    const nb = d.nationalSummary.find((r: Json) => r.tenantId === "ninh-binh");
    expect(nb?.assessed ?? 0).toBe(0);
  });
});
