import { describe, expect, it } from 'vitest';
import { crawlSite } from '../../crawler/crawl.ts';
import type { CrawlEvent } from '../../crawler/events.ts';
import { createFetcher } from '../../crawler/fetcher.ts';
import { checkTarget, createExternalLinkCache } from '../../crawler/targets.ts';
import { crawlOnce, page, paths, routes, startServer, testConfig } from './server.ts';

const html = { 'content-type': 'text/html; charset=utf-8' };

describe('HEAD then GET', () => {
  it('falls back to GET when HEAD is refused (405, 501, 403) or fails, and not when HEAD answers', async () => {
    const server = await startServer((req, res) => {
      const headStatus: Record<string, number> = { '/405.pdf': 405, '/501.pdf': 501, '/403.pdf': 403, '/ok.pdf': 200, '/dead.pdf': 404 };
      if (req.method === 'HEAD') {
        res.writeHead(headStatus[req.url ?? ''] ?? 404);
        return res.end();
      }
      res.writeHead(req.url === '/dead.pdf' ? 404 : 200, { 'content-type': 'application/pdf' });
      res.end(Buffer.alloc(200_000));
    });
    const fetcher = createFetcher({ config: testConfig({ resolve: { 'www.test.gov.cn': ['127.0.0.1'] } }) });
    const base = `http://www.test.gov.cn:${server.port}`;
    const got: Record<string, unknown> = {};
    for (const p of ['/405.pdf', '/501.pdf', '/403.pdf', '/ok.pdf', '/dead.pdf']) {
      const r = await checkTarget(fetcher, base + p);
      got[p] = [r.method, r.status];
    }
    await fetcher.close();
    await server.close();
    expect(got).toEqual({
      '/405.pdf': ['GET', 200],
      '/501.pdf': ['GET', 200],
      '/403.pdf': ['GET', 200],
      '/ok.pdf': ['HEAD', 200],
      '/dead.pdf': ['GET', 404],
    });
    expect(server.log.filter((l) => l.startsWith('GET'))).toEqual(['GET /405.pdf', 'GET /501.pdf', 'GET /403.pdf', 'GET /dead.pdf']);
  });
});

