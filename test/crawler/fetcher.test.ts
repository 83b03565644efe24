import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../crawler/fetcher.ts';
import type { CrawlEvent } from '../../crawler/events.ts';
import { recordingSleep, startServer, testConfig, type TestServer } from './server.ts';

const HOST = 'www.test.gov.cn';
let server: TestServer;
let base: string;
const hits = new Map<string, number>();
const userAgents: string[] = [];
const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
/** A large page that compresses like real text (about 2:1), 3 MB inflated. */
const bigText = gzipSync(Buffer.from(Array.from({ length: 3 * 1024 * 1024 / 8 }, (_, i) => ((i * 2654435761) >>> 0).toString(16).padStart(8, '0')).join('')));
const text = '<html><body>' + '政务公开 '.repeat(200) + '</body></html>';

function hit(path: string): number {
  const n = (hits.get(path) ?? 0) + 1;
  hits.set(path, n);
  return n;
}

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = req.url ?? '/';
    const n = hit(path);
    userAgents.push(String(req.headers['user-agent']));
    switch (path) {
      case '/ok':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end('<title>ok</title>');
      case '/busy-then-ok':
        if (n <= 2) {
          res.writeHead(503, { 'retry-after': '1' });
          return res.end('busy');
        }
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('ok');
      case '/busy-no-header':
        res.writeHead(429);
        return res.end('slow down');
      case '/busy-an-hour':
        res.writeHead(429, { 'retry-after': '3600' });
        return res.end('come back in an hour');
      case '/reset-once':
        if (n === 1) return req.socket.destroy();
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('ok');
      case '/bomb':
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        return res.end(bomb);
      case '/big-gzip':
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        return res.end(bigText);
      case '/gzip':
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        return res.end(gzipSync(text));
      case '/deflate':
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
        return res.end(deflateSync(text));
      case '/deflate-raw':
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
        return res.end(deflateRawSync(text));
      case '/br':
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' });
        return res.end(brotliCompressSync(text));
      case '/not-really-gzip':
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        return res.end(text);
      case '/slow-headers':
        return; // never answers
      case '/trickle': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => res.write('<p>.</p>'), 50);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case '/loop-a':
        res.writeHead(302, { location: '/loop-b' });
        return res.end();
      case '/loop-b':
        res.writeHead(301, { location: `http://${HOST}:${server.port}/loop-a#x` });
        return res.end();
      default: {
        const m = /^\/chain\/(\d+)$/.exec(path);
        if (m) {
          res.writeHead(302, { location: `/chain/${Number(m[1]) + 1}` });
          return res.end();
        }
        res.writeHead(404);
        return res.end();
      }
    }
  });
  base = `http://${HOST}:${server.port}`;
});
afterAll(() => server.close());

const config = (crawl: Record<string, unknown> = {}) => testConfig({ resolve: { [HOST]: ['127.0.0.1'] }, crawl: { maxRetryWaitMs: 5000, ...crawl } });

