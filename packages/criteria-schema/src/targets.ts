/**
 * What a target means beyond its shape: how two targets of one measure kind
 * compare (the rising-ladder rule and the diff both ask), and how a target
 * reads to a person. One place for both, so the editor, the diff and the
 * validation never disagree about "stricter".
 */
import type { TChildLevelsTarget, TCountOrAllTarget, TCriterion, TMeasureKind } from "./schema.ts";

export type Target = TCriterion["targets"][number];
export type Locale = "vi" | "en";

/** How `to` compares with `from`: a higher bar is "stricter". */
export type TargetChange = "same" | "stricter" | "looser" | "changed";

function sign(a: number, b: number): TargetChange {
  return a === b ? "same" : b > a ? "stricter" : "looser";
}

/**
 * Compares two applicable targets of the same measure kind.
 * - countOrAll: a larger minimum is stricter; at an equal minimum, losing the "or 100%" alternative is stricter.
 * - childLevels: stricter when no component falls and one rises (components: level all children need,
 *   level the share needs, the share's percent); "changed" when some rise and others fall.
 */
export function compareTargets(
  measure: TMeasureKind,
  from: NonNullable<Target>,
  to: NonNullable<Target>,
): TargetChange {
  switch (measure) {
    case "percentage":
    case "minCount":
      return sign(from as number, to as number);
    case "boolean":
      return "same";
    case "countOrAll": {
      const a = from as TCountOrAllTarget;
      const b = to as TCountOrAllTarget;
      if (a.min !== b.min) return sign(a.min, b.min);
      if (a.orAll === b.orAll) return "same";
      return b.orAll ? "looser" : "stricter";
    }
    case "childLevels": {
      const va = childVector(from as TChildLevelsTarget);
      const vb = childVector(to as TChildLevelsTarget);
      let up = false;
      let down = false;
      for (let i = 0; i < va.length; i++) {
        if (vb[i]! > va[i]!) up = true;
        if (vb[i]! < va[i]!) down = true;
      }
      if (up && down) return "changed";
      return up ? "stricter" : down ? "looser" : "same";
    }
  }
}

function childVector(t: TChildLevelsTarget): number[] {
  return [t.allAtLeast, t.share?.atLeast ?? 0, t.share?.percent ?? 0];
}

/** Compares two targets where either may be "not applicable" (null). */
export function compareTargetsNullable(measure: TMeasureKind, from: Target, to: Target): TargetChange {
  if (from === null && to === null) return "same";
  if (from === null) return "stricter";
  if (to === null) return "looser";
  return compareTargets(measure, from, to);
}

const numberFormats = {
  vi: new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }),
};

/** 1234.5 → "1.234,5" (vi) or "1,234.5" (en). */
export function formatNumber(n: number, locale: Locale = "vi"): string {
  return numberFormats[locale].format(n);
}

/** How a target reads in the table view and in messages, e.g. "≥ 50%", "Tối thiểu 1 nhân sự", "Không áp dụng". */
export function formatTarget(criterion: TCriterion, target: Target, locale: Locale = "vi"): string {
  const vi = locale === "vi";
  if (target === null) return vi ? "Không áp dụng" : "Not applicable";
  const subject = criterion.subject ?? (vi ? "đối tượng" : "items");
  switch (criterion.measure) {
    case "percentage":
      return `≥ ${formatNumber(target as number, locale)}%`;
    case "boolean":
      return vi ? (criterion.yesLabel ?? "Có") : "Yes";
    case "minCount":
      return vi
        ? `Tối thiểu ${formatNumber(target as number, locale)} ${subject}`
        : `At least ${formatNumber(target as number, locale)}`;
    case "countOrAll": {
      const t = target as TCountOrAllTarget;
      if (vi)
        return `Có ${formatNumber(t.min, locale)} ${subject}${t.orAll ? ` trở lên hoặc 100% ${subject} trên địa bàn` : ""}`;
      return `At least ${formatNumber(t.min, locale)}${t.orAll ? " or 100% of them" : ""}`;
    }
    case "childLevels": {
      const t = target as TChildLevelsTarget;
      const share = t.share
        ? vi
          ? `, trong đó tối thiểu ${formatNumber(t.share.percent, locale)}% đạt mức ${t.share.atLeast}`
          : `, of which at least ${formatNumber(t.share.percent, locale)}% at level ${t.share.atLeast}`
        : "";
      return vi
        ? `100% ${subject} đạt từ mức ${t.allAtLeast} trở lên${share}`
        : `100% at level ${t.allAtLeast} or above${share}`;
    }
  }
}
