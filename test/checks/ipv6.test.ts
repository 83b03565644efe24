// The ipv6 check on hand-made artifacts: each kind of IPv6 fault gives exactly its findings (no cascade), a healthy
// dual-stack site gives none, and the metrics carry the support ratios and the verdict.
import { describe, expect, it } from 'vitest';
import type { SiteArtifacts, CheckContext } from '../../checks/types.ts';
import type { Finding } from '../../contract/finding.ts';
import { ipv6, type Ipv6Metrics } from '../../checks/ipv6.ts';
import { runChecks } from '../../checks/runner.ts';
import { parseConfig } from '../../config/load.ts';
import type { Ipv6Artifact, Ipv6HomepageProbe, Ipv6LinkProbe, Ipv6UsedHost } from '../../contract/artifacts/ipv6.ts';

const home = 'http://www.x.gov.cn/';
const config = parseConfig({ district: 'd', sites: [{ id: 's', name: 'n', unit: 'u', homepage: home }] }, '/d.json');
const ctx = { now: new Date('2026-11-20T02:00:00Z'), timezone: 'Asia/Shanghai', config, site: config.sites[0], calendar: {} } as unknown as CheckContext;
const text = '鲤城区人民政府门户网站 首页 政务公开 政策文件 通知公告 2026-11-19 关于开展冬季消防安全检查的通知 您是第 10234 位访客';

const probe = (family: 4 | 6, extra: Partial<Ipv6HomepageProbe> = {}): Ipv6HomepageProbe => ({
  family, url: home, finalUrl: home, status: 200, timeMs: 3, tls: null, title: '鲤城区人民政府', text, address: family === 4 ? '127.0.0.1' : '::1', ...extra,
});
const link = (path: string, extra: Partial<Ipv6LinkProbe> = {}): Ipv6LinkProbe => ({ url: `${home}${path}`, crawlStatus: 200, status: 200, finalUrl: `${home}${path}`, timeMs: 1, ...extra });
const usedHost = (host: string, extra: Partial<Ipv6UsedHost> = {}): Ipv6UsedHost => ({
  host, uses: ['resource'], a: true, aaaa: true, foundOn: [home], pages: 1, examples: [`http://${host}/logo.png`], ...extra,
});

function dualStack(over: Partial<Ipv6Artifact> = {}): Ipv6Artifact {
  return {
    homepage: home,
    host: 'www.x.gov.cn',
    dns: [{ host: 'www.x.gov.cn', source: 'override', a: ['127.0.0.1'], aaaa: ['::1'], cname: [] }],
    nameServers: { status: 'unknown', servers: [], reason: 'resolved from the config' },
    ipv4: probe(4),
    ipv6: probe(6),
    levels: [
      { level: 2, candidates: 3, probed: [link('a.htm'), link('b.htm'), link('c.htm')] },
      { level: 3, candidates: 2, probed: [link('a/1.htm'), link('b/2.htm')] },
    ],
    hosts: [usedHost('cdn.x.gov.cn')],
    ...over,
  };
}

function run(a: Ipv6Artifact, c: CheckContext = ctx): { findings: Finding[]; metrics: Ipv6Metrics; notMeasured?: string; warnings?: string[] } {
  const out = ipv6.run({ site: config.sites[0], unavailable: {}, ipv6: a } as SiteArtifacts, c);
  if (Array.isArray(out)) throw new Error('expected metrics');
  return out as never;
}
const codes = (fs: Finding[]) => fs.map((f) => [f.code, f.url]);

