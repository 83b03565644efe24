// One audit run: config → gather (per site, isolated) → checks → findings (with cross-run identity) → score →
// scorecards (JSON + HTML) and run.json. One site that hangs or fails never stops the others.
import { configuredChromeWarning } from '../browser/chrome-path.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { ArtifactName } from '../contract/artifacts.ts';
import type { SiteArtifacts, Check } from '../checks/types.ts';
import type { Finding } from '../contract/finding.ts';
import { allChecks } from '../checks/index.ts';
import { runChecks } from '../checks/runner.ts';
import type { CheckResult } from '../contract/check-result.ts';
import type { DistrictConfig, SiteConfig } from '../config/schema.ts';
import { createCalendar } from '../calendar/workdays.ts';
import type { CrawlEvent } from '../crawler/events.ts';
import { createExternalLinkCache } from '../crawler/crawl.ts';
import { createFetcher } from '../crawler/fetcher.ts';
import { openIncrementalCache } from '../crawler/incremental.ts';
import { createResolver } from '../crawler/resolver.ts';
import { allGatherers, createRunResources, gatherSite } from '../crawler/gatherers.ts';
import type { Gatherer } from '../crawler/gatherer.ts';
import { buildScorecard } from '../reports/build-scorecard.ts';
import type { ReviewDecisions } from '../reports/review.ts';
import { decisionsFor } from '../reports/review-store.ts';
import { writeScorecardFiles, writeUnitScorecards } from '../reports/write-scorecard.ts';
import type { Scorecard } from '../reports/scorecard.ts';
import { pendingVetoFindings } from '../reports/rescore.ts';
import { screenshotScorecard } from './screenshots.ts';
import type { RunRecord, Store } from '../store/types.ts';
import { runPrepareSteps } from './prepare.ts';
import { dueSoonList, type DueSoonEntry } from '../imports/due-soon.ts';

export interface AuditOptions {
  config: DistrictConfig;
  store: Store;
  now: Date;
  /** Where run.json and scorecards/ are written; omitted = no files. */
  outDir?: string;
  siteIds?: string[];
  maxPages?: number;
  checks?: Check[];
  gatherers?: Gatherer[];
  runId?: string;
  kind?: string;
  /** Sites audited at once. */
  siteConcurrency?: number;
  /** Ignore the pages and link checks kept from earlier nights (`audit --full`); what is fetched is still kept. */
  full?: boolean;
  onEvent?: (e: AuditEvent) => void;
  signal?: AbortSignal;
}

export type AuditEvent =
  | CrawlEvent
  | { type: 'run-start'; runId: string; sites: string[] }
  | { type: 'site-scored'; siteId: string; score: number; verdict: string; findings: number; pages: number; links: number; error?: string }
  | { type: 'run-done'; runId: string; outDir?: string };

export interface RunSummary {
  runId: string;
  district: string;
  asOf: string;
  startedAt: string;
  finishedAt: string;
  state: 'done' | 'failed' | 'interrupted';
  warnings: string[];
  /** Open records of every kind to chase: deadline passed, due today or the next working day (imports/due-soon.ts). */
  dueSoon: DueSoonEntry[];
  sites: {
    siteId: string;
    name: string;
    unit: string;
    homepage: string;
    score: number | null;
    verdict: string | null;
    pages: number;
    links: number;
    findings: number;
    /** Findings awaiting review that would make the site 不合格 once confirmed. */
    pendingVetoes?: number;
    byCode: Record<string, number>;
    checks: Record<string, string>;
    error?: string;
    scorecard?: string;
  }[];
}

