/**
 * pointsGaps(set, values): for every component of a scored set that earns
 * less than its maximum, the points missing and what value earns the next
 * band, e.g. "XH-02: 10/20 điểm; đạt ≥ 60% (cần thêm 7 người dân) để được 20".
 * Read from `score`'s own exact result: the rule lives there only.
 */
import { exact, formatRule, type Locale, type Rational } from "@cds/criteria-schema";
import { compileScoring, readAll, scoreReadings, type CompiledComponent, type Reading } from "./points.ts";
import { ceilProductDiv } from "./gaps.ts";
import type { ComponentValues } from "./values.ts";
import type { TCriteriaSet } from "@cds/criteria-schema";

const { compare, mul, rational, sub, toFixedHalfUp } = exact;

export interface PointsGap {
  code: string;
  name: string;
  group: string;
  status: "partial" | "missing";
  points: number;
  pointsText: string;
  max: number;
  /** max − points, rounded like points. */
  missingPoints: number;
  missingPointsText: string;
  /** The next step up: what value, how many more subjects when countable, and the points it earns; null when no value earns more (appraised). */
  next: { target: string; targetEn: string; shortfall: number | null; points: number; pointsText: string } | null;
  message: string;
  messageEn: string;
}

/**
 * A rounded decimal text in the locale's separators: "1234.50" → "1.234,5" (vi)
 * or "1,234.5" (en); with `keepZeros` the declared decimals stay ("1.234,50").
 */
export function formatPoints(text: string, locale: Locale = "vi", keepZeros = false): string {
  const neg = text.startsWith("-");
  const [int, frac = ""] = (neg ? text.slice(1) : text).split(".");
  const f = keepZeros ? frac : frac.replace(/0+$/, "");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, locale === "vi" ? "." : ",");
  return (neg ? "-" : "") + (f ? `${grouped}${locale === "vi" ? "," : "."}${f}` : grouped);
}

/** A rounded decimal text ("825.60", "-0.0100") as the exact rational it names. */
function textRational(text: string): Rational {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new RangeError(`scoreDifference: ${text} không phải số thập phân / not a decimal`);
  const frac = m[3] ?? "";
  const n = BigInt(m[2]! + frac);
  return rational(m[1] === "-" ? -n : n, 10n ** BigInt(frac.length));
}

/**
 * The difference between two rounded scores as `score` writes them (scoreText, indexText), exactly, as a signed
 * text with the larger of their decimals: "+12.35", "-0.0100", "0". What a reader gets subtracting the two numbers
 * shown (a unit's score against the year before), without binary rounding.
 */
export function scoreDifference(current: string, previous: string): string {
  const decimals = (t: string) => t.split(".")[1]?.length ?? 0;
  const diff = sub(textRational(current), textRational(previous));
  const text = toFixedHalfUp(diff, Math.max(decimals(current), decimals(previous)));
  return compare(diff, exact.ZERO) > 0 ? `+${text}` : text;
}

function pct(h: number, locale: Locale): string {
  return `≥ ${formatPoints((h / 100).toFixed(2), locale)}%`;
}

interface Step {
  target: [string, string];
  shortfall: number | null;
  points: Rational;
}