describe('ipv6 check', () => {
  it('a dual-stack site answering the same content over both families has no finding and is supported', () => {
    const out = run(dualStack());
    expect(out.findings).toEqual([]);
    expect(out.metrics).toMatchObject({
      aaaa: true, reachable: true, contentMatch: true, similarity: 1,
      secondLevel: { checked: 3, ok: 3, ratio: 1 }, thirdLevel: { checked: 2, ok: 2, ratio: 1 },
      resourceHostsWithoutAaaa: [], nameServersIpv6: 'unknown', failingLinks: [], supported: true,
    });
  });

  it('an IPv4-only site gets exactly ipv6.no-aaaa, whatever else the artifact holds', () => {
    const out = run(dualStack({
      dns: [{ host: 'www.x.gov.cn', source: 'override', a: ['127.0.0.1'], aaaa: [], cname: [] }],
      ipv6: null,
      levels: [{ level: 2, candidates: 3, probed: [], skipped: 'no AAAA' }, { level: 3, candidates: 0, probed: [], skipped: 'no AAAA' }],
      hosts: [usedHost('old.x.gov.cn', { aaaa: false })],
    }));
    expect(codes(out.findings)).toEqual([['ipv6.no-aaaa', home]]);
    expect(out.findings[0]).toMatchObject({ severity: 'major', evidence: { host: 'www.x.gov.cn', a: ['127.0.0.1'] } });
    expect(out.metrics).toMatchObject({ aaaa: false, reachable: null, supported: false, resourceHostsWithoutAaaa: ['old.x.gov.cn'] });
  });

  it('an AAAA with nothing listening is ipv6.unreachable once, with no link cascade', () => {
    const out = run(dualStack({
      ipv6: probe(6, { status: null, error: 'refused', errorMessage: 'connect ECONNREFUSED ::1:80', title: null, text: null }),
      levels: [{ level: 2, candidates: 3, probed: [], skipped: 'homepage not reachable over IPv6' }, { level: 3, candidates: 2, probed: [], skipped: 'homepage not reachable over IPv6' }],
    }));
    expect(codes(out.findings)).toEqual([['ipv6.unreachable', home]]);
    expect(out.findings[0].evidence).toMatchObject({ error: 'refused', address: '::1' });
    expect(out.findings[0].message).toContain('连接被拒绝');
    expect(out.metrics).toMatchObject({ reachable: false, contentMatch: null, supported: false });
  });

  it('an error status over IPv6 when IPv4 answers 200 is unreachable; the same error status on both is not an IPv6 fault', () => {
    expect(codes(run(dualStack({ ipv6: probe(6, { status: 502 }) })).findings)).toEqual([['ipv6.unreachable', home]]);
    const both = run(dualStack({ ipv4: probe(4, { status: 503 }), ipv6: probe(6, { status: 503 }) }));
    expect(both.findings).toEqual([]);
  });

  it('a default server page over IPv6 is ipv6.content-mismatch, and its failing links are counted but not each reported', () => {
    const out = run(dualStack({
      ipv6: probe(6, { title: 'Welcome to nginx!', text: 'Welcome to nginx! If you see this page, the nginx web server is successfully installed and working.' }),
      levels: [
        { level: 2, candidates: 3, probed: [link('a.htm', { status: 404 }), link('b.htm', { status: 404 }), link('c.htm', { status: 404 })] },
        { level: 3, candidates: 0, probed: [] },
      ],
    }));
    expect(codes(out.findings)).toEqual([['ipv6.content-mismatch', home]]);
    expect(out.findings[0].evidence).toMatchObject({ differences: ['title', 'text'], ipv4Title: '鲤城区人民政府', ipv6Title: 'Welcome to nginx!' });
    expect(out.findings[0].evidence.similarity).toBeLessThan(0.1);
    expect(out.metrics).toMatchObject({ contentMatch: false, secondLevel: { checked: 3, ok: 0, ratio: 0 }, thirdLevel: { checked: 0, ok: 0, ratio: null }, supported: false });
    expect(out.metrics.failingLinks).toHaveLength(3);
  });

  it('the same site read over IPv6 with only dates, times and counters changed counts as the same content', () => {
    const v6text = text.replace('2026-11-19', '2026-11-20').replace('10234', '10235') + ' 11:02:33 星期五';
    const out = run(dualStack({ ipv4: probe(4, { text: `${text} 10:59:01 星期四` }), ipv6: probe(6, { text: v6text, title: '鲤城区人民政府 2026年11月20日' }) }));
    expect(out.findings).toEqual([]);
    expect(out.metrics.similarity).toBe(1);
  });

  it('a different final URL or status is a mismatch too', () => {
    const out = run(dualStack({ ipv6: probe(6, { finalUrl: 'http://www.x.gov.cn/default/' }) }));
    expect(codes(out.findings)).toEqual([['ipv6.content-mismatch', home]]);
    expect(out.findings[0].evidence.differences).toEqual(['finalUrl']);
    expect(run(dualStack({ ipv6: probe(6, { status: 203 }) })).findings[0].evidence.differences).toEqual(['status']);
  });

  it('links failing over IPv6 are each reported, and ratios below target add ipv6.support-low', () => {
    const out = run(dualStack({
      levels: [
        { level: 2, candidates: 10, probed: [...'abcdefghi'].map((c) => link(`${c}.htm`)).concat(link('z.htm', { status: null, error: 'timeout' })) },
        { level: 3, candidates: 4, probed: [link('a/1.htm'), link('a/2.htm'), link('a/3.htm'), link('a/4.htm', { status: 404 })] },
      ],
    }));
    expect(codes(out.findings)).toEqual([
      ['ipv6.link-unsupported', `${home}z.htm`],
      ['ipv6.link-unsupported', `${home}a/4.htm`],
      ['ipv6.support-low', home],
    ]);
    expect(out.findings[0].evidence).toMatchObject({ level: 2, error: 'timeout', crawlStatus: 200 });
    const low = out.findings.find((f) => f.code === 'ipv6.support-low')!;
    expect(low.message).toContain('三级链接 3/4');
    expect(low.message).not.toContain('二级');
    expect(out.metrics).toMatchObject({ secondLevel: { checked: 10, ok: 9, ratio: 0.9 }, thirdLevel: { checked: 4, ok: 3, ratio: 0.75 }, supported: false });
  });

  it('thresholds come from the config', () => {
    const strict = parseConfig({ district: 'd', ipv6: { secondLevelMin: 1 }, sites: [{ id: 's', name: 'n', unit: 'u', homepage: home }] }, '/d.json');
    const a = dualStack({ levels: [{ level: 2, candidates: 2, probed: [link('a.htm'), link('b.htm', { status: 500 })] }, { level: 3, candidates: 0, probed: [] }] });
    const out = run(a, { ...ctx, config: strict });
    expect(out.findings.map((f) => f.code).sort()).toEqual(['ipv6.link-unsupported', 'ipv6.support-low']);
    const lax = parseConfig({ district: 'd', ipv6: { secondLevelMin: 0.5 }, sites: [{ id: 's', name: 'n', unit: 'u', homepage: home }] }, '/d.json');
    const out2 = run(a, { ...ctx, config: lax });
    expect(out2.findings.map((f) => f.code)).toEqual(['ipv6.link-unsupported']);
    expect(out2.metrics.supported).toBe(true);
  });

  it('hosts of resources and outbound links without AAAA are reported once each with the pages using them', () => {
    const out = run(dualStack({
      hosts: [
        usedHost('cdn.x.gov.cn'),
        usedHost('old.y.gov.cn', { aaaa: false, uses: ['resource', 'outbound'], foundOn: [home, `${home}a.htm`], pages: 2 }),
        usedHost('gone.y.gov.cn', { a: false, aaaa: false }),
        usedHost('flaky.y.gov.cn', { a: false, aaaa: false, error: 'SERVFAIL' }),
      ],
    }));
    expect(codes(out.findings)).toEqual([['ipv6.host-no-aaaa', home]]);
    expect(out.findings[0]).toMatchObject({ severity: 'minor', evidence: { host: 'old.y.gov.cn', uses: ['resource', 'outbound'], foundOn: [home, `${home}a.htm`], pages: 2 } });
    expect(out.findings[0].message).toContain('外部链接');
    expect(out.metrics.resourceHostsWithoutAaaa).toEqual(['old.y.gov.cn']);
    expect(out.metrics.supported).toBe(true);
  });

  it('without an IPv4 answer the parity is unknown: no mismatch, a warning, verdict null', () => {
    const out = run(dualStack({ ipv4: probe(4, { status: null, error: 'timeout', title: null, text: null }) }));
    expect(out.findings).toEqual([]);
    expect(out.metrics).toMatchObject({ contentMatch: null, supported: null });
    expect(out.warnings?.length).toBe(1);
  });

  it('is not measured when the homepage host has no address at all, and through the runner when the artifact is missing', () => {
    const out = run(dualStack({ dns: [{ host: 'www.x.gov.cn', source: 'system', a: [], aaaa: [], cname: [] }], ipv4: null, ipv6: null }));
    expect(out.findings).toEqual([]);
    expect(out.notMeasured).toBeTruthy();
    const [r] = runChecks([ipv6], { site: config.sites[0], unavailable: { ipv6: 'ipv6: boom' } }, ctx);
    expect(r).toMatchObject({ status: 'not-measured', reason: 'ipv6: boom' });
    const [ok] = runChecks([ipv6], { site: config.sites[0], unavailable: {}, ipv6: dualStack() }, ctx);
    expect(ok.status).toBe('passed');
  });
});
