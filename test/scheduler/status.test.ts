// `govaudit status`: current and last runs, next job times and the lock holder, read from the store.
import { describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { parseConfig } from '../../config/load.ts';
import { collectStatus, formatStatus } from '../../scheduler/status.ts';
import { JOB_RECORD_KIND } from '../../scheduler/service.ts';
import { openSqliteStore } from '../../store/sqlite.ts';

describe('status', () => {
  it('shows the running audit with its progress, the last runs, the lock holder and the next job times', async () => {
    const config = parseConfig({ district: '测试区', sites: ['a', 'b'].map((id) => ({ id, name: id, unit: 'U', homepage: `http://${id}.example/` })) }, '/tmp/d.json');
    const store = openSqliteStore(':memory:');
    await store.createRun({ id: 'r1', kind: 'audit', asOf: '2026-11-19T01:30:00+08:00', startedAt: '2026-11-18T17:30:00.000Z', siteIds: ['a', 'b'], state: 'done' });
    await store.createRun({ id: 'r2', kind: 'audit', asOf: '2026-11-20T01:30:00+08:00', startedAt: '2026-11-19T17:30:00.000Z', siteIds: ['a', 'b'] });
    await store.finishSiteRun({ runId: 'r2', siteId: 'a', state: 'done', finishedAt: '2026-11-19T17:40:00.000Z', score: 90, verdict: '合格', scorecard: {}, error: null });
    await store.acquireLock({ name: 'audit', holder: 'x', pid: process.pid, host: hostname(), runId: 'r2', acquiredAt: '2026-11-19T17:30:00.000Z', heartbeatAt: '2026-11-19T17:45:00.000Z' }, { staleBefore: '1970-01-01T00:00:00Z' });
    await store.upsertRecords(JOB_RECORD_KIND, [{ key: 'probes', siteKey: null, data: { lastStartedAt: '2026-11-19T17:00:00.000Z', lastFinishedAt: '2026-11-19T17:05:00.000Z', lastReason: 'scheduled', ok: true, outcome: { ok: true } }, updatedAt: '2026-11-19T17:05:00.000Z' }]);

    const s = await collectStatus({ config, store, clock: () => new Date('2026-11-20T01:46:00+08:00') });
    expect(s.current).toEqual([{ id: 'r2', state: 'running', asOf: '2026-11-19T17:30:00.000Z', startedAt: '2026-11-19T17:30:00.000Z', finishedAt: null, sites: 2, sitesDone: 1, error: null }]);
    expect(s.last.map((r) => [r.id, r.state])).toEqual([['r1', 'done']]);
    expect(s.lock).toMatchObject({ pid: process.pid, runId: 'r2', holderState: 'alive' });
    expect(Object.fromEntries(Object.entries(s.jobs).map(([k, v]) => [k, v.next]))).toEqual({
      audit: '2026-11-21T01:30:00+08:00',
      probes: '2026-11-20T02:00:00+08:00',
      bulletin: '2026-12-01T08:00:00+08:00',
      housekeeping: '2026-11-20T04:00:00+08:00',
      recheck: '2026-11-20T01:50:00+08:00',
    });
    const text = formatStatus(s);
    // Chinese, times local to the district (Asia/Shanghai)
    expect(text).toContain(`检查锁：由 ${hostname()} 进程 ${process.pid} 持有，自 2026-11-20 01:30 起，最近心跳 2026-11-20 01:45（运行中），检查批次 r2`);
    expect(text).toContain('r2  进行中　 检查时点 2026-11-20 01:30');
    expect(text).toContain('网站 1/2');
    expect(text).toMatch(/首页监测\s+0 \* \* \* \*\s+下次 2026-11-20 02:00 {2}上次 2026-11-20 01:00 成功/);
    expect(text).toMatch(/月度通报\s+0 8 1 \* \*\s+下次 2026-12-01 08:00 {2}从未运行/);
    expect(text).not.toMatch(/T\d{2}:\d{2}/); // no ISO instants

    // a heartbeat gone quiet reads as stale
    const later = await collectStatus({ config, store, clock: () => new Date('2026-11-20T02:30:00+08:00') });
    expect(later.lock?.holderState).toBe('stale');
    await store.close();
  });

  it('lists the records to chase of both kinds from the latest audits when asked (govaudit status), not for the health endpoint', async () => {
    const config = parseConfig({ district: '测试区', sites: ['portal', 'edu'].map((id) => ({ id, name: id, unit: 'U', homepage: `http://${id}.example/` })) }, '/tmp/d.json');
    const store = openSqliteStore(':memory:');
    const followUp = (recordId: string, deadline: string, state: string) => ({ followUp: [{ recordId, start: '2026-11-02T09:00:00+08:00', deadline, state }] });
    await store.createRun({ id: 'r1', kind: 'audit', asOf: '2026-11-20T01:30:00+08:00', startedAt: '2026-11-19T17:30:00.000Z', siteIds: ['portal', 'edu'], state: 'done' });
    const scorecards = {
      portal: { auditedAt: '2026-11-20T01:30:00+08:00', metrics: { 'error-reports': followUp('LC-1', '2026-11-20T23:59:59.999+08:00', 'due-today') } },
      edu: { auditedAt: '2026-11-20T01:30:00+08:00', metrics: { 'disclosure-requests': followUp('YSQ-9', '2026-11-05T23:59:59.999+08:00', 'overdue') } },
    };
    for (const [siteId, scorecard] of Object.entries(scorecards)) {
      await store.finishSiteRun({ runId: 'r1', siteId, state: 'done', finishedAt: '2026-11-19T17:40:00.000Z', score: 90, verdict: '合格', scorecard, error: null });
    }
    const clock = () => new Date('2026-11-20T09:00:00+08:00');
    const s = await collectStatus({ config, store, clock, dueSoon: true });
    expect(s.dueSoon?.map((d) => [d.state, d.siteId, d.kind, d.recordId])).toEqual([
      ['overdue', 'edu', 'disclosure-request', 'YSQ-9'],
      ['due-today', 'portal', 'error-report', 'LC-1'],
    ]);
    const text = formatStatus(s);
    expect(text).toContain('待督办的记录（按各网站最近一次检查）：\n');
    expect(text).toContain('  已逾期：edu 依申请公开 YSQ-9，答复期限 2026年11月5日（当日24时前） 已过，尚未答复（检查时点 2026-11-20 01:30）\n');
    expect(text).toContain('  今天到期：portal 纠错留言 LC-1，须于 2026年11月20日（当日24时前）答复（检查时点 2026-11-20 01:30）\n');

    const health = await collectStatus({ config, store, clock });
    expect(health.dueSoon).toBeUndefined();
    expect(formatStatus(health)).not.toContain('待督办的记录');
    await store.close();
  });
});
