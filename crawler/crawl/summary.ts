// The crawl's summary (CrawlSummary) from its start to its end, and the outcome of a target the crawl never
// fetched: what remains open when the crawl ends is recorded as skipped, with why.
import type { CrawlSummary } from '../../contract/artifacts/crawl.ts';
import type { LinkIndex, TargetEntry, TargetOutcome } from '../linkindex.ts';

/** Entries listed at most in robotsDisallowed / trapsSkipped. */
export const MAX_LISTED = 5_000;

export function compareUrls(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A fresh summary for a crawl starting at `startedAt`. */
export function startSummary(o: { homepage: string; maxPages: number; maxDepth: number; robotsRespected: boolean; startedAt: string }): CrawlSummary {
  return {
    homepage: o.homepage,
    pagesCrawled: 0,
    truncated: false,
    maxPages: o.maxPages,
    maxDepth: o.maxDepth,
    robotsRespected: o.robotsRespected,
    robotsDisallowed: [],
    trapsSkipped: [],
    requests: 0,
    startedAt: o.startedAt,
    finishedAt: o.startedAt,
  };
}

/** Lists a URL refused by robots.txt (at most MAX_LISTED are kept). */
export function noteDisallowed(summary: CrawlSummary, url: string): void {
  if (summary.robotsDisallowed.length < MAX_LISTED) summary.robotsDisallowed.push(url);
}

/** Lists a URL refused by a trap guard (at most MAX_LISTED are kept). */
export function noteTrap(summary: CrawlSummary, url: string, guard: string): void {
  if (summary.trapsSkipped.length < MAX_LISTED) summary.trapsSkipped.push({ url, guard });
}

/** Closes the summary: counts, end time, sorted lists, the fatal reason if any. */
export function closeSummary(summary: CrawlSummary, o: { pagesCrawled: number; requests: number; finishedAt: string; fatal?: string }): CrawlSummary {
  summary.pagesCrawled = o.pagesCrawled;
  summary.requests = o.requests;
  summary.finishedAt = o.finishedAt;
  summary.robotsDisallowed.sort(compareUrls);
  summary.trapsSkipped.sort((a, b) => compareUrls(a.url, b.url));
  if (o.fatal) summary.fatal = o.fatal;
  return summary;
}

/** The outcome of a target that was not fetched: why, in `skipped`. */
export function skippedOutcome(e: Pick<TargetEntry, 'kind'>, reason: string): TargetOutcome {
  return { method: e.kind === 'page' ? 'CRAWL' : 'HEAD', status: null, redirects: 0, skipped: reason };
}

/** Marks `entry` skipped for `reason` unless it already has an outcome (a robots refusal also carries error `robots`). */
export function skip(entry: TargetEntry | undefined, reason: string, error?: 'robots'): void {
  if (!entry || entry.outcome) return;
  entry.outcome = skippedOutcome(entry, reason);
  if (error) entry.outcome.error = error;
}

/** Every target still without an outcome when the crawl ends: not reached, or not crawled because the site failed. */
export function settleUnreached(index: LinkIndex, fatal?: string): void {
  for (const e of index.entries()) if (!e.outcome) e.outcome = skippedOutcome(e, fatal ? `not crawled: ${fatal}` : 'not reached');
}
