/** Checks of user input shared by the services; each problem names its field. */
import type { FieldIssue } from "../errors.ts";

/** The API's one ISO-date rule: yyyy-mm-dd naming a day that exists (no 30/02; 29/02 only in leap years), or null. */
export function isoDate(s: string): Date | null {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00Z`) : null;
  return d && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? d : null;
}

/** A calendar date given as yyyy-mm-dd that exists, or null with an issue for `field`. */
export function parseIsoDate(
  field: string,
  s: string,
  issues: FieldIssue[],
  vi = "ngày không hợp lệ (dd/mm/yyyy)",
  en = "invalid date",
): Date | null {
  const d = isoDate(s);
  if (!d) issues.push({ field, message: vi, messageEn: en });
  return d;
}

/** The date of a decision (publication, recognition): a real day, and not after today in Vietnam. */
export function parseDecisionDate(field: string, s: string, now: Date, issues: FieldIssue[]): Date | null {
  const d = parseIsoDate(field, s, issues, "Ngày quyết định không hợp lệ (dd/mm/yyyy)", "Invalid decision date");
  if (d && s > vietnamToday(now)) {
    issues.push({
      field,
      message: "Ngày quyết định không được sau hôm nay",
      messageEn: "The decision date cannot be after today",
    });
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
