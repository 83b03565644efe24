// Homepage probes: outcome per site, the time limit, spreading across sites, storage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../../config/load.ts';
import { runProbes } from '../../scheduler/probe.ts';
import { openSqliteStore } from '../../store/sqlite.ts';

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok/') return res.end('<html>ok</html>');
    if (req.url === '/down/') return (res.statusCode = 503), res.end('busy');
    if (req.url === '/moved/') return (res.statusCode = 302), res.setHeader('location', '/ok/'), res.end();
    // '/hang/': never answers
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function config(spreadSeconds: number) {
  const sites = ['ok', 'down', 'moved', 'hang'].map((id) => ({ id, name: id, unit: 'U', homepage: `http://www.${id}.gov.cn:${port}/${id}/` }));
  const resolve = Object.fromEntries(sites.map((s) => [`www.${s.id}.gov.cn`, ['127.0.0.1']]));
  resolve['www.dns.gov.cn'] = [];
  sites.push({ id: 'dns', name: 'dns', unit: 'U', homepage: 'http://www.dns.gov.cn/' });
  return parseConfig({ district: '测试区', resolve, sites, availability: { probeTimeoutMs: 1000, spreadSeconds } }, '/tmp/d.json');
}

describe('homepage probes', () => {
  it('stores one probe per site: ok, HTTP error, redirect followed, time limit, DNS failure', async () => {
    const store = openSqliteStore(':memory:');
    const clock = () => new Date('2026-11-20T03:00:00Z');
    const waits: number[] = [];
    const probes = await runProbes({ config: config(300), store, clock, sleep: async (ms) => void waits.push(ms) });
    const byId = Object.fromEntries(probes.map((p) => [p.siteId, p]));
    expect(Object.fromEntries(probes.map((p) => [p.siteId, [p.ok, p.status, p.error]]))).toEqual({
      ok: [true, 200, null],
      down: [false, 503, null],
      moved: [true, 200, null],
      hang: [false, null, 'timeout'],
      dns: [false, null, 'dns'],
    });
    expect(byId.hang.timeMs).toBeGreaterThanOrEqual(900);
    expect(byId.hang.timeMs).toBeLessThan(3000);
    // five sites spread over 300 s: one every 60 s
    expect(waits.sort((a, b) => a - b)).toEqual([60_000, 120_000, 180_000, 240_000]);
    // a one-off run (`--once probes`) does not spread
    const oneOff: number[] = [];
    await runProbes({ config: config(300), store: openSqliteStore(':memory:'), clock, spread: false, sleep: async (ms) => void oneOff.push(ms) });
    expect(oneOff).toEqual([]);
    const stored = await store.listProbes({ from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' });
    expect(stored.map((p) => [p.siteId, p.ok, p.at])).toEqual(
      ['dns', 'down', 'hang', 'moved', 'ok'].map((id) => [id, id === 'ok' || id === 'moved', '2026-11-20T03:00:00.000Z']),
    );
    await store.close();
  });

  it('takes no further probe once stopped, and does not count its own stop as a failure', async () => {
    const store = openSqliteStore(':memory:');
    const abort = new AbortController();
    const probes = await runProbes({
      config: config(300),
      store,
      signal: abort.signal,
      onProbe: () => abort.abort(),
      sleep: (_ms, signal) => new Promise((r) => signal!.addEventListener('abort', () => r())),
    });
    expect(probes.map((p) => p.siteId)).toEqual(['ok']);
    await store.close();
  });
});
