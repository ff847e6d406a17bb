/**
 * Scores and ranks as people read them: the engine's rounded texts (scoreText, indexText) with the locale's
 * separators (criteria-core's formatPoints, trailing zeros kept as the set's decimals have them), a rank change as
 * ▲3 / ▼2 / —. Nothing here scores or ranks: those are the API's (criteria-core).
 */
import { formatPoints } from "@cds/criteria-core";
import { exact } from "@cds/criteria-schema";
import type { Locale } from "@cds/ui";

/** An engine-rounded number ("825.60", "0.6924") in the locale's separators; "—" for none. */
export function pointsText(text: string | null | undefined, locale: Locale): string {
  return text === null || text === undefined ? "—" : formatPoints(text, locale, true);
}

/** The number a rounded text stands for (for sorting and the spreadsheet), or null. */
export function pointsValue(text: string | null | undefined): number | null {
  return text === null || text === undefined ? null : Number(text);
}

/** previous rank − rank (positive: climbed) as a sign and a number: ▲3, ▼2, — (no change, or no previous rank). */
export function rankChangeSymbol(change: number | null): string {
  if (change === null || change === 0) return "—";
  return change > 0 ? `▲${change}` : `▼${-change}`;
}

/** How many decimals a rounded text carries. */
const decimalsOf = (text: string) => text.split(".")[1]?.length ?? 0;

/**
 * The difference between two shown (rounded) scores, exactly, as a signed rounded text ("+12.35", "-0.0100", "0"):
 * what a reader gets subtracting the two numbers on the screen, without binary rounding.
 */
export function shownDifference(current: string, previous: string): string {
  const d = Math.max(decimalsOf(current), decimalsOf(previous));
  const diff = exact.sub(exact.fromDecimal(Number(current)), exact.fromDecimal(Number(previous)));
  const text = exact.toFixedHalfUp(diff, d);
  return diff.n > 0n ? `+${text}` : text;
}

/** A signed difference text in the locale's separators ("+12,35", "−0,01"). */
export function signedPointsText(text: string, locale: Locale): string {
  const neg = text.startsWith("-");
  const body = formatPoints(text.replace(/^[+-]/, ""), locale, true);
  return neg ? `−${body}` : text.startsWith("+") ? `+${body}` : body;
}
