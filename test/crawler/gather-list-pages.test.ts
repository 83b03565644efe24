// The list-pages gatherer over real HTTP: a policy column paginated by TRS script has its further pages fetched and
// read (one failing page recorded with its reason); a news column whose first page has a dated item is not followed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatherContext, SiteArtifacts } from '../../crawler/gatherer.ts';
import { crawlSite } from '../../crawler/crawl.ts';
import { createFetcher, type Fetcher } from '../../crawler/fetcher.ts';
import { listPagesGatherer } from '../../crawler/gather-list-pages.ts';
import { startServer, testConfig, type TestServer } from './server.ts';

const list = (rows: string, pages: number, current: number) =>
  `<html><head><meta charset="utf-8"><title>列表</title></head><body><ul>${rows}</ul><script>createPageHTML(${pages}, ${current}, "index", "html");</script></body></html>`;
const routes: Record<string, string> = {
  '/': '<html><body><a href="/zcwj/">政策文件</a><a href="/xwdt/">新闻</a></body></html>',
  '/zcwj/': list('<li><a href="/zcwj/t20261105_1.html">甲办法</a><span>2026-11-05</span></li>', 3, 0),
  '/zcwj/index_1.html': list('<li><a href="/zcwj/t20261010_2.html">乙方案</a><span>[10-10]</span></li>', 3, 1),
  '/xwdt/': list('<li><a href="/xwdt/t20261118_3.html">新闻</a><span>2026-11-18</span></li>', 2, 0),
};

let server: TestServer;
let fetcher: Fetcher;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const body = routes[req.url ?? ''];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(body ?? '<title>404</title>');
  });
});
afterAll(async () => {
  await fetcher?.close();
  await server?.close();
});

describe('list-pages gatherer', () => {
  it('follows the policy column through its script pagination, names a failing page, and leaves a dated news column', async () => {
    const origin = `http://www.test.gov.cn:${server.port}`;
    const config = testConfig({
      resolve: { 'www.test.gov.cn': ['127.0.0.1'] },
      homepage: `${origin}/`,
      sites: [{ id: 'test', name: '测试网站', unit: '测试单位', homepage: `${origin}/`, columns: [{ name: '政策文件', url: `${origin}/zcwj/`, kind: 'policy' }, { name: '新闻', url: `${origin}/xwdt/`, kind: 'news' }] }],
    });
    fetcher = createFetcher({ config });
    const site = config.sites[0];
    const crawled = await crawlSite({ site, config, fetcher, keep: { html: true, text: true } });
    const artifacts: SiteArtifacts = { site, unavailable: {}, ...crawled };
    await listPagesGatherer.gather({ site, config, fetcher, now: new Date(), needed: new Set(['listPages']) } as unknown as GatherContext, artifacts);
    expect(artifacts.listPages!.pages.map((p) => [p.url.slice(origin.length), p.status, p.error ?? null, p.listItems.map((i) => [i.title, i.date])])).toEqual([
      ['/zcwj/index_1.html', 200, null, [['乙方案', '2026-10-10']]],
      ['/zcwj/index_2.html', 404, 'HTTP 404', []],
    ]);
  });
});
