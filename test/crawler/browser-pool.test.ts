// The browser pool against a real Chromium and a loopback server: host names from `resolve` (IPv4, IPv6, not
// resolving), at most N pages at once, one incognito context per session, a per-page time limit, a relaunch
// after a crash (an in-flight page is retried), and the temporary profile removed at close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findChrome } from '../../browser/chrome-path.ts';
import { BrowserPool, MAX_TAB_USES, navigate } from '../../crawler/browser/pool.ts';
import { requestGuardFor } from '../../crawler/browser/request-guard.ts';
import { createResolver } from '../../crawler/resolver.ts';

const chrome = findChrome();
const held: ServerResponse[] = [];
const pings: string[] = [];
const hanging: ServerResponse[] = [];
let onHeld: () => void = () => {};
let servers: Server[] = [];
let port = 0;
let pool: BrowserPool;

function handler(req: IncomingMessage, res: ServerResponse) {
  const html = (body: string, headers: Record<string, string> = {}) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
    res.end(`<!doctype html><html lang="zh-CN"><head><title>${body}</title></head><body><p>${body}</p></body></html>`);
  };
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/ok') return html(`ok ${req.socket.localAddress}`);
  if (path === '/cookie-set') return html('set', { 'Set-Cookie': 'sid=abc; Path=/' });
  if (path === '/cookie-echo') return html(`cookie=${req.headers.cookie ?? ''}`);
  if (path === '/hang') return void hanging.push(res);
  if (path === '/ping') {
    pings.push((req.url ?? '').split('?')[1] ?? '');
    res.writeHead(200, { 'Content-Type': 'image/gif' });
    return void res.end(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'));
  }
  if (path === '/to-private') {
    res.writeHead(302, { Location: `http://127.0.0.1:${port}/ping?redirected` });
    return void res.end();
  }
  if (path === '/leaky') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    return void res.end(
      `<!doctype html><title>leaky</title><p>leaky</p>` +
        `<img src="http://127.0.0.1:${port}/ping?literal"><img src="http://localhost:${port}/ping?name">` +
        `<img src="http://www.pool.gov.cn:${port}/ping?trusted"><img src="/to-private"><iframe src="http://[::1]:${port}/ping?frame"></iframe>`,
    );
  }
  if (path === '/leave-guard') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    return void res.end('<!doctype html><title>guarded</title><p>guarded</p><script>addEventListener("beforeunload", (e) => { e.preventDefault(); e.returnValue = "leave?"; }); alert("hello");</script>');
  }
  if (path === '/held') {
    held.push(res);
    return onHeld();
  }
  res.writeHead(404).end();
}
const release = () => {
  for (const r of held.splice(0)) r.writeHead(200, { 'Content-Type': 'text/html' }).end('<title>held</title><p>held</p>');
};
const url = (host: string, path: string) => `http://${host}:${port}${path}`;
const resolve = { 'www.pool.gov.cn': ['127.0.0.1', '::1'], 'v6.pool.gov.cn': ['::1'], 'old.pool.gov.cn': [] as string[] };

beforeAll(async () => {
  const v4 = createServer(handler);
  await new Promise<void>((r) => v4.listen(0, '127.0.0.1', r));
  port = (v4.address() as AddressInfo).port;
  const v6 = createServer(handler);
  await new Promise<void>((r) => v6.listen(port, '::1', r));
  servers = [v4, v6];
  if (chrome) pool = await BrowserPool.open({ executablePath: chrome, resolve, concurrency: 2 });
});

