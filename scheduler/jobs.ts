// The service's jobs wired to their implementations: the audit (with its lifecycle), homepage probes,
// the monthly bulletin, housekeeping and the re-checks units queued in the dashboard. Each returns a small outcome for the logs and `govaudit status`.
import type { DistrictConfig } from '../config/schema.ts';
import type { Store } from '../store/types.ts';
import { runAuditJob, type AuditJobOptions } from './audit-job.ts';
import { runMonthlyBulletin, type BulletinJobOptions } from './bulletin.ts';
import { bulletinOutDir, generateBulletin } from '../reports/bulletin/generate.ts';
import { runHousekeeping } from './housekeeping.ts';
import { runProbes } from './probe.ts';
import { runRecheckPass } from './recheck.ts';
import { enqueueScheduledAudit } from './distributed/scheduled.ts';
import type { JobFn, JobId } from './service.ts';
import { holderText } from './lock.ts';
import type { Notifier } from '../notify/outbox.ts';
import { notifyAfterBulletin, notifyAfterProbes } from './notify.ts';
import type { BulletinModel } from '../reports/bulletin/model.ts';

export interface JobDeps {
  config: DistrictConfig;
  store: Store;
  /** Wall clock. */
  clock?: () => Date;
  /** Audit clock forced by `--now` (tests, `--once`); default the wall clock. */
  now?: Date;
  /** Where the audit writes run.json and scorecards, and the bulletin its files. */
  outDir?: string;
  maxPages?: number;
  /** Audit-job seams (lock tuning, resume window). */
  audit?: Partial<Pick<AuditJobOptions, 'lock' | 'resumeWithinMs' | 'siteConcurrency'>>;
  /** Writes a month's bulletin into a folder (default: reports/bulletin/generate.ts into `<outDir>/bulletins`); tests inject one. */
  writeBulletin?: (opts: { month: string; now: Date; outDir: string }) => Promise<Awaited<ReturnType<BulletinJobOptions['write']>> & { model?: BulletinModel }>;
  /** Sends notifications (homepage outages after probes, the bulletin's parts after it is written); none when absent. */
  notifier?: Notifier | null;
}

export function createJobs(deps: JobDeps): Record<JobId, JobFn> {
  const clock = deps.clock ?? (() => new Date());
  return {
    async audit(ctx) {
      if (deps.config.distributed.scheduledAudits === 'queue')
        return enqueueScheduledAudit({ config: deps.config, store: deps.store, log: ctx.log, now: deps.now ?? clock(), reason: ctx.reason, maxPages: deps.maxPages, clock });
      const r = await runAuditJob({
        ...deps.audit,
        config: deps.config,
        store: deps.store,
        log: ctx.log,
        clock,
        now: deps.now,
        outDir: deps.outDir,
        maxPages: deps.maxPages,
        signal: ctx.signal,
        resumeOnly: ctx.reason === 'startup',
        onAbandon: ctx.onAbandon,
      });
      if (r.status === 'busy') return { ok: false, busy: true, holder: r.holder ? holderText(r.holder) : null };
      if (r.status === 'nothing-to-resume') return { ok: true, resumed: false };
      const sites = r.summary?.sites ?? [];
      return { ok: r.status === 'done', state: r.status, runId: r.runId, resumed: r.resumed, sites: sites.length, sitesFailed: sites.filter((s) => s.score === null).map((s) => s.siteId), ...(r.error ? { error: r.error } : {}) };
    },
    async probes(ctx) {
      const probes = await runProbes({ config: deps.config, store: deps.store, clock, signal: ctx.signal, spread: ctx.reason === 'scheduled', onProbe: (p) => (p.ok ? ctx.log.debug({ siteId: p.siteId, status: p.status, timeMs: p.timeMs }, 'probe ok') : ctx.log.warn({ siteId: p.siteId, status: p.status, error: p.error, timeMs: p.timeMs }, 'probe failed')) });
      if (deps.notifier)
        await notifyAfterProbes({ config: deps.config, store: deps.store, notifier: deps.notifier, log: ctx.log, clock }).catch((e) => ctx.log.error({ error: (e as Error).message }, 'homepage notifications failed'));
      return { ok: true, probes: probes.length, failed: probes.filter((p) => !p.ok).map((p) => p.siteId) };
    },
    async bulletin(ctx) {
      const now = deps.now ?? ctx.startedAt;
      const outDir = bulletinOutDir(deps.outDir ?? 'out');
      const write = deps.writeBulletin ?? ((o) => generateBulletin({ store: deps.store, config: deps.config, ...o }));
      let model: BulletinModel | undefined;
      const r = await runMonthlyBulletin({
        now,
        timezone: deps.config.timezone,
        write: async (month) => {
          const written = await write({ month, now, outDir });
          model = written.model;
          return { files: written.files, warnings: written.warnings };
        },
      });
      for (const w of r.warnings) ctx.log.warn({ month: r.month }, `bulletin: ${w}`);
      if (deps.notifier && model)
        await notifyAfterBulletin({ config: deps.config, store: deps.store, notifier: deps.notifier, log: ctx.log, clock }, model, false).catch((e) => ctx.log.error({ error: (e as Error).message }, 'bulletin notifications failed'));
      return { ok: true, ...r };
    },
    async recheck(ctx) {
      const pass = await runRecheckPass({ config: deps.config, store: deps.store, now: () => deps.now ?? clock(), clock, ...(deps.outDir ? { outDir: deps.outDir } : {}), ...(deps.audit?.lock ? { lock: deps.audit.lock } : {}) });
      if (pass.status === 'idle') return { ok: true, queued: 0 };
      if (pass.status === 'deferred') {
        ctx.log.info({ reason: pass.reason }, 're-checks wait for the next pass');
        return { ok: true, deferred: pass.reason };
      }
      const o = pass.outcomes;
      for (const x of o) (x.error ? ctx.log.warn.bind(ctx.log) : ctx.log.info.bind(ctx.log))({ siteId: x.siteId, runId: x.runId, closed: x.closed.length, reopened: x.reopened.length, ...(x.error ? { error: x.error } : {}) }, 're-check finished');
      return { ok: !o.some((x) => x.error), sites: o.length, closed: o.reduce((n, x) => n + x.closed.length, 0), reopened: o.reduce((n, x) => n + x.reopened.length, 0), failed: o.filter((x) => x.error).map((x) => x.siteId) };
    },
    async housekeeping() {
      const r = await runHousekeeping({ config: deps.config, store: deps.store, clock });
      return { ok: true, ...r };
    },
  };
}