function nextStep(cc: CompiledComponent, r: Reading, earned: Rational, band: number): Step | null {
  const c = cc.component;
  const rule = c.rule;
  switch (rule.kind) {
    case "yesNo":
      return { target: [rule.yesLabel ?? "có", "yes"], shortfall: null, points: cc.max };
    case "indexValue":
      return { target: ["chỉ số 1", "index 1"], shortfall: null, points: cc.max };
    case "appraised":
      return null;
    case "bands": {
      // The band just above the one reached (bands are listed highest first).
      const b = band < 0 ? cc.bandAt.length - 1 : band - 1;
      if (b < 0) return null;
      const at = cc.bandAt[b]!;
      let shortfall: number | null = null;
      if (r.kind === "ratio") shortfall = Math.max(0, ceilProductDiv(at, r.denominator, 10_000) - r.numerator);
      if (r.kind === "count") shortfall = Math.max(0, at - r.count);
      const target: [string, string] =
        rule.on === "percentage"
          ? [pct(at, "vi"), pct(at, "en")]
          : [`≥ ${formatPoints(String(at), "vi")}`, `≥ ${formatPoints(String(at), "en")}`];
      return { target, shortfall, points: cc.bandPoints[b]! };
    }
    case "ratio": {
      // Below the floor: reaching it is the next step; otherwise reaching the cap earns the maximum.
      const belowFloor =
        cc.floorH >= 0 &&
        earned.n === 0n &&
        (r.kind !== "ratio" || BigInt(r.numerator) * 10_000n < BigInt(cc.floorH) * BigInt(r.denominator));
      const at = belowFloor ? cc.floorH : cc.capH;
      const points = belowFloor ? mul(cc.max, rational(BigInt(cc.floorH), BigInt(cc.capH))) : cc.max;
      const shortfall =
        r.kind === "ratio" ? Math.max(0, ceilProductDiv(at, r.denominator, 10_000) - r.numerator) : null;
      return { target: [pct(at, "vi"), pct(at, "en")], shortfall, points };
    }
  }
}

/** Gaps of every component below its maximum. Throws `InvalidValuesError` on values that cannot be scored, like `score`. */
export function pointsGaps(set: TCriteriaSet, values: ComponentValues): PointsGap[] {
  const c = compileScoring(set);
  const readings = readAll(c, values);
  const x = scoreReadings(c, readings);
  const d = c.decimals;
  const out: PointsGap[] = [];
  for (let i = 0; i < c.components.length; i++) {
    const cc = c.components[i]!;
    const s = x.components[i]!;
    if (s.status === "notApplicable" || compare(s.points, cc.max) >= 0) continue;
    const pointsText = toFixedHalfUp(s.points, d);
    const maxText = toFixedHalfUp(cc.max, d);
    const missingPointsText = toFixedHalfUp(sub(cc.max, s.points), d);
    const head = [
      `${cc.code}: ${formatPoints(pointsText, "vi")}/${formatPoints(maxText, "vi")} điểm`,
      `${cc.code}: ${formatPoints(pointsText, "en")}/${formatPoints(maxText, "en")} points`,
    ];
    const base = {
      code: cc.code,
      name: cc.component.name,
      group: c.groups[cc.group]!.group.code,
      points: Number(pointsText),
      pointsText,
      max: cc.maxText,
      missingPoints: Number(missingPointsText),
      missingPointsText,
    };
    if (s.status === "missing") {
      out.push({
        ...base,
        status: "missing",
        next: null,
        message: `${head[0]}; chưa nhập số liệu (${formatRule(cc.component, "vi")})`,
        messageEn: `${head[1]}; no value entered (${formatRule(cc.component, "en")})`,
      });
      continue;
    }
    const step = nextStep(cc, readings[i]!, s.points, s.band);
    if (!step) {
      out.push({
        ...base,
        status: "partial",
        next: null,
        message: `${head[0]}; do hội đồng thẩm định chấm`,
        messageEn: `${head[1]}; given by the appraisal council`,
      });
      continue;
    }
    const subject = cc.component.subject ?? "";
    const more =
      step.shortfall !== null && step.shortfall > 0
        ? [
            ` (cần thêm ${formatPoints(String(step.shortfall), "vi")}${subject ? ` ${subject}` : ""})`,
            ` (${formatPoints(String(step.shortfall), "en")} more)`,
          ]
        : ["", ""];
    const stepText = toFixedHalfUp(step.points, d);
    out.push({
      ...base,
      status: "partial",
      next: {
        target: step.target[0],
        targetEn: step.target[1],
        shortfall: step.shortfall,
        points: Number(stepText),
        pointsText: stepText,
      },
      message: `${head[0]}; ${cc.component.rule.kind === "yesNo" ? "cần" : "đạt"} ${step.target[0]}${more[0]} để được ${formatPoints(stepText, "vi")}`,
      messageEn: `${head[1]}; ${cc.component.rule.kind === "yesNo" ? "needs" : "reach"} ${step.target[1]}${more[1]} to earn ${formatPoints(stepText, "en")}`,
    });
  }
  return out;
}
