import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { crawlOnce, page, routes } from './server.ts';

const html = { 'content-type': 'text/html; charset=utf-8' };
const table = routes({
  '/': { headers: html, body: page('首页', '<a href="/news">新闻</a><a href="/news/">新闻栏目</a><a href="/gone.html">旧页</a><a href="/a">甲</a><a href="/b">乙</a>') },
  '/news': { status: 301, headers: { location: '/news/' } },
  '/news/': { headers: html, body: page('新闻', '<a href="/news/1.html">一</a><a href="/old/1">一（旧址）</a><a href="/old/2">二（旧址）</a>') },
  '/news/1.html': { headers: html, body: page('一', '<a href="/news/">返回</a>') },
  '/old/1': { status: 302, headers: { location: '/news/1.html' } },
  '/old/2': { status: 302, headers: { location: '/news/2.html' } },
  '/news/2.html': { headers: html, body: page('二', '<a href="/news/3.html">三</a>') },
  '/news/3.html': { headers: html, body: page('三', '<a href="/news/2.html">二</a>') },
  '/a': { status: 302, headers: { location: '/b' } },
  '/b': { status: 302, headers: { location: '/a' } },
});
/** Like many government sites: a missing page redirects to the homepage. */
const site = (req: IncomingMessage, res: ServerResponse) => {
  if (req.url === '/robots.txt') {
    res.writeHead(404);
    return res.end();
  }
  const known = ['/', '/news', '/news/', '/news/1.html', '/news/2.html', '/news/3.html', '/old/1', '/old/2', '/a', '/b'];
  if (!known.includes(req.url ?? '')) {
    res.writeHead(302, { location: '/' });
    return res.end();
  }
  table(req, res);
};

describe('crawlSite redirects', () => {
  it('never asks for the same URL twice when a redirect leads to a page the crawl fetches anyway', async () => {
    const r = await crawlOnce(site);
    const counts = new Map<string, number>();
    for (const line of r.log) counts.set(line, (counts.get(line) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    expect(r.log.filter((l) => l === 'GET /news/' || l === 'GET /news/1.html' || l === 'GET /')).toEqual(['GET /', 'GET /news/', 'GET /news/1.html']);
  });

  it('gives a stopped redirect the outcome and content of the page it leads to', async () => {
    const r = await crawlOnce(site);
    const o = r.origin;
    const t = Object.fromEntries(r.linkTargets.map((x) => [x.url.slice(o.length), x]));
    expect(t['/news']).toMatchObject({ method: 'CRAWL', status: 200, finalUrl: `${o}/news/`, redirects: 1, foundOn: [`${o}/`] });
    expect(t['/old/1']).toMatchObject({ method: 'CRAWL', status: 200, finalUrl: `${o}/news/1.html`, redirects: 1 });
    expect(t['/old/2']).toMatchObject({ method: 'CRAWL', status: 200, finalUrl: `${o}/news/2.html`, redirects: 1 });
    expect(t['/news/2.html']).toMatchObject({ method: 'CRAWL', status: 200, redirects: 0, foundOn: [`${o}/news/3.html`] });
    expect(t['/gone.html']).toMatchObject({ status: 200, finalUrl: `${o}/`, soft404Signals: { landsOnHomepageLikeMissing: true } });
    expect(t['/a']).toMatchObject({ status: null, error: 'redirect-loop' });
    expect(t['/b']).toMatchObject({ status: null, error: 'redirect-loop' });
    const news = r.pages.find((p) => p.url === `${o}/news`)!;
    expect(news).toMatchObject({ status: 200, finalUrl: `${o}/news/`, redirects: [`${o}/news`], title: '新闻', depth: 1 });
    expect(news.links.map((l) => [l.url.slice(o.length), l.tag])).toEqual([['/news/', 'redirect'], ['/news/1.html', 'a'], ['/old/1', 'a'], ['/old/2', 'a']]);
  });

  it('gives the same pages and targets on every run', async () => {
    const strip = (r: Awaited<ReturnType<typeof crawlOnce>>) => ({
      pages: r.pages.map(({ fetchedAt: _f, timeMs: _t, ...p }) => ({ ...p, url: p.url.slice(r.origin.length) })),
      targets: r.linkTargets.map((t) => ({ ...t, url: t.url.slice(r.origin.length), foundOn: t.foundOn.map((f) => f.slice(r.origin.length)), finalUrl: t.finalUrl?.slice(r.origin.length), errorMessage: undefined })),
    });
    const runs = [strip(await crawlOnce(site)), strip(await crawlOnce(site)), strip(await crawlOnce(site))];
    const normal = (x: ReturnType<typeof strip>) => JSON.stringify(x).replace(/:\d{4,5}\//g, ':PORT/');
    expect(normal(runs[1])).toBe(normal(runs[0]));
    expect(normal(runs[2])).toBe(normal(runs[0]));
  });
});
