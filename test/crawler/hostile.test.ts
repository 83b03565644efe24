// The hostile fixture site (fixtures/sites/hostile, not part of the demo district): one audit of it with short
// timeouts must finish, give each hostile route its finding (or none), never request what it must not, and keep
// the test process's memory bounded while a 1 GB gzip bomb, a 200 MB page and an endless body are served.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../contract/finding.ts';
import { links } from '../../checks/links.ts';
import { parseConfig } from '../../config/load.ts';
import type { CrawlEvent } from '../../crawler/events.ts';
import { crawlGatherer } from '../../crawler/gather-crawl.ts';
import type { Gatherer } from '../../crawler/gatherer.ts';
import { canaryHits } from '../../fixtures/faults/canary.ts';
import { fixturesRoot, startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';
import type { CrawlSummary, PageArtifact, LinkTarget } from '../../contract/artifacts/crawl.ts';
import { renderScorecardHtml } from '../../reports/html/scorecard.tsx';
import { runAudit, type RunSummary } from '../../scheduler/audit.ts';
import type { Scorecard } from '../../reports/scorecard.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';

const MB = 1024 * 1024;
const CAP = 1.5 * MB;
/** Peak growth of the test process's RSS allowed during the audit; without the body cap the bomb alone is 1 GB. */
const RSS_BOUND = 400 * MB;

let server: FixtureServer;
let store: Store;
let dir: string;
let origin: string;
let summary: RunSummary;
let card: Scorecard;
let pages: PageArtifact[];
let targets: LinkTarget[];
let crawlSummary: CrawlSummary;
const summaryOf = () => crawlSummary;
const events: CrawlEvent[] = [];
let peakRssGrowth = 0;
let auditMs = 0;

/** The hostile site's config: short timeouts and a 1.5 MB body cap (the 50,000-link page is 2.3 MB) so the file stays fast. */
function hostileConfig(server: FixtureServer) {
  return parseConfig(
    {
      district: '恶意站点测试',
      resolve: server.resolve,
      maxPages: 60,
      crawl: {
        connectTimeoutMs: 1_000,
        headersTimeoutMs: 2_500,
        bodyTimeoutMs: 2_500,
        requestTimeoutMs: 5_000,
        retries: 1,
        maxRetryWaitMs: 200,
        maxBodyBytes: CAP,
        maxRedirects: 10,
        maxExternalLinks: 50,
      },
      sites: [{ id: 'hostile', name: '恶意站点', unit: '测试单位', homepage: `${server.sites.hostile.origin}/` }],
    },
    join(fixturesRoot, 'sites', 'hostile', 'config.json'),
  );
}

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['edu'] });
  origin = server.sites.hostile.origin;
  dir = await mkdtemp(join(tmpdir(), 'govaudit-hostile-'));
  store = openSqliteStore(join(dir, 'data'));
  const config = hostileConfig(server);
  const baseline = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRssGrowth = Math.max(peakRssGrowth, process.memoryUsage().rss - baseline);
  }, 25);
  const started = performance.now();
  try {
    const capture: Gatherer = {
      ...crawlGatherer,
      async gather(ctx, artifacts) {
        await crawlGatherer.gather({ ...ctx, savePages: undefined }, artifacts); // keep the pages to look at them
        pages = artifacts.pages!;
        targets = artifacts.linkTargets!;
        crawlSummary = artifacts.crawl!;
      },
    };
    const out = await runAudit({ config, store, now: new Date('2026-11-20T10:00:00+08:00'), checks: [links], gatherers: [capture], onEvent: (e) => events.push(e as CrawlEvent) });
    summary = out.summary;
    card = out.scorecards[0];
  } finally {
    clearInterval(sampler);
    peakRssGrowth = Math.max(peakRssGrowth, process.memoryUsage().rss - baseline);
  }
  auditMs = performance.now() - started;
}, 120_000);

