// Politeness per host: at most N requests at once (p-limit) and a minimum delay between request starts.
import pLimit, { type LimitFunction } from 'p-limit';

export interface HostQueue {
  /** Runs `task` when the host has a free slot and its politeness delay has passed. */
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
}

export function createHostQueue(opts: { concurrency: number; delayMs: number; sleep: (ms: number) => Promise<void>; now?: () => number }): HostQueue {
  const now = opts.now ?? Date.now;
  const hosts = new Map<string, { limit: LimitFunction; nextAt: number }>();
  return {
    run(host, task) {
      let h = hosts.get(host);
      if (!h) {
        h = { limit: pLimit(opts.concurrency), nextAt: 0 };
        hosts.set(host, h);
      }
      const state = h;
      return state.limit(async () => {
        if (opts.delayMs > 0) {
          const t = now();
          const at = Math.max(t, state.nextAt);
          state.nextAt = at + opts.delayMs;
          if (at > t) await opts.sleep(at - t);
        }
        return task();
      });
    },
  };
}
