// The IPv6 gatherer against the fixture sites (loopback, `resolve` map): each kind of site — dual-stack, IPv4-only,
// AAAA with nothing listening, a default page on IPv6, dates/counters moved on, failing links on IPv6 with an
// IPv4-only image host — gives exactly its expected/ipv6.json findings and the metrics a clerk would read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteArtifacts, GatherContext } from '../../crawler/gatherer.ts';
import { ipv6, type Ipv6Metrics } from '../../checks/ipv6.ts';
import { runChecks } from '../../checks/runner.ts';
import type { CheckContext } from '../../checks/types.ts';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { crawlSite } from '../../crawler/crawl.ts';
import { createFetcher, type Fetcher } from '../../crawler/fetcher.ts';
import { createIpv6Gatherer } from '../../crawler/gather-ipv6.ts';
import type { DnsOps } from '../../crawler/ipv6-dns.ts';
import { createResolver, type Resolver } from '../../crawler/resolver.ts';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';
import { demoConfigFile } from '../support/demo.ts';
import { diffFindings, expectedFor } from '../support/expected.ts';

const siteIds = ['edu', 'market', 'housing', 'culture', 'health', 'transport'];
const now = new Date('2026-11-20T02:00:00Z');

/** Every host of the demo is in `resolve`: asking real DNS would be a bug (and would leave the machine). */
const dnsAsked: string[] = [];
const noRealDns: DnsOps = {
  cname: async (n) => (dnsAsked.push(n), null),
  ns: async (n) => (dnsAsked.push(n), []),
  answersOverIpv6: async (s) => (dnsAsked.push(s), false),
};

let server: FixtureServer;
let config: DistrictConfig;
let fetcher: Fetcher;
let crawlFetcher: Fetcher;
const artifacts = new Map<string, SiteArtifacts>();

beforeAll(async () => {
  server = await startFixtureServer({ sites: siteIds });
  config = parseConfig(server.config(), demoConfigFile);
  const resolver = createResolver(config.resolve);
  fetcher = createFetcher({ config, resolver });
  // The crawl connects with either family; on a loaded machine Node's happy-eyeballs may give up on 127.0.0.1
  // after 250 ms and reach [::1] (for `culture` a stock server page). Pin the crawl to IPv4 here so the link
  // levels the test expects never depend on load; the gatherer under test uses the ordinary fetcher.
  const v4First: Resolver = { lookup: (host, family) => resolver.lookup(host, family ?? 4).catch(() => resolver.lookup(host, family)) };
  crawlFetcher = createFetcher({ config, resolver: v4First });
  const gatherer = createIpv6Gatherer({ dnsOps: noRealDns });
  await Promise.all(
    config.sites.map(async (site) => {
      const crawl = await crawlSite({ site, config, fetcher: crawlFetcher, now: () => now });
      const a: SiteArtifacts = { site, unavailable: {}, ...crawl };
      const ctx = { site, config, now, fetcher, resolver, needed: new Set(['ipv6']) } as unknown as GatherContext;
      await gatherer.gather(ctx, a);
      artifacts.set(site.id, a);
    }),
  );
}, 60_000);
afterAll(async () => {
  await fetcher?.close();
  await crawlFetcher?.close();
  await server?.close();
});

function check(siteId: string) {
  const site = config.sites.find((s) => s.id === siteId)!;
  const ctx = { now, timezone: config.timezone, config, site, calendar: {} } as unknown as CheckContext;
  const [result] = runChecks([ipv6], artifacts.get(siteId)!, ctx);
  return { result, metrics: result.metrics as Ipv6Metrics };
}

