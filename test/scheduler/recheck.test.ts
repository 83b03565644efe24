// The service runs the re-check queue on its own: a real site on loopback is audited, a unit marks two findings
// fixed and asks for a re-check, the site is changed (the ID number removed, the site code still missing), and the
// service's `recheck` job — fired by its cron on a fixed clock — re-audits that site: the fixed finding closes with
// the date (已整改), the other reopens with the new evidence. While another audit holds the lock the job waits and
// the request stays queued; it never runs two audits of one store at once — nor while a distributed run is still in
// the workers' hands (re-checks run in the service's process in both modes).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/load.ts';
import { listRectifications, listRechecks, queueRecheck, saveRectification } from '../../reports/rectification.ts';
import { runAudit } from '../../scheduler/audit.ts';
import { runRecheckPass } from '../../scheduler/recheck.ts';
import { createJobs } from '../../scheduler/jobs.ts';
import { acquireLock } from '../../scheduler/lock.ts';
import { createLogger } from '../../scheduler/log.ts';
import { createService, JOB_RECORD_KIND, type JobRecord } from '../../scheduler/service.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import { createVirtualCron } from './virtual-cron.ts';

let server: Server;
let port: number;
// what the site publishes: a notice with a resident's ID number until the unit removes it
let notice = '<p>公示：张三，身份证号码 11010519491231002X，联系电话见附件。</p>';
const page = (body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>测试局</title></head><body><h1>测试局</h1><a href="/notice.html">公示</a>${body}<footer>主办单位：测试局 联系电话：0595-22000000</footer></body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/' || req.url === '/notice.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(req.url === '/' ? '' : notice));
    } else {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('<p>页面不存在</p>'));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const quiet = () => createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });

