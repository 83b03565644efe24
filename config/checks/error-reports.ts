// Config section of the error-report check (我为政府网站找错): the deadline in working days and the period judged.
// The default deadline is the district notice's (泉鲤政办〔2018〕77号 item 21: handled and answered within 2 working days).
import { z } from 'zod';

/** `errorReportRules` in the district config. */
export const errorReportRulesSchema = z.strictObject({
  /** Working days a unit has to handle and answer a forwarded report, counted from the day after 转办时间. */
  deadlineWorkdays: z.number().int().min(1).max(60).default(2),
  /** Reports whose clock started more than this many days before the audit are no longer judged. */
  windowDays: z.number().int().min(1).max(3_650).default(365),
});

export type ErrorReportRules = z.output<typeof errorReportRulesSchema>;
