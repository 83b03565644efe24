// `govaudit audit` takes the audit lock that the nightly service takes: while another process (here on another
// host) holds it, a manual audit refuses with exit code 2, names the holder, and starts no run.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.ts';
import { acquireLock } from '../../scheduler/lock.ts';
import { openSqliteStore } from '../../store/sqlite.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govaudit-audit-lock-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('govaudit audit and the audit lock', () => {
  it('refuses while another audit holds the lock, naming the holder, and starts no run', async () => {
    const data = join(dir, 'data');
    const config = join(dir, 'district.json');
    // a site nobody serves: the audit must not get as far as fetching it
    await writeFile(config, JSON.stringify({ district: '测试区', sites: [{ id: 'portal', name: '门户网站', unit: '区政府办', homepage: 'http://127.0.0.1:9/' }] }));
    const store = openSqliteStore(data);
    const held = await acquireLock({ store, host: 'audit-2.internal', pid: 4242, clock: () => new Date() });
    expect(held.acquired).toBe(true);
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await main(['audit', '--config', config, '--data', data, '--out', join(dir, 'out'), '--quiet']);
    } finally {
      vi.restoreAllMocks();
    }
    expect(code).toBe(2);
    expect(err).toMatch(/^govaudit audit: another audit is running on this store \(audit-2\.internal pid 4242 \(since \d{4}-\d\d-\d\dT[\d:.]+Z\)\); wait for it to finish \(govaudit status shows it\) or stop it\n$/);
    expect(await store.listRuns()).toEqual([]);
    if (held.acquired) await held.lock.release();
    await store.close();
  });
});
