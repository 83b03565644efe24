// Where the crawler may go: links and redirects to loopback, link-local and private addresses — by literal IP or by
// a name that resolves there — are reported (link.not-fetched), never requested, unless the host is one of the
// configured sites (homepage or scope), is in `resolve`, or crawl.allowPrivateNetworks is on.
import { describe, expect, it } from 'vitest';
import { links } from '../../checks/links.ts';
import { runChecks } from '../../checks/runner.ts';
import type { CheckContext } from '../../checks/types.ts';
import { crawlSite } from '../../crawler/crawl.ts';
import { trustedHosts } from '../../crawler/addresses.ts';
import { createFetcher } from '../../crawler/fetcher.ts';
import { isNonPublicAddress } from '../../crawler/addresses.ts';
import { createResolver } from '../../crawler/resolver.ts';
import { page, routes, startServer, testConfig } from './server.ts';

/** Crawls a site whose pages lead to private addresses; the resolver knows names the config does not list. */
async function crawlWith(opts: { allowPrivateNetworks?: boolean; scope?: string[] }) {
  let port = 0;
  const server = await startServer((req, res) =>
    routes({
      '/': {
        body: page(
          '首页',
          [
            `<a href="http://127.0.0.1:${port}/secret-literal">loopback literal</a>`,
            `<a href="http://[::ffff:127.0.0.1]:${port}/secret-mapped">IPv4-mapped loopback</a>`,
            `<a href="http://intranet.test.gov.cn:${port}/secret-name">a name resolving to loopback</a>`,
            `<a href="http://oa.test.gov.cn:${port}/oa-home">the site's own intranet host (scope)</a>`,
            '<a href="/redirect-literal">redirect to loopback</a>',
            '<a href="/redirect-name">redirect to a name resolving to loopback</a>',
            '<img src="http://169.254.169.254/latest/meta-data/iam/security-credentials/">',
          ].join(''),
        ),
      },
      '/redirect-literal': { status: 302, headers: { location: `http://127.0.0.1:${port}/secret-redirect` } },
      '/redirect-name': { status: 301, headers: { location: `http://intranet.test.gov.cn:${port}/secret-redirect-name` } },
      '/oa-home': { body: page('办公', '') },
      '/secret-literal': { body: page('secret', '') },
      '/secret-mapped': { body: page('secret', '') },
      '/secret-name': { body: page('secret', '') },
      '/secret-redirect': { body: page('secret', '') },
      '/secret-redirect-name': { body: page('secret', '') },
    })(req, res),
  );
  port = server.port;
  const origin = `http://www.test.gov.cn:${port}`;
  const config = testConfig({
    resolve: { 'www.test.gov.cn': ['127.0.0.1'] },
    crawl: { allowPrivateNetworks: opts.allowPrivateNetworks ?? false, retries: 0 },
    sites: [{ id: 'test', name: '测试网站', unit: '测试单位', homepage: `${origin}/`, scope: opts.scope ?? [] }],
  });
  // names the config does not list, answered as a DNS server would
  const resolver = createResolver({ 'www.test.gov.cn': ['127.0.0.1'], 'intranet.test.gov.cn': ['127.0.0.1'], 'oa.test.gov.cn': ['127.0.0.1'] });
  const fetcher = createFetcher({ config, resolver, sleep: async () => {} });
  try {
    const result = await crawlSite({ site: config.sites[0], config, fetcher, now: () => new Date('2026-11-20T02:00:00Z') });
    const ctx = { now: new Date('2026-11-20T02:00:00Z'), timezone: 'Asia/Shanghai', config, site: config.sites[0], calendar: {} } as unknown as CheckContext;
    const [check] = runChecks([links], { site: config.sites[0], unavailable: {}, linkTargets: result.linkTargets, crawl: result.crawl }, ctx);
    return { ...result, check, log: server.log, origin, port };
  } finally {
    await fetcher.close();
    await server.close();
  }
}

describe('private addresses', () => {
  it('are reported for review and never requested', async () => {
    const r = await crawlWith({});
    expect(r.log.filter((l) => l.includes('secret'))).toEqual([]);
    expect(r.check.status).toBe('passed');
    const by = (url: string) => r.check.findings.find((f) => f.url === url);
    const notFetched = r.check.findings.filter((f) => f.code === 'link.not-fetched').map((f) => f.url!.replace(String(r.port), 'PORT')).sort();
    expect(notFetched).toEqual([
      'http://127.0.0.1:PORT/secret-literal',
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      'http://[::ffff:7f00:1]:PORT/secret-mapped',
      'http://intranet.test.gov.cn:PORT/secret-name',
      'http://oa.test.gov.cn:PORT/oa-home',
      'http://www.test.gov.cn:PORT/redirect-literal',
      'http://www.test.gov.cn:PORT/redirect-name',
    ]);
    expect(r.check.findings.every((f) => f.code === 'link.not-fetched' && f.severity === 'info' && f.review)).toBe(true);
    expect(by(`${r.origin}/redirect-name`)!.evidence).toMatchObject({ error: 'blocked-address', finalUrl: `http://intranet.test.gov.cn:${r.port}/secret-redirect-name` });
    expect(by(`http://intranet.test.gov.cn:${r.port}/secret-name`)!.evidence.detail).toMatch(/resolves only to non-public addresses \(127\.0\.0\.1\)/);
  });

  it('are followed for a host in the site scope', async () => {
    const r = await crawlWith({ scope: ['oa.test.gov.cn'] });
    expect(r.log).toContain('GET /oa-home');
    expect(r.log.filter((l) => l.includes('secret'))).toEqual([]);
    expect(r.check.findings.map((f) => f.url)).not.toContain(`http://oa.test.gov.cn:${r.port}/oa-home`);
  });

  it('are followed when private networks are allowed (so the test above would catch a missing guard)', async () => {
    const r = await crawlWith({ allowPrivateNetworks: true });
    expect(r.log).toEqual(expect.arrayContaining(['GET /secret-redirect', 'GET /secret-redirect-name', 'HEAD /secret-literal', 'HEAD /secret-name']));
    expect(r.check.findings.filter((f) => f.code === 'link.not-fetched')).toEqual([]);
  });

  it('trust the hosts of every configured site and of resolve', () => {
    const config = testConfig({
      resolve: { 'Www.Test.gov.cn': ['10.0.0.5'] },
      sites: [
        { id: 'a', name: 'a', unit: 'u', homepage: 'http://10.1.2.3:8080/', scope: ['OA.a.gov.cn'] },
        { id: 'b', name: 'b', unit: 'u', homepage: 'http://[fd00::5]/' },
      ],
    });
    expect([...trustedHosts(config)].sort()).toEqual(['10.1.2.3', 'fd00::5', 'oa.a.gov.cn', 'www.test.gov.cn']);
  });
});

describe('isNonPublicAddress', () => {
  it('sees a private IPv4 address through every IPv6 spelling, and leaves public addresses alone', () => {
    const blocked = [
      '127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1',
      '::1', '::', '0:0:0:0:0:0:0:1', '[::1]', 'fe80::1%eth0', 'fd00::1', 'fec0::1', 'ff02::1', '2001:db8::1',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '[::ffff:a9fe:a9fe]', '::127.0.0.1', '64:ff9b::a9fe:a9fe', '2002:7f00:1::',
    ];
    const open = ['8.8.8.8', '202.96.128.86', '2400:3200::1', '240e::1', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1', 'www.example.gov.cn'];
    expect(blocked.filter((a) => !isNonPublicAddress(a))).toEqual([]);
    expect(open.filter((a) => isNonPublicAddress(a))).toEqual([]);
  });
});
