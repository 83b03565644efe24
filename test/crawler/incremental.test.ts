// Incremental crawls against a loopback site that honours ETag / Last-Modified, with a real SQLite store as the cache:
// the second night asks conditionally, rebuilds 304s from the stored answers into the same pages a full crawl gives,
// reparses what changed, and rechecks only the link targets that were broken or whose healthy check is too old.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';
import { comparable, crawlNight, requests, startIncrementalSite, type Doc, type IncrementalSite } from './incremental-site.ts';
import { page } from './server.ts';

const NIGHT1 = '2026-12-01T18:00:00.000Z';
const NIGHT2 = '2026-12-02T18:00:00.000Z';
const LATER = '2026-12-10T18:00:00.000Z';
const LAST_MODIFIED = 'Mon, 30 Nov 2026 08:00:00 GMT';

/** A site of seven pages: five with validators (one by date only), one without; a healthy and a missing image. */
function docs(): Record<string, Doc> {
  const filler = '<p>' + '区人民政府办公室关于做好年度政务公开工作的通知。'.repeat(40) + '</p>';
  return {
    '/': { body: page('测试区人民政府', '<a href="/a.html">通知一</a><a href="/b.html">通知二</a><a href="/c.html">通知三</a><a href="/dated.html">按日期</a><a href="/plain.html">无校验</a><img src="/logo.png" alt="标志"><img src="/missing.png" alt="缺图">' + filler) },
    '/a.html': { body: page('通知一', '<a href="/">首页</a>' + filler) },
    '/b.html': { body: page('通知二', '<a href="/a.html">通知一</a>' + filler) },
    '/c.html': { body: page('通知三', filler) },
    '/dated.html': { body: page('按日期', filler), etag: false, lastModified: LAST_MODIFIED },
    '/plain.html': { body: page('无校验', filler), etag: false },
    '/logo.png': { body: Buffer.alloc(2_000, 1), type: 'image/png' },
  };
}

let site: IncrementalSite;
let store: Store;
let dir: string;

beforeEach(async () => {
  site = await startIncrementalSite(docs());
  dir = await mkdtemp(join(tmpdir(), 'govaudit-incremental-'));
  store = await openSqliteStore(join(dir, 'data'));
});

afterEach(async () => {
  await store.close();
  await site.close();
  await rm(dir, { recursive: true, force: true });
});

const pagesOf = ['GET /', 'GET /a.html', 'GET /b.html', 'GET /c.html', 'GET /dated.html', 'GET /plain.html'];

