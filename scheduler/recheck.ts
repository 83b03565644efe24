// Runs the re-checks units asked for in the dashboard: for each site with a queued request, that site's checks run
// once (an audit of kind `recheck` over that site only); each rectification claim of the site is then closed when its
// finding is gone (已整改, with the date) or reopened with the new evidence; the requests are marked done.
// The service runs the queue on its own (job `recheck`, config `schedule.recheck`) under the audit lock, in its own
// process in both modes: a re-check is one site, so the distributed workers are not needed for it.
import type { DistrictConfig } from '../config/schema.ts';
import { listRectifications, listRechecks, queueRecheck, saveRectification } from '../reports/rectification.ts';
import type { Scorecard } from '../reports/scorecard.ts';
import type { Store } from '../store/types.ts';
import { runAudit } from './audit.ts';
import { DISTRIBUTED_RUN_KIND } from './distributed/enqueue.ts';
import { acquireLock, holderText, type LockOptions } from './lock.ts';

export interface RecheckOutcome {
  siteId: string;
  runId: string | null;
  closed: string[];
  reopened: string[];
  error?: string;
}

/** Audits one site and returns its scorecard (default: runAudit over that site). */
export type SiteAudit = (siteId: string) => Promise<Scorecard | null>;

export async function runRechecks(deps: { config: DistrictConfig; store: Store; now: () => Date; audit?: SiteAudit; outDir?: string }): Promise<RecheckOutcome[]> {
  const { config, store } = deps;
  const audit: SiteAudit =
    deps.audit ??
    (async (siteId) => (await runAudit({ config, store, now: deps.now(), siteIds: [siteId], kind: 'recheck', ...(deps.outDir ? { outDir: deps.outDir } : {}) })).scorecards[0] ?? null);
  const queued = (await listRechecks(store)).filter((r) => r.data.state === 'queued');
  const outcomes: RecheckOutcome[] = [];
  for (const siteId of [...new Set(queued.map((r) => r.data.siteId))]) {
    const mine = queued.filter((r) => r.data.siteId === siteId);
    let card: Scorecard | null = null;
    let error: string | undefined;
    try {
      if (!config.sites.some((s) => s.id === siteId)) throw new Error(`site ${siteId} is not in the config`);
      card = await audit(siteId);
      if (!card) throw new Error('the re-check produced no scorecard');
    } catch (e) {
      error = (e as Error).message;
    }
    const at = deps.now().toISOString();
    const outcome: RecheckOutcome = { siteId, runId: card?.runId ?? null, closed: [], reopened: [], ...(error ? { error } : {}) };
    if (card) {
      const present = new Map(card.findings.map((f) => [f.identity, f]));
      for (const r of (await listRectifications(store, siteId)).filter((x) => x.status === 'claimed')) {
        const still = present.get(r.identity);
        if (still) {
          await saveRectification(store, { ...r, status: 'reopened', checkedAt: at, runId: card.runId, evidence: still.evidence });
          outcome.reopened.push(r.identity);
        } else {
          await saveRectification(store, { ...r, status: 'closed', checkedAt: at, runId: card.runId });
          outcome.closed.push(r.identity);
        }
      }
    }
    for (const req of mine) await queueRecheck(store, { ...req.data, state: error ? 'failed' : 'done', finishedAt: at, ...(card ? { runId: card.runId } : {}), ...(error ? { error } : {}) });
    outcomes.push(outcome);
  }
  return outcomes;
}

/** What a locked pass over the re-check queue did. */
export type RecheckPass =
  | { status: 'idle' }
  | { status: 'deferred'; reason: string }
  | { status: 'done'; outcomes: RecheckOutcome[] };

export interface RecheckPassOptions {
  config: DistrictConfig;
  store: Store;
  /** The re-check's audit clock. */
  now: () => Date;
  /** Wall clock (lock heartbeats). */
  clock?: () => Date;
  outDir?: string;
  audit?: SiteAudit;
  /** Lock tuning and test seams. */
  lock?: Partial<Omit<LockOptions, 'store' | 'clock' | 'onLost'>>;
}

/**
 * Runs the queued re-checks under the audit lock, so a re-check never audits a store another audit is writing: when the
 * nightly audit (or another service) holds the lock, or a distributed run is still in the workers' hands, nothing runs
 * and the queue stays as it is for the next pass. An empty queue does not touch the lock.
 */
export async function runRecheckPass(opts: RecheckPassOptions): Promise<RecheckPass> {
  const { store } = opts;
  if (!(await listRechecks(store)).some((r) => r.data.state === 'queued')) return { status: 'idle' };
  const got = await acquireLock({ ...opts.lock, store, ...(opts.clock ? { clock: opts.clock } : {}) });
  if (!got.acquired) return { status: 'deferred', reason: `another audit holds the lock (${holderText(got.holder)})` };
  try {
    const running = (await store.listRuns({ state: 'running', limit: 50 })).find((r) => r.kind === DISTRIBUTED_RUN_KIND);
    if (running) return { status: 'deferred', reason: `distributed run ${running.id} is still running` };
    return { status: 'done', outcomes: await runRechecks(opts) };
  } finally {
    await got.lock.release();
  }
}
