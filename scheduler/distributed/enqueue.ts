// `govaudit audit --distributed`: creates the run (state running), runs the prepare steps once (imports of the
// configured exports), and puts one site job per site into the queue. Workers do the rest.
import type PgBoss from 'pg-boss';
import type { DistrictConfig } from '../../config/schema.ts';
import { loadReviewDecisions } from '../../reports/review.ts';
import type { PostgresStore } from '../../store/postgres.ts';
import { newRunId } from '../audit-job.ts';
import { selectSites } from '../audit.ts';
import { runPrepareSteps } from '../prepare.ts';
import { DEAD_QUEUE, jobOptions, SITE_QUEUE, type SiteJob } from './queue.ts';
import { configDigest, saveRunMeta } from './run-meta.ts';

/**
 * Run kind of a distributed audit. Not `audit`: the single-process audit job treats a running `audit` it does not hold
 * the lock for as orphaned, while a distributed run is driven by the queue and may be running on other machines.
 */
export const DISTRIBUTED_RUN_KIND = 'distributed-audit';

export interface EnqueueOptions {
  config: DistrictConfig;
  store: PostgresStore;
  boss: PgBoss;
  /** The audit clock (`--now`). */
  now: Date;
  siteIds?: string[];
  maxPages?: number;
  /** Ignore the pages and link checks kept from earlier nights (`audit --full`); the workers read it from the run. */
  full?: boolean;
  runId?: string;
  /** Wall clock. */
  clock?: () => Date;
}

/** Creates a run and enqueues its site jobs; returns the run id and warnings of the prepare steps. */
export async function enqueueAudit(opts: EnqueueOptions): Promise<{ runId: string; siteIds: string[]; warnings: string[] }> {
  const { config, store, boss, now } = opts;
  const clock = opts.clock ?? (() => new Date());
  const sites = selectSites(config, opts.siteIds);
  const runId = opts.runId ?? newRunId(now);
  const siteIds = sites.map((s) => s.id);
  await store.createRun({ id: runId, kind: DISTRIBUTED_RUN_KIND, asOf: now.toISOString(), startedAt: clock().toISOString(), siteIds, state: 'running' });
  try {
    const warnings = await runPrepareSteps({ config, store, now });
    await loadReviewDecisions(config).catch((e: Error) => warnings.push(`${e.message} — no waivers or confirmations applied`));
    await saveRunMeta(store, runId, { warnings, maxPages: opts.maxPages ?? null, full: opts.full === true, configDigest: configDigest(config) }, clock());
    const options = jobOptions(config.distributed);
    for (let i = 0; i < siteIds.length; i += 500) {
      await boss.insert(siteIds.slice(i, i + 500).map((siteId) => ({ name: SITE_QUEUE, data: { runId, siteId } satisfies SiteJob, deadLetter: DEAD_QUEUE, ...options })));
    }
    return { runId, siteIds, warnings };
  } catch (e) {
    await store.updateRun(runId, { state: 'failed', finishedAt: clock().toISOString(), error: `could not enqueue: ${(e as Error).message}` }).catch(() => undefined);
    throw e;
  }
}
