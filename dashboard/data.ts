// What the pages show, read from the store as it is: each visible site's stored runs (newest kept) with the score,
// verdict and findings the run (or the last review) wrote. The dashboard never re-scores: the store is the one
// source of truth, so the dashboard, the scorecard files and the bulletin agree.
import type { DistrictConfig, SiteConfig } from '../config/schema.ts';
import { scorecardSchema, type Scorecard } from '../reports/scorecard.ts';
import { trendFrom, type TrendPoint } from '../reports/trend.ts';
import type { Store } from '../store/types.ts';
import type { Viewer } from './access.ts';

export interface SiteView {
  site: SiteConfig;
  /** Stored runs, oldest first, as stored. */
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

/** One site's stored runs. */
export async function loadSite(store: Store, site: SiteConfig, limit: number): Promise<SiteView> {
  const rows = await store.siteHistory(site.id, limit);
  const history: Scorecard[] = [];
  for (const r of [...rows].reverse()) {
    const parsed = scorecardSchema.safeParse(r.scorecard);
    if (parsed.success) history.push({ ...parsed.data, siteName: site.name, unit: site.unit });
  }
  return { site, history, latest: history.at(-1) ?? null, trend: trendFrom(history, limit) };
}
