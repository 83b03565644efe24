// `govaudit worker`: a distributed worker — takes site jobs from the PostgreSQL queue and audits them until
// SIGTERM/SIGINT. Run any number, on any machine, with the same config and database.
import { resolve } from 'node:path';
import { reapOnce } from '../../browser/registry.ts';
import { commonOptions, UsageError, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';
import { createLogger, logAuditEvent } from '../../scheduler/log.ts';
import { requirePostgres } from '../../scheduler/distributed/queue.ts';
import { startWorker } from '../../scheduler/distributed/worker.ts';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'distributed mode: take site jobs from the PostgreSQL queue and audit them until stopped',
  usage: 'govaudit worker [--config FILE] [--concurrency N] [--out DIR] [--drain-seconds N]',
  options: { ...commonOptions, concurrency: { type: 'string' }, out: { type: 'string' }, 'drain-seconds': { type: 'string' } },
  async run(values) {
    const concurrency = wholeNumber(values.concurrency, '--concurrency', 1, 64) ?? 2;
    const drainSeconds = wholeNumber(values['drain-seconds'], '--drain-seconds', 0, 86_400) ?? 60;
    const outDir = values.out === undefined ? undefined : resolve(values.out as string);
    // browsers left by a killed audit or worker on this machine go first (browser/registry.ts)
    await reapOnce();
    const loaded = await loadConfigOrDemo(values.config as string | undefined);
    const store = await openStoreFor(loaded.config, values.data as string | undefined);
    const log = createLogger();
    let signals = 0;
    let stopRequested: () => void = () => undefined;
    const stopped = new Promise<void>((r) => (stopRequested = r));
    const onSignal = (signal: NodeJS.Signals) => {
      if (++signals > 1) {
        log.warn({ signal }, 'second stop signal: exiting now (jobs in progress are retried after their expiry)');
        process.exit(1);
      }
      log.info({ signal, drainSeconds }, 'stop requested: finishing the sites in progress');
      stopRequested();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    try {
      let pgStore: ReturnType<typeof requirePostgres>;
      try {
        pgStore = requirePostgres(store, 'govaudit worker');
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const worker = await startWorker({
        config: loaded.config,
        store: pgStore,
        concurrency,
        log,
        outDir,
        onEvent: (runId, e) => logAuditEvent(log.child({ runId }), e),
      });
      await stopped;
      await worker.stop(drainSeconds * 1_000);
      return 0;
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      await store.close();
      await loaded.stopDemo?.();
      // nothing must keep a stopped worker alive (a keep-alive socket, a stray timer)
      setTimeout(() => process.exit(process.exitCode ?? 0), 1_500).unref();
    }
  },
};

function wholeNumber(value: unknown, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag}: expected a whole number ${min}–${max}, got "${String(value)}"`);
  return n;
}
