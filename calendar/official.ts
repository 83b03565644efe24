// The State Council's holiday schedule as shipped by the `chinese-days` package (its documented JSON data):
// statutory days off and make-up working days (调休), per year.
import { createRequire } from 'node:module';
import { z } from 'zod';

/** Official days off and make-up working days of one year, as `YYYY-MM-DD` sets. */
export interface OfficialYear {
  holidays: ReadonlySet<string>;
  makeUpWorkdays: ReadonlySet<string>;
}

const dataSchema = z.object({
  holidays: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string()),
  workdays: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string()),
});

let cache: Map<number, OfficialYear> | undefined;

/**
 * The package's schedule by year. A year is present when the package lists at least one of its holidays; the
 * package data is checked on first load, so a format change in an update fails loudly instead of silently
 * turning every day into Mon–Fri.
 */
export function officialSchedule(): ReadonlyMap<number, OfficialYear> {
  if (!cache) {
    const raw = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as unknown;
    const parsed = dataSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`chinese-days data has an unexpected shape: ${parsed.error.message}`);
    const byYear = new Map<number, { holidays: Set<string>; makeUpWorkdays: Set<string> }>();
    const yearOf = (date: string) => {
      const year = Number(date.slice(0, 4));
      let y = byYear.get(year);
      if (!y) byYear.set(year, (y = { holidays: new Set(), makeUpWorkdays: new Set() }));
      return y;
    };
    for (const date of Object.keys(parsed.data.holidays)) yearOf(date).holidays.add(date);
    for (const date of Object.keys(parsed.data.workdays)) yearOf(date).makeUpWorkdays.add(date);
    for (const [year, y] of byYear) if (y.holidays.size === 0) byYear.delete(year);
    cache = byYear;
  }
  return cache;
}