/** Runs one audit and returns the run and its scorecards. Throws only when it cannot run at all. */
export async function runAudit(opts: AuditOptions): Promise<{ run: RunRecord; summary: RunSummary; scorecards: Scorecard[] }> {
  const { config, store, now } = opts;
  const sites = selectSites(config, opts.siteIds);
  const checks = opts.checks ?? allChecks;
  const needed = new Set<ArtifactName>(checks.flatMap((c) => [...c.requires, ...(c.reads ?? [])]));
  const runId = opts.runId ?? `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomUUID().slice(0, 8)}`;
  const startedAt = new Date().toISOString();
  if (opts.outDir) await mkdir(join(opts.outDir, 'scorecards'), { recursive: true });
  const run = (await store.getRun(runId)) ?? (await store.createRun({ id: runId, kind: opts.kind ?? 'audit', asOf: now.toISOString(), startedAt, siteIds: sites.map((s) => s.id) }));
  // A queued run starts here; an interrupted one resumes (its finished sites are reused, see auditSite).
  if (run.state !== 'running') await store.updateRun(runId, { state: 'running', error: null });
  opts.onEvent?.({ type: 'run-start', runId, sites: sites.map((s) => s.id) });

  const warnings = await runPrepareSteps({ config, store, now });
  const chrome = configuredChromeWarning({ configured: config.accessibility.chromePath });
  if (chrome) warnings.push(chrome);

  const decisions = await decisionsFor(config, store, (message) => warnings.push(`${message} — the config's waivers and confirmations not applied`));
  const calendar = createCalendar(config.calendar ?? {});
  const resolver = createResolver(config.resolve);
  const fetcher = createFetcher({ config, resolver, onEvent: opts.onEvent });
  const shared = createRunResources();
  const externalCache = createExternalLinkCache();
  const limit = pLimit(opts.siteConcurrency ?? 3);
  const results: { summary: RunSummary['sites'][number]; scorecard?: Scorecard }[] = [];

  try {
    await Promise.all(
      sites.map((site) =>
        limit(async () => {
          if (opts.signal?.aborted) return;
          const r = await auditSite({ ...opts, site, runId, checks, needed, calendar, resolver, fetcher, shared, externalCache, asOf: run.asOf, decisions });
          results.push(r);
        }),
      ),
    );
  } finally {
    await shared.closeAll();
    await fetcher.close();
  }

  results.sort((a, b) => sites.findIndex((s) => s.id === a.summary.siteId) - sites.findIndex((s) => s.id === b.summary.siteId));
  const state = opts.signal?.aborted ? 'interrupted' : 'done';
  const summary = summarizeRun({ runId, district: config.district, asOf: run.asOf, startedAt, finishedAt: new Date().toISOString(), state, warnings, results });
  await store.updateRun(runId, { state, finishedAt: summary.finishedAt, summary: summary as unknown as Record<string, unknown> });
  if (opts.outDir) await writeRunFiles(opts.outDir, summary, results, { config, store });
  opts.onEvent?.({ type: 'run-done', runId, outDir: opts.outDir });
  return { run: (await store.getRun(runId))!, summary, scorecards: results.flatMap((r) => (r.scorecard ? [r.scorecard] : [])) };
}

/** The run summary from its sites' outcomes (kept in the order given) and the run-level warnings. */
export function summarizeRun(args: Omit<RunSummary, 'warnings' | 'dueSoon' | 'sites'> & { warnings: string[]; results: SiteOutcome[] }): RunSummary {
  const { warnings, results, ...head } = args;
  return {
    ...head,
    warnings: [...warnings, ...results.flatMap((r) => r.scorecard?.warnings.map((w) => `${r.summary.siteId}: ${w}`) ?? [])],
    dueSoon: dueSoonList(results.flatMap((r) => (r.scorecard ? [r.scorecard] : []))),
    sites: results.map((r) => r.summary),
  };
}

/** Writes the unit scorecards and run.json of a finished run (site scorecards are written as each site finishes). */
export async function writeRunFiles(outDir: string, summary: RunSummary, results: SiteOutcome[], deps: { config: DistrictConfig; store: Store }): Promise<void> {
  await writeUnitScorecards(outDir, results.flatMap((r) => (r.scorecard ? [r.scorecard] : [])), deps);
  await writeFile(join(outDir, 'run.json'), JSON.stringify(summary, null, 2) + '\n');
}

