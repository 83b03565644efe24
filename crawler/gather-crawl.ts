// The crawl gatherer: pages, link targets and the crawl summary of one site. When the run needs only what the
// link index gives (a links-only audit of a very large site), pages are streamed to the store in batches instead of
// being held, so memory stays flat however many pages the site has.
import type { ArtifactName } from '../contract/artifacts.ts';
import type { PageArtifact } from '../contract/artifacts/crawl.ts';
import { crawlSite } from './crawl.ts';
import { attachLinkLocations } from './link-locations.ts';
import type { Gatherer } from './gatherer.ts';

/** Artifacts known to be built without the crawled pages; any other needed artifact keeps the pages in memory. */
const WITHOUT_PAGES = new Set<ArtifactName>(['linkTargets', 'crawl', 'probes', 'records']);
/** Pages written to the store at once in streaming mode. */
export const PAGE_BATCH = 500;

/** True when no needed artifact is built from the pages themselves. */
export function pagesUnneeded(needed: Set<ArtifactName>): boolean {
  return [...needed].every((k) => WITHOUT_PAGES.has(k));
}

export const crawlGatherer: Gatherer = {
  id: 'crawl',
  produces: ['pages', 'linkTargets', 'crawl'],
  async gather(ctx, artifacts) {
    const save = ctx.savePages && pagesUnneeded(ctx.needed) ? ctx.savePages : undefined;
    let batch: PageArtifact[] = [];
    const flush = async () => {
      if (!save || batch.length === 0) return;
      const full = batch;
      batch = [];
      await save(full);
    };
    const incremental = await ctx.openIncremental?.();
    const result = await crawlSite({
      site: ctx.site,
      config: ctx.config,
      fetcher: ctx.fetcher,
      // The document metadata and the list pagination are read from the HTML (gather-document-meta.ts, gather-list-pages.ts).
      keep: { text: ctx.needed.has('text'), html: ctx.needed.has('html') || ctx.needed.has('documentMeta') || ctx.needed.has('listPages') },
      maxPages: ctx.maxPages,
      externalCache: ctx.externalCache,
      incremental,
      onEvent: ctx.onEvent,
      signal: ctx.signal,
      now: () => ctx.now,
      onPage: save
        ? async (page) => {
            batch.push(page);
            if (batch.length >= PAGE_BATCH) await flush();
          }
        : undefined,
    });
    await flush();
    // a crawl that ran to its end (not aborted, not cut by maxPages) prunes what the site no longer links
    await incremental?.flush({ prune: result.crawl.fatal === undefined && !result.crawl.truncated && !ctx.signal?.aborted });
    if (!save) artifacts.pages = result.pages;
    // Where each link that failed to load sits on its pages (text, heading, region, CSS path), from the kept HTML.
    if (!save) attachLinkLocations(result.pages, result.linkTargets);
    artifacts.linkTargets = result.linkTargets;
    artifacts.crawl = result.crawl;
  },
};
