// The service's HTTP side: /healthz answers 200 or 503 with the status document; other paths go to the dashboard.
import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { closeHttp, createHttpServer, listen } from '../../scheduler/http.ts';

let server: Server | undefined;
afterEach(async () => {
  if (server) await closeHttp(server);
  server = undefined;
});

async function start(opts: Parameters<typeof createHttpServer>[0]): Promise<string> {
  server = createHttpServer(opts);
  return `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
}

describe('health endpoint and dashboard mount', () => {
  it('answers /healthz with the status as JSON', async () => {
    const base = await start({ health: async () => ({ status: 'ok', running: ['probes'] }) });
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ status: 'ok', running: ['probes'] });
    expect((await fetch(`${base}/`)).status).toBe(404);
  });

  it('answers 503 when stopping or when the status cannot be read', async () => {
    let fail = false;
    const base = await start({ health: async () => (fail ? Promise.reject(new Error('database is locked')) : { status: 'stopping' }) });
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    fail = true;
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', error: 'database is locked' });
  });

  it('hands every other path to the dashboard', async () => {
    const base = await start({ health: async () => ({ status: 'ok' }), dashboard: (req, res) => void res.end(`dashboard ${req.url}`) });
    expect(await (await fetch(`${base}/units/edu?x=1`)).text()).toBe('dashboard /units/edu?x=1');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('the installed dashboard, mounted by serve', () => {
  it('serves its pages beside /healthz, and asks for a token when not bound to loopback', async () => {
    const { parseConfig } = await import('../../config/load.ts');
    const { openSqliteStore } = await import('../../store/sqlite.ts');
    const { loadDashboard } = await import('../../scheduler/http.ts');
    const config = parseConfig({ district: '测试区', sites: [{ id: 'a', name: '甲网站', unit: '甲单位', homepage: 'http://a.example/' }] }, '/tmp/d.json');
    const store = openSqliteStore(':memory:');
    const local = await loadDashboard({ config, store, host: '127.0.0.1' });
    expect(local).toBeTypeOf('function');
    const base = await start({ health: async () => ({ status: 'ok' }), dashboard: local });
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('测试区');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await closeHttp(server!);
    const exposed = await loadDashboard({ config, store, host: '0.0.0.0' });
    const base2 = await start({ health: async () => ({ status: 'ok' }), dashboard: exposed });
    expect((await fetch(`${base2}/`)).status).toBe(401);
    expect((await fetch(`${base2}/healthz`)).status).toBe(200);
    await store.close();
  });
});
