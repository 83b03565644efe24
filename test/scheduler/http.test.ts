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
