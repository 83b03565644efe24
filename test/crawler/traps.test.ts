import { describe, expect, it } from 'vitest';
import { createTrapGuard, hasRepeatingSegments, pathTrap } from '../../crawler/traps.ts';
import { crawlOnce, page, paths } from './server.ts';

describe('trap guards (pure)', () => {
  it('spots repeating segments and deep paths, and leaves ordinary paths alone', () => {
    expect(pathTrap('/a/b/a/b/')).toBe('repeating-segments');
    expect(pathTrap('/x/a/a/a/y')).toBe('repeating-segments');
    expect(pathTrap('/1/2/3/4/5/6/7/8/9/10/11/12/13')).toBe('path-depth');
    for (const ok of ['/', '/news/2026/11/18/art_1.html', '/col/col123/index.html', '/a/a/b', '/zwgk/zwgk/index.html']) expect(pathTrap(ok), ok).toBeNull();
    expect(hasRepeatingSegments(['x', 'y', 'x', 'z', 'x', 'w', 'x'])).toBe(true);
  });

  it('admits a bounded number of query variants per path, in the order asked', () => {
    const guard = createTrapGuard({ maxQueryVariantsPerPath: 3 });
    const asked = ['/cal', '/cal?m=1', '/cal?m=2', '/cal?m=3', '/cal?m=4', '/other?m=1'].map((p) => `http://www.test.gov.cn${p}`);
    expect(asked.map((u) => guard.admit(u))).toEqual([null, null, null, null, 'query-variants', null]);
  });
});

describe('crawler traps in a crawl', () => {
  it('ends a calendar with endless ?month= variants within the limit', async () => {
    const r = await crawlOnce(
      (req, res) => {
        const u = new URL(req.url ?? '/', 'http://x');
        res.writeHead(u.pathname === '/' || u.pathname === '/calendar' ? 200 : 404, { 'content-type': 'text/html' });
        if (u.pathname === '/') return res.end(page('首页', '<a href="/calendar?month=500">日历</a>'));
        const m = Number(u.searchParams.get('month') ?? 500);
        res.end(page('日历', `<a href="/calendar?month=${m - 1}">上月</a><a href="/calendar?month=${m + 1}">下月</a><a href="/calendar?month=${m}&amp;view=week">周</a>`));
      },
      { config: { maxPages: 1000, crawl: { maxDepth: 100, maxQueryVariantsPerPath: 20 } } },
    );
    const calendarPages = r.pages.filter((p) => p.url.includes('/calendar'));
    expect(calendarPages).toHaveLength(20);
    expect(r.crawl.truncated).toBe(false);
    expect(r.crawl.trapsSkipped.length).toBeGreaterThan(0);
    expect(new Set(r.crawl.trapsSkipped.map((t) => t.guard))).toEqual(new Set(['query-variants']));
    expect(r.log.filter((l) => l.includes('/calendar')).length).toBe(20);
  });

  it('does not follow paths that repeat themselves, and drops session ids', async () => {
    const r = await crawlOnce((req, res) => {
      res.writeHead(/^\/(a|p\.html|$)/.test(req.url ?? '') ? 200 : 404, { 'content-type': 'text/html' });
      if (req.url === '/') return res.end(page('首页', '<a href="/a/b/">a</a><a href="/p.html;jsessionid=123">s1</a><a href="/p.html?PHPSESSID=abc">s2</a><a href="/p.html?sid=9">s3</a>'));
      res.end(page('页', '<a href="a/b/">deeper</a><a href="/p.html;jsessionid=456">s</a>'));
    });
    expect(paths(r.pages.map((p) => p.url), r.origin)).toEqual(['/', '/a/b/', '/p.html']);
    expect(r.crawl.trapsSkipped.map((t) => [t.url.slice(r.origin.length), t.guard])).toEqual([['/a/b/a/b/', 'repeating-segments']]);
    expect(r.log.filter((l) => l.includes('p.html'))).toEqual(['GET /p.html']);
  });
});
