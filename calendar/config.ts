// Validation of the official days added by the config's `calendar` section (days the `chinese-days` package
// does not know yet, e.g. next year's notice), as `createCalendar` receives them.
import { z } from 'zod';
import { isIsoDate } from './dates.ts';

const isoDate = z.string().refine(isIsoDate, 'a date YYYY-MM-DD');

/**
 * What `createCalendar` accepts (the district config's `calendar` section): `holidays` are days off, `workdays`
 * are make-up working days (调休), both `YYYY-MM-DD`, from the State Council's notice. They override the package
 * for the same date, and any year they mention counts as covered (see `createCalendar` in `workdays.ts`), so
 * list the whole year's notice at once. A date may not be in both lists.
 */
export const calendarConfigSchema = z
  .strictObject({
    holidays: z.array(isoDate).default([]),
    workdays: z.array(isoDate).default([]),
  })
  .superRefine((cal, ctx) => {
    const off = new Set(cal.holidays);
    cal.workdays.forEach((d, i) => {
      if (off.has(d)) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${d} is also listed in holidays` });
    });
  });

export type CalendarConfig = z.output<typeof calendarConfigSchema>;