describe('incremental crawl', () => {
  it('sends conditional requests the second night, rebuilds each 304 from the stored answer, and gives the pages a full crawl gives', async () => {
    const first = await crawlNight(site, store, { now: NIGHT1 });
    expect(requests(first, (e) => e.conditional !== null)).toEqual([]);
    expect(first.stats).toMatchObject({ conditional: 0, notModified: 0, stored: 5 });

    // the second night keeps text and HTML although the first did not: the stored answer is the body, so they are there
    const keep = { text: true, html: true };
    const second = await crawlNight(site, store, { now: NIGHT2, keep });
    expect(requests(second, (e) => e.conditional === 'etag')).toEqual(['GET /', 'GET /a.html', 'GET /b.html', 'GET /c.html']);
    expect(requests(second, (e) => e.conditional === 'date')).toEqual(['GET /dated.html']);
    expect(requests(second, (e) => e.status === 304)).toEqual(['GET /', 'GET /a.html', 'GET /b.html', 'GET /c.html', 'GET /dated.html']);
    expect(requests(second, (e) => e.path === '/plain.html')).toEqual(['GET /plain.html']);
    expect(second.stats).toMatchObject({ conditional: 5, notModified: 5, refetched: 0 });
    const pageBytes = (n: typeof first) => n.exchanges.filter((e) => pagesOf.includes(`${e.method} ${e.path}`)).reduce((s, e) => s + e.bytes, 0);
    // only the page without validators is sent again
    expect(pageBytes(second)).toBe(Buffer.byteLength(site.docs.get('/plain.html')!.body));
    expect(pageBytes(first)).toBeGreaterThan(5 * pageBytes(second));

    // the healthy image is not checked again within the week; the missing one is
    expect(requests(second, (e) => e.path.endsWith('.png'))).toEqual(['GET /missing.png', 'HEAD /missing.png']);
    expect(second.stats.linksReused).toBe(1);

    const full = await crawlNight(site, store, { now: NIGHT2, keep, full: true });
    expect(requests(full, (e) => e.conditional !== null)).toEqual([]);
    expect(requests(full, (e) => e.path.endsWith('.png'))).toEqual(['GET /missing.png', 'HEAD /logo.png', 'HEAD /missing.png']);
    expect(second.pages.map(comparable)).toEqual(full.pages.map(comparable));
    expect(second.pages.find((p) => p.url === `${site.origin}/a.html`)?.html).toBe(site.docs.get('/a.html')!.body);
    expect(second.linkTargets).toEqual(full.linkTargets);
    expect(second.linkTargets.filter((t) => t.status === 404).map((t) => t.url)).toEqual([`${site.origin}/missing.png`]);
  });

  it('reparses a changed page, and rechecks a healthy link once its check is older than recheckHealthyAfterDays', async () => {
    await crawlNight(site, store, { now: NIGHT1 });
    site.docs.set('/b.html', { body: page('通知二（更正）', '<a href="/a.html">通知一</a><a href="/new.html">新页</a><img src="/gone.png" alt="已删">') });
    site.docs.set('/new.html', { body: page('新页', '<p>新</p>') });

    const second = await crawlNight(site, store, { now: NIGHT2 });
    expect(requests(second, (e) => e.status === 304)).toEqual(['GET /', 'GET /a.html', 'GET /c.html', 'GET /dated.html']);
    expect(requests(second, (e) => e.path === '/b.html')).toEqual(['GET /b.html']);
    expect(second.stats).toMatchObject({ conditional: 5, notModified: 4, stored: 2 });
    const full = await crawlNight(site, store, { now: NIGHT2, full: true });
    expect(second.pages.map(comparable)).toEqual(full.pages.map(comparable));
    expect(second.linkTargets).toEqual(full.linkTargets);
    expect(second.pages.find((p) => p.url === `${site.origin}/b.html`)?.title).toBe('通知二（更正）');
    expect(second.linkTargets.filter((t) => t.status === 404).map((t) => t.url)).toEqual([`${site.origin}/gone.png`, `${site.origin}/missing.png`]);

    // the changed page was stored anew: the night after, it too is a 304
    const third = await crawlNight(site, store, { now: '2026-12-03T18:00:00.000Z' });
    expect(requests(third, (e) => e.status === 304)).toEqual(['GET /', 'GET /a.html', 'GET /b.html', 'GET /c.html', 'GET /dated.html', 'GET /new.html']);
    expect(requests(third, (e) => e.path.endsWith('.png'))).toEqual(['GET /gone.png', 'GET /missing.png', 'HEAD /gone.png', 'HEAD /missing.png']);

    // more than seven days after the image's last real check (the full crawl's, NIGHT2): checked again
    const later = await crawlNight(site, store, { now: LATER });
    expect(requests(later, (e) => e.path.endsWith('.png'))).toEqual(['GET /gone.png', 'GET /missing.png', 'HEAD /gone.png', 'HEAD /logo.png', 'HEAD /missing.png']);
    // recheckHealthyAfterDays 0: every link every night
    const always = await crawlNight(site, store, { now: LATER, crawl: { incremental: { recheckHealthyAfterDays: 0 } } });
    expect(requests(always, (e) => e.method === 'HEAD')).toEqual(['HEAD /gone.png', 'HEAD /logo.png', 'HEAD /missing.png']);

    // a page and an image the site no longer links are forgotten after a complete crawl
    site.docs.set('/', { body: page('测试区人民政府', '<a href="/a.html">通知一</a><a href="/b.html">通知二</a><img src="/missing.png" alt="缺图">') });
    await crawlNight(site, store, { now: LATER });
    expect((await store.listPageCache('test')).map((r) => r.url.slice(site.origin.length))).toEqual(['/', '/a.html', '/b.html', '/new.html']);
    expect((await store.listLinkChecks('test')).map((r) => r.url.slice(site.origin.length))).toEqual(['/gone.png', '/missing.png']);
  });

  it('fetches a page in full when a 304 cannot be used, or the stored answer is too old or larger than the cap', async () => {
    await crawlNight(site, store, { now: NIGHT1 });
    // a stored answer that no longer reads (a torn write, an older format): the 304 is not trusted, the page fetched again
    const row = (await store.getPageCache('test', `${site.origin}/a.html`))!;
    await store.savePageCache([{ ...row, payload: 'bm90IGd6aXA=' }]);
    const second = await crawlNight(site, store, { now: NIGHT2 });
    expect(requests(second, (e) => e.path === '/a.html')).toEqual(['GET /a.html', 'GET /a.html']);
    expect(second.stats).toMatchObject({ notModified: 4, refetched: 1 });
    const full = await crawlNight(site, store, { now: NIGHT2, full: true });
    expect(second.pages.map(comparable)).toEqual(full.pages.map(comparable));

    // 31 days after the full crawl stored them (crawl.incremental.refetchAfterDays 30): no conditional request
    const old = await crawlNight(site, store, { now: '2027-01-02T18:00:00.000Z' });
    expect(requests(old, (e) => e.conditional !== null)).toEqual([]);
    // a body cap below what was stored: the stored answer would be cut differently, so the page is fetched again
    const capped = await crawlNight(site, store, { now: '2027-01-03T18:00:00.000Z', crawl: { maxBodyBytes: 1024 } });
    expect(capped.stats).toMatchObject({ conditional: 5, notModified: 0, refetched: 5 });
    const cappedFull = await crawlNight(site, store, { now: '2027-01-03T18:00:00.000Z', crawl: { maxBodyBytes: 1024 }, full: true });
    expect(capped.pages.map(comparable)).toEqual(cappedFull.pages.map(comparable));
    expect(capped.pages.filter((p) => p.capped).map((p) => p.url.slice(site.origin.length))).toEqual(['/', '/a.html', '/b.html', '/c.html', '/dated.html', '/plain.html']);

    // crawl.incremental.enabled false is the scheduler's business (no cache opened); --full is this:
    const forced = await crawlNight(site, store, { now: '2027-01-03T19:00:00.000Z', full: true });
    expect(requests(forced, (e) => e.conditional !== null)).toEqual([]);
  });
});
