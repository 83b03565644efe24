// Completing a distributed run: when every site of the run is done or failed, the run summary is built once from
// the stored site results (the same summary runAudit writes), the run is marked done, and — when the finishing
// worker has an output folder — run.json and the scorecards are written there. Each worker that finishes a site
// checks in turn under an advisory lock, so exactly one finalises. Also: exporting a finished run's files.
import type pg from 'pg';
import type { DistrictConfig, SiteConfig } from '../../config/schema.ts';
import type { Scorecard } from '../../reports/scorecard.ts';
import type { PostgresStore } from '../../store/postgres.ts';
import type { SiteRunRecord } from '../../store/types.ts';
import { reuseFinishedSite, summarizeRun, writeRunFiles, type RunSummary, type SiteOutcome } from '../audit.ts';
import { withExclusiveLock } from './locks.ts';
import { loadRunMeta } from './run-meta.ts';

/** Site states that end a site's part in a run. */
const TERMINAL = new Set<SiteRunRecord['state']>(['done', 'failed']);

export interface FinalizeDeps {
  config: DistrictConfig;
  store: PostgresStore;
  /** Connections for the finalise lock. */
  lockPool: pg.Pool;
  outDir?: string;
  clock?: () => Date;
}

/** Finalises `runId` when all its sites are done or failed; returns the summary when this call did it. */
export async function finalizeIfComplete(runId: string, deps: FinalizeDeps): Promise<RunSummary | null> {
  const { store } = deps;
  return withExclusiveLock(deps.lockPool, `govaudit:${store.schema}:finalize:${runId}`, 120_000, async () => {
    const run = await store.getRun(runId);
    if (run?.state !== 'running') return null;
    const siteRuns = new Map((await store.listSiteRuns(runId)).map((s) => [s.siteId, s]));
    if (!run.siteIds.every((id) => TERMINAL.has(siteRuns.get(id)?.state as SiteRunRecord['state']))) return null;
    const results = await siteOutcomes(run.siteIds, siteRuns, deps);
    const meta = await loadRunMeta(store, runId);
    const clock = deps.clock ?? (() => new Date());
    const summary = summarizeRun({
      runId,
      district: deps.config.district,
      asOf: run.asOf,
      startedAt: run.startedAt,
      finishedAt: clock().toISOString(),
      state: 'done',
      warnings: meta?.warnings ?? [],
      results,
    });
    await store.updateRun(runId, { state: 'done', finishedAt: summary.finishedAt, summary: summary as unknown as Record<string, unknown> });
    if (deps.outDir) await writeRunFiles(deps.outDir, summary, results, { config: deps.config, store });
    return summary;
  });
}

/**
 * Writes a finished run's scorecards and run.json into `outDir` from the store (what `audit --distributed` does on
 * the machine that asked for the audit). Returns the summary with this folder's scorecard paths.
 */
export async function exportRun(runId: string, deps: { config: DistrictConfig; store: PostgresStore; outDir: string }): Promise<RunSummary> {
  const run = await deps.store.getRun(runId);
  if (!run?.summary) throw new Error(`run ${runId} has no summary yet (state ${run?.state ?? 'unknown'})`);
  const stored = run.summary as unknown as RunSummary;
  const siteRuns = new Map((await deps.store.listSiteRuns(runId)).map((s) => [s.siteId, s]));
  const results = await siteOutcomes(run.siteIds, siteRuns, deps);
  const files = new Map(results.map((r) => [r.summary.siteId, r.summary.scorecard]));
  const summary: RunSummary = { ...stored, sites: stored.sites.map((s) => ({ ...s, scorecard: files.get(s.siteId) })) };
  await writeRunFiles(deps.outDir, summary, results, deps);
  return summary;
}

async function siteOutcomes(siteIds: string[], siteRuns: Map<string, SiteRunRecord>, deps: { config: DistrictConfig; store: PostgresStore; outDir?: string }): Promise<SiteOutcome[]> {
  const results: SiteOutcome[] = [];
  for (const siteId of siteIds) {
    const rec = siteRuns.get(siteId);
    const site = deps.config.sites.find((s) => s.id === siteId) ?? siteFromScorecard(siteId, rec?.scorecard as Scorecard | null);
    const base = { siteId, name: site.name, unit: site.unit, homepage: site.homepage };
    const reused = rec?.state === 'done' ? await reuseFinishedSite({ store: deps.store, runId: rec.runId, site, outDir: deps.outDir, config: deps.config }, base) : null;
    results.push(reused ?? { summary: { ...base, score: null, verdict: null, pages: 0, links: 0, findings: 0, byCode: {}, checks: {}, error: rec?.error ?? 'not audited' } });
  }
  return results;
}

/** A site no longer in this machine's config: named from its stored scorecard. */
function siteFromScorecard(siteId: string, scorecard: Scorecard | null): SiteConfig {
  return { id: siteId, name: scorecard?.siteName ?? siteId, unit: scorecard?.unit ?? '', homepage: '' } as SiteConfig;
}