describe('the service runs queued re-checks', { timeout: 120_000 }, () => {
  it('closes the finding fixed on the site (已整改 with the date) and reopens the one still there, with the new evidence', async () => {
    const config = parseConfig(
      {
        district: '测试区',
        resolve: { 'www.test.gov.cn': ['127.0.0.1'] },
        accessibility: { maxPages: 1, lighthouse: false },
        screenshots: { enabled: false },
        sites: [{ id: 'test', name: '测试局网站', unit: '测试局', homepage: `http://www.test.gov.cn:${port}/` }],
      },
      '/tmp/d.json',
    );
    const store = openSqliteStore(':memory:');
    const first = (await runAudit({ config, store, now: new Date('2026-11-20T01:30:00+08:00') })).scorecards[0];
    const idNumber = first.findings.find((f) => f.code === 'privacy.id-number');
    const siteCode = first.findings.find((f) => f.code === 'identity.missing-site-code');
    expect([idNumber?.url, siteCode?.url]).toEqual([`http://www.test.gov.cn:${port}/notice.html`, `http://www.test.gov.cn:${port}/`]);
    for (const f of [idNumber!, siteCode!])
      await saveRectification(store, { siteId: 'test', identity: f.identity, message: f.message, note: '已整改', by: '测试局信息科', at: '2026-11-23T02:00:00.000Z', status: 'claimed' });
    await queueRecheck(store, { siteId: 'test', by: '测试局信息科', at: '2026-11-23T02:00:00.000Z', state: 'queued' });

    // the unit removes the ID number; the site code is still missing
    notice = '<p>公示：张三，联系电话见附件。</p>';

    const cron = createVirtualCron(new Date('2026-11-23T10:01:00+08:00'));
    const jobs = createJobs({ config, store, clock: cron.clock });
    const none = async () => ({ ok: true });
    const service = createService({ config, store, log: quiet(), scheduler: cron.scheduler, clock: cron.clock, jobs: { audit: none, probes: none, bulletin: none, housekeeping: none, recheck: jobs.recheck } });
    service.start();
    expect(service.nextRuns().recheck).toBe('2026-11-23T02:05:00.000Z');

    // 10:05: the nightly audit of another process holds the lock — the re-check waits, the request stays queued
    const other = await acquireLock({ store, pid: 1, host: 'other-host' });
    expect(other.acquired).toBe(true);
    await cron.advanceTo(new Date('2026-11-23T10:05:00+08:00'));
    expect((await listRechecks(store)).map((r) => r.data.state)).toEqual(['queued']);
    expect((await store.listRecords<JobRecord>(JOB_RECORD_KIND)).find((r) => r.key === 'recheck')?.data.outcome).toMatchObject({ ok: true, deferred: expect.stringContaining('another audit holds the lock') });
    if (other.acquired) await other.lock.release();

    // 10:10: the lock is free; the re-check runs against the changed site
    await cron.advanceTo(new Date('2026-11-23T10:10:00+08:00'));
    const requests = await listRechecks(store);
    expect(requests.map((r) => r.data.state)).toEqual(['done']);
    const claims = new Map((await listRectifications(store, 'test')).map((r) => [r.identity, r]));
    expect([claims.get(idNumber!.identity)?.status, claims.get(idNumber!.identity)?.checkedAt]).toEqual(['closed', '2026-11-23T02:10:00.000Z']);
    expect([claims.get(siteCode!.identity)?.status, claims.get(siteCode!.identity)?.checkedAt]).toEqual(['reopened', '2026-11-23T02:10:00.000Z']);
    expect(claims.get(siteCode!.identity)?.evidence).toBeDefined();
    const recheckRun = (await store.listRuns()).find((r) => r.kind === 'recheck');
    expect([recheckRun?.id, recheckRun?.state, recheckRun?.siteIds]).toEqual([requests[0].data.runId, 'done', ['test']]);
    expect((await store.listRecords<JobRecord>(JOB_RECORD_KIND)).find((r) => r.key === 'recheck')?.data.outcome).toMatchObject({ ok: true, sites: 1, closed: 1, reopened: 1 });
    expect(await store.getLock('audit')).toBeNull();

    // 10:15: nothing queued — the job does nothing and does not touch the lock
    await cron.advanceTo(new Date('2026-11-23T10:15:00+08:00'));
    expect((await store.listRuns()).filter((r) => r.kind === 'recheck')).toHaveLength(1);
    await service.stop(1_000);
    await store.close();
  });

  it('waits while a distributed run is still in the workers\' hands, and runs once it is over', async () => {
    const config = parseConfig({ district: '测试区', resolve: { 'www.gone.gov.cn': [] }, sites: [{ id: 'gone', name: '已关停网站', unit: 'U', homepage: 'http://www.gone.gov.cn/' }] }, '/tmp/d.json');
    const store = openSqliteStore(':memory:');
    await store.createRun({ id: 'night', kind: 'distributed-audit', asOf: '2026-11-22T17:30:00.000Z', startedAt: '2026-11-22T17:30:00.000Z', siteIds: ['gone'] });
    await queueRecheck(store, { siteId: 'gone', by: 'U', at: '2026-11-23T01:00:00.000Z', state: 'queued' });
    const now = () => new Date('2026-11-23T10:00:00+08:00');
    expect(await runRecheckPass({ config, store, now })).toEqual({ status: 'deferred', reason: 'distributed run night is still running' });
    expect((await listRechecks(store)).map((r) => r.data.state)).toEqual(['queued']);
    expect(await store.getLock('audit')).toBeNull();
    await store.updateRun('night', { state: 'done', finishedAt: '2026-11-22T19:00:00.000Z' });
    const pass = await runRecheckPass({ config, store, now });
    expect(pass.status === 'done' ? pass.outcomes.map((o) => [o.siteId, o.closed, o.reopened, o.error ?? null]) : pass).toEqual([['gone', [], [], null]]);
    expect((await listRechecks(store)).map((r) => r.data.state)).toEqual(['done']);
    expect(await runRecheckPass({ config, store, now })).toEqual({ status: 'idle' });
    await store.close();
  });
});
