// `govaudit audit`: one audit now, of the config's district or (without --config) the bundled demo district.
import { access, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { resolve, relative } from 'node:path';
import { reapOnce } from '../../browser/registry.ts';
import { runAudit } from '../../scheduler/audit.ts';
import { acquireLock, holderText, type HeldLock } from '../../scheduler/lock.ts';
import { auditDistributed } from './audit-distributed.ts';
import { commonOptions, parseNow, UsageError, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';
import { createProgress } from '../progress.ts';
import { formatAuditSummary } from '../summary-text.ts';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'audit the district now (without --config: the bundled demo district)',
  usage: 'govaudit audit [--config FILE] [--out DIR] [--data DIR] [--sites id,id] [--now ISO] [--max-pages N] [--full] [--distributed [--detach]]',
  options: { ...commonOptions, out: { type: 'string' }, sites: { type: 'string' }, 'max-pages': { type: 'string' }, quiet: { type: 'boolean' }, full: { type: 'boolean' }, distributed: { type: 'boolean' }, detach: { type: 'boolean' } },
  async run(values) {
    const outDir = resolve((values.out as string) ?? 'out');
    const maxPages = values['max-pages'] === undefined ? undefined : Number(values['max-pages']);
    if (maxPages !== undefined && (!Number.isInteger(maxPages) || maxPages < 1)) throw new UsageError(`--max-pages: expected a whole number ≥ 1, got "${values['max-pages']}"`);
    try {
      await mkdir(outDir, { recursive: true });
      await access(outDir, constants.W_OK);
    } catch (e) {
      throw new UsageError(`--out: cannot write to ${outDir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    // browsers left by a killed audit or worker on this machine go first (browser/registry.ts)
    await reapOnce();
    const loaded = await loadConfigOrDemo(values.config as string | undefined);
    const store = await openStoreFor(loaded.config, values.data as string | undefined);
    const progress = values.quiet ? undefined : createProgress();
    const abort = new AbortController();
    const stop = () => abort.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const now = parseNow(values.now as string | undefined, loaded.config.asOf);
      const siteIds = typeof values.sites === 'string' ? values.sites.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      if (siteIds) {
        const unknown = siteIds.filter((id) => !loaded.config.sites.some((s) => s.id === id));
        if (unknown.length) throw new UsageError(`--sites: unknown site id ${unknown.join(', ')} (known: ${loaded.config.sites.map((s) => s.id).join(', ')})`);
      }
      if (values.detach && !values.distributed) throw new UsageError('--detach: only with --distributed');
      const { summary } = values.distributed
        ? await auditDistributed({ config: loaded.config, store, now, outDir, siteIds, maxPages, full: Boolean(values.full), detach: Boolean(values.detach), quiet: Boolean(values.quiet), signal: abort.signal })
        : await lockedAudit(store, abort, (lock) =>
            runAudit({
              config: loaded.config,
              store,
              now,
              outDir,
              siteIds,
              maxPages,
              full: Boolean(values.full),
              signal: abort.signal,
              onEvent: (e) => {
                if (e.type === 'run-start') void lock.setRun(e.runId).catch(() => undefined);
                progress?.onEvent(e);
              },
            }),
          );
      if (!summary) return 0;
      progress?.done();
      const rel = relative(process.cwd(), outDir) || '.';
      process.stdout.write(formatAuditSummary(summary, { timezone: loaded.config.timezone, demo: loaded.demo, reports: rel }));
      return 0;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await store.close();
      await loaded.stopDemo?.();
    }
  },
};

/**
 * Runs a single-process audit under the audit lock that `govaudit serve` also takes, so a manual audit never crawls
 * the district's servers at the same time as the nightly one (or another manual one) on the same store.
 */
async function lockedAudit<T>(store: Parameters<typeof acquireLock>[0]['store'], abort: AbortController, work: (lock: HeldLock) => Promise<T>): Promise<T> {
  const got = await acquireLock({ store, onLost: () => abort.abort() });
  if (!got.acquired) {
    throw new UsageError(`another audit is running on this store (${holderText(got.holder)}); wait for it to finish (govaudit status shows it) or stop it`);
  }
  try {
    return await work(got.lock);
  } finally {
    await got.lock.release();
  }
}
