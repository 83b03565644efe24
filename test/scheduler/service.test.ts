// The service's cron wiring on a fixed clock (no real waiting), one instance per job, graceful stop and job records.
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { parseConfig } from '../../config/load.ts';
import { createJobs } from '../../scheduler/jobs.ts';
import { createLogger } from '../../scheduler/log.ts';
import { createService, nodeCronScheduler, JOB_RECORD_KIND, type JobFn, type JobId, type JobRecord } from '../../scheduler/service.ts';
import { nextRuns } from '../../scheduler/cron.ts';
import { toOffsetIso } from '../../calendar/timezone.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import { createVirtualCron } from './virtual-cron.ts';

// re-checks once a day here: the virtual cron would otherwise fire the default every five minutes for eleven days
const raw = { district: '测试区', sites: [{ id: 'a', name: 'A', unit: 'U', homepage: 'http://a.example/' }], schedule: { recheck: '15 3 * * *' } };
const config = parseConfig(raw, '/tmp/d.json');
const quiet = () => createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const local = (iso: string) => toOffsetIso(new Date(iso), 'Asia/Shanghai');

describe('cron wiring on a fixed clock', () => {
  it('fires each job at its district-time schedule over eleven days, and the bulletin for the previous month', async () => {
    const cron = createVirtualCron(new Date('2026-11-20T10:00:00+08:00'));
    const store = openSqliteStore(':memory:');
    const calls: Record<JobId, string[]> = { audit: [], probes: [], bulletin: [], housekeeping: [], recheck: [] };
    const record = (id: JobId): JobFn => async (ctx) => (calls[id].push(local(ctx.startedAt.toISOString())), { ok: true });
    const months: string[] = [];
    const writeBulletin = async (o: { month: string; outDir: string }) => (months.push(`${o.month} → ${o.outDir}`), { files: {}, warnings: [] });
    const real = createJobs({ config, store, clock: cron.clock, outDir: '/srv/out', writeBulletin });
    const service = createService({ config, store, log: quiet(), scheduler: cron.scheduler, clock: cron.clock, jobs: { audit: record('audit'), probes: record('probes'), housekeeping: record('housekeeping'), recheck: record('recheck'), bulletin: async (ctx) => (calls.bulletin.push(local(ctx.startedAt.toISOString())), real.bulletin(ctx)) } });
    service.start();
    expect(service.nextRuns()).toEqual({ audit: '2026-11-20T17:30:00.000Z', probes: '2026-11-20T03:00:00.000Z', bulletin: '2026-12-01T00:00:00.000Z', housekeeping: '2026-11-20T20:00:00.000Z', recheck: '2026-11-20T19:15:00.000Z' });

    await cron.advanceTo(new Date('2026-12-01T09:00:00+08:00'));

    const days = Array.from({ length: 11 }, (_, i) => `2026-${i < 10 ? `11-${21 + i}` : '12-01'}`);
    expect(calls.audit).toEqual(days.map((d) => `${d}T01:30:00+08:00`));
    expect(calls.housekeeping).toEqual(days.map((d) => `${d}T04:00:00+08:00`));
    expect(calls.recheck).toEqual(days.map((d) => `${d}T03:15:00+08:00`));
    expect(calls.bulletin).toEqual(['2026-12-01T08:00:00+08:00']);
    expect(months).toEqual(['2026-11 → /srv/out/bulletins']);
    // hourly probes: 11:00 on the 20th to 09:00 on 1 December, 24 on every whole day (the rule needs ≥ 20)
    expect(calls.probes.length).toBe(263);
    expect(calls.probes[0]).toBe('2026-11-20T11:00:00+08:00');
    const perDay = new Map<string, number>();
    for (const t of calls.probes) perDay.set(t.slice(0, 10), (perDay.get(t.slice(0, 10)) ?? 0) + 1);
    for (const d of days.slice(0, 10)) expect(perDay.get(d)).toBe(24);

    const records = new Map((await store.listRecords<JobRecord>(JOB_RECORD_KIND)).map((r) => [r.key, r.data]));
    expect(records.get('audit')).toMatchObject({ lastStartedAt: '2026-11-30T17:30:00.000Z', ok: true, lastReason: 'scheduled' });
    expect(records.get('bulletin')).toMatchObject({ ok: true, outcome: { ok: true, status: 'done', month: '2026-11' } });
    await service.stop(1_000);
    await store.close();
  });

  it('follows the configured expressions and time zone', async () => {
    const cfg = parseConfig({ ...raw, timezone: 'UTC', schedule: { audit: '0 22 * * 1-5', probes: '*/30 * * * *', recheck: '15 3 * * *' } }, '/tmp/d.json');
    const cron = createVirtualCron(new Date('2026-11-20T00:00:00Z')); // a Friday
    const store = openSqliteStore(':memory:');
    const seen: string[] = [];
    const job: JobFn = async (ctx) => (seen.push(ctx.startedAt.toISOString()), { ok: true });
    const none: JobFn = async () => ({ ok: true });
    const service = createService({ config: cfg, store, log: quiet(), scheduler: cron.scheduler, clock: cron.clock, jobs: { audit: job, probes: none, bulletin: none, housekeeping: none, recheck: none } });
    service.start();
    await cron.advanceTo(new Date('2026-11-25T00:00:00Z'));
    expect(seen).toEqual(['2026-11-20T22:00:00.000Z', '2026-11-23T22:00:00.000Z', '2026-11-24T22:00:00.000Z']);
    expect(cron.fired.filter((f) => f.name === 'govaudit-probes')).toHaveLength(5 * 48);
    await store.close();
  });

  it('registers with node-cron in the district zone (its next time agrees with ours)', async () => {
    const task = nodeCronScheduler.schedule('30 1 * * *', async () => undefined, { timezone: 'Asia/Shanghai', name: 'govaudit-test' }) as unknown as { getNextRun(): Date; destroy(): void };
    try {
      expect(task.getNextRun().toISOString()).toBe(nextRuns('30 1 * * *', 'Asia/Shanghai', new Date(), 1)[0].toISOString());
    } finally {
      task.destroy();
    }
  });
});

