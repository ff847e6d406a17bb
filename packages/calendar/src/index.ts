/**
 * The platform's one calendar. Every date and deadline rule lives here, and the API and both web apps
 * ask it: what day it is in Vietnam, whether a typed date exists, how many days are left to a deadline,
 * when the yearly report is due, what a decision number and a decision date must be.
 *
 * Days are ISO strings (yyyy-mm-dd) naming a calendar day in Vietnam; instants are `Date`s.
 */

/** Vietnam's time zone (UTC+7 all year: no daylight saving). */
export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** A calendar day as yyyy-mm-dd. */
export type IsoDay = string;

const dayParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: VIETNAM_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function partsInVietnam(instant: Date): Record<"year" | "month" | "day" | "hour" | "minute", string> {
  const out = { year: "", month: "", day: "", hour: "", minute: "" };
  for (const p of dayParts.formatToParts(instant)) {
    if (p.type in out) out[p.type as keyof typeof out] = p.value;
  }
  return out;
}

/** The calendar day of an instant in Vietnam, as yyyy-mm-dd. */
export function vietnamDay(instant: Date): IsoDay {
  const p = partsInVietnam(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The day in Vietnam now (or at `now`). */
export function vietnamToday(now: Date = new Date()): IsoDay {
  return vietnamDay(now);
}

/** The year in Vietnam now (or at `now`): "this year" for every year selector and default. */
export function vietnamYear(now: Date = new Date()): number {
  return Number(partsInVietnam(now).year);
}

/** An instant's time of day in Vietnam as HH:mm ("Đã lưu lúc 10:42"); "—" for nonsense. */
export function formatVietnameseTime(d: Date): string {
  if (Number.isNaN(d.getTime())) return "—";
  const p = partsInVietnam(d);
  return `${p.hour}:${p.minute}`;
}

/** An ISO day (yyyy-mm-dd) that exists: no 30/02, 29/02 only in leap years. The one ISO-date rule. */
export function isIsoDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The ISO day as a `Date` at 00:00 UTC (how the database stores a `@db.Date`), or null when no such day. */
export function isoDayToDate(s: string): Date | null {
  return isIsoDay(s) ? new Date(`${s}T00:00:00Z`) : null;
}

/** A `@db.Date` (00:00 UTC of the day) or an ISO string back to yyyy-mm-dd. */
export function dateToIsoDay(d: Date | string): IsoDay {
  if (typeof d !== "string" && Number.isNaN(d.getTime())) throw new RangeError("not a date: Invalid Date");
  return (typeof d === "string" ? d : d.toISOString()).slice(0, 10);
}

/**
 * A date as Vietnamese staff type it, dd/mm/yyyy, with "/", "." or "-" between the parts ("14/02/2025",
 * "14.2.2025"); `format` when it is not in that shape, `invalid` when there is no such day.
 */
export function parseVietnameseDate(s: string): { iso: IsoDay } | { error: "format" | "invalid" } {
  const m = /^\s*(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})\s*$/.exec(s);
  if (!m) return { error: "format" };
  const iso = `${m[4]}-${m[3]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  return isIsoDay(iso) ? { iso } : { error: "invalid" };
}

/** yyyy-mm-dd → dd/mm/yyyy; an instant → its day in Vietnam as dd/mm/yyyy; "—" for nothing or nonsense. */
export function formatVietnameseDate(d: IsoDay | Date | null | undefined): string {
  if (d === null || d === undefined) return "—";
  let iso: string;
  if (typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d)) iso = d;
  else {
    const x = typeof d === "string" ? new Date(d) : d;
    if (Number.isNaN(x.getTime())) return "—";
    iso = vietnamDay(x);
  }
  const [y, m, day] = iso.split("-");
  return `${day}/${m}/${y}`;
}

/** An instant as dd/mm/yyyy HH:mm in Vietnam; "—" for nothing or nonsense. */
export function formatVietnameseDateTime(d: string | Date | null | undefined): string {
  if (d === null || d === undefined) return "—";
  const x = typeof d === "string" ? new Date(d) : d;
  if (Number.isNaN(x.getTime())) return "—";
  const p = partsInVietnam(x);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Whole days from one ISO day to another (negative when `to` is earlier). */
export function daysBetween(from: IsoDay, to: IsoDay): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The instant a day ends in Vietnam: a deadline "dd/mm" is met by anything before it. */
export function endOfVietnamDay(day: IsoDay): Date {
  return new Date(Date.parse(`${day}T00:00:00+07:00`) + 86_400_000);
}

/** Where a deadline stands today. */
export type DeadlineState = "OPEN" | "DUE_TODAY" | "OVERDUE";

export interface Deadline {
  /** The last day, yyyy-mm-dd (inclusive: work done during that day in Vietnam is on time). */
  date: IsoDay;
  /** Whole days left: 1 = due tomorrow, 0 = due today, negative = days overdue. */
  daysLeft: number;
  state: DeadlineState;
}

/** The one rule of days left: a deadline is its whole last day in Vietnam. */
export function deadline(due: IsoDay | Date, now: Date = new Date()): Deadline {
  const date = typeof due === "string" ? due : dateToIsoDay(due);
  if (!isIsoDay(date)) throw new RangeError(`not a calendar day: ${date}`);
  const daysLeft = daysBetween(vietnamToday(now), date);
  return { date, daysLeft, state: daysLeft > 0 ? "OPEN" : daysLeft === 0 ? "DUE_TODAY" : "OVERDUE" };
}

/** Whether an instant is after the deadline day (late), by the same rule. */
export function isLate(due: IsoDay | Date, at: Date): boolean {
  const day = typeof due === "string" ? due : dateToIsoDay(due);
  // A comparison with NaN is false: an unreadable date must not pass as "on time".
  if (!isIsoDay(day) || Number.isNaN(at.getTime())) throw new RangeError(`cannot judge lateness of ${day} at ${at}`);
  return at.getTime() >= endOfVietnamDay(typeof due === "string" ? due : dateToIsoDay(due)).getTime();
}

/** The years the platform runs rounds and reports for: the one year rule of rounds, reports and deadlines. */
export const PLATFORM_YEARS = { first: 2024, last: 2100 } as const;

export function isPlatformYear(year: number): boolean {
  return Number.isInteger(year) && year >= PLATFORM_YEARS.first && year <= PLATFORM_YEARS.last;
}

function requirePlatformYear(year: number): void {
  if (!isPlatformYear(year))
    throw new RangeError(`year ${year} is outside ${PLATFORM_YEARS.first}–${PLATFORM_YEARS.last}`);
}

/** The yearly report to the ministry is due before 25 December of the year, Vietnam time. */
export function reportDeadline(year: number): Date {
  requirePlatformYear(year);
  return new Date(Date.parse(`${year}-12-25T00:00:00+07:00`));
}

/** The last day of the yearly report (24/12), for display and days left. */
export function reportLastDay(year: number): IsoDay {
  requirePlatformYear(year);
  return `${year}-12-24`;
}

/** Why a decision date is refused: `invalid` (no such day) or `future` (after today in Vietnam). */
export function decisionDateProblem(iso: string, now: Date = new Date()): "invalid" | "future" | null {
  if (!isIsoDay(iso)) return "invalid";
  return iso > vietnamToday(now) ? "future" : null;
}

/** A decision number such as "215/QĐ-UBND", trimmed; null when shorter than three characters. */
export function decisionNumber(s: string): string | null {
  const n = s.trim();
  return n.length >= 3 ? n : null;
}

/** A decision as staff type it (number, dd/mm/yyyy day), read by the rules above: what is wrong with each part. */
export interface TypedDecision {
  /** The trimmed number, or null when too short. */
  number: string | null;
  /** The day as yyyy-mm-dd when it is a real day not after today, else null. */
  iso: IsoDay | null;
  numberProblem: "short" | null;
  dateProblem: "format" | "invalid" | "future" | null;
}

export function readTypedDecision(number: string, day: string, now: Date = new Date()): TypedDecision {
  const n = decisionNumber(number);
  const parsed = parseVietnameseDate(day);
  const dateProblem = "error" in parsed ? parsed.error : decisionDateProblem(parsed.iso, now);
  return {
    number: n,
    iso: "iso" in parsed && dateProblem === null ? parsed.iso : null,
    numberProblem: n === null ? "short" : null,
    dateProblem,
  };
}
