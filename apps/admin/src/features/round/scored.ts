/**
 * How the review reads a scored index (Bộ chỉ số): its components and groups from the pinned set's
 * document, the engine's rounded point texts in the reader's separators, and the differences and
 * middles of those texts. Points are criteria-core's (through the API): nothing here scores; a
 * difference or a median is exact arithmetic on the texts a reader sees, so they add up on screen.
 */
import { formatPoints } from "@cds/criteria-core";
import {
  formatRule,
  isScored,
  scoreComponents,
  type Locale,
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
// Decimal texts ("812.50", "-22.5"), exactly
// ---------------------------------------------------------------------------

interface Dec {
  /** The value × 10^scale. */
  n: bigint;
  scale: number;
}

function parseDec(text: string): Dec {
  const neg = text.startsWith("-");
  const [int = "0", frac = ""] = (neg ? text.slice(1) : text).split(".");
  const n = BigInt(`${int || "0"}${frac}`);
  return { n: neg ? -n : n, scale: frac.length };
}

function align(a: Dec, scale: number): bigint {
  return a.n * 10n ** BigInt(scale - a.scale);
}

function decText({ n, scale }: Dec): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? `.${digits.slice(digits.length - scale)}` : "";
  return `${neg ? "-" : ""}${int}${frac}`;
}

/** a − b on two decimal texts, exactly, with the larger of their decimals: ("790.00", "812.50") → "-22.50". */
export function subtractTexts(a: string, b: string): string {
  const x = parseDec(a);
  const y = parseDec(b);
  const scale = Math.max(x.scale, y.scale);
  return decText({ n: align(x, scale) - align(y, scale), scale });
}

/** Compares two decimal texts by value. */
export function compareTexts(a: string, b: string): number {
  const d = parseDec(subtractTexts(a, b)).n;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** The smallest, the median (the mean of the two middle ones for an even count, exactly) and the largest of some texts. */
export function spreadOf(texts: readonly string[]): { min: string; median: string; max: string } | null {
  if (texts.length === 0) return null;
  const sorted = [...texts].sort(compareTexts);
  const mid = sorted.length >> 1;
  let median = sorted[mid]!;
  if (sorted.length % 2 === 0) {
    const a = parseDec(sorted[mid - 1]!);
    const b = parseDec(sorted[mid]!);
    const scale = Math.max(a.scale, b.scale);
    const sum = align(a, scale) + align(b, scale);
    // Half of an odd sum needs one more decimal (…5), exactly.
    median = sum % 2n === 0n ? decText({ n: sum / 2n, scale }) : decText({ n: sum * 5n, scale: scale + 1 });
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
