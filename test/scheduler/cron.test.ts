import { describe, expect, it } from 'vitest';
import { firesOnDay, nextRuns } from '../../scheduler/cron.ts';
import { cronProblem } from '../../config/scheduler/schedule.ts';
import { parseConfig } from '../../config/load.ts';

const baseConfig = { district: '测试区', sites: [{ id: 'a', name: 'A', unit: 'U', homepage: 'http://a.example/' }] };

describe('next fire times from a fixed clock', () => {
  const from = new Date('2026-11-20T10:00:00+08:00');
  const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

  it('places the default jobs in the district time zone', () => {
    expect(iso(nextRuns('30 1 * * *', 'Asia/Shanghai', from, 2))).toEqual(['2026-11-20T17:30:00.000Z', '2026-11-21T17:30:00.000Z']);
    expect(iso(nextRuns('0 8 1 * *', 'Asia/Shanghai', from, 2))).toEqual(['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    expect(iso(nextRuns('0 * * * *', 'Asia/Shanghai', from, 2))).toEqual(['2026-11-20T03:00:00.000Z', '2026-11-20T04:00:00.000Z']);
  });

  it('is strictly later than the clock', () => {
    expect(iso(nextRuns('0 10 * * *', 'Asia/Shanghai', from, 1))).toEqual(['2026-11-21T02:00:00.000Z']);
  });

  it('skips a wall time that a daylight-saving change removes', () => {
    expect(iso(nextRuns('30 2 * * *', 'America/New_York', new Date('2026-03-07T12:00:00Z'), 2))).toEqual(['2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z']);
  });

  it('counts fires per day, so a probe schedule can be held to ≥ 20 a day', () => {
    expect(firesOnDay('0 * * * *', 'Asia/Shanghai', '2026-11-20')).toBe(24);
    expect(firesOnDay('0 */2 * * *', 'Asia/Shanghai', '2026-11-20')).toBe(12);
    expect(firesOnDay('*/3 * * * *', 'Asia/Shanghai', '2026-11-20')).toBe(480);
  });
});

describe('schedule config', () => {
  it('has the documented defaults', () => {
    const c = parseConfig(baseConfig, '/tmp/district.json');
    expect(c.schedule).toEqual({ audit: '30 1 * * *', probes: '0 * * * *', bulletin: '0 8 1 * *', housekeeping: '0 4 * * *', recheck: '*/5 * * * *' });
    expect(c.retentionDays).toBe(90);
    expect(c.availability).toMatchObject({ probeTimeoutMs: 15_000, windowDays: 7, minProbesPerDay: 20, downRate: 0.05, unstableRate: 0.01 });
  });

  it('rejects a bad cron expression at load, naming the field', () => {
    expect(() => parseConfig({ ...baseConfig, schedule: { audit: '61 1 * * *' } }, '/tmp/district.json')).toThrow(
      /^\/tmp\/district\.json: schedule\.audit: not a valid cron expression "61 1 \* \* \*": .*minute/,
    );
    expect(() => parseConfig({ ...baseConfig, schedule: { probes: 'hourly' } }, '/tmp/district.json')).toThrow(/schedule\.probes: not a valid cron expression "hourly"/);
    expect(() => parseConfig({ ...baseConfig, schedule: { nightly: '0 1 * * *' } }, '/tmp/district.json')).toThrow(/schedule: unknown field "nightly"/);
  });

  it('says what is wrong with an expression', () => {
    expect(cronProblem('0 8 1 * *')).toBeNull();
    expect(cronProblem('* * * *')).toMatch(/5 or 6 fields/);
  });
});
