/** Checks of user input shared by the services; each problem names its field. Date rules are @cds/calendar's. */
import { decisionDateProblem, decisionNumber, isoDayToDate, isPlatformYear, PLATFORM_YEARS } from "@cds/calendar";
import { InputError, type FieldIssue } from "../errors.ts";

/** A year of rounds and reports (the calendar's rule), or an issue naming `field`. */
export function checkYear(field: string, year: number, issues: FieldIssue[]): void {
  if (!isPlatformYear(year)) {
    issues.push({
      field,
      message: `năm không hợp lệ (${PLATFORM_YEARS.first}–${PLATFORM_YEARS.last})`,
      messageEn: `invalid year (${PLATFORM_YEARS.first}–${PLATFORM_YEARS.last})`,
    });
  }
}

/** `checkYear` for a query argument: throws the InputError at once. */
export function requireYear(field: string, year: number): number {
  const issues: FieldIssue[] = [];
  checkYear(field, year, issues);
  if (issues.length > 0) throw new InputError(issues);
  return year;
}

/** A calendar date given as yyyy-mm-dd that exists, or null with an issue for `field`. */
export function parseIsoDate(
  field: string,
  s: string,
  issues: FieldIssue[],
  vi = "ngày không hợp lệ (dd/mm/yyyy)",
  en = "invalid date",
): Date | null {
  const d = isoDayToDate(s);
  if (!d) issues.push({ field, message: vi, messageEn: en });
  return d;
}

/** The date of a decision (publication, recognition): a real day, and not after today in Vietnam. */
function parseDecisionDate(field: string, s: string, now: Date, issues: FieldIssue[]): Date | null {
  const problem = decisionDateProblem(s, now);
  if (problem === "invalid") {
    issues.push({ field, message: "Ngày quyết định không hợp lệ (dd/mm/yyyy)", messageEn: "Invalid decision date" });
    return null;
  }
  if (problem === "future") {
    issues.push({
      field,
      message: "Ngày quyết định không được sau hôm nay",
      messageEn: "The decision date cannot be after today",
    });
    return null;
  }
  return isoDayToDate(s);
}

/** A decision number such as "215/QĐ-UBND": trimmed, at least three characters. */
export function parseDecisionNumber(field: string, s: string, issues: FieldIssue[], vi: string, en: string): string {
  const n = decisionNumber(s);
  if (n === null) issues.push({ field, message: vi, messageEn: en });
  return n ?? s.trim();
}

/**
 * A decision's number and date (a set's publication, a recognition); InputError naming every problem.
 * `missingNumber` says, in Vietnamese and English, what number is asked for.
 */
export function parseDecision(
  input: { decisionNumber: string; decisionDate: string; now: Date },
  missingNumber: readonly [string, string],
): { decisionNumber: string; date: Date } {
  const issues: FieldIssue[] = [];
  const decisionNumber = parseDecisionNumber("decisionNumber", input.decisionNumber, issues, ...missingNumber);
  const date = parseDecisionDate("decisionDate", input.decisionDate, input.now, issues);
  if (issues.length > 0 || !date) throw new InputError(issues);
  return { decisionNumber, date };
}
