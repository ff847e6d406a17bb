/**
 * How the review reads a scored index (Bộ chỉ số): its components and groups from the pinned set's
 * document, the engine's rounded point texts in the reader's separators, and the differences and
 * middles of those texts. Points are criteria-core's (through the API): nothing here scores; a
 * difference or a median is exact arithmetic on the texts a reader sees, so they add up on screen.
 */
import { formatPoints } from "@cds/criteria-core";
import {
  exact,
  formatRule,
  isScored,
  scoreComponents,
  type Locale,
  type Rational,
  type TCriteriaSet,
  type TScoreComponent,
  type TScoreGroup,
} from "@cds/criteria-schema";

export type JudgedBy = "levels" | "points" | "both";

/** The API's `judgedBy` text as one of the three ways; anything else reads as levels. */
export function judgedByOf(s: string | null | undefined): JudgedBy {
  return s === "points" || s === "both" ? s : "levels";
}

/** The set's document when it is a scored index whole enough to read, else null. */
export function scoredSet(doc: unknown): TCriteriaSet | null {
  if (typeof doc !== "object" || doc === null) return null;
  const set = doc as TCriteriaSet;
  return isScored(set) && set.scoring && Array.isArray(set.scoring.groups) ? set : null;
}

export interface ComponentInfo {
  component: TScoreComponent;
  /** The code of the component's own group. */
  group: string;
}

/** Every component of a scored set, in the document's order, with its group. */
export function componentsOf(set: TCriteriaSet): ComponentInfo[] {
  return scoreComponents(set.scoring?.groups ?? []).map((p) => ({
    component: p.component,
    group: p.groupPath[p.groupPath.length - 1] ?? "",
  }));
}

/** Every group of a scored set, depth first, with its depth (0 = top). */
export function groupsOf(set: TCriteriaSet): { group: TScoreGroup; depth: number }[] {
  const out: { group: TScoreGroup; depth: number }[] = [];
  const walk = (gs: readonly TScoreGroup[], depth: number) => {
    for (const g of gs) {
      out.push({ group: g, depth });
      walk(g.groups, depth + 1);
    }
  };
  walk(set.scoring?.groups ?? [], 0);
  return out;
}

/** How a component's rule reads, e.g. "≥ 90%: 24 điểm; ≥ 70%: 12 điểm; còn lại 0". */
export function ruleText(c: TScoreComponent, locale: Locale): string {
  return formatRule(c, locale);
}

// ---------------------------------------------------------------------------
// Decimal texts ("812.50", "-22.5"), exactly (criteria-schema's rationals)
// ---------------------------------------------------------------------------

/** The engine's decimal text as an exact rational with its number of decimals; throws on anything else (a bug, never input). */
function readText(text: string): { x: Rational; decimals: number } {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`Không đọc được số điểm "${text}" / not a decimal text`);
  const frac = m[3] ?? "";
  const n = BigInt(`${m[2]}${frac}`);
  return { x: exact.rational(m[1] ? -n : n, 10n ** BigInt(frac.length)), decimals: frac.length };
}

/** a − b on two decimal texts, exactly, with the larger of their decimals: ("790.00", "812.50") → "-22.50". */
export function subtractTexts(a: string, b: string): string {
  const x = readText(a);
  const y = readText(b);
  return exact.toFixedHalfUp(exact.sub(x.x, y.x), Math.max(x.decimals, y.decimals));
}

/** Compares two decimal texts by value. */
export function compareTexts(a: string, b: string): number {
  return exact.compare(readText(a).x, readText(b).x);
}

/** The smallest, the median (the mean of the two middle ones for an even count, exactly) and the largest of some texts. */
export function spreadOf(texts: readonly string[]): { min: string; median: string; max: string } | null {
  if (texts.length === 0) return null;
  const sorted = [...texts].sort(compareTexts);
  const mid = sorted.length >> 1;
  let median = sorted[mid]!;
  if (sorted.length % 2 === 0) {
    const a = readText(sorted[mid - 1]!);
    const b = readText(sorted[mid]!);
    const mean = exact.div(exact.add(a.x, b.x), exact.fromInt(2));
    const decimals = Math.max(a.decimals, b.decimals);
    // Half of an odd sum needs one more decimal (…5), exactly.
    const whole = exact.mul(mean, exact.fromInt(10n ** BigInt(decimals))).d === 1n;
    median = exact.toFixedHalfUp(mean, whole ? decimals : decimals + 1);
  }
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

// ---------------------------------------------------------------------------
// Reading them
// ---------------------------------------------------------------------------

/** Points as the engine rounded them, in the locale's separators with the set's decimals: "812.50" → "812,50". */
export function pointsText(text: string, locale: Locale): string {
  return formatPoints(text, locale, true);
}

/** A maximum or another number of the set: 1000 → "1.000", 7.5 → "7,5". */
export function numberText(n: number, locale: Locale): string {
  return formatPoints(String(n), locale);
}

/** A difference with its sign: "+5,00", "−22,50" (a true minus), "0,00". */
export function signedText(text: string, locale: Locale): string {
  const sign = compareTexts(text, "0");
  const abs = text.startsWith("-") ? text.slice(1) : text;
  const shown = formatPoints(abs, locale, true);
  return sign > 0 ? `+${shown}` : sign < 0 ? `−${shown}` : shown;
}

/** Whether a difference text is not zero. */
export function nonZero(text: string): boolean {
  return compareTexts(text, "0") !== 0;
}