export function selectSites(config: DistrictConfig, ids?: string[]): SiteConfig[] {
  if (!ids?.length) return config.sites;
  const unknown = ids.filter((id) => !config.sites.some((s) => s.id === id));
  if (unknown.length) throw new Error(`--sites: unknown site id ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${config.sites.map((s) => s.id).join(', ')})`);
  return config.sites.filter((s) => ids.includes(s.id));
}

/** What auditing one site needs: the run's options plus resources shared by the sites of a run (or of a worker). */
export interface SiteAuditContext extends AuditOptions {
  site: SiteConfig;
  runId: string;
  asOf: string;
  checks: Check[];
  needed: Set<ArtifactName>;
  calendar: ReturnType<typeof createCalendar>;
  resolver: ReturnType<typeof createResolver>;
  fetcher: ReturnType<typeof createFetcher>;
  shared: ReturnType<typeof createRunResources>;
  externalCache: ReturnType<typeof createExternalLinkCache>;
  decisions: ReviewDecisions;
}

/** Audits one site of a run (or reuses its stored result when the run already finished it); never throws for a site failure. */
export async function auditSite(ctx: SiteAuditContext): Promise<{ summary: RunSummary['sites'][number]; scorecard?: Scorecard }> {
  const { site, store, runId, config } = ctx;
  const base = { siteId: site.id, name: site.name, unit: site.unit, homepage: site.homepage };
  const reused = await reuseFinishedSite(ctx, base);
  if (reused) return reused;
  await store.startSiteRun(runId, site.id, new Date().toISOString());
  try {
    const artifacts: SiteArtifacts = await gatherSite(
      {
        site,
        config,
        now: ctx.now,
        fetcher: ctx.fetcher,
        resolver: ctx.resolver,
        store,
        needed: ctx.needed,
        maxPages: ctx.maxPages,
        savePages: (pages) => store.savePages(runId, site.id, pages),
        externalCache: ctx.externalCache,
        openIncremental: config.crawl.incremental.enabled
          ? () =>
              openIncrementalCache({
                backend: store,
                siteId: site.id,
                config: config.crawl.incremental,
                full: ctx.full,
                maxBodyBytes: config.crawl.maxBodyBytes,
                now: () => ctx.now,
                warn: (message) => ctx.onEvent?.({ type: 'warning', siteId: site.id, message }),
              })
          : undefined,
        shared: ctx.shared,
        onEvent: ctx.onEvent,
        signal: ctx.signal,
      },
      ctx.gatherers ?? allGatherers,
    );
    if (ctx.signal?.aborted) return await interruptSite(ctx, base);
    if (artifacts.pages) await store.savePages(runId, site.id, artifacts.pages);
    if (artifacts.linkTargets) await store.saveLinkTargets(runId, site.id, artifacts.linkTargets);
    const results: CheckResult[] = runChecks(ctx.checks, artifacts, { now: ctx.now, timezone: config.timezone, config, site, calendar: ctx.calendar });
    const findings: Finding[] = results.flatMap((r) => r.findings);
    const previous = await store.previousSiteRun(site.id, { asOf: ctx.asOf, runId });
    let scorecard = buildScorecard({ runId, site, config, now: ctx.now, results, findings, previous: previous?.scorecard as Scorecard | null, decisions: ctx.decisions });
    // Problem screenshots, in the browser the accessibility gatherer already opened for this run (none without it).
    if (ctx.outDir && artifacts.accessibility) scorecard = (await screenshotScorecard(scorecard, { shared: ctx.shared, config, resolver: ctx.resolver, outDir: ctx.outDir })).card;
    await store.saveFindings(runId, site.id, scorecard.findings.map(({ waived: _w, indicators: _i, ...f }) => f));
    let file: string | undefined;
    if (ctx.outDir) file = await writeScorecardFiles(ctx.outDir, scorecard, { config, store });
    await store.finishSiteRun({ runId, siteId: site.id, state: 'done', finishedAt: new Date().toISOString(), score: scorecard.score, verdict: scorecard.verdict, scorecard, error: null });
    const byCode: Record<string, number> = {};
    for (const f of scorecard.findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    const summary = {
      ...base,
      score: scorecard.score,
      verdict: scorecard.verdict,
      pages: artifacts.crawl?.pagesCrawled ?? 0,
      links: artifacts.linkTargets?.filter((t) => !t.skipped).length ?? 0,
      findings: scorecard.findings.length,
      pendingVetoes: pendingVetoFindings(scorecard).length,
      byCode,
      checks: Object.fromEntries(results.map((r) => [r.id, r.status])),
      ...(artifacts.crawl?.fatal ? { error: artifacts.crawl.fatal } : {}),
      scorecard: file,
    };
    ctx.onEvent?.({ type: 'site-scored', siteId: site.id, score: scorecard.score, verdict: scorecard.verdict, findings: summary.findings, pages: summary.pages, links: summary.links, error: summary.error });
    return { summary, scorecard };
  } catch (e) {
    if (ctx.signal?.aborted) return await interruptSite(ctx, base);
    const error = (e as Error)?.message ?? String(e);
    await store.finishSiteRun({ runId, siteId: site.id, state: 'failed', finishedAt: new Date().toISOString(), score: null, verdict: null, scorecard: null, error });
    ctx.onEvent?.({ type: 'site-scored', siteId: site.id, score: 0, verdict: '', findings: 0, pages: 0, links: 0, error });
    return { summary: { ...base, score: null, verdict: null, pages: 0, links: 0, findings: 0, byCode: {}, checks: {}, error } };
  }
}

export type SiteBase = { siteId: string; name: string; unit: string; homepage: string };
/** One site's line of the run summary and its scorecard (none when it failed). */
export type SiteOutcome = { summary: RunSummary['sites'][number]; scorecard?: Scorecard };

/**
 * Site-level checkpoint of a resumed run: a site this run already finished is not gathered again; its stored
 * scorecard (and the findings saved with it) are reused and its report files rewritten.
 */
export async function reuseFinishedSite(ctx: Pick<SiteAuditContext, 'store' | 'runId' | 'site' | 'outDir' | 'config' | 'onEvent'>, base: SiteBase): Promise<SiteOutcome | null> {
  const prior = await ctx.store.getSiteRun(ctx.runId, ctx.site.id);
  if (prior?.state !== 'done' || !prior.scorecard) return null;
  const scorecard = prior.scorecard as Scorecard;
  let file: string | undefined;
  if (ctx.outDir) file = await writeScorecardFiles(ctx.outDir, scorecard, { config: ctx.config, store: ctx.store });
  const byCode: Record<string, number> = {};
  for (const f of scorecard.findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  const linkMetrics = (scorecard.metrics.links ?? {}) as { pagesCrawled?: number; linksChecked?: number };
  const summary = {
    ...base,
    score: scorecard.score,
    verdict: scorecard.verdict,
    pages: linkMetrics.pagesCrawled ?? (await ctx.store.countPages(ctx.runId, ctx.site.id)),
    links: linkMetrics.linksChecked ?? 0,
    findings: scorecard.findings.length,
    pendingVetoes: pendingVetoFindings(scorecard).length,
    byCode,
    checks: Object.fromEntries(scorecard.checks.map((c) => [c.id, c.status])),
    scorecard: file,
  };
  ctx.onEvent?.({ type: 'site-scored', siteId: ctx.site.id, score: scorecard.score, verdict: scorecard.verdict, findings: summary.findings, pages: summary.pages, links: summary.links });
  return { summary, scorecard };
}

/** A site cut short by a stop request: nothing of it is kept, so a resumed run audits it again from scratch. */
async function interruptSite(ctx: SiteAuditContext, base: SiteBase): Promise<SiteOutcome> {
  const error = 'interrupted';
  await ctx.store.finishSiteRun({ runId: ctx.runId, siteId: ctx.site.id, state: 'interrupted', finishedAt: new Date().toISOString(), score: null, verdict: null, scorecard: null, error });
  return { summary: { ...base, score: null, verdict: null, pages: 0, links: 0, findings: 0, byCode: {}, checks: {}, error } };
}
