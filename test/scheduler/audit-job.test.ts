// Which run the audit job picks: runs left open by a dead process become interrupted; the latest interrupted
// audit is resumed as of its own clock when recent (and, under a forced clock, of the same instant); else a new run.
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { parseConfig } from '../../config/load.ts';
import { runAuditJob } from '../../scheduler/audit-job.ts';
import { createLogger } from '../../scheduler/log.ts';
import { openSqliteStore } from '../../store/sqlite.ts';

// One site whose host does not resolve: an audit of it is quick and needs no server.
const config = parseConfig(
  {
    district: '测试区',
    resolve: { 'www.gone.gov.cn': [] },
    accessibility: { chromePath: '/bin/false' },
    sites: [{ id: 'gone', name: '已关停网站', unit: 'U', homepage: 'http://www.gone.gov.cn/' }],
  },
  '/tmp/d.json',
);
const log = createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const wall = new Date('2026-11-20T02:00:00+08:00');
const clock = () => wall;

describe('audit job: resume or start', () => {
  it('at service start with nothing interrupted, starts nothing', async () => {
    const store = openSqliteStore(':memory:');
    expect(await runAuditJob({ config, store, log, clock, resumeOnly: true })).toEqual({ status: 'nothing-to-resume' });
    expect(await store.listRuns()).toEqual([]);
    expect(await store.getLock('audit')).toBeNull();
    await store.close();
  });

  it('marks a run left running by a dead process interrupted and resumes it as of its own clock', async () => {
    const store = openSqliteStore(':memory:');
    await store.createRun({ id: 'r1', kind: 'audit', asOf: '2026-11-20T01:30:00.000+08:00', startedAt: '2026-11-19T17:30:00.000Z', siteIds: ['gone'] });
    const r = await runAuditJob({ config, store, log, clock, resumeOnly: true });
    expect(r).toMatchObject({ status: 'done', runId: 'r1', resumed: true });
    const run = (await store.getRun('r1'))!;
    // the store keeps the instant and returns it as UTC ISO text
    expect([run.state, run.asOf]).toEqual(['done', '2026-11-19T17:30:00.000Z']);
    expect((await store.getSiteRun('r1', 'gone'))?.state).toBe('done');
    expect(await store.listRuns()).toHaveLength(1);
    await store.close();
  });

  it('leaves an interrupted run older than the resume window alone and starts a new one', async () => {
    const store = openSqliteStore(':memory:');
    await store.createRun({ id: 'old', kind: 'audit', asOf: '2026-11-18T17:30:00.000Z', startedAt: '2026-11-18T17:30:00.000Z', siteIds: ['gone'], state: 'interrupted' });
    expect(await runAuditJob({ config, store, log, clock, resumeOnly: true })).toEqual({ status: 'nothing-to-resume' });
    const r = await runAuditJob({ config, store, log, clock });
    expect(r).toMatchObject({ status: 'done', resumed: false });
    expect((await store.listRuns()).map((x) => [x.id === 'old' ? 'old' : 'new', x.state]).sort()).toEqual([['new', 'done'], ['old', 'interrupted']]);
    await store.close();
  });

  it('under a forced audit clock, resumes only a run of that same instant', async () => {
    const store = openSqliteStore(':memory:');
    await store.createRun({ id: 'other', kind: 'audit', asOf: '2026-11-19T02:00:00.000Z', startedAt: '2026-11-19T17:30:00.000Z', siteIds: ['gone'], state: 'interrupted' });
    const r = await runAuditJob({ config, store, log, clock, now: new Date('2026-11-20T10:00:00+08:00') });
    expect(r).toMatchObject({ status: 'done', resumed: false });
    const fresh = (await store.listRuns()).find((x) => x.id !== 'other')!;
    expect(fresh.asOf).toBe('2026-11-20T02:00:00.000Z');
    expect((await store.getRun('other'))?.state).toBe('interrupted');
    await store.close();
  });
});