describe('ipv6 gatherer and check on the demo sites', () => {
  for (const siteId of siteIds) {
    it(`${siteId}: exactly the findings of expected/ipv6.json`, () => {
      const { result } = check(siteId);
      expect(result.status === 'passed' || result.status === 'failed', `${result.status}: ${result.reason}`).toBe(true);
      expect(diffFindings(result.findings, expectedFor(siteId, 'ipv6'), server.sites[siteId].origin)).toEqual([]);
    });
  }

  it('pins the family: the homepage is fetched from 127.0.0.1 and from ::1, never falling back', () => {
    const edu = artifacts.get('edu')!.ipv6!;
    expect(edu.ipv4).toMatchObject({ status: 200, address: '127.0.0.1', tls: null, title: '鲤城区教育局' });
    expect(edu.ipv6).toMatchObject({ status: 200, address: '::1', title: '鲤城区教育局' });
    const housing = artifacts.get('housing')!.ipv6!;
    expect(housing.ipv6).toMatchObject({ status: null, error: 'refused' });
    expect(housing.ipv4).toMatchObject({ status: 200, address: '127.0.0.1' });
    expect(dnsAsked).toEqual([]);
  });

  it('a dual-stack site with the same content is supported, with full link levels and name servers unknown', () => {
    const { metrics } = check('edu');
    expect(metrics).toMatchObject({ aaaa: true, reachable: true, contentMatch: true, similarity: 1, nameServersIpv6: 'unknown', resourceHostsWithoutAaaa: [], supported: true });
    expect(metrics.secondLevel.checked).toBeGreaterThan(3);
    expect(metrics.secondLevel.ratio).toBe(1);
    // third-level pages (the disclosure catalogue's items, linked from the 信息公开 page) all answer over IPv6 too
    expect(metrics.thirdLevel.checked).toBeGreaterThan(0);
    expect(metrics.thirdLevel).toEqual({ checked: metrics.thirdLevel.checked, ok: metrics.thirdLevel.checked, ratio: 1 });
  });

  it('an IPv4-only site: no AAAA, nothing probed over IPv6, not supported', () => {
    const a = artifacts.get('market')!.ipv6!;
    expect(a.dns[0]).toMatchObject({ host: 'scjg.licheng.gov.cn', source: 'override', a: ['127.0.0.1'], aaaa: [] });
    expect(a.ipv6).toBeNull();
    expect(a.levels.every((l) => l.skipped && l.probed.length === 0)).toBe(true);
    expect(check('market').metrics).toMatchObject({ aaaa: false, reachable: null, supported: false });
  });

  it('AAAA with nothing listening: unreachable, links not probed', () => {
    expect(artifacts.get('housing')!.ipv6!.levels.map((l) => l.skipped)).toEqual(['homepage not reachable over IPv6', 'homepage not reachable over IPv6']);
    expect(check('housing').metrics).toMatchObject({ aaaa: true, reachable: false, contentMatch: null, supported: false });
  });

  it('a stock server page on IPv6: content mismatch, and every link level fails over IPv6', () => {
    const { metrics } = check('culture');
    expect(metrics).toMatchObject({ reachable: true, contentMatch: false, supported: false, secondLevel: { checked: 5, ok: 0, ratio: 0 }, thirdLevel: { checked: 2, ok: 0, ratio: 0 } });
    expect(metrics.similarity).toBeLessThan(0.1);
    expect(artifacts.get('culture')!.ipv6!.ipv6!.title).toBe('Welcome to nginx!');
  });

  it('the same site with dates, times and the visit counter moved on counts as the same content', () => {
    const a = artifacts.get('health')!.ipv6!;
    expect(a.ipv4!.text).toContain('您是本站第 208731 位访客');
    expect(a.ipv6!.text).toContain('您是本站第 208732 位访客');
    expect(a.ipv6!.text).toContain('2026-11-21');
    expect(check('health').metrics).toMatchObject({ contentMatch: true, similarity: 1, supported: true, secondLevel: { checked: 5, ok: 5 }, thirdLevel: { checked: 2, ok: 2 } });
  });

  it('links failing over IPv6 give the level ratios; an IPv4-only image host is listed with the pages using it', () => {
    const { metrics } = check('transport');
    expect(metrics).toMatchObject({
      contentMatch: true,
      secondLevel: { checked: 5, ok: 4, ratio: 0.8 },
      thirdLevel: { checked: 2, ok: 1, ratio: 0.5 },
      resourceHostsWithoutAaaa: ['scjg.licheng.gov.cn'],
      supported: false,
    });
    const origin = server.sites.transport.origin;
    expect(metrics.failingLinks).toEqual([`${origin}/tzgg/202611/t20261116_1646.htm`, `${origin}/tzgg/202610/t20261029_1621.htm`]);
    const scjg = artifacts.get('transport')!.ipv6!.hosts.find((h) => h.host === 'scjg.licheng.gov.cn');
    expect(scjg).toMatchObject({ uses: ['resource', 'outbound'], a: true, aaaa: false, foundOn: [`${origin}/`], pages: 1 });
  });
});
