// The audit job with its run lifecycle: take the audit lock (one audit at a time, across processes and
// restarts), mark runs left `running` by a dead process as `interrupted`, resume the latest interrupted run
// (finished sites are reused) or queue a new one, run it with a heartbeat, and free the lock.
import { randomUUID } from 'node:crypto';
import type { DistrictConfig } from '../config/schema.ts';
import type { LockRecord, RunRecord, Store } from '../store/types.ts';
import { runAudit, type AuditEvent, type RunSummary } from './audit.ts';
import { acquireLock, type LockOptions } from './lock.ts';
import { logAuditEvent, type Logger } from './log.ts';

export interface AuditJobOptions {
  config: DistrictConfig;
  store: Store;
  log: Logger;
  /** Wall clock (lock heartbeats, resume age). */
  clock?: () => Date;
  /** The audit clock (`--now`); default the wall clock. A resumed run keeps its own. */
  now?: Date;
  outDir?: string;
  maxPages?: number;
  siteConcurrency?: number;
  signal?: AbortSignal;
  /** Only resume an interrupted run; start nothing new (used at service start). */
  resumeOnly?: boolean;
  /** An interrupted run older than this (by its start) is left alone and a new one starts. Default 20 h. */
  resumeWithinMs?: number;
  /** Lock tuning and test seams (stale time, heartbeat, liveness check). */
  lock?: Partial<Omit<LockOptions, 'store' | 'clock' | 'onLost'>>;
  /** Called once the run id is known, before the audit starts. */
  onRun?: (run: { runId: string; resumed: boolean }) => void;
  /** Receives what to do if the service gives up waiting for this job: mark the run interrupted, free the lock. */
  onAbandon?: (fn: () => Promise<void>) => void;
  onEvent?: (e: AuditEvent) => void;
}

export type AuditJobResult =
  | { status: 'busy'; holder: LockRecord | null }
  | { status: 'nothing-to-resume' }
  | { status: RunSummary['state']; runId: string; resumed: boolean; summary?: RunSummary; error?: string };

/** Runs (or resumes) one audit under the audit lock. Never throws for a failed audit: it is a `failed` result. */
export async function runAuditJob(opts: AuditJobOptions): Promise<AuditJobResult> {
  const { store, config, log } = opts;
  const clock = opts.clock ?? (() => new Date());
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (opts.signal?.aborted) stop.abort();
  const got = await acquireLock({
    ...opts.lock,
    store,
    clock,
    onLost: (current) => {
      log.error({ holder: current?.holder ?? null }, 'audit lock lost to another process; stopping this audit');
      stop.abort();
    },
  });
  if (!got.acquired) {
    opts.signal?.removeEventListener('abort', onOuterAbort);
    log.warn({ holder: got.holder }, 'another audit holds the lock; not starting');
    return { status: 'busy', holder: got.holder };
  }
  const { lock } = got;
  if (lock.replaced) log.warn({ replaced: lock.replaced }, 'took over a stale audit lock');
  let runId: string | undefined;
  opts.onAbandon?.(async () => {
    if (runId) {
      const at = clock().toISOString();
      for (const s of await store.listSiteRuns(runId))
        if (s.state === 'running') await store.finishSiteRun({ runId, siteId: s.siteId, state: 'interrupted', finishedAt: at, score: null, verdict: null, scorecard: null, error: 'interrupted' });
      await store.updateRun(runId, { state: 'interrupted', finishedAt: at, error: 'stopped by the service before it finished' });
    }
    await lock.release();
  });
  try {
    await markOrphansInterrupted(store, log, clock());
    const resumable = await findResumable(store, config, clock(), opts.resumeWithinMs ?? 20 * 3_600_000, opts.now);
    if (!resumable && opts.resumeOnly) return { status: 'nothing-to-resume' };
    const now = resumable ? new Date(resumable.asOf) : (opts.now ?? clock());
    const siteIds = resumable ? resumable.siteIds.filter((id) => config.sites.some((s) => s.id === id)) : undefined;
    if (resumable) {
      runId = resumable.id;
      const done = (await store.listSiteRuns(runId)).filter((s) => s.state === 'done').map((s) => s.siteId);
      log.info({ runId, asOf: resumable.asOf, sitesDone: done }, 'resuming interrupted audit');
    } else {
      runId = newRunId(now);
      await store.createRun({ id: runId, kind: 'audit', asOf: now.toISOString(), startedAt: clock().toISOString(), siteIds: config.sites.map((s) => s.id), state: 'queued' });
    }
    await lock.setRun(runId);
    opts.onRun?.({ runId, resumed: Boolean(resumable) });
    const runLog = log.child({ runId });
    const { summary } = await runAudit({
      config,
      store,
      now,
      runId,
      siteIds,
      outDir: opts.outDir,
      maxPages: opts.maxPages,
      siteConcurrency: opts.siteConcurrency,
      signal: stop.signal,
      onEvent: (e) => {
        logAuditEvent(runLog, e);
        opts.onEvent?.(e);
      },
    });
    if (summary.state === 'interrupted') runLog.warn('audit interrupted; the next start resumes it');
    return { status: summary.state, runId, resumed: Boolean(resumable), summary };
  } catch (e) {
    const error = (e as Error)?.message ?? String(e);
    log.error({ runId, error }, 'audit failed');
    if (runId) await store.updateRun(runId, { state: 'failed', finishedAt: clock().toISOString(), error }).catch(() => undefined);
    return { status: 'failed', runId: runId ?? '', resumed: false, error };
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
    await lock.release().catch((e) => log.error({ error: (e as Error).message }, 'could not release the audit lock'));
  }
}

/** Run ids sort by the audit clock: `20261120T013000Z-1a2b3c4d`. */
export function newRunId(now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomUUID().slice(0, 8)}`;
}

/** With the lock held, no audit can be running: any run still marked running or queued was left by a dead process. */
async function markOrphansInterrupted(store: Store, log: Logger, now: Date): Promise<void> {
  const open = [...(await store.listRuns({ state: 'running' })), ...(await store.listRuns({ state: 'queued' }))].filter((r) => r.kind === 'audit');
  for (const run of open) {
    await store.updateRun(run.id, { state: 'interrupted', error: `stopped without finishing (found ${now.toISOString()})` });
    log.warn({ runId: run.id, was: run.state }, 'marked an audit left by a stopped process as interrupted');
  }
}

/**
 * The run to resume: the most recently started audit, when it is interrupted, recent enough, and (when an audit
 * clock is forced) audits the same instant.
 */
async function findResumable(store: Store, config: DistrictConfig, now: Date, withinMs: number, asOf?: Date): Promise<RunRecord | null> {
  const audits = (await store.listRuns({ limit: 50 })).filter((r) => r.kind === 'audit');
  const latest = audits.sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  if (latest?.state !== 'interrupted') return null;
  if (now.getTime() - new Date(latest.startedAt).getTime() > withinMs) return null;
  if (asOf && new Date(latest.asOf).getTime() !== asOf.getTime()) return null;
  if (!latest.siteIds.some((id) => config.sites.some((s) => s.id === id))) return null;
  return latest;
}
