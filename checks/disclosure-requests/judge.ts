// Judges one disclosure request against its statutory deadline (政府信息公开条例 2019 art. 33): N working days
// counted from the day after 收到申请时间 (民法典 §201) on the official calendar, plus the days the clock stood still
// (补正 art. 30, third-party consultation art. 32: 补正及征求意见天数), plus the extension when the applicant was told
// of it before the first deadline ran out (an extension notified later is ignored, and said so).
import { addDays } from '../../calendar/dates.ts';
import { localDate, toOffsetIso } from '../../calendar/timezone.ts';
import { CalendarNotCoveredError, type WorkCalendar } from '../../calendar/workdays.ts';
import type { DisclosureRequest } from '../../contract/artifacts/disclosure-requests.ts';
import type { DisclosureRequestRules } from '../../config/checks/disclosure-requests.ts';

/** Where a request stands as of the audit. */
export type RequestOutcome =
  /** Answered at or before the deadline. */
  | 'on-time'
  /** Answered after the deadline. */
  | 'overdue'
  /** Deadline passed without an answer. */
  | 'unanswered'
  /** No answer yet; the deadline is within the "due soon" horizon. */
  | 'due-soon'
  /** No answer yet; the deadline is further away. */
  | 'not-yet-due'
  /** A date the working-day calendar does not cover. */
  | 'not-measured'
  /** Received before the judged period, or after the audit's clock: not counted. */
  | 'excluded';

/** What became of the record's 延期告知时间. */
export type ExtensionUse =
  /** Not extended (or the notice is later than the audit's clock). */
  | 'none'
  /** Notified on or before the first deadline: the extension counts. */
  | 'applied'
  /** Notified after the first deadline had passed: ignored. */
  | 'too-late';

export interface DeadlineParts {
  /** Working days allowed in all: base + suspended + (extension when applied). */
  workdays: number;
  /** End of the last working day before any extension (ISO with offset). */
  firstDeadline: string;
  /** End of the last working day to answer (ISO with offset). */
  deadline: string;
  extension: ExtensionUse;
}

export interface JudgedRequest {
  request: DisclosureRequest;
  outcome: RequestOutcome;
  parts: DeadlineParts | null;
  /** The answer's time when it came before the audit's clock (a later one does not count yet). */
  answeredAt: string | null;
  /** Working days from receipt to the answer, or to the audit for a request still open (suspended days included). */
  workdaysTaken: number | null;
  /** Working days left until the deadline, for an open request not yet due. */
  workdaysLeft?: number;
  /** Why it was not measured or excluded. */
  reason?: 'calendar-not-covered' | 'before-window' | 'after-now';
  /** The date (and its year) the calendar does not cover, when that is what stopped the count. */
  notCovered?: { date: string; year: number };
}

export interface RequestJudgeOptions {
  now: Date;
  timezone: string;
  calendar: WorkCalendar;
  rules: Pick<DisclosureRequestRules, 'deadlineWorkdays' | 'extensionWorkdays' | 'dueSoonWorkdays'>;
  /** Requests received on an earlier local date are excluded. `YYYY-MM-DD`. */
  windowStart: string;
}

/** The first local date of the judged period: `windowDays` days before the audit's local date. */
export function requestWindowStart(now: Date, timezone: string, windowDays: number): string {
  return addDays(localDate(now, timezone), -windowDays);
}

/**
 * The deadline of a request: end of the (base + suspended)th working day after receipt, moved by the extension when
 * `extendedAt` is on or before that first deadline (and not after `now`). Throws CalendarNotCoveredError.
 */
export function requestDeadline(request: DisclosureRequest, opts: Pick<RequestJudgeOptions, 'now' | 'timezone' | 'calendar' | 'rules'>): DeadlineParts {
  const { calendar, timezone, rules } = opts;
  const received = new Date(request.receivedAt);
  const base = rules.deadlineWorkdays + request.suspendedDays;
  const first = calendar.deadline(received, base, timezone);
  const notified = request.extendedAt && new Date(request.extendedAt) <= opts.now ? new Date(request.extendedAt) : null;
  const extension: ExtensionUse = !notified ? 'none' : notified <= first ? 'applied' : 'too-late';
  const workdays = base + (extension === 'applied' ? rules.extensionWorkdays : 0);
  const deadline = workdays === base ? first : calendar.deadline(received, workdays, timezone);
  return { workdays, firstDeadline: toOffsetIso(first, timezone), deadline: toOffsetIso(deadline, timezone), extension };
}

/** Judges one request. Never throws for a calendar gap: the request comes back `not-measured` with `notCovered`. */
export function judgeRequest(request: DisclosureRequest, opts: RequestJudgeOptions): JudgedRequest {
  const { now, timezone, calendar } = opts;
  const received = new Date(request.receivedAt);
  const base: JudgedRequest = { request, outcome: 'not-measured', parts: null, answeredAt: null, workdaysTaken: null };
  if (received > now) return { ...base, outcome: 'excluded', reason: 'after-now' };
  if (localDate(received, timezone) < opts.windowStart) return { ...base, outcome: 'excluded', reason: 'before-window' };

  const answered = request.answeredAt && new Date(request.answeredAt) <= now ? new Date(request.answeredAt) : null;
  const answeredAt = answered ? request.answeredAt : null;
  let parts: DeadlineParts;
  try {
    parts = requestDeadline(request, opts);
  } catch (e) {
    if (e instanceof CalendarNotCoveredError) return { ...base, answeredAt, reason: 'calendar-not-covered', notCovered: { date: e.date, year: e.year } };
    throw e;
  }
  const judged: JudgedRequest = { ...base, parts, answeredAt };
  try {
    judged.workdaysTaken = calendar.workdaysBetween(received, answered ?? now, timezone);
  } catch (e) {
    if (!(e instanceof CalendarNotCoveredError)) throw e;
    judged.notCovered = { date: e.date, year: e.year };
  }
  const deadline = new Date(parts.deadline);
  if (answered) return { ...judged, outcome: answered <= deadline ? 'on-time' : 'overdue' };
  if (now > deadline) return { ...judged, outcome: 'unanswered' };
  try {
    const left = calendar.workdaysBetween(now, deadline, timezone);
    return { ...judged, outcome: left <= opts.rules.dueSoonWorkdays ? 'due-soon' : 'not-yet-due', workdaysLeft: left };
  } catch (e) {
    if (!(e instanceof CalendarNotCoveredError)) throw e;
    return { ...judged, outcome: 'not-yet-due', notCovered: judged.notCovered ?? { date: e.date, year: e.year } };
  }
}
