/**
 * What a scored index (Bộ chỉ số) means beyond its shape, for the validation,
 * the engine and the diff alike: how a set judges, how the tree of groups is
 * walked, what "stricter" means for a scoring rule, and how a rule reads.
 * No zod here (types only), so the engine and the browser can import it.
 */
import { add, compare, div, fromDecimal, min, ONE, rational, ZERO, type Rational } from "./exact.ts";
import type { TCriteriaSet, TJudgedBy, TScoreComponent, TScoreGroup, TScoreRule } from "./schema.ts";
import { formatNumber, type Locale, type TargetChange } from "./targets.ts";

export const SCORE_RULE_KINDS = ["yesNo", "ratio", "bands", "indexValue", "appraised"] as const;

/** How a set judges; `levels` when it does not say (every document written before scored indices). */
export function judgedBy(set: Pick<TCriteriaSet, "judgedBy">): TJudgedBy {
  return set.judgedBy ?? "levels";
}

/** Whether a set has a score (points or both). */
export function isScored(set: Pick<TCriteriaSet, "judgedBy">): boolean {
  return judgedBy(set) !== "levels";
}

/** A component with where it sits: the path of group indexes from the top and its index in its group. */
export interface PlacedComponent {
  component: TScoreComponent;
  /** Codes of the groups from the top down to its own group. */
  groupPath: string[];
  /** JSON path of the component in the document, e.g. ["scoring", "groups", 0, "components", 2]. */
  path: (string | number)[];
}

/** Every component of a scoring tree, depth first in document order. */
export function scoreComponents(groups: readonly TScoreGroup[]): PlacedComponent[] {
  const out: PlacedComponent[] = [];
  const walk = (gs: readonly TScoreGroup[], codes: string[], path: (string | number)[]) => {
    gs.forEach((g, gi) => {
      const here = [...path, gi];
      const groupCodes = [...codes, g.code];
      walk(g.groups, groupCodes, [...here, "groups"]);
      g.components.forEach((component, ci) =>
        out.push({ component, groupPath: groupCodes, path: [...here, "components", ci] }),
      );
    });
  };
  walk(groups, [], ["scoring", "groups"]);
  return out;
}

/** Percent (≤ 2 decimals) as an exact share of 1: 90 → 9/10. */
export function percentShare(p: number): Rational {
  return rational(BigInt(Math.round(p * 100)), 10_000n);
}

/**
 * The share of a component's maximum (0..1) that a rule earns at x (a share
 * of 1 for percentages, a count for counts), exactly. yesNo: x = 1 or 0;
 * indexValue: x itself; appraised: x is the points ÷ max.
 */
export function ruleShareAt(rule: TScoreRule, max: Rational, x: Rational): Rational {
  switch (rule.kind) {
    case "yesNo":
      return x.n > 0n ? ONE : ZERO;
    case "indexValue":
    case "appraised":
      return x;
    case "ratio": {
      if (rule.floor !== undefined && compare(x, percentShare(rule.floor)) < 0) return ZERO;
      const cap = rule.cap === undefined ? ONE : percentShare(rule.cap);
      return div(min(x, cap), cap);
    }
    case "bands": {
      for (const b of rule.bands) {
        const t = rule.on === "percentage" ? percentShare(b.atLeast) : fromDecimal(b.atLeast);
        if (compare(x, t) >= 0) return div(fromDecimal(b.points), max);
      }
      return ZERO;
    }
  }
}

/**
 * How rule `b` (max `maxB`) compares with rule `a` (max `maxA`), judged on the
 * share of the maximum a unit earns at every possible value: "stricter" when
 * no value earns a larger share and some value earns a smaller one. Rules of
 * different kinds (or bands on a different quantity) are "changed". Moving
 * points between components is the diff's business, not this one's.
 */
