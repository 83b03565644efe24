// One site job in a worker: take the site's advisory locks, audit the site exactly as a single-process run does
// (gatherers, checks, scorecard, store writes — a site the run already finished is reused, not audited again),
// then finalise the run if it was the last site. A failed attempt puts the site back to `queued` and throws, so
// pg-boss retries it with backoff; the last failed attempt leaves the site `failed` and the job goes to the
// dead-letter queue, whose handler makes sure the site is marked failed and the run can complete.
import type PgBoss from 'pg-boss';
import type pg from 'pg';
import type { ArtifactName } from '../../contract/artifacts.ts';
import type { Check } from '../../checks/types.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import type { createCalendar } from '../../calendar/workdays.ts';
import type { createExternalLinkCache } from '../../crawler/crawl.ts';
import type { createFetcher } from '../../crawler/fetcher.ts';
import type { createResolver } from '../../crawler/resolver.ts';
import type { Gatherer, RunResources } from '../../crawler/gatherer.ts';
import type { ReviewDecisions } from '../../reports/review.ts';
import type { PostgresStore } from '../../store/postgres.ts';
import type { RunRecord } from '../../store/types.ts';
import { auditSite, type AuditEvent } from '../audit.ts';
import type { Logger } from '../log.ts';
import { finalizeIfComplete } from './finalize.ts';
import { siteLockKeys, type LockSession } from './locks.ts';
import { jobErrorText, siteJobSchema, type SiteJob } from './queue.ts';
import type { RunMeta } from './run-meta.ts';

/** What a worker shares between its site jobs. */
export interface SiteJobDeps {
  config: DistrictConfig;
  store: PostgresStore;
  /** The worker's one lock connection: the advisory locks of every site it has in flight. */
  locks: LockSession;
  /** Short-lived connections for the run's finalise lock (a transaction each). */
  lockPool: pg.Pool;
  log: Logger;
  outDir?: string;
  checks: Check[];
  gatherers: Gatherer[];
  needed: Set<ArtifactName>;
  calendar: ReturnType<typeof createCalendar>;
  resolver: ReturnType<typeof createResolver>;
  fetcher: ReturnType<typeof createFetcher>;
  shared: RunResources;
  /** Per-run state loaded once per run by the worker. */
  forRun(runId: string): Promise<{ meta: RunMeta | null; decisions: ReviewDecisions; externalCache: ReturnType<typeof createExternalLinkCache> }>;
  onEvent?: (runId: string, e: AuditEvent) => void;
}

export type JobResult = { siteId: string; runId: string; score: number | null } | { skipped: string };

