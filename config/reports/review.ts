// The config's review decisions (waivers, confirmations): their schemas, inline or as the path of a file listing
// them. Reading the files and applying the decisions is reports/review.ts.
import { z } from 'zod';

const identity = z.string().regex(/^[0-9a-f]{16}$/, 'a finding identity: 16 hex digits, as shown on the scorecard');

export const waiverSchema = z.strictObject({
  identity,
  /** Why the finding does not count (e.g. 外链由上级单位管理). */
  reason: z.string().min(1),
  /** Who decided. */
  by: z.string().min(1),
  /** Last local date (inclusive) the waiver holds; it lapses the day after. */
  until: z.iso.date(),
  /** The site, for the reader of the list; when given it must match the finding's site. */
  siteId: z.string().min(1).optional(),
});

export const confirmationSchema = z.strictObject({
  identity,
  by: z.string().min(1),
  note: z.string().min(1).optional(),
  siteId: z.string().min(1).optional(),
});

export type Waiver = z.infer<typeof waiverSchema>;
export type Confirmation = z.infer<typeof confirmationSchema>;

/** Config `waivers`: a list, or the path of a file holding one (relative to the config file). */
export const waiversConfigSchema = z.union([z.string().min(1), z.array(waiverSchema)]).default([]);
/** Config `confirmations`: a list, or the path of a file holding one. */
export const confirmationsConfigSchema = z.union([z.string().min(1), z.array(confirmationSchema)]).default([]);
