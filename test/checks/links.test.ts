// The links check on hand-made artifacts: each failure kind gets its code; healthy and skipped targets give none.
import { describe, expect, it } from 'vitest';
import type { SiteArtifacts, Check, CheckContext } from '../../checks/types.ts';
import type { LinkTarget } from '../../contract/artifacts/crawl.ts';
import { links } from '../../checks/links.ts';
import { runChecks } from '../../checks/runner.ts';
import { parseConfig } from '../../config/load.ts';

const config = parseConfig({ district: 'd', sites: [{ id: 's', name: 'n', unit: 'u', homepage: 'http://www.x.gov.cn/' }] }, '/d.json');
const ctx = { now: new Date('2026-11-20T02:00:00Z'), timezone: 'Asia/Shanghai', config, site: config.sites[0], calendar: {} } as unknown as CheckContext;
const t = (url: string, extra: Partial<LinkTarget>): LinkTarget => ({ url, internal: true, method: 'CRAWL', status: 200, redirects: 0, foundOn: ['http://www.x.gov.cn/'], onHomepage: true, tags: ['a'], ...extra });
const crawl = { homepage: 'http://www.x.gov.cn/', pagesCrawled: 3, truncated: false, maxPages: 10, maxDepth: 5, robotsRespected: true, robotsDisallowed: [], trapsSkipped: [], requests: 9, startedAt: '', finishedAt: '' };

function artifacts(targets: LinkTarget[]): SiteArtifacts {
  return { site: config.sites[0], unavailable: {}, linkTargets: targets, crawl };
}