export function compareRules(a: TScoreRule, maxA: number, b: TScoreRule, maxB: number): TargetChange {
  if (a.kind !== b.kind) return "changed";
  if (a.kind === "yesNo" || a.kind === "indexValue") return "same";
  if (a.kind === "appraised") return (a.step ?? 0) === ((b as typeof a).step ?? 0) ? "same" : "changed";
  if (a.kind === "bands" && a.on !== (b as typeof a).on) return "changed";
  const onCount = a.kind === "bands" && a.on === "count";
  const points = new Set<string>();
  const consider = (v: number, pct: boolean) => {
    const t = pct ? percentShare(v) : fromDecimal(v);
    points.add(`${t.n}/${t.d}`);
  };
  for (const r of [a, b]) {
    if (r.kind === "ratio") {
      if (r.floor !== undefined) consider(r.floor, true);
      consider(r.cap ?? 100, true);
    } else if (r.kind === "bands") for (const band of r.bands) consider(band.atLeast, !onCount);
  }
  // Between two breakpoints both shares are linear (ratio) or constant (bands), so comparing at every
  // breakpoint, just below it and at the ends decides the sign everywhere.
  const xs: Rational[] = [ZERO, onCount ? ZERO : ONE];
  const delta = onCount ? ONE : rational(1n, 1_000_000n);
  let top: Rational = onCount ? ZERO : ONE;
  for (const p of points) {
    const [n, d] = p.split("/");
    const x = rational(BigInt(n!), BigInt(d!));
    xs.push(x);
    const below = add(x, { n: -delta.n, d: delta.d });
    if (below.n >= 0n) xs.push(below);
    if (compare(x, top) > 0) top = x;
  }
  if (onCount) xs.push(add(top, ONE));
  const mA = fromDecimal(maxA);
  const mB = fromDecimal(maxB);
  let up = false;
  let down = false;
  for (const x of xs) {
    const c = compare(ruleShareAt(b, mB, x), ruleShareAt(a, mA, x));
    if (c < 0) up = true;
    if (c > 0) down = true;
  }
  if (up && down) return "changed";
  return up ? "stricter" : down ? "looser" : "same";
}

/** How a rule reads, e.g. "≥ 90%: 10 điểm; ≥ 70%: 5 điểm; còn lại 0", "tỷ lệ × 10 điểm (sàn 20%)". */
export function formatRule(
  component: Pick<TScoreComponent, "rule" | "max" | "subject">,
  locale: Locale = "vi",
): string {
  const vi = locale === "vi";
  const pts = (n: number) => `${formatNumber(n, locale)} ${vi ? "điểm" : "pt"}`;
  const rule = component.rule;
  switch (rule.kind) {
    case "yesNo":
      return vi ? `${rule.yesLabel ?? "Có"}: ${pts(component.max)}; không: 0` : `yes: ${pts(component.max)}; no: 0`;
    case "indexValue":
      return vi ? `chỉ số 0..1 × ${pts(component.max)}` : `index 0..1 × ${pts(component.max)}`;
    case "appraised":
      return vi
        ? `hội đồng chấm 0–${pts(component.max)}${rule.step ? `, bước ${formatNumber(rule.step, locale)}` : ""}`
        : `appraised 0–${pts(component.max)}${rule.step ? `, step ${formatNumber(rule.step, locale)}` : ""}`;
    case "ratio": {
      const extra: string[] = [];
      if (rule.floor !== undefined)
        extra.push(
          vi ? `dưới ${formatNumber(rule.floor, locale)}%: 0` : `below ${formatNumber(rule.floor, locale)}%: 0`,
        );
      if (rule.cap !== undefined)
        extra.push(
          vi ? `đủ điểm từ ${formatNumber(rule.cap, locale)}%` : `full from ${formatNumber(rule.cap, locale)}%`,
        );
      return `${vi ? "tỷ lệ" : "ratio"} × ${pts(component.max)}${extra.length ? ` (${extra.join("; ")})` : ""}`;
    }
    case "bands": {
      const unit = rule.on === "percentage" ? "%" : ` ${component.subject ?? (vi ? "đối tượng" : "")}`.trimEnd();
      const parts = rule.bands.map((b) => `≥ ${formatNumber(b.atLeast, locale)}${unit}: ${pts(b.points)}`);
      return `${parts.join("; ")}; ${vi ? "còn lại 0" : "otherwise 0"}`;
    }
  }
}

/** Σ of exact maxima (used by validation: maxima must add up exactly, never through a float sum). */
export function sumExact(values: readonly number[]): Rational {
  let s: Rational = ZERO;
  for (const v of values) s = add(s, fromDecimal(v));
  return s;
}
