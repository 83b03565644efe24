// A distributed worker (`govaudit worker`): takes site jobs from the queue, `concurrency` at a time, audits them
// (site-job.ts), works the dead-letter queue, and records a heartbeat so `govaudit status` can list live workers.
// Any number of workers, on any machine, may run against one PostgreSQL.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import pg from 'pg';
import type PgBoss from 'pg-boss';
import type { ArtifactName } from '../../contract/artifacts.ts';
import { allChecks } from '../../checks/index.ts';
import type { Check } from '../../checks/types.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { createCalendar } from '../../calendar/workdays.ts';
import { createExternalLinkCache } from '../../crawler/crawl.ts';
import { createFetcher } from '../../crawler/fetcher.ts';
import { createResolver } from '../../crawler/resolver.ts';
import { allGatherers, createRunResources } from '../../crawler/gatherers.ts';
import type { Gatherer } from '../../crawler/gatherer.ts';
import { decisionsFor } from '../../reports/review-store.ts';
import type { PostgresStore } from '../../store/postgres.ts';
import type { AuditEvent } from '../audit.ts';
import type { Logger } from '../log.ts';
import { connectionStringOf, DEAD_QUEUE, openQueue, SITE_QUEUE } from './queue.ts';
import { LockSession } from './locks.ts';
import { configDigest, loadRunMeta } from './run-meta.ts';
import { handleDeadJob, handleSiteJob, type JobResult, type SiteJobDeps } from './site-job.ts';
import { WORKER_KIND, type WorkerRecord } from './status.ts';

export interface WorkerOptions {
  config: DistrictConfig;
  store: PostgresStore;
  /** Site jobs audited at once by this worker. */
  concurrency: number;
  log: Logger;
  /** Scorecards of the sites this worker audits (and run.json of the runs it finalises) are written here. */
  outDir?: string;
  checks?: Check[];
  gatherers?: Gatherer[];
  onEvent?: (runId: string, e: AuditEvent) => void;
}

export interface DistributedWorker {
  /** `host:pid:random`, as `govaudit status` shows it. */
  readonly id: string;
  /** Site jobs in progress. */
  active(): { runId: string; siteId: string; since: string }[];
  /**
   * Stops taking jobs, gives the sites in progress `drainMs` to finish, then interrupts them (their jobs fail and are
   * retried by other workers), and closes every connection.
   */
  stop(drainMs: number): Promise<void>;
}

