// The reports' part of the district config: the monthly bulletin's settings. (Indicator overrides and review
// decisions have their own files beside this one: catalogue.ts, review.ts.)
import { z } from 'zod';

/** Config `bulletin`. */
export const bulletinConfigSchema = z.strictObject({
  /** Working days a unit has to rectify, counted from the bulletin's date on the official calendar. */
  rectifyWorkdays: z.number().int().min(1).max(120).default(10),
  /** Who issues the bulletin (落款); default `<district>政府网站管理中心`. */
  issuer: z.string().min(1).optional(),
  /** Addressees (主送); default 各有关单位. */
  recipients: z.string().min(1).optional(),
  /** Worst cases named per indicator under 存在问题. */
  worstCases: z.number().int().min(1).max(50).default(5),
});

export type BulletinConfig = z.output<typeof bulletinConfigSchema>;
