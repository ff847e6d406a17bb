/**
 * The official documents' plain inputs, read from the database: a unit's
 * result sheet, the draft recognition decision and the appraisal minutes of a
 * round. Who may read what is asked of `access.ts` (never decided here); the
 * per-criterion results are criteria-core's (the stored evaluation, or
 * evaluate on the effective values when none is stored); the documents
 * package only lays them out.
 */
import { dateToIsoDay, formatVietnameseDate, formatVietnameseDateTime, vietnamDay } from "@cds/calendar";
import { rollup, tryEvaluate, type Evaluation, type IndicatorValues, type Score } from "@cds/criteria-core";
import { formatTarget, isScored, scoreComponents, type TCriteriaSet, type TScoreGroup } from "@cds/criteria-schema";
import type {
  AppraisalMinutesInput,
  CriterionPassRate,
  LevelsByKind,
  ProvinceYearlyReportInput,
  CriterionLine,
  CriterionValue,
  Level,
  RecognitionDecisionInput,
  UnitResultSheetInput,
} from "@cds/documents";
import { DECISION_2361, LOCAL_GOVERNMENT_LAW } from "@cds/documents";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { can, NATIONAL_TENANT, reviewChainOf, unitRef, type UnitRef, type Viewer } from "./access.ts";
import { departmentOn, ministryNameOn } from "./agencies.ts";
import { basicLevel } from "./level-counts.ts";
import { documentOf } from "./sets.ts";

/** A tenant name "Tỉnh Ninh Bình" / "Thành phố Hà Nội" → kind "tỉnh" / "thành phố" and the bare name. */
export function provinceParts(tenantName: string): { kind: string; name: string } {
  const m = /^(Tỉnh|Thành phố)\s+(.+)$/i.exec(tenantName.trim());
  return m ? { kind: m[1]!.toLowerCase(), name: m[2]! } : { kind: "tỉnh", name: tenantName.trim() };
}

/** A moment in Vietnam as yyyy-mm-dd and hh:mm. */
function vietnam(d: Date): { day: string; time: string } {
  return { day: vietnamDay(d), time: formatVietnameseDateTime(d).slice(-5) };
}

const asLevel = (n: number | null | undefined): Level | null => (n && n >= 1 && n <= 5 ? (n as Level) : null);

/** A stored indicator value as the sheet prints it. */
function printable(v: unknown): CriterionValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.numerator === "number" && typeof o.denominator === "number")
      return { numerator: o.numerator, denominator: o.denominator };
    if (typeof o.count === "number" && typeof o.total === "number") return { numerator: o.count, denominator: o.total };
    if (typeof o.count === "number") return o.count;
    if (o.noSubjects === true) return "Không có đối tượng";
    if (o.notApplicable === true) return "Không áp dụng";
    if (typeof o.points === "number") return `${o.points} điểm (đề xuất)`;
    if (Array.isArray(o.childLevels)) {
      const levels = o.childLevels as number[];
      // Each recognised level present, highest first (0 = not recognised yet, not listed).
      const counts = [...new Set(levels.filter((l) => l > 0))]
        .sort((x, y) => y - x)
        .map((l) => [l, levels.filter((x) => x === l).length] as const);
      return `${levels.length} đơn vị: ${counts.map(([l, n]) => `${n} mức ${l}`).join(", ") || "chưa đơn vị nào được công nhận"}`;
    }
  }
  return null;
}

// ---- result sheet ---------------------------------------------------------

