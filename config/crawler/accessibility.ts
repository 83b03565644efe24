// The district config's `accessibility` section: which pages the browser checks, how many at once, axe tags,
// time limits, Lighthouse and the elderly-friendly thresholds. Defaults live here (config/schema.ts includes it).
import { z } from 'zod';

export const accessibilityConfigSchema = z.strictObject({
  /** Pages checked per site at most: the homepage, each column's list page, then a sample of articles. */
  maxPages: z.number().int().min(1).max(1_000).default(20),
  /** Browser pages open at once in the whole run (one browser per run). */
  concurrency: z.number().int().min(1).max(16).default(2),
  /** axe-core tags whose rules run, e.g. `wcag2a`, `wcag2aa`, `wcag21aa`. */
  tags: z.array(z.string().regex(/^[A-Za-z0-9.-]+$/, 'an axe-core tag such as wcag2aa')).min(1).default(['wcag2a', 'wcag2aa']),
  /** Time limit of one page (load, axe, probes), ms. */
  pageTimeoutMs: z.number().int().min(1_000).max(600_000).default(30_000),
  /** Run Lighthouse's accessibility category on the homepage. */
  lighthouse: z.boolean().default(true),
  /** Time limit of one Lighthouse run, ms; past it the score is "not measured". */
  lighthouseTimeoutMs: z.number().int().min(5_000).max(600_000).default(90_000),
  /** Lighthouse accessibility score (0–100) below which `a11y.lighthouse-score` is reported. */
  lighthouseThreshold: z.number().min(0).max(100).default(90),
  /** Smallest size of body text on the homepage, CSS px (the project's default; the MIIT 适老化 rules ask for large, legible text). */
  minFontPx: z.number().min(1).max(100).default(12),
  /** Browser executable; default `CHROME_PATH`, then /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome. */
  chromePath: z.string().min(1).optional(),
});

export type AccessibilityConfig = z.output<typeof accessibilityConfigSchema>;

/** Per-site overrides of the district's `accessibility` settings (a big portal sampled more, Lighthouse on or off). */
export const siteAccessibilitySchema = z.strictObject({
  maxPages: z.number().int().min(1).max(1_000).optional(),
  lighthouse: z.boolean().optional(),
});

/** The district settings with the site's overrides applied. */
export function accessibilityFor(district: AccessibilityConfig, site: { accessibility?: z.output<typeof siteAccessibilitySchema> }): AccessibilityConfig {
  const o = site.accessibility ?? {};
  return { ...district, ...(o.maxPages !== undefined ? { maxPages: o.maxPages } : {}), ...(o.lighthouse !== undefined ? { lighthouse: o.lighthouse } : {}) };
}
