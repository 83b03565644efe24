// Run lifecycle across real processes: two processes started together audit once; a kill -9 mid-audit resumes on
// the next start without refetching finished sites and ends with exactly the findings of an uninterrupted run;
// SIGTERM stops gracefully (exit 0 within 10 s, run interrupted, lock freed); the health endpoint answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';
import { setupDistrict, spawnServe, type District } from './serve-support.ts';

const SITES = ['edu', 'market', 'housing', 'culture'];
let district: District;
/** Data folder holding an uninterrupted audit of the district, once one test has made it. */
let referenceData: string | undefined;
beforeAll(async () => {
  district = await setupDistrict({ sites: SITES, delayMs: 40 });
}, 120_000);
afterAll(async () => district?.close());

const once = (data: string, job = 'audit') => spawnServe(['--once', job, '--config', district.configFile, '--data', join(district.dir, data), '--out', join(district.dir, `${data}-out`)]);

async function withStore<T>(data: string, fn: (s: Store) => Promise<T>): Promise<T> {
  const store = openSqliteStore(join(district.dir, data));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Everything a user sees of a run's results: findings per site (all fields) and each site's score and verdict. */
async function results(data: string) {
  return withStore(data, async (store) => {
    const [run] = await store.listRuns({ limit: 1 });
    const sites = await store.listSiteRuns(run.id);
    return {
      state: run.state,
      findings: await store.listFindings(run.id),
      scores: sites.map((s) => [s.siteId, s.state, s.score, s.verdict]),
    };
  });
}

describe('one audit at a time', () => {
  it('of two processes started together, one audits and the other finds the lock held, says by whom, and does not audit', async () => {
    const both = [once('lock'), once('lock')];
    const exits = await Promise.all(both.map((p) => p.exited));
    const winner = both[exits.findIndex((e) => e.code === 0)];
    const loser = both[exits.findIndex((e) => e.code === 1)];
    expect(exits.map((e) => e.code).sort()).toEqual([0, 1]);
    const started = winner.lines.find((l) => l.msg === 'audit started')!;
    expect(started).toBeDefined();
    expect(loser.stderr()).toMatch(new RegExp(`^govaudit serve: another audit is running \\(.* pid ${winner.child.pid} \\(run ${started.runId}, since .*\\)\\); not started\\n$`));
    expect(loser.lines.some((l) => l.msg === 'audit started')).toBe(false);
    await withStore('lock', async (store) => {
      const runs = await store.listRuns();
      expect(runs.map((r) => [r.id, r.state])).toEqual([[started.runId, 'done']]);
    });
    referenceData = 'lock'; // an uninterrupted run of the district: the crash test compares with it
  }, 300_000);
});

describe('crash and resume', () => {
  it('resumes an audit killed with SIGKILL, skips finished sites, and ends with the findings of an uninterrupted run', async () => {
    if (!referenceData) {
      const reference = once('ref');
      expect((await reference.exited).code).toBe(0);
      referenceData = 'ref';
    }
    const expected = await results(referenceData);
    expect(expected.state).toBe('done');
    expect(expected.scores.map((s) => s[0])).toEqual([...SITES].sort());
    expect(expected.findings.length).toBeGreaterThan(0);

    const crashed = once('crash');
    await crashed.waitFor((l) => l.msg === 'site scored');
    crashed.child.kill('SIGKILL');
    expect((await crashed.exited).signal).toBe('SIGKILL');
    const left = await withStore('crash', async (store) => {
      const [run] = await store.listRuns({ limit: 1 });
      const sites = await store.listSiteRuns(run.id);
      return { run, lock: await store.getLock('audit'), done: sites.filter((s) => s.state === 'done').map((s) => s.siteId) };
    });
    expect(left.run.state).toBe('running'); // nobody got to say otherwise
    expect(left.lock?.pid).toBe(crashed.child.pid);
    expect(left.done.length).toBeGreaterThanOrEqual(1);
    expect(left.done.length).toBeLessThan(SITES.length);

    const resumed = once('crash');
    expect((await resumed.exited).code).toBe(0);
    expect(resumed.lines.find((l) => l.msg === 'took over a stale audit lock')).toMatchObject({ replaced: { pid: crashed.child.pid } });
    expect(resumed.lines.find((l) => l.msg === 'resuming interrupted audit')).toMatchObject({ runId: left.run.id, sitesDone: left.done });
    const refetched = resumed.lines.filter((l) => l.msg === 'site started').map((l) => l.siteId as string);
    expect(refetched.sort()).toEqual(SITES.filter((s) => !left.done.includes(s)).sort());

    const final = await results('crash');
    expect(final).toEqual(expected);
    await withStore('crash', async (store) => {
      expect(await store.listRuns()).toHaveLength(1);
      expect(await store.getLock('audit')).toBeNull();
    });
  }, 400_000);
});

describe('graceful stop', () => {
  it('SIGTERM mid-audit: exits 0 within 10 s, keeps finished sites, marks the run interrupted, frees the lock', async () => {
    const run = once('term');
    await run.waitFor((l) => l.msg === 'site scored');
    const sent = Date.now();
    run.child.kill('SIGTERM');
    const exit = await run.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - sent).toBeLessThan(10_000);
    await withStore('term', async (store) => {
      const [r] = await store.listRuns();
      expect(r.state).toBe('interrupted');
      const sites = await store.listSiteRuns(r.id);
      expect(sites.filter((s) => s.state === 'done').length).toBeGreaterThanOrEqual(1);
      expect(sites.some((s) => s.state === 'running')).toBe(false);
      expect(await store.getLock('audit')).toBeNull();
    });
  }, 200_000);

  it('the service answers /healthz and stops on SIGTERM with exit 0', async () => {
    const svc = spawnServe(['--config', district.configFile, '--data', join(district.dir, 'svc'), '--out', join(district.dir, 'svc-out'), '--port', '0']);
    const listening = await svc.waitFor((l) => l.msg === 'listening');
    const res = await fetch(`http://127.0.0.1:${listening.port}/healthz`);
    expect(res.status).toBe(200);
    const health = (await res.json()) as Record<string, unknown> & { jobs: Record<string, { cron: string; next: string }> };
    expect(health).toMatchObject({ status: 'ok', service: 'govaudit', pid: svc.child.pid, timezone: 'Asia/Shanghai', lock: null });
    expect(Object.fromEntries(Object.entries(health.jobs).map(([k, v]) => [k, v.cron]))).toEqual({ audit: '30 1 * * *', probes: '0 * * * *', bulletin: '0 8 1 * *', housekeeping: '0 4 * * *', recheck: '*/5 * * * *' });
    expect((await fetch(`http://127.0.0.1:${listening.port}/nowhere`)).status).toBe(404);
    const sent = Date.now();
    svc.child.kill('SIGTERM');
    const exit = await svc.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - sent).toBeLessThan(10_000);
    expect(svc.lines.some((l) => l.msg === 'stopped')).toBe(true);
  }, 200_000);
});