/** The result sheet of one assessment, or null when the viewer may not see it (answered as 404). */
export async function resultSheetInput(
  prisma: PrismaClient,
  viewer: Viewer,
  assessmentId: string,
  now: Date,
): Promise<{ input: UnitResultSheetInput; fileName: string } | null> {
  const a = await prisma.assessment.findFirst({
    where: { id: assessmentId },
    include: { unit: { include: { parent: true } }, round: { include: { tenant: true } }, setVersion: true },
  });
  if (!a) return null;
  // The same read rule as GraphQL: a recognised result is public; its values are working data.
  if (!can.readAssessment(viewer, { status: a.status, unit: unitRef(a) })) return null;
  const work = can.readUnit(viewer, unitRef(a));
  const set = documentOf(a.setVersion);
  let evaluation = a.evaluation as unknown as Evaluation | null;
  if (!evaluation && !isScored(set)) {
    const r = tryEvaluate(set, a.effectiveValues as unknown as IndicatorValues);
    evaluation = r.ok ? r.evaluation : null;
  }
  const recognised = a.status === "RECOGNISED";
  // The registered level is working data; the public sheet shows the targets of the recognised level.
  const targetLevel =
    asLevel(recognised ? a.recognisedLevel : a.registeredLevel) ?? asLevel(a.computedLevel) ?? undefined;
  const results = new Map((evaluation?.criteria ?? []).map((c) => [c.code, c.results]));
  const values = (a.effectiveValues ?? {}) as Record<string, unknown>;
  const groups = new Map(set.groups.map((g) => [g.code, g.name]));
  // A scored index: each component with the value (working data) and the points the stored score gives it.
  const stored = (recognised ? (a.finalScore ?? a.score) : a.score) as unknown as Score | null;
  const points = new Map((stored?.components ?? []).map((c) => [c.code, c]));
  const groupName = new Map<string, string>();
  const nameGroups = (gs: TScoreGroup[]) =>
    gs.forEach((g) => {
      groupName.set(g.code, g.name);
      nameGroups(g.groups);
    });
  nameGroups(set.scoring?.groups ?? []);
  const componentLines: CriterionLine[] = scoreComponents(set.scoring?.groups ?? []).map(
    ({ component, groupPath }) => ({
      code: component.code,
      name: component.name,
      group: groupName.get(groupPath.at(-1)!) ?? groupPath.at(-1),
      value: work ? printable(values[component.code]) : "-",
      ...(points.has(component.code) ? { points: points.get(component.code)!.points } : {}),
      maxPoints: component.max,
    }),
  );
  const criteria: CriterionLine[] = isScored(set)
    ? componentLines
    : set.criteria.map((c) => {
        const line: CriterionLine = {
          code: c.code,
          name: c.name,
          group: groups.get(c.group) ?? c.group,
          // Figures are working data: the public sheet gives criteria-core's result only.
          value: work ? printable(values[c.code]) : "-",
        };
        if (targetLevel) {
          line.target =
            c.targets[targetLevel - 1] === null || c.targets[targetLevel - 1] === undefined
              ? null
              : formatTarget(c, c.targets[targetLevel - 1] ?? null);
          const r = results.get(c.code)?.[targetLevel - 1];
          if (r) line.result = r;
        }
        return line;
      });
  const province = provinceParts(a.round.tenant.name);
  const setDecision =
    a.setVersion.decisionNumber && a.setVersion.decisionDate
      ? `Quyết định số ${a.setVersion.decisionNumber} ngày ${formatVietnameseDate(dateToIsoDay(a.setVersion.decisionDate))}`
      : undefined;
  // The department as it was named on the day the sheet is printed (Sở TT&TT before 01/03/2025).
  const department = await departmentOn(prisma, a.round.tenantId, vietnamDay(now));
  const input: UnitResultSheetInput = {
    issuer: { parentAgency: `UBND ${a.round.tenant.name.toUpperCase()}`, name: department.toUpperCase() },
    place: province.name,
    year: vietnamYear(now),
    // A recognised result is final; anything before recognition is a draft.
    draft: !recognised,
    // A recognised result is printed as of today; a draft leaves the date for the signer.
    ...(recognised ? { date: vietnam(now).day } : {}),
    unit: { name: a.unit.name, kind: a.unit.type.toLowerCase(), province: `${province.kind} ${province.name}` },
    round: { name: a.round.name, year: a.round.year },
    set: { name: set.title, version: a.setVersion.version, ...(setDecision ? { decision: setDecision } : {}) },
    judgedBy: set.judgedBy ?? "levels",
    ...(targetLevel ? { targetLevel } : {}),
    ...(recognised ? { recognisedLevel: asLevel(a.recognisedLevel) } : {}),
    ...scoreField("score", stored),
    ...(set.scoring ? { scoreDecimals: set.scoring.decimals, maxScore: set.scoring.total.max } : {}),
    criteria,
  };
  return { input, fileName: `Phiếu kết quả ${a.unit.name} ${a.round.year}.pdf` };
}

const vietnamYear = (now: Date) => Number(vietnam(now).day.slice(0, 4));

/** "Xã Khánh Thiện" → "Xa-Khanh-Thien" (the ASCII fallback name; the UTF-8 one is sent beside it). */
export function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

// ---- a round's units ------------------------------------------------------

const roundInclude = { tenant: true, setVersion: { include: { set: true } } } as const;

type RoundAccess = "recognise" | "appraise";