describe('retries', () => {
  it('waits what Retry-After asks on 503, then succeeds', async () => {
    const { waits, sleep } = recordingSleep();
    const events: CrawlEvent[] = [];
    const f = createFetcher({ config: config(), sleep, onEvent: (e) => events.push(e) });
    const r = await f.fetch(`${base}/busy-then-ok`);
    await f.close();
    expect(r.status).toBe(200);
    expect(r.requests).toBe(3);
    expect(waits).toEqual([1000, 1000]);
    expect(events.filter((e) => e.type === 'retry').map((e) => (e as { reason: string }).reason)).toEqual(['HTTP 503', 'HTTP 503']);
  });

  it('backs off exponentially with jitter when no Retry-After is given, and reports the last answer', async () => {
    const { waits, sleep } = recordingSleep();
    const f = createFetcher({ config: config({ retries: 3 }), sleep });
    const r = await f.fetch(`${base}/busy-no-header`);
    await f.close();
    expect(r.status).toBe(429);
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(500);
    expect(waits[0]).toBeLessThanOrEqual(750);
    expect(waits[1]).toBeGreaterThanOrEqual(1000);
    expect(waits[1]).toBeLessThanOrEqual(1500);
    expect(waits[2]).toBeGreaterThanOrEqual(2000);
    expect(waits[2]).toBeLessThanOrEqual(3000);
    // seeded jitter: the same URL waits the same on another run
    const again = recordingSleep();
    const f2 = createFetcher({ config: config({ retries: 3 }), sleep: again.sleep });
    await f2.fetch(`${base}/busy-no-header`);
    await f2.close();
    expect(again.waits).toEqual(waits);
  });

  it('does not obey a Retry-After of an hour: reports status and wait instead', async () => {
    const { waits, sleep } = recordingSleep();
    const before = hits.get('/busy-an-hour') ?? 0;
    const f = createFetcher({ config: config(), sleep });
    const r = await f.fetch(`${base}/busy-an-hour`);
    await f.close();
    expect(waits).toEqual([]);
    expect(hits.get('/busy-an-hour')! - before).toBe(1);
    expect(r.status).toBe(429);
    expect(r.error).toBeUndefined();
    expect(r.errorMessage).toMatch(/429.*Retry-After 3600 s.*5000 ms cap/);
  });

  it('retries a connection reset', async () => {
    const { waits, sleep } = recordingSleep();
    const f = createFetcher({ config: config(), sleep });
    const r = await f.fetch(`${base}/reset-once`);
    await f.close();
    expect(r.status).toBe(200);
    expect(waits).toHaveLength(1);
  });
});

describe('bodies', () => {
  it('stops a gzip bomb at the decompressed cap', async () => {
    const f = createFetcher({ config: config({ maxBodyBytes: 1024 * 1024 }) });
    const heapBefore = process.memoryUsage().arrayBuffers;
    const r = await f.fetch(`${base}/bomb`);
    await f.close();
    expect(r.status).toBe(200);
    expect(r.truncated).toBe(true);
    expect(r.bytes).toBe(1024 * 1024);
    expect(r.body?.length).toBe(1024 * 1024);
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(15 * 1024 * 1024);
    // what was read, the cap and why: a few KB on the wire inflated past the cap
    expect(r.capped).toMatchObject({ bytesRead: 1024 * 1024, cap: 1024 * 1024, why: 'compression-bomb', encoding: 'gzip' });
    expect(r.capped!.compressedBytes).toBeLessThan(10 * 1024);
  });

  it('tells a large compressed page from a compression bomb', async () => {
    const f = createFetcher({ config: config({ maxBodyBytes: 1024 * 1024 }) });
    const r = await f.fetch(`${base}/big-gzip`);
    await f.close();
    expect(r.capped).toMatchObject({ bytesRead: 1024 * 1024, cap: 1024 * 1024, why: 'too-large', encoding: 'gzip' });
    expect(r.capped!.compressedBytes).toBeGreaterThan(100 * 1024);
  });

  it('decodes gzip, zlib and raw deflate, and brotli; tolerates a false gzip label', async () => {
    const f = createFetcher({ config: config() });
    const got: Record<string, boolean> = {};
    for (const p of ['/gzip', '/deflate', '/deflate-raw', '/br', '/not-really-gzip']) got[p] = (await f.fetch(base + p)).text === text;
    await f.close();
    expect(got).toEqual({ '/gzip': true, '/deflate': true, '/deflate-raw': true, '/br': true, '/not-really-gzip': true });
  });

  it('sends the honest User-Agent', async () => {
    const f = createFetcher({ config: config() });
    await f.fetch(`${base}/ok`);
    await f.close();
    expect(userAgents.at(-1)).toBe('govaudit/0.1 (+mailto:web@test.gov.cn)');
  });
});

