// Civil dates as `YYYY-MM-DD` strings: validation and day arithmetic, independent of any time zone.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** A calendar date split into numbers (month 1–12). */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Milliseconds of the UTC midnight of a civil date (valid for years 1–9999, unlike `Date.UTC`'s 0–99 quirk). */
export function civilToUtcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** Parses a `YYYY-MM-DD` string that names a real day (no 02-30); throws a RangeError naming the value otherwise. */
export function parseIsoDate(date: string): CivilDate {
  const m = ISO_DATE.exec(date);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day };
  }
  throw new RangeError(`not a valid date (expected YYYY-MM-DD): ${JSON.stringify(date)}`);
}

/** Whether `date` is a valid `YYYY-MM-DD` day. */
export function isIsoDate(date: string): boolean {
  try {
    parseIsoDate(date);
    return true;
  } catch {
    return false;
  }
}

/** Formats numbers as `YYYY-MM-DD`; throws a RangeError for years outside 1–9999. */
export function formatIsoDate(year: number, month: number, day: number): string {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`year out of range 1–9999: ${year}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date `n` days after (negative: before) `date`. */
export function addDays(date: string, n: number): string {
  const { year, month, day } = parseIsoDate(date);
  const d = new Date(civilToUtcMs(year, month, day) + n * DAY_MS);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const { year, month, day } = parseIsoDate(date);
  return new Date(civilToUtcMs(year, month, day)).getUTCDay();
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const w = dayOfWeek(date);
  return w === 0 || w === 6;
}

function daysInMonth(year: number, month: number): number {
  return new Date(civilToUtcMs(year, month + 1, 1) - DAY_MS).getUTCDate();
}
