// Link levels and used hosts for the IPv6 gatherer, from hand-made crawl pages: which pages are second- and
// third-level, which hosts resources and outbound links use, and which of them are left out.
import { describe, expect, it } from 'vitest';
import type { LinkRef, LinkTarget, PageArtifact } from '../../contract/artifacts/crawl.ts';
import { collectHosts, usedHosts } from '../../crawler/ipv6-hosts.ts';
import { levelCandidates } from '../../crawler/ipv6-levels.ts';
import { createResolver } from '../../crawler/resolver.ts';

const o = 'http://www.x.gov.cn';
const page = (path: string, depth: number, links: [string, LinkRef['tag']][], extra: Partial<PageArtifact> = {}): PageArtifact => ({
  url: `${o}${path}`, finalUrl: `${o}${path}`, depth, status: 200, redirects: [], contentType: 'text/html', charset: 'utf-8', bytes: 100,
  fetchedAt: '2026-11-20T02:00:00Z', timeMs: 1, isHtml: true, title: null, meta: {},
  links: links.map(([url, tag]) => ({ url: url.startsWith('/') ? `${o}${url}` : url, tag })), ...extra,
});

const pages: PageArtifact[] = [
  page('/', 0, [['/', 'a'], ['/news/', 'a'], ['/b.htm', 'a'], ['/a.htm', 'a'], ['/logo.png', 'img'], ['/broken.htm', 'a'], ['http://old.y.gov.cn/', 'a'], ['http://cdn.y.gov.cn/app.js', 'script'], ['/file.pdf', 'a']]),
  page('/a.htm', 1, [['/', 'a'], ['/news/', 'a'], ['/deep/1.htm', 'a']]),
  page('/b.htm', 1, [['/deep/2.htm', 'a'], ['http://static.x.gov.cn/s.css', 'link'], ['http://m.x.gov.cn/', 'a']]),
  page('/news/', 1, [['/deep/1.htm', 'a'], ['/news/old.htm', 'a'], ['http://old.y.gov.cn/report', 'a']]),
  page('/broken.htm', 1, [], { status: 404 }),
  page('/deep/1.htm', 2, [['/deep/3.htm', 'a']]),
  page('/deep/2.htm', 2, [], { status: null, error: 'timeout' }),
  page('/news/old.htm', 2, []),
  page('/deep/3.htm', 3, []),
  page('/sitemap-only.htm', 1, []),
];

describe('levelCandidates', () => {
  it('second level: pages linked from the homepage; third: linked from those; only pages that worked, sorted', () => {
    const { second, third } = levelCandidates(pages);
    expect(second.map((p) => p.url)).toEqual([`${o}/a.htm`, `${o}/b.htm`, `${o}/news/`]);
    expect(third.map((p) => p.url)).toEqual([`${o}/deep/1.htm`, `${o}/news/old.htm`]);
  });

  it('is empty without a homepage page', () => {
    expect(levelCandidates(pages.slice(1))).toEqual({ second: [], third: [] });
  });
});

describe('used hosts', () => {
  const scope = new Set(['www.x.gov.cn', 'static.x.gov.cn', 'm.x.gov.cn']);

  it('lists resource hosts (own scope hosts included) and outbound hosts, never the homepage host nor same-site page links', () => {
    const usage = collectHosts(pages, 'www.x.gov.cn', scope);
    expect([...usage.keys()]).toEqual(['cdn.y.gov.cn', 'old.y.gov.cn', 'static.x.gov.cn']);
    expect([...usage.get('old.y.gov.cn')!.pages]).toEqual([`${o}/`, `${o}/news/`]);
    expect([...usage.get('static.x.gov.cn')!.uses]).toEqual(['resource']);
  });

  it('looks each up, and leaves out hosts whose every link failed in the crawl', async () => {
    const resolver = createResolver({ 'cdn.y.gov.cn': ['192.0.2.1', '2001:db8::1'], 'old.y.gov.cn': ['192.0.2.2'], 'static.x.gov.cn': ['192.0.2.3'] });
    const target = (url: string, extra: Partial<LinkTarget>): LinkTarget => ({ url, internal: false, method: 'GET', status: 200, redirects: 0, foundOn: [], onHomepage: true, tags: ['a'], ...extra });
    const targets = [
      target('http://cdn.y.gov.cn/app.js', {}),
      target('http://old.y.gov.cn/', { status: 200 }),
      target('http://old.y.gov.cn/report', { status: null, error: 'refused' }),
      target('http://static.x.gov.cn/s.css', { status: null, error: 'refused' }),
    ];
    const { hosts, truncated } = await usedHosts(collectHosts(pages, 'www.x.gov.cn', scope), resolver, targets);
    expect(truncated).toBe(false);
    expect(hosts).toEqual([
      { host: 'cdn.y.gov.cn', uses: ['resource'], a: true, aaaa: true, foundOn: [`${o}/`], pages: 1, examples: ['http://cdn.y.gov.cn/app.js'] },
      { host: 'old.y.gov.cn', uses: ['outbound'], a: true, aaaa: false, foundOn: [`${o}/`, `${o}/news/`], pages: 2, examples: ['http://old.y.gov.cn/', 'http://old.y.gov.cn/report'] },
    ]);
  });
});
