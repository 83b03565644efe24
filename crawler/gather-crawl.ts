// The crawl gatherer: pages, link targets and the crawl summary of one site.
import { crawlSite } from './crawl.ts';
import type { Gatherer } from './gatherers.ts';

export const crawlGatherer: Gatherer = {
  id: 'crawl',
  produces: ['pages', 'linkTargets', 'crawl'],
  async gather(ctx, artifacts) {
    const result = await crawlSite({
      site: ctx.site,
      config: ctx.config,
      fetcher: ctx.fetcher,
      keep: { text: ctx.needed.has('text'), html: ctx.needed.has('html') },
      maxPages: ctx.maxPages,
      externalCache: ctx.externalCache,
      onEvent: ctx.onEvent,
      signal: ctx.signal,
      now: () => ctx.now,
    });
    artifacts.pages = result.pages;
    artifacts.linkTargets = result.linkTargets;
    artifacts.crawl = result.crawl;
  },
};
