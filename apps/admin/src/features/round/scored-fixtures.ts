/**
 * Test data for a scored index under review (tests only): a commune of the template `mau-dti-xa`
 * (8 groups, 47 components, 1.000 points), its values as entered and as corrected, and its scores as
 * criteria-core's `score` gives them — so every number the tests read is the engine's.
 */
import { score, type ComponentValues, type Score } from "@cds/criteria-core";
import { builtInSet, scoreComponents, type TCriteriaSet } from "@cds/criteria-schema";
import type { AssessmentDetail, ScoreData } from "./queries.ts";
import { assessment } from "./test-fixtures.ts";

export const DTI_SET: TCriteriaSet = builtInSet("mau-dti-xa")!;

/** What the unit entered: every component but one (XH-08, left empty), by its rule. */
export function enteredValues(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  scoreComponents(DTI_SET.scoring!.groups).forEach(({ component: c }, i) => {
    if (c.code === "XH-08") return;
    const r = c.rule;
    if (r.kind === "yesNo") out[c.code] = i % 5 !== 0;
    else if (r.kind === "appraised") out[c.code] = { points: c.max };
    else if (r.kind === "bands" && r.on === "count") out[c.code] = { count: 1 + (i % 4) };
    else out[c.code] = { numerator: 60 + (i % 4) * 10, denominator: 100 };
  });
  return out;
}

/** The verifier's and council's corrections: the council gives NT-01 15 of 20, the verifier corrects CQ-02 and HT-02. */
export const CORRECTIONS: Record<string, { value: unknown; comment: string }> = {
  "NT-01": { value: { points: 15 }, comment: "Chỉ đạo chưa thường xuyên" },
  "CQ-02": { value: { numerator: 45, denominator: 100 }, comment: "Theo số liệu Cổng dịch vụ công" },
  "HT-02": { value: false, comment: "Chưa kết nối mạng truyền số liệu chuyên dùng" },
};

/** A Score as the API answers it (the engine's, as the shared `ScoreFields` selects it). */
export function asApiScore(s: Score): ScoreData {
  return {
    score: s.score,
    scoreText: s.scoreText,
    maxScore: s.maxScore,
    exact: s.exact,
    level: s.level,
    levelName: s.levelName,
    missing: s.missing,
    notApplicable: s.notApplicable,
    groups: s.groups.map((g) => ({
      code: g.code,
      name: g.name,
      parent: g.parent,
      points: g.points,
      pointsText: g.pointsText,
      max: g.max,
      index: g.index,
      indexText: g.indexText,
      weight: g.weight,
      notApplicable: g.notApplicable,
    })),
    components: s.components.map((c) => ({
      code: c.code,
      group: c.group,
      status: c.status,
      points: c.points,
      pointsText: c.pointsText,
      max: c.max,
      band: c.band,
    })),
  };
}

/** What the API answers as `allowedActions` for the province's appraisal council, by status. */
const COUNCIL_ACTIONS: Record<string, AssessmentDetail["allowedActions"]> = {
  SUBMITTED: [],
  VERIFIED: ["return", "verifyValue", "appraise"],
  APPRAISED: ["return", "recognise"],
};

/** A commune's scored assessment; `corrections` are the verified values (default: `CORRECTIONS`). */
export function scoredAssessment(
  over: Partial<AssessmentDetail> = {},
  corrections: Record<string, { value: unknown; comment: string }> = CORRECTIONS,
): AssessmentDetail {
  const status = over.status ?? "VERIFIED";
  const entered = enteredValues();
  const effective: Record<string, unknown> = { ...entered };
  for (const [code, c] of Object.entries(corrections)) effective[code] = c.value;
  const self = asApiScore(score(DTI_SET, entered as ComponentValues));
  const current = asApiScore(score(DTI_SET, effective as ComponentValues));
  const base = assessment({ status });
  return {
    ...base,
    allowedActions: COUNCIL_ACTIONS[status] ?? [],
    status,
    registeredLevel: null,
    computedLevel: 0,
    selfAssessedLevel: null,
    evaluation: null,
    evidence: [
      {
        id: "ev-nt01",
        criterionCode: "NT-01",
        fileName: "chi-thi-cds.pdf",
        mimeType: "application/pdf",
        size: 10240,
        createdAt: "2026-09-30T03:00:00.000Z",
      },
    ],
    round: { ...base.round, name: "Chỉ số chuyển đổi số cấp xã năm 2026", year: 2026 },
    setVersion: {
      id: "VmVyc2lvbjpkdGk=",
      judgedBy: "points",
      title: DTI_SET.title,
      version: DTI_SET.version,
      decisionNumber: "1520/QĐ-UBND",
      decisionDate: "2026-03-02",
      criteria: [],
    },
    values: Object.keys(effective).map((code) => {
      const c = corrections[code];
      return {
        criterionCode: code,
        value: entered[code] ?? null,
        verifiedValue: c ? c.value : null,
        verifierComment: c ? c.comment : null,
        verifiedAt: c ? "2026-10-10T03:00:00.000Z" : null,
        effectiveValue: effective[code],
        note: null,
      };
    }),
    selfScore: self,
    score: current,
    finalScore: status === "RECOGNISED" ? current : null,
    ...over,
  };
}

/** The pinned set's document, as `AdminScoredSet` answers it. */
export const scoredSetAnswer = () => ({ criteriaSetVersion: { id: "VmVyc2lvbjpkdGk=", document: DTI_SET } });