describe('running jobs', () => {
  it('runs one instance of a job at a time', async () => {
    const store = openSqliteStore(':memory:');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let starts = 0;
    const slow: JobFn = async () => (starts++, await gate, { ok: true });
    const none: JobFn = async () => ({ ok: true });
    const service = createService({ config, store, log: quiet(), jobs: { audit: slow, probes: none, bulletin: none, housekeeping: none, recheck: none } });
    const first = service.runJob('audit');
    expect(await service.runJob('audit')).toEqual({ ok: false, skipped: 'already running' });
    expect(service.running()).toEqual(['audit']);
    release();
    expect(await first).toEqual({ ok: true });
    expect(starts).toBe(1);
    expect(service.running()).toEqual([]);
    await store.close();
  });

  it('stops gracefully: aborts running jobs and waits for them', async () => {
    const store = openSqliteStore(':memory:');
    const none: JobFn = async () => ({ ok: true });
    const polite: JobFn = (ctx) =>
      new Promise((r) => {
        if (ctx.signal.aborted) r({ ok: true, stoppedEarly: true });
        ctx.signal.addEventListener('abort', () => r({ ok: true, stoppedEarly: true }));
      });
    const service = createService({ config, store, log: quiet(), jobs: { audit: polite, probes: none, bulletin: none, housekeeping: none, recheck: none } });
    const run = service.runJob('audit');
    expect(await service.stop(5_000)).toBe(true);
    expect(await run).toEqual({ ok: true, stoppedEarly: true });
    expect(await service.runJob('probes')).toEqual({ ok: false, skipped: 'the service is stopping' });
    await store.close();
  });

  it('abandons a job that ignores the stop after the deadline, running its abandon steps', async () => {
    const store = openSqliteStore(':memory:');
    const none: JobFn = async () => ({ ok: true });
    const steps: string[] = [];
    const stubborn: JobFn = (ctx) => (ctx.onAbandon(async () => void steps.push('persisted')), new Promise(() => undefined));
    const service = createService({ config, store, log: quiet(), jobs: { audit: stubborn, probes: none, bulletin: none, housekeeping: none, recheck: none } });
    void service.runJob('audit');
    await Promise.resolve();
    expect(await service.stop(20)).toBe(false);
    expect(steps).toEqual(['persisted']);
    await store.close();
  });
});
