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
        t('http://www.x.gov.cn/gone.htm', { soft404: true, soft404Reason: '页面不存在' }),
        t('javascript:void(0)', { status: null, skipped: 'scheme' }),
        t('http://www.x.gov.cn/private', { status: null, error: 'robots' }),
      ]),
      ctx,
    );
    const findings = Array.isArray(out) ? out : out.findings;
    expect(findings.map((f) => [f.code, f.url, f.severity])).toEqual([
      ['link.broken', 'http://www.x.gov.cn/404.htm', 'major'],
      ['link.broken', 'http://www.x.gov.cn/500.htm', 'minor'],
      ['link.broken', 'http://dead.x.gov.cn/', 'major'],
      ['link.timeout', 'http://www.x.gov.cn/slow.htm', 'major'],
      ['link.redirect-loop', 'http://www.x.gov.cn/loop.htm', 'major'],
      ['link.soft-404', 'http://www.x.gov.cn/gone.htm', 'major'],
    ]);
    expect(findings[1].evidence).toMatchObject({ status: 500, foundOn: ['http://www.x.gov.cn/a.htm'], onHomepage: false });
    expect(findings[2].evidence).toMatchObject({ error: 'dns' });
  });

  it('puts targets not fetched (private address, other scheme) and a 429 up for review, unscored, and still passes', () => {
    const results = runChecks(
      [links],
      artifacts([
        t('http://169.254.169.254/latest/meta-data/', { status: null, error: 'blocked-address', internal: false, method: 'HEAD' }),
        t('http://www.x.gov.cn/to-lan', { status: null, error: 'blocked-address', finalUrl: 'http://10.0.0.8/oa/' }),
        t('ftp://ftp.x.gov.cn/a.zip', { status: null, error: 'unsupported-scheme', skipped: 'ftp: links are not checked', internal: false }),
        t('http://www.x.gov.cn/to-file', { status: null, error: 'unsupported-scheme', finalUrl: 'file:///etc/passwd' }),
        t('http://www.x.gov.cn/busy.htm', { status: 429, errorMessage: 'HTTP 429 with Retry-After 3600 s' }),
        t('http://www.x.gov.cn/ok.htm', {}),
      ]),
      ctx,
    )[0];
    expect(results.status).toBe('passed');
    expect(results.findings.map((f) => [f.code, f.url, f.severity, f.review, f.message])).toEqual([
      ['link.broken', 'http://www.x.gov.cn/busy.htm', 'major', true, '服务器以“请求过多”（HTTP 429）拒绝了检测，未能确认链接是否可用，请人工核实'],
      ['link.not-fetched', 'ftp://ftp.x.gov.cn/a.zip', 'info', true, '链接使用 ftp: 协议，只检测 http/https 链接，未访问；公众浏览器通常无法打开，请人工核实'],
      ['link.not-fetched', 'http://169.254.169.254/latest/meta-data/', 'info', true, '链接指向内网、本机或链路本地地址（169.254.169.254），出于安全未访问；公众无法打开此链接，请人工核实'],
      ['link.not-fetched', 'http://www.x.gov.cn/to-file', 'info', true, '链接重定向到 file: 协议，只检测 http/https 链接，未访问；公众浏览器通常无法打开，请人工核实'],
      ['link.not-fetched', 'http://www.x.gov.cn/to-lan', 'info', true, '链接重定向到内网、本机或链路本地地址（10.0.0.8），出于安全未访问；公众无法打开此链接，请人工核实'],
    ]);
    expect(results.metrics).toMatchObject({ linksChecked: 2, broken: 0, brokenOnHomepage: 0, notFetched: 4 });
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
