/**
 * Vietnamese formats as a civil servant writes them: 1.234,5 for numbers,
 * dd/mm/yyyy for dates in tables, and "ngày 05 tháng 12 năm 2026" in the
 * header (Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần II, địa danh và thời gian: a day below 10 and
 * the months 1 and 2 take a leading zero).
 */

export type Level = 1 | 2 | 3 | 4 | 5;

export const LEVEL_NAMES: Readonly<Record<Level, string>> = {
  1: "Khởi động",
  2: "Kết nối",
  3: "Cơ bản",
  4: "Nâng cao",
  5: "Toàn diện",
};

/** "Mức 3 (Cơ bản)"; null means the unit reached no level. */
export function formatLevel(level: Level | null | undefined): string {
  if (level === null || level === undefined) return "Chưa đạt Mức 1";
  return `Mức ${level} (${LEVEL_NAMES[level]})`;
}

/** Thrown when an input field cannot be read; the message names the field. */
export class DocumentInputError extends Error {
  override readonly name = "DocumentInputError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

function roundTo(value: number, decimals: number): number {
  // Shift by the exponent, not by multiplying, so 1.005 rounds to 1.01.
  const shifted = Math.round(Number(`${Math.abs(value)}e${decimals}`));
  return Math.sign(value) * Number(`${shifted}e-${decimals}`);
}

/**
 * 1234.5 → "1.234,5". With `decimals` the number is rounded and padded to
 * exactly that many places (825.6 with 2 → "825,60"); without, at most
 * `maxDecimals` (default 2) places are shown and trailing zeros dropped.
 */
export function formatNumber(value: number, options: { decimals?: number; maxDecimals?: number } = {}): string {
  if (!Number.isFinite(value)) throw new DocumentInputError("number", `not a finite number: ${value}`);
  const places = options.decimals ?? options.maxDecimals ?? 2;
  const rounded = roundTo(value, places);
  let [int = "0", frac = ""] = Math.abs(rounded).toFixed(places).split(".");
  if (options.decimals === undefined) frac = frac.replace(/0+$/, "");
  int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const sign = rounded < 0 ? "-" : "";
  return frac ? `${sign}${int},${frac}` : `${sign}${int}`;
}

/** 45 of 50 → "90,0%" (one decimal unless told otherwise); 0 of 0 → "-". */
export function formatPercent(numerator: number, denominator: number, decimals = 1): string {
  if (denominator === 0) return "-";
  return `${formatNumber((numerator / denominator) * 100, { decimals })}%`;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Reads "yyyy-mm-dd" (a calendar date, no time zone involved). */
export function parseDate(value: string, field: string): CalendarDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new DocumentInputError(field, `expected a date as yyyy-mm-dd, got "${value}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new DocumentInputError(field, `no such date: "${value}"`);
  }
  return { year, month, day };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "2026-12-05" → "05/12/2026". */
export function formatDate(value: string, field = "date"): string {
  const d = parseDate(value, field);
  return `${pad2(d.day)}/${pad2(d.month)}/${d.year}`;
}

/**
 * "ngày 05 tháng 12 năm 2026" as the decree writes it. Without a date the
 * day and month are left blank for the clerk to fill when the document is
 * signed; the year is still printed.
 */
export function formatLongDate(value: string | undefined, year: number, field = "date"): string {
  if (value === undefined) return `ngày      tháng      năm ${year}`;
  const d = parseDate(value, field);
  const day = d.day < 10 ? pad2(d.day) : String(d.day);
  const month = d.month <= 2 ? pad2(d.month) : String(d.month);
  return `ngày ${day} tháng ${month} năm ${d.year}`;
}

/** "08:30" → "08 giờ 30 phút". */
export function formatTime(value: string, field = "time"): string {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    throw new DocumentInputError(field, `expected a time as hh:mm, got "${value}"`);
  }
  return `${m[1]} giờ ${m[2]} phút`;
}
