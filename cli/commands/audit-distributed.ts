// `govaudit audit --distributed`: enqueue the run's site jobs, then (unless --detach) wait for the workers to finish
// it and write its reports here, as a single-process audit would.
import type { DistrictConfig } from '../../config/schema.ts';
import type { Store } from '../../store/types.ts';
import type { RunSummary } from '../../scheduler/audit.ts';
import { enqueueAudit } from '../../scheduler/distributed/enqueue.ts';
import { exportRun } from '../../scheduler/distributed/finalize.ts';
import { openQueue, requirePostgres } from '../../scheduler/distributed/queue.ts';
import { waitForRun } from '../../scheduler/distributed/wait.ts';
import { UsageError } from '../command.ts';

export interface DistributedAuditOptions {
  config: DistrictConfig;
  store: Store;
  now: Date;
  outDir: string;
  siteIds?: string[];
  maxPages?: number;
  /** `--full`: the workers ignore the pages and link checks kept from earlier nights for this run. */
  full?: boolean;
  detach: boolean;
  quiet: boolean;
  signal: AbortSignal;
}

/** Returns the finished run's summary, or null when detached or when waiting was stopped (the run goes on). */
export async function auditDistributed(opts: DistributedAuditOptions): Promise<{ summary: RunSummary | null }> {
  let store: ReturnType<typeof requirePostgres>;
  try {
    store = requirePostgres(opts.store, 'govaudit audit --distributed');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const boss = await openQueue(store, opts.config.distributed, 'client');
  let runId: string;
  let total: number;
  try {
    const queued = await enqueueAudit({ config: opts.config, store, boss, now: opts.now, siteIds: opts.siteIds, maxPages: opts.maxPages, full: opts.full });
    runId = queued.runId;
    total = queued.siteIds.length;
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
  }
  const say = (line: string) => (opts.quiet ? undefined : process.stderr.write(line + '\n'));
  say(`run ${runId}: ${total} site jobs queued${opts.detach ? '' : '; waiting for workers (Ctrl-C stops waiting, the run goes on)'}`);
  if (opts.detach) {
    process.stdout.write(`${runId}\n`);
    return { summary: null };
  }
  let finished = 0;
  try {
    const run = await waitForRun(store, runId, {
      signal: opts.signal,
      onSite: (s) => say(`  ${s.siteId.padEnd(12)} ${s.state}${s.error ? ` (${s.error})` : ''}  ${++finished}/${total}`),
    });
    if (run.state !== 'done') throw new Error(`run ${runId} ended ${run.state}${run.error ? `: ${run.error}` : ''}`);
  } catch (e) {
    if (!opts.signal.aborted) throw e;
    say(`stopped waiting; run ${runId} goes on (govaudit status shows it)`);
    return { summary: null };
  }
  return { summary: await exportRun(runId, { config: opts.config, store, outDir: opts.outDir }) };
}
