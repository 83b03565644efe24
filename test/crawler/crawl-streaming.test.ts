import { describe, expect, it } from 'vitest';
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import { crawlSite } from '../../crawler/crawl.ts';
import { createFetcher } from '../../crawler/fetcher.ts';
import { page, routes, startServer, testConfig } from './server.ts';

const html = { 'content-type': 'text/html; charset=utf-8' };
const handler = routes({
  '/': { headers: html, body: page('首页', '<a href="/a.html">甲</a><a href="/b.html">乙</a><img src="/logo.png" alt="标志"><a href="/old">旧</a>') },
  '/a.html': { headers: html, body: page('甲', '<a href="/b.html">乙</a><a href="/missing.html">缺</a><img src="/logo.png" alt="标志">') },
  '/b.html': { headers: html, body: page('乙', '<a href="/a.html">甲</a><img src="/gone.png" alt="">') },
  '/old': { status: 301, headers: { location: '/a.html' } },
  '/logo.png': { headers: { 'content-type': 'image/png' }, body: 'png' },
});

async function crawl(stream: boolean) {
  const server = await startServer(handler);
  const config = testConfig({ resolve: { 'www.test.gov.cn': ['127.0.0.1'] }, homepage: `http://www.test.gov.cn:${server.port}/` });
  const fetcher = createFetcher({ config, sleep: async () => {} });
  const streamed: PageArtifact[] = [];
  try {
    const r = await crawlSite({ site: config.sites[0], config, fetcher, now: () => new Date('2026-11-20T02:00:00Z'), onPage: stream ? async (p) => void streamed.push(p) : undefined });
    return { ...r, streamed, port: server.port };
  } finally {
    await fetcher.close();
    await server.close();
  }
}

describe('crawlSite streaming mode', () => {
  it('hands every page to the sink instead of the result, with the same link targets (pages listed for failed links) and summary', async () => {
    const held = await crawl(false);
    const streamed = await crawl(true);
    const port = (s: string, p: number) => s.replaceAll(`:${p}/`, ':PORT/');
    const view = (pages: PageArtifact[], p: number) =>
      pages
        .map((x) => port(JSON.stringify({ url: x.url, status: x.status, finalUrl: x.finalUrl, depth: x.depth, title: x.title, links: x.links.map((l) => [l.url, l.tag]) }), p))
        .sort();
    expect(streamed.pages).toEqual([]);
    // a redirect to a page crawled on its own carries that page's content only when pages are held
    const own = (pages: PageArtifact[]) => pages.filter((x) => x.links[0]?.tag !== 'redirect');
    expect(view(own(streamed.streamed), streamed.port)).toEqual(view(own(held.pages), held.port));
    expect(view(streamed.streamed, streamed.port).filter((v) => v.startsWith('{"url":"http://www.test.gov.cn:PORT/old"'))).toEqual([
      '{"url":"http://www.test.gov.cn:PORT/old","status":200,"finalUrl":"http://www.test.gov.cn:PORT/a.html","depth":1,"title":null,"links":[["http://www.test.gov.cn:PORT/a.html","redirect"]]}',
    ]);
    // the same targets; where a link was found is kept only for the links that failed (all the links check reports)
    const failedOnly = held.linkTargets.map((t) => (t.status !== null && t.status < 400 && !t.error && !t.soft404Signals && !t.rateLimited ? { ...t, foundOn: [] } : t));
    expect(port(JSON.stringify(streamed.linkTargets), streamed.port)).toBe(port(JSON.stringify(failedOnly), held.port));
    expect(streamed.linkTargets.find((t) => t.url.endsWith('/missing.html'))?.foundOn.map((u) => port(u, streamed.port))).toEqual(['http://www.test.gov.cn:PORT/a.html']);
    expect(streamed.crawl.pagesCrawled).toBe(held.pages.length);
    expect(streamed.linkTargets.filter((t) => t.status === 404).map((t) => port(t.url, streamed.port))).toEqual(['http://www.test.gov.cn:PORT/gone.png', 'http://www.test.gov.cn:PORT/missing.html']);
  });
});
