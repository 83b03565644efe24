// The monthly bulletin hook: the previous month in the district zone, written by the bulletin generator.
import { describe, expect, it } from 'vitest';
import { previousMonth, runMonthlyBulletin } from '../../scheduler/bulletin.ts';
import { Writable } from 'node:stream';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../config/load.ts';
import { createJobs } from '../../scheduler/jobs.ts';
import { createLogger } from '../../scheduler/log.ts';
import { NoRunsError } from '../../reports/bulletin/model.ts';
import { openSqliteStore } from '../../store/sqlite.ts';

describe('monthly bulletin job', () => {
  it('covers the month before the local date, across a year end and a zone boundary', () => {
    expect(previousMonth(new Date('2026-12-01T08:00:00+08:00'), 'Asia/Shanghai')).toBe('2026-11');
    expect(previousMonth(new Date('2027-01-01T08:00:00+08:00'), 'Asia/Shanghai')).toBe('2026-12');
    // 1 March 00:30 in Shanghai is still February in UTC
    expect(previousMonth(new Date('2026-03-01T00:30:00+08:00'), 'Asia/Shanghai')).toBe('2026-02');
    expect(previousMonth(new Date('2026-03-01T00:30:00+08:00'), 'UTC')).toBe('2026-01');
  });

  it('writes the previous month through the generator it is given, and reports its files and warnings', async () => {
    const months: string[] = [];
    const write = async (month: string) => (months.push(month), { files: { html: `/srv/out/bulletins/bulletin-${month}.html` }, warnings: ['no browser: PDF not written'] });
    const r = await runMonthlyBulletin({ now: new Date('2026-12-01T08:00:00+08:00'), timezone: 'Asia/Shanghai', write });
    expect(r).toEqual({ status: 'done', month: '2026-11', files: { html: '/srv/out/bulletins/bulletin-2026-11.html' }, warnings: ['no browser: PDF not written'] });
    expect(months).toEqual(['2026-11']);
  });

  it('fails the service job with the generator\'s reason when the month has no runs, writing nothing', async () => {
    const store = openSqliteStore(':memory:');
    const out = await mkdtemp(join(tmpdir(), 'govaudit-bulletin-job-'));
    try {
      const config = parseConfig({ district: '测试区', sites: [{ id: 'a', name: 'A', unit: 'U', homepage: 'http://a.example/' }] }, '/tmp/d.json');
      const jobs = createJobs({ config, store, outDir: out, now: new Date('2026-12-01T08:00:00+08:00') });
      const log = createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });
      await expect(jobs.bulletin({ signal: new AbortController().signal, log, startedAt: new Date(), reason: 'scheduled', onAbandon: () => {} })).rejects.toThrow(NoRunsError);
      expect(await readdir(out)).toEqual([]);
    } finally {
      await store.close();
      await rm(out, { recursive: true, force: true });
    }
  });
});