/**
 * The round and its appraised (or recognised) units the viewer may put in a document, or null (404):
 * the province's Sở (`can.runProvince`) sees every unit; otherwise only the units on which the viewer may
 * recognise (`can.reviewUnit`, the recognise action's rule) or, for the minutes, also appraise (`can.appraiseUnit`).
 */
async function roundUnits(prisma: PrismaClient, viewer: Viewer, roundId: string, access: RoundAccess) {
  const round = await prisma.round.findFirst({ where: { id: roundId }, include: roundInclude });
  if (!round) return null;
  const rows = await prisma.assessment.findMany({
    where: { roundId, status: { in: ["APPRAISED", "RECOGNISED"] } },
    include: { unit: { include: { parent: true } } },
    orderBy: [{ unit: { code: "asc" } }],
  });
  const province = can.runProvince(viewer, round.tenantId);
  const chain = reviewChainOf(round);
  const allowed = (u: UnitRef) => can.documentUnit(viewer, u, chain, access);
  if (!province) {
    // Someone who may act on no unit of the round learns nothing about it.
    const units = await prisma.unit.findMany({
      where: { tenantId: round.tenantId, kindCode: round.unitKind, mapId: round.mapId },
      select: { id: true, path: true, tenantId: true, parentId: true },
    });
    if (!units.some(allowed)) return null;
  }
  const chosen = province ? rows : rows.filter((r) => allowed(unitRef(r)));
  const appraisedAt = await prisma.auditEvent.findMany({
    where: { action: "assessment.appraise", entityType: "Assessment", entityId: { in: chosen.map((r) => r.id) } },
    select: { at: true },
    orderBy: { at: "asc" },
  });
  return { round, rows: chosen, province, appraisedAt: appraisedAt.map((e) => e.at) };
}

/** A stored criteria-core score as a document prints it (the rounded value; the engine rounded it once). */
function scoreField<K extends string>(key: K, stored: unknown): Partial<Record<K, number>> {
  const s = stored as { score?: number } | null;
  return typeof s?.score === "number" ? ({ [key]: s.score } as Partial<Record<K, number>>) : {};
}

/** "thị trấn, xã" from the units' own types, in first-seen order (or the round's kind when there are none). */
function unitsLabel(types: string[], unitKind: string): string {
  const seen = [...new Set(types.map((t) => t.toLowerCase()))];
  if (seen.length) return seen.join(", ");
  return unitKind === "district" ? "huyện, thị xã, thành phố" : "xã, phường, thị trấn";
}

const kindLabel = (unitKind: string) => (unitKind === "district" ? "cấp huyện" : "cấp xã");

/** The council that appraises a round's units: the province's for districts, the district's for communes. */
function councilName(
  rows: { unit: { parent: { name: string } | null } }[],
  unitKind: string,
  tenantName: string,
  province: boolean,
): string {
  const parents = [...new Set(rows.map((r) => r.unit.parent?.name).filter((n): n is string => !!n))];
  const where = !province && parents.length === 1 && unitKind !== "district" ? parents[0]! : tenantName;
  return `Hội đồng thẩm định mức độ chuyển đổi số ${kindLabel(unitKind)} ${where.charAt(0).toLowerCase()}${where.slice(1)}`;
}

function setDecisionOf(
  v: { decisionNumber: string | null; decisionDate: Date | null; set: { tenantId: string } },
  set: TCriteriaSet,
) {
  if (!v.decisionNumber || !v.decisionDate || v.set.tenantId === NATIONAL_TENANT) return null;
  return { number: v.decisionNumber, date: dateToIsoDay(v.decisionDate), title: `ban hành ${set.title}` };
}

