// Which year of a dated catalogue item is due by a date, and the item's title pattern for a year. The catalogue
// itself (defaults, additions, removals, roles) is config/checks/disclosure-catalogue.ts.
import { civilToUtcMs, parseIsoDate } from '../../calendar/dates.ts';
import { YEAR_PLACEHOLDER, type DisclosureItem } from '../../config/checks/disclosure.ts';

/** Which year a dated item is judged for on `today`, and by when it was due. */
export interface DueCycle {
  /** The covered year (`{year}`). */
  year: number;
  /** The last day it could be published on time, `YYYY-MM-DD` (in the year after `year`). */
  due: string;
}

/**
 * The latest cycle whose due date has passed on `today` (local `YYYY-MM-DD`): the item for that year must exist.
 * On the due date itself the previous cycle is still the one judged. Null for a standing item.
 */
export function judgedCycle(item: DisclosureItem, today: string): DueCycle | null {
  if (item.due === 'standing') return null;
  const year = Number(today.slice(0, 4));
  const dueThisYear = `${today.slice(0, 4)}-${item.due}`;
  const covered = today > dueThisYear ? year - 1 : year - 2;
  return { year: covered, due: `${covered + 1}-${item.due}` };
}

/** The cycle after `cycle` (not yet due on the audit day). */
export function nextCycle(cycle: DueCycle): DueCycle {
  const year = cycle.year + 1;
  return { year, due: `${year + 1}${cycle.due.slice(4)}` };
}

/** Days from `due` to `date` (positive: late). */
export function daysAfter(due: string, date: string): number {
  const ms = (d: string) => {
    const { year, month, day } = parseIsoDate(d);
    return civilToUtcMs(year, month, day);
  };
  return Math.round((ms(date) - ms(due)) / 86_400_000);
}

/** The item's title pattern for one year (or any year when null), compiled: Unicode, case-insensitive. */
export function titleRegExp(item: DisclosureItem, year: number | null): RegExp {
  return new RegExp(item.titlePattern.replaceAll(YEAR_PLACEHOLDER, year === null ? '\\d{4}' : String(year)), 'iu');
}
