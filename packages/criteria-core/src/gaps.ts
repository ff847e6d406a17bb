/**
 * Gaps: for a target level, what each failing or missing criterion still
 * needs, e.g. "CQS-02: cần ≥ 50%, hiện 42% (21/50) — thêm 4 hồ sơ".
 * The need is judged at the highest level ≤ the target at which the
 * criterion applies and is not met (targets rise, so meeting that one meets
 * the lower ones), from `evaluate`'s own statuses: the rule lives there only.
 */
import { formatNumber, formatTarget, type Locale, type TCriteriaSet } from "@cds/criteria-schema";
import type { TChildLevelsTarget, TCountOrAllTarget } from "@cds/criteria-schema";
import { compile, evaluateObserved, type Observation } from "./evaluate.ts";
import type { IndicatorValues } from "./values.ts";

export interface Gap {
  code: string;
  name: string;
  /** The level whose target this gap is about. */
  level: number;
  status: "fail" | "missing";
  /** The target as it reads, e.g. "≥ 50%". */
  target: string;
  targetEn: string;
  /** What the unit has now, e.g. "42% (21/50)"; null when missing. */
  current: string | null;
  currentEn: string | null;
  /** How many more subjects (records, staff, systems, child units…) would meet the target, when countable. */
  shortfall: number | null;
  message: string;
  messageEn: string;
}

/** ⌈x × y / d⌉ on non-negative integers, exactly: BigInt when the product could round in a double. */
export function ceilProductDiv(x: number, y: number, d: number): number {
  const p = x * y;
  if (p <= Number.MAX_SAFE_INTEGER) return Math.floor((p + d - 1) / d);
  const big = BigInt(x) * BigInt(y);
  const q = big / BigInt(d);
  return Number(big % BigInt(d) === 0n ? q : q + 1n);
}

function percentText(obs: Observation, locale: Locale): string | null {
  switch (obs.kind) {
    case "ratio":
      return `${formatNumber((obs.numerator * 100) / obs.denominator, locale)}% (${formatNumber(obs.numerator, locale)}/${formatNumber(obs.denominator, locale)})`;
    case "percent":
      return `${formatNumber(obs.percent, locale)}%`;
    case "boolean":
      return obs.value ? (locale === "vi" ? "có" : "yes") : locale === "vi" ? "chưa có" : "no";
    case "count":
      return formatNumber(obs.count, locale);
    case "countOfTotal":
      return `${formatNumber(obs.count, locale)}/${formatNumber(obs.total, locale)}`;
    case "childLevels": {
      return locale === "vi"
        ? `${formatNumber(obs.total, locale)} đơn vị cấp dưới`
        : `${formatNumber(obs.total, locale)} child units`;
    }
    default:
      return null;
  }
}

/** How many more subjects would meet the target; null when the measure has nothing to count. */
function shortfallOf(obs: Observation, target: unknown, hundredths: number): number | null {
  switch (obs.kind) {
    case "ratio": {
      // smallest n with (numerator + n) × 10000 ≥ hundredths × denominator
      const need = ceilProductDiv(hundredths, obs.denominator, 10_000);
      return Math.max(0, need - obs.numerator);
    }
    case "count":
      return Math.max(0, (target as number) - obs.count);
    case "countOfTotal": {
      const t = target as TCountOrAllTarget;
      const byCount = Math.max(0, t.min - obs.count);
      return t.orAll && obs.total > 0 ? Math.min(byCount, obs.total - obs.count) : byCount;
    }
    case "childLevels": {
      const t = target as TChildLevelsTarget;
      const belowAll = obs.total - (obs.atLeast[t.allAtLeast] ?? 0);
      const shareNeed = t.share
        ? Math.max(
            0,
            ceilProductDiv(Math.round(t.share.percent * 100), obs.total, 10_000) - (obs.atLeast[t.share.atLeast] ?? 0),
          )
        : 0;
      return Math.max(belowAll, shareNeed);
    }
    default:
      return null;
  }
}

/**
 * Gaps to `targetLevel` (1…number of levels). Throws `InvalidValuesError`
 * on values that cannot be judged, like `evaluate`.
 */
export function gaps(set: TCriteriaSet, values: IndicatorValues, targetLevel: number): Gap[] {
  const c = compile(set);
  const nLevels = set.levels.length;
  if (!Number.isInteger(targetLevel) || targetLevel < 1 || targetLevel > nLevels) {
    throw new RangeError(`targetLevel: phải từ 1 đến ${nLevels} / must be 1 to ${nLevels}`);
  }
  const { evaluation, observations: obs } = evaluateObserved(set, values);
  const out: Gap[] = [];
  for (let i = 0; i < c.criteria.length; i++) {
    const cc = c.criteria[i]!;
    const o = obs[i]!;
    const cr = cc.criterion;
    if (o.kind === "exempt") continue;
    const results = evaluation.criteria[i]!.results;
    let li = -1;
    for (let l = targetLevel - 1; l >= 0; l--) {
      if (results[l] === "fail" || results[l] === "missing") {
        li = l;
        break;
      }
    }
    if (li < 0) continue;
    const target = cr.targets[li]!;
    const targetVi = formatTarget(cr, target, "vi");
    const targetEn = formatTarget(cr, target, "en");
    if (o.kind === "missing") {
      out.push({
        code: cr.code,
        name: cr.name,
        level: li + 1,
        status: "missing",
        target: targetVi,
        targetEn,
        current: null,
        currentEn: null,
        shortfall: null,
        message: `${cr.code}: cần ${targetVi}, chưa nhập số liệu`,
        messageEn: `${cr.code}: ${targetEn}, no value entered`,
      });
      continue;
    }
    const current = percentText(o, "vi");
    const currentEn = percentText(o, "en");
    const shortfall = shortfallOf(o, target, cc.hundredths[li] ?? 0);
    const subject = cr.subject ?? (cr.measure === "childLevels" ? "đơn vị cấp dưới" : "");
    const more =
      shortfall !== null && shortfall > 0
        ? [
            ` — thêm ${formatNumber(shortfall, "vi")}${subject ? ` ${subject}` : ""}`,
            `: ${formatNumber(shortfall, "en")} more`,
          ]
        : ["", ""];
    out.push({
      code: cr.code,
      name: cr.name,
      level: li + 1,
      status: "fail",
      target: targetVi,
      targetEn,
      current,
      currentEn,
      shortfall,
      message: `${cr.code}: cần ${targetVi}, hiện ${current}${more[0]}`,
      messageEn: `${cr.code}: ${targetEn}, have ${currentEn}${more[1]}`,
    });
  }
  return out;
}
