// Local dates and times in an IANA time zone, with Intl only: what day an instant falls on, when a local
// day starts and ends, parsing the exports' local time stamps, and ISO strings with the zone's offset.
import { civilToUtcMs, formatIsoDate, parseIsoDate, addDays } from './dates.ts';

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of an instant in a time zone (month 1–12, hour 0–23). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** Throws a RangeError unless `timeZone` is an IANA zone name this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** Wall-clock fields of `instant` in `timeZone`. Throws a RangeError for an invalid Date or a year outside 1–9999. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date');
  const utcYear = instant.getUTCFullYear();
  if (utcYear < 2 || utcYear > 9998) throw new RangeError(`date out of range (years 2–9998): ${instant.toISOString()}`);
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

/** The local date (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const l = toLocal(instant, timeZone);
  return formatIsoDate(l.year, l.month, l.day);
}

/** The zone's offset from UTC at `instant`, in milliseconds (east positive). */
export function offsetAt(instant: Date, timeZone: string): number {
  const l = toLocal(instant, timeZone);
  const wall = civilToUtcMs(l.year, l.month, l.day, l.hour, l.minute, l.second, l.millisecond);
  return wall - instant.getTime();
}

/**
 * The instant at which the wall clock in `timeZone` shows `local`. A wall time that happens twice (clocks set
 * back) gives the earlier instant; one that never happens (clocks set forward) is read with the offset in force
 * before the change, so it lands after the gap — the "compatible" rule of Temporal and of RFC 5545.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const wall = civilToUtcMs(local.year, local.month, local.day, local.hour, local.minute, local.second, local.millisecond);
  const before = offsetAt(new Date(wall - DAY_MS), timeZone);
  const after = offsetAt(new Date(wall + DAY_MS), timeZone);
  const valid = [wall - before, wall - after]
    .filter((t) => offsetAt(new Date(t), timeZone) === wall - t)
    .sort((a, b) => a - b);
  return new Date(valid[0] ?? wall - before);
}

/** The first instant of local day `date` (`YYYY-MM-DD`) in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const { year, month, day } = parseIsoDate(date);
  return fromLocal({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/** The last millisecond of local day `date` in `timeZone` (23:59:59.999 on an ordinary day). */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
}

const LOCAL_TIME =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses a time stamp as written in the record exports and returns the instant it names. Accepted:
 * `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD HH:MM`, `/` instead of `-` in the date, `T` instead of the space, one-digit
 * month, day and hour (as Excel writes them), optional fractional seconds. The time is local to `timeZone`
 * unless the text ends with `Z` or a `±HH:MM` offset, which then wins. Surrounding white space is ignored.
 * Throws a RangeError saying what is wrong (format, impossible date or time).
 */
export function parseLocalDateTime(text: string, timeZone: string): Date {
  assertTimeZone(timeZone);
  const m = LOCAL_TIME.exec(text.trim());
  if (!m) throw new RangeError(`not a time of the form YYYY-MM-DD HH:MM:SS: ${JSON.stringify(clip(text))}`);
  const [, y, , mo, d, h, mi, s, frac, zone] = m;
  const date = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const { year, month, day } = parseIsoDate(date);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) throw new RangeError(`not a valid time of day: ${JSON.stringify(clip(text))}`);
  const millisecond = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const local = { year, month, day, hour, minute, second, millisecond };
  if (zone === undefined) return fromLocal(local, timeZone);
  const offsetMinutes = zone.toUpperCase() === 'Z' ? 0 : zoneMinutes(zone);
  return new Date(civilToUtcMs(year, month, day, hour, minute, second, millisecond) - offsetMinutes * 60_000);
}

/**
 * `instant` as an ISO 8601 string in `timeZone`'s local time with its offset, e.g. `2026-09-30T17:05:00+08:00`
 * (milliseconds only when not zero). Historical offsets with seconds (local mean time before ~1900) cannot be
 * written as `±HH:MM`; such instants are written in UTC with `Z`.
 */
export function toOffsetIso(instant: Date, timeZone: string): string {
  const offset = offsetAt(instant, timeZone);
  if (offset % 60_000 !== 0) return instant.toISOString();
  const l = toLocal(instant, timeZone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const ms = l.millisecond === 0 ? '' : `.${pad(l.millisecond, 3)}`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / 60_000;
  return (
    `${formatIsoDate(l.year, l.month, l.day)}T${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}${ms}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

function zoneMinutes(zone: string): number {
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) throw new RangeError(`not a valid UTC offset: ${zone}`);
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`unknown time zone: ${JSON.stringify(timeZone)}`);
    }
    if (formatters.size >= 64) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}
