// The browser guard without gaps (issue 28 item 2): with private networks not allowed, no tab of the run's browser
// — an intercepted one (axe, rendered lists, link visibility), one opened without interception, Lighthouse's own —
// ever connects to a loopback address the config did not allow, including a name whose second DNS answer differs
// from the first (DNS rebinding). A canary server on 127.0.0.1 counts every connection it gets.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChrome } from '../../browser/chrome-path.ts';
import { startGuardProxy } from '../../browser/guard-proxy.ts';
import { launchArgs } from '../../browser/launch-args.ts';
import { connectRuleFor, requestGuardFor } from '../../crawler/browser/request-guard.ts';
import { runLighthouse } from '../../crawler/browser/lighthouse-run.ts';
import { BrowserPool, navigate } from '../../crawler/browser/pool.ts';
import { createResolver, notFoundError, type Resolver } from '../../crawler/resolver.ts';

const chrome = findChrome();
const SITE = 'www.guard.gov.cn';
/** A public address per the crawler's rule (TEST-NET-2): the rebinding name's first answer. Never connected to. */
const PUBLIC = '198.51.100.7';
let site: Server;
let canary: Server;
let sitePort: number;
let canaryPort: number;
/** What reached the canary: one entry per connection, and each request's path. */
const canaryConnections: string[] = [];
const canaryRequests: string[] = [];
const siteRequests: string[] = [];

function page(): string {
  const c = canaryPort;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>guard</title></head><body><main><h1>guard</h1>
<img alt="a" src="http://canary.test:${c}/img-name">
<img alt="b" src="http://127.0.0.1:${c}/img-literal">
<img alt="c" src="http://rebind.test:${c}/img-rebind">
<img alt="d" src="http://[::ffff:127.0.0.1]:${c}/img-mapped">
<iframe title="f" src="http://rebind.test:${c}/frame"></iframe>
<script>
fetch('http://canary.test:${c}/fetch').catch(() => {});
try { new WebSocket('ws://canary.test:${c}/ws'); } catch {}
</script></main></body></html>`;
}

/** The crawler's resolver for the site, plus `canary.test` (loopback) and `rebind.test` (public once, then loopback). */
let rebindAnswers = 0;
const siteResolver = (): Resolver => {
  const base = createResolver({ [SITE]: ['127.0.0.1'] });
  return {
    async lookup(host, family) {
      if (host === 'canary.test') return [{ address: '127.0.0.1', family: 4 }];
      if (host === 'rebind.test') return [{ address: rebindAnswers++ === 0 ? PUBLIC : '127.0.0.1', family: 4 }];
      if (host === SITE) return base.lookup(host, family);
      throw notFoundError(host, family);
    },
  };
};

beforeAll(async () => {
  canary = createServer((req: IncomingMessage, res) => {
    canaryRequests.push(req.url ?? '');
    res.end('canary');
  });
  canary.on('connection', (s) => canaryConnections.push(`${s.remoteAddress}`));
  canary.on('upgrade', (req, socket) => {
    canaryRequests.push(`upgrade ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
  canaryPort = (canary.address() as AddressInfo).port;
  site = createServer((req, res) => {
    siteRequests.push(req.url ?? '');
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  sitePort = (site.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const s of [site, canary]) {
    s?.closeAllConnections();
    await new Promise((r) => s?.close(r));
  }
});

describe('the guard proxy', () => {
  it('sends every request through the proxy and lets Chromium resolve no name itself', () => {
    const args = launchArgs({ userDataDir: '/tmp/x', resolve: { [SITE]: ['127.0.0.1'] }, proxyPort: 4321 });
    expect(args.filter((a) => /proxy|resolver|webrtc/.test(a))).toEqual([
      '--proxy-server=http://127.0.0.1:4321',
      '--proxy-bypass-list=<-loopback>',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    ]);
  });

  it('forwards plain HTTP to the checked address and refuses the rest without answering for the site', async () => {
    const proxy = await startGuardProxy(async (host) => (host === SITE ? '127.0.0.1' : null));
    try {
      const { request } = await import('node:http');
      const get = (url: string) =>
        new Promise<string>((resolve) => {
          const req = request({ host: '127.0.0.1', port: proxy.port, path: url, headers: { host: new URL(url).host } }, (res) => {
            let body = '';
            res.on('data', (d) => (body += d));
            res.on('end', () => resolve(`${res.statusCode} ${body.slice(0, 15)}`));
          });
          req.on('error', (e) => resolve(`error ${(e as NodeJS.ErrnoException).code}`));
          req.end();
        });
      expect(await get(`http://${SITE}:${sitePort}/`)).toBe('200 <!doctype html>');
      expect(await get(`http://canary.test:${canaryPort}/direct`)).toBe('error ECONNRESET');
      expect(proxy.refused).toEqual([`canary.test:${canaryPort}`]);
      expect(canaryConnections).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe.skipIf(!chrome)('the run browser behind the guard', () => {
  it('no tab — intercepted, plain or Lighthouse — reaches loopback the config did not allow, rebinding included', async () => {
    const config = { crawl: { allowPrivateNetworks: false }, resolve: { [SITE]: ['127.0.0.1'] }, sites: [{ homepage: `http://${SITE}/`, scope: [] as string[] }] };
    const resolver = siteResolver();
    const rule = connectRuleFor(config as never, resolver)!;
    /** Every address the proxy was allowed to connect to. */
    const connectedTo: string[] = [];
    const pool = await BrowserPool.open({
      executablePath: chrome!,
      resolve: config.resolve,
      concurrency: 1,
      guard: requestGuardFor(config as never, resolver),
      connect: async (host) => {
        const address = await rule(host);
        if (address) connectedTo.push(address);
        // never outside the machine, even if the rule were wrong (then the assertion below fails)
        return address === PUBLIC ? null : address;
      },
    });
    const home = `http://${SITE}:${sitePort}/`;
    try {
      // an intercepted tab, as the axe, rendered-lists and link-visibility gatherers use: the request guard sees the
      // rebinding name's first (public) answer and lets it through; the proxy judges the second one
      const s = pool.session();
      expect(await s.withTab(async (p) => (await navigate(p, home, { timeoutMs: 60_000 }), p.title()), { timeoutMs: 60_000 })).toBe('guard');
      await s.close();
      expect(rebindAnswers).toBeGreaterThanOrEqual(2);

      // a tab nobody intercepts
      const { browser } = await pool.current();
      const plain = await browser.newPage();
      await plain.goto(home, { waitUntil: 'load', timeout: 60_000 });
      expect(await plain.title()).toBe('guard');
      await plain.close();

      // Lighthouse's own tab (it connects by the DevTools port and opens its target itself)
      const lh = await runLighthouse(home, await pool.debuggingPort(), 30_000);
      expect(lh.score).toBeGreaterThan(0);

      expect(canaryConnections).toEqual([]);
      expect(canaryRequests).toEqual([]);
      expect(new Set(connectedTo)).toEqual(new Set(['127.0.0.1']));
      expect(siteRequests.filter((u) => u === '/').length).toBeGreaterThanOrEqual(3);
      // (Chromium's own background requests to its vendor are refused too here: this resolver knows no such name)
      const refused = new Set(pool.refused.filter((r) => r.endsWith(`:${canaryPort}`)).map((r) => r.replace(String(canaryPort), 'C')));
      expect(refused).toEqual(new Set(['canary.test:C', 'rebind.test:C', '127.0.0.1:C', '[::ffff:7f00:1]:C']));
    } finally {
      await pool.close();
    }
  }, 240_000);
});
