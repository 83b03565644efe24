// Cron expressions (node-cron 4 syntax, 5 or 6 fields): validation with a readable reason, and the next fire
// times from any instant in a time zone (node-cron itself only answers "from now").
import { createTask, parse, type ScheduledTask } from 'node-cron';
import { cronProblem } from '../config/scheduler/schedule.ts';
import { fromLocal, toLocal } from '../calendar/timezone.ts';
import { addDays, formatIsoDate, parseIsoDate } from '../calendar/dates.ts';

const matchers = new Map<string, ScheduledTask>();

function matcher(expr: string, timezone: string): ScheduledTask {
  const key = `${timezone}\u0000${expr}`;
  let task = matchers.get(key);
  if (!task) {
    task = createTask(expr, () => undefined, { timezone });
    if (matchers.size >= 32) {
      for (const t of matchers.values()) void t.destroy();
      matchers.clear();
    }
    matchers.set(key, task);
  }
  return task;
}

/** Days searched ahead before giving up (an expression such as `0 0 30 2 *` never fires). */
const horizonDays = 4 * 366;

/** Fire times of `expr` in `timezone` strictly after `from`, in order, for up to four years. */
function* fireTimes(expr: string, timezone: string, from: Date): Generator<Date> {
  const problem = cronProblem(expr);
  if (problem) throw new RangeError(`invalid cron expression "${expr}": ${problem}`);
  const fields = parse(expr);
  const seconds = [...fields.second].sort((a, b) => a - b);
  const minutes = [...fields.minute].sort((a, b) => a - b);
  const hours = [...fields.hour].sort((a, b) => a - b);
  const task = matcher(expr, timezone);
  const start = toLocal(from, timezone);
  let date = formatIsoDate(start.year, start.month, start.day);
  let last = from.getTime();
  for (let d = 0; d < horizonDays; d++, date = addDays(date, 1)) {
    const { year, month, day } = parseIsoDate(date);
    const at = (hour: number, minute: number, second: number) => fromLocal({ year, month, day, hour, minute, second, millisecond: 0 }, timezone);
    if (!dayMatches(task, at, hours, minutes, seconds)) continue;
    for (const hour of hours)
      for (const minute of minutes)
        for (const second of seconds) {
          const t = at(hour, minute, second);
          if (t.getTime() > last && task.match(t)) {
            last = t.getTime();
            yield t;
          }
        }
  }
}

/**
 * The next `count` instants after `from` (strictly later) at which `expr` fires in `timezone`; fewer when it
 * does not fire that often within four years. Throws a RangeError for an invalid expression.
 */
export function nextRuns(expr: string, timezone: string, from: Date, count = 1): Date[] {
  const out: Date[] = [];
  if (count < 1) return out;
  for (const t of fireTimes(expr, timezone, from)) {
    out.push(t);
    if (out.length >= count) break;
  }
  return out;
}

/** The day part of the expression holds on this local day (tried at the day's first and last candidate times). */
function dayMatches(task: ScheduledTask, at: (h: number, m: number, s: number) => Date, hours: number[], minutes: number[], seconds: number[]): boolean {
  const probes = [at(hours[0], minutes[0], seconds[0]), at(hours[hours.length - 1], minutes[minutes.length - 1], seconds[seconds.length - 1])];
  return probes.some((t) => task.match(t));
}

/** How many times `expr` fires on the local day `date` (`YYYY-MM-DD`) in `timezone`, counted up to `cap`. */
export function firesOnDay(expr: string, timezone: string, date: string, cap = 1440): number {
  const { year, month, day } = parseIsoDate(date);
  const start = fromLocal({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timezone);
  const end = fromLocal({ ...parseIsoDate(addDays(date, 1)), hour: 0, minute: 0, second: 0, millisecond: 0 }, timezone);
  let n = 0;
  for (const t of fireTimes(expr, timezone, new Date(start.getTime() - 1))) {
    if (t >= end || n >= cap) break;
    n++;
  }
  return n;
}
