// Config `screenshots`: problem pictures taken in the run's browser after the checks (scheduler/screenshots.ts),
// stored beside the scorecard as scorecards/<siteId>/<finding identity>.png.
import { z } from 'zod';

export const screenshotsConfigSchema = z.strictObject({
  /** Take pictures when the run has a browser (the accessibility check opened one). */
  enabled: z.boolean().default(true),
  /** Pictures per site at most (the homepage included); the gravest kinds come first. */
  maxPerSite: z.number().int().min(1).max(100).default(12),
  /** Picture width and largest height, CSS pixels. */
  width: z.number().int().min(320).max(1920).default(1200),
  maxHeight: z.number().int().min(200).max(2000).default(760),
});

export type ScreenshotsConfig = z.output<typeof screenshotsConfigSchema>;