/** Starts a worker; it runs until `stop`. */
export async function startWorker(opts: WorkerOptions): Promise<DistributedWorker> {
  const { config, store, log } = opts;
  const settings = config.distributed;
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const startedAt = new Date().toISOString();
  const checks = opts.checks ?? allChecks;
  // PostgreSQL connections per worker do not grow with `concurrency`: the store's pool, pg-boss's, one lock session
  // holding every site's advisory locks, and two short-lived connections for finalising runs
  const locks = new LockSession({
    connectionString: connectionStringOf(store),
    pingMs: settings.heartbeatSeconds * 1_000,
    onLost: (e, keys) => log.error({ error: e.message, keys }, 'lock connection lost: aborting the site that held these locks (its job is retried)'),
  });
  const lockPool = new pg.Pool({ connectionString: connectionStringOf(store), max: 2, application_name: 'govaudit-worker-finalize' });
  lockPool.on('error', () => undefined);
  const boss = await openQueue(store, settings, 'worker', (e) => log.error({ error: e.message }, 'queue error'));
  const resolver = createResolver(config.resolve);
  const shared = createRunResources();
  const fetcher = createFetcher({ config, resolver });
  const digest = configDigest(config);
  const runs = new Map<string, ReturnType<SiteJobDeps['forRun']>>();

  const deps: SiteJobDeps = {
    config,
    store,
    locks,
    lockPool,
    log,
    outDir: opts.outDir,
    checks,
    gatherers: opts.gatherers ?? allGatherers,
    needed: new Set<ArtifactName>(checks.flatMap((c) => [...c.requires, ...(c.reads ?? [])])),
    calendar: createCalendar(config.calendar ?? {}),
    resolver,
    fetcher,
    shared,
    forRun(runId) {
      let entry = runs.get(runId);
      if (!entry) {
        entry = loadRun(runId);
        runs.set(runId, entry);
        entry.catch(() => runs.delete(runId));
        // a long-lived worker keeps the state of its few most recent runs only
        while (runs.size > 4) runs.delete(runs.keys().next().value!);
      }
      return entry;
    },
    onEvent: opts.onEvent,
  };

  async function loadRun(runId: string): ReturnType<SiteJobDeps['forRun']> {
    const meta = await loadRunMeta(store, runId);
    if (meta && meta.configDigest !== digest) log.warn({ runId, enqueued: meta.configDigest, ours: digest }, 'this worker\'s config differs from the one that enqueued the run; findings may differ between sites');
    const decisions = await decisionsFor(config, store, (error) => log.warn({ runId, error }, "the config's waivers and confirmations not applied"));
    return { meta, decisions, externalCache: createExternalLinkCache() };
  }

  const stopAll = new AbortController();
  // every job in flight listens to it: tens of them with a large --concurrency
  setMaxListeners(0, stopAll.signal);
  const inFlight = new Map<string, { runId: string; siteId: string; since: string; promise: Promise<unknown> }>();
  let done = 0;
  let failed = 0;

  /** Runs one job with an abort signal that fires when the worker stops or the job reaches its expiry. */
  function run(kind: 'site' | 'dead', job: PgBoss.JobWithMetadata<unknown>): Promise<JobResult> {
    const abort = new AbortController();
    const onStop = () => abort.abort(new Error('worker stopping'));
    stopAll.signal.addEventListener('abort', onStop, { once: true });
    const timer = setTimeout(() => abort.abort(new Error(`job reached its expiry (${job.expireInSeconds} s)`)), Math.max(1_000, job.expireInSeconds * 1_000 - 1_000));
    const data = job.data as { runId?: string; siteId?: string };
    const promise = (kind === 'site' ? handleSiteJob(job, deps, abort.signal) : handleDeadJob(job, deps, abort.signal)).finally(() => {
      clearTimeout(timer);
      stopAll.signal.removeEventListener('abort', onStop);
      inFlight.delete(job.id);
    });
    inFlight.set(job.id, { runId: String(data?.runId ?? '?'), siteId: String(data?.siteId ?? '?'), since: new Date().toISOString(), promise: promise.catch(() => undefined) });
    return promise.then(
      (r) => {
        if (kind === 'site' && !('skipped' in r)) done++;
        return r;
      },
      (e: unknown) => {
        if (kind === 'site') failed++;
        log.warn({ jobId: job.id, ...data, attempt: job.retryCount + 1, of: job.retryLimit + 1, error: (e as Error)?.message ?? String(e) }, 'site job failed');
        throw e;
      },
    );
  }

  const work = { includeMetadata: true as const, batchSize: 1, pollingIntervalSeconds: settings.pollingIntervalSeconds };
  for (let i = 0; i < opts.concurrency; i++) await boss.work<unknown>(SITE_QUEUE, work, ([job]) => run('site', job));
  await boss.work<unknown>(DEAD_QUEUE, work, ([job]) => run('dead', job));

  const active = () => [...inFlight.values()].map(({ runId, siteId, since }) => ({ runId, siteId, since }));
  const record = (stoppedAt: string | null): WorkerRecord => ({ id, host: hostname(), pid: process.pid, startedAt, heartbeatAt: new Date().toISOString(), stoppedAt, concurrency: opts.concurrency, active: active(), done, failed });
  const beat = (stoppedAt: string | null = null) =>
    store.upsertRecords(WORKER_KIND, [{ key: id, siteKey: null, data: record(stoppedAt), updatedAt: new Date().toISOString() }]).catch((e: Error) => log.warn({ error: e.message }, 'could not record the worker heartbeat'));
  await store.pool
    .query(`DELETE FROM ${store.schema}.records WHERE kind = $1 AND updated_at < $2`, [WORKER_KIND, new Date(Date.now() - 7 * 86_400_000).toISOString()])
    .catch((e: Error) => log.warn({ error: e.message }, 'could not prune old worker records'));
  await beat();
  const heartbeat = setInterval(() => void beat(), settings.heartbeatSeconds * 1_000);
  heartbeat.unref();
  log.info({ workerId: id, concurrency: opts.concurrency, schema: store.schema }, 'worker started');

  let stopping: Promise<void> | undefined;
  return {
    id,
    active,
    stop(drainMs) {
      stopping ??= (async () => {
        await boss.offWork(SITE_QUEUE);
        await boss.offWork(DEAD_QUEUE);
        const pending = () => Promise.all([...inFlight.values()].map((j) => j.promise));
        let timer: NodeJS.Timeout | undefined;
        const drained = await Promise.race([pending().then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), drainMs)))]);
        clearTimeout(timer);
        if (!drained) {
          log.warn({ sites: active() }, 'sites still in progress at stop: interrupting them (their jobs are retried by other workers)');
          stopAll.abort();
          await pending();
        }
        clearInterval(heartbeat);
        await beat(new Date().toISOString());
        await boss.stop({ graceful: true, timeout: 1_000, wait: true }).catch((e: Error) => log.warn({ error: e.message }, 'queue did not stop cleanly'));
        await shared.closeAll();
        await fetcher.close();
        await locks.close();
        await lockPool.end().catch(() => undefined);
        log.info({ workerId: id, done, failed }, 'worker stopped');
      })();
      return stopping;
    },
  };
}
