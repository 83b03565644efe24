import { describe, expect, it } from 'vitest';
import type { ArtifactName } from '../../contract/artifacts.ts';
import type { SiteArtifacts, GatherContext } from '../../crawler/gatherer.ts';
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import { createExternalLinkCache } from '../../crawler/crawl.ts';
import { createFetcher } from '../../crawler/fetcher.ts';
import { crawlGatherer } from '../../crawler/gather-crawl.ts';
import { createRunResources } from '../../crawler/gatherers.ts';
import { createResolver } from '../../crawler/resolver.ts';
import type { Store } from '../../store/types.ts';
import { page, routes, startServer, testConfig } from './server.ts';

const html = { 'content-type': 'text/html; charset=utf-8' };
const handler = routes({
  '/': { headers: html, body: page('首页', '<a href="/a.html">甲</a><a href="/b.html">乙</a>') },
  '/a.html': { headers: html, body: page('甲', '<a href="/missing.html">缺</a>') },
  '/b.html': { headers: html, body: page('乙', '') },
});

async function gather(needed: ArtifactName[]) {
  const server = await startServer(handler);
  const config = testConfig({ resolve: { 'www.test.gov.cn': ['127.0.0.1'] }, homepage: `http://www.test.gov.cn:${server.port}/` });
  const fetcher = createFetcher({ config, sleep: async () => {} });
  const saved: PageArtifact[][] = [];
  const ctx: GatherContext = {
    site: config.sites[0],
    config,
    now: new Date('2026-11-20T02:00:00Z'),
    fetcher,
    resolver: createResolver(config.resolve),
    store: {} as Store,
    needed: new Set(needed),
    externalCache: createExternalLinkCache(),
    shared: createRunResources(),
    savePages: async (pages) => void saved.push(pages),
  };
  const artifacts: SiteArtifacts = { site: config.sites[0], unavailable: {} };
  try {
    await crawlGatherer.gather(ctx, artifacts);
  } finally {
    await fetcher.close();
    await server.close();
  }
  const path = (u: string) => new URL(u).pathname;
  return { artifacts, saved: saved.map((b) => b.map((p) => path(p.url)).sort()), broken: artifacts.linkTargets?.filter((t) => t.status === 404).map((t) => path(t.url)) };
}

describe('crawl gatherer', () => {
  it('streams the pages to the store when no needed artifact is built from them, and holds none', async () => {
    const r = await gather(['linkTargets', 'crawl', 'probes']);
    expect(r.artifacts.pages).toBeUndefined();
    expect(r.saved).toEqual([['/', '/a.html', '/b.html', '/missing.html']]);
    expect(r.artifacts.crawl?.pagesCrawled).toBe(4);
    expect(r.broken).toEqual(['/missing.html']);
  });

  it('holds the pages (and saves none itself) when a check or gatherer needs them', async () => {
    for (const needed of [['pages', 'linkTargets', 'crawl'], ['linkTargets', 'crawl', 'ipv6']] as ArtifactName[][]) {
      const r = await gather(needed);
      expect(r.artifacts.pages?.map((p) => new URL(p.url).pathname)).toEqual(['/', '/a.html', '/b.html', '/missing.html']);
      expect(r.saved).toEqual([]);
      expect(r.broken).toEqual(['/missing.html']);
    }
  });
});
