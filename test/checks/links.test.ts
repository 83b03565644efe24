// The links check on hand-made artifacts: each failure kind gets its code; healthy and skipped targets give none.
import { describe, expect, it } from 'vitest';
import type { LinkTarget, SiteArtifacts } from '../../checks/artifacts.ts';
import { links } from '../../checks/links.ts';
import { runChecks } from '../../checks/runner.ts';
import type { Check, CheckContext } from '../../checks/types.ts';
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
