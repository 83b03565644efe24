// 429 and 503 with Retry-After on loopback, through the crawl and the links check: a wait that fits the cap and the
// run's budget is spent and the link checked; a longer one (Retry-After: 3600) is not obeyed, and the link is
// reported as not checked (待复核), never as broken.
import { describe, expect, it } from 'vitest';
import { links } from '../../checks/links.ts';
import { runChecks } from '../../checks/runner.ts';
import type { CheckContext } from '../../checks/types.ts';
import { crawlSite } from '../../crawler/crawl.ts';
import { createFetcher } from '../../crawler/fetcher.ts';
import { page, recordingSleep, startServer, testConfig } from './server.ts';

const html = { 'content-type': 'text/html; charset=utf-8' };

async function crawlAndJudge(budgetMs: number) {
  const asked = new Map<string, number>();
  const server = await startServer((req, res) => {
    const url = req.url ?? '';
    const n = (asked.get(`${req.method} ${url}`) ?? 0) + 1;
    asked.set(`${req.method} ${url}`, n);
    if (url === '/') {
      res.writeHead(200, html);
      return res.end(page('首页', '<a href="/busy.html">忙</a><a href="/down.html">维护</a><img src="/busy.png"><a href="/brief.html">稍候</a><a href="/gone.html">删除</a><a href="/ok.html">正常</a>'));
    }
    if (url === '/busy.html' || url === '/busy.png') {
      res.writeHead(429, { 'retry-after': '3600' });
      return res.end();
    }
    if (url === '/down.html') {
      res.writeHead(503, { 'retry-after': '3600' });
      return res.end();
    }
    if (url === '/brief.html' && n === 1) {
      res.writeHead(429, { 'retry-after': '1' });
      return res.end();
    }
    if (url === '/gone.html') {
      res.writeHead(404, html);
      return res.end(page('404', ''));
    }
    res.writeHead(200, html);
    res.end(page('页面', '<p>内容</p>'));
  });
  const origin = `http://www.test.gov.cn:${server.port}`;
  const config = testConfig({ resolve: { 'www.test.gov.cn': ['127.0.0.1'] }, crawl: { retries: 2, maxRetryWaitMs: 5_000, retryWaitBudgetMs: budgetMs }, sites: [{ id: 'test', name: '测试网站', unit: '测试单位', homepage: `${origin}/` }] });
  const waits = recordingSleep();
  const fetcher = createFetcher({ config, sleep: waits.sleep });
  try {
    const crawl = await crawlSite({ site: config.sites[0], config, fetcher, now: () => new Date('2026-11-20T02:00:00Z') });
    const ctx = { now: new Date('2026-11-20T02:00:00Z'), timezone: 'Asia/Shanghai', config, site: config.sites[0], calendar: {} } as unknown as CheckContext;
    const [result] = runChecks([links], { site: config.sites[0], unavailable: {}, linkTargets: crawl.linkTargets, crawl: crawl.crawl }, ctx);
    const rel = (u: string | null) => (u ?? '').slice(origin.length);
    return { result, rel, waits: waits.waits, asked, targets: crawl.linkTargets };
  } finally {
    await fetcher.close();
    await server.close();
  }
}

describe('rate-limited links (429 / 503 with Retry-After)', () => {
  it('are not checked and never broken when Retry-After asks for an hour; a short wait within the budget is spent and the link checked', async () => {
    const { result, rel, waits, asked, targets } = await crawlAndJudge(60_000);
    expect(result.findings.map((f) => [f.code, rel(f.url), f.severity, f.review ?? false, f.evidence.notCheckedBecause ?? null])).toEqual([
      ['link.broken', '/gone.html', 'minor', false, null],
      ['link.not-checked', '/busy.html', 'info', true, 'wait-over-cap'],
      ['link.not-checked', '/busy.png', 'info', true, 'wait-over-cap'],
      ['link.not-checked', '/down.html', 'info', true, 'wait-over-cap'],
    ]);
    expect(result.findings[1].message).toBe('未检测：服务器要求稍后再访问（HTTP 429，请求过多），要求等待1小时超过单次等待上限（crawl.maxRetryWaitMs），未等待重试；不计为失效链接，请人工复核');
    expect(result.findings[3].evidence).toMatchObject({ status: 503, retryAfterSeconds: 3600 });
    expect(result.metrics).toMatchObject({ broken: 1, brokenOnHomepage: 1, rateLimited: 3 });
    // the one-second wait was obeyed (once), the hour never; a rate-limited HEAD is not followed by a GET
    expect(waits).toEqual([1000]);
    expect(asked.get('GET /brief.html')).toBe(2);
    expect(asked.get('HEAD /busy.png')).toBe(1);
    expect(asked.get('GET /busy.png')).toBe(undefined);
    expect(targets.find((t) => rel(t.url) === '/brief.html')).toMatchObject({ status: 200 });
    expect(targets.find((t) => rel(t.url) === '/busy.html')?.rateLimited).toEqual({ status: 429, retryAfterMs: 3_600_000, why: 'wait-over-cap' });
  });

  it('does not wait beyond the run budget: the link whose short wait no longer fits is not checked either', async () => {
    const { result, rel, waits } = await crawlAndJudge(0);
    expect(waits).toEqual([]);
    expect(result.findings.map((f) => [f.code, rel(f.url), f.evidence.notCheckedBecause ?? null])).toEqual([
      ['link.broken', '/gone.html', null],
      ['link.not-checked', '/brief.html', 'budget-spent'],
      ['link.not-checked', '/busy.html', 'wait-over-cap'],
      ['link.not-checked', '/busy.png', 'wait-over-cap'],
      ['link.not-checked', '/down.html', 'wait-over-cap'],
    ]);
  });
});