afterAll(async () => {
  await store?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const rel = (url: string) => (url.startsWith(origin) ? url.slice(origin.length) : url);
const page = (path: string) => pages.find((p) => p.url === origin + path);
const target = (path: string) => targets.find((t) => t.url === origin + path || t.url === path);

describe('an audit of the hostile site', () => {
  it('finishes, with memory bounded and no hang', () => {
    expect(summary.state).toBe('done');
    expect(summary.sites[0].error).toBeUndefined();
    expect(card.checks).toEqual([expect.objectContaining({ id: 'links', status: 'failed' })]);
    expect(peakRssGrowth, `peak RSS growth ${Math.round(peakRssGrowth / MB)} MB`).toBeLessThan(RSS_BOUND);
    expect(auditMs).toBeLessThan(90_000);
  });

  it('gives each hostile route its finding, and no other finding', () => {
    const got = card.findings.map((f: Finding) => [f.code, rel(f.url!), f.severity, f.review ?? false]).sort((a, b) => String(a[1]).localeCompare(String(b[1])) || String(a[0]).localeCompare(String(b[0])));
    const loopback = `http://127.0.0.1:${server.sites.hostile.port}/canary.htm`;
    expect(got).toEqual(
      [
        ['link.not-checked', '/busy.htm', 'info', true], // 429 with Retry-After 3600: not obeyed, not checked, up for review, never broken
        ['link.too-large', '/bomb.htm', 'minor', false], // 1 GB gzip bomb: read up to the cap, not fully checked
        ['link.too-large', '/huge.htm', 'minor', false], // 200 MiB page streamed: read up to the cap, not fully checked
        ['link.too-large', '/links.htm', 'minor', false], // the 50,000-link page is 2.3 MB, over this file's 1.5 MB cap
        ['link.redirect-loop', '/chain', 'minor', false], // 30 redirects > maxRedirects 10
        ['link.timeout', '/endless.htm', 'minor', false], // bytes keep coming: the request deadline ends it
        ['link.broken', '/reset.htm', 'minor', false], // connection reset mid-body
        ['link.timeout', '/slow-headers.htm', 'minor', false], // slowloris: headers timeout
        ['link.not-fetched', '/to-data', 'info', true],
        ['link.not-fetched', '/to-file', 'info', true],
        ['link.not-fetched', '/to-ftp', 'info', true],
        ['link.not-fetched', '/to-javascript', 'info', true],
        ['link.not-fetched', '/to-loopback', 'info', true],
        ['link.not-fetched', '/to-metadata', 'info', true],
        ['link.not-fetched', 'file:///C:/Users/admin/Desktop/%E9%80%9A%E7%9F%A5.doc', 'info', true],
        ['link.not-fetched', 'ftp://ftp.hostile.test/pub/report.zip', 'info', true],
        ['link.not-fetched', 'http://10.20.30.40/oa/', 'info', true],
        ['link.not-fetched', loopback, 'info', true],
        ['link.not-fetched', 'http://169.254.169.254/latest/meta-data/', 'info', true],
        ['link.not-fetched', 'http://[fd00::1]/intranet/', 'info', true],
      ].sort((a, b) => String(a[1]).localeCompare(String(b[1])) || String(a[0]).localeCompare(String(b[0]))),
    );
    expect(card.findings.find((f) => f.url === origin + '/to-metadata')?.evidence).toMatchObject({ error: 'blocked-address', finalUrl: 'http://169.254.169.254/latest/meta-data/' });
    expect(card.findings.find((f) => f.url === origin + '/busy.htm')?.evidence).toMatchObject({ status: 429, retryAfterSeconds: 3600, notCheckedBecause: 'wait-over-cap' });
    expect(target('/busy.htm')).toMatchObject({ status: 429, rateLimited: { status: 429, retryAfterMs: 3_600_000, why: 'wait-over-cap' } });
  });

  it('records every page cut at the body cap (bytes read, the cap, why) in the crawl, the scorecard data and a finding shown on the scorecard', () => {
    const bomb = card.findings.find((f) => f.url === origin + '/bomb.htm')!;
    const huge = card.findings.find((f) => f.url === origin + '/huge.htm')!;
    expect(bomb.evidence).toMatchObject({ bytesRead: CAP, cap: CAP, capSetting: 'crawl.maxBodyBytes', cappedBecause: 'compression-bomb', encoding: 'gzip', foundOn: [`${origin}/`] });
    expect(bomb.evidence.compressedBytes).toBeLessThan(CAP / 100);
    expect(huge.evidence).toEqual({ bytesRead: CAP, cap: CAP, capSetting: 'crawl.maxBodyBytes', cappedBecause: 'too-large', foundOn: [`${origin}/`] });
    expect(huge.message).toBe('页面内容超过1.5 MB，只读取并检测了前1.5 MB，其余内容未检测；请精简或拆分该页面');
    expect(bomb.message).toBe('页面的压缩内容解压后远超1.5 MB（疑似压缩炸弹），只读取了前1.5 MB，其余内容未检测；请检查服务器是否被篡改或配置有误');
    // the page data: the crawl summary and the scorecard's links metrics list exactly the capped pages
    expect(page('/huge.htm')!.capped).toEqual({ bytesRead: CAP, cap: CAP, why: 'too-large' });
    expect((summaryOf().capped ?? []).map((c) => [rel(c.url), c.why, c.bytesRead, c.cap, c.setting])).toEqual([
      ['/bomb.htm', 'compression-bomb', CAP, CAP, 'crawl.maxBodyBytes'],
      ['/huge.htm', 'too-large', CAP, CAP, 'crawl.maxBodyBytes'],
      ['/links.htm', 'too-large', CAP, CAP, 'crawl.maxBodyBytes'],
    ]);
    const metrics = card.metrics.links as { capped: number; cappedPages: unknown[] };
    expect(metrics.capped).toBe(3);
    expect(metrics.cappedPages).toEqual([
      { url: `${origin}/bomb.htm`, bytesRead: CAP, cap: CAP, setting: 'crawl.maxBodyBytes', why: 'compression-bomb' },
      { url: `${origin}/huge.htm`, bytesRead: CAP, cap: CAP, setting: 'crawl.maxBodyBytes', why: 'too-large' },
      { url: `${origin}/links.htm`, bytesRead: CAP, cap: CAP, setting: 'crawl.maxBodyBytes', why: 'too-large' },
    ]);
    // shown on the scorecard, in Chinese: the table of capped pages and the findings with their labelled evidence
    const html = renderScorecardHtml(card);
    expect(html).toContain('以下页面或附件超过读取上限，只检测了已读取的部分');
    expect(html).toContain('页面压缩内容解压后超过上限（疑似压缩炸弹）');
    expect(html).toContain('页面内容超过读取上限');
    expect(html).toContain('1.5 MB（1572864 字节）');
    expect(html).toContain('未完整读取的页面和附件数');
    expect(html).toContain(huge.message);
    expect(html).toContain('网页读取上限（crawl.maxBodyBytes）');
  });

  it('never requests a loopback or private address it was led to', () => {
    expect(canaryHits()).toEqual([]);
  });

  it('reads at most the body cap of the gzip bomb and the 200 MB page, and keeps what it read', () => {
    for (const path of ['/bomb.htm', '/huge.htm']) {
      expect(page(path), path).toMatchObject({ status: 200, truncated: true, bytes: CAP });
      expect(target(path)).toMatchObject({ status: 200 });
      expect(target(path)!.error).toBeUndefined();
    }
    expect(page('/huge.htm')!.title).toBe('一个很大的页面');
    expect(page('/endless.htm')).toMatchObject({ status: 200, error: 'timeout', truncated: true });
    expect(page('/reset.htm')).toMatchObject({ status: 200, error: 'reset', truncated: true });
    expect(page('/slow-headers.htm')).toMatchObject({ status: null, error: 'timeout' });
  });

  it('reads a GBK page that declares UTF-8 as GBK', () => {
    expect(page('/gbk-as-utf8.htm')).toMatchObject({ status: 200, charset: 'gb18030', title: '鲤城区人民政府关于做好汛期安全工作的通知' });
  });

  it('parses deeply nested malformed HTML and follows the link at its bottom', () => {
    expect(page('/deep.htm')).toMatchObject({ status: 200, title: '嵌套很深的页面' });
    expect(page('/deep-target.htm')).toMatchObject({ status: 200, depth: 2 });
  });

  it('caps the links read from one page and the query variants crawled per path', () => {
    const many = targets.filter((t) => t.url.startsWith(`${origin}/many/p?n=`));
    expect(many.length).toBe(20_000); // 50,000 on the page; MAX_LINKS read
    expect(many.filter((t) => !t.skipped).length).toBe(20); // crawl.maxQueryVariantsPerPath
    expect(new Set(many.filter((t) => t.skipped).map((t) => t.skipped))).toEqual(new Set(['trap: query-variants']));
    expect(pages.length).toBeLessThanOrEqual(60);
  });

  it('stops a redirect chain at maxRedirects', () => {
    expect(target('/chain')).toMatchObject({ status: null, error: 'too-many-redirects', redirects: 11 });
  });

  it('reads only the first 512 KB of a 10 MB robots.txt, whole lines only, and says so', () => {
    expect(target('/robots-blocked.htm')).toMatchObject({ skipped: 'robots' });
    expect(page('/')).toMatchObject({ status: 200 }); // the `Disallow: /` after 10 MB does not count
    const warnings = events.filter((e) => e.type === 'warning').map((e) => (e as { message: string }).message);
    expect(warnings).toContain('robots.txt is larger than 512 KB: only its first 512 KB were read (as search engines do)');
  });

  it('reads a sitemap index that lists itself once and still finds the page it lists', () => {
    expect(page('/from-sitemap.htm')).toMatchObject({ status: 200 });
  });
});
