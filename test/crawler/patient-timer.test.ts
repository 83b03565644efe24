// Patient timeouts: time the event loop spends blocked does not count, so an answer that arrived during a block
// is read before the timeout fires; the wall-clock cap still ends the wait.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientTimeout } from '../../util/patient-timer.ts';
import { createFetcher } from '../../crawler/fetcher.ts';
import { testConfig } from './server.ts';

function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // the event loop is busy, as when a huge page is parsed
  }
}

const expired = (t: { fired: boolean }) => new Promise<number>((resolve) => {
  const started = performance.now();
  const poll = setInterval(() => {
    if (t.fired) {
      clearInterval(poll);
      resolve(performance.now() - started);
    }
  }, 5);
});

describe('patientTimeout', () => {
  it('does not count a blocked event loop, and fires after the time it could run', async () => {
    const state = { fired: false };
    patientTimeout(300, () => (state.fired = true));
    block(600);
    await new Promise((r) => setImmediate(r));
    expect(state.fired).toBe(false);
    const after = await expired(state);
    expect(after).toBeGreaterThan(100);
  });

  it('fires at the wall-clock cap when the loop never stops being blocked', async () => {
    const state = { fired: false };
    patientTimeout(100, () => (state.fired = true), 3);
    for (let i = 0; i < 10 && !state.fired; i++) {
      block(90);
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(state.fired).toBe(true);
  });

  it('can be cleared and refreshed', async () => {
    const a = { fired: false };
    const ta = patientTimeout(50, () => (a.fired = true));
    ta.clear();
    const b = { fired: false };
    // wide margins: a loaded CI machine may deschedule this process for a few hundred ms
    const tb = patientTimeout(1500, () => (b.fired = true));
    await new Promise((r) => setTimeout(r, 300));
    tb.refresh();
    await new Promise((r) => setTimeout(r, 300));
    expect(b.fired).toBe(false);
    await expired(b);
    expect(a.fired).toBe(false);
  });
});

describe('fetcher timeouts under a blocked event loop', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<title>ok</title>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('reads an answer that arrived while the loop was blocked longer than every timeout', async () => {
    // blocked 1 s: longer than both timeouts, well inside their wall-clock caps (4 ×: 2 s and 2.4 s), which end a wait
    // however busy the machine (and undici's own timers, a backstop at the same 4 ×)
    const f = createFetcher({ config: testConfig({ resolve: { 'www.test.gov.cn': ['127.0.0.1'] }, crawl: { headersTimeoutMs: 500, requestTimeoutMs: 600, retries: 0 } }) });
    const pending = f.fetch(`http://www.test.gov.cn:${port}/`);
    await new Promise((r) => setTimeout(r, 20));
    block(1_000);
    const r = await pending;
    await f.close();
    expect(r).toMatchObject({ status: 200, text: '<title>ok</title>' });
    expect(r.error).toBeUndefined();
  });
});
