// The monthly bulletin hook: the previous month in the district zone, and a clear skip when no generator exists.
import { describe, expect, it } from 'vitest';
import { previousMonth, runMonthlyBulletin } from '../../scheduler/bulletin.ts';
import type { Command } from '../../cli/command.ts';

describe('monthly bulletin job', () => {
  it('covers the month before the local date, across a year end and a zone boundary', () => {
    expect(previousMonth(new Date('2026-12-01T08:00:00+08:00'), 'Asia/Shanghai')).toBe('2026-11');
    expect(previousMonth(new Date('2027-01-01T08:00:00+08:00'), 'Asia/Shanghai')).toBe('2026-12');
    // 1 March 00:30 in Shanghai is still February in UTC
    expect(previousMonth(new Date('2026-03-01T00:30:00+08:00'), 'Asia/Shanghai')).toBe('2026-02');
    expect(previousMonth(new Date('2026-03-01T00:30:00+08:00'), 'UTC')).toBe('2026-01');
  });

  it('hands the service flags the command knows to `govaudit bulletin`', async () => {
    const calls: Record<string, unknown>[] = [];
    const cmd: Command = { name: 'bulletin', summary: '', usage: '', options: { month: { type: 'string' }, config: { type: 'string' }, out: { type: 'string' } }, run: async (v) => (calls.push(v), 0) };
    const r = await runMonthlyBulletin({ now: new Date('2026-12-01T08:00:00+08:00'), timezone: 'Asia/Shanghai', args: { config: 'd.json', data: '/srv/data', out: '/srv/out' }, load: async () => cmd });
    expect(r).toEqual({ status: 'done', month: '2026-11' });
    expect(calls).toEqual([{ month: '2026-11', config: 'd.json', out: '/srv/out' }]);
    const failing = await runMonthlyBulletin({ now: new Date('2026-12-01T08:00:00+08:00'), timezone: 'Asia/Shanghai', args: {}, load: async () => ({ ...cmd, run: async () => 2 }) });
    expect(failing).toEqual({ status: 'failed', month: '2026-11', exitCode: 2 });
  });

  it('is skipped, with the reason, when the bulletin generator is not installed', async () => {
    const r = await runMonthlyBulletin({ now: new Date('2026-12-01T08:00:00+08:00'), timezone: 'Asia/Shanghai', args: {}, load: async () => null });
    expect(r).toEqual({ status: 'skipped', month: '2026-11', reason: 'the bulletin generator (cli/commands/bulletin.ts) is not installed' });
  });
});