afterAll(async () => {
  const dir = pool ? (await pool.current().catch(() => null))?.userDataDir : undefined;
  await pool?.close();
  if (dir) expect(existsSync(dir)).toBe(false);
  for (const r of [...held, ...hanging]) r.destroy();
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

describe.skipIf(!chrome)('browser pool', { timeout: 180_000 }, () => {
  it('reaches host names of the resolve map over IPv4 and IPv6, and not a host listed with no address', async () => {
    const s = pool.session();
    const title = (u: string) => s.withPage(async (p) => (await p.goto(u), p.title()), { timeoutMs: 60_000 });
    expect(await title(url('www.pool.gov.cn', '/ok'))).toBe('ok 127.0.0.1');
    expect(await title(url('v6.pool.gov.cn', '/ok'))).toBe('ok ::1');
    await expect(title(url('old.pool.gov.cn', '/ok'))).rejects.toThrow(/ERR_NAME_NOT_RESOLVED/);
    await s.close();
  });

  it('gives each session its own incognito context', async () => {
    const a = pool.session();
    const b = pool.session();
    const body = (s: typeof a, path: string) => s.withPage(async (p) => (await p.goto(url('www.pool.gov.cn', path)), p.title()), { timeoutMs: 60_000 });
    await body(a, '/cookie-set');
    expect(await body(a, '/cookie-echo')).toBe('cookie=sid=abc');
    expect(await body(b, '/cookie-echo')).toBe('cookie=');
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps at most `concurrency` pages open at once', async () => {
    const total = 5;
    let active = 0;
    let max = 0;
    let done = 0;
    onHeld = () => {
      if (held.length >= 2 || held.length + done >= total) release();
    };
    const s = pool.session();
    await Promise.all(
      Array.from({ length: total }, () =>
        s.withPage(
          async (p) => {
            max = Math.max(max, ++active);
            await p.goto(url('www.pool.gov.cn', '/held'));
            active--;
            done++;
          },
          { timeoutMs: 60_000 },
        ),
      ),
    );
    onHeld = () => {};
    expect(max).toBe(2);
    await s.close();
  });

  it('stops a page at its time limit and goes on with the next one', async () => {
    const s = pool.session();
    await expect(s.withPage((p) => p.goto(url('www.pool.gov.cn', '/hang')).then(() => 'loaded'), { timeoutMs: 1_500 })).rejects.toThrow(/time limit/);
    expect(await s.withPage(async (p) => (await p.goto(url('www.pool.gov.cn', '/ok')), p.title()), { timeoutMs: 60_000 })).toBe('ok 127.0.0.1');
    await s.close();
  });

  it('relaunches the browser after a crash and retries the page that was open', async () => {
    const s = pool.session();
    const before = pool.restarts;
    const first = await pool.current();
    onHeld = () => {
      if (held.length === 1 && pool.restarts === before) first.browser.process()!.kill('SIGKILL');
      else release();
    };
    const title = await s.withPage(async (p) => (await p.goto(url('www.pool.gov.cn', '/held')), p.title()), { timeoutMs: 60_000 });
    onHeld = () => {};
    expect(title).toBe('held');
    expect(pool.restarts).toBe(before + 1);
    expect(existsSync(first.userDataDir)).toBe(false);
    expect(await s.withPage(async (p) => (await p.goto(url('www.pool.gov.cn', '/ok')), p.title()), { timeoutMs: 60_000 })).toBe('ok 127.0.0.1');
    await s.close();
  });

  it('lends a session one tab for page after page; a tab that failed is replaced, and a page guarding its exit or showing an alert does not stall the next', async () => {
    const s = pool.session();
    const pages: unknown[] = [];
    const visit = (path: string, timeoutMs = 60_000) =>
      s.withTab(async (p) => {
        pages.push(p);
        const response = await navigate(p, url('www.pool.gov.cn', path), { timeoutMs: 60_000 });
        return `${response?.status() ?? 'no response'} ${await p.title()}`;
      }, { timeoutMs });
    expect(await visit('/ok')).toBe('200 ok 127.0.0.1');
    expect(await visit('/leave-guard')).toBe('200 guarded');
    expect(await visit('/ok#top')).toBe('200 ok 127.0.0.1');
    // the same document again (only the fragment differs) is a real load with its response
    expect(await visit('/ok#bottom')).toBe('200 ok 127.0.0.1');
    expect(new Set(pages).size).toBe(1);
    await expect(visit('/hang', 1_500)).rejects.toThrow(/time limit/);
    expect(await visit('/ok')).toBe('200 ok 127.0.0.1');
    expect(pages[pages.length - 1]).not.toBe(pages[0]);
    expect(new Set(pages).size).toBe(2);
    await s.close();
    expect(MAX_TAB_USES).toBeGreaterThan(1);
  });

  it('shares the slots between sessions in turn, and caps the tabs kept open across all of them', async () => {
    const order: string[] = [];
    const visit = (s: ReturnType<BrowserPool['session']>, name: string) =>
      s.withTab(async (p) => {
        order.push(name);
        await navigate(p, url('www.pool.gov.cn', '/ok'), { timeoutMs: 60_000 });
        return p;
      }, { timeoutMs: 60_000 });
    // a site queues twelve pages, then another site one: each slot serves the first site at most 4 pages in a row
    // (default quantum), so the second site's page starts before the first site's tenth
    // (each site has its context and a kept tab first: a new context and tab take long under load, and the order is
    // recorded once a task has its tab, so a cold second site would be measured late through no fault of the turns)
    const a = pool.session();
    const b = pool.session();
    await visit(a, 'warm');
    await visit(b, 'warm');
    order.length = 0;
    await Promise.all([...Array.from({ length: 12 }, (_, i) => visit(a, `a${i + 1}`)), visit(b, 'b1')]);
    expect(order.indexOf('b1')).toBeGreaterThan(0);
    expect(order.indexOf('b1')).toBeLessThan(order.indexOf('a10'));
    // every page of the first site once (two slots run at once, so a3 may start before a2 has its tab)
    expect(order.filter((n) => n !== 'b1').sort((x, y) => Number(x.slice(1)) - Number(y.slice(1)))).toEqual(Array.from({ length: 12 }, (_, i) => `a${i + 1}`));
    await Promise.all([a.close(), b.close()]);
    expect(pool.idleTabs).toBe(0);

    // six sites one page each: at most 2 × concurrency = 4 tabs stay open; the oldest sites' tabs were closed
    const sites = Array.from({ length: 6 }, () => pool.session());
    const first = [];
    for (const [i, s] of sites.entries()) first.push(await visit(s, `s${i}`));
    expect(pool.idleTabs).toBe(4);
    expect(first.map((p) => p.isClosed())).toEqual([true, true, false, false, false, false]);
    expect(await visit(sites[5], 's5 again')).toBe(first[5]);
    expect(await visit(sites[0], 's0 again')).not.toBe(first[0]);
    await Promise.all(sites.map((s) => s.close()));
    expect(pool.idleTabs).toBe(0);
  });

  it('with private networks not allowed, lets a page reach its own configured host only: literal, named, redirected and framed private addresses are refused, even past another handler', async () => {
    const config = { crawl: { allowPrivateNetworks: false }, resolve, sites: [{ homepage: 'http://www.pool.gov.cn/', scope: [] as string[] }] };
    const guarded = await BrowserPool.open({ executablePath: chrome!, resolve, concurrency: 1, guard: requestGuardFor(config as never, createResolver(resolve)) });
    try {
      const s = guarded.session();
      pings.length = 0;
      const title = await s.withPage(
        async (p) => {
          // another handler that would let everything through, as the link-visibility gatherer's does
          await p.setRequestInterception(true);
          p.on('request', (r) => void r.continue(r.continueRequestOverrides(), 0).catch(() => {}));
          await p.goto(url('www.pool.gov.cn', '/leaky'), { waitUntil: 'load' });
          return p.title();
        },
        { timeoutMs: 60_000 },
      );
      expect(title).toBe('leaky');
      expect(pings.sort()).toEqual(['trusted']);
      expect(await s.withTab(async (p) => (await navigate(p, url('www.pool.gov.cn', '/leaky'), { timeoutMs: 60_000 }), p.title()), { timeoutMs: 60_000 })).toBe('leaky');
      expect(pings.sort()).toEqual(['trusted', 'trusted']);
      await s.close();
    } finally {
      await guarded.close();
    }
    // private networks allowed: no guard, nothing intercepted
    expect(requestGuardFor({ ...config, crawl: { allowPrivateNetworks: true } } as never, createResolver(resolve))).toBeNull();
  });
});
