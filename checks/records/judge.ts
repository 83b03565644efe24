// The one judge of records with a statutory deadline, whatever their kind (the kind's `clock` says which fields hold
// the facts): the clock starts at the first present start time and counting begins the next day (民法典 §201); the
// deadline is the end of the Nth working day on the official calendar, in the district's time zone, where N is the
// working days allowed plus the days the clock stood still (补正, third-party consultation: 政府信息公开条例 arts. 30,
// 32), plus the extension when the applicant was told of it before the first deadline ran out (art. 33; one notified
// later is ignored, and said so). A kind without those fields has neither.
import { addDays } from '../../calendar/dates.ts';
import { localDate, toOffsetIso } from '../../calendar/timezone.ts';
import { CalendarNotCoveredError, type WorkCalendar } from '../../calendar/workdays.ts';
import type { AnyRecord, RecordKind } from '../../contract/records/kind.ts';

/** Where a record stands as of the audit. */
export type RecordOutcome =
  /** Answered at or before the deadline. */
  | 'on-time'
  /** Answered after the deadline. */
  | 'overdue'
  /** Deadline passed without an answer. */
  | 'unanswered'
  /** No answer yet; the deadline is within the kind's "due soon" horizon. */
  | 'due-soon'
  /** No answer yet; the deadline is further away. */
  | 'not-yet-due'
  /** No start time, or a date the working-day calendar does not cover. */
  | 'not-measured'
  /** Started before the judged period, or after the audit's clock: not counted. */
  | 'excluded';

/** What became of the record's extension notice (延期告知时间). */
export type ExtensionUse =
  /** Not extended (or the notice is later than the audit's clock, or the kind has no extension). */
  | 'none'
  /** Notified on or before the first deadline: the extension counts. */
  | 'applied'
  /** Notified after the first deadline had passed: ignored. */
  | 'too-late';

/** The numbers of a deadline rule (from the config's section for the kind). */
export interface DeadlineRules {
  /** Working days to answer. */
  deadlineWorkdays: number;
  /** Working days added by an extension notified in time (kinds with `clock.extendedAt`). */
  extensionWorkdays: number;
  /** An open record whose deadline is at most this many working days away is "due soon" (0: today only). */
  dueSoonWorkdays: number;
}

export interface DeadlineParts {
  /** Working days allowed in all: base + suspended + (extension when applied). */
  workdays: number;
  /** End of the last working day before any extension (ISO with offset). */
  firstDeadline: string;
  /** End of the last working day to answer (ISO with offset). */
  deadline: string;
  extension: ExtensionUse;
}

export interface JudgedRecord<R extends AnyRecord = AnyRecord> {
  record: R;
  outcome: RecordOutcome;
  /** When the clock started (ISO with the district's offset) and from which field. */
  start: string | null;
  startField: string | null;
  parts: DeadlineParts | null;
  /** End of the last working day to answer (`parts.deadline`), or null when it could not be computed. */
  deadline: string | null;
  /** The answer's time when it came before the audit's clock (a later one does not count yet). */
  answeredAt: string | null;
  /** Working days from the start to the answer, or to the audit for a record still open (suspended days included). */
  workdaysTaken: number | null;
  /** Working days left until the deadline, for an open record not yet past it (0: due today). */
  workdaysLeft?: number;
  /** Why it was not measured or excluded. */
  reason?: 'no-start-time' | 'calendar-not-covered' | 'before-window' | 'after-now';
  /** The date (and its year) the calendar does not cover, when that is what stopped the count. */
  notCovered?: { date: string; year: number };
}

export interface JudgeOptions {
  now: Date;
  timezone: string;
  calendar: WorkCalendar;
  rules: DeadlineRules;
  /** Records whose clock started on an earlier local date are excluded. `YYYY-MM-DD`. */
  windowStart: string;
}

/** The first local date of the judged period: `windowDays` days before the audit's local date. */
export function windowStartDate(now: Date, timezone: string, windowDays: number): string {
  return addDays(localDate(now, timezone), -windowDays);
}

/** The start time and the field it came from: the first of the kind's start fields that the record has. */
function clockStart(kind: Pick<RecordKind, 'clock'>, record: AnyRecord): { start: string | null; startField: string | null } {
  const startField = kind.clock.start.find((f) => typeof record[f] === 'string') ?? null;
  return { start: startField ? (record[startField] as string) : null, startField };
}

/** The instant in a time field, when the record has one no later than `now`. */
function timeBy(record: AnyRecord, field: string | undefined, now: Date): Date | null {
  const v = field ? record[field] : null;
  return typeof v === 'string' && new Date(v) <= now ? new Date(v) : null;
}

/**
 * A record's deadline: end of the (base + suspended)th working day after its start, moved by the extension when the
 * notice is on or before that first deadline (and not after `now`). Null without a start time. Throws
 * CalendarNotCoveredError.
 */
export function recordDeadline(
  kind: Pick<RecordKind, 'clock'>,
  record: AnyRecord,
  opts: Pick<JudgeOptions, 'now' | 'timezone' | 'calendar' | 'rules'>,
): DeadlineParts | null {
  const { calendar, timezone, rules } = opts;
  const { start } = clockStart(kind, record);
  if (!start) return null;
  const suspended = kind.clock.suspendedDays ? Number(record[kind.clock.suspendedDays] ?? 0) : 0;
  const base = rules.deadlineWorkdays + suspended;
  const first = calendar.deadline(new Date(start), base, timezone);
  const notified = timeBy(record, kind.clock.extendedAt, opts.now);
  const extension: ExtensionUse = !notified ? 'none' : notified <= first ? 'applied' : 'too-late';
  const workdays = base + (extension === 'applied' ? rules.extensionWorkdays : 0);
  const deadline = workdays === base ? first : calendar.deadline(new Date(start), workdays, timezone);
  return { workdays, firstDeadline: toOffsetIso(first, timezone), deadline: toOffsetIso(deadline, timezone), extension };
}

/** Judges one record. Never throws for a calendar gap: the record comes back `not-measured` with `notCovered`. */
export function judgeRecord<R extends AnyRecord>(kind: Pick<RecordKind, 'clock'>, record: R, opts: JudgeOptions): JudgedRecord<R> {
  const { now, timezone, calendar } = opts;
  const { start, startField } = clockStart(kind, record);
  const base: JudgedRecord<R> = { record, outcome: 'not-measured', start, startField, parts: null, deadline: null, answeredAt: null, workdaysTaken: null };
  if (!start) return { ...base, reason: 'no-start-time' };
  const startAt = new Date(start);
  if (startAt > now) return { ...base, outcome: 'excluded', reason: 'after-now' };
  if (localDate(startAt, timezone) < opts.windowStart) return { ...base, outcome: 'excluded', reason: 'before-window' };

  const answered = timeBy(record, kind.clock.answered, now);
  const answeredAt = answered ? (record[kind.clock.answered] as string) : null;
  let parts: DeadlineParts;
  try {
    parts = recordDeadline(kind, record, opts)!;
  } catch (e) {
    if (e instanceof CalendarNotCoveredError) return { ...base, answeredAt, reason: 'calendar-not-covered', notCovered: { date: e.date, year: e.year } };
    throw e;
  }
  const judged: JudgedRecord<R> = { ...base, parts, deadline: parts.deadline, answeredAt };
  try {
    judged.workdaysTaken = calendar.workdaysBetween(startAt, answered ?? now, timezone);
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
