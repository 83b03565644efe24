// The target checker: after the pages, every internal resource and external link the crawl found and did not
// fetch as a page is checked (HEAD, then GET when needed; crawler/targets.ts), several hosts at a time and each
// host within its politeness limit. External links are checked once per run (the shared cache).
import type { CrawlConfig } from '../../config/schema.ts';
import { forEachConcurrent } from '../concurrent.ts';
import type { Fetcher } from '../fetcher.ts';
import type { IncrementalCache } from '../incremental.ts';
import type { LinkIndex, TargetEntry, TargetOutcome } from '../linkindex.ts';
import { checkTarget, createExternalLinkCache, type CheckedTarget, type ExternalLinkCache } from '../targets.ts';
import { hostOf, schemeOf } from '../url.ts';
import type { RobotsGate } from './robots-gate.ts';
import { compareUrls, skip, skippedOutcome } from './summary.ts';

/** Hosts whose resources and links are checked at the same time. */
export const HOSTS_AT_ONCE = 8;

export interface TargetCheck {
  entry: TargetEntry;
  external: boolean;
}

/** The targets still open, split: resources and external links (each in URL order); other schemes are settled. */
export function openTargets(index: LinkIndex): { resources: TargetEntry[]; externals: TargetEntry[] } {
  const resources: TargetEntry[] = [];
  const externals: TargetEntry[] = [];
  for (const e of index.entries()) {
    if (e.outcome) continue;
    if (e.kind === 'other') e.outcome = { ...skippedOutcome(e, `${schemeOf(e.url) ?? 'this'} links are not checked`), error: 'unsupported-scheme' };
    else if (e.kind === 'resource') resources.push(e);
    else if (e.kind === 'external') externals.push(e);
  }
  resources.sort((a, b) => compareUrls(a.url, b.url));
  externals.sort((a, b) => compareUrls(a.url, b.url));
  return { resources, externals };
}

/**
 * Which open targets are checked: resources robots.txt allows, and external links when `crawl.checkExternal`, the
 * first `crawl.maxExternalLinks` in URL order. The others are settled as skipped, with why.
 */
export function planChecks(
  open: { resources: TargetEntry[]; externals: TargetEntry[] },
  o: { checkExternal: boolean; maxExternalLinks: number; disallowed: (url: string) => boolean },
): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const e of open.resources) {
    if (o.disallowed(e.url)) skip(e, 'robots', 'robots');
    else out.push({ entry: e, external: false });
  }
  open.externals.forEach((e, i) => {
    if (!o.checkExternal) skip(e, 'external links are not checked (crawl.checkExternal is false)');
    else if (i >= o.maxExternalLinks) skip(e, `over the limit of ${o.maxExternalLinks} external links per site (crawl.maxExternalLinks)`);
    else out.push({ entry: e, external: true });
  });
  return out;
}

/** Checks grouped by host, hosts in order of first appearance. */
export function byHost(checks: readonly TargetCheck[]): TargetCheck[][] {
  const groups = new Map<string, TargetCheck[]>();
  for (const item of checks) {
    const host = hostOf(item.entry.url) ?? '';
    let list = groups.get(host);
    if (!list) groups.set(host, (list = []));
    list.push(item);
  }
  return [...groups.values()];
}

/** The outcome recorded for a checked target. */
export function checkedOutcome(result: CheckedTarget): TargetOutcome {
  const outcome: TargetOutcome = { method: result.method, status: result.status, finalUrl: result.finalUrl, redirects: result.redirects };
  if (result.error) outcome.error = result.error;
  if (result.errorMessage) outcome.errorMessage = result.errorMessage;
  if (result.rateLimited) outcome.rateLimited = result.rateLimited;
  return outcome;
}

/** Checks every open resource and external link of `index`, setting each one's outcome. */
export async function checkOpenTargets(o: {
  index: LinkIndex;
  fetcher: Fetcher;
  cfg: Pick<CrawlConfig, 'checkExternal' | 'maxExternalLinks' | 'concurrencyPerHost'>;
  robots: RobotsGate;
  cache?: ExternalLinkCache;
  /**
   * Earlier nights' checks (crawler/incremental.ts): a target found healthy recently enough is not checked again
   * (counted as cached); every real check is recorded for the next night.
   */
  reuse?: Pick<IncrementalCache, 'checkedLink' | 'rememberLink'>;
  signal?: AbortSignal;
  /** After each check: the requests it spent are in `result.requests`. */
  onChecked(entry: TargetEntry, result: CheckedTarget, cached: boolean): void;
}): Promise<void> {
  const open = openTargets(o.index);
  await o.robots.loadFor(open.resources.map((e) => e.url));
  const checks = planChecks(open, { checkExternal: o.cfg.checkExternal, maxExternalLinks: o.cfg.maxExternalLinks, disallowed: o.robots.disallowed });
  const cache = o.cache ?? createExternalLinkCache();
  const check = async ({ entry, external }: TargetCheck) => {
    if (o.signal?.aborted) return;
    let result: CheckedTarget;
    let cached = false;
    const earlier = o.reuse?.checkedLink(entry.url);
    if (earlier) {
      result = earlier;
      cached = true;
    } else {
      if (external) ({ result, cached } = await cache.get(entry.url, () => checkTarget(o.fetcher, entry.url, o.signal)));
      else result = await checkTarget(o.fetcher, entry.url, o.signal);
      if (!o.signal?.aborted) o.reuse?.rememberLink(entry.url, result);
    }
    entry.outcome = checkedOutcome(result);
    o.onChecked(entry, result, cached);
  };
  // each host its own workers (as many as it may serve at once), several hosts at a time: the site's own
  // resources and the external links progress together instead of the externals waiting at the end of one queue
  await forEachConcurrent(byHost(checks), HOSTS_AT_ONCE, (list) => forEachConcurrent(list, o.cfg.concurrencyPerHost, check));
}
