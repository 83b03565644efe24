// The link-visibility gatherer against the demo's hacked and police sites: the browser confirms the hacked site's
// hidden spam links (display:none on the homepage, a one-pixel <marquee> on an article) and sees its visible links
// as visible; the police site hides only its own navigation, so no browser is started; without a browser the
// artifact says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteArtifacts, GatherContext, RunResources } from '../../crawler/gatherer.ts';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { findChrome } from '../../browser/chrome-path.ts';
import { crawlSite } from '../../crawler/crawl.ts';
import { createFetcher, type Fetcher } from '../../crawler/fetcher.ts';
import { createLinkVisibilityGatherer, linkVisibilityGatherer } from '../../crawler/gather-link-visibility.ts';
import { createRunResources } from '../../crawler/gatherers.ts';
import { createResolver } from '../../crawler/resolver.ts';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';
import { demoConfigFile } from '../support/demo.ts';
import { relativeUrl } from '../support/expected.ts';

const now = new Date('2026-11-20T02:00:00Z');
let server: FixtureServer;
let config: DistrictConfig;
let fetcher: Fetcher;
let shared: RunResources;
const crawled = new Map<string, SiteArtifacts>();

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['hacked', 'police'] });
  config = parseConfig(server.config(), demoConfigFile);
  fetcher = createFetcher({ config, resolver: createResolver(config.resolve) });
  for (const site of config.sites) crawled.set(site.id, { site, unavailable: {}, ...(await crawlSite({ site, config, fetcher, keep: { text: true, html: true }, now: () => now })) });
  shared = createRunResources();
}, 60_000);
afterAll(async () => {
  await shared?.closeAll();
  await fetcher?.close();
  await server?.close();
});

function ctx(id: string): GatherContext {
  return { site: config.sites.find((s) => s.id === id)!, config, now, fetcher, shared, needed: new Set(['linkVisibility']) } as unknown as GatherContext;
}

describe('link-visibility gatherer', () => {
  it.skipIf(!findChrome())('confirms hidden spam links by computed style and sees visible links as visible', async () => {
    const a: SiteArtifacts = { ...crawled.get('hacked')!, unavailable: {} };
    await linkVisibilityGatherer.gather(ctx('hacked'), a);
    const origin = server.sites.hacked.origin;
    const spam = server.sites.spamhost.origin;
    const pages = a.linkVisibility!.pages;
    expect(a.linkVisibility!.unavailable).toBeUndefined();
    expect(pages.map((p) => [relativeUrl(p.url, origin), p.error ?? null])).toEqual([['/', null], ['/gzdt/202611/t20261102_3088.htm', null]]);
    const hidden = (i: number) => pages[i].links.filter((l) => l.hidden).map((l) => [relativeUrl(l.url, origin), l.how]);
    expect(hidden(0)).toEqual([[`${spam}/`.replace(/:\d+/, ''), 'display'], [`${spam}/?from=licheng`.replace(/:\d+/, ''), 'display'], ['/gzdt/', 'display']]);
    expect(hidden(1)).toEqual([[`${spam}/casino.htm`.replace(/:\d+/, ''), 'clip']]);
    expect(pages[0].links.find((l) => l.url.endsWith('/dai.htm'))).toMatchObject({ hidden: false });
  }, 90_000);

  it('starts no browser for a page hiding only its own navigation, and says why without a browser', async () => {
    const police: SiteArtifacts = { ...crawled.get('police')!, unavailable: {} };
    await createLinkVisibilityGatherer({ findChrome: () => { throw new Error('must not look for a browser'); } }).gather(ctx('police'), police);
    expect(police.linkVisibility).toEqual({ pages: [] });
    const hacked: SiteArtifacts = { ...crawled.get('hacked')!, unavailable: {} };
    await createLinkVisibilityGatherer({ findChrome: () => null }).gather(ctx('hacked'), hacked);
    expect(hacked.linkVisibility).toEqual({ pages: [], unavailable: expect.stringContaining('no browser') });
  });
});