/** Handles one site job; throws to make pg-boss retry it (or dead-letter it after the last attempt). */
export async function handleSiteJob(job: PgBoss.JobWithMetadata<unknown>, deps: SiteJobDeps, signal: AbortSignal): Promise<JobResult> {
  const { store, log } = deps;
  const parsed = parseJob(job, log);
  if ('skipped' in parsed) return parsed;
  const { runId, siteId } = parsed.job;
  const run = await openRun(store, runId);
  if ('skipped' in run) return run;
  const site = deps.config.sites.find((s) => s.id === siteId);
  if (!site) throw new Error(`site "${siteId}" is not in this worker's config (${deps.config.file})`);
  const locks = await deps.locks.acquire(siteLockKeys(store.schema, site), {
    pollMs: deps.config.distributed.lockPollMs,
    signal,
    onWait: () => log.info({ runId, siteId }, 'site or one of its hosts is being audited by another worker (or another site of this one); waiting'),
  });
  // a dropped lock connection ends the site's exclusivity: stop auditing it (the job fails and is retried)
  const siteSignal = AbortSignal.any([signal, locks.lost]);
  try {
    const { meta, decisions, externalCache } = await deps.forRun(runId);
    const outcome = await auditSite({
      config: deps.config,
      store,
      now: new Date(run.asOf),
      outDir: deps.outDir,
      maxPages: meta?.maxPages ?? undefined,
      full: meta?.full === true,
      checks: deps.checks,
      gatherers: deps.gatherers,
      runId,
      site,
      asOf: run.asOf,
      needed: deps.needed,
      calendar: deps.calendar,
      resolver: deps.resolver,
      fetcher: deps.fetcher,
      shared: deps.shared,
      externalCache,
      decisions,
      onEvent: deps.onEvent ? (e) => deps.onEvent!(runId, e) : undefined,
      signal: siteSignal,
    });
    const rec = await store.getSiteRun(runId, siteId);
    if (rec?.state === 'done') {
      await finalize(runId, deps);
      return { runId, siteId, score: outcome.summary.score };
    }
    const error = locks.lost.aborted ? (locks.lost.reason as Error).message : (outcome.summary.error ?? `site ended ${rec?.state ?? 'unrecorded'}`);
    const attempt = job.retryCount + 1;
    const attempts = job.retryLimit + 1;
    if (attempt < attempts) {
      await store.finishSiteRun({ runId, siteId, state: 'queued', finishedAt: null, score: null, verdict: null, scorecard: null, error: `attempt ${attempt} of ${attempts} failed: ${error}` });
    } else {
      await store.finishSiteRun({ runId, siteId, state: 'failed', finishedAt: new Date().toISOString(), score: null, verdict: null, scorecard: null, error: `failed after ${attempts} attempts: ${error}` });
      await finalize(runId, deps);
    }
    throw new Error(error);
  } finally {
    await locks.release();
  }
}

/** Handles a dead-lettered site job: the site is marked failed (unless it finished after all) and the run may complete. */
export async function handleDeadJob(job: PgBoss.JobWithMetadata<unknown>, deps: SiteJobDeps, signal: AbortSignal): Promise<JobResult> {
  const { store, log } = deps;
  const parsed = parseJob(job, log);
  if ('skipped' in parsed) return parsed;
  const { runId, siteId } = parsed.job;
  const run = await openRun(store, runId);
  if ('skipped' in run) return run;
  const site = deps.config.sites.find((s) => s.id === siteId);
  const keys = site ? siteLockKeys(store.schema, site) : [`govaudit:${store.schema}:site:${siteId}`];
  const locks = await deps.locks.acquire(keys, { pollMs: deps.config.distributed.lockPollMs, signal });
  try {
    const rec = await store.getSiteRun(runId, siteId);
    if (rec?.state !== 'done' && rec?.state !== 'failed') {
      const error = `gave up: ${jobErrorText(job.output)}`;
      await store.finishSiteRun({ runId, siteId, state: 'failed', finishedAt: new Date().toISOString(), score: null, verdict: null, scorecard: null, error });
      log.warn({ runId, siteId, error }, 'site job dead-lettered; site marked failed');
    }
    await finalize(runId, deps);
    return { runId, siteId, score: null };
  } finally {
    await locks.release();
  }
}

function parseJob(job: PgBoss.Job<unknown>, log: Logger): { job: SiteJob } | { skipped: string } {
  const parsed = siteJobSchema.safeParse(job.data);
  if (parsed.success) return { job: parsed.data };
  log.error({ jobId: job.id, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, 'malformed site job; dropped');
  return { skipped: 'malformed job data' };
}

/** The job's run, or why the job is moot (the run was removed, or already ended). */
async function openRun(store: PostgresStore, runId: string): Promise<RunRecord | { skipped: string }> {
  const run = await store.getRun(runId);
  if (!run) return { skipped: 'run not found' };
  if (run.state !== 'running') return { skipped: `run is ${run.state}` };
  return run;
}

async function finalize(runId: string, deps: SiteJobDeps): Promise<void> {
  const summary = await finalizeIfComplete(runId, { config: deps.config, store: deps.store, lockPool: deps.lockPool, outDir: deps.outDir });
  if (summary) deps.log.info({ runId, sites: summary.sites.length, failed: summary.sites.filter((s) => s.score === null).map((s) => s.siteId) }, 'run complete');
}