describe('timeouts', () => {
  it('gives up on a server that never sends headers', async () => {
    const f = createFetcher({ config: config({ headersTimeoutMs: 300, retries: 0 }) });
    const started = Date.now();
    const r = await f.fetch(`${base}/slow-headers`);
    await f.close();
    expect(r).toMatchObject({ status: null, error: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('ends a body that trickles forever at the overall deadline', async () => {
    const f = createFetcher({ config: config({ requestTimeoutMs: 400, retries: 0 }) });
    const r = await f.fetch(`${base}/trickle`);
    await f.close();
    expect(r.status).toBe(200);
    expect(r.error).toBe('timeout');
    expect(r.truncated).toBe(true);
  });

  it('stops at once when the caller aborts', async () => {
    const f = createFetcher({ config: config({ retries: 0 }) });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const started = Date.now();
    const r = await f.fetch(`${base}/slow-headers`, { signal: ac.signal });
    await f.close();
    expect(r).toMatchObject({ status: null, error: 'network', errorMessage: 'aborted' });
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('redirects', () => {
  it('detects a loop', async () => {
    const f = createFetcher({ config: config() });
    const r = await f.fetch(`${base}/loop-a`);
    await f.close();
    expect(r).toMatchObject({ status: null, error: 'redirect-loop', redirects: [`${base}/loop-a`, `${base}/loop-b`] });
  });

  it('stops after maxRedirects', async () => {
    const f = createFetcher({ config: config({ maxRedirects: 3 }) });
    const r = await f.fetch(`${base}/chain/0`);
    await f.close();
    expect(r).toMatchObject({ status: null, error: 'too-many-redirects' });
    expect(r.redirects).toHaveLength(4);
  });

  it('returns a redirect as is when asked not to follow', async () => {
    const f = createFetcher({ config: config() });
    const r = await f.fetch(`${base}/loop-a`, { followRedirects: false });
    await f.close();
    expect(r).toMatchObject({ status: 302, redirects: [], finalUrl: `${base}/loop-a` });
    expect(r.headers.location).toBe('/loop-b');
  });
});

describe('addresses', () => {
  it('refuses loopback addresses not named in the config, unless private networks are allowed', async () => {
    const direct = `http://127.0.0.1:${server.port}/ok`;
    const before = hits.get('/ok') ?? 0;
    const f = createFetcher({ config: config() });
    expect(await f.fetch(direct)).toMatchObject({ status: null, error: 'blocked-address' });
    await f.close();
    expect(hits.get('/ok') ?? 0).toBe(before);
    const open = createFetcher({ config: config({ allowPrivateNetworks: true }) });
    expect((await open.fetch(direct)).status).toBe(200);
    await open.close();
  });

  it('refuses an unknown host with a dns error', async () => {
    const f = createFetcher({ config: testConfig({ resolve: { 'gone.test.gov.cn': [] } }) });
    expect(await f.fetch('http://gone.test.gov.cn/')).toMatchObject({ status: null, error: 'dns' });
    await f.close();
  });
});

describe('address family pinning', () => {
  let v6: TestServer;
  beforeAll(async () => {
    v6 = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<title>v6</title>');
    }, '::1');
  });
  afterAll(() => v6.close());

  it('fetches over IPv6 when pinned to 6, and fails with dns over 4 for an IPv6-only host', async () => {
    const f = createFetcher({ config: testConfig({ resolve: { 'v6.test.gov.cn': ['::1'] } }) });
    const url = `http://v6.test.gov.cn:${v6.port}/`;
    const over6 = await f.fetch(url, { family: 6 });
    const over4 = await f.fetch(url, { family: 4 });
    await f.close();
    expect(over6).toMatchObject({ status: 200, address: '::1' });
    expect(over4).toMatchObject({ status: null, error: 'dns' });
    expect(over4.errorMessage).toContain('no IPv4 address');
    expect(v6.log).toHaveLength(1);
  });

  it('does not fall back to IPv6 when IPv4 is pinned and refused', async () => {
    const f = createFetcher({ config: testConfig({ resolve: { 'dual.test.gov.cn': ['127.0.0.1', '::1'] } }) });
    const before = v6.log.length;
    const r = await f.fetch(`http://dual.test.gov.cn:${v6.port}/`, { family: 4 });
    const unpinned = await f.fetch(`http://dual.test.gov.cn:${v6.port}/`);
    await f.close();
    expect(r).toMatchObject({ status: null, error: 'refused' });
    expect(unpinned.status).toBe(200);
    expect(v6.log.length - before).toBe(1);
  });
});