/** The draft recognition decision of a round, or null (404). */
export async function recognitionDecisionInput(
  prisma: PrismaClient,
  viewer: Viewer,
  roundId: string,
  now: Date,
): Promise<{ input: RecognitionDecisionInput; fileName: string } | null> {
  const r = await roundUnits(prisma, viewer, roundId, "recognise");
  if (!r) return null;
  const { round, rows, province: isProvince } = r;
  const set = documentOf(round.setVersion);
  const province = provinceParts(round.tenant.name);
  const today = vietnam(now).day;
  const appraisalDay = r.appraisedAt.length ? vietnam(r.appraisedAt.at(-1)!).day : today;
  const council = councilName(rows, round.unitKind, round.tenant.name, isProvince);
  const setDecision = setDecisionOf(round.setVersion, set);
  // A district recognises its communes: its People's Committee issues the decision.
  const parents = [...new Set(rows.map((x) => x.unit.parent?.name).filter((n): n is string => !!n))];
  const districtIssues = !isProvince && round.unitKind !== "district" && parents.length === 1;
  const authority = districtIssues
    ? `Ủy ban nhân dân ${parents[0]!.toLowerCase()}`
    : `Ủy ban nhân dân ${round.tenant.name.toLowerCase()}`;
  const appraisal = { date: appraisalDay, council };
  const input: RecognitionDecisionInput = {
    issuer: { name: authority.toUpperCase() },
    authority: authority.toUpperCase(),
    place: province.name,
    year: vietnamYear(now),
    draft: true,
    province: province.name,
    provinceKind: province.kind,
    roundYear: round.year,
    unitsLabel: unitsLabel(
      rows.map((x) => x.unit.type),
      round.unitKind,
    ),
    judgedBy: set.judgedBy ?? "levels",
    setDecision: setDecision ?? { number: "2361/QĐ-BTTTT", date: "2024-12-31", title: "" },
    appraisal,
    ...(setDecision
      ? {}
      : {
          // The round pins the national framework: no provincial set decision to cite.
          legalBases: [
            LOCAL_GOVERNMENT_LAW,
            DECISION_2361,
            `Căn cứ Biên bản thẩm định ngày ${appraisalDay.slice(8, 10)} tháng ${Number(appraisalDay.slice(5, 7))} năm ${appraisalDay.slice(0, 4)} của ${council}`,
          ],
        }),
    proposedBy: districtIssues
      ? "Trưởng phòng Văn hóa và Thông tin"
      : `Giám đốc ${await departmentOn(prisma, round.tenantId, today)}`,
    units: rows.map((x) => ({
      name: x.unit.name,
      level: asLevel(x.recognisedLevel ?? x.appraisedLevel),
      ...scoreField("score", x.finalScore ?? x.score),
    })),
    ...(set.scoring ? { scoreDecimals: set.scoring.decimals } : {}),
    signer: { authority: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], title: "PHÓ CHỦ TỊCH" },
    recipients: [
      "Như Điều 3",
      districtIssues
        ? `UBND ${round.tenant.name.toLowerCase()} (để b/c)`
        : `${(await ministryNameOn(prisma, today)) ?? "Bộ Khoa học và Công nghệ"} (để b/c)`,
      "Lưu: VT",
    ],
  };
  return { input, fileName: `Dự thảo QĐ công nhận - ${round.name}.pdf` };
}

/** The appraisal minutes of a round, or null (404). */
export async function appraisalMinutesInput(
  prisma: PrismaClient,
  viewer: Viewer,
  roundId: string,
  now: Date,
): Promise<{ input: AppraisalMinutesInput; fileName: string } | null> {
  const r = await roundUnits(prisma, viewer, roundId, "appraise");
  if (!r) return null;
  const { round, rows } = r;
  const set = documentOf(round.setVersion);
  const province = provinceParts(round.tenant.name);
  // The platform records when each appraisal was entered, not the meeting itself: the last day appraisals were
  // entered and the first entry that day stand for the meeting; the council fills in the rest before signing.
  const last = r.appraisedAt.length ? vietnam(r.appraisedAt.at(-1)!) : vietnam(now);
  const first = r.appraisedAt.map(vietnam).find((m) => m.day === last.day) ?? last;
  const council = councilName(rows, round.unitKind, round.tenant.name, r.province);
  const blank = "………………………………";
  const input: AppraisalMinutesInput = {
    issuer: { parentAgency: `UBND ${round.tenant.name.toUpperCase()}`, name: "HỘI ĐỒNG THẨM ĐỊNH" },
    place: province.name,
    year: Number(last.day.slice(0, 4)),
    draft: true,
    council,
    roundYear: round.year,
    // An entry outside office hours (a batch, a seed) says nothing about the meeting: 08:00, to be corrected.
    meeting: {
      date: last.day,
      start: first.time >= "07:00" && first.time <= "17:30" ? first.time : "08:00",
      location: blank,
    },
    members: [
      { name: blank, role: "Chủ tịch Hội đồng" },
      { name: blank, role: "Thành viên" },
      { name: blank, role: "Thư ký" },
    ],
    judgedBy: set.judgedBy ?? "levels",
    units: rows.map((x) => ({
      name: x.unit.name,
      selfAssessedLevel: asLevel(x.selfAssessedLevel),
      appraisedLevel: asLevel(x.appraisedLevel),
      ...scoreField("selfAssessedScore", x.selfScore),
      ...scoreField("appraisedScore", x.score),
    })),
    ...(set.scoring ? { scoreDecimals: set.scoring.decimals } : {}),
    conclusions: [
      `Thống nhất kết quả thẩm định như bảng trên; đề nghị cấp có thẩm quyền công nhận mức độ chuyển đổi số cho ${rows.length} đơn vị.`,
    ],
    chair: { title: "CHỦ TỊCH HỘI ĐỒNG" },
    secretary: { title: "THƯ KÝ" },
  };
  return { input, fileName: `Biên bản thẩm định - ${round.name}.pdf` };
}

