// The housekeeping job: raw data older than `retentionDays` (crawled pages, link targets, probes, delivered or failed
// notifications) is deleted; runs, site scorecards and findings are kept for good (trends and bulletins read them).
import type { DistrictConfig } from '../config/schema.ts';
import type { PurgeCounts, Store } from '../store/types.ts';

const DAY_MS = 86_400_000;

/** Deletes raw data older than the retention period; returns the cutoff and what went. */
export async function runHousekeeping(opts: { config: DistrictConfig; store: Store; clock?: () => Date }): Promise<PurgeCounts & { before: string }> {
  const now = (opts.clock ?? (() => new Date()))();
  const before = new Date(now.getTime() - opts.config.retentionDays * DAY_MS).toISOString();
  return { before, ...(await opts.store.purgeRawData(before)) };
}