describe('crawlSite', () => {
  const site = routes({
    '/': { headers: html, body: page('首页', '<a href="/news/">新闻</a><a href="/about.html">概况</a><a href="/file.pdf">附件</a><img src="/logo.png" alt="标志"><a href="/moved">旧址</a><a href="/loop">循环</a><a href="mailto:web@test.gov.cn">信箱</a>') },
    '/news/': { headers: html, body: page('新闻', '<a href="/news/1.html">一</a><a href="/news/2.html">二</a><a href="/about.html">概况</a><a href="/">首页</a><a href="/new-place.html">新址</a>') },
    '/news/1.html': { headers: html, body: page('一', '<a href="/news/deep.html">深</a>') },
    '/news/2.html': { status: 500, headers: html, body: page('错误', '') },
    '/news/deep.html': { headers: html, body: page('深', '') },
    '/about.html': { headers: html, body: page('概况', '<p>概况</p>') },
    '/file.pdf': { headers: { 'content-type': 'application/pdf' }, body: 'pdf' },
    '/logo.png': { headers: { 'content-type': 'image/png' }, body: 'png' },
    '/moved': { status: 301, headers: { location: '/new-place.html' } },
    '/new-place.html': { headers: html, body: page('新址', '') },
    '/loop': { status: 302, headers: { location: '/loop2' } },
    '/loop2': { status: 302, headers: { location: '/loop' } },
  });

  it('crawls breadth-first, records every page as a target with where it was found', async () => {
    const events: CrawlEvent[] = [];
    const r = await crawlOnce(site);
    const o = r.origin;
    expect(r.pages.map((p) => [p.url.slice(o.length), p.depth, p.status])).toEqual([
      ['/', 0, 200],
      ['/about.html', 1, 200],
      ['/loop', 1, null],
      ['/moved', 1, 200],
      ['/news/', 1, 200],
      ['/news/1.html', 2, 200],
      ['/news/2.html', 2, 500],
      ['/news/deep.html', 3, 200],
    ]);
    expect(r.log.filter((l) => l.includes('new-place'))).toEqual(['GET /new-place.html']);
    const t = Object.fromEntries(r.linkTargets.map((x) => [x.url.slice(o.length), x]));
    expect(Object.keys(t).sort()).toEqual(['/', '/about.html', '/file.pdf', '/logo.png', '/loop', '/moved', '/new-place.html', '/news/', '/news/1.html', '/news/2.html', '/news/deep.html']);
    expect(t['/about.html']).toMatchObject({ method: 'CRAWL', status: 200, internal: true, onHomepage: true, foundOn: [`${o}/`, `${o}/news/`], tags: ['a'] });
    expect(t['/news/2.html']).toMatchObject({ method: 'CRAWL', status: 500, onHomepage: false, foundOn: [`${o}/news/`] });
    expect(t['/loop']).toMatchObject({ status: null, error: 'redirect-loop' });
    expect(t['/moved']).toMatchObject({ status: 200, redirects: 1, finalUrl: `${o}/new-place.html` });
    expect(t['/new-place.html']).toMatchObject({ method: 'CRAWL', status: 200, redirects: 0, foundOn: [`${o}/news/`] });
    expect(t['/file.pdf']).toMatchObject({ method: 'HEAD', status: 200, tags: ['a'] });
    expect(t['/logo.png']).toMatchObject({ method: 'HEAD', status: 200, tags: ['img'] });
    expect(r.pages[0].links.find((l) => l.url.startsWith('mailto:'))).toBeTruthy();
    expect(r.pages.every((p) => p.text === undefined && p.html === undefined)).toBe(true);
    expect(r.crawl).toMatchObject({ pagesCrawled: 8, truncated: false, startedAt: '2026-11-20T02:00:00.000Z' });
    expect(r.crawl.fatal).toBeUndefined();
    expect(r.crawl.requests).toBe(r.log.length);
    expect(events).toEqual([]);
  });

  it('is deterministic and stops at maxPages in breadth-first, URL order', async () => {
    const strip = (x: Awaited<ReturnType<typeof crawlOnce>>) => JSON.stringify({ pages: x.pages.map((p) => ({ ...p, timeMs: 0 })), targets: x.linkTargets }).replaceAll(x.origin, '');
    const a = await crawlOnce(site, { maxPages: 4 });
    const b = await crawlOnce(site, { maxPages: 4 });
    expect(paths(a.pages.map((p) => p.url), a.origin)).toEqual(['/', '/about.html', '/loop', '/moved']);
    expect(a.crawl.truncated).toBe(true);
    expect(a.linkTargets.filter((t) => t.skipped === 'max-pages').map((t) => t.url.slice(a.origin.length))).toEqual(['/news/']);
    expect(strip(a)).toEqual(strip(b));
  });

  it('keeps text and html only when asked', async () => {
    const r = await crawlOnce(site, { keep: { text: true, html: true }, maxPages: 2 });
    const about = r.pages.find((p) => p.url.endsWith('/about.html'))!;
    expect(about.text).toBe('概况');
    expect(about.html).toContain('<p>概况</p>');
  });

  it('stops at maxDepth', async () => {
    const r = await crawlOnce(site, { config: { crawl: { maxDepth: 1 } } });
    expect(r.pages.map((p) => p.depth)).not.toContain(2);
    expect(r.linkTargets.filter((t) => t.skipped === 'max-depth').map((t) => t.url.slice(r.origin.length))).toEqual(['/news/1.html', '/news/2.html']);
    expect(r.crawl.truncated).toBe(true);
  });

  it('reports a homepage that cannot be reached as fatal', async () => {
    const down = await crawlOnce(routes({ '/': { status: 503, body: 'maintenance' } }), { config: { crawl: { retries: 0 } } });
    expect(down.crawl.fatal).toBe('homepage answered HTTP 503');
    expect(down.pages).toHaveLength(1);
    const config = testConfig({ resolve: { 'www.gone.gov.cn': [] }, homepage: 'http://www.gone.gov.cn/' });
    const fetcher = createFetcher({ config });
    const r = await crawlSite({ site: config.sites[0], config, fetcher });
    await fetcher.close();
    expect(r.crawl.fatal).toMatch(/^homepage unreachable: dns/);
    expect(r.pages).toMatchObject([{ url: 'http://www.gone.gov.cn/', status: null, error: 'dns' }]);
    expect(r.linkTargets).toMatchObject([{ url: 'http://www.gone.gov.cn/', method: 'CRAWL', status: null, error: 'dns' }]);
  });

  it('records a page that times out as a page with an error, and goes on', async () => {
    const r = await crawlOnce(
      (req, res) => {
        if (req.url === '/hang.html') return;
        routes({ '/': { headers: html, body: page('首页', '<a href="/hang.html">慢</a><a href="/fine.html">好</a>') }, '/fine.html': { headers: html, body: page('好', '') } })(req, res);
      },
      { config: { crawl: { headersTimeoutMs: 300, retries: 0 } } },
    );
    expect(r.pages.map((p) => [p.url.slice(r.origin.length), p.status, p.error])).toEqual([
      ['/', 200, undefined],
      ['/fine.html', 200, undefined],
      ['/hang.html', null, 'timeout'],
    ]);
  });

  it('stops quickly when aborted', async () => {
    const ac = new AbortController();
    const started = Date.now();
    const r = await crawlOnce(
      (req, res) => {
        if (req.url === '/') {
          res.writeHead(200, html);
          res.end(page('首页', Array.from({ length: 50 }, (_, i) => `<a href="/p${i}.html">${i}</a>`).join('')));
          return;
        }
        if (req.url?.startsWith('/p')) {
          ac.abort();
          return; // never answers
        }
        res.writeHead(404);
        res.end();
      },
      { signal: ac.signal },
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.crawl.fatal).toBe('aborted');
  });
});

