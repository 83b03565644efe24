// Ages such as `2w` or `6m` (config) turned into the cut-off date an item must reach to count as fresh, and
// whole days between two local dates.
import { addDays, civilToUtcMs, formatIsoDate, parseIsoDate } from '../../calendar/dates.ts';

/** A parsed age: `n` units of days, weeks, calendar months or years. */
export interface Age {
  n: number;
  unit: 'd' | 'w' | 'm' | 'y';
}

/** Parses `14d`, `2w`, `6m`, `1y`; throws a RangeError naming the value otherwise. */
export function parseAge(text: string): Age {
  const m = /^([1-9]\d{0,3})([dwmy])$/.exec(text);
  if (!m) throw new RangeError(`not an age (e.g. 2w, 6m): ${JSON.stringify(text)}`);
  return { n: Number(m[1]), unit: m[2] as Age['unit'] };
}

/**
 * The oldest date still within `age` of `today` (both `YYYY-MM-DD`): an item dated on or after it is fresh,
 * one dated before it is stale. Months and years go back on the calendar, the day clamped to the month's end
 * (6 months before 2026-08-31 is 2026-02-28).
 */
export function cutoffDate(today: string, age: Age): string {
  if (age.unit === 'd') return addDays(today, -age.n);
  if (age.unit === 'w') return addDays(today, -7 * age.n);
  const months = age.unit === 'm' ? age.n : 12 * age.n;
  const { year, month, day } = parseIsoDate(today);
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const mo = (index % 12) + 1;
  const last = new Date(civilToUtcMs(y, mo + 1, 1) - 86_400_000).getUTCDate();
  return formatIsoDate(y, mo, Math.min(day, last));
}

/** Whole days from `from` to `to` (`YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return Math.round((civilToUtcMs(b.year, b.month, b.day) - civilToUtcMs(a.year, a.month, a.day)) / 86_400_000);
}
