// What the pages show, read from the store: each visible site's stored runs (newest kept), re-scored with today's
// catalogue and review decisions so the dashboard, the scorecards and the bulletin agree.
import type { DistrictConfig, SiteConfig } from '../config/schema.ts';
import { catalogueFor } from '../config/reports/catalogue.ts';
import { rescoreScorecard, type ReviewContext } from '../reports/rescore.ts';
import { loadReviewDecisions, noDecisions } from '../reports/review.ts';
import { scorecardSchema, type Scorecard } from '../reports/scorecard.ts';
import { trendFrom, type TrendPoint } from '../reports/trend.ts';
import type { Store } from '../store/types.ts';
import type { Viewer } from './access.ts';

export interface SiteView {
  site: SiteConfig;
  /** Stored runs, oldest first, re-scored. */
  history: Scorecard[];
  latest: Scorecard | null;
  trend: TrendPoint[];
}

/** Sites the viewer may see, in config order. */
export function visibleSites(config: DistrictConfig, viewer: Viewer): SiteConfig[] {
  return viewer.kind === 'center' ? config.sites : config.sites.filter((s) => s.unit === viewer.unit);
}

/** Units the viewer may see. */
export function visibleUnits(config: DistrictConfig, viewer: Viewer): string[] {
  return [...new Set(visibleSites(config, viewer).map((s) => s.unit))];
}

/** Today's scoring context; a broken waiver file becomes a warning shown on every page. */
export async function reviewContext(config: DistrictConfig, now: Date): Promise<{ ctx: ReviewContext; warning?: string }> {
  try {
    return { ctx: { catalogue: catalogueFor(config), decisions: await loadReviewDecisions(config), now, timezone: config.timezone } };
  } catch (e) {
    return { ctx: { catalogue: catalogueFor(config), decisions: noDecisions, now, timezone: config.timezone }, warning: `${(e as Error).message}（豁免与确认未生效）` };
  }
}

/** One site's stored runs. */
export async function loadSite(store: Store, site: SiteConfig, ctx: ReviewContext, limit: number): Promise<SiteView> {
  const rows = await store.siteHistory(site.id, limit);
  const history: Scorecard[] = [];
  for (const r of [...rows].reverse()) {
    const parsed = scorecardSchema.safeParse(r.scorecard);
    if (parsed.success) history.push({ ...rescoreScorecard(parsed.data, ctx), siteName: site.name, unit: site.unit });
  }
  return { site, history, latest: history.at(-1) ?? null, trend: trendFrom(history, limit) };
}