describe('sitemaps', () => {
  it('seeds pages from robots Sitemap lines and /sitemap.xml, through an index, with a self-reference guard', async () => {
    let origin = '';
    const xml = { 'content-type': 'application/xml' };
    const r = await crawlOnce(
      (req, res) => {
        origin = `http://${req.headers.host}`;
        const table = routes({
          '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: `Sitemap: ${origin}/sm-index.xml\n` },
          '/sm-index.xml': { headers: xml, body: `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/sm-index.xml</loc></sitemap><sitemap><loc>${origin}/sm-1.xml</loc></sitemap></sitemapindex>` },
          '/sm-1.xml': { headers: xml, body: `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${origin}/orphan.html</loc></url><url><loc>http://elsewhere.example.com/x</loc></url><url><loc>${origin}/doc.pdf</loc></url></urlset>` },
          '/sitemap.xml': { headers: xml, body: `<urlset><url><loc>${origin}/plain.html</loc></url></urlset>` },
          '/': { headers: html, body: page('首页', '') },
          '/orphan.html': { headers: html, body: page('孤立页面', '') },
          '/plain.html': { headers: html, body: page('页面', '') },
          '/doc.pdf': { headers: { 'content-type': 'application/pdf' }, body: 'pdf' },
        });
        table(req, res);
      },
    );
    expect(paths(r.pages.map((p) => p.url), r.origin)).toEqual(['/', '/orphan.html', '/plain.html']);
    expect(r.log.filter((l) => l.includes('sm-index'))).toHaveLength(1);
    const orphan = r.linkTargets.find((t) => t.url.endsWith('/orphan.html'))!;
    expect(orphan).toMatchObject({ method: 'CRAWL', status: 200, foundOn: [`${r.origin}/sm-1.xml`] });
    expect(r.linkTargets.find((t) => t.url.endsWith('/doc.pdf'))).toMatchObject({ method: 'HEAD', status: 200 });
    expect(r.linkTargets.some((t) => t.url.includes('elsewhere'))).toBe(false);
  });
  it('crawls sitemap-only URLs after the pages links lead to, within the same budget', async () => {
    const r = await crawlOnce(
      (req, res) =>
        routes({
          '/sitemap.xml': { headers: { 'content-type': 'application/xml' }, body: `<urlset><url><loc>http://${req.headers.host}/a-orphan.html</loc></url></urlset>` },
          '/': { headers: html, body: page('首页', '<a href="/b.html">乙</a>') },
          '/b.html': { headers: html, body: page('乙', '') },
          '/a-orphan.html': { headers: html, body: page('孤立', '') },
        })(req, res),
      { maxPages: 2 },
    );
    expect(paths(r.pages.map((p) => p.url), r.origin)).toEqual(['/', '/b.html']);
    expect(r.linkTargets.find((t) => t.url.endsWith('/a-orphan.html'))).toMatchObject({ skipped: 'max-pages' });
    expect(r.crawl.truncated).toBe(true);
  });
});