/**
 * The province's yearly report to the ministry (Báo cáo kết quả đánh giá, with its two annexes) for `year`, as a
 * draft, or null (404): for the province's province-wide staff and the ministry (`readTenantWork`). It counts the
 * year's level rounds (a scored index is ranked, not reported): units by type and recognised level (Annex I), and
 * each criterion's pass rate among the recognised units at the set's "Cơ bản" level, as criteria-core's `rollup`
 * of their stored evaluations gives it (Annex II).
 */
export async function provinceReportInput(
  prisma: PrismaClient,
  viewer: Viewer,
  tenantId: string,
  year: number,
  now: Date,
): Promise<{ input: ProvinceYearlyReportInput; fileName: string } | null> {
  if (!can.readTenantWork(viewer, tenantId)) return null;
  const tenant = await prisma.tenant.findUnique({ where: { id: tenantId } });
  const rounds = await prisma.round.findMany({
    where: { tenantId, year, judgedBy: "levels" },
    include: { setVersion: { include: { set: true } } },
    orderBy: { unitKind: "asc" },
  });
  if (!tenant || rounds.length === 0) return null;
  const province = provinceParts(tenant.name);
  const today = vietnam(now).day;
  const levelsByKind = new Map<string, LevelsByKind>();
  const passRates: CriterionPassRate[] = [];
  for (const round of rounds) {
    const set = documentOf(round.setVersion);
    const rows = await prisma.assessment.findMany({
      where: { roundId: round.id },
      select: { status: true, recognisedLevel: true, evaluation: true, unit: { select: { type: true } } },
    });
    for (const r of rows) {
      const k = levelsByKind.get(r.unit.type) ?? { kind: r.unit.type, total: 0, byLevel: {} };
      k.total += 1;
      const level = r.status === "RECOGNISED" ? asLevel(r.recognisedLevel) : null;
      if (level) k.byLevel[level] = (k.byLevel[level] ?? 0) + 1;
      levelsByKind.set(r.unit.type, k);
    }
    const recognised = rows.filter((r) => r.status === "RECOGNISED" && r.evaluation !== null);
    const tally = rollup(
      set,
      recognised.map((r) => r.evaluation as unknown as Evaluation),
    );
    const basic = basicLevel(set.levels);
    tally.criteria.forEach((c, i) => {
      const at = c.levels.find((l) => l.level === basic.rank);
      if (!at) return;
      passRates.push({
        code: c.code,
        name: set.criteria[i]!.name,
        applicable: at.pass + at.fail + at.missing,
        passed: at.pass,
      });
    });
  }
  const ministry = (await ministryNameOn(prisma, today)) ?? "Bộ Khoa học và Công nghệ";
  const input: ProvinceYearlyReportInput = {
    issuer: { name: `Ủy ban nhân dân ${tenant.name}`.toUpperCase() },
    place: province.name,
    year: vietnamYear(now),
    draft: true,
    province: province.name,
    provinceKind: province.kind,
    reportYear: year,
    to: ministry,
    activities: rounds.map((r) => {
      const set = documentOf(r.setVersion);
      const decision = setDecisionOf(r.setVersion, set);
      return (
        `${r.name}: theo ${set.title}${decision ? ` (Quyết định số ${decision.number})` : ""}, ` +
        `hạn nộp hồ sơ ${formatVietnameseDate(dateToIsoDay(r.submitDueAt))}.`
      );
    }),
    levelsByKind: [...levelsByKind.values()],
    passRates,
    signer: { authority: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], title: "PHÓ CHỦ TỊCH" },
    recipients: ["Như trên", `${await departmentOn(prisma, tenantId, today)}`, "Lưu: VT"],
  };
  return { input, fileName: `Dự thảo báo cáo năm ${year} - ${tenant.name}.pdf` };
}
