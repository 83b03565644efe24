// The official working-day calendar: which local dates are working days, and deadlines counted in working days
// (the error-report and disclosure-request checks). Never falls back to Mon–Fri for a year it does not know.
import { addDays, isWeekend, parseIsoDate } from './dates.ts';
import { CalendarNotCoveredError } from './errors.ts';
import { officialSchedule } from './official.ts';
import { endOfLocalDay, localDate } from './timezone.ts';
import { calendarConfigSchema, type CalendarConfig } from './config.ts';

export { CalendarNotCoveredError } from './errors.ts';

/** The calendar the checks receive (`CheckContext.calendar`). Dates are local `YYYY-MM-DD`. */
export interface WorkCalendar {
  /** Smallest and largest covered year (inclusive). Years between them may still be uncovered: ask `covers`. */
  readonly coveredYears: { from: number; to: number };
  /** Every covered year, ascending. */
  readonly years: readonly number[];
  /** Whether the calendar knows this local date's year (`YYYY-MM-DD`). */
  covers(date: string): boolean;
  /** Working day on the official calendar (holidays off, make-up days on). Throws CalendarNotCoveredError outside coverage. */
  isWorkday(date: string): boolean;
  /**
   * The `n`th working day after `date` (民法典 §201: counting starts the day after). `n = 0` returns `date`.
   * Throws CalendarNotCoveredError when the count runs into an uncovered year.
   */
  addWorkdays(date: string, n: number): string;
  /**
   * The end (23:59:59.999 local) of the `workdays`th working day after the local date of `from` in `timeZone`:
   * an answer at or before this instant is on time.
   */
  deadline(from: Date, workdays: number, timeZone: string): Date;
  /**
   * Working days elapsed from `from` to `to`, counted like `deadline`: the working days after the local date
   * of `from` up to and including the local date of `to` (same day: 0). Negative, counted the same way
   * backwards, when `to` is on an earlier local date. Whether an answer was on time is `to <= deadline(...)`,
   * not this count: an answer on the weekend after the last working day took no more working days but is late.
   */
  workdaysBetween(from: Date, to: Date, timeZone: string): number;
}

/** Official days added by the district config, `YYYY-MM-DD` (see `calendarConfigSchema`). */
export interface CalendarAdditions {
  holidays?: string[];
  workdays?: string[];
}

/**
 * Builds the calendar from the `chinese-days` package (official holidays and make-up working days, through 2026
 * in the pinned version) plus the config's additions, which win over the package for the same date.
 *
 * Coverage rule: a year is covered when the package has data for it OR the additions list at least one date
 * (holiday or working day) in it. A covered year's days not listed anywhere are working days Monday to Friday
 * and rest days on weekends. An uncovered year has no answer: `isWorkday` throws CalendarNotCoveredError.
 *
 * Throws an Error naming the offending value when an addition is not a real `YYYY-MM-DD` date or a date is
 * listed both as holiday and as working day.
 */
export function createCalendar(additions: CalendarAdditions = {}): WorkCalendar {
  const parsed = calendarConfigSchema.safeParse(additions);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`calendar.${issue.path.join('.')}: ${issue.message}`);
  }
  return new OfficialCalendar(parsed.data);
}

class OfficialCalendar implements WorkCalendar {
  readonly coveredYears: { from: number; to: number };
  readonly years: readonly number[];
  private readonly extraHolidays: ReadonlySet<string>;
  private readonly extraWorkdays: ReadonlySet<string>;
  private readonly yearSet: ReadonlySet<number>;

  constructor(config: CalendarConfig) {
    this.extraHolidays = new Set(config.holidays);
    this.extraWorkdays = new Set(config.workdays);
    const years = new Set(officialSchedule().keys());
    for (const d of [...config.holidays, ...config.workdays]) years.add(parseIsoDate(d).year);
    this.yearSet = years;
    this.years = [...years].sort((a, b) => a - b);
    this.coveredYears = { from: this.years[0], to: this.years[this.years.length - 1] };
  }

  covers(date: string): boolean {
    return this.yearSet.has(parseIsoDate(date).year);
  }

  isWorkday(date: string): boolean {
    const { year } = parseIsoDate(date);
    if (!this.yearSet.has(year)) throw new CalendarNotCoveredError(date, year);
    if (this.extraWorkdays.has(date)) return true;
    if (this.extraHolidays.has(date)) return false;
    const official = officialSchedule().get(year);
    if (official?.makeUpWorkdays.has(date)) return true;
    if (official?.holidays.has(date)) return false;
    return !isWeekend(date);
  }

  addWorkdays(date: string, n: number): string {
    assertCount(n, 'n');
    let day = date;
    parseIsoDate(day);
    for (let left = n; left > 0; ) {
      day = addDays(day, 1);
      if (this.isWorkday(day)) left--;
    }
    return day;
  }

  deadline(from: Date, workdays: number, timeZone: string): Date {
    assertCount(workdays, 'workdays');
    return endOfLocalDay(this.addWorkdays(localDate(from, timeZone), workdays), timeZone);
  }

  workdaysBetween(from: Date, to: Date, timeZone: string): number {
    const start = localDate(from, timeZone);
    const end = localDate(to, timeZone);
    if (end < start) return -this.countAfter(end, start);
    return this.countAfter(start, end);
  }

  /** Working days d with start < d <= end. */
  private countAfter(start: string, end: string): number {
    let count = 0;
    for (let day = addDays(start, 1); day <= end; day = addDays(day, 1)) if (this.isWorkday(day)) count++;
    return count;
  }
}

function assertCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${n}`);
}