describe('external links', () => {
  it('checks each external URL once per run across sites, at most maxExternalLinks per site, first by URL', async () => {
    const ext = await startServer((req, res) => {
      res.writeHead(req.url === '/c-dead' ? 404 : 200, html);
      res.end();
    });
    const extBase = `http://www.other.gov.cn:${ext.port}`;
    const links = ['/d', '/a', '/c-dead', '/b'].map((p) => `<a href="${extBase}${p}">外链</a>`).join('');
    const home = await startServer(routes({ '/': { headers: html, body: page('首页', links) } }));
    const config = testConfig({
      resolve: { 'www.test.gov.cn': ['127.0.0.1'], 'www2.test.gov.cn': ['127.0.0.1'], 'www.other.gov.cn': ['127.0.0.1'] },
      crawl: { maxExternalLinks: 3 },
      sites: [
        { id: 's1', name: '一', unit: '一', homepage: `http://www.test.gov.cn:${home.port}/` },
        { id: 's2', name: '二', unit: '二', homepage: `http://www2.test.gov.cn:${home.port}/` },
      ],
    });
    const fetcher = createFetcher({ config });
    const cache = createExternalLinkCache();
    const events: CrawlEvent[] = [];
    const results = [];
    for (const s of config.sites) results.push(await crawlSite({ site: s, config, fetcher, externalCache: cache, onEvent: (e) => events.push(e) }));
    await fetcher.close();
    await home.close();
    await ext.close();
    expect(ext.log.filter((l) => !l.includes('robots'))).toEqual(['HEAD /a', 'HEAD /b', 'HEAD /c-dead', 'GET /c-dead']);
    for (const r of results) {
      const ext = r.linkTargets.filter((t) => !t.internal).map((t) => [t.url.slice(extBase.length), t.status, t.skipped]);
      expect(ext).toEqual([
        ['/a', 200, undefined],
        ['/b', 200, undefined],
        ['/c-dead', 404, undefined],
        ['/d', null, 'over the limit of 3 external links per site (crawl.maxExternalLinks)'],
      ]);
    }
    expect(events.filter((e) => e.type === 'link' && e.cached).length).toBe(3);
  });

  it('skips external links when checkExternal is off', async () => {
    const r = await crawlOnce(routes({ '/': { headers: html, body: page('首页', '<a href="http://www.other.gov.cn/x">外链</a><a href="ftp://ftp.test.gov.cn/f">ftp</a>') } }), {
      config: { crawl: { checkExternal: false } },
    });
    expect(r.linkTargets.filter((t) => !t.internal).map((t) => [t.url, t.skipped])).toEqual([
      ['ftp://ftp.test.gov.cn/f', 'ftp: links are not checked'],
      ['http://www.other.gov.cn/x', 'external links are not checked (crawl.checkExternal is false)'],
    ]);
  });
});

describe('politeness', () => {
  it('never has more requests in flight to a host than concurrencyPerHost', async () => {
    let inFlight = 0;
    let peak = 0;
    const r = await crawlOnce(
      (req, res) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        const done = () => {
          inFlight--;
        };
        res.on('close', done);
        setTimeout(() => {
          if (req.url === '/') {
            res.writeHead(200, html);
            return res.end(page('首页', Array.from({ length: 12 }, (_, i) => `<a href="/p${i}.html">${i}</a>`).join('')));
          }
          res.writeHead(req.url?.startsWith('/p') ? 200 : 404, html);
          res.end(page('页', ''));
        }, 15);
      },
      { config: { crawl: { concurrencyPerHost: 2 } } },
    );
    expect(r.pages).toHaveLength(13);
    expect(peak).toBe(2);
  });
});
