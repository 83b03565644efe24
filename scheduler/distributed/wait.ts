// Waiting for a distributed run to end (what `govaudit audit --distributed` does unless --detach): polls the run
// row, reporting each site as it finishes, until the run leaves `running`.
import { setTimeout as delay } from 'node:timers/promises';
import type { RunRecord, SiteRunRecord, Store } from '../../store/types.ts';

/** Polls until the run is no longer running; rejects when `signal` aborts (the run goes on in the queue). */
export async function waitForRun(
  store: Store,
  runId: string,
  opts: { pollMs?: number; signal?: AbortSignal; onSite?: (site: SiteRunRecord) => void } = {},
): Promise<RunRecord> {
  const reported = new Set<string>();
  for (;;) {
    const run = await store.getRun(runId);
    if (!run) throw new Error(`run ${runId} not found`);
    for (const s of await store.listSiteRuns(runId)) {
      if ((s.state === 'done' || s.state === 'failed') && !reported.has(s.siteId)) {
        reported.add(s.siteId);
        opts.onSite?.(s);
      }
    }
    if (run.state !== 'running' && run.state !== 'queued') return run;
    await delay(opts.pollMs ?? 1_000, undefined, { signal: opts.signal });
  }
}
