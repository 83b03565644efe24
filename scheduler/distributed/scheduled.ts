// The service's scheduled audit in distributed mode (`distributed.scheduledAudits: "queue"`): enqueue the night's
// run for the workers instead of auditing in the service's process. Under the audit lock, so two services sharing
// the database enqueue once; skipped while an earlier distributed run is still running. Nothing to resume at
// startup: the queue keeps unfinished site jobs.
import type { DistrictConfig } from '../../config/schema.ts';
import type { Store } from '../../store/types.ts';
import { acquireLock } from '../lock.ts';
import type { Logger } from '../log.ts';
import { DISTRIBUTED_RUN_KIND, enqueueAudit } from './enqueue.ts';
import { openQueue, requirePostgres } from './queue.ts';

export interface ScheduledEnqueueOptions {
  config: DistrictConfig;
  store: Store;
  log: Logger;
  /** The audit clock. */
  now: Date;
  reason: 'scheduled' | 'once' | 'startup';
  maxPages?: number;
  clock?: () => Date;
}

/** The job outcome for the service's records and `govaudit status`. */
export async function enqueueScheduledAudit(opts: ScheduledEnqueueOptions): Promise<{ ok: boolean } & Record<string, unknown>> {
  if (opts.reason === 'startup') return { ok: true, resumed: false, distributed: true };
  const store = requirePostgres(opts.store, 'distributed.scheduledAudits "queue"');
  const got = await acquireLock({ store, clock: opts.clock });
  if (!got.acquired) return { ok: false, busy: true, holder: got.holder ? `${got.holder.host} pid ${got.holder.pid}` : null };
  try {
    const running = (await store.listRuns({ state: 'running', limit: 50 })).find((r) => r.kind === DISTRIBUTED_RUN_KIND);
    if (running) {
      opts.log.warn({ runId: running.id }, 'the previous distributed run is still running; not enqueuing another');
      return { ok: false, busy: true, holder: `distributed run ${running.id}` };
    }
    const boss = await openQueue(store, opts.config.distributed, 'client', (e) => opts.log.error({ error: e.message }, 'queue error'));
    try {
      const { runId, siteIds, warnings } = await enqueueAudit({ config: opts.config, store, boss, now: opts.now, maxPages: opts.maxPages, clock: opts.clock });
      opts.log.info({ runId, sites: siteIds.length, warnings }, 'distributed audit enqueued');
      return { ok: true, distributed: true, runId, sites: siteIds.length };
    } finally {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    }
  } finally {
    await got.lock.release();
  }
}
