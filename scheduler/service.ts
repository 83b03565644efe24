// The service's job runner: registers each job's cron expression (district time zone) with a scheduler —
// node-cron in production, a virtual one driven by a fixed clock in tests — runs one instance of a job at a
// time, records each job's last outcome in the store, and stops gracefully (abort, wait, then abandon).
import cron from 'node-cron';
import type { DistrictConfig } from '../config/schema.ts';
import type { Store } from '../store/types.ts';
import { nextRuns } from './cron.ts';
import type { Logger } from './log.ts';

export const jobIds = ['audit', 'probes', 'bulletin', 'housekeeping', 'recheck'] as const;
export type JobId = (typeof jobIds)[number];

export interface JobContext {
  /** Aborted when the service stops. */
  signal: AbortSignal;
  log: Logger;
  /** Wall-clock time the job started. */
  startedAt: Date;
  reason: 'scheduled' | 'once' | 'startup';
  /** Registers what to do if the job has not stopped by the stop deadline (persist its state, free its lock). */
  onAbandon(fn: () => Promise<void>): void;
}

/** A job's result: `ok` plus whatever is worth logging and showing in `govaudit status`. */
export type JobOutcome = { ok: boolean } & Record<string, unknown>;
export type JobFn = (ctx: JobContext) => Promise<JobOutcome>;

/** The part of a cron library the service uses. */
export interface CronScheduler {
  schedule(expression: string, fn: () => Promise<void>, opts: { timezone: string; name: string }): { stop(): void | Promise<void> };
}

/** node-cron 4: one task per job, never overlapping itself. */
export const nodeCronScheduler: CronScheduler = {
  schedule(expression, fn, opts) {
    return cron.schedule(expression, fn, { timezone: opts.timezone, name: opts.name, noOverlap: true });
  },
};

/** What the store keeps of a job's last run (records kind `scheduler.job`, key = job id). */
export interface JobRecord {
  lastStartedAt: string;
  lastFinishedAt: string | null;
  lastReason: JobContext['reason'];
  ok: boolean | null;
  outcome: Record<string, unknown> | null;
}

export const JOB_RECORD_KIND = 'scheduler.job';

export interface ServiceOptions {
  config: DistrictConfig;
  store: Store;
  log: Logger;
  jobs: Record<JobId, JobFn>;
  scheduler?: CronScheduler;
  clock?: () => Date;
}

export interface Service {
  /** Registers every job with the scheduler. */
  start(): void;
  /** Runs a job now (unless already running here: then its outcome is `{ ok: false, skipped }`). */
  runJob(id: JobId, reason?: JobContext['reason']): Promise<JobOutcome>;
  /** Jobs running now, in this process. */
  running(): JobId[];
  /** Next fire times of each job from the clock. */
  nextRuns(): Record<JobId, string | null>;
  /** Stops the schedule, aborts running jobs and waits for them up to `deadlineMs`; abandons the rest. True when all stopped in time. */
  stop(deadlineMs: number): Promise<boolean>;
}

export function createService(opts: ServiceOptions): Service {
  const { config, store, log } = opts;
  const clock = opts.clock ?? (() => new Date());
  const scheduler = opts.scheduler ?? nodeCronScheduler;
  const tasks: { stop(): void | Promise<void> }[] = [];
  const active = new Map<JobId, { promise: Promise<JobOutcome>; abort: AbortController; abandon: (() => Promise<void>)[] }>();
  let stopping = false;

  const record = (id: JobId, rec: JobRecord) =>
    store.upsertRecords(JOB_RECORD_KIND, [{ key: id, siteKey: null, data: rec, updatedAt: clock().toISOString() }]).catch((e) => log.error({ job: id, error: (e as Error).message }, 'could not record job state'));

  async function execute(id: JobId, reason: JobContext['reason'], abort: AbortController, abandon: (() => Promise<void>)[]): Promise<JobOutcome> {
    const startedAt = clock();
    const jobLog = log.child({ job: id });
    jobLog.info({ reason }, 'job started');
    await record(id, { lastStartedAt: startedAt.toISOString(), lastFinishedAt: null, lastReason: reason, ok: null, outcome: null });
    let outcome: JobOutcome;
    try {
      outcome = await opts.jobs[id]({ signal: abort.signal, log: jobLog, startedAt, reason, onAbandon: (fn) => void abandon.push(fn) });
    } catch (e) {
      outcome = { ok: false, error: (e as Error)?.message ?? String(e) };
    }
    const finishedAt = clock();
    (outcome.ok ? jobLog.info.bind(jobLog) : jobLog.warn.bind(jobLog))({ ...outcome, ms: finishedAt.getTime() - startedAt.getTime() }, 'job finished');
    await record(id, { lastStartedAt: startedAt.toISOString(), lastFinishedAt: finishedAt.toISOString(), lastReason: reason, ok: outcome.ok, outcome });
    return outcome;
  }

  const service: Service = {
    start() {
      for (const id of jobIds) {
        const expr = config.schedule[id];
        tasks.push(
          scheduler.schedule(
            expr,
            async () => {
              await service.runJob(id, 'scheduled');
            },
            { timezone: config.timezone, name: `govaudit-${id}` },
          ),
        );
        log.info({ job: id, cron: expr, timezone: config.timezone, next: service.nextRuns()[id] }, 'job scheduled');
      }
    },

    runJob(id, reason = 'scheduled') {
      if (stopping) return Promise.resolve({ ok: false, skipped: 'the service is stopping' });
      const current = active.get(id);
      if (current) {
        log.warn({ job: id }, 'job still running from its previous start; this start is skipped');
        return Promise.resolve({ ok: false, skipped: 'already running' });
      }
      const abort = new AbortController();
      const abandon: (() => Promise<void>)[] = [];
      const promise = execute(id, reason, abort, abandon).finally(() => active.delete(id));
      active.set(id, { promise, abort, abandon });
      return promise;
    },

    running: () => [...active.keys()],

    nextRuns() {
      const now = clock();
      return Object.fromEntries(jobIds.map((id) => [id, nextRuns(config.schedule[id], config.timezone, now, 1)[0]?.toISOString() ?? null])) as Record<JobId, string | null>;
    },

    async stop(deadlineMs) {
      stopping = true;
      await Promise.all(tasks.map((t) => Promise.resolve(t.stop()).catch(() => undefined)));
      const jobs = [...active.entries()];
      for (const [, j] of jobs) j.abort.abort();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        Promise.allSettled(jobs.map(([, j]) => j.promise)).then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), deadlineMs))),
      ]);
      clearTimeout(timer);
      if (!timedOut) return true;
      for (const [id, j] of active) {
        log.warn({ job: id }, 'job did not stop in time; abandoning it');
        for (const fn of j.abandon) await fn().catch((e) => log.error({ job: id, error: (e as Error).message }, 'abandon step failed'));
      }
      return false;
    },
  };
  return service;
}
