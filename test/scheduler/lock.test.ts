import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock } from '../../scheduler/lock.ts';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite.ts';

let dir: string;
let a: SqliteStore;
let b: SqliteStore;
let clock: Date;
const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govaudit-lock-'));
  a = openSqliteStore(dir);
  b = openSqliteStore(dir);
  clock = new Date('2026-11-20T01:30:00Z');
});
afterEach(async () => {
  await a.close();
  await b.close();
  await rm(dir, { recursive: true, force: true });
});

const opts = (store: SqliteStore, pid: number, extra: Partial<Parameters<typeof acquireLock>[0]> = {}) => ({
  store,
  pid,
  host: 'h1',
  clock: () => clock,
  staleMs: 60_000,
  heartbeatMs: 3_600_000,
  isAlive: () => true,
  ...extra,
});

describe('audit lock', () => {
  it('lets one holder in at a time and names the holder to the other', async () => {
    const first = await acquireLock(opts(a, 100));
    expect(first.acquired).toBe(true);
    const second = await acquireLock(opts(b, 200));
    expect(second).toMatchObject({ acquired: false, holder: { pid: 100, host: 'h1' } });
    if (first.acquired) await first.lock.release();
    const third = await acquireLock(opts(b, 200));
    expect(third.acquired).toBe(true);
    if (third.acquired) expect(third.lock.replaced).toBeNull();
  });

  it('takes over at once from a holder of this host whose process is gone', async () => {
    const first = await acquireLock(opts(a, 100));
    expect(first.acquired).toBe(true);
    const second = await acquireLock(opts(b, 200, { isAlive: (pid) => pid !== 100 }));
    expect(second.acquired).toBe(true);
    if (second.acquired) expect(second.lock.replaced).toMatchObject({ pid: 100 });
    // the old holder learns on its next heartbeat that the lock is gone
    if (first.acquired) expect(await first.lock.beat()).toBe(false);
  });

  it('takes over a row left with its own pid by a previous incarnation (a restarted container)', async () => {
    expect((await acquireLock(opts(a, 1))).acquired).toBe(true);
    const again = await acquireLock(opts(b, 1));
    expect(again.acquired).toBe(true);
    if (again.acquired) expect(again.lock.replaced).toMatchObject({ pid: 1 });
  });

  it('does not judge a process of another host by pid; waits for its heartbeat to go stale', async () => {
    const first = await acquireLock(opts(a, 100, { host: 'h2' }));
    expect(first.acquired).toBe(true);
    tick(30_000);
    if (first.acquired) expect(await first.lock.beat()).toBe(true);
    tick(59_000);
    expect((await acquireLock(opts(b, 200, { isAlive: () => false }))).acquired).toBe(false);
    tick(2_000);
    const late = await acquireLock(opts(b, 200, { isAlive: () => false }));
    expect(late.acquired).toBe(true);
  });

  it('records the run it protects', async () => {
    const first = await acquireLock(opts(a, 100));
    if (!first.acquired) throw new Error('not acquired');
    await first.lock.setRun('run-1');
    expect(await b.getLock('audit')).toMatchObject({ runId: 'run-1', pid: 100 });
    await first.lock.release();
    expect(await b.getLock('audit')).toBeNull();
  });
});
