// The SQLite store: runs, site runs, findings and records survive a reopen; previous runs are found by date.
import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { StoredFinding } from '../../store/types.ts';

const finding = (n: number): StoredFinding => ({
  check: 'links', code: 'link.broken', severity: 'minor', siteId: 'portal', url: `http://x/${n}`, message: '链接无法访问',
  evidence: { status: 404 }, identity: `id${n}`, firstSeen: '2026-11-01T00:00:00.000Z', state: 'new',
});

describe('sqlite store', () => {
  it('keeps runs, site runs, findings and records across a reopen', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'govaudit-store-')), 'data');
    let store = openSqliteStore(dir);
    await store.createRun({ id: 'r1', kind: 'audit', asOf: '2026-11-01T02:00:00.000Z', startedAt: '2026-11-01T02:00:00.000Z', siteIds: ['portal'] });
    await store.startSiteRun('r1', 'portal', '2026-11-01T02:00:00.000Z');
    await store.saveFindings('r1', 'portal', [finding(1), finding(2)]);
    await store.saveFindings('r1', 'portal', [finding(1), finding(2)]);
    await store.finishSiteRun({ runId: 'r1', siteId: 'portal', state: 'done', finishedAt: '2026-11-01T02:05:00.000Z', score: 99.8, verdict: '合格', scorecard: { score: 99.8 }, error: null });
    await store.updateRun('r1', { state: 'done', finishedAt: '2026-11-01T02:05:00.000Z' });
    expect(await store.upsertRecords('error-report', [{ key: 'A1', siteKey: '3505020001', data: { a: 1 }, updatedAt: 'x' }])).toEqual({ inserted: 1, updated: 0 });
    expect(await store.upsertRecords('error-report', [{ key: 'A1', siteKey: '3505020001', data: { a: 2 }, updatedAt: 'y' }, { key: 'A1b', siteKey: null, data: {}, updatedAt: 'y' }])).toEqual({ inserted: 1, updated: 1 });
    await store.close();

    store = openSqliteStore(dir);
    expect((await store.getRun('r1'))?.state).toBe('done');
    expect(await store.listFindings('r1')).toHaveLength(2);
    expect((await store.listRecords('error-report', { siteKey: '3505020001' })).map((r) => r.data)).toEqual([{ a: 2 }]);
    await store.createRun({ id: 'r2', kind: 'audit', asOf: '2026-11-02T02:00:00.000Z', startedAt: '2026-11-02T02:00:00.000Z', siteIds: ['portal'] });
    const prev = await store.previousSiteRun('portal', { asOf: '2026-11-02T02:00:00.000Z', runId: 'r2' });
    expect(prev?.runId).toBe('r1');
    expect(prev?.scorecard).toEqual({ score: 99.8 });
    expect(await store.previousSiteRun('portal', { asOf: '2026-11-01T02:00:00.000Z', runId: 'r1' })).toBeNull();
    await store.close();
  });
});
