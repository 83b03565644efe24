// The audit's screenshot step: after a site's scorecard is built, pictures of its problems are taken in the run's
// browser (the pool the accessibility gatherer opened; nothing is launched for it) and the scorecard names them.
// The plan (which findings, which element) is reports/screenshots.ts; the browser work crawler/browser/screenshots.ts.
import { join } from 'node:path';
import type { DistrictConfig } from '../config/schema.ts';
import { captureShots } from '../crawler/browser/screenshots.ts';
import { findChrome } from '../browser/chrome-path.ts';
import { sharedBrowserPool } from '../crawler/gather-browser.ts';
import type { GatherContext } from '../crawler/gatherer.ts';
import type { Scorecard } from '../reports/scorecard.ts';
import { planShots, withScreenshots } from '../reports/screenshots.ts';

/** Takes the site's pictures into `outDir/scorecards/<siteId>/` and returns the scorecard naming them. Never throws. */
export async function screenshotScorecard(card: Scorecard, ctx: Pick<GatherContext, 'shared' | 'config' | 'resolver'> & { outDir: string; config: DistrictConfig }): Promise<{ card: Scorecard; warnings: string[] }> {
  const cfg = ctx.config.screenshots;
  const executablePath = findChrome({ configured: ctx.config.accessibility.chromePath });
  if (!cfg.enabled || !executablePath) return { card, warnings: [] };
  try {
    const pool = await sharedBrowserPool(ctx as unknown as GatherContext, executablePath);
    const dir = join(ctx.outDir, 'scorecards');
    const plans = planShots(card, cfg.maxPerSite);
    const session = pool.session();
    try {
      const results = await captureShots(
        session,
        plans.map((p) => ({ id: p.id, page: p.page, selector: p.selector, hrefs: p.hrefs, text: p.text, file: join(dir, p.path) })),
        { width: cfg.width, maxHeight: cfg.maxHeight, timeoutMs: ctx.config.accessibility.pageTimeoutMs },
      );
      const taken = new Map(results.filter((r) => r.file).map((r) => [r.id, plans.find((p) => p.id === r.id)!.path]));
      return { card: withScreenshots(card, taken), warnings: [] };
    } finally {
      await session.close();
    }
  } catch (e) {
    return { card, warnings: [`screenshots not taken: ${String((e as Error)?.message ?? e).split('\n')[0]}`] };
  }
}
