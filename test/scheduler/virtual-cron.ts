// Test support: a cron scheduler driven by a fixed, hand-advanced clock. `advanceTo` fires every registered task
// whose next time (scheduler/cron.ts, the district zone) comes before the target, in time order, awaiting each.
import { nextRuns } from '../../scheduler/cron.ts';
import type { CronScheduler } from '../../scheduler/service.ts';

export interface VirtualCron {
  scheduler: CronScheduler;
  clock: () => Date;
  advanceTo(target: Date): Promise<void>;
  /** Every fire so far: task name and instant (ISO). */
  fired: { name: string; at: string }[];
}

export function createVirtualCron(start: Date): VirtualCron {
  let now = start;
  const tasks: { expression: string; timezone: string; name: string; fn: () => Promise<void>; stopped: boolean }[] = [];
  const fired: VirtualCron['fired'] = [];
  return {
    fired,
    clock: () => now,
    scheduler: {
      schedule(expression, fn, opts) {
        const task = { expression, fn, timezone: opts.timezone, name: opts.name, stopped: false };
        tasks.push(task);
        return { stop: () => void (task.stopped = true) };
      },
    },
    async advanceTo(target) {
      for (;;) {
        const due = tasks
          .filter((t) => !t.stopped)
          .map((t) => ({ t, at: nextRuns(t.expression, t.timezone, now, 1)[0] }))
          .filter((d) => d.at && d.at <= target);
        if (!due.length) break;
        const first = Math.min(...due.map((d) => d.at.getTime()));
        now = new Date(first);
        for (const d of due.filter((x) => x.at.getTime() === first)) {
          fired.push({ name: d.t.name, at: now.toISOString() });
          await d.t.fn();
        }
      }
      now = target;
    },
  };
}
