// The shared Store test suite: every backend (SQLite, PostgreSQL) must pass the same assertions.
import { expect, it } from 'vitest';
import type { Store, StoredFinding } from '../../store/types.ts';

const finding = (n: number, state: StoredFinding['state'] = 'new'): StoredFinding => ({
  check: 'links', code: 'link.broken', severity: 'minor', siteId: 'portal', url: `http://x/${n}`, message: '链接无法访问',
  evidence: { status: 404, foundOn: ['http://x/'] }, identity: `id${n}`, firstSeen: '2026-11-01T00:00:00.000Z', state,
});

/** Registers the contract tests; `open(reopen)` opens the backend (the same data when reopen is true). */
export function storeContract(open: (reopen: boolean) => Promise<Store>): void {
  it('keeps runs, site runs, findings, pages and records across a reopen', async () => {
    let store = await open(false);
    await store.createRun({ id: 'r1', kind: 'audit', asOf: '2026-11-01T02:00:00.000Z', startedAt: '2026-11-01T02:00:00.000Z', siteIds: ['portal'] });
    await store.startSiteRun('r1', 'portal', '2026-11-01T02:00:00.000Z');
    await store.savePages('r1', 'portal', [
      { url: 'http://x/', finalUrl: 'http://x/', depth: 0, status: 200, redirects: [], contentType: 'text/html', charset: 'gbk', bytes: 10, fetchedAt: '2026-11-01T02:00:01.000Z', timeMs: 3.4, isHtml: true, title: '鲤城区人民政府', meta: { sitename: '鲤城' }, links: [] },
    ]);
    await store.saveLinkTargets('r1', 'portal', [{ url: 'http://x/404', internal: true, method: 'CRAWL', status: 404, redirects: 0, foundOn: ['http://x/'], onHomepage: true, tags: ['a'] }]);
    await store.saveFindings('r1', 'portal', [finding(1), finding(2)]);
    await store.saveFindings('r1', 'portal', [finding(1), finding(2)]);
    await store.finishSiteRun({ runId: 'r1', siteId: 'portal', state: 'done', finishedAt: '2026-11-01T02:05:00.000Z', score: 99.8, verdict: '合格', scorecard: { score: 99.8 }, error: null });
    await store.updateRun('r1', { state: 'done', finishedAt: '2026-11-01T02:05:00.000Z', summary: { sites: 1 } });
    expect(await store.upsertRecords('error-report', [{ key: 'A1', siteKey: '3505020001', data: { a: 1 }, updatedAt: '2026-11-01T03:00:00.000Z' }])).toEqual({ inserted: 1, updated: 0 });
    expect(
      await store.upsertRecords('error-report', [
        { key: 'A1', siteKey: '3505020001', data: { a: 2 }, updatedAt: '2026-11-01T04:00:00.000Z' },
        { key: 'A1b', siteKey: null, data: {}, updatedAt: '2026-11-01T04:00:00.000Z' },
        { key: 'A0', siteKey: '3505020001', data: { a: 0 }, updatedAt: '2026-11-01T04:00:00.000Z' },
      ]),
    ).toEqual({ inserted: 2, updated: 1 });
    expect(await store.upsertRecords('error-report', [{ key: 'A0', siteKey: '3505020001', data: { a: 0 }, updatedAt: '2026-11-01T05:00:00.000Z' }])).toEqual({ inserted: 0, updated: 0 });
    await store.close();

    store = await open(true);
    const run = await store.getRun('r1');
    expect(run).toMatchObject({ state: 'done', siteIds: ['portal'], summary: { sites: 1 } });
    expect(await store.countPages('r1', 'portal')).toBe(1);
    expect(await store.listFindings('r1')).toEqual([finding(1), finding(2)]);
    expect((await store.listRecords('error-report', { siteKey: '3505020001' })).map((r) => [r.key, r.data])).toEqual([['A0', { a: 0 }], ['A1', { a: 2 }]]);
    expect((await store.listSiteRuns('r1')).map((s) => [s.siteId, s.state, s.score, s.verdict])).toEqual([['portal', 'done', 99.8, '合格']]);

    await store.createRun({ id: 'r2', kind: 'audit', asOf: '2026-11-02T02:00:00.000Z', startedAt: '2026-11-02T02:00:00.000Z', siteIds: ['portal'] });
    const prev = await store.previousSiteRun('portal', { asOf: '2026-11-02T02:00:00.000Z', runId: 'r2' });
    expect(prev?.runId).toBe('r1');
    expect(prev?.scorecard).toEqual({ score: 99.8 });
    expect(await store.previousSiteRun('portal', { asOf: '2026-11-01T02:00:00.000Z', runId: 'r1' })).toBeNull();
    expect((await store.listRuns({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' })).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect((await store.siteHistory('portal', 10)).map((s) => s.runId)).toEqual(['r1']);
    await store.close();
  });

  it('keeps probes and named locks, purges old raw data, and creates a run in the state asked for', async () => {
    const store = await open(false);
    try {
      const probe = (siteId: string, at: string, ok: boolean) => ({ siteId, at, url: `http://${siteId}/`, ok, status: ok ? 200 : null, error: ok ? null : 'timeout', timeMs: 12.6 });
      await store.saveProbes([probe('portal', '2026-11-01T00:00:00.000Z', true), probe('edu', '2026-11-01T00:00:00.000Z', false), probe('portal', '2026-11-02T00:00:00.000Z', true), probe('stats', '2026-10-05T00:00:00.000Z', true)]);
      await store.saveProbes([probe('portal', '2026-11-01T00:00:00.000Z', false)]);
      expect(await store.listProbes({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' })).toEqual([
        { ...probe('edu', '2026-11-01T00:00:00.000Z', false), timeMs: 13 },
        { ...probe('portal', '2026-11-01T00:00:00.000Z', false), timeMs: 13 },
      ]);
      expect((await store.listProbes({ from: '2026-10-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', siteId: 'portal' })).map((p) => [p.at, p.ok])).toEqual([
        ['2026-11-01T00:00:00.000Z', false],
        ['2026-11-02T00:00:00.000Z', true],
      ]);

      const lock = (holder: string, at: string) => ({ name: 'audit', holder, pid: 7, host: 'h', runId: null, acquiredAt: at, heartbeatAt: at });
      expect(await store.acquireLock(lock('a', '2026-11-01T00:00:00.000Z'), { staleBefore: '2026-10-31T23:58:00.000Z' })).toBe(true);
      expect(await store.acquireLock(lock('b', '2026-11-01T00:01:00.000Z'), { staleBefore: '2026-10-31T23:59:00.000Z' })).toBe(false);
      expect(await store.heartbeatLock('audit', 'a', '2026-11-01T00:02:00.000Z', 'r9')).toBe(true);
      expect(await store.heartbeatLock('audit', 'b', '2026-11-01T00:02:00.000Z')).toBe(false);
      expect(await store.getLock('audit')).toEqual({ ...lock('a', '2026-11-01T00:00:00.000Z'), runId: 'r9', heartbeatAt: '2026-11-01T00:02:00.000Z' });
      expect(await store.acquireLock(lock('b', '2026-11-01T00:03:00.000Z'), { staleBefore: '2026-11-01T00:01:00.000Z', replace: 'a' })).toBe(true);
      expect(await store.acquireLock(lock('c', '2026-11-01T00:09:00.000Z'), { staleBefore: '2026-11-01T00:04:00.000Z' })).toBe(true);
      expect(await store.releaseLock('audit', 'b')).toBe(false);
      expect(await store.releaseLock('audit', 'c')).toBe(true);
      expect(await store.getLock('audit')).toBeNull();

      expect((await store.createRun({ id: 'q1', kind: 'audit', asOf: '2026-11-03T02:00:00.000Z', startedAt: '2026-10-03T02:00:00.000Z', siteIds: ['portal'], state: 'queued' })).state).toBe('queued');
      await store.createRun({ id: 'old', kind: 'audit', asOf: '2026-10-01T02:00:00.000Z', startedAt: '2026-10-01T02:00:00.000Z', siteIds: ['portal'] });
      await store.savePages('old', 'portal', [
        { url: 'http://x/', finalUrl: 'http://x/', depth: 0, status: 200, redirects: [], contentType: 'text/html', charset: 'utf-8', bytes: 1, fetchedAt: '2026-11-01T02:00:01.000Z', timeMs: 1, isHtml: true, title: 't', meta: {}, links: [] },
      ]);
      expect(await store.purgeRawData('2026-10-15T00:00:00.000Z')).toEqual({ pages: 0, linkTargets: 0, probes: 1 });
      await store.updateRun('old', { state: 'done' });
      expect(await store.purgeRawData('2026-10-15T00:00:00.000Z')).toEqual({ pages: 1, linkTargets: 0, probes: 0 });
      expect(await store.countPages('old')).toBe(0);
    } finally {
      await store.close();
    }
  });
}