describe('links check', () => {
  it('reports each failure with its code, the target as url, and where it was found', () => {
    const out = links.run(
      artifacts([
        t('http://www.x.gov.cn/ok.htm', {}),
        t('http://www.x.gov.cn/404.htm', { status: 404 }),
        t('http://www.x.gov.cn/500.htm', { status: 500, onHomepage: false, foundOn: ['http://www.x.gov.cn/a.htm'] }),
        t('http://dead.x.gov.cn/', { status: null, error: 'dns', internal: false }),
        t('http://www.x.gov.cn/slow.htm', { status: null, error: 'timeout' }),
        t('http://www.x.gov.cn/loop.htm', { status: 301, error: 'redirect-loop' }),
        t('http://www.x.gov.cn/gone.htm', { soft404Signals: { text: { phrase: '页面不存在', otherChars: 10 } } }),
        t('http://www.x.gov.cn/article.htm', { soft404Signals: { text: { phrase: '页面不存在', otherChars: 900 } } }),
        t('javascript:void(0)', { status: null, skipped: 'scheme' }),
        t('http://www.x.gov.cn/private', { status: null, error: 'robots' }),
      ]),
      ctx,
    );
    const findings = Array.isArray(out) ? out : out.findings;
    // severity is gravity only, the same wherever the link sits; where it sits is evidence (the indicators select by it)
    expect(findings.map((f) => [f.code, f.url, f.severity, f.evidence.onHomepage])).toEqual([
      ['link.broken', 'http://www.x.gov.cn/404.htm', 'minor', true],
      ['link.broken', 'http://www.x.gov.cn/500.htm', 'minor', false],
      ['link.broken', 'http://dead.x.gov.cn/', 'minor', true],
      ['link.timeout', 'http://www.x.gov.cn/slow.htm', 'minor', true],
      ['link.redirect-loop', 'http://www.x.gov.cn/loop.htm', 'minor', true],
      ['link.soft-404', 'http://www.x.gov.cn/gone.htm', 'minor', true],
    ]);
    expect(findings[5].evidence).toMatchObject({ soft404Reason: 'page says "页面不存在" and little else' });
    expect(findings[1].evidence).toMatchObject({ status: 500, foundOn: ['http://www.x.gov.cn/a.htm'], onHomepage: false });
    expect(findings[2].evidence).toMatchObject({ error: 'dns' });
  });

  it('puts targets not fetched (private address, other scheme) and rate-limited ones (not checked) up for review, unscored, and still passes', () => {
    const results = runChecks(
      [links],
      artifacts([
        t('http://169.254.169.254/latest/meta-data/', { status: null, error: 'blocked-address', internal: false, method: 'HEAD' }),
        t('http://www.x.gov.cn/to-lan', { status: null, error: 'blocked-address', finalUrl: 'http://10.0.0.8/oa/' }),
        t('ftp://ftp.x.gov.cn/a.zip', { status: null, error: 'unsupported-scheme', skipped: 'ftp: links are not checked', internal: false }),
        t('http://www.x.gov.cn/to-file', { status: null, error: 'unsupported-scheme', finalUrl: 'file:///etc/passwd' }),
        t('http://www.x.gov.cn/busy.htm', { status: 429, errorMessage: 'HTTP 429 with Retry-After 3600 s', rateLimited: { status: 429, retryAfterMs: 3_600_000, why: 'wait-over-cap' } }),
        t('http://www.x.gov.cn/down.htm', { status: 503, rateLimited: { status: 503, retryAfterMs: 30_000, why: 'budget-spent' } }),
        t('http://www.x.gov.cn/many.htm', { status: 429, rateLimited: { status: 429, retryAfterMs: null, why: 'retries-spent' } }),
        t('http://www.x.gov.cn/ok.htm', {}),
      ]),
      ctx,
    )[0];
    expect(results.status).toBe('passed');
    expect(results.findings.map((f) => [f.code, f.url, f.severity, f.review, f.message])).toEqual([
      ['link.not-checked', 'http://www.x.gov.cn/busy.htm', 'info', true, '未检测：服务器要求稍后再访问（HTTP 429，请求过多），要求等待1小时超过单次等待上限（crawl.maxRetryWaitMs），未等待重试；不计为失效链接，请人工复核'],
      ['link.not-checked', 'http://www.x.gov.cn/down.htm', 'info', true, '未检测：服务器要求稍后再访问（HTTP 503，暂时不可用），要求等待30秒，本次检测的等待时间预算已用完（crawl.retryWaitBudgetMs），未再重试；不计为失效链接，请人工复核'],
      ['link.not-checked', 'http://www.x.gov.cn/many.htm', 'info', true, '未检测：服务器要求稍后再访问（HTTP 429，请求过多），重试次数用完后仍被拒绝；不计为失效链接，请人工复核'],
      ['link.not-fetched', 'ftp://ftp.x.gov.cn/a.zip', 'info', true, '链接使用 ftp: 协议，只检测 http/https 链接，未访问；公众浏览器通常无法打开，请人工核实'],
      ['link.not-fetched', 'http://169.254.169.254/latest/meta-data/', 'info', true, '链接指向内网、本机或链路本地地址（169.254.169.254），出于安全未访问；公众无法打开此链接，请人工核实'],
      ['link.not-fetched', 'http://www.x.gov.cn/to-file', 'info', true, '链接重定向到 file: 协议，只检测 http/https 链接，未访问；公众浏览器通常无法打开，请人工核实'],
      ['link.not-fetched', 'http://www.x.gov.cn/to-lan', 'info', true, '链接重定向到内网、本机或链路本地地址（10.0.0.8），出于安全未访问；公众无法打开此链接，请人工核实'],
    ]);
    expect(results.metrics).toMatchObject({ linksChecked: 1, broken: 0, brokenOnHomepage: 0, notFetched: 4, rateLimited: 3 });
    expect(results.findings[0].evidence).toEqual({ status: 429, retryAfterSeconds: 3600, notCheckedBecause: 'wait-over-cap', internal: true, onHomepage: true, foundOn: ['http://www.x.gov.cn/'], tags: ['a'] });
  });

  it('the runner isolates a throwing check and marks missing artifacts not measured', () => {
    const boom: Check = { id: 'boom', title: 'x', requires: ['crawl'], run: () => { throw new Error('bad artifact'); } };
    const results = runChecks([links, boom], { site: config.sites[0], unavailable: { linkTargets: '主页无法访问' } }, ctx);
    expect(results.map((r) => [r.id, r.status, r.reason])).toEqual([
      ['links', 'not-measured', '主页无法访问'],
      ['boom', 'not-measured', 'artifact "crawl" was not gathered'],
    ]);
    const r2 = runChecks([boom], artifacts([]), ctx);
    expect(r2[0]).toMatchObject({ status: 'error', reason: 'bad artifact' });
  });
});
