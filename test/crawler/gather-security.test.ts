// The cloaking and site-search gatherers against the demo's hacked and police fixture sites: crawlers are served the
// spam homepage (hacked) or a lighter one (police); the police search finds the newest article, the hacked site's
// search page finds nothing. Then the security and service checks judge what was gathered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteArtifacts, GatherContext } from '../../crawler/gatherer.ts';
import { security } from '../../checks/security.ts';
import { service } from '../../checks/service.ts';
import { createCalendar } from '../../calendar/workdays.ts';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig, SiteConfig } from '../../config/schema.ts';
import { crawlSite } from '../../crawler/crawl.ts';
import { createFetcher, type Fetcher } from '../../crawler/fetcher.ts';
import { cloakingGatherer, cloakingSample } from '../../crawler/gather-cloaking.ts';
import { searchGatherer } from '../../crawler/gather-search.ts';
import { createResolver } from '../../crawler/resolver.ts';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';
import { demoConfigFile } from '../support/demo.ts';
import { relativeUrl } from '../support/expected.ts';

const now = new Date('2026-11-20T02:00:00Z');
let server: FixtureServer;
let config: DistrictConfig;
let fetcher: Fetcher;
const crawled = new Map<string, SiteArtifacts>();

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['hacked', 'police'] });
  config = parseConfig(server.config(), demoConfigFile);
  fetcher = createFetcher({ config, resolver: createResolver(config.resolve) });
  for (const site of config.sites) {
    crawled.set(site.id, { site, unavailable: {}, ...(await crawlSite({ site, config, fetcher, keep: { text: true, html: true }, now: () => now })) });
  }
}, 60_000);
afterAll(async () => {
  await fetcher?.close();
  await server?.close();
});

async function gathered(id: string): Promise<{ site: SiteConfig; artifacts: SiteArtifacts }> {
  const site = config.sites.find((s) => s.id === id)!;
  const artifacts: SiteArtifacts = { ...crawled.get(id)!, unavailable: {} };
  const ctx = { site, config, now, fetcher, resolver: createResolver(config.resolve), needed: new Set(['cloaking', 'search']) } as unknown as GatherContext;
  await cloakingGatherer.gather(ctx, artifacts);
  await searchGatherer.gather(ctx, artifacts);
  return { site, artifacts };
}

function judge(site: SiteConfig, artifacts: SiteArtifacts) {
  const ctx = { now, timezone: 'Asia/Shanghai', config, site, calendar: createCalendar() };
  const tls = { homepage: site.homepage, httpsUrl: 'https://x/', extraCas: 0, httpRedirect: null, probe: { url: 'https://x/', host: 'x', port: 443, address: null, connected: false, error: 'refused' as const } };
  const sec = security.run({ ...artifacts, tls, linkVisibility: { pages: [] } }, ctx);
  const svc = service.run(artifacts, ctx);
  const origin = server.sites[site.id].origin;
  const list = (out: typeof sec) => (Array.isArray(out) ? out : out.findings).map((f) => [f.code, relativeUrl(f.url, origin), f.evidence.kind ?? null]);
  return { security: list(sec), service: list(svc) };
}

describe('cloaking gatherer', () => {
  it('samples the homepage and inner pages evenly in URL order', () => {
    const pages = crawled.get('hacked')!.pages!;
    const origin = server.sites.hacked.origin;
    expect(cloakingSample(pages, `${origin}/`, 2).map((u) => relativeUrl(u, origin))).toEqual(['/', '/gzdt/', '/gzdt/202611/t20261118_3101.htm']);
  });

  it('sees the spam homepage served only to crawlers, as both Baiduspider and Googlebot', async () => {
    const { site, artifacts } = await gathered('hacked');
    const home = artifacts.cloaking!.pages[0];
    expect(home.views.map((v) => [v.agent, v.status, v.title])).toEqual([
      ['Baiduspider', 200, '澳门新葡京_真人百家乐_买球平台'],
      ['Googlebot', 200, '澳门新葡京_真人百家乐_买球平台'],
    ]);
    expect(artifacts.cloaking!.pages.slice(1).every((p) => p.views.every((v) => v.title === crawled.get('hacked')!.pages!.find((x) => x.url === p.url)!.title))).toBe(true);
    const found = judge(site, artifacts);
    expect(found.security).toContainEqual(['security.spam-content', '/', 'cloaking']);
    expect(found.service).toEqual([['service.search-broken', '/', null]]);
  }, 30_000);

  it('accepts the lighter homepage the police site serves crawlers, and its working search', async () => {
    const { site, artifacts } = await gathered('police');
    expect(artifacts.cloaking!.pages[0].views.map((v) => v.title)).toEqual(['泉州市公安局鲤城分局', '泉州市公安局鲤城分局']);
    const s = artifacts.search!;
    const origin = server.sites.police.origin;
    expect(s.form).toMatchObject({ action: `${origin}/search/`, method: 'get', field: 'q' });
    expect(s.target).toMatchObject({ title: '鲤城分局开展冬季防火安全检查', date: '2026-11-19', source: 'meta' });
    expect(s.attempt).toMatchObject({ status: 200, linksToTarget: true });
    expect(judge(site, artifacts)).toEqual({ security: [['security.no-https', '/', 'not-offered']], service: [] });
  }, 30_000);
});
