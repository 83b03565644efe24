// The rendered-lists gatherer against the street fixture site: the 公示公告 list, empty in the raw HTML and filled by
// script, is read from the browser's rendering; the 规划计划 column, empty in the raw HTML, is rendered too (a column
// is empty only when the browser agrees); columns with items are not rendered; without a browser the artifact says
// why instead of failing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteArtifacts, GatherContext, RunResources } from '../../crawler/gatherer.ts';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { crawlSite } from '../../crawler/crawl.ts';
import { createFetcher, type Fetcher } from '../../crawler/fetcher.ts';
import { createRunResources } from '../../crawler/gatherers.ts';
import { createRenderedListsGatherer, renderedListsGatherer } from '../../crawler/gather-rendered-lists.ts';
import { findChrome } from '../../browser/chrome-path.ts';
import { createResolver } from '../../crawler/resolver.ts';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';
import { demoConfigFile } from '../support/demo.ts';
import { relativeUrl } from '../support/expected.ts';

const now = new Date('2026-11-20T02:00:00Z');
let server: FixtureServer;
let config: DistrictConfig;
let fetcher: Fetcher;
let crawled: SiteArtifacts;
let shared: RunResources;

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['street'] });
  config = parseConfig(server.config(), demoConfigFile);
  fetcher = createFetcher({ config, resolver: createResolver(config.resolve) });
  const site = config.sites[0];
  crawled = { site, unavailable: {}, ...(await crawlSite({ site, config, fetcher, keep: { text: true, html: true }, now: () => now })) };
  shared = createRunResources();
}, 30_000);
afterAll(async () => {
  await shared?.closeAll();
  await fetcher?.close();
  await server?.close();
});

function ctx(): GatherContext {
  return { site: config.sites[0], config, now, fetcher, shared, needed: new Set(['renderedLists']) } as unknown as GatherContext;
}

describe('rendered-lists gatherer', () => {
  it.skipIf(!findChrome())('renders only the columns empty in the raw HTML and reads their dated rows', async () => {
    const a: SiteArtifacts = { ...crawled, unavailable: {} };
    await renderedListsGatherer.gather(ctx(), a);
    const origin = server.sites.street.origin;
    expect(a.renderedLists!.browser).toBe('rendered');
    expect(a.renderedLists!.pages.map((p) => [relativeUrl(p.url, origin), p.error ?? null, p.listItems.map((i) => [relativeUrl(i.url, origin), i.date])])).toEqual([
      ['/ghjh/', null, []],
      ['/gsgg/', null, [['/gsgg/202604/t20260416_1881.htm', '2026-04-16'], ['/gsgg/202602/t20260203_1850.htm', '2026-02-03'], ['/gsgg/202512/t20251201_1790.htm', '2025-12-01']]],
    ]);
  }, 60_000);

  it('says why when there is no browser, and renders nothing when no column needs it', async () => {
    const a: SiteArtifacts = { ...crawled, unavailable: {} };
    await createRenderedListsGatherer({ findChrome: () => null }).gather(ctx(), a);
    expect(a.renderedLists).toEqual({ browser: 'unavailable', reason: expect.stringContaining('未找到浏览器'), pages: [] });
    const plain: SiteArtifacts = { ...crawled, unavailable: {}, pages: crawled.pages!.filter((p) => !p.url.includes('/gsgg/') && !p.url.includes('/ghjh/')) };
    await createRenderedListsGatherer({ findChrome: () => { throw new Error('must not look for a browser'); } }).gather(ctx(), plain);
    expect(plain.renderedLists).toEqual({ browser: 'not-needed', pages: [] });
    expect(a.unavailable).toEqual({});
  });
});
