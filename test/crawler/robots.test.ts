import { describe, expect, it } from 'vitest';
import { parseRobots } from '../../crawler/robots.ts';
import { crawlOnce, page, paths, routes } from './server.ts';

const site = (robots: string) =>
  routes({
    '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: robots },
    '/': { body: page('首页', '<a href="/open.html">公开</a><a href="/private/a.html">内部</a><img src="/private/logo.png">') },
    '/open.html': { body: page('公开', '') },
    '/private/a.html': { body: page('内部', '') },
    '/private/logo.png': { headers: { 'content-type': 'image/png' }, body: 'png' },
  });
const ROBOTS = 'User-agent: *\nDisallow: /private/\n';

describe('robots.txt', () => {
  it('keeps out of disallowed paths when respectRobots is on', async () => {
    const r = await crawlOnce(site(ROBOTS));
    expect(r.log.filter((l) => l.includes('/private/'))).toEqual([]);
    expect(paths(r.pages.map((p) => p.url), r.origin)).toEqual(['/', '/open.html']);
    expect(paths(r.crawl.robotsDisallowed, r.origin)).toEqual(['/private/a.html', '/private/logo.png']);
    expect(r.crawl.robotsRespected).toBe(true);
    const skipped = r.linkTargets.filter((t) => t.skipped).map((t) => [t.url.slice(r.origin.length), t.skipped]);
    expect(skipped).toEqual([
      ['/private/a.html', 'robots'],
      ['/private/logo.png', 'robots'],
    ]);
  });

  it('fetches them when respectRobots is off', async () => {
    const r = await crawlOnce(site(ROBOTS), { site: { respectRobots: false } });
    expect(paths(r.pages.map((p) => p.url), r.origin)).toEqual(['/', '/open.html', '/private/a.html']);
    expect(r.log).toContain('HEAD /private/logo.png');
    expect(r.crawl.robotsDisallowed).toEqual([]);
    expect(r.crawl.robotsRespected).toBe(false);
  });

  it('follows the group for our own token', async () => {
    const r = await crawlOnce(site('User-agent: *\nDisallow: /\n\nUser-agent: govaudit\nDisallow: /private/\n'));
    expect(paths(r.pages.map((p) => p.url), r.origin)).toEqual(['/', '/open.html']);
  });

  it('ends the crawl when the homepage itself is disallowed', async () => {
    const r = await crawlOnce(site('User-agent: *\nDisallow: /\n'));
    expect(r.crawl.fatal).toBe('robots.txt disallows the homepage');
    expect(r.pages).toEqual([]);
    expect(r.log).toEqual(['GET /robots.txt']);
  });

  it('reads sitemaps and crawl-delay', () => {
    const rules = parseRobots('http://www.test.gov.cn/robots.txt', 'User-agent: *\nCrawl-delay: 2\nDisallow: /tmp\nSitemap: http://www.test.gov.cn/sm.xml\n');
    expect(rules.sitemaps).toEqual(['http://www.test.gov.cn/sm.xml']);
    expect(rules.crawlDelayMs).toBe(2000);
    expect(rules.isAllowed('http://www.test.gov.cn/tmp/x')).toBe(false);
    expect(rules.isAllowed('http://www.test.gov.cn/x')).toBe(true);
    expect(rules.isAllowed('http://elsewhere.gov.cn/tmp/x')).toBe(true);
  });
});
