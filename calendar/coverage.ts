// Whether the official working-day calendar reaches far enough ahead: deadlines counted in working days from a
// record received today may end weeks later, and a year the calendar does not know cannot be judged. Without next
// year's State Council holiday notice (in the shipped package or the config's `calendar`), the center is warned —
// by `govaudit status`, the dashboard and a daily notification — while there is still time to add it.
import { addDays } from './dates.ts';
import { localDate } from './timezone.ts';
import { createCalendar, type CalendarAdditions } from './workdays.ts';

export interface CalendarGap {
  /** The first local date within the horizon the calendar does not cover. */
  firstUncovered: string;
  /** Its year. */
  year: number;
  /** Days from today to that date (0 = today). */
  inDays: number;
  /** The horizon asked about, in days. */
  horizonDays: number;
}

/** The first uncovered local date within `horizonDays` of `now` (in `timeZone`), or null when all are covered. */
export function calendarGap(additions: CalendarAdditions, now: Date, timeZone: string, horizonDays: number): CalendarGap | null {
  const calendar = createCalendar(additions);
  const today = localDate(now, timeZone);
  for (let i = 0; i <= horizonDays; i++) {
    const date = addDays(today, i);
    if (!calendar.covers(date)) return { firstUncovered: date, year: Number(date.slice(0, 4)), inDays: i, horizonDays };
    // covered years are whole years: jump to the next 1 January
    const nextYear = `${Number(date.slice(0, 4)) + 1}-01-01`;
    while (i < horizonDays && addDays(today, i + 1) < nextYear) i++;
  }
  return null;
}

/** The warning in Chinese, for the center (status, dashboard, notification). */
export function calendarGapText(gap: CalendarGap): string {
  const when = gap.inDays === 0 ? '今天' : `${gap.inDays} 天后（${gap.firstUncovered}）`;
  return `工作日历尚未包含 ${gap.year} 年的法定节假日安排：${when}起的答复期限无法按工作日计算。请在国务院办公厅发布 ${gap.year} 年部分节假日安排的通知后，将放假日期和调休上班日期加入配置 calendar.holidays / calendar.workdays（或升级程序）。`;
}
