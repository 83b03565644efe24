// Config section of the disclosure-request check (依申请公开): statutory working days, "due soon" horizon, period judged.
// Defaults: 政府信息公开条例 (2019) art. 33 — answer within 20 working days of receipt; with the applicant told,
// at most 20 more.
import { z } from 'zod';

/** `disclosureRequestRules` in the district config. */
export const disclosureRequestRulesSchema = z.strictObject({
  /** Working days to answer, counted from the day after 收到申请时间 (art. 33: 20). */
  deadlineWorkdays: z.number().int().min(1).max(60).default(20),
  /** Working days added when an extension was notified before the first deadline (art. 33: at most 20). */
  extensionWorkdays: z.number().int().min(0).max(60).default(20),
  /** An open request whose deadline is within this many working days is listed as "due soon". */
  dueSoonWorkdays: z.number().int().min(0).max(60).default(5),
  /** Requests received more than this many days before the audit are no longer judged. */
  windowDays: z.number().int().min(1).max(3_650).default(365),
});

export type DisclosureRequestRules = z.output<typeof disclosureRequestRulesSchema>;
