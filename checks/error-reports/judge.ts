// Judges one error report against the working-day deadline (泉鲤政办〔2018〕77号 item 21): the clock starts at
// 转办时间 (留言时间 when the platform recorded no forwarding), counting begins the next day (民法典 §201), and the
// deadline is the end of the Nth working day on the official calendar, in the district's time zone.
import { addDays } from '../../calendar/dates.ts';
import { localDate, toOffsetIso } from '../../calendar/timezone.ts';
import { CalendarNotCoveredError, type WorkCalendar } from '../../calendar/workdays.ts';
import type { ErrorReport } from '../../contract/artifacts/error-reports.ts';

/** Where a report stands as of the audit. */
export type ReportOutcome =
  /** Answered at or before the deadline. */
  | 'on-time'
  /** Answered after the deadline. */
  | 'overdue'
  /** Deadline passed without an answer. */
  | 'unanswered'
  /** No answer yet; the deadline is today or the next working day. */
  | 'due-soon'
  /** No answer yet; the deadline is further away. */
  | 'not-yet-due'
  /** No start time, or a date the working-day calendar does not cover. */
  | 'not-measured'
  /** Started before the judged period, or after the audit's clock: not counted. */
  | 'excluded';

export interface JudgedReport {
  report: ErrorReport;
  outcome: ReportOutcome;
  /** When the clock started (ISO with the district's offset) and from which field. */
  start: string | null;
  startField: 'forwardedAt' | 'submittedAt' | null;
  /** End of the last working day to answer (ISO with offset). */
  deadline: string | null;
  /** The answer's time when it came before the audit's clock (a later one does not count yet). */
  answeredAt: string | null;
  /** Working days from the start to the answer, or to the audit for a report still open. */
  workdaysTaken: number | null;
  /** For `due-soon`: the deadline is today. */
  dueToday?: boolean;
  /** Why it was not measured or excluded. */
  reason?: 'no-start-time' | 'calendar-not-covered' | 'before-window' | 'after-now';
  /** The date (and its year) the calendar does not cover, when that is what stopped the count. */
  notCovered?: { date: string; year: number };
}

export interface JudgeOptions {
  now: Date;
  timezone: string;
  calendar: WorkCalendar;
  deadlineWorkdays: number;
  /** Reports whose clock started on an earlier local date are excluded. `YYYY-MM-DD`. */
  windowStart: string;
}

/** The first local date of the judged period: `windowDays` days before the audit's local date. */
export function windowStartDate(now: Date, timezone: string, windowDays: number): string {
  return addDays(localDate(now, timezone), -windowDays);
}

/** Judges one report. Never throws for a calendar gap: the report comes back `not-measured` with `notCovered`. */
export function judgeReport(report: ErrorReport, opts: JudgeOptions): JudgedReport {
  const { now, timezone, calendar } = opts;
  const startField = report.forwardedAt ? 'forwardedAt' : report.submittedAt ? 'submittedAt' : null;
  const start = startField ? report[startField] : null;
  const base: JudgedReport = { report, outcome: 'not-measured', start, startField, deadline: null, answeredAt: null, workdaysTaken: null };
  if (!start) return { ...base, reason: 'no-start-time' };
  const startAt = new Date(start);
  if (startAt > now) return { ...base, outcome: 'excluded', reason: 'after-now' };
  if (localDate(startAt, timezone) < opts.windowStart) return { ...base, outcome: 'excluded', reason: 'before-window' };

  const answered = report.answeredAt && new Date(report.answeredAt) <= now ? new Date(report.answeredAt) : null;
  const answeredAt = answered ? report.answeredAt : null;
  let deadline: Date;
  try {
    deadline = calendar.deadline(startAt, opts.deadlineWorkdays, timezone);
  } catch (e) {
    if (e instanceof CalendarNotCoveredError) return { ...base, answeredAt, reason: 'calendar-not-covered', notCovered: { date: e.date, year: e.year } };
    throw e;
  }
  const judged: JudgedReport = { ...base, deadline: toOffsetIso(deadline, timezone), answeredAt };
  try {
    judged.workdaysTaken = calendar.workdaysBetween(startAt, answered ?? now, timezone);
  } catch (e) {
    if (!(e instanceof CalendarNotCoveredError)) throw e;
    judged.notCovered = { date: e.date, year: e.year };
  }
  if (answered) return { ...judged, outcome: answered <= deadline ? 'on-time' : 'overdue' };
  if (now > deadline) return { ...judged, outcome: 'unanswered' };
  const due = localDate(deadline, timezone);
  const today = localDate(now, timezone);
  if (due === today) return { ...judged, outcome: 'due-soon', dueToday: true };
  if (due === nextWorkday(calendar, today)) return { ...judged, outcome: 'due-soon', dueToday: false };
  return { ...judged, outcome: 'not-yet-due' };
}

/** The working day after `date`, or null when the calendar cannot say. */
function nextWorkday(calendar: WorkCalendar, date: string): string | null {
  try {
    return calendar.addWorkdays(date, 1);
  } catch (e) {
    if (e instanceof CalendarNotCoveredError) return null;
    throw e;
  }
}
