/** Checks of user input shared by the services; each problem names its field. */
import type { FieldIssue } from "../errors.ts";

/** A calendar date given as yyyy-mm-dd that exists (no 30/02), or null with an issue for `field`. */
export function parseIsoDate(field: string, s: string, issues: FieldIssue[], vi = "ngày không hợp lệ (dd/mm/yyyy)", en = "invalid date"): Date | null {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00Z`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
    issues.push({ field, message: vi, messageEn: en });
    return null;
  }
  return d;
}

/** A decision number such as "215/QĐ-UBND": trimmed, at least three characters. */
export function parseDecisionNumber(field: string, s: string, issues: FieldIssue[], vi: string, en: string): string {
  const n = s.trim();
  if (n.length < 3) issues.push({ field, message: vi, messageEn: en });
  return n;
}

/** Today's calendar date in Vietnam (UTC+7), as yyyy-mm-dd. */
export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
